//! Property tests (native only: proptest does not build for wasm32).
#![cfg(not(target_arch = "wasm32"))]
#![allow(clippy::unwrap_used, clippy::expect_used)]

mod city;
mod dashboard;
mod demo;
mod figures;
mod listing;
mod queue;

use chrono::{Days, NaiveDate};
use proptest::prelude::*;
use shared::coverage::coverage;
use shared::deadline::{DeadlineState, deadline_state};
use shared::format::{decimal, integer, parse_date, parse_decimal, parse_money, parse_number};
use shared::ids::{CampaignId, CommuneId, IndicatorId, ModelId, UnitId};
use shared::lifecycle::{MoveContext, apply_move};
use shared::model::{Indicator, Model};
use shared::org::{Unit, UnitKind};
use shared::status::{MOVES, ModelStatus, allowed_moves, check_move};
use shared::user::Role;

fn day(offset: u64) -> NaiveDate {
    NaiveDate::from_ymd_opt(2025, 1, 1).unwrap() + Days::new(offset)
}

proptest! {
    #[test]
    fn allowed_moves_never_leave_the_table(steps in prop::collection::vec((0usize..5, 0usize..4), 0..60)) {
        let mut status = ModelStatus::Nhap;
        for (r, pick) in steps {
            let role = Role::ALL[r];
            let moves = allowed_moves(status, role);
            if moves.is_empty() {
                continue;
            }
            let to = moves[pick % moves.len()];
            prop_assert!(check_move(status, to, role).is_ok());
            prop_assert!(MOVES.iter().any(|m| m.from == status && m.to == to && m.role == role));
            status = to;
            prop_assert!(ModelStatus::ALL.contains(&status));
        }
    }

    #[test]
    fn apply_move_only_makes_table_moves(from in 0usize..11, to in 0usize..11, r in 0usize..5, note in ".{0,20}") {
        let mut m = Model::new_draft(ModelId::new(), CommuneId::new(), UnitId::new(), CampaignId::new());
        m.status = ModelStatus::ALL[from];
        let to = ModelStatus::ALL[to];
        let role = Role::ALL[r];
        let before = m.status;
        match apply_move(&mut m, to, role, &MoveContext::new(day(0)).note(&note)) {
            Ok(_) => {
                prop_assert!(check_move(before, to, role).is_ok());
                prop_assert_eq!(m.status, to);
            }
            Err(_) => prop_assert_eq!(m.status, before),
        }
    }

    #[test]
    fn validation_never_panics(texts in prop::collection::vec(any::<String>(), 12), target in any::<f64>(), a in 0u64..800, b in 0u64..800) {
        let mut m = Model::new_draft(ModelId::new(), CommuneId::new(), UnitId::new(), CampaignId::new());
        m.name = texts[0].clone();
        m.situation = texts[1].clone();
        m.goals = texts[2].clone();
        m.topic = texts[3].clone();
        m.area = texts[4].repeat(50);
        m.registrant = texts[5].clone();
        m.start_date = Some(day(a));
        m.end_date = Some(day(b));
        m.indicators = vec![Indicator { id: IndicatorId::new(), name: texts[6].clone(), unit: texts[7].clone(), target, previous_target: Some(-target) }];
        let previous = m.clone();
        m.continued_from = Some(previous.id);
        let _ = m.validate_draft();
        let errors = m.validate_for_submit(Some(&previous));
        prop_assert!(errors.iter().all(|e| !e.message.is_empty() && !e.field.is_empty()));
        for t in &texts {
            let _ = parse_number(t);
            let _ = parse_decimal(t);
            let _ = parse_money(t);
            let _ = parse_date(t);
            let _ = shared::validate::is_blank(t);
        }
        let unit = Unit { id: UnitId::new(), commune_id: CommuneId::new(), name: texts[8].clone(), kind: UnitKind::ChiBo, parent: None, has_target: true, sample: false };
        let _ = unit.validate();
    }

    #[test]
    fn blank_strings_are_required(ws in "[ \t\n\u{00A0}\u{2003}\u{200B}]{0,30}") {
        let mut m = Model::new_draft(ModelId::new(), CommuneId::new(), UnitId::new(), CampaignId::new());
        m.name = ws;
        prop_assert!(m.validate_for_submit(None).iter().any(|e| e.field == "name"));
    }

    #[test]
    fn integers_roundtrip(n in any::<i64>()) {
        prop_assume!(n != i64::MIN);
        prop_assert_eq!(parse_number(&integer(n)), Ok(n));
    }

    #[test]
    fn decimals_roundtrip(x in -1.0e12f64..1.0e12) {
        let text = decimal(x, 2);
        let back = parse_decimal(&text).unwrap();
        prop_assert!((back - x).abs() <= 0.005 + x.abs() * 1e-12, "{} -> {} -> {}", x, text, back);
    }

    #[test]
    fn deadline_states_are_consistent(dl in 0u64..400, today in 0u64..400, done in prop::option::of(0u64..400)) {
        let state = deadline_state(day(dl), day(today), done.map(day));
        match state {
            DeadlineState::DoneOnTime => prop_assert!(done.unwrap() <= dl),
            DeadlineState::DoneLate { days } => prop_assert_eq!(i64::try_from(done.unwrap() - dl).unwrap(), days),
            DeadlineState::DaysLeft(n) => prop_assert_eq!(i64::try_from(dl - today).unwrap(), n),
            DeadlineState::Overdue { days } => prop_assert!(days > 0 && today > dl),
        }
        prop_assert_eq!(state.is_late(), done.map_or(today > dl, |d| d > dl));
    }

    #[test]
    fn coverage_matches_brute_force(
        unit_specs in prop::collection::vec((any::<bool>(), prop::option::of(0usize..8)), 1..8),
        model_specs in prop::collection::vec((0usize..8, 0usize..11, any::<bool>(), any::<bool>()), 0..30),
        commune_target in 0u32..6,
        unit_target in 0u32..3,
    ) {
        let commune = CommuneId::new();
        let data = shared::demo::thanh_mien();
        let mut campaign = data.campaigns[1].clone();
        campaign.commune_id = commune;
        campaign.commune_target = commune_target;
        campaign.unit_target = unit_target;
        let ids: Vec<UnitId> = unit_specs.iter().map(|_| UnitId::new()).collect();
        let units: Vec<Unit> = unit_specs.iter().enumerate().map(|(i, &(has_target, parent))| Unit {
            id: ids[i],
            commune_id: commune,
            name: format!("Đơn vị {i}"),
            kind: UnitKind::ChiBo,
            parent: parent.filter(|&p| p < ids.len()).map(|p| ids[p]),
            has_target,
            sample: false,
        }).collect();
        let models: Vec<Model> = model_specs.iter().map(|&(u, s, same_campaign, same_commune)| {
            let mut m = Model::new_draft(
                ModelId::new(),
                if same_commune { commune } else { CommuneId::new() },
                ids[u % ids.len()],
                if same_campaign { campaign.id } else { CampaignId::new() },
            );
            m.status = ModelStatus::ALL[s];
            m
        }).collect();

        let cov = coverage(&campaign, &units, &models);

        let counted: Vec<&Model> = models.iter().filter(|m| {
            m.campaign_id == campaign.id && m.commune_id == commune && m.status.is_registered()
        }).collect();
        prop_assert_eq!(cov.commune_count as usize, counted.len());
        prop_assert_eq!(cov.commune_met, counted.len() >= commune_target as usize);
        let is_under = |model_unit: UnitId, target: UnitId| -> bool {
            let mut current = Some(model_unit);
            for _ in 0..=units.len() {
                match current {
                    Some(c) if c == target => return true,
                    Some(c) => current = units.iter().find(|u| u.id == c).and_then(|u| u.parent),
                    None => return false,
                }
            }
            false
        };
        let designated: Vec<&Unit> = units.iter().filter(|u| u.has_target).collect();
        prop_assert_eq!(cov.units.len(), designated.len());
        for (row, unit) in cov.units.iter().zip(designated) {
            let count = counted.iter().filter(|m| is_under(m.unit_id, unit.id)).count();
            prop_assert_eq!(row.unit_id, unit.id);
            prop_assert_eq!(row.count as usize, count);
            prop_assert_eq!(row.met, count >= unit_target as usize);
            prop_assert_eq!(cov.missing.contains(&unit.id), count < unit_target as usize);
        }
    }
}
