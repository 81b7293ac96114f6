//! Property tests of the commune's-year figures: breakdowns add up, every
//! tally's models match its filter, units agree with the coverage rule.
use std::collections::HashSet;

use chrono::NaiveDate;
use proptest::prelude::*;
use shared::coverage::{breakdown, coverage};
use shared::evaluation::{Decision, Evaluation};
use shared::field::Field;
use shared::figures::{Counts, Tally, YearRecords, commune_year};
use shared::ids::{CampaignId, EvaluationId, ModelId, ProgressId, UnitId};
use shared::model::{Model, ModelKind};
use shared::org::{Unit, UnitKind};
use shared::progress::ProgressEntry;
use shared::status::ModelStatus;

/// What a generated model is: unit index, field, status, kind, continued,
/// same campaign, honours (tiêu biểu, khen thưởng, nhân rộng), money, workdays, people.
type Spec = (
    usize,
    Option<usize>,
    usize,
    bool,
    bool,
    bool,
    (bool, bool, bool),
    (Option<u64>, Option<u32>, Option<u32>),
);

fn spec() -> impl Strategy<Value = Spec> {
    (
        0usize..10,
        prop::option::of(0usize..4),
        0usize..11,
        any::<bool>(),
        any::<bool>(),
        prop::bool::weighted(0.8),
        (any::<bool>(), any::<bool>(), any::<bool>()),
        (
            prop::option::of(0u64..50_000_000),
            prop::option::of(0u32..1_000),
            prop::option::of(0u32..500),
        ),
    )
}

fn assert_partition(parts: &[&Tally], whole: &Tally) -> Result<(), TestCaseError> {
    let sum: u32 = parts.iter().map(|t| t.count()).sum();
    prop_assert_eq!(sum, whole.count());
    let union: HashSet<ModelId> = parts.iter().flat_map(|t| t.ids().iter().copied()).collect();
    let all: HashSet<ModelId> = whole.ids().iter().copied().collect();
    prop_assert_eq!(union, all);
    Ok(())
}

fn assert_counts(c: &Counts, models: &[Model]) -> Result<(), TestCaseError> {
    let by_id = |id: &ModelId| models.iter().find(|m| m.id == *id);
    for t in [
        &c.total,
        &c.no_field,
        &c.new,
        &c.continued,
        &c.collective,
        &c.individual,
    ]
    .into_iter()
    .chain(c.by_field.iter().map(|(_, t)| t))
    .chain(c.by_status.iter().map(|(_, t)| t))
    {
        prop_assert_eq!(t.count() as usize, t.ids().len());
        let distinct: HashSet<&ModelId> = t.ids().iter().collect();
        prop_assert_eq!(distinct.len(), t.ids().len());
    }
    let mut fields: Vec<&Tally> = c.by_field.iter().map(|(_, t)| t).collect();
    fields.push(&c.no_field);
    assert_partition(&fields, &c.total)?;
    let statuses: Vec<&Tally> = c.by_status.iter().map(|(_, t)| t).collect();
    assert_partition(&statuses, &c.total)?;
    assert_partition(&[&c.new, &c.continued], &c.total)?;
    assert_partition(&[&c.collective, &c.individual], &c.total)?;
    for (f, t) in &c.by_field {
        prop_assert!(
            t.ids()
                .iter()
                .all(|id| by_id(id).is_some_and(|m| m.field == Some(*f)))
        );
    }
    for (s, t) in &c.by_status {
        prop_assert!(
            t.ids()
                .iter()
                .all(|id| by_id(id).is_some_and(|m| m.status == *s))
        );
    }
    prop_assert!(
        c.individual
            .ids()
            .iter()
            .all(|id| by_id(id).is_some_and(|m| m.kind == ModelKind::CaNhan))
    );
    Ok(())
}

fn subset(small: &Tally, big: &Tally) -> bool {
    small.ids().iter().all(|id| big.contains(*id))
}

