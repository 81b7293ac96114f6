//! The shared write rules, on the demo commune.
use chrono::NaiveDate;
use serde_json::json;

use super::*;
use crate::demo::{DemoData, thanh_mien};
use crate::ids::ModelId;
use crate::sync::protocol::{DELETED_FIELD, to_fields};

fn today() -> NaiveDate {
    NaiveDate::from_ymd_opt(2025, 8, 20).expect("date")
}

fn actor(data: &DemoData, role: Role) -> Actor {
    let user = data
        .users
        .iter()
        .find(|u| u.role == role)
        .expect("demo user of role");
    Actor::of(user)
}

fn officer(data: &DemoData) -> Actor {
    actor(data, Role::UnitOfficer)
}

fn fields_of(model: &Model) -> Fields {
    to_fields(model).expect("a model is an object")
}

/// A demo model of the officer's unit with the given status.
fn own_model(data: &DemoData, status: ModelStatus) -> Model {
    let me = officer(data);
    let complete = data
        .models
        .iter()
        .find(|m| m.status == ModelStatus::DaGui)
        .expect("a sent demo model");
    let mut model = complete.clone();
    model.id = ModelId::new();
    model.unit_id = me.unit_id.expect("officer has a unit");
    model.continued_from = None;
    model.status = status;
    model
}

fn ctx() -> Context<'static> {
    Context {
        today: today(),
        ..Context::default()
    }
}

fn code(result: Result<(), Refusal>) -> &'static str {
    match result {
        Ok(()) => "ok",
        Err(refusal) => refusal.code.as_str(),
    }
}

#[cfg_attr(not(target_arch = "wasm32"), test)]
#[cfg_attr(target_arch = "wasm32", wasm_bindgen_test::wasm_bindgen_test)]
fn officer_creates_a_draft_in_own_unit_only() {
    let data = thanh_mien();
    let me = officer(&data);
    let draft = Model::new_draft(
        ModelId::new(),
        data.commune.id,
        me.unit_id.expect("unit"),
        data.campaigns[1].id,
    );
    let mut after = fields_of(&draft);
    assert_eq!(
        code(check(RecordKind::Model, None, &mut after, &me, &ctx())),
        "ok"
    );

    let other_unit = data
        .units
        .iter()
        .find(|u| Some(u.id) != me.unit_id)
        .expect("another unit");
    let mut foreign = draft.clone();
    foreign.unit_id = other_unit.id;
    let mut after = fields_of(&foreign);
    assert_eq!(
        code(check(RecordKind::Model, None, &mut after, &me, &ctx())),
        "forbidden"
    );
}

#[cfg_attr(not(target_arch = "wasm32"), test)]
#[cfg_attr(target_arch = "wasm32", wasm_bindgen_test::wasm_bindgen_test)]
fn read_only_roles_write_nothing() {
    let data = thanh_mien();
    let model = own_model(&data, ModelStatus::Nhap);
    for role in [Role::Leader, Role::CityViewer] {
        let mut after = fields_of(&model);
        assert_eq!(
            code(check(
                RecordKind::Model,
                None,
                &mut after,
                &actor(&data, role),
                &ctx()
            )),
            "read_only"
        );
    }
}

#[cfg_attr(not(target_arch = "wasm32"), test)]
#[cfg_attr(target_arch = "wasm32", wasm_bindgen_test::wasm_bindgen_test)]
fn sending_an_incomplete_registration_names_the_fields() {
    let data = thanh_mien();
    let me = officer(&data);
    let draft = Model::new_draft(
        ModelId::new(),
        data.commune.id,
        me.unit_id.expect("unit"),
        data.campaigns[1].id,
    );
    let before = fields_of(&draft);
    let mut sent = draft.clone();
    sent.name = "  ".into();
    sent.status = ModelStatus::DaGui;
    let mut after = fields_of(&sent);
    let refusal =
        check(RecordKind::Model, Some(&before), &mut after, &me, &ctx()).expect_err("incomplete");
    assert_eq!(refusal.code.as_str(), "registration_incomplete");
    assert!(refusal.errors.iter().any(|e| e.field == "name"));
    assert!(refusal.message.contains("chưa đầy đủ"));
}

