//! Target coverage: registered models against the commune's and each
//! designated unit's target, and the dashboard's breakdowns.
use std::collections::HashMap;

use serde::{Deserialize, Serialize};

use crate::campaign::CampaignYear;
use crate::field::Field;
use crate::ids::UnitId;
use crate::model::{Model, ModelKind};
use crate::model_listing::ModelFacts;
use crate::org::Unit;
use crate::status::ModelStatus;

/// One designated unit against its target.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
pub struct UnitCoverage {
    pub unit_id: UnitId,
    pub name: String,
    pub target: u32,
    pub count: u32,
    pub met: bool,
}

/// The commune and its designated units against their targets.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
pub struct Coverage {
    pub commune_count: u32,
    pub commune_target: u32,
    pub commune_met: bool,
    /// Units with `has_target`, in the order given.
    pub units: Vec<UnitCoverage>,
    /// Designated units below their target (with target 1: no registered model yet).
    pub missing: Vec<UnitId>,
}

/// Whether a model counts toward targets of `campaign`: it belongs to the
/// campaign (and its commune) and is registered (Đã đăng ký or later, not stopped).
#[must_use]
pub fn counts_toward(campaign: &CampaignYear, model: &impl ModelFacts) -> bool {
    model.campaign_id() == campaign.id
        && model.commune_id() == campaign.commune_id
        && model.status().is_registered()
}

/// Coverage of `campaign`. A model counts for its own unit and for every
/// unit above it, since a unit may hand its model to a sub-unit.
#[must_use]
pub fn coverage(campaign: &CampaignYear, units: &[Unit], models: &[Model]) -> Coverage {
    let parents: HashMap<UnitId, Option<UnitId>> = units.iter().map(|u| (u.id, u.parent)).collect();
    let mut per_unit: HashMap<UnitId, u32> = HashMap::new();
    let mut commune_count = 0u32;
    // Models counted under their own unit first: a commune's thousands of
    // models sit in a few dozen units, whose chains are then walked once.
    let mut own: rustc_hash::FxHashMap<UnitId, u32> = rustc_hash::FxHashMap::default();
    for m in models.iter().filter(|m| counts_toward(campaign, m)) {
        commune_count = commune_count.saturating_add(1);
        let n = own.entry(m.unit_id).or_default();
        *n = n.saturating_add(1);
    }
    for (unit_id, count) in own {
        for unit in ancestors_and_self(unit_id, &parents) {
            let n = per_unit.entry(unit).or_default();
            *n = n.saturating_add(count);
        }
    }
    let unit_rows: Vec<UnitCoverage> = units
        .iter()
        .filter(|u| u.has_target && u.commune_id == campaign.commune_id)
        .map(|u| {
            let target = campaign.target_for(u);
            let count = per_unit.get(&u.id).copied().unwrap_or(0);
            UnitCoverage {
                unit_id: u.id,
                name: u.name.clone(),
                target,
                count,
                met: count >= target,
            }
        })
        .collect();
    let missing = unit_rows
        .iter()
        .filter(|u| !u.met)
        .map(|u| u.unit_id)
        .collect();
    Coverage {
        commune_count,
        commune_target: campaign.commune_target,
        commune_met: commune_count >= campaign.commune_target,
        units: unit_rows,
        missing,
    }
}

/// The unit and its ancestors; stops on a cycle or an unknown parent.
pub(crate) fn ancestors_and_self(
    start: UnitId,
    parents: &HashMap<UnitId, Option<UnitId>>,
) -> Vec<UnitId> {
    let mut chain = vec![start];
    let mut current = start;
    while let Some(Some(parent)) = parents.get(&current) {
        if chain.contains(parent) {
            break;
        }
        chain.push(*parent);
        current = *parent;
    }
    chain
}

/// Counts of a set of models for the dashboard.
#[derive(Debug, Clone, PartialEq, Default, Serialize, Deserialize)]
pub struct Breakdown {
    pub by_field: Vec<(Field, u32)>,
    /// Models with no field chosen yet.
    pub no_field: u32,
    pub by_status: Vec<(ModelStatus, u32)>,
    pub new: u32,
    pub continued: u32,
    pub collective: u32,
    pub individual: u32,
}

/// Models of `campaign` by field, status, new/continued, collective/individual.
/// Every status is counted here, drafts included; zero rows are kept so
/// charts keep their shape.
#[must_use]
pub fn breakdown(campaign: &CampaignYear, models: &[Model]) -> Breakdown {
    let ms: Vec<&Model> = models
        .iter()
        .filter(|m| m.campaign_id == campaign.id && m.commune_id == campaign.commune_id)
        .collect();
    let count = |f: &dyn Fn(&Model) -> bool| -> u32 {
        u32::try_from(ms.iter().filter(|m| f(m)).count()).unwrap_or(u32::MAX)
    };
    Breakdown {
        by_field: Field::ALL
            .iter()
            .map(|&f| (f, count(&|m| m.field == Some(f))))
            .collect(),
        no_field: count(&|m| m.field.is_none()),
        by_status: ModelStatus::ALL
            .iter()
            .map(|&s| (s, count(&|m| m.status == s)))
            .collect(),
        new: count(&|m| !m.is_continued()),
        continued: count(&|m| m.is_continued()),
        collective: count(&|m| m.kind == ModelKind::TapThe),
        individual: count(&|m| m.kind == ModelKind::CaNhan),
    }
}
