//! [`super::commune_year`] in one pass over the year's models: each model
//! is added to the figures of its own unit, of every unit above it and of
//! the commune, instead of every figure filtering every model again. The
//! lists come out in the same order (the year's list order) and the tests
//! hold it equal to the first definition (`reference.rs`). Record ids
//! are hashed with `rustc-hash` (a few times faster than the default
//! hasher here, natively and in wasm).
use chrono::NaiveDate;
use rustc_hash::FxHashMap as HashMap;

use super::{
    CommuneYear, Counts, ModelYear, Resources, Stages, Tally, UnitYear, YearRecords, achievements,
    all_met, is_evaluated, is_in_progress, is_reported,
};
use crate::coverage::{counts_toward, coverage};
use crate::deadline::unit_deadlines;
use crate::evaluation::Evaluation;
use crate::field::Field;
use crate::ids::{ModelId, UnitId};
use crate::model::{Model, ModelKind};
use crate::report::ResultsReport;
use crate::status::ModelStatus;

/// What a model's figures need from the other records, found once.
pub(crate) struct Lookups<'a> {
    /// Lượt người of each model's progress entries, summed.
    participants: HashMap<ModelId, u64>,
    reports: HashMap<ModelId, &'a ResultsReport>,
    /// The evaluation that stands (as `YearRecords::evaluation_of`).
    pub(crate) evaluations: HashMap<ModelId, &'a Evaluation>,
}

impl<'a> Lookups<'a> {
    fn new(records: &YearRecords<'a>) -> Self {
        // Sized up front: growing a map rehashes every id again.
        let mut participants: HashMap<ModelId, u64> =
            HashMap::with_capacity_and_hasher(records.progress.len(), Default::default());
        for p in records.progress {
            let n = participants.entry(p.model_id).or_default();
            *n = n.saturating_add(u64::from(p.participants.unwrap_or(0)));
        }
        let reports = records.reports.iter().map(|r| (r.model_id, r)).collect();
        let mut evaluations: HashMap<ModelId, &Evaluation> =
            HashMap::with_capacity_and_hasher(records.evaluations.len(), Default::default());
        for e in records.evaluations {
            // Latest day, then last given.
            let keep = evaluations
                .get(&e.model_id)
                .is_some_and(|kept| kept.evaluated_on > e.evaluated_on);
            if !keep {
                evaluations.insert(e.model_id, e);
            }
        }
        Self {
            participants,
            reports,
            evaluations,
        }
    }
}

/// A [`Counts`] filled one model at a time.
#[derive(Default)]
struct CountsMaker {
    total: Vec<ModelId>,
    by_field: [Vec<ModelId>; Field::ALL.len()],
    no_field: Vec<ModelId>,
    by_status: [Vec<ModelId>; ModelStatus::ALL.len()],
    new: Vec<ModelId>,
    continued: Vec<ModelId>,
    collective: Vec<ModelId>,
    individual: Vec<ModelId>,
}

impl CountsMaker {
    fn add(&mut self, m: &Model) {
        self.total.push(m.id);
        match m
            .field
            .and_then(|f| Field::ALL.iter().position(|x| *x == f))
        {
            Some(i) => self.by_field[i].push(m.id),
            None if m.field.is_none() => self.no_field.push(m.id),
            None => {}
        }
        if let Some(i) = ModelStatus::ALL.iter().position(|s| *s == m.status) {
            self.by_status[i].push(m.id);
        }
        if m.is_continued() {
            self.continued.push(m.id);
        } else {
            self.new.push(m.id);
        }
        match m.kind {
            ModelKind::TapThe => self.collective.push(m.id),
            ModelKind::CaNhan => self.individual.push(m.id),
        }
    }

    fn done(self) -> Counts {
        let mut fields = self.by_field.into_iter();
        let mut statuses = self.by_status.into_iter();
        Counts {
            total: Tally::from_ids(self.total),
            by_field: Field::ALL
                .map(|f| (f, Tally::from_ids(fields.next().unwrap_or_default())))
                .to_vec(),
            no_field: Tally::from_ids(self.no_field),
            by_status: ModelStatus::ALL
                .map(|s| (s, Tally::from_ids(statuses.next().unwrap_or_default())))
                .to_vec(),
            new: Tally::from_ids(self.new),
            continued: Tally::from_ids(self.continued),
            collective: Tally::from_ids(self.collective),
            individual: Tally::from_ids(self.individual),
        }
    }
}

