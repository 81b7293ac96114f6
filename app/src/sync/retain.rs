//! What the device keeps (`shared::retention`): the current and previous
//! campaign years and anything with unsent changes. Older years are
//! dropped after a sync that brought records (at most once a day), and on
//! request from the storage panel. Record writes happen only under the
//! sync lock, like a sync's own.
use std::collections::BTreeMap;
use std::rc::Rc;

use shared::retention;
use shared::sync::{KeyValue, RecordKind, StorageError};
use uuid::Uuid;

use super::Syncer;
use super::lock::{self, Asked};
use crate::clock;

/// When retention last ran on this device (for this person).
const LAST_RUN: &str = "device/retention";

impl Syncer {
    fn record_years(&self) -> BTreeMap<(RecordKind, Uuid), i32> {
        self.with_engine(|engine| {
            let keys = engine.record_keys();
            retention::years(
                keys.iter()
                    .filter_map(|(k, id)| engine.server_copy(*k, *id))
                    .map(|r| (r.kind, r.id, &r.fields)),
            )
        })
    }

    /// Each campaign year with records on the device: (year, records, kept).
    pub fn years_on_device(&self) -> Vec<(i32, usize, bool)> {
        let years = self.record_years();
        let kept = retention::kept_years(years.values().copied());
        retention::count_by_year(&years)
            .into_iter()
            .rev()
            .map(|(year, count)| (year, count, kept.contains(&year)))
            .collect()
    }

    fn forget_years(self: &Rc<Self>, drop: impl Fn(i32) -> bool) -> Result<usize, StorageError> {
        let which: Vec<(RecordKind, Uuid)> = self
            .record_years()
            .into_iter()
            .filter(|(_, year)| drop(*year))
            .map(|(k, _)| k)
            .collect();
        if which.is_empty() {
            return Ok(0);
        }
        let gone = self.with_engine_mut(|e| e.forget(&which))?;
        self.persist();
        self.changed();
        Ok(gone)
    }

    /// Drops a year's records from the device (the person asked), under
    /// the sync lock. Returns how many went.
    pub async fn drop_year(self: &Rc<Self>, year: i32) -> Result<usize, StorageError> {
        let name = super::run::lock_name(self.session.user.id.as_uuid());
        let held = lock::ask(&name, true).await;
        if matches!(held, Ok(Asked::Held(_))) {
            self.reread().await;
        }
        self.forget_years(|y| y == year)
    }

    /// After a sync that received records, with the lock held: drops years
    /// older than the kept ones, at most once a day.
    pub(super) fn retain(self: &Rc<Self>) {
        let now = clock::now();
        let last = self
            .with_engine(|e| e.storage().get(LAST_RUN))
            .ok()
            .flatten()
            .and_then(|t| chrono::DateTime::parse_from_rfc3339(&t).ok());
        if last.is_some_and(|at| now.signed_duration_since(at) < chrono::Duration::hours(24)) {
            return;
        }
        let years = self.record_years();
        let old = retention::outside_kept(&years);
        let mut result = self.with_engine_mut(|e| e.forget(&old)).map(|_| ());
        if result.is_ok() {
            result = self.with_engine_mut(|e| e.storage_mut().set(LAST_RUN, &now.to_rfc3339()));
        }
        self.report(result);
        self.persist();
        self.changed();
    }
}
