//! Every figure of the commune's year, computed once from the records:
//! the documents (mẫu 01, phụ lục 02, the commune report, the recognition
//! list) and the leaders' dashboard read the same numbers. Every count is a
//! [`Tally`] carrying the models behind it, for drill-down.
//!
//! Targets come from [`crate::coverage::coverage`] and what counts toward
//! them from [`crate::coverage::counts_toward`]; this module only groups.
use std::collections::HashMap;

use chrono::NaiveDate;
use serde::{Deserialize, Serialize};

use crate::campaign::CampaignYear;
use crate::coverage::{Coverage, UnitCoverage, counts_toward, coverage};
use crate::deadline::{DeadlineState, unit_deadlines};
use crate::evaluation::Evaluation;
use crate::ids::{EvaluationId, ModelId, ReportId, UnitId};
use crate::model::Model;
use crate::org::{Commune, Unit};
use crate::progress::ProgressEntry;
use crate::report::{Achievement, ResultsReport};

mod counts;
mod records;
mod tally;

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
    pub models: Vec<ModelYear>,
    /// Models of the year whose unit is not among the units given.
    pub unplaced: Tally,
}

/// Indexes of the records by model, built once.
struct Index<'a> {
    progress: HashMap<ModelId, Vec<&'a ProgressEntry>>,
    reports: HashMap<ModelId, &'a ResultsReport>,
    evaluations: HashMap<ModelId, &'a Evaluation>,
}

impl<'a> YearRecords<'a> {
    /// The models of the campaign year, in list order: registration day,
    /// sending day, name, id (records arrive from the store in no order).
    #[must_use]
    pub fn year_models(&self) -> Vec<&'a Model> {
        let mut out: Vec<&Model> = self
            .models
            .iter()
            .filter(|m| {
                m.campaign_id == self.campaign.id && m.commune_id == self.campaign.commune_id
            })
            .collect();
        out.sort_by(|a, b| {
            (a.registered_on, a.submitted_on, &a.name, a.id).cmp(&(
                b.registered_on,
                b.submitted_on,
                &b.name,
                b.id,
            ))
        });
        out
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

    fn index(&self) -> Index<'a> {
        let mut progress: HashMap<ModelId, Vec<&ProgressEntry>> = HashMap::new();
        for p in self.progress {
            progress.entry(p.model_id).or_default().push(p);
        }
        let reports = self.reports.iter().map(|r| (r.model_id, r)).collect();
        let mut evaluations: HashMap<ModelId, &Evaluation> = HashMap::new();
        for e in self.evaluations {
            // Same rule as `evaluation_of`: latest day, then last given.
            let keep = evaluations
                .get(&e.model_id)
                .is_some_and(|kept| kept.evaluated_on > e.evaluated_on);
            if !keep {
                evaluations.insert(e.model_id, e);
            }
        }
        Index {
            progress,
            reports,
            evaluations,
        }
    }
}

/// Indicators reached against targets: from the report if there is one,
/// else every target with nothing reached yet.
#[must_use]
pub fn achievements(model: &Model, report: Option<&ResultsReport>) -> Vec<Achievement> {
    match report {
        Some(r) => r.achievements(model),
        None => ResultsReport::new_for(ResultsReport::id_for(model.id), model).achievements(model),
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
    let index = records.index();
    let year = records.year_models();
    let registered: Vec<&Model> = year
        .iter()
        .copied()
        .filter(|m| counts_toward(records.campaign, m))
        .collect();
    let models: Vec<ModelYear> = registered.iter().map(|m| model_year(m, &index)).collect();
    let met: HashMap<ModelId, bool> = models
        .iter()
        .map(|m| (m.model_id, m.targets_met == Some(true)))
        .collect();
    let targets_met = |m: &Model| met.get(&m.id).copied().unwrap_or(false);
    let units = records.commune_units();
    let cover = coverage(records.campaign, records.units, records.models);
    let chains = chains(&units);
    let unit_rows = units
        .iter()
        .map(|u| {
            let under = |m: &&Model| chains.get(&m.unit_id).is_some_and(|c| c.contains(&u.id));
            let all: Vec<&Model> = year.iter().copied().filter(under).collect();
            let reg: Vec<&Model> = registered.iter().copied().filter(under).collect();
            let [(_, registration), (_, report)] =
                unit_deadlines(records.campaign, all.iter().copied(), today);
            UnitYear {
                unit_id: u.id,
                name: u.name.clone(),
                own: Tally::of(&registered, |m| m.unit_id == u.id),
                all: Counts::of(&all),
                registered: Counts::of(&reg),
                stages: Stages::of(&reg, &index.evaluations, targets_met),
                target: cover.units.iter().find(|c| c.unit_id == u.id).cloned(),
                registration,
                report,
                resources: Resources::of(&reg, &index.progress),
            }
        })
        .collect();
    CommuneYear {
        year: records.campaign.year,
        all: Counts::of(&year),
        registered: Counts::of(&registered),
        stages: Stages::of(&registered, &index.evaluations, targets_met),
        coverage: cover,
        resources: Resources::of(&registered, &index.progress),
        units: unit_rows,
        models,
        unplaced: Tally::of(&year, |m| !chains.contains_key(&m.unit_id)),
    }
}

fn model_year(m: &Model, index: &Index<'_>) -> ModelYear {
    let report = index.reports.get(&m.id).copied();
    let rows = achievements(m, report);
    ModelYear {
        model_id: m.id,
        targets_met: all_met(&rows, report.is_some()),
        achievements: rows,
        resources: Resources::of(&[m], &index.progress),
        report: report.map(|r| r.id),
        evaluation: index.evaluations.get(&m.id).map(|e| e.id),
    }
}

/// Each unit of the commune with itself and the units above it.
fn chains(units: &[&Unit]) -> HashMap<UnitId, Vec<UnitId>> {
    let parents: HashMap<UnitId, Option<UnitId>> = units.iter().map(|u| (u.id, u.parent)).collect();
    units
        .iter()
        .map(|u| (u.id, crate::coverage::ancestors_and_self(u.id, &parents)))
        .collect()
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
