//! The commune's-year figures of the demo commune, checked by hand.
use shared::deadline::DeadlineState;
use shared::field::Field;
use shared::figures::{YearRecords, commune_year};

use crate::fixtures::{d, demo};

#[cfg_attr(not(target_arch = "wasm32"), test)]
#[cfg_attr(target_arch = "wasm32", wasm_bindgen_test::wasm_bindgen_test)]
fn demo_2025_figures() {
    let data = demo();
    let campaign = data.campaign(2025).unwrap();
    let records = YearRecords {
        commune: &data.commune,
        campaign,
        units: &data.units,
        models: &data.models,
        progress: &data.progress,
        reports: &data.reports,
        evaluations: &data.evaluations,
    };
    let f = commune_year(&records, d(2025, 12, 1));
    // Seven models this year; four registered (the coverage rule).
    assert_eq!(f.all.total.count(), 7);
    assert_eq!(f.registered.total.count(), 4);
    assert_eq!(f.coverage.commune_count, 4);
    // The continued health-insurance model reported and reached both targets
    // (95,6% of 95%, 412 of 400 households); three are still running.
    assert_eq!(f.stages.reported.count(), 1);
    assert_eq!(f.stages.in_progress.count(), 3);
    assert_eq!(f.stages.targets_met.count(), 1);
    assert_eq!(f.registered.continued.count(), 1);
    assert_eq!(f.stages.recognised.count(), 0);
    let bhyt = f.model(f.stages.reported.ids()[0]).unwrap();
    assert_eq!(bhyt.targets_met, Some(true));
    assert_eq!(bhyt.achievements.len(), 2);
    assert!((bhyt.achievements[1].percent.unwrap() - 103.0).abs() < 1e-9);
    assert_eq!(
        f.registered.field(Field::VanHoaXaHoi).count()
            + f.registered.field(Field::KinhTe).count()
            + f.registered.field(Field::QuocPhongAnNinh).count()
            + f.registered.field(Field::XayDungHeThongChinhTri).count(),
        4
    );
    // Money as registered: 15.000.000 đ budget for the road, 120.000.000 đ
    // socialised for the security model; 120 workdays.
    assert_eq!(f.resources.budget_vnd, 15_000_000);
    assert_eq!(f.resources.socialized_vnd, 120_000_000);
    assert_eq!(f.resources.workdays, 120);
    // Trung tâm Y tế sent on 22/8 (on time) and reported all on 18/11 (on time);
    // Chi bộ Quân sự has only a draft: registration overdue by 91 days on 01/12.
    let y_te = f
        .units
        .iter()
        .find(|u| u.name == "Đảng uỷ Trung tâm Y tế")
        .unwrap();
    assert_eq!(y_te.registration, DeadlineState::DoneOnTime);
    assert_eq!(y_te.report, DeadlineState::DoneOnTime);
    let quan_su = f.units.iter().find(|u| u.name == "Chi bộ Quân sự").unwrap();
    assert_eq!(quan_su.registration, DeadlineState::Overdue { days: 91 });
    assert_eq!(quan_su.target.as_ref().map(|t| t.met), Some(false));
    assert!(f.unplaced.is_empty());
}

#[cfg_attr(not(target_arch = "wasm32"), test)]
#[cfg_attr(target_arch = "wasm32", wasm_bindgen_test::wasm_bindgen_test)]
fn village_demo_is_valid_and_has_honours() {
    let data = shared::demo::thanh_mien_with_villages();
    let campaign = data.campaign(2025).unwrap();
    for m in data.models.iter().filter(|m| m.status.is_registered()) {
        let previous = m
            .continued_from
            .and_then(|p| data.models.iter().find(|x| x.id == p));
        assert!(m.validate_for_submit(previous).is_empty(), "{}", m.name);
    }
    for r in &data.reports {
        let m = data.models.iter().find(|m| m.id == r.model_id).unwrap();
        assert!(r.validate_for_submit(m).is_empty(), "{}", m.name);
    }
    for e in data
        .evaluations
        .iter()
        .filter(|e| e.campaign_id == campaign.id)
    {
        assert!(e.validate_for_submit(campaign).is_empty());
    }
    let records = YearRecords {
        commune: &data.commune,
        campaign,
        units: &data.units,
        models: &data.models,
        progress: &data.progress,
        reports: &data.reports,
        evaluations: &data.evaluations,
    };
    let f = commune_year(&records, d(2025, 12, 1));
    assert_eq!(f.registered.total.count(), 24);
    // Rows 0, 1, 3, 5, 8, 10, 13, 16, 19 of the village table are recognised;
    // of those, tiêu biểu: rows 0, 3 (every third); awards: 0, 8, 16 (every
    // fourth); replication: 0, 8, 10, 16 (every other).
    assert_eq!(f.stages.recognised.count(), 9);
    assert_eq!(f.stages.exemplary.count(), 2);
    assert_eq!(f.stages.proposed_reward.count(), 3);
    assert_eq!(f.stages.replicate.count(), 4);
}
