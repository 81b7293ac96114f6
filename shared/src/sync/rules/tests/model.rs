//! A model's registration: who may write it, its moves, its fields.
use super::*;

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
