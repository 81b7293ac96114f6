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
    assert_eq!(err.code(), "registration_incomplete");
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
