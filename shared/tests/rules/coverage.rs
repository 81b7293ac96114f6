//! Target coverage and the dashboard breakdown.
use shared::coverage::{breakdown, counts_toward, coverage};
use shared::ids::{ModelId, UnitId};
use shared::model::Model;
use shared::org::{Unit, UnitKind};
use shared::status::ModelStatus;

use crate::fixtures::demo;

#[cfg_attr(not(target_arch = "wasm32"), test)]
#[cfg_attr(target_arch = "wasm32", wasm_bindgen_test::wasm_bindgen_test)]
fn demo_2025_coverage() {
    let data = demo();
    let c2025 = &data.campaigns[1];
    let cov = coverage(c2025, &data.units, &data.models);
    assert_eq!(cov.commune_target, 3);
    assert_eq!(cov.commune_count, 4);
    assert!(cov.commune_met);
    assert_eq!(cov.units.len(), 8);
    let missing: Vec<&str> = cov
        .units
        .iter()
        .filter(|u| cov.missing.contains(&u.unit_id))
        .map(|u| u.name.as_str())
        .collect();
    assert_eq!(
        missing,
        vec![
            "Đảng ủy Các cơ quan đảng",
            "Đảng bộ Xí nghiệp Khai thác công trình thuỷ lợi",
            "Chi bộ Quân sự",
            "Chi bộ Trung tâm Giáo dục nghề nghiệp - Giáo dục thường xuyên",
        ]
    );
}

#[cfg_attr(not(target_arch = "wasm32"), test)]
#[cfg_attr(target_arch = "wasm32", wasm_bindgen_test::wasm_bindgen_test)]
fn only_registered_models_of_the_campaign_count() {
    let data = demo();
    let c2025 = &data.campaigns[1];
    let unit = &data.units[0];
    let mut models = Vec::new();
    for status in ModelStatus::ALL {
        let mut m = Model::new_draft(ModelId::new(), unit.commune_id, unit.id, c2025.id);
        m.status = status;
        models.push(m);
    }
    let mut other_year = Model::new_draft(
        ModelId::new(),
        unit.commune_id,
        unit.id,
        data.campaigns[0].id,
    );
    other_year.status = ModelStatus::DaDangKy;
    models.push(other_year);
    let cov = coverage(c2025, &data.units, &models);
    assert_eq!(cov.commune_count, 7);
    assert!(!models.iter().any(|m| {
        counts_toward(c2025, m)
            && matches!(
                m.status,
                ModelStatus::Nhap
                    | ModelStatus::DaGui
                    | ModelStatus::TraLaiDangKy
                    | ModelStatus::Dung
            )
    }));
}

#[cfg_attr(not(target_arch = "wasm32"), test)]
#[cfg_attr(target_arch = "wasm32", wasm_bindgen_test::wasm_bindgen_test)]
fn sub_unit_models_count_for_the_parent_and_targets_can_differ() {
    let data = demo();
    let mut c = data.campaigns[1].clone();
    let parent = &data.units[0];
    let child = Unit {
        id: UnitId::new(),
        commune_id: parent.commune_id,
        name: "Chi bộ Văn phòng".into(),
        kind: UnitKind::ChiBo,
        parent: Some(parent.id),
        has_target: false,
        sample: true,
    };
    let mut units = vec![parent.clone(), child.clone()];
    let mut m = Model::new_draft(ModelId::new(), child.commune_id, child.id, c.id);
    m.status = ModelStatus::DangThucHien;
    let cov = coverage(&c, &units, std::slice::from_ref(&m));
    assert_eq!(cov.units.len(), 1);
    assert_eq!(cov.units[0].count, 1);
    assert!(cov.missing.is_empty());
    c.unit_targets.push(shared::campaign::UnitTarget {
        unit_id: parent.id,
        target: 2,
    });
    let cov = coverage(&c, &units, std::slice::from_ref(&m));
    assert_eq!(cov.units[0].target, 2);
    assert_eq!(cov.missing, vec![parent.id]);
    // a parent cycle does not hang
    units[0].parent = Some(child.id);
    let cov = coverage(&c, &units, std::slice::from_ref(&m));
    assert_eq!(cov.units[0].count, 1);
}

#[cfg_attr(not(target_arch = "wasm32"), test)]
#[cfg_attr(target_arch = "wasm32", wasm_bindgen_test::wasm_bindgen_test)]
fn commune_target_zero_is_met() {
    let data = demo();
    let mut c = data.campaigns[1].clone();
    c.commune_target = 0;
    let cov = coverage(&c, &data.units, &[]);
    assert!(cov.commune_met);
    assert_eq!(cov.missing.len(), 8);
}

#[cfg_attr(not(target_arch = "wasm32"), test)]
#[cfg_attr(target_arch = "wasm32", wasm_bindgen_test::wasm_bindgen_test)]
fn demo_breakdown() {
    let data = demo();
    let b = breakdown(&data.campaigns[1], &data.models);
    let total: u32 = b.by_status.iter().map(|(_, n)| n).sum();
    assert_eq!(total, 7);
    assert_eq!(b.new + b.continued, 7);
    assert_eq!(b.continued, 1);
    assert!(b.by_field.iter().all(|(_, n)| *n >= 1));
    assert_eq!((b.collective, b.individual), (6, 1));
}
