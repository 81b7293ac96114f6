//! The dashboard as first written (tests only): the definition
//! [`super::dashboard`] is tested against, over the figures' own first
//! definition (`crate::figures::reference`).
use std::collections::HashMap;

use chrono::{DateTime, NaiveDate, Utc};

use super::{
    Arrival, Cell, Dashboard, Figure, GridRow, Stage, UnitLine, UnitsMet, count, late_at,
    late_units, next_deadline,
};
use crate::campaign::CampaignYear;
use crate::field::Field;
use crate::figures::{Stages, Tally, YearRecords, reference::commune_year};
use crate::ids::{ModelId, UnitId};
use crate::model::Model;
use crate::org::Unit;

/// The dashboard of `records`' year on `today`; `arrivals` say when each
/// unit's data reached the server ([`arrival_of`]).
pub(crate) fn dashboard(
    records: &YearRecords<'_>,
    arrivals: &[Arrival],
    today: NaiveDate,
) -> Dashboard {
    let report_day = records.campaign.commune_report_deadline;
    let closed = today > report_day;
    let seen_on = today.min(report_day);
    let year = commune_year(records, seen_on);
    let cover = &year.coverage;
    let units_met = UnitsMet {
        met: count(cover.units.iter().filter(|u| u.met).count()),
        designated: count(cover.units.len()),
        unmet: cover
            .units
            .iter()
            .filter(|u| !u.met)
            .map(|u| u.name.clone())
            .collect(),
    };
    let fresh = last_data(records.units, arrivals);
    let units: Vec<UnitLine> = year
        .units
        .iter()
        .filter(|u| u.target.is_some() || !u.all.total.is_empty())
        .map(|u| UnitLine {
            unit_id: u.unit_id,
            name: u.name.clone(),
            registered: u.registered.total.count(),
            target: u.target.as_ref().map(|t| t.target),
            met: u.target.as_ref().map(|t| t.met),
            registration: u.registration,
            report: u.report,
            last_data: fresh.get(&u.unit_id).copied(),
        })
        .collect();
    let maker = GridMaker::new(records, seen_on);
    let mut grid: Vec<GridRow> = units
        .iter()
        .filter_map(|line| {
            let u = year.unit(line.unit_id)?;
            Some(maker.row(Some(u.unit_id), &u.name, &u.stages))
        })
        .collect();
    grid.push(maker.row(None, &records.commune.name, &year.stages));
    let next = next_deadline(records.campaign, &units, seen_on).filter(|_| !closed);
    let late = late_units(&units);
    let newest = units.iter().filter_map(|u| u.last_data).max();
    let mut fields: Vec<Figure> = Field::ALL.map(|f| Figure::Field(Some(f))).to_vec();
    if !year.registered.no_field.is_empty() {
        fields.push(Figure::Field(None));
    }
    Dashboard {
        year,
        seen_on,
        closed,
        units_met,
        units,
        fields,
        grid,
        next,
        late,
        last_data: newest,
    }
}

/// Builds rows from stages, reading each model's dates once.
struct GridMaker<'a> {
    campaign: &'a CampaignYear,
    models: HashMap<ModelId, (&'a Model, Option<NaiveDate>)>,
    seen_on: NaiveDate,
}

