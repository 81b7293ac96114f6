//! Photos on the device: shrunk and hashed in the browser (`shrink`),
//! kept in the person's IndexedDB `photos` store before a record refers to
//! them (`held`), and sent to the server in the background after each
//! sync, apart from the record ops (`upload`). The rules are
//! `shared::photo`.
mod held;
mod shrink;
mod upload;

use leptos::prelude::*;

pub use held::{Usage, cache_fetched, full, is_uploaded, keep, thumb, usage};
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
}

/// The bytes of a `Blob`.
pub async fn bytes_of(blob: &web_sys::Blob) -> Result<Vec<u8>, wasm_bindgen::JsValue> {
    let buffer = wasm_bindgen_futures::JsFuture::from(blob.array_buffer()).await?;
    Ok(js_sys::Uint8Array::new(&buffer).to_vec())
}
