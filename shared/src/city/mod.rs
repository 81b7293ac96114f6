//! The city view: each commune of the city in one row (registered against
//! the target, recognised, late units, when its data last arrived). The
//! server computes it from its store with the dashboard's own functions
//! ([`commune_row`]), so a city viewer's tablet need not hold every record
//! of every commune; the device keeps the last answer for offline reading.
use chrono::{DateTime, NaiveDate, Utc};
use serde::{Deserialize, Serialize};

use crate::campaign::CampaignYear;
use crate::dashboard::dashboard;
use crate::figures::CommuneRecords;
use crate::ids::{CampaignId, CommuneId};
use crate::messages;
use crate::user::Role;

mod commune;
mod kept;

pub use commune::{CommuneDashboard, commune_dashboard};
pub use kept::{RowSpan, row_on, rows_ahead, turning_days};

/// One commune of the city, in its newest campaign year.
#[cfg_attr(feature = "openapi", derive(utoipa::ToSchema))]
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub struct CommuneRow {
    pub commune_id: CommuneId,
    pub name: String,
    /// The year shown (the commune's newest); none without a campaign.
    pub campaign_id: Option<CampaignId>,
    pub year: Option<i32>,
    /// Registered models against the commune's target.
    pub registered: u32,
    pub target: u32,
    pub target_met: bool,
    /// Designated units at their own target, of all designated units.
    pub units_met: u32,
    pub units_designated: u32,
    pub recognised: u32,
    /// Units overdue on a deadline that has passed.
    pub late_units: u32,
    /// When any unit's data last reached the server.
    pub last_data: Option<DateTime<Utc>>,
    /// The year's commune report day has passed.
    pub closed: bool,
}

/// Every commune of a city, as the server computed it.
#[cfg_attr(feature = "openapi", derive(utoipa::ToSchema))]
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub struct CitySummary {
    pub city: String,
    /// The day the deadlines were read on.
    pub today: NaiveDate,
    /// When the server computed it (the device shows it: "số liệu lúc …").
    pub computed_at: DateTime<Utc>,
    /// By name.
    pub communes: Vec<CommuneRow>,
}

/// Who gets the city summary and a commune's dashboard from the server:
/// the city viewer (of their own city).
#[must_use]
pub fn may_get(role: Role) -> bool {
    role == Role::CityViewer
}

/// The row of `commune` from records holding it (others' are left out),
/// seen on `today`; none without the commune's own record.
#[must_use]
pub fn commune_row(
    records: &CommuneRecords,
    commune: CommuneId,
    today: NaiveDate,
) -> Option<CommuneRow> {
    let c = records.communes.iter().find(|c| c.id == commune)?;
    let empty = CommuneRow {
        commune_id: c.id,
        name: c.name.clone(),
        campaign_id: None,
        year: None,
        registered: 0,
        target: 0,
        target_met: false,
        units_met: 0,
        units_designated: 0,
        recognised: 0,
        late_units: 0,
        last_data: None,
        closed: false,
    };
    let Some(year) = newest_year(records, commune).and_then(|y| records.year(y.id)) else {
        return Some(empty);
    };
    let d = dashboard(&year, &records.arrivals, today);
    let cover = &d.year.coverage;
    Some(CommuneRow {
        campaign_id: Some(year.campaign.id),
        year: Some(d.year.year),
        registered: cover.commune_count,
        target: cover.commune_target,
        target_met: cover.commune_met,
        units_met: d.units_met.met,
        units_designated: d.units_met.designated,
        recognised: d.year.stages.recognised.count(),
        late_units: u32::try_from(d.late.len()).unwrap_or(u32::MAX),
        last_data: d.last_data,
        closed: d.closed,
        ..empty
    })
}

/// The newest campaign year of `commune` among the records.
fn newest_year(records: &CommuneRecords, commune: CommuneId) -> Option<&CampaignYear> {
    records
        .campaigns
        .iter()
        .filter(|y| y.commune_id == commune)
        .max_by_key(|y| y.year)
}

/// The summary of `rows`, ordered by name.
#[must_use]
pub fn city_summary(
    city: &str,
    mut rows: Vec<CommuneRow>,
    today: NaiveDate,
    computed_at: DateTime<Utc>,
) -> CitySummary {
    rows.sort_by(|a, b| a.name.cmp(&b.name).then(a.commune_id.cmp(&b.commune_id)));
    CitySummary {
        city: city.to_owned(),
        today,
        computed_at,
        communes: rows,
    }
}

/// How the city's rows are ordered.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash)]
pub enum SortKey {
    Name,
    /// Registered against the target, furthest behind first.
    Coverage,
    /// Most recognised first.
    Recognised,
    /// Most late units first.
    LateUnits,
    /// Oldest data first: whose figures may miss the most.
    LastData,
}

impl SortKey {
    pub const ALL: [Self; 5] = [
        Self::Name,
        Self::Coverage,
        Self::Recognised,
        Self::LateUnits,
        Self::LastData,
    ];

    #[must_use]
    pub fn label(&self) -> &'static str {
        match self {
            Self::Name => messages::SORT_NAME,
            Self::Coverage => messages::SORT_COVERAGE,
            Self::Recognised => messages::SORT_RECOGNISED,
            Self::LateUnits => messages::SORT_LATE,
            Self::LastData => messages::SORT_LAST_DATA,
        }
    }

    /// Its name in a form's value.
    #[must_use]
    pub fn slug(&self) -> &'static str {
        match self {
            Self::Name => "ten",
            Self::Coverage => "chi-tieu",
            Self::Recognised => "cong-nhan",
            Self::LateUnits => "qua-han",
            Self::LastData => "du-lieu",
        }
    }

    #[must_use]
    pub fn parse(slug: &str) -> Option<Self> {
        Self::ALL.into_iter().find(|k| k.slug() == slug)
    }
}

/// Which rows to keep.
#[derive(Debug, Clone, PartialEq, Eq, Default)]
pub struct Filter {
    /// Part of the commune's name, any case.
    pub text: String,
    /// Only communes below their target.
    pub behind_only: bool,
    /// Only communes with late units.
    pub late_only: bool,
}

impl Filter {
    #[must_use]
    pub fn keeps(&self, row: &CommuneRow) -> bool {
        let text = self.text.trim().to_lowercase();
        (text.is_empty() || row.name.to_lowercase().contains(&text))
            && (!self.behind_only || !row.target_met)
            && (!self.late_only || row.late_units > 0)
    }
}

/// The rows `filter` keeps, ordered by `key` (ties by name).
#[must_use]
pub fn arrange<'a>(rows: &'a [CommuneRow], key: SortKey, filter: &Filter) -> Vec<&'a CommuneRow> {
    let mut out: Vec<&CommuneRow> = rows.iter().filter(|r| filter.keeps(r)).collect();
    // Registered per target, in thousandths; no target reads as met.
    let share = |r: &CommuneRow| {
        (u64::from(r.registered) * 1000)
            .checked_div(u64::from(r.target))
            .unwrap_or(u64::MAX)
    };
    out.sort_by(|a, b| {
        let by = match key {
            SortKey::Name => std::cmp::Ordering::Equal,
            SortKey::Coverage => share(a).cmp(&share(b)),
            SortKey::Recognised => b.recognised.cmp(&a.recognised),
            SortKey::LateUnits => b.late_units.cmp(&a.late_units),
            SortKey::LastData => a.last_data.cmp(&b.last_data),
        };
        by.then_with(|| a.name.cmp(&b.name))
    });
    out
}
