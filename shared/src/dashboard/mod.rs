//! The leaders' dashboard (`#/tong-quan`): a campaign year of one commune
//! as headline figures, a coverage table by unit and counts by field.
//! Every number that stands for models is a [`Figure`] whose models can be
//! listed ([`Dashboard::tally`], [`rows`]). Counting is
//! [`crate::figures`]'s; this only chooses, names and orders what is shown.
use chrono::{DateTime, NaiveDate, Utc};
use serde::{Deserialize, Serialize};

use crate::campaign::CampaignYear;
use crate::deadline::DeadlineState;
use crate::field::Field;
use crate::figures::{CommuneYear, Tally, YearRecords};
use crate::ids::{CampaignId, UnitId};
use crate::model::ModelKind;
use crate::org::Commune;
use crate::status::ModelStatus;
use crate::user::Role;

mod figure;
mod grid;
// The first definitions, for the native tests (proptest is native-only).
#[cfg(all(test, not(target_arch = "wasm32")))]
mod reference;
mod rows;
mod watch;

pub use figure::Figure;
pub use grid::{Cell, GridRow, Stage, late_at};
pub use rows::{Row, rows};
pub use watch::{
    Arrival, LateUnit, NextDeadline, UnitRef, arrival_of, last_data, late_units, next_deadline,
};

/// The designated units against their own targets.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub struct UnitsMet {
    pub met: u32,
    pub designated: u32,
    /// Names of the designated units still below their target.
    pub unmet: Vec<String>,
}

/// One row of the coverage table.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
pub struct UnitLine {
    pub unit_id: UnitId,
    pub name: String,
    /// Its registered models, its sub-units' included ([`Figure::Unit`]).
    pub registered: u32,
    /// Its target, for a designated unit.
    pub target: Option<u32>,
    pub met: Option<bool>,
    pub registration: DeadlineState,
    pub report: DeadlineState,
    /// When its data (its sub-units' included) last reached the server.
    pub last_data: Option<DateTime<Utc>>,
}

/// What the dashboard shows of one commune's campaign year.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
pub struct Dashboard {
    /// The year's figures, without the registered models' own results
    /// (`models` is empty: the dashboard shows none of them).
    pub year: CommuneYear,
    /// The day the deadlines are read on: today, or the commune's report
    /// day once that has passed (a finished year reads as it stood then,
    /// never as hundreds of days late).
    pub seen_on: NaiveDate,
    /// The commune's report day has passed.
    pub closed: bool,
    pub units_met: UnitsMet,
    /// Units with a target or with a model this year, in the commune's order.
    pub units: Vec<UnitLine>,
    /// The fields with their figures: the four lĩnh vực, and "not chosen"
    /// when some registered model has none.
    pub fields: Vec<Figure>,
    /// The grid of units × stages: a row per unit of the table, then the
    /// commune's.
    pub grid: Vec<GridRow>,
    /// None once the year is closed.
    pub next: Option<NextDeadline>,
    pub late: Vec<LateUnit>,
    /// When any unit's data last reached the server.
    pub last_data: Option<DateTime<Utc>>,
}

/// The dashboard of `records`' year on `today`; `arrivals` say when each
/// unit's data reached the server ([`arrival_of`]).
#[must_use]
pub fn dashboard(records: &YearRecords<'_>, arrivals: &[Arrival], today: NaiveDate) -> Dashboard {
    let report_day = records.campaign.commune_report_deadline;
    let closed = today > report_day;
    let seen_on = today.min(report_day);
    // Without each model's indicator rows: shown nowhere on the dashboard.
    let (year, lookups) = crate::figures::year::commune_year(records, seen_on, false);
    let cover = &year.coverage;
    let units_met = UnitsMet {
        met: count(cover.units.iter().filter(|u| u.met).count()),
        designated: count(cover.units.len()),
        unmet: cover
            .units
            .iter()
            .filter(|u| !u.met)
            .map(|u| u.name.clone())
            .collect(),
    };
    let fresh = last_data(records.units, arrivals);
    let units: Vec<UnitLine> = year
        .units
        .iter()
        .filter(|u| u.target.is_some() || !u.all.total.is_empty())
        .map(|u| UnitLine {
            unit_id: u.unit_id,
            name: u.name.clone(),
            registered: u.registered.total.count(),
            target: u.target.as_ref().map(|t| t.target),
            met: u.target.as_ref().map(|t| t.met),
            registration: u.registration,
            report: u.report,
            last_data: fresh.get(&u.unit_id).copied(),
        })
        .collect();
    let maker = grid::GridMaker::new(records, &lookups.evaluations, seen_on);
    let mut grid: Vec<GridRow> = units
        .iter()
        .filter_map(|line| {
            let u = year.unit(line.unit_id)?;
            Some(maker.row(Some(u.unit_id), &u.name, &u.stages))
        })
        .collect();
    grid.push(maker.row(None, &records.commune.name, &year.stages));
    let next = next_deadline(records.campaign, &units, seen_on).filter(|_| !closed);
    let late = late_units(&units);
    let newest = units.iter().filter_map(|u| u.last_data).max();
    let mut fields: Vec<Figure> = Field::ALL.map(|f| Figure::Field(Some(f))).to_vec();
    if !year.registered.no_field.is_empty() {
        fields.push(Figure::Field(None));
    }
    Dashboard {
        year,
        seen_on,
        closed,
        units_met,
        units,
        fields,
        grid,
        next,
        late,
        last_data: newest,
    }
}

