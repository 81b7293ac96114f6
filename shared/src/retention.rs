//! What a device keeps: the current and the previous campaign year (the
//! two newest the commune has), everything not tied to a year (the
//! commune, its units), and, decided by the sync engine, anything with
//! changes not yet sent. Older years may be dropped from the device (the
//! server keeps them; they come back when opened online).
use std::collections::{BTreeMap, BTreeSet};

use serde_json::Value;
use uuid::Uuid;

use crate::sync::{Fields, RecordKind};

/// How many of the newest campaign years a device keeps.
pub const KEPT_YEARS: usize = 2;

fn id_field(fields: &Fields, name: &str) -> Option<Uuid> {
    fields.get(name).and_then(Value::as_str)?.parse().ok()
}

/// The campaign year of each record tied to one (a campaign year itself,
/// a model by its campaign, a progress entry, report or evaluation by its
/// model). Records of other kinds, or whose links are not on the device,
/// are absent.
pub fn years<'a>(
    records: impl IntoIterator<Item = (RecordKind, Uuid, &'a Fields)>,
) -> BTreeMap<(RecordKind, Uuid), i32> {
    let mut campaigns: BTreeMap<Uuid, i32> = BTreeMap::new();
    let mut models: BTreeMap<Uuid, Uuid> = BTreeMap::new();
    let mut children: Vec<(RecordKind, Uuid, Uuid)> = Vec::new();
    for (kind, id, fields) in records {
        match kind {
            RecordKind::Campaign => {
                if let Some(year) = fields.get("year").and_then(Value::as_i64) {
                    campaigns.insert(id, i32::try_from(year).unwrap_or(i32::MAX));
                }
            }
            RecordKind::Model => {
                if let Some(campaign) = id_field(fields, "campaign_id") {
                    models.insert(id, campaign);
                }
            }
            RecordKind::Progress | RecordKind::Report | RecordKind::Evaluation => {
                if let Some(model) = id_field(fields, "model_id") {
                    children.push((kind, id, model));
                }
            }
            RecordKind::Commune | RecordKind::Unit => {}
        }
    }
    let mut out = BTreeMap::new();
    for (id, year) in &campaigns {
        out.insert((RecordKind::Campaign, *id), *year);
    }
    let model_year: BTreeMap<Uuid, i32> = models
        .iter()
        .filter_map(|(m, c)| campaigns.get(c).map(|y| (*m, *y)))
        .collect();
    for (model, year) in &model_year {
        out.insert((RecordKind::Model, *model), *year);
    }
    for (kind, id, model) in children {
        if let Some(year) = model_year.get(&model) {
            out.insert((kind, id), *year);
        }
    }
    out
}

/// The years a device keeps: the `KEPT_YEARS` newest among `known`.
pub fn kept_years(known: impl IntoIterator<Item = i32>) -> BTreeSet<i32> {
    let all: BTreeSet<i32> = known.into_iter().collect();
    all.into_iter().rev().take(KEPT_YEARS).collect()
}

/// The records of years older than the kept ones (the engine still keeps
/// those with changes not yet sent).
pub fn outside_kept(years: &BTreeMap<(RecordKind, Uuid), i32>) -> Vec<(RecordKind, Uuid)> {
    let campaign_years = years
        .iter()
        .filter(|((k, _), _)| *k == RecordKind::Campaign)
        .map(|(_, y)| *y);
    let kept = kept_years(campaign_years);
    years
        .iter()
        .filter(|(_, y)| !kept.contains(y))
        .map(|(k, _)| *k)
        .collect()
}

/// How many records of each year the device holds.
pub fn count_by_year(years: &BTreeMap<(RecordKind, Uuid), i32>) -> BTreeMap<i32, usize> {
    let mut counts = BTreeMap::new();
    for year in years.values() {
        *counts.entry(*year).or_default() += 1;
    }
    counts
}

#[cfg(test)]
mod tests {
    use super::*;
    use serde_json::json;

    fn fields(value: Value) -> Fields {
        match value {
            Value::Object(map) => map,
            _ => Fields::new(),
        }
    }

    fn id(n: u128) -> Uuid {
        Uuid::from_u128(n)
    }

    #[cfg_attr(not(target_arch = "wasm32"), test)]
    #[cfg_attr(target_arch = "wasm32", wasm_bindgen_test::wasm_bindgen_test)]
    fn the_two_newest_years_are_kept_and_older_ones_go_with_their_children() {
        let records = [
            (RecordKind::Campaign, id(1), fields(json!({"year": 2023}))),
            (RecordKind::Campaign, id(2), fields(json!({"year": 2024}))),
            (RecordKind::Campaign, id(3), fields(json!({"year": 2025}))),
            (
                RecordKind::Model,
                id(10),
                fields(json!({"campaign_id": id(1)})),
            ),
            (
                RecordKind::Model,
                id(11),
                fields(json!({"campaign_id": id(2)})),
            ),
            (
                RecordKind::Model,
                id(12),
                fields(json!({"campaign_id": id(3)})),
            ),
            (
                RecordKind::Progress,
                id(20),
                fields(json!({"model_id": id(10)})),
            ),
            (
                RecordKind::Report,
                id(21),
                fields(json!({"model_id": id(10)})),
            ),
            (
                RecordKind::Evaluation,
                id(22),
                fields(json!({"model_id": id(11)})),
            ),
            (
                RecordKind::Progress,
                id(23),
                fields(json!({"model_id": id(99)})),
            ),
            (RecordKind::Unit, id(30), fields(json!({"name": "x"}))),
        ];
        let years = years(records.iter().map(|(k, i, f)| (*k, *i, f)));
        let mut gone = outside_kept(&years);
        gone.sort();
        assert_eq!(
            gone,
            vec![
                (RecordKind::Campaign, id(1)),
                (RecordKind::Model, id(10)),
                (RecordKind::Progress, id(20)),
                (RecordKind::Report, id(21)),
            ]
        );
        let counts = count_by_year(&years);
        assert_eq!(counts.get(&2023), Some(&4));
        assert_eq!(counts.get(&2024), Some(&3));
        assert_eq!(counts.get(&2025), Some(&2));
        // A progress entry whose model is not on the device, and units, stay.
        assert!(!years.contains_key(&(RecordKind::Progress, id(23))));
    }
}