#[cfg_attr(not(target_arch = "wasm32"), test)]
#[cfg_attr(target_arch = "wasm32", wasm_bindgen_test::wasm_bindgen_test)]
fn a_complete_registration_is_sent_and_dated_by_the_server() {
    let data = thanh_mien();
    let me = officer(&data);
    let mut model = own_model(&data, ModelStatus::Nhap);
    model.submitted_on = None;
    let before = fields_of(&model);
    model.status = ModelStatus::DaGui;
    model.submitted_on = NaiveDate::from_ymd_opt(1999, 1, 1);
    let mut after = fields_of(&model);
    check(RecordKind::Model, Some(&before), &mut after, &me, &ctx()).expect("sent");
    assert_eq!(
        after["submitted_on"],
        json!("2025-08-20"),
        "the device's date is not trusted"
    );
}

#[cfg_attr(not(target_arch = "wasm32"), test)]
#[cfg_attr(target_arch = "wasm32", wasm_bindgen_test::wasm_bindgen_test)]
fn created_and_sent_in_one_op_is_checked_as_a_move() {
    let data = thanh_mien();
    let me = officer(&data);
    let mut model = own_model(&data, ModelStatus::DaGui);
    let mut after = fields_of(&model);
    assert_eq!(
        code(check(RecordKind::Model, None, &mut after, &me, &ctx())),
        "ok"
    );
    model.name.clear();
    let mut after = fields_of(&model);
    assert_eq!(
        code(check(RecordKind::Model, None, &mut after, &me, &ctx())),
        "registration_incomplete"
    );
}

#[cfg_attr(not(target_arch = "wasm32"), test)]
#[cfg_attr(target_arch = "wasm32", wasm_bindgen_test::wasm_bindgen_test)]
fn officer_cannot_accept_their_own_registration() {
    let data = thanh_mien();
    let me = officer(&data);
    let model = own_model(&data, ModelStatus::DaGui);
    let before = fields_of(&model);
    let mut accepted = model.clone();
    accepted.status = ModelStatus::DaDangKy;
    let mut after = fields_of(&accepted);
    assert_eq!(
        code(check(
            RecordKind::Model,
            Some(&before),
            &mut after,
            &me,
            &ctx()
        )),
        "move_not_allowed"
    );
    let reviewer = actor(&data, Role::Reviewer);
    let mut after = fields_of(&accepted);
    assert_eq!(
        code(check(
            RecordKind::Model,
            Some(&before),
            &mut after,
            &reviewer,
            &ctx()
        )),
        "ok"
    );
    assert_eq!(after["registered_on"], json!("2025-08-20"));
}

#[cfg_attr(not(target_arch = "wasm32"), test)]
#[cfg_attr(target_arch = "wasm32", wasm_bindgen_test::wasm_bindgen_test)]
fn returning_needs_a_comment() {
    let data = thanh_mien();
    let reviewer = actor(&data, Role::Reviewer);
    let model = own_model(&data, ModelStatus::DaGui);
    let before = fields_of(&model);
    let mut returned = model.clone();
    returned.status = ModelStatus::TraLaiDangKy;
    returned.return_comment = "   ".into();
    let mut after = fields_of(&returned);
    assert_eq!(
        code(check(
            RecordKind::Model,
            Some(&before),
            &mut after,
            &reviewer,
            &ctx()
        )),
        "comment_required"
    );
    returned.return_comment = "Bổ sung chỉ tiêu cụ thể".into();
    let mut after = fields_of(&returned);
    assert_eq!(
        code(check(
            RecordKind::Model,
            Some(&before),
            &mut after,
            &reviewer,
            &ctx()
        )),
        "ok"
    );
}

