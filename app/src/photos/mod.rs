//! Photos on the device: shrunk and hashed in the browser (`shrink`),
//! kept in the person's IndexedDB `photos` store before a record refers to
//! them (`held`), and sent to the server in the background after each
//! sync, apart from the record ops (`upload`). The rules are
//! `shared::photo`.
mod held;
mod shrink;
mod upload;

use leptos::prelude::*;

pub use held::{
    Usage, cache_fetched, drop_sent, full, is_uploaded, keep, listed, restore, thumb,
    unsent_for_backup, usage,
};
pub use shrink::shrink;
use upload::send_waiting;

thread_local! {
    static VERSION: ArcRwSignal<u64> = ArcRwSignal::new(0);
}

/// Bumped when a photo is kept or reaches the server: thumbnails re-read.
pub fn version() -> ArcRwSignal<u64> {
    VERSION.with(Clone::clone)
}

fn bump() {
    version().update(|v| *v += 1);
}

/// After a sync went through: photos of other devices may have arrived
/// (thumbnails look again), and this device's may go now.
pub fn after_sync() {
    bump();
    send_waiting();
    guard_space();
}

/// The storage guard, run when the device is near its quota (or a write
/// was refused): drops the full bytes of photos already on the server
/// (`shared::photo::guard`) and says how much it freed, after any notice
/// already up (a refused save stays said). Whether it freed anything.
pub async fn make_room() -> bool {
    let Ok(held) = listed().await else {
        return false;
    };
    let plan = shared::photo::guard::droppable(&held);
    if !shared::photo::guard::drop_automatically(true, &plan) {
        return false;
    }
    let Ok(freed) = drop_sent().await else {
        return false;
    };
    if freed.hashes.is_empty() {
        return false;
    }
    let said = shared::messages::dropped_sent_photos(
        freed.hashes.len(),
        &crate::pages::storage_panel::mb(freed.bytes as f64),
        true,
    );
    if let Some(syncer) = crate::sync::current() {
        syncer.notice.update(|n| {
            *n = Some(match n.take() {
                Some(before) => format!("{before} {said}"),
                None => said,
            });
        });
    }
    true
}

/// Checks the room left and makes some if the device is near its quota
/// (after a sync, after a refused write).
pub fn guard_space() {
    leptos::task::spawn_local(async {
        if crate::pages::storage_panel::nearly_full().await {
            make_room().await;
        }
    });
}

/// The bytes of a `Blob`.
pub async fn bytes_of(blob: &web_sys::Blob) -> Result<Vec<u8>, wasm_bindgen::JsValue> {
    let buffer = wasm_bindgen_futures::JsFuture::from(blob.array_buffer()).await?;
    Ok(js_sys::Uint8Array::new(&buffer).to_vec())
}
