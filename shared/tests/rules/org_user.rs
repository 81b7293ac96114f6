//! Commune, unit and user validation; roles.
use shared::ErrorsExt;
use shared::ids::{CommuneId, UnitId, UserId};
use shared::org::{Commune, Unit, UnitKind};
use shared::user::{Role, User};
use shared::validate::ErrorCode;

fn user(role: Role) -> User {
    User {
        id: UserId::new(),
        commune_id: Some(CommuneId::new()),
        city: None,
        unit_id: Some(UnitId::new()),
        username: "canbo.thon-1_a".into(),
        full_name: "Nguyễn Thị Hoa".into(),
        role,
        disabled: false,
    }
}

#[cfg_attr(not(target_arch = "wasm32"), test)]
#[cfg_attr(target_arch = "wasm32", wasm_bindgen_test::wasm_bindgen_test)]
fn commune_rules() {
    let mut c = Commune {
        id: CommuneId::new(),
        name: "Đảng bộ xã Thanh Miện".into(),
        place_name: "Thanh Miện".into(),
        city: "Hải Phòng".into(),
        documents: Default::default(),
    };
    assert!(c.validate().is_empty());
    c.place_name = "  ".into();
    c.name = "x".repeat(201);
    let errs = c.validate();
    assert!(errs.has("place_name", ErrorCode::Required));
    assert!(errs.has("name", ErrorCode::TooLong));
}

#[cfg_attr(not(target_arch = "wasm32"), test)]
#[cfg_attr(target_arch = "wasm32", wasm_bindgen_test::wasm_bindgen_test)]
fn unit_rules() {
    let mut u = Unit {
        id: UnitId::new(),
        commune_id: CommuneId::new(),
        name: "Chi bộ Quân sự".into(),
        kind: UnitKind::ChiBo,
        parent: None,
        has_target: true,
        sample: false,
    };
    assert!(u.validate().is_empty());
    u.parent = Some(u.id);
    u.name = "\u{200B}".into();
    let errs = u.validate();
    assert!(errs.has("parent", ErrorCode::Inconsistent));
    assert_eq!(
        errs.for_field("name").unwrap().message,
        "Vui lòng nhập tên đơn vị"
    );
    assert_eq!(UnitKind::DangUy.label(), "Đảng ủy");
}

#[cfg_attr(not(target_arch = "wasm32"), test)]
#[cfg_attr(target_arch = "wasm32", wasm_bindgen_test::wasm_bindgen_test)]
fn user_rules() {
    assert!(user(Role::UnitOfficer).validate().is_empty());
    let mut u = user(Role::UnitOfficer);
    u.unit_id = None;
    u.username = "Nguyễn".into();
    let errs = u.validate();
    assert!(errs.has("unit_id", ErrorCode::Required));
    assert!(errs.has("username", ErrorCode::InvalidFormat));
    u.username = "ab".into();
    assert!(u.validate().has("username", ErrorCode::TooShort));
    u.username = " ".into();
    assert!(u.validate().has("username", ErrorCode::Required));

    let mut r = user(Role::Reviewer);
    r.commune_id = None;
    assert!(r.validate().has("commune_id", ErrorCode::Required));

    let mut city = user(Role::CityViewer);
    city.commune_id = None;
    city.unit_id = None;
    assert!(city.validate().has("city", ErrorCode::Required));
    city.city = Some("Hải Phòng".into());
    assert!(city.validate().is_empty());
}

#[cfg_attr(not(target_arch = "wasm32"), test)]
#[cfg_attr(target_arch = "wasm32", wasm_bindgen_test::wasm_bindgen_test)]
fn roles() {
    assert!(Role::Admin.can_administer());
    assert!(!Role::Reviewer.can_administer());
    assert!(Role::Leader.is_read_only() && Role::CityViewer.is_read_only());
    assert!(!Role::UnitOfficer.is_read_only());
    let u = user(Role::UnitOfficer);
    assert!(u.acts_for_unit(u.unit_id.unwrap()));
    assert!(!u.acts_for_unit(UnitId::new()));
    assert!(user(Role::Reviewer).acts_for_unit(UnitId::new()));
    assert!(!user(Role::Leader).acts_for_unit(UnitId::new()));
    for r in Role::ALL {
        assert!(!r.label().is_empty());
    }
}

/// Those who follow the campaign open on its figures, those who work on
/// the models on the models; and nobody opens on a screen they may not see.
#[cfg_attr(not(target_arch = "wasm32"), test)]
#[cfg_attr(target_arch = "wasm32", wasm_bindgen_test::wasm_bindgen_test)]
fn each_role_opens_on_a_screen_it_may_see() {
    use shared::user::FirstScreen;
    assert_eq!(Role::Leader.first_screen(), FirstScreen::Dashboard);
    assert_eq!(Role::CityViewer.first_screen(), FirstScreen::City);
    for role in [Role::UnitOfficer, Role::Reviewer, Role::Admin] {
        assert_eq!(role.first_screen(), FirstScreen::Models, "{role:?}");
    }
    for role in Role::ALL {
        match role.first_screen() {
            FirstScreen::Dashboard => assert!(shared::dashboard::may_see(role), "{role:?}"),
            FirstScreen::City => assert!(shared::city::may_get(role), "{role:?}"),
            FirstScreen::Models => {}
        }
    }
}
