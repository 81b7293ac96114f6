//! A backup of everything one person has on one device (records, pending
//! and refused changes, drafts), as one JSON file, and its restore.
//!
//! Restore never deletes and never goes back in time: an entry is written
//! only where the device has nothing, a record only where the backup's copy
//! is newer, and the op clock only forward. Restored pending changes are
//! sent like any others; the server's op-id check makes a change that had
//! already arrived harmless.
use std::collections::BTreeMap;

use chrono::{DateTime, Utc};
use serde::{Deserialize, Serialize};
use uuid::Uuid;

use super::engine::{CLOCK, DONE, LEASE, OUTBOX, RECORDS, REJECTED};
use super::storage::{KeyValue, StorageError};

pub const FORMAT: &str = "dvk-backup";
pub const VERSION: u32 = 1;

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

/// Everything under the person's namespace except the tab lease.
pub fn export(
    store: &impl KeyValue,
    user_id: Uuid,
    username: &str,
    device_id: Uuid,
    now: DateTime<Utc>,
) -> Result<Backup, StorageError> {
    let mut entries = BTreeMap::new();
    for key in store.keys("")? {
        if key == LEASE {
            continue;
        }
        if let Some(value) = store.get(&key)? {
            entries.insert(key, value);
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
    })
}

/// Reads a backup file's text.
pub fn parse(text: &str) -> Result<Backup, RestoreError> {
    let backup: Backup = serde_json::from_str(text).map_err(|_| RestoreError::BadFile)?;
    if backup.format != FORMAT || backup.version != VERSION {
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

fn version_of(text: &str) -> Option<u64> {
    serde_json::from_str::<serde_json::Value>(text)
        .ok()?
        .get("version")?
        .as_u64()
}

/// Adds what `backup` has and the device lacks. Refuses another person's backup.
pub fn restore(
    store: &mut impl KeyValue,
    backup: &Backup,
    user_id: Uuid,
) -> Result<Restored, RestoreError> {
    if backup.user_id != user_id {
        return Err(RestoreError::OtherUser(backup.username.clone()));
    }
    let mut done = Restored::default();
    // Keys sort `done/` first, so tombstones from the backup count too.
    for (key, value) in &backup.entries {
        let existing = store.get(key)?;
        let dealt_with = match op_id_of(key) {
            Some(op) => store.get(&format!("{DONE}{op}"))?.is_some(),
            None => false,
        };
        let write = match (key.as_str(), &existing) {
            (LEASE, _) => false,
            // A refused change the person already fixed or dropped stays gone.
            _ if dealt_with => false,
            (_, None) => true,
            (CLOCK, Some(old)) => {
                let old: u64 = old.parse().unwrap_or(0);
                value.parse::<u64>().is_ok_and(|new| new > old)
            }
            (k, Some(old)) if k.starts_with(RECORDS) => {
                version_of(value).unwrap_or(0) > version_of(old).unwrap_or(0)
            }
            // Meta, pending and refused changes, drafts: the device's copy stays.
            (_, Some(_)) => false,
        };
        if !write {
            done.kept += 1;
            continue;
        }
        store.set(key, value)?;
        done.written += 1;
        if key.starts_with(OUTBOX) || key.starts_with(REJECTED) {
            done.pending += 1;
        } else if key.starts_with(RECORDS) {
            done.records += 1;
        }
    }
    Ok(done)
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::sync::MemoryStorage;

    fn at() -> DateTime<Utc> {
        DateTime::from_timestamp(1_750_000_000, 0).unwrap_or_default()
    }

    fn user() -> Uuid {
        Uuid::from_u128(7)
    }

    fn filled() -> MemoryStorage {
        let mut s = MemoryStorage::default();
        for (k, v) in [
            ("outbox/0000000000000005-a", "{\"op\":1}"),
            ("rejected/b", "{\"op\":2}"),
            ("rec/model/c", "{\"version\":4,\"fields\":{}}"),
            ("sync/meta", "{\"cursor\":4}"),
            ("sync/clock", "5"),
            ("sync/lease", "{\"holder\":\"tab\"}"),
            ("draft/new-model-name", "\"Dân vận khéo\""),
        ] {
            let _ = s.set(k, v);
        }
        s
    }

    #[cfg_attr(not(target_arch = "wasm32"), test)]
    #[cfg_attr(target_arch = "wasm32", wasm_bindgen_test::wasm_bindgen_test)]
    fn a_backup_restores_into_an_empty_device_without_the_lease() -> Result<(), RestoreError> {
        let source = filled();
        let backup = export(&source, user(), "canbo", Uuid::nil(), at())?;
        let text = serde_json::to_string(&backup).map_err(|_| RestoreError::BadFile)?;
        let mut fresh = MemoryStorage::default();
        let done = restore(&mut fresh, &parse(&text)?, user())?;
        assert_eq!(done.written, 6);
        assert_eq!(done.pending, 2);
        assert_eq!(done.records, 1);
        let mut expected = source.data.clone();
        expected.remove("sync/lease");
        assert_eq!(fresh.data, expected);
        Ok(())
    }

    #[cfg_attr(not(target_arch = "wasm32"), test)]
    #[cfg_attr(target_arch = "wasm32", wasm_bindgen_test::wasm_bindgen_test)]
    fn restore_keeps_newer_data_and_moves_the_clock_forward_only() -> Result<(), RestoreError> {
        let backup = export(&filled(), user(), "canbo", Uuid::nil(), at())?;
        let mut device = MemoryStorage::default();
        device.set("rec/model/c", "{\"version\":9,\"fields\":{}}")?;
        device.set("sync/clock", "3")?;
        device.set("draft/new-model-name", "\"mới hơn\"")?;
        let done = restore(&mut device, &backup, user())?;
        assert_eq!(
            device.get("rec/model/c")?.as_deref(),
            Some("{\"version\":9,\"fields\":{}}")
        );
        assert_eq!(device.get("sync/clock")?.as_deref(), Some("5"));
        assert_eq!(
            device.get("draft/new-model-name")?.as_deref(),
            Some("\"mới hơn\"")
        );
        assert_eq!(done.kept, 2);
        // An older record in the device is replaced by the backup's newer one.
        device.set("rec/model/c", "{\"version\":1,\"fields\":{}}")?;
        restore(&mut device, &backup, user())?;
        assert_eq!(
            device.get("rec/model/c")?.as_deref(),
            Some("{\"version\":4,\"fields\":{}}")
        );
        Ok(())
    }

    #[cfg_attr(not(target_arch = "wasm32"), test)]
    #[cfg_attr(target_arch = "wasm32", wasm_bindgen_test::wasm_bindgen_test)]
    fn a_refused_change_already_dealt_with_is_not_restored() -> Result<(), RestoreError> {
        let backup = export(&filled(), user(), "canbo", Uuid::nil(), at())?;
        let mut device = MemoryStorage::default();
        // The person fixed refused op `b` (and op `a` came back refused, then dropped).
        device.set("done/b", "1")?;
        device.set("done/a", "1")?;
        let done = restore(&mut device, &backup, user())?;
        assert_eq!(device.get("rejected/b")?, None);
        assert_eq!(device.get("outbox/0000000000000005-a")?, None);
        assert_eq!(done.pending, 0);
        assert!(device.get("rec/model/c")?.is_some());
        Ok(())
    }

    #[cfg_attr(not(target_arch = "wasm32"), test)]
    #[cfg_attr(target_arch = "wasm32", wasm_bindgen_test::wasm_bindgen_test)]
    fn another_persons_backup_and_bad_files_are_refused() -> Result<(), RestoreError> {
        let backup = export(&filled(), user(), "canbo.ubnd", Uuid::nil(), at())?;
        let mut device = MemoryStorage::default();
        let other = restore(&mut device, &backup, Uuid::from_u128(8));
        assert_eq!(other, Err(RestoreError::OtherUser("canbo.ubnd".into())));
        assert!(device.data.is_empty());
        assert_eq!(parse("{not json"), Err(RestoreError::BadFile));
        assert_eq!(parse("{\"format\":\"x\"}"), Err(RestoreError::BadFile));
        let mut wrong = backup;
        wrong.version = 99;
        let text = serde_json::to_string(&wrong).map_err(|_| RestoreError::BadFile)?;
        assert_eq!(parse(&text), Err(RestoreError::BadFile));
        Ok(())
    }
}
