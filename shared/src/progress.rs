//! Progress entries: what was done on a day, with whom, and how far the indicators got.
use std::collections::HashSet;

use chrono::NaiveDate;
use serde::{Deserialize, Serialize};

use crate::ids::{CommuneId, IndicatorId, ModelId, ProgressId, UnitId};
use crate::messages;
use crate::model::Model;
use crate::photo::PhotoRef;
use crate::validate::{Checker, ErrorCode, Errors};

/// A value reached for one indicator of the model.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
pub struct IndicatorValue {
    pub indicator_id: IndicatorId,
    pub value: f64,
}

/// One dated activity of a model.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
pub struct ProgressEntry {
    pub id: ProgressId,
    pub commune_id: CommuneId,
    pub unit_id: UnitId,
    pub model_id: ModelId,
    pub date: NaiveDate,
    #[serde(default)]
    pub activity: String,
    /// How many people took part.
    #[serde(default)]
    pub participants: Option<u32>,
    /// Resources mobilised (money, materials, workdays), as written.
    #[serde(default)]
    pub resources: String,
    #[serde(default)]
    pub values: Vec<IndicatorValue>,
    /// Evidence photos, by the SHA-256 of their bytes (`crate::photo`);
    /// older data held bare reference texts, still read.
    #[serde(default)]
    pub photos: Vec<PhotoRef>,
    #[serde(default)]
    pub note: String,
}

impl ProgressEntry {
    /// The activity is required; texts within limits; values finite and ≥ 0.
    #[must_use]
    pub fn validate(&self) -> Errors {
        let mut c = Checker::new();
        c.required("activity", &self.activity, "nội dung hoạt động");
        c.text("activity", &self.activity);
        c.text("resources", &self.resources);
        c.text("note", &self.note);
        let mut seen = HashSet::new();
        for (i, v) in self.values.iter().enumerate() {
            c.non_negative(&format!("values[{i}].value"), v.value);
            if !seen.insert(v.indicator_id) {
                c.push(
                    format!("values[{i}].indicator_id"),
                    ErrorCode::Duplicate,
                    messages::DUPLICATE_INDICATOR,
                );
            }
        }
        crate::photo::check(&mut c, "photos", &self.photos);
        c.finish()
    }

    /// [`Self::validate`], plus every value refers to an indicator of `model`.
    #[must_use]
    pub fn validate_for_model(&self, model: &Model) -> Errors {
        let mut c = Checker::new();
        c.extend(self.validate());
        for (i, v) in self.values.iter().enumerate() {
            if !model.indicators.iter().any(|ind| ind.id == v.indicator_id) {
                c.push(
                    format!("values[{i}].indicator_id"),
                    ErrorCode::UnknownReference,
                    messages::UNKNOWN_INDICATOR,
                );
            }
        }
        c.finish()
    }
}

/// The latest value of each indicator across entries (by date, then list order).
#[must_use]
pub fn latest_values(entries: &[ProgressEntry]) -> Vec<IndicatorValue> {
    let mut sorted: Vec<&ProgressEntry> = entries.iter().collect();
    sorted.sort_by_key(|e| e.date);
    let mut out: Vec<IndicatorValue> = Vec::new();
    for e in sorted {
        for v in &e.values {
            match out.iter_mut().find(|o| o.indicator_id == v.indicator_id) {
                Some(o) => o.value = v.value,
                None => out.push(v.clone()),
            }
        }
    }
    out
}