/// [`Stages`] filled one registered model at a time.
#[derive(Default)]
struct StagesMaker {
    registered: Vec<ModelId>,
    in_progress: Vec<ModelId>,
    reported: Vec<ModelId>,
    evaluated: Vec<ModelId>,
    recognised: Vec<ModelId>,
    not_recognised: Vec<ModelId>,
    exemplary: Vec<ModelId>,
    proposed_reward: Vec<ModelId>,
    replicate: Vec<ModelId>,
    targets_met: Vec<ModelId>,
}

impl StagesMaker {
    fn add(&mut self, m: &Model, evaluation: Option<&Evaluation>, targets_met: bool) {
        let id = m.id;
        self.registered.push(id);
        if is_in_progress(m.status) {
            self.in_progress.push(id);
        }
        if is_reported(m.status) {
            self.reported.push(id);
            if targets_met {
                self.targets_met.push(id);
            }
        }
        if is_evaluated(m.status) {
            self.evaluated.push(id);
        }
        match m.status {
            ModelStatus::CongNhan => {
                self.recognised.push(id);
                if let Some(e) = evaluation {
                    for (flag, list) in [
                        (e.exemplary, &mut self.exemplary),
                        (e.propose_reward, &mut self.proposed_reward),
                        (e.replicate, &mut self.replicate),
                    ] {
                        if flag {
                            list.push(id);
                        }
                    }
                }
            }
            ModelStatus::KhongCongNhan => self.not_recognised.push(id),
            _ => {}
        }
    }

    fn done(self) -> Stages {
        Stages {
            registered: Tally::from_ids(self.registered),
            in_progress: Tally::from_ids(self.in_progress),
            reported: Tally::from_ids(self.reported),
            evaluated: Tally::from_ids(self.evaluated),
            recognised: Tally::from_ids(self.recognised),
            not_recognised: Tally::from_ids(self.not_recognised),
            exemplary: Tally::from_ids(self.exemplary),
            proposed_reward: Tally::from_ids(self.proposed_reward),
            replicate: Tally::from_ids(self.replicate),
            targets_met: Tally::from_ids(self.targets_met),
        }
    }
}

fn add_resources(sum: Resources, one: &Resources) -> Resources {
    Resources {
        budget_vnd: sum.budget_vnd.saturating_add(one.budget_vnd),
        socialized_vnd: sum.socialized_vnd.saturating_add(one.socialized_vnd),
        workdays: sum.workdays.saturating_add(one.workdays),
        participants: sum.participants.saturating_add(one.participants),
    }
}

/// One unit's figures as they fill.
#[derive(Default)]
struct UnitMaker<'a> {
    own: Vec<ModelId>,
    /// Every model of the year under it, for its deadlines.
    models: Vec<&'a Model>,
    all: CountsMaker,
    registered: CountsMaker,
    stages: StagesMaker,
    resources: Resources,
}

/// Whether a report reaches every target of the model (as [`all_met`]
/// over [`achievements`], without making the rows).
fn targets_met(m: &Model, report: Option<&ResultsReport>) -> Option<bool> {
    let report = report?;
    (!m.indicators.is_empty()).then(|| {
        m.indicators.iter().all(|ind| {
            report
                .reached
                .iter()
                .find(|r| r.indicator_id == ind.id)
                .and_then(|r| r.reached)
                .is_some_and(|r| r >= ind.target)
        })
    })
}

/// One registered model's results (without the indicator rows unless
/// `rows`) and what its unit's figures add up.
fn model_year(
    m: &Model,
    lookups: &Lookups<'_>,
    evaluation: Option<&Evaluation>,
    rows: bool,
) -> ModelYear {
    let report = lookups.reports.get(&m.id).copied();
    let (met, rows) = if rows {
        let rows = achievements(m, report);
        (all_met(&rows, report.is_some()), rows)
    } else {
        (targets_met(m, report), Vec::new())
    };
    let participants = lookups.participants.get(&m.id).copied().unwrap_or(0);
    ModelYear {
        model_id: m.id,
        targets_met: met,
        achievements: rows,
        resources: Resources {
            budget_vnd: m.budget_vnd.unwrap_or(0),
            socialized_vnd: m.socialized_vnd.unwrap_or(0),
            workdays: u64::from(m.workdays.unwrap_or(0)),
            participants,
        },
        report: report.map(|r| r.id),
        evaluation: evaluation.map(|e| e.id),
    }
}

