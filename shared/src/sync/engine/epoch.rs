//! The server's store was restored from a backup: its history forks from
//! the one this device followed at the backup's newest sequence
//! (`forked_at`). The device's cursor and held versions past that point
//! name changes the restored store never had, and its new changes will be
//! numbered again from there. So the device starts over under the new
//! epoch: it drops its server copies and pulls from 0, and it keeps every
//! waiting and refused change. Those wait until the new history is pulled
//! whole (`Meta::rebase`), then each is based on what the device saw of
//! its record up to the fork: the version it now holds, if not past
//! `forked_at`, else `forked_at` (0 for a record the restored store does
//! not have). So a field someone changed on the restored store is a
//! visible conflict, never a silent overwrite.
use uuid::Uuid;

use super::{Engine, META, Meta, RECORDS, REJECTED};
use crate::sync::storage::{KeyValue, StorageError};

impl<S: KeyValue> Engine<S> {
    /// Moves the device onto the store epoch `epoch`, whose history shares
    /// the sequence up to `forked_at` with the one before.
    pub fn change_epoch(&mut self, epoch: Uuid, forked_at: u64) -> Result<(), StorageError> {
        // A batch on its way was refused whole (or its answer is lost):
        // its ops are still in the outbox and go again, rebased.
        self.in_flight.clear();
        let waiting: Vec<String> = self
            .outbox
            .iter()
            .filter(|(_, op)| op.base_version > forked_at)
            .map(|(key, _)| key.clone())
            .collect();
        for key in waiting {
            if let Some(mut op) = self.outbox.get(&key).cloned() {
                op.base_version = forked_at;
                self.write(&key, &op)?;
                self.outbox.insert(key, op);
            }
        }
        let refused: Vec<Uuid> = self
            .rejected
            .values()
            .filter(|r| r.op.base_version > forked_at)
            .map(|r| r.op.op_id)
            .collect();
        for op_id in refused {
            if let Some(mut rejected) = self.rejected.get(&op_id).cloned() {
                rejected.op.base_version = forked_at;
                self.write(&format!("{REJECTED}{op_id}"), &rejected)?;
                self.rejected.insert(op_id, rejected);
            }
        }
        for key in self.store.keys(RECORDS)? {
            self.store.remove(&key)?;
        }
        self.log.clear(&mut self.store)?;
        let meta = Meta {
            cursor: 0,
            epoch: Some(epoch),
            rebase: true,
            ..self.meta.clone()
        };
        self.write(META, &meta)?;
        self.meta = meta;
        self.warnings
            .push(crate::messages::EPOCH_CHANGED.to_owned());
        Ok(())
    }

    /// The new history is pulled whole: base every waiting and refused op
    /// on at most the version of its record the device holds now (0 if the
    /// restored store does not have it), and let them go.
    pub(super) fn rebase_waiting(&mut self) -> Result<(), StorageError> {
        // Never past what the device holds now: a base the store has not
        // reached is refused (`bad_version`), and the held version is at
        // most what the device had seen of it before, or a later change
        // made on the restored store (then the clamp to the fork already
        // keeps that change a conflict).
        let base_of = |engine: &Self, op: &crate::sync::protocol::Op| {
            op.base_version
                .min(engine.log.version(op.kind, op.record_id).unwrap_or(0))
        };
        let keys: Vec<String> = self.outbox.keys().cloned().collect();
        for key in keys {
            if let Some(mut op) = self.outbox.get(&key).cloned() {
                let base = base_of(self, &op);
                if base != op.base_version {
                    op.base_version = base;
                    self.write(&key, &op)?;
                    self.outbox.insert(key, op);
                }
            }
        }
        let refused: Vec<Uuid> = self.rejected.keys().copied().collect();
        for op_id in refused {
            if let Some(mut rejected) = self.rejected.get(&op_id).cloned() {
                let base = base_of(self, &rejected.op);
                if base != rejected.op.base_version {
                    rejected.op.base_version = base;
                    self.write(&format!("{REJECTED}{op_id}"), &rejected)?;
                    self.rejected.insert(op_id, rejected);
                }
            }
        }
        self.meta.rebase = false;
        Ok(())
    }
}
