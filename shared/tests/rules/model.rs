//! Model validation: draft rules, submit rules, continued models.
use shared::ErrorsExt;
use shared::ids::ModelId;
use shared::model::{Milestone, Model};
use shared::validate::{ErrorCode, NAME_MAX, TEXT_MAX};

use crate::fixtures::{complete_model, d, indicator};

#[cfg_attr(not(target_arch = "wasm32"), test)]
#[cfg_attr(target_arch = "wasm32", wasm_bindgen_test::wasm_bindgen_test)]
fn empty_draft_is_savable() {
    let m = Model::new_draft(
        ModelId::new(),
        shared::ids::CommuneId::new(),
        shared::ids::UnitId::new(),
        shared::ids::CampaignId::new(),
    );
    assert!(m.validate_draft().is_empty());
    assert!(!m.validate_for_submit(None).is_empty());
}

#[cfg_attr(not(target_arch = "wasm32"), test)]
#[cfg_attr(target_arch = "wasm32", wasm_bindgen_test::wasm_bindgen_test)]
fn complete_model_submits() {
    assert_eq!(complete_model().validate_for_submit(None), vec![]);
}

#[cfg_attr(not(target_arch = "wasm32"), test)]
#[cfg_attr(target_arch = "wasm32", wasm_bindgen_test::wasm_bindgen_test)]
fn name_required_with_vietnamese_message() {
    let mut m = complete_model();
    m.name = String::new();
    let errs = m.validate_for_submit(None);
    let e = errs.for_field("name").unwrap();
    assert_eq!(e.code, ErrorCode::Required);
    assert_eq!(e.message, "Vui lòng nhập tên mô hình");
}

#[cfg_attr(not(target_arch = "wasm32"), test)]
#[cfg_attr(target_arch = "wasm32", wasm_bindgen_test::wasm_bindgen_test)]
fn whitespace_is_empty() {
    let mut m = complete_model();
    m.name = " \t\n\u{00A0}\u{200B} ".into();
    m.goals = "   ".into();
    let errs = m.validate_for_submit(None);
    assert!(errs.has("name", ErrorCode::Required));
    assert!(errs.has("goals", ErrorCode::Required));
    assert!(m.validate_draft().is_empty());
}

#[cfg_attr(not(target_arch = "wasm32"), test)]
#[cfg_attr(target_arch = "wasm32", wasm_bindgen_test::wasm_bindgen_test)]
fn every_required_item_is_checked() {
    let fields = [
        "situation",
        "goals",
        "content_methods",
        "area",
        "beneficiaries",
        "lead_force",
        "outputs",
        "sustainability",
        "registrant",
        "responsible_leader",
    ];
    for field in fields {
        let mut v = serde_json::to_value(complete_model()).unwrap();
        v[field] = serde_json::Value::String(String::new());
        let m: Model = serde_json::from_value(v).unwrap();
        let errs = m.validate_for_submit(None);
        assert!(errs.has(field, ErrorCode::Required), "{field}: {errs:?}");
        assert!(
            errs.for_field(field)
                .unwrap()
                .message
                .starts_with("Vui lòng nhập")
        );
    }
    let mut m = complete_model();
    m.field = None;
    m.start_date = None;
    m.end_date = None;
    let errs = m.validate_for_submit(None);
    for field in ["field", "start_date", "end_date"] {
        assert!(errs.has(field, ErrorCode::Required), "{field}");
    }
}

#[cfg_attr(not(target_arch = "wasm32"), test)]
#[cfg_attr(target_arch = "wasm32", wasm_bindgen_test::wasm_bindgen_test)]
fn optional_items_may_stay_empty() {
    let m = complete_model();
    assert!(m.advantages.is_empty() && m.sub_unit.is_empty() && m.budget_vnd.is_none());
    assert!(m.validate_for_submit(None).is_empty());
}

#[cfg_attr(not(target_arch = "wasm32"), test)]
#[cfg_attr(target_arch = "wasm32", wasm_bindgen_test::wasm_bindgen_test)]
fn vietnamese_name_at_limit_counts_chars_not_bytes() {
    let mut m = complete_model();
    m.name = "ệ".repeat(NAME_MAX);
    assert!(m.name.len() > NAME_MAX);
    assert!(m.validate_draft().is_empty());
    m.name.push('ữ');
    let errs = m.validate_draft();
    assert!(errs.has("name", ErrorCode::TooLong));
    assert_eq!(
        errs.for_field("name").unwrap().message,
        "Không được dài quá 200 ký tự"
    );
}

