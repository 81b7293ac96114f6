//! What the device keeps (`shared::retention`): the current and previous
//! campaign years and anything with unsent changes. Older years are
//! dropped only when the person asks in the storage panel (IndexedDB has
//! room for years of a commune; dropping by itself would take records
//! the person may still open offline), under the sync lock like a sync's
//! own writes; "fetch again" pulls everything from the start.
use std::collections::BTreeMap;
use std::rc::Rc;

use shared::retention;
use shared::sync::{RecordKind, StorageError};
use uuid::Uuid;

use super::Syncer;
use super::lock::{self, Asked};

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
        self.changed(None);
        Ok(gone)
    }

    /// Drops a year's records from the device (the person asked), under
    /// the sync lock. Returns how many went.
    pub async fn drop_year(self: &Rc<Self>, year: i32) -> Result<usize, StorageError> {
        let name = super::run::lock_name(self.session.user.id.as_uuid());
        let held = lock::ask(&name, true).await;
        if matches!(held, Ok(Asked::Held(_))) {
            self.reread(false).await;
        }
        self.forget_years(|y| y == year)
    }

    /// Pulls everything again (older years dropped from the device come
    /// back), at once if online.
    pub fn fetch_all_again(self: &Rc<Self>) -> Result<(), StorageError> {
        self.with_engine_mut(|e| e.pull_from_start())?;
        self.persist();
        self.sync_now();
        Ok(())
    }
}
