//! Applying moves: requirements checked, dates and notes recorded.
use shared::evaluation::{Decision, Evaluation, Score};
use shared::ids::{EvaluationId, ReportId};
use shared::lifecycle::{MoveContext, apply_move, can_move};
use shared::report::ResultsReport;
use shared::status::{ModelStatus as S, MoveError};
use shared::user::Role;

use crate::fixtures::{complete_model, d, demo};

#[cfg_attr(not(target_arch = "wasm32"), test)]
#[cfg_attr(target_arch = "wasm32", wasm_bindgen_test::wasm_bindgen_test)]
fn submit_records_day_and_needs_complete_registration() {
    let mut m = complete_model();
    let today = d(2025, 9, 2);
    apply_move(
        &mut m,
        S::DaGui,
        Role::UnitOfficer,
        &MoveContext::new(today),
    )
    .unwrap();
    assert_eq!(m.status, S::DaGui);
    assert_eq!(m.submitted_on, Some(today));

    let mut empty = complete_model();
    empty.name = "  ".into();
    let err = apply_move(
        &mut empty,
        S::DaGui,
        Role::UnitOfficer,
        &MoveContext::new(today),
    )
    .unwrap_err();
    assert!(
        matches!(err, MoveError::RegistrationIncomplete(ref e) if e.iter().any(|e| e.field == "name"))
    );
    assert_eq!(err.code().as_str(), "registration_incomplete");
    assert!(err.field_errors().iter().any(|e| e.field == "name"));
    assert_eq!(err.to_string(), "Bản đăng ký chưa đầy đủ");
    assert_eq!(empty.status, S::Nhap);
}

#[cfg_attr(not(target_arch = "wasm32"), test)]
#[cfg_attr(target_arch = "wasm32", wasm_bindgen_test::wasm_bindgen_test)]
fn return_needs_comment_and_keeps_it() {
    let mut m = complete_model();
    m.status = S::DaGui;
    let ctx = MoveContext::new(d(2025, 9, 3));
    assert_eq!(
        apply_move(&mut m, S::TraLaiDangKy, Role::Reviewer, &ctx.note(" \n ")),
        Err(MoveError::CommentRequired)
    );
    apply_move(
        &mut m,
        S::TraLaiDangKy,
        Role::Reviewer,
        &ctx.note("  Bổ sung chỉ tiêu  "),
    )
    .unwrap();
    assert_eq!(m.status, S::TraLaiDangKy);
    assert_eq!(m.return_comment, "Bổ sung chỉ tiêu");
    apply_move(&mut m, S::DaGui, Role::UnitOfficer, &ctx).unwrap();
    apply_move(&mut m, S::DaDangKy, Role::Reviewer, &ctx).unwrap();
    assert_eq!(m.registered_on, Some(d(2025, 9, 3)));
}

#[cfg_attr(not(target_arch = "wasm32"), test)]
#[cfg_attr(target_arch = "wasm32", wasm_bindgen_test::wasm_bindgen_test)]
fn stop_needs_reason() {
    let mut m = complete_model();
    m.status = S::DangThucHien;
    let ctx = MoveContext::new(d(2025, 10, 1));
    assert_eq!(
        apply_move(&mut m, S::Dung, Role::Reviewer, &ctx),
        Err(MoveError::ReasonRequired)
    );
    apply_move(
        &mut m,
        S::Dung,
        Role::Reviewer,
        &ctx.note("Không còn phù hợp"),
    )
    .unwrap();
    assert_eq!(m.stop_reason, "Không còn phù hợp");
    assert!(apply_move(&mut m, S::DangThucHien, Role::Reviewer, &ctx).is_err());
}

#[cfg_attr(not(target_arch = "wasm32"), test)]
#[cfg_attr(target_arch = "wasm32", wasm_bindgen_test::wasm_bindgen_test)]
fn wrong_role_is_refused() {
    let mut m = complete_model();
    let ctx = MoveContext::new(d(2025, 9, 1));
    for role in [Role::Reviewer, Role::Leader, Role::Admin, Role::CityViewer] {
        assert!(matches!(
            apply_move(&mut m, S::DaGui, role, &ctx),
            Err(MoveError::NotAllowed { .. })
        ));
    }
}