#[cfg_attr(not(target_arch = "wasm32"), test)]
#[cfg_attr(target_arch = "wasm32", wasm_bindgen_test::wasm_bindgen_test)]
fn registered_content_is_frozen_for_the_officer() {
    let data = thanh_mien();
    let me = officer(&data);
    let model = own_model(&data, ModelStatus::DaDangKy);
    let before = fields_of(&model);
    let mut edited = model.clone();
    edited.goals.push_str(" thêm");
    let mut after = fields_of(&edited);
    assert_eq!(
        code(check(
            RecordKind::Model,
            Some(&before),
            &mut after,
            &me,
            &ctx()
        )),
        "cannot_edit"
    );
}

#[cfg_attr(not(target_arch = "wasm32"), test)]
#[cfg_attr(target_arch = "wasm32", wasm_bindgen_test::wasm_bindgen_test)]
fn only_own_drafts_can_be_deleted() {
    let data = thanh_mien();
    let me = officer(&data);
    for (status, expected) in [
        (ModelStatus::Nhap, "ok"),
        (ModelStatus::DaDangKy, "cannot_delete"),
    ] {
        let model = own_model(&data, status);
        let before = fields_of(&model);
        let mut after = before.clone();
        after.insert(DELETED_FIELD.into(), json!(true));
        assert_eq!(
            code(check(
                RecordKind::Model,
                Some(&before),
                &mut after,
                &me,
                &ctx()
            )),
            expected
        );
    }
}

#[cfg_attr(not(target_arch = "wasm32"), test)]
#[cfg_attr(target_arch = "wasm32", wasm_bindgen_test::wasm_bindgen_test)]
fn a_record_cannot_change_unit() {
    let data = thanh_mien();
    let reviewer = actor(&data, Role::Reviewer);
    let model = own_model(&data, ModelStatus::DaGui);
    let before = fields_of(&model);
    let mut moved = model.clone();
    moved.unit_id = data
        .units
        .iter()
        .find(|u| u.id != model.unit_id)
        .expect("unit")
        .id;
    let mut after = fields_of(&moved);
    assert_eq!(
        code(check(
            RecordKind::Model,
            Some(&before),
            &mut after,
            &reviewer,
            &ctx()
        )),
        "immutable"
    );
}

#[cfg_attr(not(target_arch = "wasm32"), test)]
#[cfg_attr(target_arch = "wasm32", wasm_bindgen_test::wasm_bindgen_test)]
fn over_long_text_is_refused_even_in_a_draft() {
    let data = thanh_mien();
    let me = officer(&data);
    let mut model = own_model(&data, ModelStatus::Nhap);
    model.name = "Dân vận khéo ".repeat(100);
    let mut after = fields_of(&model);
    let refusal = check(RecordKind::Model, None, &mut after, &me, &ctx()).expect_err("too long");
    assert_eq!(refusal.code.as_str(), "invalid");
    assert!(refusal.errors.iter().any(|e| e.field == "name"));
}

#[cfg_attr(not(target_arch = "wasm32"), test)]
#[cfg_attr(target_arch = "wasm32", wasm_bindgen_test::wasm_bindgen_test)]
fn malformed_fields_are_bad_data_not_a_panic() {
    let data = thanh_mien();
    let me = officer(&data);
    let mut after = fields_of(&own_model(&data, ModelStatus::Nhap));
    after.insert("name".into(), json!(12));
    assert_eq!(
        code(check(RecordKind::Model, None, &mut after, &me, &ctx())),
        "bad_data"
    );
    let mut after = Fields::new();
    assert_eq!(
        code(check(RecordKind::Unit, None, &mut after, &me, &ctx())),
        "bad_data"
    );
}

