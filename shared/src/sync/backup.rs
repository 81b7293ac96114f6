//! A backup of everything one person has on one device (records, pending
//! and refused changes, drafts), as one JSON file, and its restore.
//!
//! Restore never deletes and never goes back in time: an entry is written
//! only where the device has nothing, a record only where the backup's copy
//! is newer, and the op clock only forward. Restored pending changes are
//! sent like any others; the server's op-id check makes a change that had
//! already arrived harmless.
//!
//! Two kinds of file: records only (`version` 1, the format older builds
//! read), and records with the photos not yet on the server (`version` 2,
//! the same plus `photos`, see [`photos`]). Both restore.
use std::collections::BTreeMap;

use chrono::{DateTime, Utc};
use serde::{Deserialize, Serialize};
use uuid::Uuid;

use super::engine::{CLOCK, DONE, Engine, LEASE, LOG, OUTBOX, RECORDS, REJECTED};
use super::protocol::RecordState;
use super::storage::{KeyValue, StorageError};

mod photos;

pub use photos::{BackupPhoto, PhotoBytes, PhotoProblem, Photos, file_bytes, photos_of};

pub const FORMAT: &str = "dvk-backup";
/// A file of records only.
pub const VERSION: u32 = 1;
/// A file of records with unsent photos.
pub const VERSION_PHOTOS: u32 = 2;

/// What a backup file carries, as the person chose.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Contents {
    /// Records, changes and drafts: small.
    RecordsOnly,
    /// The same and the photos the server does not have yet.
    WithUnsentPhotos,
}

#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
pub struct Backup {
    pub format: String,
    pub version: u32,
    pub user_id: Uuid,
    pub username: String,
    pub device_id: Uuid,
    pub created_at: DateTime<Utc>,
    /// Raw storage entries, keys relative to the person's namespace.
    pub entries: BTreeMap<String, String>,
    /// Unsent photos (`version` 2 only).
    #[serde(default, skip_serializing_if = "Vec::is_empty")]
    pub photos: Vec<BackupPhoto>,
}