proptest! {
    #[test]
    fn figures_add_up(
        parents in prop::collection::vec((any::<bool>(), prop::option::of(0usize..6)), 1..6),
        specs in prop::collection::vec(spec(), 0..40),
    ) {
        let data = shared::demo::thanh_mien();
        let commune = data.commune.clone();
        let campaign = data.campaigns[1].clone();
        let ids: Vec<UnitId> = parents.iter().map(|_| UnitId::new()).collect();
        let units: Vec<Unit> = parents.iter().enumerate().map(|(i, &(has_target, parent))| Unit {
            id: ids[i],
            commune_id: commune.id,
            name: format!("Chi bộ thôn {i}"),
            kind: UnitKind::ChiBoThon,
            parent: parent.filter(|&p| p < ids.len()).map(|p| ids[p]),
            has_target,
            sample: false,
        }).collect();
        let day = |d: u32| NaiveDate::from_ymd_opt(2025, 8, 1 + d % 28);
        let mut models = Vec::new();
        let mut evaluations = Vec::new();
        let mut progress = Vec::new();
        for (i, &(u, field, status, individual, continued, same, honours, money)) in specs.iter().enumerate() {
            // Index 9 is no unit of the commune: an unplaced model.
            let unit = ids.get(u).copied().unwrap_or_else(UnitId::new);
            let campaign_id = if same { campaign.id } else { CampaignId::new() };
            let mut m = Model::new_draft(ModelId::new(), commune.id, unit, campaign_id);
            m.name = format!("Mô hình {i}");
            m.field = field.map(|f| Field::ALL[f]);
            m.status = ModelStatus::ALL[status];
            m.kind = if individual { ModelKind::CaNhan } else { ModelKind::TapThe };
            m.continued_from = continued.then(ModelId::new);
            m.submitted_on = day(u32::try_from(i).unwrap());
            m.budget_vnd = money.0;
            m.workdays = money.1;
            if honours != (false, false, false) || status >= 7 {
                evaluations.push(Evaluation {
                    id: EvaluationId::new(), commune_id: commune.id, campaign_id, model_id: m.id,
                    scores: Vec::new(), comment: String::new(), decision: Some(Decision::CongNhan),
                    exemplary: honours.0, propose_reward: honours.1, replicate: honours.2,
                    evaluator: None, evaluator_name: String::new(), evaluated_on: None,
                });
            }
            progress.push(ProgressEntry {
                id: ProgressId::new(), commune_id: commune.id, unit_id: unit, model_id: m.id,
                date: campaign.registration_deadline, activity: "Họp".into(),
                participants: money.2, resources: String::new(), values: Vec::new(),
                photos: Vec::new(), note: String::new(),
            });
            models.push(m);
        }
        let records = YearRecords {
            commune: &commune, campaign: &campaign, units: &units, models: &models,
            progress: &progress, reports: &[], evaluations: &evaluations,
        };
        let f = commune_year(&records, campaign.unit_report_deadline);

        assert_counts(&f.all, &models)?;
        assert_counts(&f.registered, &models)?;
        let year: Vec<&Model> = models.iter().filter(|m| m.campaign_id == campaign.id).collect();
        prop_assert_eq!(f.all.total.count() as usize, year.len());
        prop_assert!(subset(&f.registered.total, &f.all.total));
        // The dashboard's older breakdown gives the same numbers.
        let b = breakdown(&campaign, &models);
        prop_assert_eq!(b.new, f.all.new.count());
        prop_assert_eq!(b.individual, f.all.individual.count());
        prop_assert_eq!(b.no_field, f.all.no_field.count());
        for ((field, n), (field2, t)) in b.by_field.iter().zip(&f.all.by_field) {
            prop_assert_eq!((field, *n), (field2, t.count()));
        }

        let s = &f.stages;
        prop_assert_eq!(&s.registered, &f.registered.total);
        prop_assert_eq!(s.registered.count(), coverage(&campaign, &units, &models).commune_count);
        assert_partition(&[&s.in_progress, &s.reported], &s.registered)?;
        prop_assert!(subset(&s.evaluated, &s.reported));
        prop_assert!(subset(&s.recognised, &s.evaluated));
        prop_assert!(subset(&s.not_recognised, &s.evaluated));
        for honour in [&s.exemplary, &s.proposed_reward, &s.replicate] {
            prop_assert!(subset(honour, &s.recognised));
        }

        // Each registered model sits under exactly one unit, or is unplaced.
        let own: Vec<&Tally> = f.units.iter().map(|u| &u.own).collect();
        let placed = Tally::from_ids(
            f.registered.total.ids().iter().copied().filter(|id| !f.unplaced.contains(*id)).collect(),
        );
        assert_partition(&own, &placed)?;
        for u in &f.units {
            assert_counts(&u.registered, &models)?;
            prop_assert!(subset(&u.own, &u.registered.total));
            if let Some(target) = &u.target {
                prop_assert_eq!(target.count, u.registered.total.count());
            }
        }
        let people: u64 = progress.iter()
            .filter(|p| f.registered.total.contains(p.model_id))
            .map(|p| u64::from(p.participants.unwrap_or(0))).sum();
        prop_assert_eq!(f.resources.participants, people);
        let per_model: u64 = f.models.iter().map(|m| m.resources.money_vnd()).sum();
        prop_assert_eq!(f.resources.money_vnd(), per_model);
        prop_assert_eq!(f.models.len() as u32, f.registered.total.count());
    }
}
