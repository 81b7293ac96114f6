//! The admin sees each open session of an account (device, browser, last
//! use) and can end them all.
use std::sync::{Arc, Mutex};

use chrono::{DateTime, Duration, Utc};
use serde_json::json;

use super::{Call, status_and_json};
use crate::common::Api;

fn officer_id() -> uuid::Uuid {
    shared::demo::thanh_mien()
        .users
        .into_iter()
        .find(|u| u.username == "canbo.ubnd")
        .expect("officer")
        .id
        .as_uuid()
}

async fn sign_in_from(api: &Api, device: uuid::Uuid, agent: &str) -> String {
    let (status, body) = status_and_json(
        Call::new("POST", "/api/auth/login")
            .header("user-agent", agent)
            .json(json!({
                "username": "canbo.ubnd",
                "password": server::demo::DEMO_PASSWORD,
                "device_id": device,
            }))
            .send(api)
            .await,
    )
    .await;
    assert_eq!(status, 200, "{body}");
    body["token"].as_str().expect("token").to_owned()
}

#[tokio::test]
async fn an_admin_sees_each_session_and_ends_them_all() {
    let t0: DateTime<Utc> = DateTime::from_timestamp(1_760_000_000, 0).expect("time");
    let clock = Arc::new(Mutex::new(t0));
    let api = Api::demo_with_clock(clock.clone()).await;
    let (tablet, phone) = (uuid::Uuid::from_u128(0x7AB), uuid::Uuid::from_u128(0x9E0));
    let on_tablet = sign_in_from(&api, tablet, "Mozilla/5.0 (Linux; Android 13; Tab A8)").await;
    let on_phone = sign_in_from(&api, phone, "Mozilla/5.0 (Linux; Android 14; Phone)").await;
    let admin = api.login("quantri").await;

    // The tablet is used ten minutes later; the phone is not.
    *clock.lock().expect("clock") = t0 + Duration::minutes(10);
    assert_eq!(
        api.get("/api/auth/me", Some(&on_tablet)).await.0.as_u16(),
        200
    );

    let path = format!("/api/admin/users/{}/sessions", officer_id());
    let (status, list) = api.get(&path, Some(&admin)).await;
    assert_eq!(status.as_u16(), 200, "{list}");
    let list = list.as_array().expect("sessions").clone();
    assert_eq!(list.len(), 2, "{list:?}");
    assert_eq!(list[0]["device"], json!(tablet), "most recently used first");
    assert_eq!(list[0]["agent"], "Mozilla/5.0 (Linux; Android 13; Tab A8)");
    assert_eq!(list[0]["last_used_at"], json!(t0 + Duration::minutes(10)));
    assert_eq!(list[1]["device"], json!(phone));
    assert_eq!(list[1]["last_used_at"], json!(t0));
    let text = serde_json::to_string(&list).expect("json");
    for token in [&on_tablet, &on_phone] {
        let secret = token.split('.').nth(1).expect("secret");
        assert!(!text.contains(secret), "never a secret in the list");
    }

    let (status, _) = api.delete(&path, Some(&admin)).await;
    assert_eq!(status.as_u16(), 204);
    for token in [&on_tablet, &on_phone] {
        assert_eq!(api.get("/api/auth/me", Some(token)).await.0.as_u16(), 401);
    }
    let (_, list) = api.get(&path, Some(&admin)).await;
    assert_eq!(list, json!([]));
    let (_, events) = api
        .get(
            &format!("/api/admin/audit?user={}", officer_id()),
            Some(&admin),
        )
        .await;
    let ended = events
        .as_array()
        .expect("events")
        .iter()
        .find(|e| e["kind"] == "sessions_ended")
        .expect("audited");
    assert_eq!(ended["actor"], "quantri");
    // The admin's own session is untouched.
    assert_eq!(api.get("/api/auth/me", Some(&admin)).await.0.as_u16(), 200);
}