#[derive(Debug, Clone, PartialEq, Eq, thiserror::Error)]
pub enum RestoreError {
    #[error("Tệp này không phải bản sao lưu DVK hoặc đã bị hỏng.")]
    BadFile,
    #[error("Bản sao lưu này của tài khoản {0}; hãy đăng nhập đúng tài khoản rồi khôi phục.")]
    OtherUser(String),
    #[error("{0}")]
    Storage(#[from] StorageError),
}

/// What a restore wrote.
#[derive(Debug, Clone, Copy, Default, PartialEq, Eq, Serialize, Deserialize)]
pub struct Restored {
    /// Entries written (new or newer).
    pub written: usize,
    /// Pending changes among them.
    pub pending: usize,
    /// Records among them.
    pub records: usize,
    /// Entries the device already had (same or newer).
    pub kept: usize,
}

/// Everything of the person on the device except the tab lease: each
/// storage entry as stored, and each record as `rec/<kind>/<id>` with the
/// JSON the server sent (the same whatever layout the device uses).
pub fn export<S: KeyValue>(
    engine: &Engine<S>,
    user_id: Uuid,
    username: &str,
    device_id: Uuid,
    now: DateTime<Utc>,
) -> Result<Backup, StorageError> {
    let store = engine.storage();
    let mut entries = BTreeMap::new();
    for key in store.keys("")? {
        if key == LEASE || key.starts_with(LOG) {
            continue;
        }
        if let Some(value) = store.get(&key)? {
            entries.insert(key, value);
        }
    }
    for (kind, id) in engine.record_keys() {
        if let Some(raw) = engine.raw_record(kind, id) {
            entries.insert(format!("{RECORDS}{}/{id}", kind.as_str()), raw.to_owned());
        }
    }
    Ok(Backup {
        format: FORMAT.to_owned(),
        version: VERSION,
        user_id,
        username: username.to_owned(),
        device_id,
        created_at: now,
        entries,
        photos: Vec::new(),
    })
}

/// Adds the unsent photos to a backup: the file becomes `version` 2 if
/// there are any (with none it stays one older builds read).
#[must_use]
pub fn with_photos(mut backup: Backup, photos: Vec<BackupPhoto>) -> Backup {
    if !photos.is_empty() {
        backup.version = VERSION_PHOTOS;
    }
    backup.photos = photos;
    backup
}

/// The downloaded file's name: `dvk-sao-luu-<user>-<yyyymmdd-hhmm>.json`,
/// `dvk-sao-luu-anh-…` with photos.
#[must_use]
pub fn file_name(username: &str, now: DateTime<Utc>, contents: Contents) -> String {
    let kind = match contents {
        Contents::RecordsOnly => "",
        Contents::WithUnsentPhotos => "anh-",
    };
    format!(
        "dvk-sao-luu-{kind}{username}-{}.json",
        now.format("%Y%m%d-%H%M")
    )
}

/// Reads a backup file's text.
pub fn parse(text: &str) -> Result<Backup, RestoreError> {
    let backup: Backup = serde_json::from_str(text).map_err(|_| RestoreError::BadFile)?;
    let known = match backup.version {
        VERSION => backup.photos.is_empty(),
        VERSION_PHOTOS => true,
        _ => false,
    };
    if backup.format != FORMAT || !known {
        return Err(RestoreError::BadFile);
    }
    Ok(backup)
}

/// The op id in an `outbox/<clock>-<op id>` or `rejected/<op id>` key.
fn op_id_of(key: &str) -> Option<&str> {
    if let Some(rest) = key.strip_prefix(OUTBOX) {
        return rest.split_once('-').map(|(_, op)| op);
    }
    key.strip_prefix(REJECTED)
}

/// Adds what `backup` has and the device lacks, then re-reads the engine.
/// Refuses another person's backup.
pub fn restore<S: KeyValue>(
    engine: &mut Engine<S>,
    backup: &Backup,
    user_id: Uuid,
) -> Result<Restored, RestoreError> {
    if backup.user_id != user_id {
        return Err(RestoreError::OtherUser(backup.username.clone()));
    }
    let mut done = Restored::default();
    let mut records = Vec::new();
    for (key, value) in &backup.entries {
        if key.starts_with(RECORDS) {
            match serde_json::from_str::<RecordState>(value) {
                Ok(record) => records.push(record),
                Err(_) => done.kept += 1,
            }
            continue;
        }
        if restore_entry(engine.storage_mut(), key, value)? {
            done.written += 1;
            if key.starts_with(OUTBOX) || key.starts_with(REJECTED) {
                done.pending += 1;
            }
        } else {
            done.kept += 1;
        }
    }
    let offered = records.len();
    let newer = engine.absorb(records)?;
    done.records = newer;
    done.written += newer;
    done.kept += offered - newer;
    engine.reload_local()?;
    Ok(done)
}

/// Writes one entry where the device has none (the clock only forward);
/// returns whether it wrote.
fn restore_entry(store: &mut impl KeyValue, key: &str, value: &str) -> Result<bool, StorageError> {
    let existing = store.get(key)?;
    // A refused change the person already fixed or dropped stays gone.
    // Keys sort `done/` first, so tombstones from the backup count too.
    let dealt_with = match op_id_of(key) {
        Some(op) => store.get(&format!("{DONE}{op}"))?.is_some(),
        None => false,
    };
    let write = match (key, &existing) {
        (LEASE, _) => false,
        _ if dealt_with => false,
        _ if key.starts_with(LOG) => false,
        (_, None) => true,
        (CLOCK, Some(old)) => {
            let old: u64 = old.parse().unwrap_or(0);
            value.parse::<u64>().is_ok_and(|new| new > old)
        }
        // Meta, pending and refused changes, drafts: the device's copy stays.
        (_, Some(_)) => false,
    };
    if write {
        store.set(key, value)?;
    }
    Ok(write)
}

#[cfg(test)]
mod tests;
