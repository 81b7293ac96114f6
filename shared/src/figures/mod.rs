//! Every figure of the commune's year, computed once from the records:
//! the documents (mẫu 01, phụ lục 02, the commune report, the recognition
//! list) and the leaders' dashboard read the same numbers. Every count is a
//! [`Tally`] carrying the models behind it, for drill-down.
//!
//! Targets come from [`crate::coverage::coverage`] and what counts toward
//! them from [`crate::coverage::counts_toward`]; this module only groups.
use chrono::NaiveDate;
use serde::{Deserialize, Serialize};

use crate::campaign::CampaignYear;
use crate::coverage::{Coverage, UnitCoverage};
use crate::deadline::DeadlineState;
use crate::evaluation::Evaluation;
use crate::ids::{EvaluationId, ModelId, ReportId, UnitId};
use crate::model::Model;
use crate::org::{Commune, Unit};
use crate::progress::ProgressEntry;
use crate::report::{Achievement, ResultsReport};

mod counts;
mod order;
mod records;
// The first definitions, for the native tests (proptest is native-only).
#[cfg(all(test, not(target_arch = "wasm32")))]
pub(crate) mod reference;
mod tally;
pub(crate) mod year;

pub use counts::{Counts, Resources, Stages, is_evaluated, is_in_progress, is_reported};
pub use records::CommuneRecords;
pub use tally::Tally;

/// The records of one commune the figures are computed from. Records of
/// other years or communes may be included; they are filtered out.
#[derive(Debug, Clone, Copy)]
pub struct YearRecords<'a> {
    pub commune: &'a Commune,
    pub campaign: &'a CampaignYear,
    pub units: &'a [Unit],
    pub models: &'a [Model],
    pub progress: &'a [ProgressEntry],
    pub reports: &'a [ResultsReport],
    pub evaluations: &'a [Evaluation],
}

/// One unit's year: its models and those of its sub-units (the rule of
/// the targets: a unit may hand a model to a sub-unit).
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
pub struct UnitYear {
    pub unit_id: UnitId,
    pub name: String,
    /// Registered models filed under this very unit (lists group by these).
    pub own: Tally,
    /// Every model of the year, drafts included.
    pub all: Counts,
    /// Models that count toward the targets.
    pub registered: Counts,
    pub stages: Stages,
    /// The unit against its target, for units with `has_target`.
    pub target: Option<UnitCoverage>,
    pub registration: DeadlineState,
    pub report: DeadlineState,
    pub resources: Resources,
}

/// One registered model's results.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
pub struct ModelYear {
    pub model_id: ModelId,
    /// Every indicator with its target; reached values from the results
    /// report (none before it).
    pub achievements: Vec<Achievement>,
    /// Whether the report reaches every target; `None` without a report or
    /// without indicators.
    pub targets_met: Option<bool>,
    pub resources: Resources,
    pub report: Option<ReportId>,
    pub evaluation: Option<EvaluationId>,
}

/// The commune's year.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
pub struct CommuneYear {
    pub year: i32,
    pub all: Counts,
    pub registered: Counts,
    pub stages: Stages,
    pub coverage: Coverage,
    pub resources: Resources,
    /// The commune's units, in the order given.
    pub units: Vec<UnitYear>,
    /// Registered models in list order (registration day, then name).
    /// Empty in a [`crate::dashboard::Dashboard`], which shows none of
    /// them (the documents do).
    pub models: Vec<ModelYear>,
    /// Models of the year whose unit is not among the units given.
    pub unplaced: Tally,
}

impl<'a> YearRecords<'a> {
    /// The models of the campaign year, in list order: registration day,
    /// sending day, name, id (records arrive from the store in no order).
    #[must_use]
    pub fn year_models(&self) -> Vec<&'a Model> {
        // Sorted by a compact copy of the keys (the two days as one
        // number): the comparisons then read neighbouring memory instead
        // of two large models each.
        let mut keyed: Vec<_> = self
            .models
            .iter()
            .filter(|m| {
                m.campaign_id == self.campaign.id && m.commune_id == self.campaign.commune_id
            })
            .map(|m| {
                let days = order::days_key(m.registered_on, m.submitted_on);
                ((days, m.name.as_str(), m.id), m)
            })
            .collect();
        keyed.sort_unstable_by(|(a, _), (b, _)| {
            a.0.cmp(&b.0)
                .then_with(|| order::text_cmp(a.1, b.1))
                .then_with(|| a.2.cmp(&b.2))
        });
        keyed.into_iter().map(|(_, m)| m).collect()
    }

    /// The units of the commune, in the order given.
    #[must_use]
    pub fn commune_units(&self) -> Vec<&'a Unit> {
        self.units
            .iter()
            .filter(|u| u.commune_id == self.campaign.commune_id)
            .collect()
    }

    #[must_use]
    pub fn model(&self, id: ModelId) -> Option<&'a Model> {
        self.models.iter().find(|m| m.id == id)
    }

    #[must_use]
    pub fn unit(&self, id: UnitId) -> Option<&'a Unit> {
        self.units.iter().find(|u| u.id == id)
    }

    /// The results report of a model (one per model).
    #[must_use]
    pub fn report_of(&self, model: ModelId) -> Option<&'a ResultsReport> {
        self.reports.iter().find(|r| r.model_id == model)
    }

    /// The evaluation that stands: the latest by day, then the last given.
    #[must_use]
    pub fn evaluation_of(&self, model: ModelId) -> Option<&'a Evaluation> {
        self.evaluations
            .iter()
            .filter(|e| e.model_id == model)
            .max_by_key(|e| e.evaluated_on)
    }

    /// Progress entries of a model, oldest first.
    #[must_use]
    pub fn progress_of(&self, model: ModelId) -> Vec<&'a ProgressEntry> {
        let mut out: Vec<&ProgressEntry> = self
            .progress
            .iter()
            .filter(|p| p.model_id == model)
            .collect();
        out.sort_by_key(|p| p.date);
        out
    }
}

/// Indicators reached against targets: from the report if there is one,
/// else every target with nothing reached yet.
#[must_use]
pub fn achievements(model: &Model, report: Option<&ResultsReport>) -> Vec<Achievement> {
    match report {
        Some(r) => r.achievements(model),
        // What an empty report would give, without making one.
        None => model
            .indicators
            .iter()
            .map(|ind| Achievement {
                indicator_id: ind.id,
                name: ind.name.clone(),
                unit: ind.unit.clone(),
                target: ind.target,
                reached: None,
                percent: None,
            })
            .collect(),
    }
}

/// Whether a report reaches every target of the model.
fn all_met(rows: &[Achievement], reported: bool) -> Option<bool> {
    (reported && !rows.is_empty()).then(|| {
        rows.iter()
            .all(|a| a.reached.is_some_and(|r| r >= a.target))
    })
}

/// Every figure of the commune's year, seen on `today`.
#[must_use]
pub fn commune_year(records: &YearRecords<'_>, today: NaiveDate) -> CommuneYear {
    year::commune_year(records, today, true).0
}

impl CommuneYear {
    /// The figures of one unit.
    #[must_use]
    pub fn unit(&self, id: UnitId) -> Option<&UnitYear> {
        self.units.iter().find(|u| u.unit_id == id)
    }

    /// The results of one registered model.
    #[must_use]
    pub fn model(&self, id: ModelId) -> Option<&ModelYear> {
        self.models.iter().find(|m| m.model_id == id)
    }
}
