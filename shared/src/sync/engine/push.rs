//! Sending the outbox: a batch of waiting ops goes out, and the server's
//! answer for each settles it (applied, conflicting or refused).
use super::{Engine, META, OUTBOX, REJECTED, RejectedOp};
use crate::sync::protocol::{MAX_PUSH_BATCH, Op, OpResult, Outcome, PushRequest, PushResponse};
use crate::sync::storage::{KeyValue, StorageError};

impl<S: KeyValue> Engine<S> {
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

    /// Forgets the batch being sent without recording a failure (the sync
    /// stopped for a reason of the device's own: storage, a lost lease);
    /// its ops stay in the outbox and go with the next sync.
    pub fn abort_push(&mut self) {
        self.in_flight.clear();
    }
}
