//! The city summary's rows and a commune's dashboard for the city viewer,
//! computed from the store with the shared functions (`shared::city`).
//!
//! A commune's rows are made for the days ahead (`shared::city::rows_ahead`:
//! a row changes with the day only when a deadline passes) and kept, with
//! the commune's head (its newest sequence) they were made at, in memory
//! and in the store (`city_row`). A summary reads the heads of the city's
//! communes in one round trip and makes a commune's rows again only when
//! its head moved; so neither a new day nor a restart reads the city's
//! records. After a push, a commune whose rows are kept is made again in
//! the background, so the next summary finds it ready. Several server
//! processes on one store are all correct: the head is read on every call.
use std::collections::{HashMap, HashSet};
use std::sync::Mutex;
use std::time::Duration;

use chrono::{DateTime, NaiveDate, Utc};
use shared::city::{
    CitySummary, CommuneDashboard, city_summary, commune_dashboard, row_on, rows_ahead,
};
use shared::figures::CommuneRecords;
use shared::ids::CommuneId;
use uuid::Uuid;

use crate::state::AppState;
use crate::store::city::KeptRows;
use crate::store::{Store, StoreError};

/// How long after a push the pushed commune's rows are made again: the
/// pushes of one burst are taken together.
const SETTLE: Duration = Duration::from_secs(2);

/// Rows kept in memory, by commune, and the communes being made again.
#[derive(Debug, Default)]
pub struct CityRows {
    kept: Mutex<HashMap<Uuid, (String, KeptRows)>>,
    refreshing: Mutex<HashSet<Uuid>>,
}

fn lock<T>(m: &Mutex<T>) -> std::sync::MutexGuard<'_, T> {
    m.lock().unwrap_or_else(std::sync::PoisonError::into_inner)
}

impl CityRows {
    fn get(&self, commune: Uuid, head: u64) -> Option<KeptRows> {
        lock(&self.kept)
            .get(&commune)
            .filter(|(_, k)| k.head == head)
            .map(|(_, k)| k.clone())
    }

    fn put(&self, commune: Uuid, city: &str, kept: KeptRows) {
        lock(&self.kept).insert(commune, (city.to_owned(), kept));
    }

    /// The city of a commune whose rows are kept (someone asked for them).
    fn city_of(&self, commune: Uuid) -> Option<String> {
        lock(&self.kept).get(&commune).map(|(city, _)| city.clone())
    }
}

/// A commune's live records, typed; unreadable ones are left out of the
/// figures, like the device does, and said in the log.
async fn records_of(store: &Store, commune: Uuid) -> Result<CommuneRecords, StoreError> {
    // Typed a page at a time: a commune's records as parsed JSON are about
    // ten times their text (measured: 822 MB for 100,000 records at once).
    let (mut records, mut unreadable, mut since) = (CommuneRecords::default(), 0, 0);
    loop {
        let (page, next) = store.live_page(commune, since).await?;
        let (typed, bad) = CommuneRecords::from_states(page);
        records.append(typed);
        unreadable += bad;
        match next {
            Some(next) => since = next,
            None => break,
        }
    }
    if unreadable > 0 {
        tracing::warn!(unreadable, %commune, "city: records that no longer read as their kind");
    }
    Ok(records)
}

/// Makes `commune`'s rows from `today` on, at `head`, and keeps them.
async fn make_rows(
    state: &AppState,
    city: &str,
    commune: Uuid,
    head: u64,
    today: NaiveDate,
) -> Result<KeptRows, StoreError> {
    let records = records_of(&state.store, commune).await?;
    let kept = KeptRows {
        head,
        spans: rows_ahead(&records, CommuneId::from_uuid(commune), today),
    };
    state.store.keep_city_rows(commune, city, &kept).await?;
    state.city_rows.put(commune, city, kept.clone());
    Ok(kept)
}

/// The summary of `city` at `now`.
pub async fn summary(
    state: &AppState,
    city: &str,
    now: DateTime<Utc>,
) -> Result<CitySummary, StoreError> {
    let today = now.date_naive();
    let communes = state.store.communes_of_city(city).await?;
    let heads = state.store.commune_heads(&communes).await?;
    let covering = |k: &KeptRows| row_on(&k.spans, today);
    let mut rows = Vec::with_capacity(communes.len());
    let mut missing = Vec::new();
    for (&commune, &head) in communes.iter().zip(&heads) {
        match state
            .city_rows
            .get(commune, head)
            .as_ref()
            .and_then(covering)
        {
            Some(row) => rows.extend(row),
            None => missing.push((commune, head)),
        }
    }
    if !missing.is_empty() {
        let mut stored = state.store.kept_city_rows(city).await?;
        for (commune, head) in missing {
            let kept = match stored.remove(&commune).filter(|k| k.head == head) {
                Some(k) if covering(&k).is_some() => {
                    state.city_rows.put(commune, city, k.clone());
                    k
                }
                _ => make_rows(state, city, commune, head, today).await?,
            };
            rows.extend(covering(&kept).flatten());
        }
    }
    Ok(city_summary(city, rows, today, now))
}

/// After a push into `commune`: if its rows are kept (a city viewer asked
/// for them), make them again in the background once the burst settles.
pub fn refresh_after_push(state: &AppState, commune: Uuid) {
    let Some(city) = state.city_rows.city_of(commune) else {
        return;
    };
    if !lock(&state.city_rows.refreshing).insert(commune) {
        return;
    }
    let state = state.clone();
    tokio::spawn(async move {
        tokio::time::sleep(SETTLE).await;
        // Pushes from here on start a refresh of their own.
        lock(&state.city_rows.refreshing).remove(&commune);
        let today = state.now().date_naive();
        let made = async {
            let head = state.store.commune_heads(&[commune]).await?;
            let head = head.first().copied().unwrap_or(0);
            if state.city_rows.get(commune, head).is_none() {
                make_rows(&state, &city, commune, head, today).await?;
            }
            Ok::<_, StoreError>(())
        };
        if let Err(e) = made.await {
            // The next summary makes the rows itself.
            tracing::warn!(error = %e, %commune, "city: rows not made again after a push");
        }
    });
}

/// The dashboard of `commune` at `now`; none if the store has no such commune.
pub async fn commune(
    state: &AppState,
    commune: Uuid,
    now: DateTime<Utc>,
) -> Result<Option<CommuneDashboard>, StoreError> {
    let records = records_of(&state.store, commune).await?;
    Ok(commune_dashboard(
        &records,
        CommuneId::from_uuid(commune),
        now.date_naive(),
        now,
    ))
}