#[cfg_attr(not(target_arch = "wasm32"), test)]
#[cfg_attr(target_arch = "wasm32", wasm_bindgen_test::wasm_bindgen_test)]
fn report_needed_to_report() {
    let mut m = complete_model();
    m.status = S::DangThucHien;
    let ctx = MoveContext::new(d(2025, 11, 21));
    assert_eq!(
        apply_move(&mut m, S::DaBaoCao, Role::UnitOfficer, &ctx),
        Err(MoveError::MissingDocument)
    );
    let mut report = ResultsReport::new_for(ReportId::new(), &m);
    assert!(matches!(
        apply_move(&mut m, S::DaBaoCao, Role::UnitOfficer, &ctx.report(&report)),
        Err(MoveError::ReportIncomplete(_))
    ));
    report.results = "Đạt 75% hộ phân loại rác".into();
    report.reached[0].reached = Some(75.0);
    // late, accepted and dated
    apply_move(&mut m, S::DaBaoCao, Role::UnitOfficer, &ctx.report(&report)).unwrap();
    assert_eq!(m.reported_on, Some(d(2025, 11, 21)));
}

#[cfg_attr(not(target_arch = "wasm32"), test)]
#[cfg_attr(target_arch = "wasm32", wasm_bindgen_test::wasm_bindgen_test)]
fn evaluation_and_decision() {
    let data = demo();
    let campaign = &data.campaigns[1];
    let mut m = complete_model();
    m.campaign_id = campaign.id;
    m.status = S::DaBaoCao;
    let mut ev = Evaluation {
        id: EvaluationId::new(),
        commune_id: m.commune_id,
        campaign_id: campaign.id,
        model_id: m.id,
        scores: Vec::new(),
        comment: String::new(),
        decision: None,
        exemplary: false,
        propose_reward: false,
        replicate: false,
        evaluator: None,
        evaluator_name: String::new(),
        evaluated_on: None,
    };
    let ctx = MoveContext::new(d(2025, 11, 28));
    assert!(matches!(
        can_move(
            &m,
            S::DaDanhGia,
            Role::Reviewer,
            &ctx.evaluation(&ev, campaign)
        ),
        Err(MoveError::EvaluationIncomplete(_))
    ));
    ev.scores = campaign
        .criteria
        .iter()
        .map(|c| Score {
            criterion_id: c.id,
            level: "Tốt".into(),
        })
        .collect();
    ev.decision = Some(Decision::CongNhan);
    apply_move(
        &mut m,
        S::DaDanhGia,
        Role::Reviewer,
        &ctx.evaluation(&ev, campaign),
    )
    .unwrap();
    assert_eq!(
        apply_move(
            &mut m,
            S::KhongCongNhan,
            Role::Reviewer,
            &ctx.evaluation(&ev, campaign)
        ),
        Err(MoveError::DecisionMismatch)
    );
    apply_move(
        &mut m,
        S::CongNhan,
        Role::Reviewer,
        &ctx.evaluation(&ev, campaign),
    )
    .unwrap();
    assert_eq!(m.status, S::CongNhan);
}

#[cfg_attr(not(target_arch = "wasm32"), test)]
#[cfg_attr(target_arch = "wasm32", wasm_bindgen_test::wasm_bindgen_test)]
fn a_move_as_the_app_sends_it_carries_status_date_and_note_only() {
    use shared::lifecycle::{MOVE_FIELDS, move_changes};
    let mut m = complete_model();
    m.status = S::DaGui;
    let ctx = MoveContext::new(d(2025, 8, 20)).note("  Bổ sung chỉ tiêu  ");
    let changes = move_changes(&m, S::TraLaiDangKy, Role::Reviewer, &ctx).unwrap();
    assert!(changes.keys().all(|k| MOVE_FIELDS.contains(&k.as_str())));
    assert_eq!(changes["status"], serde_json::json!("tra_lai_dang_ky"));
    assert_eq!(
        changes["return_comment"],
        serde_json::json!("Bổ sung chỉ tiêu")
    );
    assert_eq!(m.status, S::DaGui, "the model itself is not changed");
    let refused = move_changes(
        &m,
        S::TraLaiDangKy,
        Role::Reviewer,
        &MoveContext::new(d(2025, 8, 20)),
    );
    assert!(refused.is_err(), "a return needs a comment");
}

