//! The `photos` object store of the person's database: `f/<sha256>` the
//! shrunk photo and `t/<sha256>` its thumbnail (as `Blob`s), `u/<sha256>`
//! once the server has the photo whole. A sent photo's `f/` may be dropped
//! when space is short (`drop_sent`); its `t/` and `u/` stay.
use std::cell::RefCell;

use js_sys::Array;
use wasm_bindgen::{JsCast, JsValue};
use web_sys::{Blob, IdbDatabase, IdbTransactionMode};

use shared::photo::guard;
use shared::sync::backup::{BackupPhoto, PhotoBytes};

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
    let entries = [
        (format!("f/{hash}"), JsValue::from(full)),
        (format!("t/{hash}"), JsValue::from(thumb)),
    ];
    match put(&entries).await {
        // Full: photos already on the server make room first, then once more.
        Err(error) if idb::is_quota(&error) => {
            let freed = drop_sent().await.map(|p| p.bytes).unwrap_or(0);
            if freed == 0 {
                return Err(error);
            }
            put(&entries).await?;
        }
        other => other?,
    }
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

/// Every photo on the device: full bytes held (and their size), sent or not.
pub async fn listed() -> Result<Vec<guard::Held>, JsValue> {
    let db = db().await?;
    let tx = db.transaction_with_str(PHOTOS)?;
    let store = tx.object_store(PHOTOS)?;
    let keys: Array = idb::request(&store.get_all_keys()?).await?.dyn_into()?;
    let values: Array = idb::request(&store.get_all()?).await?.dyn_into()?;
    let keys: Vec<String> = keys.iter().filter_map(|k| k.as_string()).collect();
    let mut full = std::collections::BTreeMap::new();
    let mut hashes = std::collections::BTreeSet::new();
    let mut sent = std::collections::BTreeSet::new();
    for (key, value) in keys.iter().zip(values.iter()) {
        if let Some((kind, hash)) = key.split_once('/') {
            hashes.insert(hash.to_owned());
            match kind {
                "f" => {
                    let size = value.dyn_ref::<Blob>().map_or(0.0, Blob::size);
                    full.insert(hash.to_owned(), size as u64);
                }
                "u" => {
                    sent.insert(hash.to_owned());
                }
                _ => {}
            }
        }
    }
    Ok(hashes
        .into_iter()
        .map(|hash| guard::Held {
            full_bytes: full.get(&hash).copied(),
            uploaded: sent.contains(&hash),
            sha256: hash,
        })
        .collect())
}

/// Drops the full bytes of sent photos (`guard::droppable` decides); the
/// thumbnails and the "sent" marks stay. Returns what it freed.
pub async fn drop_sent() -> Result<guard::Plan, JsValue> {
    let plan = guard::droppable(&listed().await?);
    if plan.hashes.is_empty() {
        return Ok(plan);
    }
    let db = db().await?;
    let tx = db.transaction_with_str_and_mode(PHOTOS, IdbTransactionMode::Readwrite)?;
    let store = tx.object_store(PHOTOS)?;
    for hash in &plan.hashes {
        store.delete(&JsValue::from_str(&format!("f/{hash}")))?;
    }
    idb::done(&tx).await?;
    super::bump();
    Ok(plan)
}

/// The photos not yet on the server, with their thumbnails, for a backup.
pub async fn unsent_for_backup() -> Result<Vec<BackupPhoto>, JsValue> {
    let mut out = Vec::new();
    for hash in waiting().await? {
        let Some(full) = full(&hash).await else {
            continue;
        };
        let full = super::bytes_of(&full).await?;
        let thumb = match thumb(&hash).await {
            Some(t) => super::bytes_of(&t).await?,
            None => Vec::new(),
        };
        out.push(BackupPhoto::new(&hash, &full, &thumb));
    }
    Ok(out)
}

fn blob_of(bytes: &[u8], media_type: &str) -> Result<Blob, JsValue> {
    let parts = Array::of1(&js_sys::Uint8Array::from(bytes));
    let options = web_sys::BlobPropertyBag::new();
    options.set_type(media_type);
    Blob::new_with_u8_array_sequence_and_options(&parts, &options)
}

/// Keeps photos read from a backup file (checked by `shared`), in one
/// transaction; they are sent after the next sync like any waiting photo.
/// A photo the server already has is skipped then (its upload answers
/// "complete").
pub async fn restore(photos: &[PhotoBytes]) -> Result<(), JsValue> {
    let mut entries = Vec::new();
    for photo in photos {
        let kind = photo.media_type.as_str();
        let full = blob_of(&photo.full, kind)?;
        let thumb = if photo.thumb.is_empty() {
            full.clone()
        } else {
            let kind = shared::photo::MediaType::sniff(&photo.thumb).unwrap_or(photo.media_type);
            blob_of(&photo.thumb, kind.as_str())?
        };
        entries.push((format!("f/{}", photo.sha256), full.into()));
        entries.push((format!("t/{}", photo.sha256), thumb.into()));
    }
    if entries.is_empty() {
        return Ok(());
    }
    put(&entries).await?;
    super::bump();
    Ok(())
}
