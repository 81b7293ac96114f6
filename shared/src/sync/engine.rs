//! The client sync engine, sans I/O: it keeps the outbox, the server's
//! copy of each record, the pull cursor and the retry timer in device
//! storage; the caller moves requests and responses (fetch in the browser,
//! the in-process router in the simulation).
//!
//! Storage layout (keys under the caller's namespace):
//! - `outbox/<clock>-<op id>`: one pending op per key, so two tabs never
//!   overwrite each other's list; `<clock>` keeps creation order even if
//!   the device clock goes backwards.
//! - `rejected/<op id>`: ops the server refused, with its reason.
//! - `log/<n>-<writer>`: the records as the server last sent them, many per
//!   entry (see `log`); older devices kept one `rec/<kind>/<id>` each,
//!   moved into the log on first open.
//! - `log/side/<name>/<segment>`: a summary of a segment's records of one
//!   kind, typed for one reader (`Engine::listed`, `Summarized`); a cache, made again
//!   when missing.
//! - `sync/meta`: cursor, last sync, failures; `sync/clock`: op clock.
//!
//! A change is written to storage before `edit` returns; it leaves the
//! outbox only once the server has answered for it.
//!
//! This file holds the engine's state and how it is loaded; what it does
//! with it is one submodule a step: `outbox` (local changes and refused
//! ones), `lease` (one tab syncs at a time), `push`, `pull`, `retry` (the
//! timer after failures), `epoch` (a restored server store), `records`
//! (the server copies) over `log` (their storage), and `view` (what the UI
//! reads).
use std::collections::BTreeMap;

use chrono::{DateTime, Utc};
use serde::de::DeserializeOwned;
use serde::{Deserialize, Serialize};
use uuid::Uuid;

use super::protocol::Op;
use super::storage::{KeyValue, StorageError};
use crate::validate::FieldError;

mod epoch;
mod lease;
mod log;
mod outbox;
mod pull;
mod push;
mod records;
mod retry;
mod view;
pub(crate) use log::LOG;
use log::RecordLog;
pub use log::{Entry, SIDE, Summarized, read_plain, write_plain};
pub use view::{DataMark, RecordView, Rejection, Standing, Summary, SyncStatus};

pub(crate) const META: &str = "sync/meta";
pub(crate) const CLOCK: &str = "sync/clock";
pub(crate) const OUTBOX: &str = "outbox/";
pub(crate) const REJECTED: &str = "rejected/";
pub(crate) const RECORDS: &str = "rec/";
pub(crate) const CORRUPT: &str = "corrupt/";
pub(crate) const LEASE: &str = "sync/lease";
/// What the person may see, as last pulled (role, commune, unit, city).
pub(crate) const SCOPE: &str = "sync/scope";
/// Op ids of refused changes the person has dealt with (fixed or dropped),
/// so restoring an older backup does not bring them back.
pub(crate) const DONE: &str = "done/";

#[derive(Debug, Clone, Default, PartialEq, Serialize, Deserialize)]
pub struct Meta {
    pub cursor: u64,
    pub last_synced_at: Option<DateTime<Utc>>,
    pub last_error: Option<String>,
    pub failures: u32,
    pub next_attempt: Option<DateTime<Utc>>,
    /// The store epoch the cursor and the held versions belong to (see
    /// `PullResponse::epoch`); None until the first pull that names one.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub epoch: Option<Uuid>,
    /// The store epoch changed and the pull of the new history is not
    /// finished: waiting ops are held back until it is (their base
    /// versions are set against the new history then, `engine::epoch`).
    #[serde(default, skip_serializing_if = "std::ops::Not::not")]
    pub rebase: bool,
}

#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
pub struct RejectedOp {
    pub op: Op,
    pub code: String,
    pub message: String,
    #[serde(default)]
    pub errors: Vec<FieldError>,
}

