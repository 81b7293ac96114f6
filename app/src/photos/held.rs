//! The `photos` object store of the person's database: `f/<sha256>` the
//! shrunk photo and `t/<sha256>` its thumbnail (as `Blob`s), `u/<sha256>`
//! once the server has the photo whole.
use std::cell::RefCell;

use js_sys::Array;
use wasm_bindgen::{JsCast, JsValue};
use web_sys::{Blob, IdbDatabase, IdbTransactionMode};

use crate::store::idb::{self, PHOTOS};

thread_local! {
    static DB: RefCell<Option<IdbDatabase>> = const { RefCell::new(None) };
}

async fn db() -> Result<IdbDatabase, JsValue> {
    if let Some(db) = DB.with(|d| d.borrow().clone()) {
        return Ok(db);
    }
    let user = crate::sync::current()
        .ok_or_else(|| JsValue::from_str("not signed in"))?
        .session
        .user
        .id
        .as_uuid();
    let db = idb::open(user).await?;
    DB.with(|d| *d.borrow_mut() = Some(db.clone()));
    Ok(db)
}

async fn put(entries: &[(String, JsValue)]) -> Result<(), JsValue> {
    let db = db().await?;
    let tx = db.transaction_with_str_and_mode(PHOTOS, IdbTransactionMode::Readwrite)?;
    let store = tx.object_store(PHOTOS)?;
    for (key, value) in entries {
        store.put_with_key(value, &JsValue::from_str(key))?;
    }
    idb::done(&tx).await
}

async fn get(key: &str) -> Result<Option<JsValue>, JsValue> {
    let db = db().await?;
    let tx = db.transaction_with_str(PHOTOS)?;
    let value = idb::request(&tx.object_store(PHOTOS)?.get(&JsValue::from_str(key))?).await?;
    Ok((!value.is_undefined() && !value.is_null()).then_some(value))
}

/// Keeps a shrunk photo and its thumbnail, in one transaction: the record
/// refers to the photo only after this has committed. A full storage
/// answers an error for which `idb::is_quota` holds.
pub async fn keep(hash: &str, full: &Blob, thumb: &Blob) -> Result<(), JsValue> {
    put(&[
        (format!("f/{hash}"), full.into()),
        (format!("t/{hash}"), thumb.into()),
    ])
    .await?;
    super::bump();
    Ok(())
}

/// A photo fetched from the server, kept for offline viewing (already on
/// the server, so never sent again).
pub async fn cache_fetched(hash: &str, blob: &Blob) -> Result<(), JsValue> {
    put(&[
        (format!("f/{hash}"), blob.into()),
        (format!("t/{hash}"), blob.into()),
        (format!("u/{hash}"), JsValue::TRUE),
    ])
    .await
}

/// Notes that the server has the photo whole.
pub async fn mark_uploaded(hash: &str) -> Result<(), JsValue> {
    put(&[(format!("u/{hash}"), JsValue::TRUE)]).await
}

/// The shrunk photo, if on this device.
pub async fn full(hash: &str) -> Option<Blob> {
    get(&format!("f/{hash}")).await.ok()??.dyn_into().ok()
}

/// The thumbnail, if on this device.
pub async fn thumb(hash: &str) -> Option<Blob> {
    get(&format!("t/{hash}")).await.ok()??.dyn_into().ok()
}

/// Whether the server has the photo whole (as far as this device knows).
pub async fn is_uploaded(hash: &str) -> bool {
    matches!(get(&format!("u/{hash}")).await, Ok(Some(_)))
}

/// Photos on this device the server does not have yet.
pub async fn waiting() -> Result<Vec<String>, JsValue> {
    let db = db().await?;
    let tx = db.transaction_with_str(PHOTOS)?;
    let keys: Array = idb::request(&tx.object_store(PHOTOS)?.get_all_keys()?)
        .await?
        .dyn_into()?;
    let keys: Vec<String> = keys.iter().filter_map(|k| k.as_string()).collect();
    Ok(keys
        .iter()
        .filter_map(|k| k.strip_prefix("f/"))
        .filter(|hash| !keys.iter().any(|k| k.strip_prefix("u/") == Some(*hash)))
        .map(str::to_owned)
        .collect())
}

/// What this person's photos take on the device.
#[derive(Debug, Clone, Copy, Default, PartialEq)]
pub struct Usage {
    pub photos: usize,
    /// Photos and thumbnails, in bytes.
    pub bytes: f64,
    /// Photos the server does not have yet.
    pub waiting: usize,
}

/// Counts the photos store (one read of every entry).
pub async fn usage() -> Result<Usage, JsValue> {
    let db = db().await?;
    let tx = db.transaction_with_str(PHOTOS)?;
    let store = tx.object_store(PHOTOS)?;
    let keys: Array = idb::request(&store.get_all_keys()?).await?.dyn_into()?;
    let values: Array = idb::request(&store.get_all()?).await?.dyn_into()?;
    let mut usage = Usage::default();
    let keys: Vec<String> = keys.iter().filter_map(|k| k.as_string()).collect();
    for (key, value) in keys.iter().zip(values.iter()) {
        if let Some(blob) = value.dyn_ref::<Blob>() {
            usage.bytes += blob.size();
        }
        if let Some(hash) = key.strip_prefix("f/") {
            usage.photos += 1;
            if !keys.iter().any(|k| k.strip_prefix("u/") == Some(hash)) {
                usage.waiting += 1;
            }
        }
    }
    Ok(usage)
}
