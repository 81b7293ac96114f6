//! Id newtypes.
use shared::ids::{ModelId, UnitId};

#[cfg_attr(not(target_arch = "wasm32"), test)]
#[cfg_attr(target_arch = "wasm32", wasm_bindgen_test::wasm_bindgen_test)]
fn ids_are_v7_unique_and_roundtrip() {
    let a = ModelId::new();
    let b = ModelId::new();
    assert_ne!(a, b);
    assert_eq!(a.as_uuid().get_version_num(), 7);
    let text = a.to_string();
    assert_eq!(text.parse::<ModelId>().unwrap(), a);
    let json = serde_json::to_string(&a).unwrap();
    assert_eq!(json, format!("\"{text}\""));
    assert_eq!(serde_json::from_str::<ModelId>(&json).unwrap(), a);
    assert!("không phải uuid".parse::<UnitId>().is_err());
}

#[cfg_attr(not(target_arch = "wasm32"), test)]
#[cfg_attr(target_arch = "wasm32", wasm_bindgen_test::wasm_bindgen_test)]
fn demo_ids_are_stable_v7() {
    let a = shared::demo::thanh_mien();
    let b = shared::demo::thanh_mien();
    assert_eq!(a, b);
    assert_eq!(a.commune.id.as_uuid().get_version_num(), 7);
    assert!(!a.models.is_empty());
    assert!(
        a.models
            .iter()
            .all(|m| m.id.as_uuid().get_version_num() == 7)
    );
}