#[cfg_attr(not(target_arch = "wasm32"), test)]
#[cfg_attr(target_arch = "wasm32", wasm_bindgen_test::wasm_bindgen_test)]
fn very_long_text_is_rejected_even_in_draft() {
    let mut m = complete_model();
    m.situation = "Thực trạng ".repeat(TEXT_MAX);
    let errs = m.validate_draft();
    assert!(errs.has("situation", ErrorCode::TooLong));
    assert_eq!(
        errs.for_field("situation").unwrap().message,
        "Không được dài quá 10.000 ký tự"
    );
    m.situation = "đ".repeat(TEXT_MAX);
    assert!(m.validate_draft().is_empty());
}

#[cfg_attr(not(target_arch = "wasm32"), test)]
#[cfg_attr(target_arch = "wasm32", wasm_bindgen_test::wasm_bindgen_test)]
fn end_must_be_after_start() {
    let mut m = complete_model();
    m.end_date = m.start_date;
    let errs = m.validate_draft();
    let e = errs.for_field("end_date").unwrap();
    assert_eq!(e.code, ErrorCode::EndBeforeStart);
    assert_eq!(e.message, "Ngày kết thúc phải sau ngày bắt đầu");
    m.end_date = Some(d(2025, 9, 4));
    assert!(
        m.validate_draft()
            .has("end_date", ErrorCode::EndBeforeStart)
    );
    m.end_date = Some(d(2025, 9, 6));
    assert!(m.validate_draft().is_empty());
}

#[cfg_attr(not(target_arch = "wasm32"), test)]
#[cfg_attr(target_arch = "wasm32", wasm_bindgen_test::wasm_bindgen_test)]
fn milestone_inside_range() {
    let mut m = complete_model();
    m.milestones = vec![
        Milestone {
            date: d(2025, 9, 5),
            title: "Bắt đầu".into(),
        },
        Milestone {
            date: d(2025, 11, 15),
            title: "Kết thúc".into(),
        },
        Milestone {
            date: d(2025, 11, 16),
            title: "Quá hạn".into(),
        },
        Milestone {
            date: d(2025, 9, 4),
            title: "Sớm".into(),
        },
    ];
    let errs = m.validate_draft();
    assert!(!errs.has("milestones[0].date", ErrorCode::OutsideRange));
    assert!(!errs.has("milestones[1].date", ErrorCode::OutsideRange));
    assert!(errs.has("milestones[2].date", ErrorCode::OutsideRange));
    assert!(errs.has("milestones[3].date", ErrorCode::OutsideRange));
}

#[cfg_attr(not(target_arch = "wasm32"), test)]
#[cfg_attr(target_arch = "wasm32", wasm_bindgen_test::wasm_bindgen_test)]
fn indicator_numbers() {
    let mut m = complete_model();
    m.indicators = vec![
        indicator("A", "hộ", -1.0),
        indicator("B", "hộ", f64::NAN),
        indicator("C", "hộ", f64::INFINITY),
        indicator("D", "hộ", 0.0),
    ];
    let draft = m.validate_draft();
    assert!(draft.has("indicators[0].target", ErrorCode::Negative));
    assert!(draft.has("indicators[1].target", ErrorCode::InvalidNumber));
    assert!(draft.has("indicators[2].target", ErrorCode::InvalidNumber));
    assert!(draft.for_field("indicators[3].target").is_none());
    let submit = m.validate_for_submit(None);
    assert!(submit.has("indicators[3].target", ErrorCode::NotPositive));
    assert!(submit.has("indicators", ErrorCode::Required));
}

#[cfg_attr(not(target_arch = "wasm32"), test)]
#[cfg_attr(target_arch = "wasm32", wasm_bindgen_test::wasm_bindgen_test)]
fn at_least_one_complete_indicator() {
    let mut m = complete_model();
    m.indicators.clear();
    assert!(
        m.validate_for_submit(None)
            .has("indicators", ErrorCode::Required)
    );
    m.indicators = vec![indicator("Số hộ", " ", 5.0)];
    let errs = m.validate_for_submit(None);
    assert!(errs.has("indicators", ErrorCode::Required));
    assert!(errs.has("indicators[0].unit", ErrorCode::Required));
}

