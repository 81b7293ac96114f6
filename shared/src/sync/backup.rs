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

use super::engine::{CLOCK, DONE, Engine, LEASE, LOG, OUTBOX, RECORDS, REJECTED};
use super::protocol::RecordState;
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
mod tests {
    use super::*;
    use crate::sync::MemoryStorage;
    use crate::sync::engine::RejectedOp;
    use crate::sync::protocol::{Op, RecordKind};

    fn at() -> DateTime<Utc> {
        DateTime::from_timestamp(1_750_000_000, 0).unwrap_or_default()
    }

    fn user() -> Uuid {
        Uuid::from_u128(7)
    }

    fn id(n: u128) -> Uuid {
        Uuid::from_u128(n)
    }

    fn op(n: u128, clock: u64) -> Op {
        Op {
            op_id: id(n),
            device_id: id(1),
            kind: RecordKind::Model,
            record_id: id(100 + n),
            base_version: 0,
            clock,
            changes: crate::sync::Fields::new(),
            resolves: Vec::new(),
            client_time: None,
        }
    }

    fn record(version: u64) -> String {
        let record = RecordState {
            kind: RecordKind::Model,
            id: id(50),
            version,
            fields: crate::sync::Fields::new(),
            deleted: false,
            conflicts: Vec::new(),
            arrived_at: None,
        };
        serde_json::to_string(&record).unwrap_or_default()
    }

    fn json<T: Serialize>(value: &T) -> String {
        serde_json::to_string(value).unwrap_or_default()
    }

    /// A device in the layout before the log (records one per entry).
    fn filled() -> MemoryStorage {
        let mut s = MemoryStorage::default();
        let refused = RejectedOp {
            op: op(2, 3),
            code: "invalid".into(),
            message: "Không hợp lệ".into(),
            errors: Vec::new(),
        };
        let entries = [
            (
                format!("outbox/0000000000000005-{}", id(1)),
                json(&op(1, 5)),
            ),
            (format!("rejected/{}", id(2)), json(&refused)),
            (format!("rec/model/{}", id(50)), record(4)),
            ("sync/meta".into(), "{\"cursor\":4}".into()),
            ("sync/clock".into(), "5".into()),
            ("sync/lease".into(), "[\"tab\",0]".into()),
            ("draft/new-model-name".into(), "\"Dân vận khéo\"".into()),
        ];
        for (k, v) in entries {
            let _ = s.set(&k, &v);
        }
        s
    }

    fn open(store: MemoryStorage) -> Result<Engine<MemoryStorage>, StorageError> {
        Engine::open(store, id(1))
    }

    #[cfg_attr(not(target_arch = "wasm32"), test)]
    #[cfg_attr(target_arch = "wasm32", wasm_bindgen_test::wasm_bindgen_test)]
    fn a_backup_restores_into_an_empty_device_without_the_lease() -> Result<(), RestoreError> {
        let source = open(filled())?;
        let backup = export(&source, user(), "canbo", Uuid::nil(), at())?;
        assert!(!backup.entries.contains_key("sync/lease"));
        assert!(backup.entries.keys().all(|k| !k.starts_with(LOG)));
        let text = serde_json::to_string(&backup).map_err(|_| RestoreError::BadFile)?;
        let mut fresh = open(MemoryStorage::default())?;
        let done = restore(&mut fresh, &parse(&text)?, user())?;
        assert_eq!(done.written, 6);
        assert_eq!(done.pending, 2);
        assert_eq!(done.records, 1);
        assert_eq!(fresh.pending(), 1);
        assert_eq!(fresh.rejected().count(), 1);
        assert_eq!(
            fresh
                .server_copy(RecordKind::Model, id(50))
                .map(|r| r.version),
            Some(4)
        );
        let again = export(&fresh, user(), "canbo", Uuid::nil(), at())?;
        assert_eq!(again.entries, backup.entries, "the same everything, once");
        Ok(())
    }

    #[cfg_attr(not(target_arch = "wasm32"), test)]
    #[cfg_attr(target_arch = "wasm32", wasm_bindgen_test::wasm_bindgen_test)]
    fn restore_keeps_newer_data_and_moves_the_clock_forward_only() -> Result<(), RestoreError> {
        let backup = export(&open(filled())?, user(), "canbo", Uuid::nil(), at())?;
        let mut store = MemoryStorage::default();
        store.set(&format!("rec/model/{}", id(50)), &record(9))?;
        store.set("sync/clock", "3")?;
        store.set("draft/new-model-name", "\"mới hơn\"")?;
        let mut device = open(store)?;
        let done = restore(&mut device, &backup, user())?;
        assert_eq!(
            device
                .server_copy(RecordKind::Model, id(50))
                .map(|r| r.version),
            Some(9)
        );
        assert_eq!(device.storage().get("sync/clock")?.as_deref(), Some("5"));
        assert_eq!(
            device.storage().get("draft/new-model-name")?.as_deref(),
            Some("\"mới hơn\"")
        );
        assert_eq!(done.kept, 2);
        assert_eq!(done.records, 0);
        // An older record on the device is replaced by the backup's newer one.
        let mut store = MemoryStorage::default();
        store.set(&format!("rec/model/{}", id(50)), &record(1))?;
        let mut older = open(store)?;
        restore(&mut older, &backup, user())?;
        assert_eq!(
            older
                .server_copy(RecordKind::Model, id(50))
                .map(|r| r.version),
            Some(4)
        );
        Ok(())
    }

    #[cfg_attr(not(target_arch = "wasm32"), test)]
    #[cfg_attr(target_arch = "wasm32", wasm_bindgen_test::wasm_bindgen_test)]
    fn a_refused_change_already_dealt_with_is_not_restored() -> Result<(), RestoreError> {
        let backup = export(&open(filled())?, user(), "canbo", Uuid::nil(), at())?;
        let mut store = MemoryStorage::default();
        // The person fixed refused op 2 (and op 1 came back refused, then dropped).
        store.set(&format!("done/{}", id(2)), "1")?;
        store.set(&format!("done/{}", id(1)), "1")?;
        let mut device = open(store)?;
        let done = restore(&mut device, &backup, user())?;
        assert_eq!(device.rejected().count(), 0);
        assert_eq!(device.pending(), 0);
        assert_eq!(done.pending, 0);
        assert!(device.server_copy(RecordKind::Model, id(50)).is_some());
        Ok(())
    }

    #[cfg_attr(not(target_arch = "wasm32"), test)]
    #[cfg_attr(target_arch = "wasm32", wasm_bindgen_test::wasm_bindgen_test)]
    fn another_persons_backup_and_bad_files_are_refused() -> Result<(), RestoreError> {
        let backup = export(&open(filled())?, user(), "canbo.ubnd", Uuid::nil(), at())?;
        let mut device = open(MemoryStorage::default())?;
        let other = restore(&mut device, &backup, Uuid::from_u128(8));
        assert_eq!(other, Err(RestoreError::OtherUser("canbo.ubnd".into())));
        assert!(device.storage().data.is_empty());
        assert_eq!(parse("{not json"), Err(RestoreError::BadFile));
        assert_eq!(parse("{\"format\":\"x\"}"), Err(RestoreError::BadFile));
        let mut wrong = backup;
        wrong.version = 99;
        let text = serde_json::to_string(&wrong).map_err(|_| RestoreError::BadFile)?;
        assert_eq!(parse(&text), Err(RestoreError::BadFile));
        Ok(())
    }
}
