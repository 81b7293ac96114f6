//! The commune's list of models to replicate, continuing and adopting.
use shared::demo::DemoData;
use shared::ids::{CampaignId, ModelId};
use shared::model::Model;
use shared::replication::{Link, LinkError, choices, is_replicable, link, replication_list};
use shared::scope::scope_of;
use shared::status::ModelStatus;
use shared::sync::{RecordKind, to_fields};
use shared::validate::{ErrorCode, ErrorsExt};

use crate::fixtures::demo;

fn named<'a>(data: &'a DemoData, start: &str) -> &'a Model {
    data.models
        .iter()
        .find(|m| m.name.starts_with(start))
        .unwrap()
}

#[cfg_attr(not(target_arch = "wasm32"), test)]
#[cfg_attr(target_arch = "wasm32", wasm_bindgen_test::wasm_bindgen_test)]
fn recognised_models_marked_nhan_rong_form_the_list() {
    let data = demo();
    let list: Vec<&str> = replication_list(&data.models, &data.campaigns)
        .iter()
        .map(|m| m.name.as_str())
        .collect();
    assert_eq!(
        list,
        [
            "Mỗi nhà một tấm thẻ bảo hiểm y tế",
            "Một cửa thân thiện - nụ cười công sở"
        ]
    );
    let mut m = named(&data, "Một cửa").clone();
    assert!(is_replicable(&m));
    m.replicated = false;
    assert!(!is_replicable(&m), "recognised but not marked");
    m.replicated = true;
    m.status = ModelStatus::KhongCongNhan;
    assert!(!is_replicable(&m), "marked but not recognised");
}

#[cfg_attr(not(target_arch = "wasm32"), test)]
#[cfg_attr(target_arch = "wasm32", wasm_bindgen_test::wasm_bindgen_test)]
fn a_replicated_model_is_readable_by_every_unit_of_the_commune() {
    let data = demo();
    let mut m = named(&data, "Một cửa").clone();
    let scope = scope_of(RecordKind::Model, &to_fields(&m).unwrap(), None).unwrap();
    assert_eq!(scope.unit, None);
    assert_eq!(scope.commune, data.commune.id.as_uuid());
    m.replicated = false;
    let scope = scope_of(RecordKind::Model, &to_fields(&m).unwrap(), None).unwrap();
    assert_eq!(scope.unit, Some(m.unit_id.as_uuid()));
}

#[cfg_attr(not(target_arch = "wasm32"), test)]
#[cfg_attr(target_arch = "wasm32", wasm_bindgen_test::wasm_bindgen_test)]
fn who_may_build_on_what() {
    let data = demo();
    let mot_cua = named(&data, "Một cửa"); // Ủy ban nhân dân xã, 2024, replicated
    let gpmb = named(&data, "Dân vận khéo trong giải phóng"); // Ủy ban, 2025, running
    let y_te = data.unit_named("Đảng uỷ Trung tâm Y tế").unwrap().id;
    let year_2025 = data.campaign(2025).unwrap().id;

    let own = Model::continue_from(mot_cua, ModelId::new(), year_2025);
    assert_eq!(link(&own, mot_cua), Ok(Link::Continue));
    let adopted = Model::adopt(mot_cua, ModelId::new(), year_2025, y_te);
    assert_eq!(link(&adopted, mot_cua), Ok(Link::Adopt));
    // Another unit's model not on the list: no.
    let copy = Model::adopt(gpmb, ModelId::new(), CampaignId::new(), y_te);
    assert_eq!(link(&copy, gpmb), Err(LinkError::NotReplicable));
    // The same year: no.
    let same_year = Model::adopt(mot_cua, ModelId::new(), mot_cua.campaign_id, y_te);
    assert_eq!(link(&same_year, mot_cua), Err(LinkError::SameYear));
    // Another commune: never.
    let mut elsewhere = adopted.clone();
    elsewhere.commune_id = shared::ids::CommuneId::new();
    assert_eq!(link(&elsewhere, mot_cua), Err(LinkError::OtherCommune));
    // The same answer when sending.
    let errors = copy.validate_for_submit(Some(gpmb));
    assert!(errors.has("continued_from", ErrorCode::Inconsistent));
}