impl<'a> GridMaker<'a> {
    fn new(records: &YearRecords<'a>, seen_on: NaiveDate) -> Self {
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

    fn row(&self, unit_id: Option<UnitId>, name: &str, stages: &Stages) -> GridRow {
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

/// When each unit's data last arrived: the newest arrival of its own
/// records and its sub-units' (its figures count theirs too).
fn last_data(units: &[Unit], arrivals: &[Arrival]) -> HashMap<UnitId, DateTime<Utc>> {
    let parents: HashMap<UnitId, Option<UnitId>> = units.iter().map(|u| (u.id, u.parent)).collect();
    let mut out: HashMap<UnitId, DateTime<Utc>> = HashMap::new();
    for a in arrivals {
        for unit in crate::coverage::ancestors_and_self(a.unit_id, &parents) {
            let newest = out.entry(unit).or_insert(a.at);
            if a.at > *newest {
                *newest = a.at;
            }
        }
    }
    out
}

#[cfg(test)]
#[allow(clippy::unwrap_used, clippy::expect_used)]
mod tests {
    use chrono::{DateTime, Days, NaiveDate, Utc};
    use proptest::prelude::*;

    use super::super::{Arrival, dashboard};
    use crate::demo::DemoData;
    use crate::figures::{CommuneRecords, commune_year, reference};
    use crate::ids::{EvaluationId, ModelId, ProgressId, ReportId, UnitId};
    use crate::model::ModelKind;
    use crate::report::ResultsReport;
    use crate::status::ModelStatus;

    fn day(y: i32, m: u32, d: u32) -> NaiveDate {
        NaiveDate::from_ymd_opt(y, m, d).unwrap()
    }

    fn records_of(d: DemoData) -> CommuneRecords {
        CommuneRecords {
            communes: vec![d.commune],
            units: d.units,
            campaigns: d.campaigns,
            models: d.models,
            progress: d.progress,
            reports: d.reports,
            evaluations: d.evaluations,
            arrivals: Vec::new(),
        }
    }

    /// An arrival for each model, progress entry and report, minutes apart.
    fn with_arrivals(mut r: CommuneRecords) -> CommuneRecords {
        let first: DateTime<Utc> = "2025-08-01T08:00:00Z".parse().unwrap();
        let units = r
            .models
            .iter()
            .map(|m| m.unit_id)
            .chain(r.progress.iter().map(|p| p.unit_id))
            .chain(r.reports.iter().map(|p| p.unit_id));
        r.arrivals = units
            .enumerate()
            .map(|(n, unit_id)| Arrival {
                unit_id,
                at: first + chrono::Duration::minutes((n as i64 * 7919) % 100_000),
            })
            .collect();
        r
    }

    /// The fast figures equal the first definition for every campaign of
    /// `r` on `today`.
    fn same(r: &CommuneRecords, today: NaiveDate) {
        for c in &r.campaigns {
            let Some(y) = r.year(c.id) else { continue };
            assert_eq!(commune_year(&y, today), reference::commune_year(&y, today));
            // The dashboard leaves out the models' own results.
            let mut first = super::dashboard(&y, &r.arrivals, today);
            first.year.models.clear();
            assert_eq!(dashboard(&y, &r.arrivals, today), first);
        }
    }

    #[test]
    fn the_demo_reads_as_first_defined_all_year() {
        let plain = with_arrivals(records_of(crate::demo::thanh_mien()));
        let villages = with_arrivals(records_of(crate::demo::thanh_mien_with_villages()));
        let mut day = day(2024, 6, 1);
        while day < self::day(2026, 2, 1) {
            same(&plain, day);
            same(&villages, day);
            day = day + Days::new(9);
        }
    }

    #[test]
    fn the_benchmark_commune_reads_as_first_defined() {
        let mut r = records_of(crate::demo::thanh_mien());
        let (busy, _) = CommuneRecords::from_states(crate::demo::large::busy_year(700));
        r.models.extend(busy.models);
        r.progress.extend(busy.progress);
        r.reports.extend(busy.reports);
        let r = with_arrivals(r);
        for today in [day(2025, 8, 20), day(2025, 11, 25), day(2025, 12, 2)] {
            same(&r, today);
        }
    }

    /// A model: unit index (past the units: not of the commune), status,
    /// field, kind, continued, campaign, sent / reported / registered days.
    type Spec = (
        usize,
        usize,
        Option<usize>,
        bool,
        bool,
        bool,
        u64,
        u64,
        Option<u64>,
    );

    fn spec() -> impl Strategy<Value = Spec> {
        (
            0usize..10,
            0usize..11,
            prop::option::of(0usize..4),
            any::<bool>(),
            any::<bool>(),
            prop::bool::weighted(0.85),
            0u64..80,
            40u64..160,
            prop::option::of(0u64..80),
        )
    }

    /// Progress (model, participants), reports (model, share of each
    /// target reached), evaluations (model, flags, day).
    type Others = (
        Vec<(usize, Option<u32>)>,
        Vec<(usize, u8)>,
        Vec<(usize, [bool; 3], Option<u64>)>,
    );

    fn others() -> impl Strategy<Value = Others> {
        (
            prop::collection::vec((0usize..60, prop::option::of(0u32..500)), 0..40),
            prop::collection::vec((0usize..60, 0u8..3), 0..30),
            prop::collection::vec(
                (0usize..60, any::<[bool; 3]>(), prop::option::of(0u64..200)),
                0..20,
            ),
        )
    }

    fn made(parents: &[Option<usize>], specs: &[Spec], others: &Others) -> CommuneRecords {
        let d = crate::demo::thanh_mien();
        let mut r = records_of(d.clone());
        r.models.clear();
        r.progress.clear();
        r.reports.clear();
        r.evaluations.clear();
        r.units.truncate(parents.len());
        let ids: Vec<UnitId> = r.units.iter().map(|u| u.id).collect();
        for (u, p) in r.units.iter_mut().zip(parents) {
            // A parent past the units: a unit of no commune here.
            u.parent = p.map(|p| ids.get(p).copied().unwrap_or_else(UnitId::new));
        }
        let start = day(2025, 7, 15);
        for (i, s) in specs.iter().enumerate() {
            let (unit, status, field, kind, continued, this_year, sent, reported, registered) = *s;
            let mut m = d.models[i % d.models.len()].clone();
            m.id = ModelId::new();
            m.name = format!("Mô hình {}", i % 7);
            m.unit_id = ids.get(unit).copied().unwrap_or_else(UnitId::new);
            m.status = ModelStatus::ALL[status];
            m.field = field.map(|f| crate::field::Field::ALL[f]);
            m.kind = if kind {
                ModelKind::CaNhan
            } else {
                ModelKind::TapThe
            };
            m.continued_from = continued.then(|| d.models[0].id);
            m.campaign_id = d.campaigns[usize::from(this_year)].id;
            m.submitted_on = Some(start + Days::new(sent));
            m.reported_on = Some(start + Days::new(reported));
            m.registered_on = registered.map(|x| start + Days::new(x));
            r.models.push(m);
        }
        if r.models.is_empty() {
            return with_arrivals(r);
        }
        let model = |i: usize| &r.models[i % r.models.len()];
        let (progress, reports, evaluations) = others;
        let mut extra = (Vec::new(), Vec::new(), Vec::new());
        for &(i, participants) in progress {
            let mut p = d.progress[i % d.progress.len()].clone();
            p.id = ProgressId::new();
            p.model_id = model(i).id;
            p.unit_id = model(i).unit_id;
            p.participants = participants;
            extra.0.push(p);
        }
        for &(i, share) in reports {
            let m = model(i);
            let mut rep = ResultsReport::new_for(ReportId::new(), m);
            for (row, ind) in rep.reached.iter_mut().zip(&m.indicators) {
                row.reached = (share > 0).then(|| ind.target * f64::from(share) / 2.0);
            }
            extra.1.push(rep);
        }
        for &(i, [a, b, c], on) in evaluations {
            let mut e = d.evaluations[i % d.evaluations.len()].clone();
            e.id = EvaluationId::new();
            e.model_id = model(i).id;
            (e.exemplary, e.propose_reward, e.replicate) = (a, b, c);
            e.evaluated_on = on.map(|x| start + Days::new(x));
            extra.2.push(e);
        }
        (r.progress, r.reports, r.evaluations) = extra;
        with_arrivals(r)
    }

    proptest! {
        #[test]
        fn the_fast_figures_are_the_first_definition(
            parents in prop::collection::vec(prop::option::of(0usize..10), 1..9),
            specs in prop::collection::vec(spec(), 0..60),
            others in others(),
            today in 0u64..700,
        ) {
            let r = made(&parents, &specs, &others);
            same(&r, day(2025, 1, 1) + Days::new(today));
        }
    }
}
