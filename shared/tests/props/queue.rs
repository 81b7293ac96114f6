//! The queue's counts add up, whatever the models and the filter.
use chrono::{Days, NaiveDate};
use proptest::prelude::*;
use shared::campaign::CampaignYear;
use shared::field::Field;
use shared::ids::{CampaignId, CommuneId, ModelId, UnitId};
use shared::model::Model;
use shared::org::{Unit, UnitKind};
use shared::queue::{Filter, is_waiting, queue};
use shared::status::ModelStatus;

fn day(offset: u64) -> NaiveDate {
    NaiveDate::from_ymd_opt(2025, 6, 1).unwrap() + Days::new(offset)
}

fn ids<T: From<uuid::Uuid>>(n: u128) -> T {
    T::from(uuid::Uuid::from_u128(n))
}

struct Scene {
    models: Vec<Model>,
    campaigns: Vec<CampaignYear>,
    units: Vec<Unit>,
}

fn scene(rows: &[(usize, usize, usize, Option<u64>, bool)]) -> Scene {
    let commune: CommuneId = ids(1);
    let campaign = CampaignYear {
        id: ids(2),
        commune_id: commune,
        year: 2025,
        registration_deadline: day(90),
        unit_report_deadline: day(170),
        commune_report_deadline: day(180),
        commune_target: 3,
        unit_target: 1,
        unit_targets: Vec::new(),
        criteria: Vec::new(),
        levels: Vec::new(),
    };
    // Three units; the fourth unit id is not among them (a unit not on the device).
    let units: Vec<Unit> = (0..3u128)
        .map(|i| Unit {
            id: ids(100 + i),
            commune_id: commune,
            name: format!("Đơn vị {i}"),
            kind: UnitKind::ChiBo,
            parent: None,
            has_target: true,
            sample: false,
        })
        .collect();
    let models = rows
        .iter()
        .enumerate()
        .map(|(k, &(status, unit, field, sent, known_campaign))| {
            let campaign_id: CampaignId = if known_campaign { campaign.id } else { ids(3) };
            let unit_id: UnitId = ids(100 + unit as u128);
            let mut m = Model::new_draft(
                ModelId::from(uuid::Uuid::from_u128(1000 + k as u128)),
                commune,
                unit_id,
                campaign_id,
            );
            m.status = ModelStatus::ALL[status];
            m.field = if field < 4 {
                Some(Field::ALL[field])
            } else {
                None
            };
            m.submitted_on = sent.map(day);
            m.reported_on = sent.map(|s| day(s + 60));
            m
        })
        .collect();
    Scene {
        models,
        campaigns: vec![campaign],
        units,
    }
}

fn matching(f: &Filter, s: &Scene, today: NaiveDate) -> usize {
    queue(&s.models, &s.campaigns, &s.units, f, today)
        .items
        .len()
}

proptest! {
    #[test]
    fn counts_add_up_and_order_holds(
        rows in prop::collection::vec((0usize..11, 0usize..4, 0usize..5, prop::option::of(0u64..200), any::<bool>()), 0..40),
        unit in prop::option::of(0usize..4),
        field in prop::option::of(0usize..5),
        status in prop::option::of(0usize..11),
        today in 0u64..400,
    ) {
        let s = scene(&rows);
        let today = day(today);
        let filter = Filter {
            unit: unit.map(|u| ids(100 + u as u128)),
            field: field.and_then(|f| Field::ALL.get(f).copied()),
            status: status.map(|k| ModelStatus::ALL[k]),
        };
        let q = queue(&s.models, &s.campaigns, &s.units, &filter, today);
        let waiting = s.models.iter().filter(|m| is_waiting(m.status)).count();
        prop_assert_eq!(q.total, waiting);
        // Every item waits and matches the filter.
        for i in &q.items {
            prop_assert!(is_waiting(i.status));
            prop_assert!(filter.unit.is_none_or(|u| u == i.unit_id));
            prop_assert!(filter.field.is_none_or(|f| Some(f) == i.field));
            prop_assert!(filter.status.is_none_or(|st| st == i.status));
        }
        // Each facet sums to what the other two filters show.
        let without = |f: Filter| matching(&f, &s, today);
        let units: usize = q.counts.units.iter().map(|(_, n)| n).sum();
        prop_assert_eq!(units, without(Filter { unit: None, ..filter }));
        let fields: usize = q.counts.fields.iter().map(|(_, n)| n).sum();
        prop_assert_eq!(fields, without(Filter { field: None, ..filter }));
        let statuses: usize = q.counts.statuses.iter().map(|(_, n)| n).sum();
        prop_assert_eq!(statuses, without(Filter { status: None, ..filter }));
        // The number next to each choice is what picking it shows.
        for &(u, n) in &q.counts.units {
            prop_assert_eq!(n, without(Filter { unit: Some(u), ..filter }));
        }
        for &(st, n) in &q.counts.statuses {
            prop_assert_eq!(n, without(Filter { status: Some(st), ..filter }));
        }
        for &(f, n) in &q.counts.fields {
            if let Some(f) = f {
                prop_assert_eq!(n, without(Filter { field: Some(f), ..filter }));
            }
        }
        // The chosen unit's count is the list shown.
        if let Some(u) = filter.unit {
            let chosen = q.counts.units.iter().find(|(k, _)| *k == u).map(|(_, n)| *n);
            prop_assert_eq!(chosen, Some(q.items.len()));
        }
        // Most overdue (earliest deadline) first, then oldest.
        for pair in q.items.windows(2) {
            let key = |i: &shared::queue::Item| (i.due.is_none(), i.due, i.since.is_none(), i.since);
            prop_assert!(key(&pair[0]) <= key(&pair[1]));
        }
        // "Next" never stays put and finds another model whenever there is one.
        for (k, i) in q.items.iter().enumerate() {
            let next = q.next_after(i.model_id, Some(k));
            prop_assert_eq!(next.is_some(), q.items.len() > 1);
            prop_assert!(next != Some(i.model_id));
        }
    }
}
