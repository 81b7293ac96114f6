//! The shared write rules for the reviewer's year: the evaluation stamped
//! by the server, one per model; recognition and the replication mark;
//! adoption; move dates that only a move changes.
use chrono::NaiveDate;
use serde_json::json;
use shared::demo::DemoData;
use shared::evaluation::{Decision, Evaluation, Score};
use shared::ids::{EvaluationId, ModelId};
use shared::lifecycle::{MoveContext, apply_move, move_changes};
use shared::model::Model;
use shared::report::ResultsReport;
use shared::status::ModelStatus;
use shared::sync::rules::{Actor, Context, Needs, Refusal, check, needs};
use shared::sync::{Fields, RecordKind, to_fields};
use shared::user::Role;

use crate::fixtures::{d, demo};

fn server_day() -> NaiveDate {
    d(2025, 11, 27)
}

fn as_role(data: &DemoData, role: Role) -> Actor {
    Actor::of(data.users.iter().find(|u| u.role == role).unwrap())
}

fn named<'a>(data: &'a DemoData, start: &str) -> &'a Model {
    data.models
        .iter()
        .find(|m| m.name.starts_with(start))
        .unwrap()
}

fn outcome(result: Result<(), Refusal>) -> &'static str {
    match result {
        Ok(()) => "ok",
        Err(refusal) => refusal.code.as_str(),
    }
}

/// A complete evaluation of `model` (2025's criteria).
fn complete(data: &DemoData, model: &Model, decision: Decision) -> Evaluation {
    let campaign = data.campaign(2025).unwrap();
    let mut ev = Evaluation::new_for(model);
    ev.scores = campaign
        .criteria
        .iter()
        .map(|c| Score {
            criterion_id: c.id,
            level: "Tốt".into(),
        })
        .collect();
    ev.decision = Some(decision);
    ev.comment = "Hiệu quả, đề nghị nhân rộng.".into();
    ev.replicate = decision == Decision::CongNhan;
    ev
}

#[cfg_attr(not(target_arch = "wasm32"), test)]
#[cfg_attr(target_arch = "wasm32", wasm_bindgen_test::wasm_bindgen_test)]
fn the_server_stamps_who_evaluated_and_when() {
    let data = demo();
    let model = named(&data, "Mỗi nhà một tấm thẻ bảo hiểm y tế - mở rộng");
    assert_eq!(model.status, ModelStatus::DaBaoCao);
    let reviewer = as_role(&data, Role::Reviewer);
    let mut ev = complete(&data, model, Decision::CongNhan);
    // Whatever the device says about who and when is replaced.
    ev.evaluator = Some(data.users[0].id);
    ev.evaluator_name = "Ai đó".into();
    ev.evaluated_on = Some(d(1999, 1, 1));
    let mut after = to_fields(&ev).unwrap();
    let ctx = Context {
        today: server_day(),
        model: Some(model),
        ..Context::default()
    };
    assert_eq!(
        outcome(check(
            RecordKind::Evaluation,
            None,
            &mut after,
            &reviewer,
            &ctx
        )),
        "ok"
    );
    assert_eq!(after["evaluator"], json!(reviewer.user_id));
    assert_eq!(after["evaluator_name"], json!("Trần Thị Lan (mẫu)"));
    assert_eq!(after["evaluated_on"], json!("2025-11-27"));
    // An officer may not evaluate, not even their own unit's model.
    let officer = Actor::of(
        data.users
            .iter()
            .find(|u| u.username == "canbo.yte")
            .unwrap(),
    );
    let mut after = to_fields(&ev).unwrap();
    assert_eq!(
        outcome(check(
            RecordKind::Evaluation,
            None,
            &mut after,
            &officer,
            &ctx
        )),
        "cannot_edit"
    );
}

