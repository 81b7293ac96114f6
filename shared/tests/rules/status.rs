//! The status table: allowed moves and who edits what.
use shared::status::{
    MOVES, ModelStatus as S, MoveError, MoveRequirement as Need, Part, allowed_moves, can_edit,
    can_edit_content, check_move, editable_parts,
};
use shared::user::Role;

#[cfg_attr(not(target_arch = "wasm32"), test)]
#[cfg_attr(target_arch = "wasm32", wasm_bindgen_test::wasm_bindgen_test)]
fn officer_moves() {
    assert_eq!(allowed_moves(S::Nhap, Role::UnitOfficer), vec![S::DaGui]);
    assert_eq!(
        allowed_moves(S::TraLaiDangKy, Role::UnitOfficer),
        vec![S::DaGui]
    );
    assert_eq!(
        allowed_moves(S::DaDangKy, Role::UnitOfficer),
        vec![S::DangThucHien]
    );
    assert_eq!(
        allowed_moves(S::DangThucHien, Role::UnitOfficer),
        vec![S::DaBaoCao]
    );
    assert_eq!(
        allowed_moves(S::TraLaiBaoCao, Role::UnitOfficer),
        vec![S::DaBaoCao]
    );
    assert!(allowed_moves(S::DaGui, Role::UnitOfficer).is_empty());
}

#[cfg_attr(not(target_arch = "wasm32"), test)]
#[cfg_attr(target_arch = "wasm32", wasm_bindgen_test::wasm_bindgen_test)]
fn reviewer_moves() {
    assert_eq!(
        allowed_moves(S::DaGui, Role::Reviewer),
        vec![S::DaDangKy, S::TraLaiDangKy]
    );
    assert_eq!(
        allowed_moves(S::DaBaoCao, Role::Reviewer),
        vec![S::TraLaiBaoCao, S::DaDanhGia]
    );
    assert_eq!(
        allowed_moves(S::DaDanhGia, Role::Reviewer),
        vec![S::CongNhan, S::KhongCongNhan]
    );
    assert_eq!(allowed_moves(S::DaDangKy, Role::Reviewer), vec![S::Dung]);
    assert_eq!(
        allowed_moves(S::DangThucHien, Role::Reviewer),
        vec![S::Dung]
    );
    assert!(allowed_moves(S::Nhap, Role::Reviewer).is_empty());
}

#[cfg_attr(not(target_arch = "wasm32"), test)]
#[cfg_attr(target_arch = "wasm32", wasm_bindgen_test::wasm_bindgen_test)]
fn read_only_roles_make_no_moves() {
    for role in [Role::Leader, Role::Admin, Role::CityViewer] {
        for s in S::ALL {
            assert!(allowed_moves(s, role).is_empty(), "{role:?} {s:?}");
            for part in [
                Part::Registration,
                Part::Progress,
                Part::Report,
                Part::Evaluation,
            ] {
                assert!(!can_edit(s, role, part));
            }
        }
    }
}

#[cfg_attr(not(target_arch = "wasm32"), test)]
#[cfg_attr(target_arch = "wasm32", wasm_bindgen_test::wasm_bindgen_test)]
fn final_statuses_have_no_way_out() {
    for s in S::ALL.into_iter().filter(S::is_final) {
        for role in Role::ALL {
            assert!(allowed_moves(s, role).is_empty());
        }
    }
    assert!(MOVES.iter().all(|m| !m.from.is_final()));
}

#[cfg_attr(not(target_arch = "wasm32"), test)]
#[cfg_attr(target_arch = "wasm32", wasm_bindgen_test::wasm_bindgen_test)]
fn requirements() {
    assert_eq!(
        check_move(S::Nhap, S::DaGui, Role::UnitOfficer),
        Ok(Need::CompleteRegistration)
    );
    assert_eq!(
        check_move(S::DaGui, S::TraLaiDangKy, Role::Reviewer),
        Ok(Need::Comment)
    );
    assert_eq!(
        check_move(S::DaBaoCao, S::TraLaiBaoCao, Role::Reviewer),
        Ok(Need::Comment)
    );
    assert_eq!(
        check_move(S::DangThucHien, S::Dung, Role::Reviewer),
        Ok(Need::Reason)
    );
    assert_eq!(
        check_move(S::DaDanhGia, S::CongNhan, Role::Reviewer),
        Ok(Need::Decision)
    );
    assert_eq!(
        check_move(S::DaBaoCao, S::DaDanhGia, Role::Reviewer),
        Ok(Need::CompleteEvaluation)
    );
    assert_eq!(
        check_move(S::TraLaiBaoCao, S::DaBaoCao, Role::UnitOfficer),
        Ok(Need::CompleteReport)
    );
    let err = check_move(S::Nhap, S::DaDangKy, Role::UnitOfficer).unwrap_err();
    assert!(matches!(err, MoveError::NotAllowed { .. }));
    assert_eq!(err.to_string(), "Không được phép chuyển trạng thái này");
    assert!(check_move(S::Nhap, S::Nhap, Role::Admin).is_err());
}

