//! Where records are filed and who may read them.
use serde_json::json;
use shared::scope::{Scope, filing_model, may_see, read_scope, scope_of};
use shared::sync::rules::Actor;
use shared::sync::{Fields, RecordKind, to_fields};
use shared::user::Role;
use uuid::Uuid;

use crate::fixtures::demo;

fn actor_of(role: Role) -> Actor {
    let data = demo();
    let user = data.users.iter().find(|u| u.role == role).unwrap();
    Actor::of(user)
}

#[cfg_attr(not(target_arch = "wasm32"), test)]
#[cfg_attr(target_arch = "wasm32", wasm_bindgen_test::wasm_bindgen_test)]
fn unit_records_are_filed_under_their_unit_and_set_up_commune_wide() {
    let data = demo();
    let commune = data.commune.id.as_uuid();
    // (A model on the commune's list to replicate is commune-wide: see replication.rs.)
    let model = data.models.iter().find(|m| !m.replicated).unwrap();
    let fields = to_fields(model).unwrap();
    assert_eq!(
        scope_of(RecordKind::Model, &fields, None),
        Some(Scope {
            commune,
            unit: Some(model.unit_id.as_uuid())
        })
    );
    let unit = to_fields(&data.units[0]).unwrap();
    assert_eq!(
        scope_of(RecordKind::Unit, &unit, None),
        Some(Scope {
            commune,
            unit: None
        })
    );
    let the_commune = to_fields(&data.commune).unwrap();
    assert_eq!(
        scope_of(RecordKind::Commune, &the_commune, None),
        Some(Scope {
            commune,
            unit: None
        })
    );
    // An evaluation is filed under its model's unit.
    let evaluation = &data.evaluations[0];
    let fields = to_fields(evaluation).unwrap();
    let owner = data
        .models
        .iter()
        .find(|m| m.id == evaluation.model_id)
        .unwrap();
    assert_eq!(
        filing_model(RecordKind::Evaluation, &fields),
        Some(owner.id.as_uuid())
    );
    assert_eq!(
        scope_of(RecordKind::Evaluation, &fields, Some(owner)),
        Some(Scope {
            commune,
            unit: Some(owner.unit_id.as_uuid())
        })
    );
    let mut no_commune = Fields::new();
    no_commune.insert("name".into(), json!("x"));
    assert_eq!(scope_of(RecordKind::Unit, &no_commune, None), None);
}

#[cfg_attr(not(target_arch = "wasm32"), test)]
#[cfg_attr(target_arch = "wasm32", wasm_bindgen_test::wasm_bindgen_test)]
fn each_role_reads_what_it_should() {
    let data = demo();
    let commune = data.commune.id.as_uuid();
    let officer = actor_of(Role::UnitOfficer);
    let own_unit = officer.unit_id.unwrap().as_uuid();
    let other_unit = data
        .units
        .iter()
        .map(|u| u.id.as_uuid())
        .find(|u| *u != own_unit)
        .unwrap();
    let own = Scope {
        commune,
        unit: Some(own_unit),
    };
    let other = Scope {
        commune,
        unit: Some(other_unit),
    };
    let wide = Scope {
        commune,
        unit: None,
    };
    let elsewhere = Scope {
        commune: Uuid::from_u128(7),
        unit: None,
    };
    assert!(may_see(&officer, &[], &own));
    assert!(may_see(&officer, &[], &wide));
    assert!(!may_see(&officer, &[], &other));
    for role in [Role::Reviewer, Role::Leader, Role::Admin] {
        let actor = actor_of(role);
        assert!(may_see(&actor, &[], &other), "{role:?}");
        assert!(
            !may_see(&actor, &[elsewhere.commune], &elsewhere),
            "{role:?}"
        );
    }
    let city = actor_of(Role::CityViewer);
    assert!(
        !may_see(&city, &[], &wide),
        "no communes resolved, nothing seen"
    );
    assert!(may_see(&city, &[commune], &other));
    assert!(!may_see(&city, &[commune], &elsewhere));
    let read = read_scope(&officer, &[]).unwrap();
    assert_eq!(read.communes, vec![commune]);
    assert_eq!(read.unit, Some(own_unit));
    assert!(
        read.pulls_all(),
        "an officer pulls every kind of their scope"
    );
    let viewer = read_scope(&city, &[commune]).unwrap();
    assert!(!viewer.pulls_all());
    for kind in shared::sync::RecordKind::ALL {
        assert_eq!(
            viewer.pulls(kind),
            shared::scope::CITY_PULL.contains(&kind),
            "{kind:?}"
        );
    }
    assert!(
        !viewer.pulls(shared::sync::RecordKind::Model),
        "no models to a city viewer"
    );
    let mut lost = officer.clone();
    lost.unit_id = None;
    assert!(read_scope(&lost, &[]).is_err(), "an officer needs a unit");
}
