//! Browser storage (gloo-storage, JSON values). Reads never block start-up:
//! a value that no longer parses is kept aside under a `corrupt/` key and
//! the caller is told, so nothing is lost and the app carries on.
use gloo_storage::errors::StorageError;
use gloo_storage::{LocalStorage, Storage};
use serde::Serialize;
use serde::de::DeserializeOwned;

const PREFIX: &str = "dvk/v1/";

pub enum Loaded<T> {
    Value(T),
    Missing,
    /// The stored text did not parse; it was copied to the named key.
    Corrupt {
        kept_at: String,
    },
}

fn full_key(key: &str) -> String {
    format!("{PREFIX}{key}")
}

pub fn load<T: DeserializeOwned>(key: &str) -> Loaded<T> {
    let key = full_key(key);
    match LocalStorage::get::<T>(&key) {
        Ok(value) => Loaded::Value(value),
        Err(StorageError::KeyNotFound(_)) => Loaded::Missing,
        Err(_) => {
            let raw = LocalStorage::raw()
                .get_item(&key)
                .ok()
                .flatten()
                .unwrap_or_default();
            let kept_at = format!("{PREFIX}corrupt/{key}/{}", js_sys_now());
            let _ = LocalStorage::raw().set_item(&kept_at, &raw);
            let _ = LocalStorage::raw().remove_item(&key);
            Loaded::Corrupt { kept_at }
        }
    }
}

/// Writes one value; an error (quota, storage disabled) is returned so the
/// UI can say so instead of pretending it saved.
pub fn save<T: Serialize>(key: &str, value: &T) -> Result<(), StorageError> {
    LocalStorage::set(full_key(key), value)
}

fn js_sys_now() -> u64 {
    web_sys::window()
        .and_then(|w| w.performance())
        .map(|p| (p.time_origin() + p.now()) as u64)
        .unwrap_or_default()
}
