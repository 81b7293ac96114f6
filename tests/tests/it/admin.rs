//! Account management by a commune's admin, the account audit, and the
//! first-admin set-up: over the real router and an embedded store.
use axum::http::StatusCode;
use serde_json::{Value, json};
use shared::demo::thanh_mien;

use crate::common::{Api, demo_api};

fn unit_of(username: &str) -> Value {
    let user = thanh_mien()
        .users
        .into_iter()
        .find(|u| u.username == username)
        .expect("demo user");
    json!(user.unit_id)
}

async fn sign_in(api: &Api, username: &str, password: &str) -> (StatusCode, Value) {
    api.post(
        "/api/auth/login",
        None,
        json!({ "username": username, "password": password, "device_id": uuid::Uuid::from_u128(42) }),
    )
    .await
}

async fn create_officer(api: &Api, admin: &str, username: &str) -> Value {
    let (status, body) = api
        .post(
            "/api/admin/users",
            Some(admin),
            json!({
                "username": username, "full_name": "Trần Thị Mới", "role": "unit_officer",
                "unit_id": unit_of("canbo.ubnd"), "password": "mat-khau-ban-dau",
            }),
        )
        .await;
    assert_eq!(status, StatusCode::CREATED, "{body}");
    body
}

async fn audit_kinds(api: &Api, admin: &str, user: &Value) -> Vec<String> {
    let (status, events) = api
        .get(
            &format!("/api/admin/audit?user={}", user["id"].as_str().expect("id")),
            Some(admin),
        )
        .await;
    assert_eq!(status, StatusCode::OK, "{events}");
    events
        .as_array()
        .expect("events")
        .iter()
        .map(|e| e["kind"].as_str().unwrap_or_default().to_owned())
        .collect()
}

#[tokio::test]
async fn an_admin_creates_an_account_that_signs_in_and_everything_is_audited() {
    let api = demo_api().await;
    let admin = api.login("quantri").await;
    let user = create_officer(&api, &admin, "canbo.moi").await;
    assert_eq!(user["role"], json!("unit_officer"));
    assert_eq!(user["commune_id"], json!(thanh_mien().commune.id));

    let (status, _) = sign_in(&api, "canbo.moi", "sai-mat-khau").await;
    assert_eq!(status, StatusCode::UNAUTHORIZED);
    let (status, session) = sign_in(&api, "canbo.moi", "mat-khau-ban-dau").await;
    assert_eq!(status, StatusCode::OK, "{session}");
    let token = session["token"].as_str().expect("token");
    let (status, _) = api.post("/api/auth/logout", Some(token), json!({})).await;
    assert_eq!(status, StatusCode::NO_CONTENT);

    // Newest first: who, what, when, from which device.
    let (_, events) = api
        .get(
            &format!("/api/admin/audit?user={}", user["id"].as_str().expect("id")),
            Some(&admin),
        )
        .await;
    let kinds: Vec<&str> = events
        .as_array()
        .expect("events")
        .iter()
        .map(|e| e["kind"].as_str().unwrap_or_default())
        .collect();
    assert_eq!(
        kinds,
        ["sign_out", "sign_in", "sign_in_failed", "user_created"]
    );
    assert_eq!(events[3]["actor"], json!("quantri"));
    assert_eq!(events[1]["device"], json!(uuid::Uuid::from_u128(42)));
    assert!(events[1]["at"].is_string());

    // The list has the new account among the commune's.
    let (status, users) = api.get("/api/admin/users", Some(&admin)).await;
    assert_eq!(status, StatusCode::OK);
    let names: Vec<&str> = users
        .as_array()
        .expect("users")
        .iter()
        .map(|u| u["username"].as_str().unwrap_or_default())
        .collect();
    assert!(
        names.contains(&"canbo.moi") && names.contains(&"canbo.ubnd"),
        "{names:?}"
    );
    assert!(
        !names.contains(&"thanhuy.hp"),
        "a city viewer is not a commune account"
    );
}