pub struct Engine<S: KeyValue> {
    store: S,
    device_id: Uuid,
    new_id: Box<dyn FnMut() -> Uuid + Send>,
    meta: Meta,
    log: RecordLog,
    /// Names the log segments this engine writes (made on first write).
    writer: Option<Uuid>,
    /// Pending ops by storage key (key order is creation order).
    outbox: BTreeMap<String, Op>,
    rejected: BTreeMap<Uuid, RejectedOp>,
    /// Keys of the ops this engine is pushing right now (memory only).
    in_flight: Vec<String>,
    warnings: Vec<String>,
}

impl<S: KeyValue> Engine<S> {
    /// Loads the engine's state. Entries that no longer parse are moved
    /// under `corrupt/` (never deleted) and reported in `warnings()`.
    #[allow(clippy::disallowed_methods)] // the default id source; tests pass their own
    pub fn open(store: S, device_id: Uuid) -> Result<Self, StorageError> {
        let mut engine = Engine {
            store,
            device_id,
            new_id: Box::new(Uuid::now_v7),
            meta: Meta::default(),
            log: RecordLog::default(),
            writer: None,
            outbox: BTreeMap::new(),
            rejected: BTreeMap::new(),
            in_flight: Vec::new(),
            warnings: Vec::new(),
        };
        engine.reload()?;
        Ok(engine)
    }

    /// Uses `ids` for new op ids (the simulation makes them from its seed).
    pub fn with_id_source(mut self, ids: impl FnMut() -> Uuid + Send + 'static) -> Self {
        self.new_id = Box::new(ids);
        self
    }

    /// Re-reads everything from storage (another tab may have written).
    pub fn reload(&mut self) -> Result<(), StorageError> {
        self.log = RecordLog::load(&self.store)?;
        for key in std::mem::take(&mut self.log.bad) {
            if let Some(raw) = self.store.get(&key)? {
                let aside = format!("{CORRUPT}{key}");
                self.store.set(&aside, &raw)?;
                self.warnings
                    .push(crate::messages::log_damaged(&key, &aside));
            }
        }
        self.move_old_records()?;
        self.reload_local()
    }

    /// Re-reads what changes without new records: the outbox, refused
    /// changes and the sync state (another tab edited but did not sync).
    pub fn reload_local(&mut self) -> Result<(), StorageError> {
        self.meta = self.read(META)?.unwrap_or_default();
        self.outbox.clear();
        for key in self.store.keys(OUTBOX)? {
            if let Some(op) = self.read::<Op>(&key)? {
                self.outbox.insert(key, op);
            }
        }
        self.rejected.clear();
        for key in self.store.keys(REJECTED)? {
            if let Some(rejected) = self.read::<RejectedOp>(&key)? {
                self.rejected.insert(rejected.op.op_id, rejected);
            }
        }
        let live: Vec<String> = self.in_flight.drain(..).collect();
        self.in_flight = live
            .into_iter()
            .filter(|k| self.outbox.contains_key(k))
            .collect();
        Ok(())
    }

    fn read<T: DeserializeOwned>(&mut self, key: &str) -> Result<Option<T>, StorageError> {
        let Some(raw) = self.store.get(key)? else {
            return Ok(None);
        };
        match serde_json::from_str(&raw) {
            Ok(value) => Ok(Some(value)),
            Err(error) => {
                let aside = format!("{CORRUPT}{key}");
                self.store.set(&aside, &raw)?;
                self.store.remove(key)?;
                self.warnings
                    .push(format!("{key}: {error} (bản gốc giữ tại {aside})"));
                Ok(None)
            }
        }
    }

    fn write<T: Serialize>(&mut self, key: &str, value: &T) -> Result<(), StorageError> {
        let text = serde_json::to_string(value).map_err(|e| StorageError::Write(e.to_string()))?;
        self.store.set(key, &text)
    }

    pub fn device_id(&self) -> Uuid {
        self.device_id
    }

    pub fn warnings(&self) -> &[String] {
        &self.warnings
    }

    pub fn storage(&self) -> &S {
        &self.store
    }

    pub fn storage_mut(&mut self) -> &mut S {
        &mut self.store
    }

    pub fn meta(&self) -> &Meta {
        &self.meta
    }
}

#[cfg(test)]
mod tests;