#[cfg_attr(not(target_arch = "wasm32"), test)]
#[cfg_attr(target_arch = "wasm32", wasm_bindgen_test::wasm_bindgen_test)]
fn one_evaluation_per_model_in_its_commune_and_year() {
    let data = demo();
    let model = named(&data, "Mỗi nhà một tấm thẻ bảo hiểm y tế - mở rộng");
    let reviewer = as_role(&data, Role::Reviewer);
    let id = Evaluation::id_for(model.id);
    assert_eq!(id, Evaluation::id_for(model.id), "the same on every device");
    assert_ne!(id.as_uuid(), model.id.as_uuid());
    assert_ne!(id.as_uuid(), ResultsReport::id_for(model.id).as_uuid());
    let first = Evaluation::new_for(model);
    let fields = to_fields(&first).unwrap();
    assert_eq!(
        needs(RecordKind::Evaluation, None, &fields),
        Needs {
            model: Some(model.id.as_uuid()),
            campaign: Some(model.campaign_id.as_uuid()),
            evaluation_of: Some(model.id.as_uuid()),
            ..Needs::default()
        }
    );
    let existing = Context {
        today: server_day(),
        model: Some(model),
        evaluation: Some(&first),
        ..Context::default()
    };
    let mut same = fields.clone();
    assert_eq!(
        outcome(check(
            RecordKind::Evaluation,
            None,
            &mut same,
            &reviewer,
            &existing
        )),
        "ok"
    );
    let mut second = first.clone();
    second.id = EvaluationId::new();
    let mut after = to_fields(&second).unwrap();
    assert_eq!(
        outcome(check(
            RecordKind::Evaluation,
            None,
            &mut after,
            &reviewer,
            &existing
        )),
        "duplicate"
    );
    let mut other_year = first.clone();
    other_year.campaign_id = data.campaign(2024).unwrap().id;
    let mut after = to_fields(&other_year).unwrap();
    assert_eq!(
        outcome(check(
            RecordKind::Evaluation,
            None,
            &mut after,
            &reviewer,
            &existing
        )),
        "immutable"
    );
    // An evaluation never moves to another model.
    let mut moved = first.clone();
    moved.model_id = ModelId::new();
    let mut after = to_fields(&moved).unwrap();
    let ctx = Context {
        today: server_day(),
        model: Some(model),
        ..Context::default()
    };
    assert_eq!(
        outcome(check(
            RecordKind::Evaluation,
            Some(&fields),
            &mut after,
            &reviewer,
            &ctx
        )),
        "no_model"
    );
}

#[cfg_attr(not(target_arch = "wasm32"), test)]
#[cfg_attr(target_arch = "wasm32", wasm_bindgen_test::wasm_bindgen_test)]
fn evaluate_then_recognise_puts_the_model_on_the_list() {
    let data = demo();
    let campaign = data.campaign(2025).unwrap();
    let model = named(&data, "Mỗi nhà một tấm thẻ bảo hiểm y tế - mở rộng").clone();
    let reviewer = as_role(&data, Role::Reviewer);
    let ev = complete(&data, &model, Decision::CongNhan);
    let today = server_day();
    // What the app sends, checked again by the server with its own day.
    let ctx = MoveContext::new(d(2030, 1, 1)).evaluation(&ev, campaign);
    let before = to_fields(&model).unwrap();
    let mut after = before.clone();
    after.extend(move_changes(&model, ModelStatus::DaDanhGia, Role::Reviewer, &ctx).unwrap());
    let rules = Context {
        today,
        evaluation: Some(&ev),
        campaign: Some(campaign),
        ..Context::default()
    };
    assert_eq!(
        outcome(check(
            RecordKind::Model,
            Some(&before),
            &mut after,
            &reviewer,
            &rules
        )),
        "ok"
    );
    let evaluated: Model =
        serde_json::from_value(serde_json::Value::Object(after.clone())).unwrap();
    assert_eq!(evaluated.status, ModelStatus::DaDanhGia);
    // Recognising "không công nhận" against a "công nhận" evaluation: refused.
    let mut wrong = after.clone();
    wrong.insert("status".into(), json!("khong_cong_nhan"));
    assert_eq!(
        outcome(check(
            RecordKind::Model,
            Some(&after),
            &mut wrong,
            &reviewer,
            &rules
        )),
        "decision_mismatch"
    );
    // Recognised: on the list, even if the device said otherwise.
    let mut recognised = after.clone();
    recognised.insert("status".into(), json!("cong_nhan"));
    recognised.insert("replicated".into(), json!(false));
    assert_eq!(
        outcome(check(
            RecordKind::Model,
            Some(&after),
            &mut recognised,
            &reviewer,
            &rules
        )),
        "ok"
    );
    assert_eq!(recognised["replicated"], json!(true));
    let scope = shared::scope::scope_of(RecordKind::Model, &recognised, None).unwrap();
    assert_eq!(scope.unit, None, "now readable by every unit");
    // Without nhân rộng, recognised but not on the list.
    let mut plain = ev.clone();
    plain.replicate = false;
    let mut m = evaluated.clone();
    apply_move(
        &mut m,
        ModelStatus::CongNhan,
        Role::Reviewer,
        &MoveContext::new(today).evaluation(&plain, campaign),
    )
    .unwrap();
    assert!(!m.replicated);
}

