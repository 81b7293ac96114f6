//! Strict, documented input of the sync API: every case of docs/sync.md
//! "What the server refuses" gets its documented answer.
use axum::http::StatusCode;
use serde_json::{Value, json};
use shared::demo::thanh_mien;
use shared::ids::ModelId;
use shared::model::Model;
use uuid::Uuid;

use crate::common::{Api, demo_api};

fn draft() -> Model {
    let data = thanh_mien();
    let officer = data
        .users
        .iter()
        .find(|u| u.username == "canbo.ubnd")
        .expect("officer");
    let mut model = Model::new_draft(
        ModelId::new(),
        data.commune.id,
        officer.unit_id.expect("unit"),
        data.campaigns[1].id,
    );
    model.name = "Mô hình kiểm tra".into();
    model
}

fn op(device: Uuid, record: &str, base: u64, changes: Value) -> Value {
    json!({
        "op_id": Uuid::now_v7(), "device_id": device, "kind": "model",
        "record_id": record, "base_version": base, "changes": changes,
    })
}

async fn push(api: &Api, token: &str, device: Uuid, ops: &[Value]) -> (StatusCode, Value) {
    api.post(
        "/api/sync/push",
        Some(token),
        json!({ "device_id": device, "ops": ops }),
    )
    .await
}

/// Pushes one op that must come back with one result.
async fn push_one(api: &Api, token: &str, device: Uuid, op: &Value) -> Value {
    let (status, body) = push(api, token, device, std::slice::from_ref(op)).await;
    assert_eq!(status, StatusCode::OK, "{body}");
    body["results"][0].clone()
}

async fn session() -> (Api, String, Uuid) {
    let api = demo_api().await;
    let token = api.login("canbo.ubnd").await;
    (api, token, Uuid::now_v7())
}

#[tokio::test]
async fn an_upper_case_or_nil_or_non_v7_record_id_is_refused_not_folded() {
    let (api, token, device) = session().await;
    let model = draft();
    let id = model.id.to_string();
    let mut fields = serde_json::to_value(&model).expect("json");
    let created = push_one(&api, &token, device, &op(device, &id, 0, fields.clone())).await;
    assert_eq!(created["outcome"], "applied", "{created}");

    let upper = op(device, &id.to_uppercase(), 0, json!({"name": "Đè lên"}));
    let (status, body) = push(&api, &token, device, &[upper]).await;
    assert_eq!(status, StatusCode::BAD_REQUEST, "{body}");
    assert_eq!(body["code"], "bad_json");
    assert!(
        body["message"]
            .as_str()
            .is_some_and(|m| m.contains("record_id")),
        "{body}"
    );

    for bad in [Uuid::nil(), Uuid::new_v4()] {
        fields["id"] = json!(bad);
        let result = push_one(
            &api,
            &token,
            device,
            &op(device, &bad.to_string(), 0, fields.clone()),
        )
        .await;
        assert_eq!(result["outcome"], "rejected", "{result}");
        assert_eq!(result["code"], "bad_id", "{result}");
        let (status, _) = api.get(&format!("/api/records/{bad}"), Some(&token)).await;
        assert_eq!(status, StatusCode::NOT_FOUND, "nothing stored under {bad}");
    }
    let (_, record) = api.get(&format!("/api/records/{id}"), Some(&token)).await;
    assert_eq!(record["fields"]["name"], "Mô hình kiểm tra", "{record}");
}

#[tokio::test]
async fn fields_that_are_not_the_kinds_own_are_refused_with_their_names() {
    let (api, token, device) = session().await;
    let model = draft();
    let id = model.id.to_string();
    let mut fields = serde_json::to_value(&model).expect("json");
    fields["version"] = json!(999);
    fields["deleted"] = json!(true);
    fields["conflicts"] = json!([]);
    fields["x".repeat(10_000)] = json!(1);
    let result = push_one(&api, &token, device, &op(device, &id, 0, fields)).await;
    assert_eq!(result["outcome"], "rejected", "{result}");
    assert_eq!(result["code"], "unknown_field");
    let message = result["message"].as_str().expect("message");
    for name in ["version", "deleted", "conflicts", "xxxx"] {
        assert!(message.contains(name), "{message}");
    }
    assert!(
        message.len() < 500,
        "the long key is shortened: {} bytes",
        message.len()
    );
    let (status, _) = api.get(&format!("/api/records/{id}"), Some(&token)).await;
    assert_eq!(status, StatusCode::NOT_FOUND, "nothing stored");
}