#[cfg_attr(not(target_arch = "wasm32"), test)]
#[cfg_attr(target_arch = "wasm32", wasm_bindgen_test::wasm_bindgen_test)]
fn only_an_officers_unsent_draft_can_be_deleted() {
    use shared::lifecycle::can_delete;
    for status in S::ALL {
        for role in Role::ALL {
            assert_eq!(
                can_delete(status, role),
                status == S::Nhap && role == Role::UnitOfficer,
                "{status:?} {role:?}"
            );
        }
    }
}

#[cfg_attr(not(target_arch = "wasm32"), test)]
#[cfg_attr(target_arch = "wasm32", wasm_bindgen_test::wasm_bindgen_test)]
fn each_move_is_made_in_one_place_of_the_app() {
    use shared::status::{MOVES, Via, moves_via};
    let decision = moves_via(S::DaGui, Role::Reviewer, Via::Decision);
    assert_eq!(decision, vec![S::DaDangKy, S::TraLaiDangKy]);
    assert_eq!(
        moves_via(S::DaBaoCao, Role::Reviewer, Via::Evaluation),
        vec![S::DaDanhGia]
    );
    assert_eq!(
        moves_via(S::DaDanhGia, Role::Reviewer, Via::Evaluation),
        vec![S::CongNhan, S::KhongCongNhan]
    );
    assert!(moves_via(S::DaGui, Role::UnitOfficer, Via::Decision).is_empty());
    for m in MOVES {
        let places = [Via::Officer, Via::Decision, Via::Evaluation]
            .into_iter()
            .filter(|via| moves_via(m.from, m.role, *via).contains(&m.to))
            .count();
        assert_eq!(places, 1, "{m:?}");
    }
}

#[cfg_attr(not(target_arch = "wasm32"), test)]
#[cfg_attr(target_arch = "wasm32", wasm_bindgen_test::wasm_bindgen_test)]
fn the_server_loads_what_a_move_needs_and_nothing_more() {
    use shared::sync::RecordKind;
    use shared::sync::rules::needs;
    let mut m = complete_model();
    m.status = S::DangThucHien;
    let before = shared::sync::to_fields(&m).unwrap();
    let mut after = before.clone();
    after.insert("status".into(), serde_json::json!(S::DaBaoCao));
    let need = needs(RecordKind::Model, Some(&before), &after);
    assert_eq!(need.report_of, Some(m.id.as_uuid()));
    assert_eq!(need.evaluation_of, None);
    assert_eq!(need.campaign, Some(m.campaign_id.as_uuid()));
    let mut evaluated = before.clone();
    evaluated.insert("status".into(), serde_json::json!(S::DaDanhGia));
    let mut recognised = evaluated.clone();
    recognised.insert("status".into(), serde_json::json!(S::CongNhan));
    let need = needs(RecordKind::Model, Some(&evaluated), &recognised);
    assert_eq!(need.evaluation_of, Some(m.id.as_uuid()));
    assert_eq!(need.report_of, None);
    let need = needs(RecordKind::Model, Some(&before), &before);
    assert_eq!((need.report_of, need.evaluation_of), (None, None));
    let report = ResultsReport::new_for(ResultsReport::id_for(m.id), &m);
    let fields = shared::sync::to_fields(&report).unwrap();
    let need = needs(RecordKind::Report, None, &fields);
    assert_eq!(need.model, Some(m.id.as_uuid()));
    assert_eq!(need.report_of, Some(m.id.as_uuid()), "one report per model");
    assert_eq!(
        needs(RecordKind::Report, Some(&fields), &fields).report_of,
        None
    );
}
