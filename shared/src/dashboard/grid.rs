//! The grid of units × stages: for each unit (its sub-units' models
//! included) and for the commune, how many registered models stand at each
//! stage of the year and how many of those were late for that stage's
//! deadline, like a reporting-rate table. Each cell is two [`Tally`]s, so
//! both numbers open their lists.
use std::collections::HashMap;

use chrono::NaiveDate;
use serde::{Deserialize, Serialize};

use crate::campaign::CampaignYear;
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

/// Builds rows from stages, reading each model's dates once.
pub(super) struct GridMaker<'a> {
    campaign: &'a CampaignYear,
    models: HashMap<ModelId, (&'a Model, Option<NaiveDate>)>,
    seen_on: NaiveDate,
}

impl<'a> GridMaker<'a> {
    pub(super) fn new(records: &YearRecords<'a>, seen_on: NaiveDate) -> Self {
        // The evaluation that stands: the latest day (as `evaluation_of`),
        // found once for all models rather than searched per model.
        let mut evaluated: HashMap<ModelId, Option<NaiveDate>> = HashMap::new();
        for e in records.evaluations {
            let day = evaluated.entry(e.model_id).or_insert(e.evaluated_on);
            if e.evaluated_on >= *day {
                *day = e.evaluated_on;
            }
        }
        let models = records
            .year_models()
            .into_iter()
            .map(|m| (m.id, (m, evaluated.get(&m.id).copied().flatten())))
            .collect();
        Self {
            campaign: records.campaign,
            models,
            seen_on,
        }
    }

    pub(super) fn row(&self, unit_id: Option<UnitId>, name: &str, stages: &Stages) -> GridRow {
        let cells = Stage::ALL
            .into_iter()
            .map(|stage| {
                let models = stage.of(stages).clone();
                let late = models
                    .ids()
                    .iter()
                    .copied()
                    .filter(|id| {
                        self.models.get(id).is_some_and(|(m, on)| {
                            late_at(stage, self.campaign, m, *on, self.seen_on)
                        })
                    })
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
