//! Request budgets: an account over its budget gets 429 with Retry-After
//! (sync endpoints too) while others are served; one address has a high
//! ceiling; a commune's 50 tablets syncing at once through one office
//! address are not refused with the default settings.
use serde_json::json;
use server::Settings;

use super::{Call, header, status_and_json};
use crate::common::{Api, settings};

fn small(account: u32, address: u32) -> Settings {
    let mut s = settings("mem://", std::path::Path::new("/nonexistent-dist"));
    s.budget_account_per_minute = account;
    s.budget_address_per_minute = address;
    s
}

fn bearer(call: Call, token: &str) -> Call {
    call.header("authorization", format!("Bearer {token}"))
}

#[tokio::test]
async fn an_account_over_its_budget_waits_and_the_others_are_served() {
    let api = Api::demo_with(small(10, 10_000)).await;
    let officer = api.login("canbo.ubnd").await;
    let other = api.login("canbo.yte").await;
    for _ in 0..10 {
        let (status, body) = api.get("/api/sync/pull", Some(&officer)).await;
        assert_eq!(status.as_u16(), 200, "{body}");
    }
    let refused = bearer(Call::new("GET", "/api/sync/pull"), &officer)
        .send(&api)
        .await;
    let retry: u64 = header(&refused, "retry-after")
        .and_then(|r| r.parse().ok())
        .expect("Retry-After in seconds");
    assert!((1..=6).contains(&retry), "{retry}");
    let (status, body) = status_and_json(refused).await;
    assert_eq!(
        (status, body["code"].as_str()),
        (429, Some("too_many_requests"))
    );
    assert!(
        body["message"]
            .as_str()
            .is_some_and(|m| m.contains("thử lại"))
    );
    let push = bearer(Call::new("POST", "/api/sync/push"), &officer)
        .json(json!({ "device_id": uuid::Uuid::now_v7(), "ops": [] }));
    assert_eq!(
        push.send(&api).await.status().as_u16(),
        429,
        "sync push too"
    );
    // The same address, another account: served.
    let (status, _) = api.get("/api/sync/pull", Some(&other)).await;
    assert_eq!(status.as_u16(), 200);
}

#[tokio::test]
async fn one_address_has_a_ceiling_too() {
    let api = Api::demo_with(small(10_000, 20)).await;
    let mut statuses = Vec::new();
    for _ in 0..25 {
        statuses.push(
            Call::new("GET", "/api/health")
                .send(&api)
                .await
                .status()
                .as_u16(),
        );
    }
    assert!(statuses[..20].iter().all(|s| *s == 200), "{statuses:?}");
    assert!(statuses[20..].iter().all(|s| *s == 429), "{statuses:?}");
}

/// Fifty officers' tablets behind one office NAT (in-process calls share
/// one address), each syncing a long backlog at once: a sign-in check, a
/// push and twenty pulled pages each, 1,100 requests in one burst.
#[tokio::test(flavor = "multi_thread", worker_threads = 2)]
async fn fifty_devices_behind_one_address_are_not_refused() {
    let api = Api::demo_with(settings(
        "mem://",
        std::path::Path::new("/nonexistent-dist"),
    ))
    .await;
    let unit = shared::demo::thanh_mien().units[0].id;
    let commune = shared::demo::thanh_mien().commune.id;
    let mut tokens = Vec::new();
    for n in 0..50 {
        let user = shared::user::User {
            id: shared::ids::UserId::new(),
            commune_id: Some(commune),
            city: None,
            unit_id: Some(unit),
            username: format!("maytinhbang.{n}"),
            full_name: format!("Cán bộ {n}"),
            role: shared::user::Role::UnitOfficer,
            disabled: false,
        };
        api.store()
            .put_user(&server::store::users::StoredUser {
                user: user.clone(),
                password_hash: String::new(),
            })
            .await
            .expect("user");
        let opened = server::auth::session::open(
            api.store(),
            &user,
            &server::auth::session::Device::default(),
            chrono::Utc::now(),
        )
        .await
        .expect("session");
        tokens.push(opened.token);
    }
    let devices = tokens.into_iter().map(|token| {
        let api = api.clone();
        async move {
            let mut statuses = vec![api.get("/api/auth/me", Some(&token)).await.0.as_u16()];
            let body = json!({ "device_id": uuid::Uuid::now_v7(), "ops": [] });
            statuses.push(
                api.post("/api/sync/push", Some(&token), body)
                    .await
                    .0
                    .as_u16(),
            );
            for page in 0..20 {
                let uri = format!("/api/sync/pull?since={page}&limit=5");
                statuses.push(api.get(&uri, Some(&token)).await.0.as_u16());
            }
            statuses
        }
    });
    let all: Vec<u16> = futures_join_all(devices)
        .await
        .into_iter()
        .flatten()
        .collect();
    assert_eq!(all.len(), 50 * 22);
    assert!(
        all.iter().all(|s| *s == 200),
        "refused: {:?}",
        all.iter().filter(|s| **s != 200).count()
    );
}

/// Runs the futures concurrently on the test's runtime.
async fn futures_join_all<
    F: std::future::Future<Output = T> + Send + 'static,
    T: Send + 'static,
>(
    futures: impl IntoIterator<Item = F>,
) -> Vec<T> {
    let handles: Vec<_> = futures.into_iter().map(tokio::spawn).collect();
    let mut out = Vec::new();
    for handle in handles {
        out.push(handle.await.expect("task"));
    }
    out
}
