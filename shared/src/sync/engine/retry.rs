//! When to sync again: a failed sync waits a growing pause (or the one
//! the server asked for), a device with no network tries again at once.
use chrono::{DateTime, Duration, Utc};
use uuid::Uuid;

use super::{Engine, META};
use crate::sync::storage::{KeyValue, StorageError};

/// Longest wait between retries.
const MAX_BACKOFF_SECS: i64 = 300;

impl<S: KeyValue> Engine<S> {
    /// Whether a sync should run now: something waits and the retry timer
    /// (after failures) has passed.
    pub fn due(&self, now: DateTime<Utc>) -> bool {
        self.in_flight.is_empty() && self.meta.next_attempt.is_none_or(|at| now >= at)
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

    /// Retry at once (the browser came back online, or "Đồng bộ ngay").
    pub fn retry_now(&mut self) {
        self.meta.next_attempt = None;
    }
}

/// 2 s, 4 s, 8 s … up to 5 minutes, spread by device so a room of tablets
/// coming back online does not retry in step.
fn backoff(failures: u32, device: Uuid) -> Duration {
    let exp = 2_i64.saturating_pow(failures.min(16)).min(MAX_BACKOFF_SECS);
    let spread = i64::from(device.as_bytes()[15] % 8) * 125;
    Duration::seconds(exp) + Duration::milliseconds(spread)
}
