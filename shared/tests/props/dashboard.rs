//! Property tests of the leaders' dashboard: every figure opens a list
//! with exactly that many rows and its address names it again, the fields
//! add up to the registered models, the coverage table agrees with the
//! targets, and a finished year reads as on its report day.
use std::collections::HashSet;

use chrono::{Days, NaiveDate};
use proptest::prelude::*;
use shared::dashboard::{Figure, dashboard, rows, year_choices};
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
    ) {
        let data = records(&targets, &specs);
        let campaign = data.campaigns[0].clone();
        let year = data.year(campaign.id).unwrap();
        let today = NaiveDate::from_ymd_opt(2025, 7, 1).unwrap() + Days::new(today);
        let d = dashboard(&year, today);
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
        prop_assert_eq!(&d.year, &y);
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

        let choices = year_choices(&data.campaigns, &data.communes);
        prop_assert_eq!(choices.len(), 1);
        prop_assert_eq!(choices[0].0, campaign.id);
    }
}
