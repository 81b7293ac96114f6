//! The demo commune: names from the plan, valid records, every sent model complete.
use shared::field::Field;
use shared::status::ModelStatus;

use crate::fixtures::{d, demo};

#[cfg_attr(not(target_arch = "wasm32"), test)]
#[cfg_attr(target_arch = "wasm32", wasm_bindgen_test::wasm_bindgen_test)]
fn eight_units_of_the_plan_and_sample_cells() {
    let data = demo();
    let designated: Vec<&str> = data
        .units
        .iter()
        .filter(|u| u.has_target)
        .map(|u| u.name.as_str())
        .collect();
    assert_eq!(designated.len(), 8);
    assert!(designated.contains(&"Chi bộ Trường THPT Thanh Miện III"));
    let samples: Vec<_> = data.units.iter().filter(|u| u.sample).collect();
    assert_eq!(samples.len(), 4);
    assert!(
        samples
            .iter()
            .all(|u| !u.has_target && u.name.contains("(dữ liệu mẫu)"))
    );
    assert!(!data.units.is_empty());
    assert!(data.units.iter().all(|u| u.validate().is_empty()));
    assert!(data.commune.validate().is_empty());
    assert_eq!(data.commune.city, "Hải Phòng");
}

#[cfg_attr(not(target_arch = "wasm32"), test)]
#[cfg_attr(target_arch = "wasm32", wasm_bindgen_test::wasm_bindgen_test)]
fn campaign_2025_matches_the_plan() {
    let data = demo();
    let c = data.campaign(2025).unwrap();
    assert!(data.campaign(2024).is_some());
    assert!(data.unit_named("Chi bộ Công an").unwrap().has_target);
    assert_eq!(c.registration_deadline, d(2025, 9, 1));
    assert_eq!(c.unit_report_deadline, d(2025, 11, 20));
    assert_eq!(c.commune_report_deadline, d(2025, 12, 1));
    assert_eq!((c.commune_target, c.unit_target), (3, 1));
    assert_eq!(c.levels, vec!["Tốt", "Khá", "Đạt", "Chưa đạt"]);
}

#[cfg_attr(not(target_arch = "wasm32"), test)]
#[cfg_attr(target_arch = "wasm32", wasm_bindgen_test::wasm_bindgen_test)]
fn every_sent_model_is_complete_and_every_model_valid() {
    let data = demo();
    for m in &data.models {
        assert!(m.validate_draft().is_empty(), "{}", m.name);
        if m.status != ModelStatus::Nhap {
            let previous = m
                .continued_from
                .and_then(|id| data.models.iter().find(|p| p.id == id));
            assert_eq!(m.validate_for_submit(previous), vec![], "{}", m.name);
        }
    }
}

#[cfg_attr(not(target_arch = "wasm32"), test)]
#[cfg_attr(target_arch = "wasm32", wasm_bindgen_test::wasm_bindgen_test)]
fn models_spread_over_fields_and_statuses() {
    let data = demo();
    for f in Field::ALL {
        assert!(data.models.iter().any(|m| m.field == Some(f)), "{f:?}");
    }
    for s in [
        ModelStatus::Nhap,
        ModelStatus::DaGui,
        ModelStatus::DaDangKy,
        ModelStatus::DangThucHien,
        ModelStatus::DaBaoCao,
    ] {
        assert!(data.models.iter().any(|m| m.status == s), "{s:?}");
    }
    let continued = data.models.iter().find(|m| m.is_continued()).unwrap();
    let previous = data
        .models
        .iter()
        .find(|m| Some(m.id) == continued.continued_from)
        .unwrap();
    assert_ne!(continued.campaign_id, previous.campaign_id);
}

#[cfg_attr(not(target_arch = "wasm32"), test)]
#[cfg_attr(target_arch = "wasm32", wasm_bindgen_test::wasm_bindgen_test)]
fn activity_and_users_are_valid() {
    let data = demo();
    for e in &data.progress {
        let m = data.models.iter().find(|m| m.id == e.model_id).unwrap();
        assert!(e.validate_for_model(m).is_empty());
    }
    assert!(!data.users.is_empty());
    assert!(data.users.iter().all(|u| u.validate().is_empty()));
    for role in shared::user::Role::ALL {
        assert!(data.users.iter().any(|u| u.role == role), "{role:?}");
    }
}

#[cfg_attr(not(target_arch = "wasm32"), test)]
#[cfg_attr(target_arch = "wasm32", wasm_bindgen_test::wasm_bindgen_test)]
fn demo_serializes() {
    let data = demo();
    let json = serde_json::to_string(&data).unwrap();
    let back: shared::demo::DemoData = serde_json::from_str(&json).unwrap();
    assert_eq!(back, data);
}
