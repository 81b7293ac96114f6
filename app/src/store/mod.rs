//! Browser storage. One IndexedDB database per person on the device holds
//! everything of theirs (records, outbox, drafts, photos); localStorage
//! keeps only who is signed in and the device id. A device that kept a
//! person's data in localStorage (before IndexedDB) moves it in once, as
//! one transaction; until that commits the old data stays where it was,
//! and if it cannot commit the app carries on with the old storage.
pub mod idb;
mod kv;
pub mod local;

pub use kv::IdbKv;
pub use local::{Loaded, UserStorage, load, remove, save};

use shared::sync::{KeyValue, SharedText, StorageError};
use uuid::Uuid;

/// Written in a person's database in the same transaction as the data
/// moved from localStorage: from then on localStorage is not read.
pub const MIGRATED: &str = "device/migrated";

/// What stays in localStorage: the tab lease (where Web Locks are
/// missing) and the reviewer's filters (a screen's choice, read there).
fn stays(key: &str) -> bool {
    key == "sync/lease" || key.starts_with("review/")
}

/// The engine's storage: IndexedDB, or localStorage where IndexedDB is
/// missing or the move into it failed.
pub enum Backend {
    Idb(IdbKv),
    Local(UserStorage),
}

impl KeyValue for Backend {
    fn get(&self, key: &str) -> Result<Option<String>, StorageError> {
        match self {
            Backend::Idb(kv) => kv.get(key),
            Backend::Local(local) => local.get(key),
        }
    }

    fn set(&mut self, key: &str, value: &str) -> Result<(), StorageError> {
        match self {
            Backend::Idb(kv) => kv.set(key, value),
            Backend::Local(local) => local.set(key, value),
        }
    }

    fn remove(&mut self, key: &str) -> Result<(), StorageError> {
        match self {
            Backend::Idb(kv) => kv.remove(key),
            Backend::Local(local) => local.remove(key),
        }
    }

    fn keys(&self, prefix: &str) -> Result<Vec<String>, StorageError> {
        match self {
            Backend::Idb(kv) => kv.keys(prefix),
            Backend::Local(local) => local.keys(prefix),
        }
    }

    fn get_shared(&self, key: &str) -> Result<Option<SharedText>, StorageError> {
        match self {
            Backend::Idb(kv) => kv.get_shared(key),
            Backend::Local(local) => local.get_shared(key),
        }
    }

    fn set_shared(&mut self, key: &str, value: SharedText) -> Result<(), StorageError> {
        match self {
            Backend::Idb(kv) => kv.set_shared(key, value),
            Backend::Local(local) => local.set_shared(key, value),
        }
    }
}

/// What opening a person's storage found.
pub struct Opened {
    pub kv: IdbKv,
    /// localStorage keys copied in, to remove once the copy has committed.
    pub moved: Vec<String>,
}

/// Opens the person's IndexedDB database; copies in their localStorage
/// entries if this is its first use (or if a tab of an older build wrote
/// changes there since). Nothing is written until the caller flushes.
pub async fn open(user: Uuid, now: chrono::DateTime<chrono::Utc>) -> Result<Opened, String> {
    let mut kv = IdbKv::open(user).await.map_err(|e| idb::describe(&e))?;
    let old = UserStorage::for_user(user);
    let first = kv.get(MIGRATED).ok().flatten().is_none();
    let wanted = |key: &str| {
        !stays(key)
            && (first
                || key.starts_with("outbox/")
                || key.starts_with("rejected/")
                || key.starts_with("done/"))
    };
    let mut moved = Vec::new();
    for key in old.keys("").map_err(|e| e.to_string())? {
        if !wanted(&key) || kv.get(&key).ok().flatten().is_some() {
            continue;
        }
        if let Some(value) = old.get(&key).map_err(|e| e.to_string())? {
            kv.set(&key, &value).map_err(|e| e.to_string())?;
            moved.push(key);
        }
    }
    if first {
        kv.set(MIGRATED, &now.to_rfc3339())
            .map_err(|e| e.to_string())?;
    }
    Ok(Opened { kv, moved })
}

/// Whether localStorage holds anything of this person to move: an older
/// build's data, or what a tab of it wrote since the move (unreadable
/// storage counts as yes: `open` then reports it).
pub fn has_local_data(user: Uuid) -> bool {
    match UserStorage::for_user(user).keys("") {
        Ok(keys) => keys.iter().any(|k| !stays(k)),
        Err(_) => true,
    }
}

/// Removes the localStorage entries whose copy is now in IndexedDB.
pub fn forget_moved(user: Uuid, moved: &[String]) {
    let mut old = UserStorage::for_user(user);
    for key in moved {
        if let Err(error) = old.remove(key) {
            leptos::logging::warn!("old entry {key} not removed: {error}");
        }
    }
}