#[cfg_attr(not(target_arch = "wasm32"), test)]
#[cfg_attr(target_arch = "wasm32", wasm_bindgen_test::wasm_bindgen_test)]
fn move_dates_and_the_list_mark_change_only_with_a_move() {
    let data = demo();
    let officer = Actor::of(
        data.users
            .iter()
            .find(|u| u.username == "canbo.ubnd")
            .unwrap(),
    );
    let mut draft = Model::new_draft(
        ModelId::new(),
        data.commune.id,
        officer.unit_id.unwrap(),
        data.campaign(2025).unwrap().id,
    );
    draft.name = "Bản nháp".into();
    let before = to_fields(&draft).unwrap();
    let mut after: Fields = before.clone();
    after.insert("replicated".into(), json!(true));
    after.insert("submitted_on".into(), json!("2025-01-01"));
    after.insert("name".into(), json!("Bản nháp đã sửa"));
    let ctx = Context {
        today: server_day(),
        ..Context::default()
    };
    assert_eq!(
        outcome(check(
            RecordKind::Model,
            Some(&before),
            &mut after,
            &officer,
            &ctx
        )),
        "ok"
    );
    assert_eq!(after["replicated"], json!(false));
    assert_eq!(after["submitted_on"], json!(null));
    assert_eq!(after["name"], json!("Bản nháp đã sửa"));
}

#[cfg_attr(not(target_arch = "wasm32"), test)]
#[cfg_attr(target_arch = "wasm32", wasm_bindgen_test::wasm_bindgen_test)]
fn a_unit_adopts_only_replicated_models_of_other_units() {
    let data = demo();
    let officer = Actor::of(
        data.users
            .iter()
            .find(|u| u.username == "canbo.ubnd")
            .unwrap(),
    );
    let year = data.campaign(2025).unwrap().id;
    let unit = officer.unit_id.unwrap();
    let ctx_with = |previous| Context {
        today: server_day(),
        previous: Some(previous),
        ..Context::default()
    };
    let bhyt_2024 = named(&data, "Mỗi nhà một tấm thẻ bảo hiểm y tế");
    assert!(bhyt_2024.replicated);
    let adopted = Model::adopt(bhyt_2024, ModelId::new(), year, unit);
    let mut after = to_fields(&adopted).unwrap();
    assert_eq!(
        outcome(check(
            RecordKind::Model,
            None,
            &mut after,
            &officer,
            &ctx_with(bhyt_2024)
        )),
        "ok"
    );
    // Another unit's model that is not on the list.
    let running = named(&data, "Camera an ninh");
    let copied = Model::adopt(running, ModelId::new(), year, unit);
    let mut after = to_fields(&copied).unwrap();
    let refusal = check(
        RecordKind::Model,
        None,
        &mut after,
        &officer,
        &ctx_with(running),
    )
    .expect_err("not on the list");
    assert_eq!(refusal.code.as_str(), "invalid");
    assert_eq!(refusal.errors[0].field, "continued_from");
}