#[tokio::test]
async fn a_base_version_newer_than_the_record_is_refused_not_overwritten() {
    let (api, token, device) = session().await;
    let model = draft();
    let id = model.id.to_string();
    let fields = serde_json::to_value(&model).expect("json");
    let created = push_one(&api, &token, device, &op(device, &id, 0, fields)).await;
    let version = created["record"]["version"].as_u64().expect("version");
    let other = Uuid::now_v7();
    let theirs = push_one(
        &api,
        &token,
        other,
        &op(other, &id, version, json!({"name": "Của máy B"})),
    )
    .await;
    assert_eq!(theirs["outcome"], "applied", "{theirs}");
    let now = theirs["record"]["version"].as_u64().expect("version");
    let future = push_one(
        &api,
        &token,
        device,
        &op(device, &id, now + 50, json!({"name": "Tương lai"})),
    )
    .await;
    assert_eq!(future["outcome"], "rejected", "{future}");
    assert_eq!(future["code"], "bad_version");
    assert_eq!(future["record"]["fields"]["name"], "Của máy B", "{future}");
    let (_, record) = api.get(&format!("/api/records/{id}"), Some(&token)).await;
    assert_eq!(record["fields"]["name"], "Của máy B");
    assert_eq!(record["version"], now);
}

#[tokio::test]
async fn an_op_id_reused_for_other_content_is_refused_saying_so() {
    let (api, token, device) = session().await;
    let model = draft();
    let id = model.id.to_string();
    let first = op(device, &id, 0, serde_json::to_value(&model).expect("json"));
    let result = push_one(&api, &token, device, &first).await;
    assert_eq!(result["outcome"], "applied");
    let version = result["record"]["version"].clone();

    // The same op again: the stored outcome, with the record as it is now.
    let newer = push_one(
        &api,
        &token,
        device,
        &op(device, &id, 1, json!({"name": "Tên mới"})),
    )
    .await;
    assert_eq!(newer["outcome"], "applied", "{newer}");
    let again = push_one(&api, &token, device, &first).await;
    assert_eq!(again["outcome"], "applied");
    assert_eq!(
        again["record"]["fields"]["name"], "Tên mới",
        "current state: {again}"
    );
    assert_ne!(again["record"]["version"], version);

    let mut reused = first.clone();
    reused["changes"]["name"] = json!("Nội dung khác");
    let refused = push_one(&api, &token, device, &reused).await;
    assert_eq!(refused["outcome"], "rejected", "{refused}");
    assert_eq!(refused["code"], "op_reused");
    assert!(
        refused["message"]
            .as_str()
            .is_some_and(|m| m.contains("nội dung khác"))
    );

    // Twice in one request with different content: the request is refused.
    let fresh = op(device, &id, 0, json!({"name": "A"}));
    let mut twin = fresh.clone();
    twin["changes"]["name"] = json!("B");
    let (status, body) = push(&api, &token, device, &[fresh, twin]).await;
    assert_eq!(status, StatusCode::CONFLICT, "{body}");
    assert_eq!(body["code"], "op_reused");
    let (_, record) = api.get(&format!("/api/records/{id}"), Some(&token)).await;
    assert_eq!(record["fields"]["name"], "Tên mới", "{record}");
}

#[tokio::test]
async fn an_op_that_arrived_before_its_record_is_applied_when_resent_after_it() {
    let (api, token, device) = session().await;
    let model = draft();
    let id = model.id.to_string();
    let mut early = op(device, &id, 0, json!({"name": "Đến trước"}));
    early["clock"] = json!(2); // made after the record's first op (clock 1)
    let result = push_one(&api, &token, device, &early).await;
    assert_eq!(result["outcome"], "rejected", "{result}");
    assert_eq!(result["code"], "unknown_record");
    let mut create = op(device, &id, 0, serde_json::to_value(&model).expect("json"));
    create["clock"] = json!(1);
    assert_eq!(
        push_one(&api, &token, device, &create).await["outcome"],
        "applied"
    );
    let resent = push_one(&api, &token, device, &early).await;
    assert_ne!(resent["outcome"], "rejected", "{resent}");
    assert_eq!(resent["record"]["fields"]["name"], "Đến trước");
}

#[tokio::test]
async fn the_bearer_scheme_is_read_in_any_case() {
    let (api, token, _) = session().await;
    for scheme in ["Bearer", "bearer", "BEARER", "bEaReR"] {
        let request = axum::http::Request::builder()
            .uri("/api/auth/me")
            .header("authorization", format!("{scheme} {token}"))
            .body(axum::body::Body::empty())
            .expect("request");
        let (status, _, _) = api.raw(request).await;
        assert_eq!(status, StatusCode::OK, "{scheme}");
    }
}

#[tokio::test]
async fn a_username_that_is_not_lower_case_ascii_is_refused_not_folded() {
    let api = demo_api().await;
    let admin = api.login("quantri").await;
    let unit = thanh_mien().units[0].id;
    for username in ["Nguyen.A", "nguyễn", "a b", " x"] {
        let (status, body) = api
            .post(
                "/api/admin/users",
                Some(&admin),
                json!({ "username": username, "full_name": "Nguyễn A", "role": "unit_officer",
                        "unit_id": unit, "password": "mat-khau-du-dai" }),
            )
            .await;
        assert_eq!(
            status,
            StatusCode::UNPROCESSABLE_ENTITY,
            "{username}: {body}"
        );
        assert_eq!(body["code"], "invalid");
        assert_eq!(body["errors"][0]["field"], "username", "{body}");
    }
    let (_, users) = api.get("/api/admin/users", Some(&admin)).await;
    assert!(
        !users.to_string().contains("nguyen.a"),
        "nothing stored under the folded name"
    );
}
