//! Taking in the server's changes: pulled pages move the cursor, and a
//! new scope (another role or unit) starts the pull over.
use uuid::Uuid;

use super::{Engine, META, Meta, RECORDS, SCOPE};
use crate::sync::protocol::{PullResponse, RecordKind, RecordState};
use crate::sync::storage::{KeyValue, StorageError};

impl<S: KeyValue> Engine<S> {
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

    /// The server's copy of a record, without local changes.
    pub fn server_copy(&self, kind: RecordKind, id: Uuid) -> Option<&RecordState> {
        self.log.get(kind, id)
    }
}
