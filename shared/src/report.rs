//! The results report of a model (phụ lục 02): indicators reached against target.
use std::collections::HashSet;

use chrono::NaiveDate;
use serde::{Deserialize, Serialize};

use crate::ids::{CampaignId, CommuneId, IndicatorId, ModelId, ReportId, UnitId};
use crate::messages;
use crate::model::Model;
use crate::validate::{Checker, ErrorCode, Errors};

/// What one indicator reached.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
pub struct IndicatorResult {
    pub indicator_id: IndicatorId,
    /// `None` while not yet filled in.
    #[serde(default)]
    pub reached: Option<f64>,
}

/// The results report of one model.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
pub struct ResultsReport {
    pub id: ReportId,
    pub commune_id: CommuneId,
    pub unit_id: UnitId,
    pub campaign_id: CampaignId,
    pub model_id: ModelId,
    #[serde(default)]
    pub reached: Vec<IndicatorResult>,
    /// Kết quả đạt được.
    #[serde(default)]
    pub results: String,
    /// Bài học kinh nghiệm.
    #[serde(default)]
    pub lessons: String,
    /// Đề xuất, kiến nghị.
    #[serde(default)]
    pub proposals: String,
    #[serde(default)]
    pub report_date: Option<NaiveDate>,
    /// Evidence photos (`crate::photo`).
    #[serde(default)]
    pub photos: Vec<crate::photo::PhotoRef>,
}

/// One row of "reached against target", ready for a table.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
pub struct Achievement {
    pub indicator_id: IndicatorId,
    pub name: String,
    pub unit: String,
    pub target: f64,
    pub reached: Option<f64>,
    /// reached / target × 100, when both are known and the target is above 0.
    pub percent: Option<f64>,
}

impl ResultsReport {
    /// The id of `model`'s report: the same on every device, so two people
    /// starting the report offline write one record, not two. It is the
    /// model's id with the UUID version set to 8 ("custom"); model ids are
    /// version 7, so it never equals one.
    #[must_use]
    pub fn id_for(model: ModelId) -> ReportId {
        let mut bytes = *model.as_uuid().as_bytes();
        bytes[6] = (bytes[6] & 0x0f) | 0x80;
        ReportId::from_uuid(uuid::Uuid::from_bytes(bytes))
    }

    /// An empty report of `model`, one row per indicator.
    #[must_use]
    pub fn new_for(id: ReportId, model: &Model) -> Self {
        Self {
            id,
            commune_id: model.commune_id,
            unit_id: model.unit_id,
            campaign_id: model.campaign_id,
            model_id: model.id,
            reached: model
                .indicators
                .iter()
                .map(|i| IndicatorResult {
                    indicator_id: i.id,
                    reached: None,
                })
                .collect(),
            results: String::new(),
            lessons: String::new(),
            proposals: String::new(),
            report_date: None,
            photos: Vec::new(),
        }
    }

    /// The report a person starts for `model`: its one id, one row per
    /// indicator, each filled with the latest value the progress log
    /// reached (entries of other models are ignored).
    #[must_use]
    pub fn prefilled(model: &Model, progress: &[crate::progress::ProgressEntry]) -> Self {
        let mut report = Self::new_for(Self::id_for(model.id), model);
        let mut own: Vec<crate::progress::ProgressEntry> = progress
            .iter()
            .filter(|e| e.model_id == model.id)
            .cloned()
            .collect();
        // Oldest first and a stable order within a day, so the latest wins.
        own.sort_by_key(|e| (e.date, e.id));
        for value in crate::progress::latest_values(&own) {
            if let Some(row) = report
                .reached
                .iter_mut()
                .find(|r| r.indicator_id == value.indicator_id)
            {
                row.reached = Some(value.value);
            }
        }
        report
    }

    /// Texts within limits, reached values finite and ≥ 0, no indicator twice.
    #[must_use]
    pub fn validate_draft(&self) -> Errors {
        let mut c = Checker::new();
        c.text("results", &self.results);
        c.text("lessons", &self.lessons);
        c.text("proposals", &self.proposals);
        crate::photo::check(&mut c, "photos", &self.photos);
        let mut seen = HashSet::new();
        for (i, r) in self.reached.iter().enumerate() {
            if let Some(v) = r.reached {
                c.non_negative(&format!("reached[{i}].reached"), v);
            }
            if !seen.insert(r.indicator_id) {
                c.push(
                    format!("reached[{i}].indicator_id"),
                    ErrorCode::Duplicate,
                    messages::DUPLICATE_INDICATOR,
                );
            }
        }
        c.finish()
    }

    /// Draft rules, plus the results text and a reached value for every
    /// indicator of `model` (errors on `indicators[i].reached` follow the model's
    /// indicator order, as the form shows them).
    #[must_use]
    pub fn validate_for_submit(&self, model: &Model) -> Errors {
        let mut c = Checker::new();
        c.extend(self.validate_draft());
        c.required("results", &self.results, "kết quả đạt được");
        for (i, ind) in model.indicators.iter().enumerate() {
            let filled = self
                .reached
                .iter()
                .any(|r| r.indicator_id == ind.id && r.reached.is_some());
            if !filled {
                c.push(
                    format!("indicators[{i}].reached"),
                    ErrorCode::Required,
                    messages::REACHED_REQUIRED,
                );
            }
        }
        for (i, r) in self.reached.iter().enumerate() {
            if !model.indicators.iter().any(|ind| ind.id == r.indicator_id) {
                c.push(
                    format!("reached[{i}].indicator_id"),
                    ErrorCode::UnknownReference,
                    messages::UNKNOWN_INDICATOR,
                );
            }
        }
        c.finish()
    }

    /// Each indicator of `model` with its target, reached value and percentage.
    #[must_use]
    pub fn achievements(&self, model: &Model) -> Vec<Achievement> {
        model
            .indicators
            .iter()
            .map(|ind| {
                let reached = self
                    .reached
                    .iter()
                    .find(|r| r.indicator_id == ind.id)
                    .and_then(|r| r.reached);
                let percent = reached
                    .filter(|_| ind.target > 0.0 && ind.target.is_finite())
                    .map(|r| r / ind.target * 100.0);
                Achievement {
                    indicator_id: ind.id,
                    name: ind.name.clone(),
                    unit: ind.unit.clone(),
                    target: ind.target,
                    reached,
                    percent,
                }
            })
            .collect()
    }
}