#[cfg_attr(not(target_arch = "wasm32"), test)]
#[cfg_attr(target_arch = "wasm32", wasm_bindgen_test::wasm_bindgen_test)]
fn continued_model_needs_previous_and_higher_targets() {
    let mut previous = complete_model();
    previous.indicators = vec![indicator("Tỷ lệ hộ phân loại rác", "%", 70.0)];
    let mut m = Model::continue_from(&previous, ModelId::new(), shared::ids::CampaignId::new());
    m.start_date = Some(d(2026, 1, 5));
    m.end_date = Some(d(2026, 11, 1));
    assert_eq!(m.continued_from, Some(previous.id));
    assert_eq!(m.indicators[0].previous_target, Some(70.0));
    assert!(
        m.validate_for_submit(None)
            .has("continued_from", ErrorCode::PreviousMissing)
    );
    // same target as last year
    let errs = m.validate_for_submit(Some(&previous));
    let e = errs.for_field("indicators[0].target").unwrap();
    assert_eq!(e.code, ErrorCode::NotHigherThanPrevious);
    assert_eq!(
        e.message,
        "Mô hình tiếp tục phải có chỉ tiêu cao hơn năm trước"
    );
    m.indicators[0].target = 75.0;
    assert!(m.validate_for_submit(Some(&previous)).is_empty());
    // matched by name regardless of case and spacing, even without previous_target
    m.indicators[0].previous_target = None;
    m.indicators[0].name = "  tỷ lệ HỘ phân   loại rác ".into();
    m.indicators[0].target = 69.0;
    assert!(
        m.validate_for_submit(Some(&previous))
            .has("indicators[0].target", ErrorCode::NotHigherThanPrevious)
    );
    // a new indicator has nothing to beat
    m.indicators[0].target = 80.0;
    m.indicators
        .push(indicator("Số thùng rác được phát", "thùng", 10.0));
    assert!(m.validate_for_submit(Some(&previous)).is_empty());
}

#[cfg_attr(not(target_arch = "wasm32"), test)]
#[cfg_attr(target_arch = "wasm32", wasm_bindgen_test::wasm_bindgen_test)]
fn continued_model_wrong_previous() {
    let previous = complete_model();
    let mut m = complete_model();
    m.continued_from = Some(ModelId::new());
    assert!(
        m.validate_for_submit(Some(&previous))
            .has("continued_from", ErrorCode::Inconsistent)
    );
    m.continued_from = Some(m.id);
    assert!(
        m.validate_draft()
            .has("continued_from", ErrorCode::Inconsistent)
    );
}

#[cfg_attr(not(target_arch = "wasm32"), test)]
#[cfg_attr(target_arch = "wasm32", wasm_bindgen_test::wasm_bindgen_test)]
fn partial_json_loads_as_draft() {
    let m = complete_model();
    let json = serde_json::json!({
        "id": m.id, "commune_id": m.commune_id, "unit_id": m.unit_id, "campaign_id": m.campaign_id,
        "name": "Mô hình cũ"
    });
    let loaded: Model = serde_json::from_value(json).unwrap();
    assert_eq!(loaded.status, shared::status::ModelStatus::Nhap);
    assert_eq!(loaded.name, "Mô hình cũ");
    assert!(loaded.validate_draft().is_empty());
}

#[cfg_attr(not(target_arch = "wasm32"), test)]
#[cfg_attr(target_arch = "wasm32", wasm_bindgen_test::wasm_bindgen_test)]
fn model_roundtrips_json_with_snake_case_enums() {
    let m = complete_model();
    let v = serde_json::to_value(&m).unwrap();
    assert_eq!(v["status"], "nhap");
    assert_eq!(v["field"], "van_hoa_xa_hoi");
    assert_eq!(v["kind"], "tap_the");
    let back: Model = serde_json::from_value(v).unwrap();
    assert_eq!(back, m);
}

#[cfg_attr(not(target_arch = "wasm32"), test)]
#[cfg_attr(target_arch = "wasm32", wasm_bindgen_test::wasm_bindgen_test)]
fn continue_from_resets_workflow_and_dates() {
    let mut previous = complete_model();
    previous.status = shared::status::ModelStatus::CongNhan;
    previous.registered_on = Some(d(2024, 8, 30));
    previous.return_comment = "cũ".into();
    let next = Model::continue_from(&previous, ModelId::new(), shared::ids::CampaignId::new());
    assert_eq!(next.status, shared::status::ModelStatus::Nhap);
    assert!(next.registered_on.is_none() && next.start_date.is_none());
    assert!(next.return_comment.is_empty());
    assert_eq!(next.name, previous.name);
    assert!(next.is_continued() && !previous.is_continued());
}

#[cfg_attr(not(target_arch = "wasm32"), test)]
#[cfg_attr(target_arch = "wasm32", wasm_bindgen_test::wasm_bindgen_test)]
fn implementer_and_fields() {
    let mut m = complete_model();
    assert_eq!(m.implementer("Chi bộ Công an"), "Chi bộ Công an");
    m.sub_unit = "Đoàn Thanh niên".into();
    assert_eq!(m.implementer("Chi bộ Công an"), "Đoàn Thanh niên");
    for f in shared::field::Field::ALL {
        assert!(!f.label().is_empty() && !f.topics().is_empty());
    }
    assert_eq!(shared::field::Field::KinhTe.label(), "Kinh tế");
    assert_eq!(
        serde_json::to_string(&shared::field::Field::KinhTe).unwrap(),
        "\"kinh_te\""
    );
    assert_eq!(shared::model::ModelKind::CaNhan.label(), "Cá nhân");
}
