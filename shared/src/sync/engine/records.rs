//! The engine's records on the device: the log's entries moved in from the
//! older one-per-entry layout, server copies taken in apart from a sync,
//! records dropped (older campaign years) and pulled again.
use uuid::Uuid;

use super::{Engine, META, Meta, RECORDS};
use crate::sync::protocol::{RecordKind, RecordState};
use crate::sync::storage::{KeyValue, StorageError};

impl<S: KeyValue> Engine<S> {
    /// Moves records kept one per entry (`rec/…`, before the log) into the
    /// log, then removes those entries.
    pub(super) fn move_old_records(&mut self) -> Result<(), StorageError> {
        let keys = self.store.keys(RECORDS)?;
        if keys.is_empty() {
            return Ok(());
        }
        let mut records = Vec::new();
        for key in &keys {
            if let Some(record) = self.read::<RecordState>(key)? {
                records.push(record);
            }
        }
        // The old entries go only once the log holds their records; if
        // the log cannot be written (a full storage), they stay and are
        // read from where they are, and moved at a later start.
        match self.put_records(records.clone()) {
            Ok(_) => {
                for key in &keys {
                    self.store.remove(key)?;
                }
            }
            Err(error) => {
                self.log.hold_unstored(records);
                self.warnings
                    .push(crate::messages::records_not_moved(&error.to_string()));
            }
        }
        Ok(())
    }

    fn writer(&mut self) -> Uuid {
        *self.writer.get_or_insert_with(&mut self.new_id)
    }

    /// Stores server copies newer than those held; returns how many were.
    pub(super) fn put_records(&mut self, records: Vec<RecordState>) -> Result<usize, StorageError> {
        let writer = self.writer();
        self.log.put(&mut self.store, records, writer)
    }

    /// Takes in server copies fetched apart from a sync (a record of an
    /// older year opened online, a backup): kept only where newer.
    pub fn absorb(&mut self, records: Vec<RecordState>) -> Result<usize, StorageError> {
        self.put_records(records)
    }

    /// Drops the device's copy of records (older campaign years, at the
    /// person's request or by retention). A record with changes not yet
    /// sent or refused is kept. Returns how many went.
    pub fn forget(&mut self, which: &[(RecordKind, Uuid)]) -> Result<usize, StorageError> {
        let keep: std::collections::BTreeSet<(RecordKind, Uuid)> = self
            .outbox
            .values()
            .map(|op| (op.kind, op.record_id))
            .chain(self.rejected.values().map(|r| (r.op.kind, r.op.record_id)))
            .collect();
        let gone: Vec<(RecordKind, Uuid)> = which
            .iter()
            .filter(|k| !keep.contains(k) && self.log.contains(k.0, k.1))
            .copied()
            .collect();
        let writer = self.writer();
        self.log.remove(&mut self.store, &gone, writer)?;
        Ok(gone.len())
    }

    /// Every record held, by kind and id.
    pub fn record_keys(&self) -> Vec<(RecordKind, Uuid)> {
        self.log.keys().collect()
    }

    /// How many records are held, and their bytes (live, superseded).
    pub fn record_stats(&self) -> (usize, usize, usize) {
        let (live, dead) = self.log.bytes();
        (self.log.len(), live, dead)
    }

    /// The stored JSON of a record as the server sent it (for backups).
    pub fn raw_record(&self, kind: RecordKind, id: Uuid) -> Option<&str> {
        self.log.raw(kind, id)
    }

    /// Pulls everything again at the next sync (records dropped from the
    /// device, such as older campaign years, come back; the copies held
    /// are replaced only by newer ones).
    pub fn pull_from_start(&mut self) -> Result<(), StorageError> {
        let meta = Meta {
            cursor: 0,
            ..self.meta.clone()
        };
        self.write(META, &meta)?;
        self.meta = meta;
        Ok(())
    }
}