#[cfg_attr(not(target_arch = "wasm32"), test)]
#[cfg_attr(target_arch = "wasm32", wasm_bindgen_test::wasm_bindgen_test)]
fn an_adopted_model_is_a_linked_copy_whose_indicators_must_be_raised() {
    let data = demo();
    let bhyt = named(&data, "Mỗi nhà một tấm thẻ bảo hiểm y tế");
    let ubnd = data.unit_named("Đảng ủy Ủy ban nhân dân xã").unwrap().id;
    let year = data.campaign(2025).unwrap().id;
    let mut m = Model::adopt(bhyt, ModelId::new(), year, ubnd);
    assert_eq!(m.unit_id, ubnd);
    assert_eq!(m.continued_from, Some(bhyt.id));
    assert_eq!(m.status, ModelStatus::Nhap);
    assert!(!m.replicated, "the copy is not on the list itself");
    assert!(m.registrant.is_empty() && m.responsible_leader.is_empty() && m.sub_unit.is_empty());
    assert_eq!(m.name, bhyt.name);
    assert_eq!(
        m.indicators[0].previous_target,
        Some(bhyt.indicators[0].target)
    );
    m.registrant = "Bộ phận Một cửa xã".into();
    m.responsible_leader = "Phó Chủ tịch Ủy ban nhân dân xã".into();
    m.lead_force = "Bộ phận Một cửa xã".into();
    m.start_date = bhyt.start_date;
    m.end_date = bhyt.end_date;
    let errors = m.validate_for_submit(Some(bhyt));
    assert!(errors.has("indicators[0].target", ErrorCode::NotHigherThanPrevious));
    for ind in &mut m.indicators {
        ind.target += 1.0;
    }
    assert_eq!(m.validate_for_submit(Some(bhyt)), Vec::new());
}

#[cfg_attr(not(target_arch = "wasm32"), test)]
#[cfg_attr(target_arch = "wasm32", wasm_bindgen_test::wasm_bindgen_test)]
fn continue_offers_the_units_own_models_then_the_communes_replicated_ones() {
    let data = demo();
    let current = data.campaign(2025).unwrap();
    let ubnd = data.unit_named("Đảng ủy Ủy ban nhân dân xã").unwrap().id;
    let offered: Vec<(&str, Link, bool)> = choices(&data.models, &data.campaigns, ubnd, current)
        .iter()
        .map(|c| (c.model.name.as_str(), c.link, c.taken))
        .collect();
    assert_eq!(
        offered,
        [
            (
                "Một cửa thân thiện - nụ cười công sở",
                Link::Continue,
                false
            ),
            ("Mỗi nhà một tấm thẻ bảo hiểm y tế", Link::Adopt, false),
        ]
    );
    // Trung tâm Y tế already continued its own 2024 model this year.
    let y_te = data.unit_named("Đảng uỷ Trung tâm Y tế").unwrap().id;
    let offered: Vec<(&str, Link, bool)> = choices(&data.models, &data.campaigns, y_te, current)
        .iter()
        .map(|c| (c.model.name.as_str(), c.link, c.taken))
        .collect();
    assert_eq!(
        offered,
        [
            ("Mỗi nhà một tấm thẻ bảo hiểm y tế", Link::Continue, true),
            ("Một cửa thân thiện - nụ cười công sở", Link::Adopt, false),
        ]
    );
    // A unit with no earlier model of its own sees the list only; this
    // year's models are never offered.
    let cong_an = data.unit_named("Chi bộ Công an").unwrap().id;
    let offered = choices(&data.models, &data.campaigns, cong_an, current);
    assert_eq!(offered.len(), 2);
    assert!(
        offered
            .iter()
            .all(|c| c.link == Link::Adopt && c.year == 2024)
    );
}
