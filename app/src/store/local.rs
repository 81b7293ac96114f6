//! Browser storage (localStorage). The sync engine's keys live under a
//! per-user namespace, so two people on one tablet never see each other's
//! data; reads never block start-up (corrupt values are kept aside).
use gloo_storage::errors::StorageError as GlooError;
use gloo_storage::{LocalStorage, Storage};
use serde::Serialize;
use serde::de::DeserializeOwned;
use shared::sync::{KeyValue, StorageError};

const PREFIX: &str = "dvk/v1/";

pub enum Loaded<T> {
    Value(T),
    Missing,
    /// The stored text did not parse; it is kept under `corrupt/`.
    Corrupt,
}

fn full_key(key: &str) -> String {
    format!("{PREFIX}{key}")
}

fn raw() -> web_sys::Storage {
    LocalStorage::raw()
}

/// Reads a device-wide value (session, device id, drafts).
pub fn load<T: DeserializeOwned>(key: &str) -> Loaded<T> {
    let key = full_key(key);
    match LocalStorage::get::<T>(&key) {
        Ok(value) => Loaded::Value(value),
        Err(GlooError::KeyNotFound(_)) => Loaded::Missing,
        Err(_) => {
            let text = raw().get_item(&key).ok().flatten().unwrap_or_default();
            let aside = format!(
                "{PREFIX}corrupt/{key}/{}",
                crate::clock::now().timestamp_millis()
            );
            // The original goes only once its copy is safely written.
            if raw().set_item(&aside, &text).is_ok() {
                let _ = raw().remove_item(&key);
            }
            Loaded::Corrupt
        }
    }
}

/// Writes a device-wide value; an error (quota, storage disabled) is
/// returned so the UI never says "saved" when it is not.
pub fn save<T: Serialize>(key: &str, value: &T) -> Result<(), GlooError> {
    LocalStorage::set(full_key(key), value)
}

pub fn remove(key: &str) {
    LocalStorage::delete(full_key(key));
}

/// The sync engine's storage for one user: `dvk/v1/u/<user id>/…`.
#[derive(Debug, Clone)]
pub struct UserStorage {
    prefix: String,
}

impl UserStorage {
    pub fn for_user(user: uuid::Uuid) -> Self {
        UserStorage {
            prefix: format!("{PREFIX}u/{user}/"),
        }
    }
}

fn read_error(error: wasm_bindgen::JsValue) -> StorageError {
    StorageError::Read(format!("{error:?}"))
}

fn write_error(error: wasm_bindgen::JsValue) -> StorageError {
    StorageError::Write(format!("{error:?}"))
}

impl KeyValue for UserStorage {
    fn get(&self, key: &str) -> Result<Option<String>, StorageError> {
        raw()
            .get_item(&format!("{}{key}", self.prefix))
            .map_err(read_error)
    }

    fn set(&mut self, key: &str, value: &str) -> Result<(), StorageError> {
        // Summaries beside the log are a cache of it (`Engine::listed`),
        // not kept in localStorage's few megabytes: the records need them.
        if key.starts_with(shared::sync::SIDE) {
            return Err(StorageError::Write(
                "localStorage keeps no summaries".into(),
            ));
        }
        raw()
            .set_item(&format!("{}{key}", self.prefix), value)
            .map_err(write_error)
    }

    fn remove(&mut self, key: &str) -> Result<(), StorageError> {
        raw()
            .remove_item(&format!("{}{key}", self.prefix))
            .map_err(write_error)
    }

    fn keys(&self, prefix: &str) -> Result<Vec<String>, StorageError> {
        let storage = raw();
        let want = format!("{}{prefix}", self.prefix);
        let count = storage.length().map_err(read_error)?;
        let mut keys = Vec::new();
        for i in 0..count {
            if let Some(key) = storage.key(i).map_err(read_error)?
                && let Some(rest) = key.strip_prefix(&self.prefix)
                && key.starts_with(&want)
            {
                keys.push(rest.to_owned());
            }
        }
        keys.sort();
        Ok(keys)
    }
}

/// What browsers give one site in localStorage (about 5 million characters).
pub const LOCAL_LIMIT_CHARS: usize = 5_000_000;

/// Characters stored: (everything of this app, one person's part).
pub fn usage(user: uuid::Uuid) -> (usize, usize) {
    let storage = raw();
    let mine = format!("{PREFIX}u/{user}/");
    let count = storage.length().unwrap_or(0);
    let (mut all, mut own) = (0, 0);
    for i in 0..count {
        let Some(key) = storage.key(i).ok().flatten() else {
            continue;
        };
        let size = key.chars().count()
            + storage
                .get_item(&key)
                .ok()
                .flatten()
                .map_or(0, |v| v.chars().count());
        all += size;
        if key.starts_with(&mine) {
            own += size;
        }
    }
    (all, own)
}

/// Whether the device is close to the limit (warn before a write fails).
pub fn nearly_full(used: usize) -> bool {
    used * 10 >= LOCAL_LIMIT_CHARS * 8
}
