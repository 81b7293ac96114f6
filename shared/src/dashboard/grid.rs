//! The grid of units × stages: for each unit (its sub-units' models
//! included) and for the commune, how many registered models stand at each
//! stage of the year and how many of those were late for that stage's
//! deadline, like a reporting-rate table. Each cell is two [`Tally`]s, so
//! both numbers open their lists.
use chrono::NaiveDate;
use rustc_hash::FxHashMap as HashMap;
use serde::{Deserialize, Serialize};

use crate::campaign::CampaignYear;
use crate::evaluation::Evaluation;
use crate::figures::{Stages, Tally, YearRecords};
use crate::ids::{ModelId, UnitId};
use crate::messages;
use crate::model::Model;

/// A column of the grid. Registered = in progress + reported, and each
/// stage from reported on holds the next (reported ⊇ evaluated ⊇ recognised).
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash, Serialize, Deserialize)]
pub enum Stage {
    Registered,
    InProgress,
    Reported,
    Evaluated,
    Recognised,
}

impl Stage {
    pub const ALL: [Self; 5] = [
        Self::Registered,
        Self::InProgress,
        Self::Reported,
        Self::Evaluated,
        Self::Recognised,
    ];

    #[must_use]
    pub fn label(&self) -> &'static str {
        match self {
            Self::Registered => messages::STAGE_REGISTERED,
            Self::InProgress => messages::STAGE_IN_PROGRESS,
            Self::Reported => messages::STAGE_REPORTED,
            Self::Evaluated => messages::STAGE_EVALUATED,
            Self::Recognised => messages::STAGE_RECOGNISED,
        }
    }

    /// What "late" means in this column, for the grid's legend.
    #[must_use]
    pub fn late_label(&self) -> &'static str {
        match self {
            Self::Registered => messages::LATE_REGISTERED,
            Self::InProgress => messages::LATE_IN_PROGRESS,
            Self::Reported => messages::LATE_REPORTED,
            Self::Evaluated | Self::Recognised => messages::LATE_EVALUATED,
        }
    }

    #[must_use]
    pub fn slug(&self) -> &'static str {
        match self {
            Self::Registered => "dang-ky",
            Self::InProgress => "dang-thuc-hien",
            Self::Reported => "da-bao-cao",
            Self::Evaluated => "da-danh-gia",
            Self::Recognised => "cong-nhan",
        }
    }

    #[must_use]
    pub fn parse(slug: &str) -> Option<Self> {
        Self::ALL.into_iter().find(|s| s.slug() == slug)
    }

    /// The models of `stages` at this stage.
    #[must_use]
    pub fn of(self, stages: &Stages) -> &Tally {
        match self {
            Self::Registered => &stages.registered,
            Self::InProgress => &stages.in_progress,
            Self::Reported => &stages.reported,
            Self::Evaluated => &stages.evaluated,
            Self::Recognised => &stages.recognised,
        }
    }
}

/// Whether a model at `stage` was late for that stage's deadline, seen on
/// `seen_on`: sent after the registration deadline; still not reported
/// after the unit report deadline; reported after it; evaluated after the
/// commune's report day. Late work is accepted and only marked.
#[must_use]
pub fn late_at(
    stage: Stage,
    campaign: &CampaignYear,
    model: &Model,
    evaluated_on: Option<NaiveDate>,
    seen_on: NaiveDate,
) -> bool {
    match stage {
        Stage::Registered => model
            .submitted_on
            .is_some_and(|d| d > campaign.registration_deadline),
        Stage::InProgress => seen_on > campaign.unit_report_deadline,
        Stage::Reported => model
            .reported_on
            .is_some_and(|d| d > campaign.unit_report_deadline),
        Stage::Evaluated | Stage::Recognised => {
            evaluated_on.is_some_and(|d| d > campaign.commune_report_deadline)
        }
    }
}

/// One cell: the models at the stage and those of them that were late.
#[derive(Debug, Clone, PartialEq, Default, Serialize, Deserialize)]
pub struct Cell {
    pub models: Tally,
    pub late: Tally,
}

/// One row: a unit's (its sub-units' included), or the commune's (`None`).
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
pub struct GridRow {
    pub unit_id: Option<UnitId>,
    pub name: String,
    /// One cell per [`Stage::ALL`], in that order.
    pub cells: Vec<Cell>,
}

impl GridRow {
    #[must_use]
    pub fn cell(&self, stage: Stage) -> Option<&Cell> {
        let i = Stage::ALL.iter().position(|s| *s == stage)?;
        self.cells.get(i)
    }
}

/// Builds rows from stages, each model's lateness at each stage found once.
pub(super) struct GridMaker {
    /// Per model of the year, late or not at each of [`Stage::ALL`].
    late: HashMap<ModelId, [bool; Stage::ALL.len()]>,
}

impl GridMaker {
    /// `evaluations`: the evaluation that stands for each model.
    pub(super) fn new(
        records: &YearRecords<'_>,
        evaluations: &HashMap<ModelId, &Evaluation>,
        seen_on: NaiveDate,
    ) -> Self {
        let campaign = records.campaign;
        let mut late = HashMap::with_capacity_and_hasher(records.models.len(), Default::default());
        late.extend(
            records
                .models
                .iter()
                .filter(|m| m.campaign_id == campaign.id && m.commune_id == campaign.commune_id)
                .map(|m| {
                    let on = evaluations.get(&m.id).and_then(|e| e.evaluated_on);
                    (
                        m.id,
                        Stage::ALL.map(|stage| late_at(stage, campaign, m, on, seen_on)),
                    )
                }),
        );
        Self { late }
    }

    pub(super) fn row(&self, unit_id: Option<UnitId>, name: &str, stages: &Stages) -> GridRow {
        let cells = Stage::ALL
            .into_iter()
            .enumerate()
            .map(|(i, stage)| {
                let models = stage.of(stages).clone();
                let late = models
                    .ids()
                    .iter()
                    .copied()
                    .filter(|id| self.late.get(id).is_some_and(|l| l[i]))
                    .collect();
                Cell {
                    models,
                    late: Tally::from_ids(late),
                }
            })
            .collect();
        GridRow {
            unit_id,
            name: name.to_owned(),
            cells,
        }
    }
}