#[tokio::test]
async fn bad_accounts_are_refused_with_field_errors() {
    let api = demo_api().await;
    let admin = api.login("quantri").await;
    let (status, body) = api
        .post(
            "/api/admin/users",
            Some(&admin),
            json!({ "username": "Có Dấu", "full_name": " ", "role": "unit_officer", "password": "ngan" }),
        )
        .await;
    assert_eq!(status, StatusCode::UNPROCESSABLE_ENTITY, "{body}");
    assert_eq!(body["code"], json!("invalid"));
    let fields: Vec<&str> = body["errors"]
        .as_array()
        .expect("errors")
        .iter()
        .map(|e| e["field"].as_str().unwrap_or_default())
        .collect();
    for field in ["username", "full_name", "unit_id", "password"] {
        assert!(fields.contains(&field), "{field} in {fields:?}");
    }
    // A unit of another commune, a city-level role, a taken name.
    let (status, body) = api
        .post(
            "/api/admin/users",
            Some(&admin),
            json!({ "username": "canbo.la", "full_name": "A", "role": "unit_officer",
                    "unit_id": uuid::Uuid::now_v7(), "password": "mat-khau-du-dai" }),
        )
        .await;
    assert_eq!(status, StatusCode::UNPROCESSABLE_ENTITY, "{body}");
    assert_eq!(body["errors"][0]["field"], json!("unit_id"));
    let (status, body) = api
        .post(
            "/api/admin/users",
            Some(&admin),
            json!({ "username": "thanhpho", "full_name": "A", "role": "city_viewer", "password": "mat-khau-du-dai" }),
        )
        .await;
    assert_eq!(status, StatusCode::UNPROCESSABLE_ENTITY, "{body}");
    let (status, body) = api
        .post(
            "/api/admin/users",
            Some(&admin),
            json!({ "username": "canbo.ubnd", "full_name": "A", "role": "leader", "password": "mat-khau-du-dai" }),
        )
        .await;
    assert_eq!(
        (status, body["code"].as_str()),
        (StatusCode::CONFLICT, Some("username_taken")),
        "{body}"
    );
    let (status, body) = api
        .post("/api/admin/users", Some(&admin), json!({ "username": 3 }))
        .await;
    assert_eq!(
        (status, body["code"].as_str()),
        (StatusCode::BAD_REQUEST, Some("bad_json"))
    );
}

#[tokio::test]
async fn disabling_a_role_change_and_a_reset_take_effect_on_every_device() {
    let api = demo_api().await;
    let admin = api.login("quantri").await;
    let user = create_officer(&api, &admin, "canbo.thu").await;
    let id = user["id"].as_str().expect("id").to_owned();
    let (_, session) = sign_in(&api, "canbo.thu", "mat-khau-ban-dau").await;
    let token = session["token"].as_str().expect("token").to_owned();
    let update = |role: &str, disabled: bool| json!({ "full_name": "Trần Thị Mới", "role": role, "unit_id": unit_of("canbo.ubnd"), "disabled": disabled });

    // Disabled: the open session stops at once, sign-in is refused.
    let (status, body) = api
        .put(
            &format!("/api/admin/users/{id}"),
            Some(&admin),
            update("unit_officer", true),
        )
        .await;
    assert_eq!(status, StatusCode::OK, "{body}");
    let (status, _) = api.get("/api/auth/me", Some(&token)).await;
    assert_eq!(status, StatusCode::UNAUTHORIZED);
    let (status, body) = sign_in(&api, "canbo.thu", "mat-khau-ban-dau").await;
    assert_eq!(
        (status, body["code"].as_str()),
        (StatusCode::FORBIDDEN, Some("account_disabled"))
    );

    // Enabled again, then a new role: sessions end, the audit says from what to what.
    api.put(
        &format!("/api/admin/users/{id}"),
        Some(&admin),
        update("unit_officer", false),
    )
    .await;
    let (_, session) = sign_in(&api, "canbo.thu", "mat-khau-ban-dau").await;
    let token = session["token"].as_str().expect("token").to_owned();
    let (status, body) = api
        .put(
            &format!("/api/admin/users/{id}"),
            Some(&admin),
            update("reviewer", false),
        )
        .await;
    assert_eq!(status, StatusCode::OK, "{body}");
    assert_eq!(body["unit_id"], Value::Null, "only officers have a unit");
    let (status, _) = api.get("/api/auth/me", Some(&token)).await;
    assert_eq!(status, StatusCode::UNAUTHORIZED);
    let (_, events) = api
        .get(&format!("/api/admin/audit?user={id}"), Some(&admin))
        .await;
    let role_change = events
        .as_array()
        .expect("events")
        .iter()
        .find(|e| e["kind"] == json!("role_changed"))
        .expect("role change audited");
    assert_eq!(
        role_change["detail"],
        json!("Cán bộ đơn vị → Ban xây dựng Đảng")
    );
    assert_eq!(role_change["actor"], json!("quantri"));

    // A reset: the old password no longer works, the new one does.
    let (_, session) = sign_in(&api, "canbo.thu", "mat-khau-ban-dau").await;
    let token = session["token"].as_str().expect("token").to_owned();
    let (status, body) = api
        .post(
            &format!("/api/admin/users/{id}/password"),
            Some(&admin),
            json!({ "new": "ngan" }),
        )
        .await;
    assert_eq!(status, StatusCode::UNPROCESSABLE_ENTITY, "{body}");
    let (status, _) = api
        .post(
            &format!("/api/admin/users/{id}/password"),
            Some(&admin),
            json!({ "new": "mat-khau-dat-lai" }),
        )
        .await;
    assert_eq!(status, StatusCode::NO_CONTENT);
    let (status, _) = api.get("/api/auth/me", Some(&token)).await;
    assert_eq!(
        status,
        StatusCode::UNAUTHORIZED,
        "sessions end with a reset"
    );
    assert_eq!(
        sign_in(&api, "canbo.thu", "mat-khau-ban-dau").await.0,
        StatusCode::UNAUTHORIZED
    );
    assert_eq!(
        sign_in(&api, "canbo.thu", "mat-khau-dat-lai").await.0,
        StatusCode::OK
    );
    let kinds = audit_kinds(&api, &admin, &body_user(&id)).await;
    assert!(kinds.contains(&"password_reset".to_owned()), "{kinds:?}");
    assert!(
        kinds.contains(&"disabled".to_owned()) && kinds.contains(&"enabled".to_owned()),
        "{kinds:?}"
    );
}