fn count(n: usize) -> u32 {
    u32::try_from(n).unwrap_or(u32::MAX)
}

impl Dashboard {
    /// The models behind a figure; none for a unit not of the commune.
    #[must_use]
    pub fn tally(&self, figure: &Figure) -> Option<&Tally> {
        let y = &self.year;
        let s = &y.stages;
        Some(match figure {
            Figure::Registered => &s.registered,
            Figure::Reported => &s.reported,
            Figure::Evaluated => &s.evaluated,
            Figure::Recognised => &s.recognised,
            Figure::Exemplary => &s.exemplary,
            Figure::ProposedReward => &s.proposed_reward,
            Figure::Replicate => &s.replicate,
            Figure::Field(Some(f)) => y.registered.field(*f),
            Figure::Field(None) => &y.registered.no_field,
            Figure::Unit(u) => &y.unit(*u)?.registered.total,
            Figure::Stage { unit, stage, late } => {
                let row = self.grid.iter().find(|r| r.unit_id == *unit)?;
                let cell = row.cell(*stage)?;
                if *late { &cell.late } else { &cell.models }
            }
            Figure::Kind(k) => y.registered.kind(*k),
            Figure::New => &y.registered.new,
            Figure::Continued => &y.registered.continued,
            Figure::Status(st) => &y.all.by_status.iter().find(|(x, _)| x == st)?.1,
        })
    }

    /// The number a figure shows (0 for a figure with no models).
    #[must_use]
    pub fn count(&self, figure: &Figure) -> u32 {
        self.tally(figure).map_or(0, Tally::count)
    }

    /// The commune's target, shown beside [`Figure::Registered`].
    #[must_use]
    pub fn target(&self, figure: &Figure) -> Option<u32> {
        (*figure == Figure::Registered).then_some(self.year.coverage.commune_target)
    }

    /// Every figure the dashboard shows, for the tests that open each one.
    #[must_use]
    pub fn figures(&self) -> Vec<Figure> {
        let mut out = Figure::HEADLINE.to_vec();
        out.extend(self.fields.iter().copied());
        out.extend(self.units.iter().map(|u| Figure::Unit(u.unit_id)));
        for row in &self.grid {
            for stage in Stage::ALL {
                for late in [false, true] {
                    out.push(Figure::Stage {
                        unit: row.unit_id,
                        stage,
                        late,
                    });
                }
            }
        }
        out.extend(ModelKind::ALL.map(Figure::Kind));
        out.extend([Figure::New, Figure::Continued]);
        out.extend(self.statuses());
        out
    }

    /// The statuses some model of the year stands at, in the statuses' order.
    #[must_use]
    pub fn statuses(&self) -> Vec<Figure> {
        ModelStatus::ALL
            .into_iter()
            .map(Figure::Status)
            .filter(|f| self.count(f) > 0)
            .collect()
    }

    /// The heading of the list behind a figure: a unit's figure by its name.
    #[must_use]
    pub fn title(&self, figure: &Figure) -> String {
        match figure {
            Figure::Unit(u) => self
                .year
                .unit(*u)
                .map_or_else(|| figure.label().to_owned(), |u| u.name.clone()),
            Figure::Stage { unit, .. } => {
                let row = self.grid.iter().find(|r| r.unit_id == *unit);
                crate::messages::of_unit(figure.label(), row.map_or("", |r| r.name.as_str()))
            }
            other => other.label().to_owned(),
        }
    }
}

/// Who opens the dashboard made on the device: the commune's people who
/// follow its year (the leader, the reviewer, the admin). A unit officer
/// follows their own unit on the home screen; a city viewer holds no
/// models and opens a commune's dashboard as the server computed it
/// (`crate::city::CommuneDashboard`).
#[must_use]
pub fn may_see(role: Role) -> bool {
    !matches!(role, Role::UnitOfficer | Role::CityViewer)
}

/// The campaign years to choose from, newest first, each named by its
/// year, and by its commune too when the device holds several communes
/// (the city viewer). The first is the default.
#[must_use]
pub fn year_choices(campaigns: &[CampaignYear], communes: &[Commune]) -> Vec<(CampaignId, String)> {
    let mut years: Vec<&CampaignYear> = campaigns.iter().collect();
    let name = |c: &CampaignYear| {
        communes
            .iter()
            .find(|x| x.id == c.commune_id)
            .map_or("", |x| x.name.as_str())
    };
    years.sort_by(|a, b| b.year.cmp(&a.year).then_with(|| name(a).cmp(name(b))));
    let first = years.first().map(|c| c.commune_id);
    let several = years.iter().any(|c| Some(c.commune_id) != first);
    years
        .iter()
        .map(|c| {
            let label = if several {
                crate::messages::campaign_of(c.year, name(c))
            } else {
                crate::messages::campaign_year(c.year)
            };
            (c.id, label)
        })
        .collect()
}

#[cfg(test)]
mod tests;
