//! The city summary's rows as the server last computed them: a commune's
//! row is made again (by `shared::city::commune_row`) only when one of its
//! records changed since (its newest sequence, `Store::commune_head`) or the
//! day changed (deadline states move with the day). Per process; several
//! server processes on one store each keep their own, all correct, since
//! the head is read from the store on every call.
use std::collections::HashMap;
use std::sync::Mutex;

use chrono::NaiveDate;
use shared::city::CommuneRow;
use uuid::Uuid;

#[derive(Debug, Clone)]
struct Kept {
    head: u64,
    day: NaiveDate,
    row: Option<CommuneRow>,
}

/// Rows kept by commune.
#[derive(Debug, Default)]
pub struct CityRows {
    kept: Mutex<HashMap<Uuid, Kept>>,
}

impl CityRows {
    /// The row kept for `commune` if it was made at `head` on `day`
    /// (`Some(None)`: kept, and the commune had no row).
    pub fn get(&self, commune: Uuid, head: u64, day: NaiveDate) -> Option<Option<CommuneRow>> {
        let kept = self
            .kept
            .lock()
            .unwrap_or_else(std::sync::PoisonError::into_inner);
        kept.get(&commune)
            .filter(|k| k.head == head && k.day == day)
            .map(|k| k.row.clone())
    }

    pub fn put(&self, commune: Uuid, head: u64, day: NaiveDate, row: Option<CommuneRow>) {
        let mut kept = self
            .kept
            .lock()
            .unwrap_or_else(std::sync::PoisonError::into_inner);
        kept.insert(commune, Kept { head, day, row });
    }
}
