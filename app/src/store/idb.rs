//! IndexedDB through web-sys, as futures: open a person's database, await a
//! request, await a transaction's end. (web-sys directly rather than a
//! wrapper crate: the app needs a handful of calls, and each crate tried
//! (`idb`, `rexie`, `indexed_db_futures`) brings its own runtime pieces
//! into the officer's first download.)
use js_sys::{Function, Promise};
use wasm_bindgen::prelude::*;
use wasm_bindgen::{JsCast, JsValue};
use wasm_bindgen_futures::JsFuture;
use web_sys::{IdbDatabase, IdbOpenDbRequest, IdbRequest, IdbTransaction};

/// Object stores of a person's database: `kv` (the sync engine's entries)
/// and `photos` (photo bytes and thumbnails, by SHA-256).
pub const KV: &str = "kv";
pub const PHOTOS: &str = "photos";
const VERSION: u32 = 1;

/// The database of one person on this device (as localStorage had a
/// namespace per person): `dvk-u-<user id>`.
pub fn name_of(user: uuid::Uuid) -> String {
    format!("dvk-u-{user}")
}

/// The error of a failed request or transaction, in words.
pub fn describe(error: &JsValue) -> String {
    if let Some(exception) = error.dyn_ref::<web_sys::DomException>() {
        return format!("{}: {}", exception.name(), exception.message());
    }
    error.as_string().unwrap_or_else(|| format!("{error:?}"))
}

/// Whether the error says the storage is full.
pub fn is_quota(error: &JsValue) -> bool {
    error
        .dyn_ref::<web_sys::DomException>()
        .is_some_and(|e| e.name() == "QuotaExceededError")
}

/// Settles with the request's result once it succeeds or fails.
pub async fn request(request: &IdbRequest) -> Result<JsValue, JsValue> {
    let req = request.clone();
    let promise = Promise::new(&mut |resolve: Function, reject: Function| {
        let inside = req.clone();
        // One closure for both events: exactly one of them fires.
        let settle = Closure::once_into_js(move |event: web_sys::Event| {
            let req = inside;
            if event.type_() == "success" {
                let _ = resolve.call1(&JsValue::NULL, &req.result().unwrap_or(JsValue::NULL));
            } else {
                let error = req
                    .error()
                    .ok()
                    .flatten()
                    .map_or(JsValue::NULL, JsValue::from);
                let _ = reject.call1(&JsValue::NULL, &error);
            }
        });
        req.set_onsuccess(Some(settle.unchecked_ref()));
        req.set_onerror(Some(settle.unchecked_ref()));
    });
    JsFuture::from(promise).await
}

/// Settles once the transaction has committed (or failed: its error).
pub async fn done(tx: &IdbTransaction) -> Result<(), JsValue> {
    let t = tx.clone();
    let promise = Promise::new(&mut |resolve: Function, reject: Function| {
        let inside = t.clone();
        // `abort` follows every failure (a refused write too); `complete`
        // means every write is in the database.
        let settle = Closure::once_into_js(move |event: web_sys::Event| {
            let t = inside;
            if event.type_() == "complete" {
                let _ = resolve.call0(&JsValue::NULL);
            } else {
                let error = t.error().map_or(JsValue::NULL, JsValue::from);
                let _ = reject.call1(&JsValue::NULL, &error);
            }
        });
        t.set_oncomplete(Some(settle.unchecked_ref()));
        t.set_onabort(Some(settle.unchecked_ref()));
    });
    JsFuture::from(promise).await.map(|_| ())
}

/// Opens (creating or upgrading) a person's database.
pub async fn open(user: uuid::Uuid) -> Result<IdbDatabase, JsValue> {
    let factory = leptos::prelude::window()
        .indexed_db()?
        .ok_or_else(|| JsValue::from_str("window.indexedDB"))?;
    let open: IdbOpenDbRequest = factory.open_with_u32(&name_of(user), VERSION)?;
    let upgrading = open.clone();
    let upgrade = Closure::<dyn FnMut(web_sys::Event)>::new(move |_| {
        let Ok(result) = upgrading.result() else {
            return;
        };
        let db: IdbDatabase = result.unchecked_into();
        let names = db.object_store_names();
        for store in [KV, PHOTOS] {
            if !names.contains(store)
                && let Err(error) = db.create_object_store(store)
            {
                leptos::logging::warn!("store {store} not created: {error:?}");
            }
        }
    });
    open.set_onupgradeneeded(Some(upgrade.as_ref().unchecked_ref()));
    let result = request(&open).await;
    open.set_onupgradeneeded(None);
    drop(upgrade);
    let db: IdbDatabase = result?.dyn_into()?;
    // Another tab of a newer build wants to upgrade: let it.
    let closing = db.clone();
    let on_change = Closure::<dyn FnMut()>::new(move || closing.close());
    db.set_onversionchange(Some(on_change.as_ref().unchecked_ref()));
    on_change.forget();
    Ok(db)
}