#[cfg_attr(not(target_arch = "wasm32"), test)]
#[cfg_attr(target_arch = "wasm32", wasm_bindgen_test::wasm_bindgen_test)]
fn units_and_campaigns_are_for_the_admin() {
    let data = thanh_mien();
    let unit = data.units[0].clone();
    let mut after = to_fields(&unit).expect("unit");
    let admin = actor(&data, Role::Admin);
    assert_eq!(
        code(check(
            RecordKind::Unit,
            None,
            &mut after.clone(),
            &admin,
            &ctx()
        )),
        "ok"
    );
    assert_eq!(
        code(check(
            RecordKind::Unit,
            None,
            &mut after,
            &officer(&data),
            &ctx()
        )),
        "forbidden"
    );
}

#[cfg_attr(not(target_arch = "wasm32"), test)]
#[cfg_attr(target_arch = "wasm32", wasm_bindgen_test::wasm_bindgen_test)]
fn progress_needs_its_model_in_a_status_that_allows_it() {
    let data = thanh_mien();
    let me = officer(&data);
    let model = own_model(&data, ModelStatus::DangThucHien);
    let entry = ProgressEntry {
        id: crate::ids::ProgressId::new(),
        commune_id: model.commune_id,
        unit_id: model.unit_id,
        model_id: model.id,
        date: today(),
        activity: "Họp dân thôn Đông".into(),
        participants: Some(45),
        resources: String::new(),
        values: Vec::new(),
        photos: Vec::new(),
        note: String::new(),
    };
    let mut after = to_fields(&entry).expect("entry");
    assert_eq!(
        code(check(
            RecordKind::Progress,
            None,
            &mut after.clone(),
            &me,
            &ctx()
        )),
        "no_model"
    );
    let with_model = Context {
        today: today(),
        model: Some(&model),
        ..Context::default()
    };
    assert_eq!(
        code(check(
            RecordKind::Progress,
            None,
            &mut after.clone(),
            &me,
            &with_model
        )),
        "ok"
    );
    let mut draft = model.clone();
    draft.status = ModelStatus::Nhap;
    let draft_ctx = Context {
        today: today(),
        model: Some(&draft),
        ..Context::default()
    };
    assert_eq!(
        code(check(
            RecordKind::Progress,
            None,
            &mut after,
            &me,
            &draft_ctx
        )),
        "cannot_edit"
    );
}

#[cfg_attr(not(target_arch = "wasm32"), test)]
#[cfg_attr(target_arch = "wasm32", wasm_bindgen_test::wasm_bindgen_test)]
fn a_model_has_one_report_with_the_same_id_on_every_device() {
    let data = thanh_mien();
    let me = officer(&data);
    let model = own_model(&data, ModelStatus::DangThucHien);
    let id = ResultsReport::id_for(model.id);
    assert_eq!(id, ResultsReport::id_for(model.id), "deterministic");
    assert_ne!(id.as_uuid(), model.id.as_uuid(), "never the model's own id");
    assert_eq!(id.as_uuid().get_version_num(), 8);
    let first = ResultsReport::new_for(id, &model);
    let mut after = to_fields(&first).expect("report");
    let with_model = Context {
        today: today(),
        model: Some(&model),
        ..Context::default()
    };
    assert_eq!(
        code(check(
            RecordKind::Report,
            None,
            &mut after,
            &me,
            &with_model
        )),
        "ok"
    );
    // Another id for a model that already has a report: refused.
    let second = ResultsReport::new_for(crate::ids::ReportId::new(), &model);
    let mut other = to_fields(&second).expect("report");
    let existing = Context {
        today: today(),
        model: Some(&model),
        report: Some(&first),
        ..Context::default()
    };
    assert_eq!(
        code(check(RecordKind::Report, None, &mut other, &me, &existing)),
        "duplicate"
    );
    // The same report again (another device's first op): fine.
    let mut same = to_fields(&first).expect("report");
    assert_eq!(
        code(check(RecordKind::Report, None, &mut same, &me, &existing)),
        "ok"
    );
}
