//! The list behind a figure: one row per model counted, in the figure's
//! order, so the list always has exactly as many rows as the number said.
use std::collections::HashMap;

use serde::{Deserialize, Serialize};

use crate::figures::{Tally, YearRecords};
use crate::ids::{ModelId, UnitId};
use crate::messages;
use crate::model::Model;
use crate::status::ModelStatus;

/// One model in a drill-down list.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
pub struct Row {
    pub model_id: ModelId,
    pub name: String,
    /// Who implements it: the sub-unit if named, else the unit.
    pub unit: String,
    /// None for a model not among the records (never the case for a tally
    /// made from them).
    pub status: Option<ModelStatus>,
}

impl Row {
    /// A model not among the records.
    #[must_use]
    pub fn unknown(model_id: ModelId) -> Self {
        Self {
            model_id,
            name: messages::UNKNOWN_MODEL.to_owned(),
            unit: String::new(),
            status: None,
        }
    }
}

/// The rows of `tally`, one per id, in its order.
#[must_use]
pub fn rows(records: &YearRecords<'_>, tally: &Tally) -> Vec<Row> {
    let models: HashMap<ModelId, &Model> = records.models.iter().map(|m| (m.id, m)).collect();
    let units: HashMap<UnitId, &str> = records
        .units
        .iter()
        .map(|u| (u.id, u.name.as_str()))
        .collect();
    tally
        .ids()
        .iter()
        .map(|&id| match models.get(&id) {
            Some(m) => Row {
                model_id: id,
                name: if crate::validate::is_blank(&m.name) {
                    messages::UNNAMED_MODEL.to_owned()
                } else {
                    m.name.trim().to_owned()
                },
                unit: m
                    .implementer(units.get(&m.unit_id).copied().unwrap_or_default())
                    .to_owned(),
                status: Some(m.status),
            },
            None => Row::unknown(id),
        })
        .collect()
}
