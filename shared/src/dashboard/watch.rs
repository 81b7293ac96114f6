//! What a leader watches besides the counts: the next deadline with the
//! units that have not met it yet, the units already late, and when each
//! unit's data last reached the server ("dữ liệu đến …"), so the leader
//! knows what the figures may miss.
use std::collections::HashMap;

use chrono::{DateTime, NaiveDate, Utc};
use serde::{Deserialize, Serialize};

use crate::campaign::{CampaignYear, DeadlineKind};
use crate::deadline::DeadlineState;
use crate::ids::UnitId;
use crate::org::Unit;
use crate::sync::protocol::{Fields, RecordKind};

use super::UnitLine;

/// A unit named in a tile: by id (to open its models) and by name.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub struct UnitRef {
    pub unit_id: UnitId,
    pub name: String,
}

/// The next deadline of the year and who has not met it yet.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub struct NextDeadline {
    pub kind: DeadlineKind,
    pub date: NaiveDate,
    /// 0: today is the day.
    pub days_left: i64,
    /// Units of the table whose work for it is not done yet (for the
    /// commune's report day: units whose results are not all reported).
    pub pending: Vec<UnitRef>,
}

/// The first of the year's deadlines on or after `seen_on`; none once
/// the commune's report day has passed (the year is closed).
#[must_use]
pub fn next_deadline(
    campaign: &CampaignYear,
    units: &[UnitLine],
    seen_on: NaiveDate,
) -> Option<NextDeadline> {
    let (kind, date) = DeadlineKind::ALL
        .into_iter()
        .map(|k| (k, campaign.deadline(k)))
        .filter(|(_, d)| *d >= seen_on)
        .min_by_key(|(_, d)| *d)?;
    let pending = units
        .iter()
        .filter(|u| !state_for(kind, u).is_done())
        .filter(|u| kind != DeadlineKind::Registration || u.target.is_some() || u.registered > 0)
        .map(unit_ref)
        .collect();
    Some(NextDeadline {
        kind,
        date,
        days_left: (date - seen_on).num_days(),
        pending,
    })
}

/// A unit's state for a deadline of the year (the commune's report day
/// waits on the units' results).
fn state_for(kind: DeadlineKind, unit: &UnitLine) -> DeadlineState {
    match kind {
        DeadlineKind::Registration => unit.registration,
        DeadlineKind::UnitReport | DeadlineKind::CommuneReport => unit.report,
    }
}

fn unit_ref(u: &UnitLine) -> UnitRef {
    UnitRef {
        unit_id: u.unit_id,
        name: u.name.clone(),
    }
}

/// A unit late for a deadline that has passed, and which.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub struct LateUnit {
    pub unit: UnitRef,
    pub kind: DeadlineKind,
    pub days: i64,
}

/// Units overdue (not done, deadline passed) on registration or on the
/// results report, the registration first: each unit once, for its
/// earliest missed deadline.
#[must_use]
pub fn late_units(units: &[UnitLine]) -> Vec<LateUnit> {
    let mut out: Vec<LateUnit> = Vec::new();
    for kind in [DeadlineKind::Registration, DeadlineKind::UnitReport] {
        for u in units {
            if out.iter().any(|l| l.unit.unit_id == u.unit_id) {
                continue;
            }
            if let DeadlineState::Overdue { days } = state_for(kind, u) {
                out.push(LateUnit {
                    unit: unit_ref(u),
                    kind,
                    days,
                });
            }
        }
    }
    out
}

/// A unit's data reaching the server: a record filed under the unit and
/// when its own people's last change to it arrived.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize, Deserialize)]
pub struct Arrival {
    pub unit_id: UnitId,
    pub at: DateTime<Utc>,
}

/// The arrival a record stands for: models, progress entries and results
/// reports are filed under a unit (`unit_id`); other records are not a
/// unit's data.
#[must_use]
pub fn arrival_of(
    kind: RecordKind,
    fields: &Fields,
    arrived_at: Option<DateTime<Utc>>,
) -> Option<Arrival> {
    if !matches!(
        kind,
        RecordKind::Model | RecordKind::Progress | RecordKind::Report
    ) {
        return None;
    }
    Some(Arrival {
        unit_id: fields.get("unit_id")?.as_str()?.parse().ok()?,
        at: arrived_at?,
    })
}

/// When each unit's data last arrived: the newest arrival of its own
/// records and its sub-units' (its figures count theirs too).
#[must_use]
pub fn last_data(units: &[Unit], arrivals: &[Arrival]) -> HashMap<UnitId, DateTime<Utc>> {
    // The newest arrival of each unit's own records first: a commune's
    // thousands of records come from a few dozen units.
    let mut own: rustc_hash::FxHashMap<UnitId, DateTime<Utc>> = rustc_hash::FxHashMap::default();
    for a in arrivals {
        let newest = own.entry(a.unit_id).or_insert(a.at);
        if a.at > *newest {
            *newest = a.at;
        }
    }
    let parents: HashMap<UnitId, Option<UnitId>> = units.iter().map(|u| (u.id, u.parent)).collect();
    let mut out: HashMap<UnitId, DateTime<Utc>> = HashMap::new();
    for (unit_id, at) in own {
        for unit in crate::coverage::ancestors_and_self(unit_id, &parents) {
            let newest = out.entry(unit).or_insert(at);
            if at > *newest {
                *newest = at;
            }
        }
    }
    out
}
