//! The figures as first written, one pass per figure and per unit: the
//! definition the fast path of [`super::commune_year`] and
//! [`crate::dashboard::dashboard`] is tested against (tests only).
use std::collections::HashMap;

use chrono::NaiveDate;

use super::{
    CommuneYear, Counts, ModelYear, Resources, Stages, Tally, UnitYear, YearRecords, all_met,
};
use crate::coverage::{counts_toward, coverage};
use crate::deadline::unit_deadlines;
use crate::evaluation::Evaluation;
use crate::ids::{ModelId, UnitId};
use crate::model::Model;
use crate::org::Unit;
use crate::progress::ProgressEntry;
use crate::report::{Achievement, ResultsReport};

/// Every figure of the commune's year, seen on `today`.
pub(crate) fn commune_year(records: &YearRecords<'_>, today: NaiveDate) -> CommuneYear {
    let index = index(records);
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

/// Indexes of the records by model, built once.
struct Index<'a> {
    progress: HashMap<ModelId, Vec<&'a ProgressEntry>>,
    reports: HashMap<ModelId, &'a ResultsReport>,
    evaluations: HashMap<ModelId, &'a Evaluation>,
}

fn index<'a>(records: &YearRecords<'a>) -> Index<'a> {
    let mut progress: HashMap<ModelId, Vec<&ProgressEntry>> = HashMap::new();
    for p in records.progress {
        progress.entry(p.model_id).or_default().push(p);
    }
    let reports = records.reports.iter().map(|r| (r.model_id, r)).collect();
    let mut evaluations: HashMap<ModelId, &Evaluation> = HashMap::new();
    for e in records.evaluations {
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

/// Indicators reached against targets: from the report if there is one,
/// else every target with nothing reached yet (through an empty report).
fn achievements(model: &Model, report: Option<&ResultsReport>) -> Vec<Achievement> {
    match report {
        Some(r) => r.achievements(model),
        None => ResultsReport::new_for(ResultsReport::id_for(model.id), model).achievements(model),
    }
}
