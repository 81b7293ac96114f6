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
//! - `sync/meta`: cursor, last sync, failures; `sync/clock`: op clock.
//!
//! A change is written to storage before `edit` returns; it leaves the
//! outbox only once the server has answered for it.
use std::collections::BTreeMap;

use chrono::{DateTime, Duration, Utc};
use serde::de::DeserializeOwned;
use serde::{Deserialize, Serialize};
use uuid::Uuid;

use super::protocol::{
    DELETED_FIELD, Fields, MAX_PUSH_BATCH, Op, OpResult, Outcome, PullResponse, PushRequest,
    PushResponse, RecordKind, RecordState,
};
use super::storage::{KeyValue, StorageError};
use crate::validate::FieldError;

mod epoch;
mod log;
mod records;
mod view;
pub(crate) use log::LOG;
use log::RecordLog;
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

/// The field whose every change is a step the server checks in order (a
/// model's status move): a change of it never folds into another.
const STEP_FIELD: &str = "status";

/// How long one tab may hold the right to sync before another may take it.
const LEASE_SECS: i64 = 30;

/// Longest wait between retries.
const MAX_BACKOFF_SECS: i64 = 300;

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

    /// Records a change to some fields of a record. When this returns Ok the
    /// change is in device storage; on Err nothing changed.
    pub fn edit(
        &mut self,
        kind: RecordKind,
        id: Uuid,
        changes: Fields,
        now: DateTime<Utc>,
    ) -> Result<(), StorageError> {
        self.enqueue(kind, id, changes, Vec::new(), now)
    }

    /// Settles a conflict on `field` with the value a person chose.
    pub fn resolve(
        &mut self,
        kind: RecordKind,
        id: Uuid,
        field: &str,
        value: serde_json::Value,
        now: DateTime<Utc>,
    ) -> Result<(), StorageError> {
        let mut changes = Fields::new();
        changes.insert(field.to_owned(), value);
        self.enqueue(kind, id, changes, vec![field.to_owned()], now)
    }

    fn enqueue(
        &mut self,
        kind: RecordKind,
        id: Uuid,
        changes: Fields,
        resolves: Vec<String>,
        now: DateTime<Utc>,
    ) -> Result<(), StorageError> {
        let base_version = self.log.version(kind, id).unwrap_or(0);
        // A refused change is retried with the new one (the person fixed it).
        let retried = self.rejected_of(kind, id);
        let mut merged = Fields::new();
        let mut replaced = Vec::new();
        for rejected in &retried {
            for (field, value) in &rejected.op.changes {
                // A newer op of this record (waiting, or being sent while
                // this one was refused) holds a later value of the field:
                // the refused one must not come back on top of it.
                let superseded = self.outbox.values().any(|op| {
                    op.kind == kind
                        && op.record_id == id
                        && op.clock > rejected.op.clock
                        && op.changes.contains_key(field)
                });
                if !superseded {
                    merged.insert(field.clone(), value.clone());
                }
            }
        }
        // Fold into this record's newest pending op if it is not being
        // sent: a new op id replaces it, so an old copy already on its way
        // (from another tab) is harmless. Two status moves never fold: the
        // server checks each step of the status table (evaluate, then
        // recognise), not where they lead together.
        if let Some((key, last)) = self.outbox.iter().next_back()
            && last.kind == kind
            && last.record_id == id
            && last.base_version == base_version
            && last.resolves.is_empty()
            && resolves.is_empty()
            && !(last.changes.contains_key(STEP_FIELD) && changes.contains_key(STEP_FIELD))
            && !self.in_flight.contains(key)
        {
            merged.extend(last.changes.clone());
            replaced.push(key.clone());
        }
        merged.extend(changes);
        let clock = self.tick(now)?;
        let op = Op {
            op_id: (self.new_id)(),
            device_id: self.device_id,
            kind,
            record_id: id,
            base_version,
            clock,
            changes: merged,
            resolves,
            client_time: Some(now),
        };
        let key = format!("{OUTBOX}{clock:016}-{}", op.op_id);
        self.write(&key, &op)?;
        for old in &replaced {
            self.store.remove(old)?;
            self.outbox.remove(old);
        }
        for rejected in retried {
            self.forget_rejected(rejected.op.op_id)?;
        }
        self.outbox.insert(key, op);
        Ok(())
    }

    /// The refused ops of one record, oldest first (by device clock).
    fn rejected_of(&self, kind: RecordKind, id: Uuid) -> Vec<RejectedOp> {
        let mut refused: Vec<RejectedOp> = self
            .rejected
            .values()
            .filter(|r| r.op.kind == kind && r.op.record_id == id)
            .cloned()
            .collect();
        refused.sort_by_key(|r| r.op.clock);
        refused
    }

    /// A clock that only goes forward: max(now in ms, last + 1).
    fn tick(&mut self, now: DateTime<Utc>) -> Result<u64, StorageError> {
        let last: u64 = self
            .store
            .get(CLOCK)?
            .and_then(|s| s.parse().ok())
            .unwrap_or(0);
        let next = u64::try_from(now.timestamp_millis())
            .unwrap_or(0)
            .max(last + 1);
        self.store.set(CLOCK, &next.to_string())?;
        Ok(next)
    }

    /// Deletes a record that never reached the server (a draft never sent).
    /// Returns false, changing nothing, if the server has it or it is
    /// being sent right now.
    pub fn discard_local(&mut self, kind: RecordKind, id: Uuid) -> Result<bool, StorageError> {
        let mine = |op: &Op| op.kind == kind && op.record_id == id;
        let sending = self
            .in_flight
            .iter()
            .any(|k| self.outbox.get(k).is_some_and(mine));
        if self.log.contains(kind, id) || sending {
            return Ok(false);
        }
        let keys: Vec<String> = self
            .outbox
            .iter()
            .filter(|(_, op)| mine(op))
            .map(|(k, _)| k.clone())
            .collect();
        for key in keys {
            self.store.remove(&key)?;
            self.outbox.remove(&key);
        }
        let refused: Vec<Uuid> = self
            .rejected
            .values()
            .filter(|r| mine(&r.op))
            .map(|r| r.op.op_id)
            .collect();
        for op_id in refused {
            self.forget_rejected(op_id)?;
        }
        Ok(true)
    }

    /// Drops a refused op the person dealt with, leaving a tombstone.
    fn forget_rejected(&mut self, op_id: Uuid) -> Result<(), StorageError> {
        self.store.set(&format!("{DONE}{op_id}"), "1")?;
        self.store.remove(&format!("{REJECTED}{op_id}"))?;
        self.rejected.remove(&op_id);
        Ok(())
    }

    /// Drops the refused changes of a record (the person gave up on them).
    pub fn discard_rejected(&mut self, kind: RecordKind, id: Uuid) -> Result<(), StorageError> {
        let refused: Vec<Uuid> = self
            .rejected
            .values()
            .filter(|r| r.op.kind == kind && r.op.record_id == id)
            .map(|r| r.op.op_id)
            .collect();
        for op_id in refused {
            self.forget_rejected(op_id)?;
        }
        Ok(())
    }

    /// Takes (or renews) the right to sync for `holder` (a tab id), so two
    /// tabs never send the same outbox at once. Another holder's lease is
    /// respected until it runs out (a closed tab cannot hold it forever).
    /// The server's op-id check makes a rare double send harmless anyway.
    pub fn acquire_lease(
        &mut self,
        holder: &str,
        now: DateTime<Utc>,
    ) -> Result<bool, StorageError> {
        let current: Option<(String, i64)> = self
            .store
            .get(LEASE)?
            .and_then(|raw| serde_json::from_str(&raw).ok());
        if let Some((other, until)) = &current
            && other != holder
            && *until > now.timestamp()
        {
            return Ok(false);
        }
        let lease = (holder, now.timestamp() + LEASE_SECS);
        self.write(LEASE, &lease)?;
        Ok(true)
    }

    /// Gives the lease back after a sync.
    pub fn release_lease(&mut self, holder: &str) -> Result<(), StorageError> {
        let current: Option<(String, i64)> = self
            .store
            .get(LEASE)?
            .and_then(|raw| serde_json::from_str(&raw).ok());
        if current.is_some_and(|(other, _)| other == holder) {
            self.store.remove(LEASE)?;
        }
        Ok(())
    }

    /// Whether a sync should run now: something waits and the retry timer
    /// (after failures) has passed.
    pub fn due(&self, now: DateTime<Utc>) -> bool {
        self.in_flight.is_empty() && self.meta.next_attempt.is_none_or(|at| now >= at)
    }

    /// The next batch to push, oldest first; None if nothing waits or a
    /// push is already under way.
    pub fn begin_push(&mut self) -> Result<Option<PushRequest>, StorageError> {
        if !self.in_flight.is_empty() || self.meta.rebase {
            return Ok(None);
        }
        // Pick up ops other tabs wrote.
        for key in self.store.keys(OUTBOX)? {
            if !self.outbox.contains_key(&key)
                && let Some(op) = self.read::<Op>(&key)?
            {
                self.outbox.insert(key, op);
            }
        }
        // One device per batch: ops restored from another device's backup
        // keep that device's id and clock, and go in their own batches.
        let Some(device) = self.outbox.values().next().map(|op| op.device_id) else {
            return Ok(None);
        };
        let batch: Vec<(String, Op)> = self
            .outbox
            .iter()
            .take_while(|(_, op)| op.device_id == device)
            .take(MAX_PUSH_BATCH)
            .map(|(k, op)| (k.clone(), op.clone()))
            .collect();
        self.in_flight = batch.iter().map(|(k, _)| k.clone()).collect();
        Ok(Some(PushRequest {
            device_id: device,
            ops: batch.into_iter().map(|(_, op)| op).collect(),
            epoch: self.meta.epoch,
        }))
    }

    /// Takes the server's answer to the batch from `begin_push`. Records
    /// are stored before their ops leave the outbox, so a crash in between
    /// only means sending again (which the server ignores).
    pub fn finish_push(&mut self, response: PushResponse) -> Result<(), StorageError> {
        let sent: Vec<String> = std::mem::take(&mut self.in_flight);
        let records = response
            .results
            .iter()
            .filter_map(|r| r.record.clone())
            .collect();
        self.put_records(records)?;
        for result in response.results {
            let Some(key) = sent
                .iter()
                .find(|k| {
                    self.outbox
                        .get(*k)
                        .is_some_and(|op| op.op_id == result.op_id)
                })
                .cloned()
            else {
                continue;
            };
            self.settle(&key, result)?;
        }
        self.meta.last_error = None;
        self.meta.failures = 0;
        self.meta.next_attempt = None;
        self.meta.last_synced_at = Some(response.server_time);
        let meta = self.meta.clone();
        self.write(META, &meta)
    }

    fn settle(&mut self, key: &str, result: OpResult) -> Result<(), StorageError> {
        let Some(op) = self.outbox.get(key).cloned() else {
            return Ok(());
        };
        if let Outcome::Rejected {
            code,
            message,
            errors,
        } = result.outcome
        {
            let rejected = RejectedOp {
                op: op.clone(),
                code,
                message,
                errors,
            };
            self.write(&format!("{REJECTED}{}", op.op_id), &rejected)?;
            self.rejected.insert(op.op_id, rejected);
        }
        self.store.remove(key)?;
        self.outbox.remove(key);
        Ok(())
    }

    /// The push or pull failed (no network, server down): keep everything
    /// and retry after a growing pause.
    pub fn fail(&mut self, error: &str, now: DateTime<Utc>) -> Result<(), StorageError> {
        self.fail_after(error, now, None)
    }

    /// [`Self::fail`], waiting at least `retry_after_secs` when the server
    /// asked for that pause (a busy server's `Retry-After`).
    pub fn fail_after(
        &mut self,
        error: &str,
        now: DateTime<Utc>,
        retry_after_secs: Option<u32>,
    ) -> Result<(), StorageError> {
        self.in_flight.clear();
        self.meta.failures = self.meta.failures.saturating_add(1);
        self.meta.last_error = Some(error.to_owned());
        let pause = backoff(self.meta.failures, self.device_id);
        let asked = Duration::seconds(i64::from(retry_after_secs.unwrap_or(0)));
        self.meta.next_attempt = Some(now + pause.max(asked));
        let meta = self.meta.clone();
        self.write(META, &meta)
    }

    /// No network (the server never answered): keep everything and try
    /// again as soon as the network is back or the app's timer fires,
    /// without growing the pause (backoff is for a server that answers
    /// with errors, not for a device with no signal).
    pub fn went_offline(&mut self, error: &str) -> Result<(), StorageError> {
        self.in_flight.clear();
        self.meta.last_error = Some(error.to_owned());
        self.meta.next_attempt = None;
        let meta = self.meta.clone();
        self.write(META, &meta)
    }

    /// Forgets the batch being sent without recording a failure (the sync
    /// stopped for a reason of the device's own: storage, a lost lease);
    /// its ops stay in the outbox and go with the next sync.
    pub fn abort_push(&mut self) {
        self.in_flight.clear();
    }

    /// Retry at once (the browser came back online, or "Đồng bộ ngay").
    pub fn retry_now(&mut self) {
        self.meta.next_attempt = None;
    }

    /// Starts pulling from scratch when what the person may see changed
    /// (an admin gave them another role or unit): the records of the old
    /// scope go, the cursor goes back to 0. Pending and refused changes
    /// stay (the server judges them). Returns whether it reset.
    pub fn set_scope(&mut self, scope: &str) -> Result<bool, StorageError> {
        let known = self.store.get(SCOPE)?;
        if known.as_deref() == Some(scope) {
            return Ok(false);
        }
        let reset = known.is_some();
        if reset {
            for key in self.store.keys(RECORDS)? {
                self.store.remove(&key)?;
            }
            self.log.clear(&mut self.store)?;
            let meta = Meta {
                cursor: 0,
                ..self.meta.clone()
            };
            self.write(META, &meta)?;
            self.meta = meta;
        }
        self.store.set(SCOPE, scope)?;
        Ok(reset)
    }

    /// The cursor to pull from.
    pub fn cursor(&self) -> u64 {
        self.meta.cursor
    }

    /// Applies one pulled page; returns whether more pages wait.
    pub fn finish_pull(&mut self, page: PullResponse) -> Result<bool, StorageError> {
        if let Some(epoch) = page.epoch
            && self.meta.epoch != Some(epoch)
        {
            if self.meta.epoch.is_some() {
                // The page answers a cursor of the history before: drop it
                // and pull the new history from its start.
                self.change_epoch(epoch, page.forked_at)?;
                return Ok(true);
            }
            // The first pull that names an epoch (a new device, or one
            // synced before epochs existed): adopt it.
            self.meta.epoch = Some(epoch);
        }
        self.put_records(page.records)?;
        if self.meta.rebase && !page.more {
            self.rebase_waiting()?;
        }
        self.meta.cursor = self.meta.cursor.max(page.cursor);
        self.meta.last_synced_at = Some(page.server_time);
        self.meta.last_error = None;
        self.meta.failures = 0;
        self.meta.next_attempt = None;
        let meta = self.meta.clone();
        self.write(META, &meta)?;
        Ok(page.more)
    }

    /// Pending op count (for "N đang chờ gửi").
    pub fn pending(&self) -> usize {
        self.outbox.len()
    }

    pub fn outbox(&self) -> impl Iterator<Item = &Op> {
        self.outbox.values()
    }

    pub fn rejected(&self) -> impl Iterator<Item = &RejectedOp> {
        self.rejected.values()
    }

    /// The server's copy of a record, without local changes.
    pub fn server_copy(&self, kind: RecordKind, id: Uuid) -> Option<&RecordState> {
        self.log.get(kind, id)
    }

    fn is_deleted(fields: &Fields) -> bool {
        fields
            .get(DELETED_FIELD)
            .and_then(serde_json::Value::as_bool)
            .unwrap_or(false)
    }
}

/// 2 s, 4 s, 8 s … up to 5 minutes, spread by device so a room of tablets
/// coming back online does not retry in step.
fn backoff(failures: u32, device: Uuid) -> Duration {
    let exp = 2_i64.saturating_pow(failures.min(16)).min(MAX_BACKOFF_SECS);
    let spread = i64::from(device.as_bytes()[15] % 8) * 125;
    Duration::seconds(exp) + Duration::milliseconds(spread)
}

#[cfg(test)]
mod tests;
#[cfg(test)]
mod tests_log;
#[cfg(test)]
mod tests_typed;
