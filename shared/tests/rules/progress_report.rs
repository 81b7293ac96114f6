//! Progress entries, results reports and evaluations.
use shared::ErrorsExt;
use shared::evaluation::{Decision, Evaluation, Score};
use shared::ids::{EvaluationId, IndicatorId, ProgressId, ReportId};
use shared::progress::{IndicatorValue, ProgressEntry, latest_values};
use shared::report::ResultsReport;
use shared::validate::ErrorCode;

use crate::fixtures::{complete_model, d, demo};

fn entry(date: chrono::NaiveDate, values: Vec<IndicatorValue>) -> ProgressEntry {
    let m = complete_model();
    ProgressEntry {
        id: ProgressId::new(),
        commune_id: m.commune_id,
        unit_id: m.unit_id,
        model_id: m.id,
        date,
        activity: "Họp dân".into(),
        participants: Some(30),
        resources: String::new(),
        values,
        photos: Vec::new(),
        note: String::new(),
    }
}

#[cfg_attr(not(target_arch = "wasm32"), test)]
#[cfg_attr(target_arch = "wasm32", wasm_bindgen_test::wasm_bindgen_test)]
fn progress_rules() {
    let m = complete_model();
    let ind = m.indicators[0].id;
    let mut e = entry(
        d(2025, 9, 10),
        vec![IndicatorValue {
            indicator_id: ind,
            value: 10.0,
        }],
    );
    assert!(e.validate_for_model(&m).is_empty());
    e.activity = "   ".into();
    e.values.push(IndicatorValue {
        indicator_id: ind,
        value: -1.0,
    });
    e.values.push(IndicatorValue {
        indicator_id: IndicatorId::new(),
        value: f64::NAN,
    });
    let errs = e.validate_for_model(&m);
    assert!(errs.has("activity", ErrorCode::Required));
    assert!(errs.has("values[1].value", ErrorCode::Negative));
    assert!(errs.has("values[1].indicator_id", ErrorCode::Duplicate));
    assert!(errs.has("values[2].value", ErrorCode::InvalidNumber));
    assert!(errs.has("values[2].indicator_id", ErrorCode::UnknownReference));
}

#[cfg_attr(not(target_arch = "wasm32"), test)]
#[cfg_attr(target_arch = "wasm32", wasm_bindgen_test::wasm_bindgen_test)]
fn latest_value_wins_by_date() {
    let ind = IndicatorId::new();
    let v = |value| {
        vec![IndicatorValue {
            indicator_id: ind,
            value,
        }]
    };
    let entries = vec![
        entry(d(2025, 10, 1), v(30.0)),
        entry(d(2025, 9, 1), v(10.0)),
    ];
    assert_eq!(latest_values(&entries), v(30.0));
}

#[cfg_attr(not(target_arch = "wasm32"), test)]
#[cfg_attr(target_arch = "wasm32", wasm_bindgen_test::wasm_bindgen_test)]
fn report_rules() {
    let m = complete_model();
    let mut r = ResultsReport::new_for(ReportId::new(), &m);
    assert!(r.validate_draft().is_empty());
    let errs = r.validate_for_submit(&m);
    assert!(errs.has("results", ErrorCode::Required));
    assert!(errs.has("indicators[0].reached", ErrorCode::Required));
    r.results = "Đạt".into();
    r.reached[0].reached = Some(0.0);
    assert!(r.validate_for_submit(&m).is_empty());
    r.reached[0].reached = Some(-3.0);
    assert!(
        r.validate_draft()
            .has("reached[0].reached", ErrorCode::Negative)
    );
    r.lessons = "b".repeat(10_001);
    assert!(r.validate_draft().has("lessons", ErrorCode::TooLong));
}

#[cfg_attr(not(target_arch = "wasm32"), test)]
#[cfg_attr(target_arch = "wasm32", wasm_bindgen_test::wasm_bindgen_test)]
fn achievements_against_target() {
    let data = demo();
    let report = &data.reports[0];
    let model = data
        .models
        .iter()
        .find(|m| m.id == report.model_id)
        .unwrap();
    assert!(report.validate_for_submit(model).is_empty());
    let rows = report.achievements(model);
    assert_eq!(rows.len(), 2);
    assert_eq!(rows[0].reached, Some(95.6));
    let p = rows[1].percent.unwrap();
    assert_eq!(shared::format::percent(p), "103%");
}

#[cfg_attr(not(target_arch = "wasm32"), test)]
#[cfg_attr(target_arch = "wasm32", wasm_bindgen_test::wasm_bindgen_test)]
fn evaluation_rules() {
    let data = demo();
    let campaign = &data.campaigns[0];
    for ev in &data.evaluations {
        assert!(ev.validate_for_submit(campaign).is_empty());
    }
    let mut ev = Evaluation {
        id: EvaluationId::new(),
        commune_id: campaign.commune_id,
        campaign_id: campaign.id,
        model_id: data.models[0].id,
        scores: vec![Score {
            criterion_id: campaign.criteria[0].id,
            level: "Xuất sắc".into(),
        }],
        comment: String::new(),
        decision: Some(Decision::KhongCongNhan),
        exemplary: true,
        propose_reward: false,
        replicate: false,
        evaluator: None,
        evaluator_name: String::new(),
        evaluated_on: None,
    };
    let errs = ev.validate_for_submit(campaign);
    assert!(errs.has("criteria[0]", ErrorCode::UnknownReference));
    assert!(errs.has("criteria[1]", ErrorCode::Required));
    assert!(errs.has("decision", ErrorCode::Inconsistent));
    ev.decision = None;
    assert!(
        ev.validate_for_submit(campaign)
            .has("decision", ErrorCode::Required)
    );
    assert!(ev.validate_draft().is_empty());
    assert_eq!(Decision::CongNhan.label(), "Công nhận");
}

#[cfg_attr(not(target_arch = "wasm32"), test)]
#[cfg_attr(target_arch = "wasm32", wasm_bindgen_test::wasm_bindgen_test)]
fn a_new_report_starts_from_the_latest_progress_of_its_own_model() {
    let mut m = complete_model();
    let first = m.indicators[0].id;
    m.indicators
        .push(crate::fixtures::indicator("Hộ tham gia", "hộ", 50.0));
    let second = m.indicators[1].id;
    let mut early = entry(
        d(2025, 9, 1),
        vec![IndicatorValue {
            indicator_id: first,
            value: 10.0,
        }],
    );
    early.model_id = m.id;
    let mut late = entry(
        d(2025, 10, 1),
        vec![IndicatorValue {
            indicator_id: first,
            value: 25.0,
        }],
    );
    late.model_id = m.id;
    // Another model's entry never leaks into this report.
    let other = entry(
        d(2025, 11, 1),
        vec![IndicatorValue {
            indicator_id: second,
            value: 99.0,
        }],
    );
    let report = ResultsReport::prefilled(&m, &[late, other, early]);
    assert_eq!(report.id, ResultsReport::id_for(m.id));
    assert_eq!(report.reached.len(), 2);
    assert_eq!(report.reached[0].reached, Some(25.0), "the latest value");
    assert_eq!(report.reached[1].reached, None, "no progress on it yet");
}