#[cfg_attr(not(target_arch = "wasm32"), test)]
#[cfg_attr(target_arch = "wasm32", wasm_bindgen_test::wasm_bindgen_test)]
fn table_has_no_duplicates_and_no_self_moves() {
    for (i, a) in MOVES.iter().enumerate() {
        assert_ne!(a.from, a.to);
        for b in &MOVES[i + 1..] {
            assert!(!(a.from == b.from && a.to == b.to && a.role == b.role));
        }
    }
}

#[cfg_attr(not(target_arch = "wasm32"), test)]
#[cfg_attr(target_arch = "wasm32", wasm_bindgen_test::wasm_bindgen_test)]
fn every_status_is_reachable_from_draft() {
    let mut seen = vec![S::Nhap];
    let mut i = 0;
    while i < seen.len() {
        let from = seen[i];
        for m in MOVES.iter().filter(|m| m.from == from) {
            if !seen.contains(&m.to) {
                seen.push(m.to);
            }
        }
        i += 1;
    }
    for s in S::ALL {
        assert!(seen.contains(&s), "{s:?}");
    }
}

#[cfg_attr(not(target_arch = "wasm32"), test)]
#[cfg_attr(target_arch = "wasm32", wasm_bindgen_test::wasm_bindgen_test)]
fn edit_table() {
    assert!(can_edit(S::Nhap, Role::UnitOfficer, Part::Registration));
    assert!(can_edit(
        S::TraLaiDangKy,
        Role::UnitOfficer,
        Part::Registration
    ));
    assert!(!can_edit(S::DaGui, Role::UnitOfficer, Part::Registration));
    assert!(!can_edit(
        S::DaDangKy,
        Role::UnitOfficer,
        Part::Registration
    ));
    assert!(can_edit(S::DaDangKy, Role::UnitOfficer, Part::Progress));
    assert!(can_edit(S::DangThucHien, Role::UnitOfficer, Part::Progress));
    assert!(can_edit(S::DangThucHien, Role::UnitOfficer, Part::Report));
    assert!(can_edit(S::TraLaiBaoCao, Role::UnitOfficer, Part::Report));
    assert!(!can_edit(S::DaBaoCao, Role::UnitOfficer, Part::Report));
    assert!(can_edit(S::DaBaoCao, Role::Reviewer, Part::Evaluation));
    assert!(can_edit(S::DaDanhGia, Role::Reviewer, Part::Evaluation));
    assert!(!can_edit(S::CongNhan, Role::Reviewer, Part::Evaluation));
    assert!(!can_edit_content(S::DaGui, Role::UnitOfficer));
    assert!(can_edit_content(S::Nhap, Role::UnitOfficer));
    assert_eq!(
        editable_parts(S::DangThucHien, Role::UnitOfficer),
        vec![Part::Progress, Part::Report]
    );
}

#[cfg_attr(not(target_arch = "wasm32"), test)]
#[cfg_attr(target_arch = "wasm32", wasm_bindgen_test::wasm_bindgen_test)]
fn labels_and_serde() {
    assert_eq!(S::TraLaiDangKy.label(), "Trả lại chỉnh sửa");
    assert_eq!(S::TraLaiBaoCao.label(), "Trả lại chỉnh sửa");
    assert_eq!(S::CongNhan.label(), "Được công nhận");
    assert_eq!(
        serde_json::to_string(&S::TraLaiDangKy).unwrap(),
        "\"tra_lai_dang_ky\""
    );
    assert_eq!(serde_json::to_string(&S::DaGui).unwrap(), "\"da_gui\"");
    assert_eq!(
        serde_json::to_string(&Role::UnitOfficer).unwrap(),
        "\"unit_officer\""
    );
    for s in S::ALL {
        let json = serde_json::to_string(&s).unwrap();
        assert!(json.is_ascii());
        assert_eq!(serde_json::from_str::<S>(&json).unwrap(), s);
        assert!(!s.label().is_empty());
    }
}

#[cfg_attr(not(target_arch = "wasm32"), test)]
#[cfg_attr(target_arch = "wasm32", wasm_bindgen_test::wasm_bindgen_test)]
fn registered_statuses() {
    let registered: Vec<S> = S::ALL.into_iter().filter(S::is_registered).collect();
    assert_eq!(
        registered,
        vec![
            S::DaDangKy,
            S::DangThucHien,
            S::DaBaoCao,
            S::TraLaiBaoCao,
            S::DaDanhGia,
            S::CongNhan,
            S::KhongCongNhan
        ]
    );
}