fn body_user(id: &str) -> Value {
    json!({ "id": id })
}

#[tokio::test]
async fn an_admin_cannot_lock_themselves_out() {
    let api = demo_api().await;
    let admin = api.login("quantri").await;
    let me = thanh_mien()
        .users
        .into_iter()
        .find(|u| u.username == "quantri")
        .expect("admin");
    let (status, body) = api
        .put(
            &format!("/api/admin/users/{}", me.id),
            Some(&admin),
            json!({ "full_name": me.full_name, "role": "admin", "disabled": true }),
        )
        .await;
    assert_eq!(
        (status, body["code"].as_str()),
        (StatusCode::CONFLICT, Some("cannot_change_self"))
    );
    let (status, body) = api
        .put(
            &format!("/api/admin/users/{}", me.id),
            Some(&admin),
            json!({ "full_name": me.full_name, "role": "leader", "disabled": false }),
        )
        .await;
    assert_eq!(
        (status, body["code"].as_str()),
        (StatusCode::CONFLICT, Some("cannot_change_self"))
    );
}

#[tokio::test]
async fn the_first_admin_is_made_by_set_up_and_can_sign_in() {
    let api = Api::open(false, None).await;
    let now = chrono::DateTime::from_timestamp(1_764_000_000, 0).expect("time");
    let new = server::setup::NewAdmin {
        commune: "Đảng bộ xã Mới".into(),
        place: "Xã Mới".into(),
        city: "Hải Phòng".into(),
        username: "quantri.moi".into(),
        full_name: "Lê Văn Quản".into(),
        password: "ngan".into(),
    };
    assert!(matches!(
        server::setup::create_admin(api.store(), &new, now).await,
        Err(server::setup::SetupError::Invalid(_))
    ));
    let good = server::setup::NewAdmin {
        password: "mat-khau-quan-tri".into(),
        ..new
    };
    let (user, commune) = server::setup::create_admin(api.store(), &good, now)
        .await
        .expect("first admin");
    assert_eq!(user.commune_id, Some(commune.id));
    assert!(matches!(
        server::setup::create_admin(api.store(), &good, now).await,
        Err(server::setup::SetupError::Taken(_))
    ));
    let (status, body) = sign_in(&api, "quantri.moi", "mat-khau-quan-tri").await;
    assert_eq!(status, StatusCode::OK, "{body}");
    // The admin's pull has their commune.
    let token = body["token"].as_str().expect("token");
    let (_, page) = api.get("/api/sync/pull?since=0", Some(token)).await;
    assert!(
        page["records"].as_array().expect("records").iter().any(
            |r| r["kind"] == json!("commune") && r["fields"]["name"] == json!("Đảng bộ xã Mới")
        ),
        "{page}"
    );
}
