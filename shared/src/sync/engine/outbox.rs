//! Local changes: each edit goes into the outbox (folded into the
//! record's newest waiting op where it can be), and the changes the server
//! refused are kept, retried with the next edit or dropped.
use chrono::{DateTime, Utc};
use uuid::Uuid;

use super::{CLOCK, DONE, Engine, OUTBOX, REJECTED, RejectedOp};
use crate::sync::protocol::{Fields, Op, RecordKind};
use crate::sync::storage::{KeyValue, StorageError};

/// The field whose every change is a step the server checks in order (a
/// model's status move): a change of it never folds into another.
const STEP_FIELD: &str = "status";

impl<S: KeyValue> Engine<S> {
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
    pub(super) fn rejected_of(&self, kind: RecordKind, id: Uuid) -> Vec<RejectedOp> {
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
}
