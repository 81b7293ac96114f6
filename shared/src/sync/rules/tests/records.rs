//! The other kinds: units and campaigns, progress entries, reports.
use super::*;

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
