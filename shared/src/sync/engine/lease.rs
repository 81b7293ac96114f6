//! The right to sync: one tab of a browser at a time sends the shared
//! outbox.
use chrono::{DateTime, Utc};

use super::{Engine, LEASE};
use crate::sync::storage::{KeyValue, StorageError};

/// How long one tab may hold the right to sync before another may take it.
const LEASE_SECS: i64 = 30;

impl<S: KeyValue> Engine<S> {
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
}