/// The commune's year, with the lookups made for it (the dashboard's grid
/// reads the evaluations again). Without `results`, the registered models'
/// own results ([`CommuneYear::models`]) are left out: the dashboard shows
/// none of them, and they are most of the work (every indicator's name
/// and unit copied for every model).
pub(crate) fn commune_year<'a>(
    records: &YearRecords<'a>,
    today: NaiveDate,
    results: bool,
) -> (CommuneYear, Lookups<'a>) {
    let lookups = Lookups::new(records);
    let year = records.year_models();
    let units = records.commune_units();
    // Where each unit stands in the list (twice if given twice).
    let mut place: HashMap<UnitId, Vec<usize>> = HashMap::default();
    for (i, u) in units.iter().enumerate() {
        place.entry(u.id).or_default().push(i);
    }
    let parents: std::collections::HashMap<UnitId, Option<UnitId>> =
        units.iter().map(|u| (u.id, u.parent)).collect();
    // The units each model counts for: its own and those above it, by place.
    let mut chains: HashMap<UnitId, Vec<usize>> = HashMap::default();
    let mut makers: Vec<UnitMaker<'a>> = units.iter().map(|_| UnitMaker::default()).collect();
    let (mut all, mut registered, mut stages) = (
        CountsMaker::default(),
        CountsMaker::default(),
        StagesMaker::default(),
    );
    let mut resources = Resources::default();
    let mut models = Vec::new();
    let mut unplaced = Vec::new();
    for &m in &year {
        all.add(m);
        let chain = chains.entry(m.unit_id).or_insert_with(|| {
            if place.contains_key(&m.unit_id) {
                crate::coverage::ancestors_and_self(m.unit_id, &parents)
                    .iter()
                    .filter_map(|u| place.get(u))
                    .flatten()
                    .copied()
                    .collect()
            } else {
                Vec::new()
            }
        });
        // A unit in the list is in its own chain: an empty chain is a
        // unit not of the commune.
        if chain.is_empty() {
            unplaced.push(m.id);
        }
        let counts = counts_toward(records.campaign, m);
        let evaluation = lookups.evaluations.get(&m.id).copied();
        let mine = counts.then(|| model_year(m, &lookups, evaluation, results));
        let met = mine.as_ref().is_some_and(|y| y.targets_met == Some(true));
        for &i in chain.iter() {
            let unit = &mut makers[i];
            unit.models.push(m);
            unit.all.add(m);
            if let Some(y) = &mine {
                unit.registered.add(m);
                unit.stages.add(m, evaluation, met);
                unit.resources = add_resources(unit.resources, &y.resources);
                if units[i].id == m.unit_id {
                    unit.own.push(m.id);
                }
            }
        }
        if let Some(y) = mine {
            registered.add(m);
            stages.add(m, evaluation, met);
            resources = add_resources(resources, &y.resources);
            if results {
                models.push(y);
            }
        }
    }
    let cover = coverage(records.campaign, records.units, records.models);
    let unit_rows = units
        .iter()
        .zip(makers)
        .map(|(u, made)| {
            let [(_, registration), (_, report)] =
                unit_deadlines(records.campaign, made.models.iter().copied(), today);
            UnitYear {
                unit_id: u.id,
                name: u.name.clone(),
                own: Tally::from_ids(made.own),
                all: made.all.done(),
                registered: made.registered.done(),
                stages: made.stages.done(),
                target: cover.units.iter().find(|c| c.unit_id == u.id).cloned(),
                registration,
                report,
                resources: made.resources,
            }
        })
        .collect();
    let year = CommuneYear {
        year: records.campaign.year,
        all: all.done(),
        registered: registered.done(),
        stages: stages.done(),
        coverage: cover,
        resources,
        units: unit_rows,
        models,
        unplaced: Tally::from_ids(unplaced),
    };
    (year, lookups)
}
