//! One tab syncs at a time: the Web Locks API (`navigator.locks`), whose
//! locks the browser releases when the tab that holds one is closed,
//! reloaded or crashes, so a dead tab never holds up the next sync. Where
//! a browser lacks it, the caller falls back to the lease in storage.
//!
//! Called through `Reflect`: web-sys has `LockManager` only behind its
//! unstable-API flag.
use js_sys::{Function, Object, Promise, Reflect};
use wasm_bindgen::prelude::*;
use wasm_bindgen::{JsCast, JsValue};
use wasm_bindgen_futures::JsFuture;

/// The held lock; dropping it releases the lock.
pub struct Held {
    release: Function,
}

impl Drop for Held {
    fn drop(&mut self) {
        if let Err(error) = self.release.call0(&JsValue::NULL) {
            leptos::logging::warn!("sync lock not released: {error:?}");
        }
    }
}

/// What asking for the lock gave.
pub enum Asked {
    Held(Held),
    /// Another tab holds it (only when asked with `wait = false`).
    Taken,
    /// This browser has no Web Locks.
    Unsupported,
}

fn lock_manager() -> Option<JsValue> {
    let navigator = leptos::prelude::window().navigator();
    Reflect::get(&navigator, &JsValue::from_str("locks"))
        .ok()
        .filter(|l| l.is_object())
}

/// A promise and its resolve and reject functions.
fn deferred() -> Result<(Promise, Function, Function), JsValue> {
    let mut parts = None;
    let promise = Promise::new(&mut |resolve, reject| parts = Some((resolve, reject)));
    let (resolve, reject) = parts.ok_or_else(|| JsValue::from_str("Promise executor not run"))?;
    Ok((promise, resolve, reject))
}

/// Asks for the exclusive lock `name`: waits in line for it when `wait`,
/// else takes it only if free.
pub async fn ask(name: &str, wait: bool) -> Result<Asked, JsValue> {
    let Some(locks) = lock_manager() else {
        return Ok(Asked::Unsupported);
    };
    let request: Function = Reflect::get(&locks, &JsValue::from_str("request"))?.dyn_into()?;
    let (granted, grant, refuse) = deferred()?;
    // The lock is held until this promise settles (`Held` is dropped).
    let (held, release, _) = deferred()?;
    let callback = Closure::once_into_js(move |lock: JsValue| -> JsValue {
        let _ = grant.call1(&JsValue::NULL, &JsValue::from_bool(!lock.is_null()));
        held.into()
    });
    let options = Object::new();
    Reflect::set(
        &options,
        &JsValue::from_str("ifAvailable"),
        &JsValue::from_bool(!wait),
    )?;
    let done: Promise = request
        .call3(&locks, &JsValue::from_str(name), &options, &callback)?
        .dyn_into()?;
    // A refused request (an opaque origin, say) must not leave us waiting.
    let catch: Function = Reflect::get(&done, &JsValue::from_str("catch"))?.dyn_into()?;
    catch.call1(&done, &refuse)?;
    let got = JsFuture::from(granted).await?;
    if got.as_bool() == Some(true) {
        Ok(Asked::Held(Held { release }))
    } else {
        // Not granted: the callback's promise is already settled by us.
        let _ = release.call0(&JsValue::NULL);
        Ok(Asked::Taken)
    }
}
