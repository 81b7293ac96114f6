//! Property tests of the leaders' dashboard: every figure opens a list
//! with exactly that many rows and its address names it again, the fields
//! add up to the registered models, the coverage table agrees with the
//! targets, and a finished year reads as on its report day.
use std::collections::HashSet;

use chrono::{Days, NaiveDate};
use proptest::prelude::*;
use shared::dashboard::{Arrival, Figure, Stage, dashboard, rows, year_choices};
use shared::field::Field;
use shared::figures::{CommuneRecords, commune_year};
use shared::ids::{ModelId, UnitId};
use shared::model::Model;
use shared::org::{Unit, UnitKind};
use shared::status::ModelStatus;

/// Unit index, field, status, sent and reported (days from 1 August).
type Spec = (usize, Option<usize>, usize, u64, u64);

fn spec() -> impl Strategy<Value = Spec> {
    (
        0usize..7,
        prop::option::of(0usize..4),
        0usize..11,
        0u64..60,
        60u64..150,
    )
}

fn records(targets: &[bool], specs: &[Spec]) -> CommuneRecords {
    let demo = shared::demo::thanh_mien();
    let commune = demo.commune.clone();
    let campaign = demo.campaigns[1].clone();
    let units: Vec<Unit> = targets
        .iter()
        .enumerate()
        .map(|(i, &has_target)| Unit {
            id: UnitId::new(),
            commune_id: commune.id,
            name: format!("Chi bộ {i}"),
            kind: UnitKind::ChiBoThon,
            parent: None,
            has_target,
            sample: false,
        })
        .collect();
    let start = NaiveDate::from_ymd_opt(2025, 8, 1).unwrap();
    let mut models = Vec::new();
    for (i, &(u, field, status, sent, reported)) in specs.iter().enumerate() {
        // An index past the units is a unit not of the commune.
        let unit = units.get(u).map_or_else(UnitId::new, |u| u.id);
        let mut m = Model::new_draft(ModelId::new(), commune.id, unit, campaign.id);
        m.name = if i % 5 == 0 {
            String::new()
        } else {
            format!("Mô hình {i}")
        };
        m.field = field.map(|f| Field::ALL[f]);
        m.status = ModelStatus::ALL[status];
        m.submitted_on = Some(start + Days::new(sent));
        m.reported_on = Some(start + Days::new(reported));
        models.push(m);
    }
    CommuneRecords {
        communes: vec![commune],
        units,
        campaigns: vec![campaign],
        models,
        ..CommuneRecords::default()
    }
}

proptest! {
    #[test]
    fn every_figure_opens_a_list_of_its_count(
        targets in prop::collection::vec(any::<bool>(), 1..6),
        specs in prop::collection::vec(spec(), 0..40),
        today in 0u64..600,
        arriving in prop::collection::vec((0usize..7, 0i64..100_000), 0..12),
    ) {
        let data = records(&targets, &specs);
        let campaign = data.campaigns[0].clone();
        let year = data.year(campaign.id).unwrap();
        let today = NaiveDate::from_ymd_opt(2025, 7, 1).unwrap() + Days::new(today);
        let start = today.and_hms_opt(0, 0, 0).unwrap().and_utc();
        let arrivals: Vec<Arrival> = arriving
            .iter()
            .filter_map(|&(u, minutes)| Some(Arrival {
                unit_id: data.units.get(u)?.id,
                at: start - chrono::Duration::minutes(minutes),
            }))
            .collect();
        let d = dashboard(&year, &arrivals, today);
        for figure in d.figures() {
            let tally = d.tally(&figure).expect("a shown figure has its models");
            prop_assert_eq!(d.count(&figure), tally.count());
            let list = rows(&year, tally);
            prop_assert_eq!(list.len(), tally.count() as usize, "{:?}", figure);
            let ids: HashSet<ModelId> = list.iter().map(|r| r.model_id).collect();
            prop_assert_eq!(ids.len(), list.len());
            prop_assert!(list.iter().all(|r| r.status.is_some() && !r.name.is_empty()));
            let slug = figure.slug();
            let parts: Vec<&str> = slug.split('/').collect();
            prop_assert_eq!(Figure::parse(&parts), Some(figure));
            prop_assert!(!d.title(&figure).is_empty());
        }

        // The headline is the shared figures of the year, on the day seen.
        prop_assert_eq!(d.seen_on, today.min(campaign.commune_report_deadline));
        prop_assert_eq!(d.closed, today > campaign.commune_report_deadline);
        let y = commune_year(&year, d.seen_on);
        // Every figure; the models' own results are not on the dashboard.
        let mut figures = y.clone();
        figures.models.clear();
        prop_assert_eq!(&d.year, &figures);
        prop_assert_eq!(d.count(&Figure::Registered), y.coverage.commune_count);
        prop_assert_eq!(d.target(&Figure::Registered), Some(campaign.commune_target));
        prop_assert_eq!(d.target(&Figure::Reported), None);

        // The fields add up to the registered models.
        let fields: u32 = d.fields.iter().map(|f| d.count(f)).sum();
        prop_assert_eq!(fields, d.count(&Figure::Registered));

        // Every designated unit is a row of the table, with its target;
        // units met and not met are the designated ones.
        let designated: HashSet<UnitId> = y.coverage.units.iter().map(|u| u.unit_id).collect();
        let shown: HashSet<UnitId> = d.units.iter().map(|u| u.unit_id).collect();
        prop_assert_eq!(shown.len(), d.units.len());
        prop_assert!(designated.is_subset(&shown));
        prop_assert_eq!(d.units_met.designated as usize, designated.len());
        prop_assert_eq!(d.units_met.met as usize + d.units_met.unmet.len(), designated.len());
        for line in &d.units {
            let cover = y.coverage.units.iter().find(|c| c.unit_id == line.unit_id);
            prop_assert_eq!(line.target, cover.map(|c| c.target));
            prop_assert_eq!(line.met, cover.map(|c| c.met));
            if let Some(c) = cover {
                prop_assert_eq!(line.registered, c.count);
            }
            prop_assert_eq!(line.registered, d.count(&Figure::Unit(line.unit_id)));
        }

        check_grid(&d, &y)?;
        check_breakdowns(&d)?;
        check_watch(&d, &arrivals)?;

        let choices = year_choices(&data.campaigns, &data.communes);
        prop_assert_eq!(choices.len(), 1);
        prop_assert_eq!(choices[0].0, campaign.id);
    }
}

