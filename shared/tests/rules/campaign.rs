//! Campaign year validation.
use shared::ErrorsExt;
use shared::validate::ErrorCode;

use crate::fixtures::{d, demo};

#[cfg_attr(not(target_arch = "wasm32"), test)]
#[cfg_attr(target_arch = "wasm32", wasm_bindgen_test::wasm_bindgen_test)]
fn demo_campaigns_are_valid() {
    for c in demo().campaigns {
        assert_eq!(c.validate(), vec![], "{}", c.year);
    }
}

#[cfg_attr(not(target_arch = "wasm32"), test)]
#[cfg_attr(target_arch = "wasm32", wasm_bindgen_test::wasm_bindgen_test)]
fn deadline_order() {
    let mut c = demo().campaigns[1].clone();
    // equal deadlines are allowed
    c.unit_report_deadline = c.registration_deadline;
    c.commune_report_deadline = c.registration_deadline;
    assert!(c.validate().is_empty());
    c.unit_report_deadline = d(2025, 8, 31);
    let errs = c.validate();
    assert!(errs.has("unit_report_deadline", ErrorCode::OutOfOrder));
    assert!(!errs.has("commune_report_deadline", ErrorCode::OutOfOrder));
    c.unit_report_deadline = d(2025, 11, 20);
    c.commune_report_deadline = d(2025, 11, 19);
    assert!(
        c.validate()
            .has("commune_report_deadline", ErrorCode::OutOfOrder)
    );
}

#[cfg_attr(not(target_arch = "wasm32"), test)]
#[cfg_attr(target_arch = "wasm32", wasm_bindgen_test::wasm_bindgen_test)]
fn year_targets_criteria_levels() {
    let data = demo();
    let mut c = data.campaigns[1].clone();
    c.year = 1999;
    c.unit_targets = vec![
        shared::campaign::UnitTarget {
            unit_id: data.units[0].id,
            target: 2,
        },
        shared::campaign::UnitTarget {
            unit_id: data.units[0].id,
            target: 3,
        },
    ];
    c.criteria[1].name = " hiệu quả  THIẾT THỰC ".into();
    c.levels.push("tốt".into());
    c.levels.push(" ".into());
    let errs = c.validate();
    assert!(errs.has("year", ErrorCode::OutsideRange));
    assert!(errs.has("unit_targets[1].unit_id", ErrorCode::Duplicate));
    assert!(errs.has("criteria[1].name", ErrorCode::Duplicate));
    assert!(errs.has("levels[4]", ErrorCode::Duplicate));
    assert!(errs.has("levels[5]", ErrorCode::Required));
    c.levels.clear();
    assert!(c.validate().has("levels", ErrorCode::Required));
}

#[cfg_attr(not(target_arch = "wasm32"), test)]
#[cfg_attr(target_arch = "wasm32", wasm_bindgen_test::wasm_bindgen_test)]
fn target_for_units() {
    let data = demo();
    let mut c = data.campaigns[1].clone();
    assert_eq!(c.target_for(&data.units[0]), 1);
    assert_eq!(c.target_for(&data.units[8]), 0);
    c.unit_targets.push(shared::campaign::UnitTarget {
        unit_id: data.units[0].id,
        target: 2,
    });
    assert_eq!(c.target_for(&data.units[0]), 2);
}

#[cfg_attr(not(target_arch = "wasm32"), test)]
#[cfg_attr(target_arch = "wasm32", wasm_bindgen_test::wasm_bindgen_test)]
fn next_year_moves_every_deadline_one_year_and_keeps_the_scheme() {
    let this = demo().campaigns[1].clone();
    let next = this.next_year(shared::ids::CampaignId::new());
    assert_eq!(next.year, this.year + 1);
    assert_eq!(next.registration_deadline, d(2026, 9, 1));
    assert_eq!(next.unit_report_deadline, d(2026, 11, 20));
    assert_eq!(next.commune_report_deadline, d(2026, 12, 1));
    assert_eq!(
        (next.commune_target, next.unit_target),
        (this.commune_target, this.unit_target)
    );
    assert_eq!(next.criteria.len(), this.criteria.len());
    assert!(!this.criteria.is_empty());
    assert!(
        next.criteria
            .iter()
            .zip(&this.criteria)
            .all(|(a, b)| a.name == b.name && a.id != b.id)
    );
    assert!(next.validate().is_empty());
    let mut leap = this;
    leap.year = 2023;
    leap.registration_deadline = d(2024, 2, 29);
    leap.unit_report_deadline = d(2024, 3, 1);
    leap.commune_report_deadline = d(2024, 3, 2);
    assert_eq!(
        leap.next_year(shared::ids::CampaignId::new())
            .registration_deadline,
        d(2025, 2, 28)
    );
}
