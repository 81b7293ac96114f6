//! Document settings, number lines, and what the report parts say.
use shared::document::parts::{Para, commune_parts, unit_parts};
use shared::document::{DocumentSettings, number_line, wording};
use shared::figures::{YearRecords, commune_year};
use shared::org::Commune;
use shared::{ErrorCode, ErrorsExt};

use crate::fixtures::{d, demo};

#[cfg_attr(not(target_arch = "wasm32"), test)]
#[cfg_attr(target_arch = "wasm32", wasm_bindgen_test::wasm_bindgen_test)]
fn numbers_are_typed_never_invented() {
    assert_eq!(number_line(Some("12"), "BC", "ĐU"), "Số 12-BC/ĐU");
    assert_eq!(number_line(Some(" 12-BC/ĐU "), "BC", "ĐU"), "Số 12-BC/ĐU");
    let blank = number_line(None, "BC", "ĐU");
    assert!(blank.starts_with("Số ") && blank.ends_with("-BC/ĐU"));
    assert!(!blank.chars().any(|c| c.is_ascii_digit()));
    assert_eq!(
        number_line(Some("  "), "DS", "ĐU"),
        blank.replace("BC", "DS")
    );
}

#[cfg_attr(not(target_arch = "wasm32"), test)]
#[cfg_attr(target_arch = "wasm32", wasm_bindgen_test::wasm_bindgen_test)]
fn blank_settings_fall_back_to_the_commune() {
    let mut commune = demo().commune;
    commune.documents = DocumentSettings::default();
    let h = commune
        .documents
        .header(&commune, None, "BC", d(2025, 12, 1));
    assert_eq!(h.superior_body, "ĐẢNG BỘ THÀNH PHỐ HẢI PHÒNG");
    assert_eq!(h.issuing_body, "ĐẢNG ỦY XÃ THANH MIỆN");
    assert_eq!(h.date_line, "Thanh Miện, ngày 01 tháng 12 năm 2025");
    let signer = commune.documents.signer();
    assert_eq!(signer.authority, "T/M BAN THƯỜNG VỤ");
    assert_eq!(signer.name, "");
    assert_eq!(commune.documents.recipient_lines(), vec!["- Lưu VPĐU."]);
}

#[cfg_attr(not(target_arch = "wasm32"), test)]
#[cfg_attr(target_arch = "wasm32", wasm_bindgen_test::wasm_bindgen_test)]
fn old_commune_records_load_with_default_settings() {
    let json = serde_json::json!({
        "id": demo().commune.id, "name": "Đảng bộ xã A", "place_name": "A", "city": "Hải Phòng"
    });
    let c: Commune = serde_json::from_value(json).unwrap();
    assert_eq!(c.documents, DocumentSettings::default());
    assert_eq!(c.documents.format.margin_left_mm, 30);
    assert_eq!(
        c.documents.format.columns.mau_01.len(),
        wording::MAU_01_COLUMNS
    );
    assert!(c.validate().is_empty());
    // A partial format keeps the defaults of the numbers not given.
    let json = serde_json::json!({ "format": { "body_pt": 13 } });
    let s: DocumentSettings = serde_json::from_value(json).unwrap();
    assert_eq!((s.format.body_pt, s.format.title_pt), (13, 15));
}

#[cfg_attr(not(target_arch = "wasm32"), test)]
#[cfg_attr(target_arch = "wasm32", wasm_bindgen_test::wasm_bindgen_test)]
fn settings_are_checked_with_vietnamese_messages() {
    let mut c = demo().commune;
    assert!(c.validate().is_empty());
    c.documents.format.body_pt = 2;
    c.documents.format.columns.mau_01.pop();
    c.documents.recipients = vec!["x".into(); 31];
    c.documents.signer_name = "y".repeat(201);
    let errs = c.validate();
    let body = errs.for_field("documents.format.body_pt").unwrap();
    assert_eq!(body.message, "Giá trị phải từ 8 đến 30");
    assert!(errs.has("documents.format.columns.mau_01", ErrorCode::Inconsistent));
    assert!(errs.has("documents.recipients", ErrorCode::OutsideRange));
    assert!(errs.has("documents.signer_name", ErrorCode::TooLong));
}

#[cfg_attr(not(target_arch = "wasm32"), test)]
#[cfg_attr(target_arch = "wasm32", wasm_bindgen_test::wasm_bindgen_test)]
fn report_parts_fill_from_records_and_mark_the_rest() {
    let data = demo();
    let records = YearRecords {
        commune: &data.commune,
        campaign: data.campaign(2025).unwrap(),
        units: &data.units,
        models: &data.models,
        progress: &data.progress,
        reports: &data.reports,
        evaluations: &data.evaluations,
    };
    let f = commune_year(&records, d(2025, 12, 1));
    let parts = commune_parts(&records, &f);
    assert_eq!(parts.len(), 5);
    let text: Vec<String> = parts
        .iter()
        .flat_map(|p| &p.paras)
        .map(|p| match p {
            Para::Heading(t) | Para::Text(t) | Para::Bullet(t) => t.clone(),
            Para::ToWrite(t) => (*t).to_owned(),
        })
        .collect();
    assert_eq!(
        text[1],
        "Toàn Đảng bộ có 4 mô hình được đăng ký (4 tập thể, 0 cá nhân; 3 mô hình mới, 1 mô hình tiếp tục)."
    );
    // The results text and lessons come from the one report, verbatim.
    assert!(
        text.iter()
            .any(|t| t.contains("412 hộ được tuyên truyền trực tiếp"))
    );
    assert!(text.iter().any(|t| t.contains("chợ phiên")));
    // Next year's tasks are never written by the system.
    assert_eq!(
        parts[3].paras,
        vec![Para::ToWrite(wording::TO_WRITE_COMMUNE)]
    );
    let y_te = f
        .units
        .iter()
        .find(|u| u.name == "Đảng uỷ Trung tâm Y tế")
        .unwrap();
    let unit = unit_parts(&records, y_te);
    assert!(
        unit[0]
            .paras
            .iter()
            .any(|p| matches!(p, Para::ToWrite(t) if *t == wording::TO_WRITE_UNIT))
    );
}