/// The grid: a row per unit of the table and the commune's last; in each
/// row registered = in progress + reported, reported ⊇ evaluated ⊇
/// recognised, the late ⊆ the cell; the units' cells (no sub-units here)
/// are disjoint and, with the models of no unit of the commune, make up
/// the commune's.
fn check_grid(
    d: &shared::dashboard::Dashboard,
    y: &shared::figures::CommuneYear,
) -> Result<(), TestCaseError> {
    prop_assert_eq!(d.grid.len(), d.units.len() + 1);
    let commune = d.grid.last().unwrap();
    prop_assert_eq!(commune.unit_id, None);
    for row in &d.grid {
        let cell = |s: Stage| row.cell(s).unwrap();
        prop_assert_eq!(
            cell(Stage::Registered).models.count(),
            cell(Stage::InProgress).models.count() + cell(Stage::Reported).models.count()
        );
        for (small, big) in [
            (Stage::Evaluated, Stage::Reported),
            (Stage::Recognised, Stage::Evaluated),
        ] {
            prop_assert!(
                cell(small)
                    .models
                    .ids()
                    .iter()
                    .all(|id| cell(big).models.contains(*id))
            );
        }
        for stage in Stage::ALL {
            let c = cell(stage);
            prop_assert!(c.late.ids().iter().all(|id| c.models.contains(*id)));
        }
    }
    for stage in Stage::ALL {
        let whole = &commune.cell(stage).unwrap().models;
        let mut seen = HashSet::new();
        for row in &d.grid[..d.grid.len() - 1] {
            for id in row.cell(stage).unwrap().models.ids() {
                prop_assert!(seen.insert(*id), "a model in two units");
                prop_assert!(whole.contains(*id));
            }
        }
        let rest = whole.ids().iter().filter(|id| !seen.contains(*id));
        for id in rest {
            prop_assert!(y.unplaced.contains(*id));
        }
        prop_assert_eq!(
            d.count(&Figure::Stage {
                unit: None,
                stage,
                late: false
            }),
            whole.count()
        );
    }
    prop_assert_eq!(
        commune.cell(Stage::Registered).unwrap().models.count(),
        d.count(&Figure::Registered)
    );
    Ok(())
}

/// Kinds and new / continued each add up to the registered models, the
/// statuses to every model of the year.
fn check_breakdowns(d: &shared::dashboard::Dashboard) -> Result<(), TestCaseError> {
    use shared::model::ModelKind;
    let registered = d.count(&Figure::Registered);
    let kinds: u32 = ModelKind::ALL
        .iter()
        .map(|k| d.count(&Figure::Kind(*k)))
        .sum();
    prop_assert_eq!(kinds, registered);
    prop_assert_eq!(
        d.count(&Figure::New) + d.count(&Figure::Continued),
        registered
    );
    let statuses: u32 = d.statuses().iter().map(|f| d.count(f)).sum();
    prop_assert_eq!(statuses, d.year.all.total.count());
    Ok(())
}

/// The next deadline is ahead (none once closed) and names only units of
/// the table that have not met it; a late unit is named once; a unit's
/// data arrived when its newest arrival did.
fn check_watch(
    d: &shared::dashboard::Dashboard,
    arrivals: &[Arrival],
) -> Result<(), TestCaseError> {
    prop_assert_eq!(d.next.is_none(), d.closed);
    if let Some(next) = &d.next {
        prop_assert!(next.days_left >= 0);
        prop_assert_eq!(next.date, d.seen_on + Days::new(next.days_left as u64));
        for p in &next.pending {
            prop_assert!(d.units.iter().any(|u| u.unit_id == p.unit_id));
        }
    }
    let late: HashSet<UnitId> = d.late.iter().map(|l| l.unit.unit_id).collect();
    prop_assert_eq!(late.len(), d.late.len());
    prop_assert!(d.late.iter().all(|l| l.days > 0));
    for u in &d.units {
        let newest = arrivals
            .iter()
            .filter(|a| a.unit_id == u.unit_id)
            .map(|a| a.at)
            .max();
        prop_assert_eq!(u.last_data, newest);
    }
    prop_assert_eq!(
        d.last_data,
        d.units.iter().filter_map(|u| u.last_data).max()
    );
    Ok(())
}
