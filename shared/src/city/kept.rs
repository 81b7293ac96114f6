//! How long a commune's row holds while its records do not change. The row
//! reads the day only through its newest year's deadlines (a unit becomes
//! overdue the day after a deadline, the year closes the day after the
//! commune's report day), so between two such days it stays the same. The
//! server keeps each commune's rows for the days ahead ([`rows_ahead`]) and
//! makes them again only when a record of the commune changes: the first
//! summary of a day, or after a restart, reads kept rows instead of every
//! record.
use chrono::{Days, NaiveDate};
use serde::{Deserialize, Serialize};

use crate::campaign::DeadlineKind;
use crate::figures::CommuneRecords;
use crate::ids::CommuneId;

use super::{CommuneRow, commune_row, newest_year};

/// A commune's row on every day from `from` through `through` (none: every
/// later day), its records unchanged.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub struct RowSpan {
    pub from: NaiveDate,
    pub through: Option<NaiveDate>,
    /// None: the records hold no such commune.
    pub row: Option<CommuneRow>,
}

impl RowSpan {
    #[must_use]
    pub fn covers(&self, day: NaiveDate) -> bool {
        self.from <= day && self.through.is_none_or(|t| day <= t)
    }
}

/// The days after `today` on which the row of `commune` may change with
/// its records unchanged: the day after each deadline of its newest year.
#[must_use]
pub fn turning_days(
    records: &CommuneRecords,
    commune: CommuneId,
    today: NaiveDate,
) -> Vec<NaiveDate> {
    let Some(year) = newest_year(records, commune) else {
        return Vec::new();
    };
    let mut days: Vec<NaiveDate> = DeadlineKind::ALL
        .into_iter()
        .filter_map(|k| year.deadline(k).checked_add_days(Days::new(1)))
        .filter(|d| *d > today)
        .collect();
    days.sort_unstable();
    days.dedup();
    days
}

/// The row of `commune` from `today` on, one span per stretch of days over
/// which it stays the same (at most one more than the year's deadlines),
/// each made by [`commune_row`] on its first day.
#[must_use]
pub fn rows_ahead(records: &CommuneRecords, commune: CommuneId, today: NaiveDate) -> Vec<RowSpan> {
    let turns = turning_days(records, commune, today);
    let starts = std::iter::once(today).chain(turns.iter().copied());
    let ends = turns
        .iter()
        .map(|d| d.pred_opt())
        .chain(std::iter::once(None));
    starts
        .zip(ends)
        .map(|(from, through)| RowSpan {
            from,
            through,
            row: commune_row(records, commune, from),
        })
        .collect()
}

/// The row on `day` from spans made earlier, if one covers it
/// (`Some(None)`: covered, and the commune had no row).
#[must_use]
pub fn row_on(spans: &[RowSpan], day: NaiveDate) -> Option<Option<CommuneRow>> {
    spans.iter().find(|s| s.covers(day)).map(|s| s.row.clone())
}
