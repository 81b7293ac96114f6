//! Sign-in, tokens, expiry, revocation, rate limiting, password change.
use std::sync::{Arc, Mutex};

use axum::http::StatusCode;
use chrono::{DateTime, Duration, Utc};
use serde_json::json;
use server::demo::DEMO_PASSWORD;

use crate::common::{Api, demo_api};

#[tokio::test]
async fn sign_in_returns_a_token_that_works() {
    let api = demo_api().await;
    let (status, body) = api
        .post(
            "/api/auth/login",
            None,
            json!({ "username": "bxdd.lan", "password": DEMO_PASSWORD }),
        )
        .await;
    assert_eq!(status, StatusCode::OK, "{body}");
    let token = body["token"].as_str().expect("token").to_owned();
    assert_eq!(body["user"]["role"], "reviewer");
    let (status, me) = api.get("/api/auth/me", Some(&token)).await;
    assert_eq!(status, StatusCode::OK);
    assert_eq!(me["user"]["username"], "bxdd.lan");
}

#[tokio::test]
async fn wrong_password_and_unknown_user_look_the_same() {
    let api = demo_api().await;
    let (s1, b1) = api
        .post(
            "/api/auth/login",
            None,
            json!({ "username": "bxdd.lan", "password": "sai-mat-khau" }),
        )
        .await;
    let (s2, b2) = api
        .post(
            "/api/auth/login",
            None,
            json!({ "username": "khong-co", "password": "sai-mat-khau" }),
        )
        .await;
    assert_eq!(
        (s1, s2),
        (StatusCode::UNAUTHORIZED, StatusCode::UNAUTHORIZED)
    );
    assert_eq!(b1, b2);
    assert_eq!(b1["code"], "bad_credentials");
}

#[tokio::test]
async fn requests_without_a_valid_token_are_refused() {
    let api = demo_api().await;
    for token in [
        None,
        Some("garbage"),
        Some("0190f0a0-0000-7000-8000-000000000001.abc"),
    ] {
        let (status, body) = api.get("/api/sync/pull", token).await;
        assert_eq!(status, StatusCode::UNAUTHORIZED, "{token:?}");
        assert_eq!(body["code"], "unauthorized");
    }
}

#[tokio::test]
async fn sign_out_revokes_the_token() {
    let api = demo_api().await;
    let token = api.login("bxdd.lan").await;
    let (status, _) = api.post("/api/auth/logout", Some(&token), json!({})).await;
    assert_eq!(status, StatusCode::NO_CONTENT);
    let (status, body) = api.get("/api/auth/me", Some(&token)).await;
    assert_eq!(status, StatusCode::UNAUTHORIZED);
    assert_eq!(body["code"], "unauthorized");
}

#[tokio::test]
async fn tokens_expire() {
    let now: DateTime<Utc> = DateTime::from_timestamp(1_760_000_000, 0).expect("time");
    let clock = Arc::new(Mutex::new(now));
    let api = Api::demo_with_clock(clock.clone()).await;
    let token = api.login("bxdd.lan").await;
    *clock.lock().expect("clock") =
        now + Duration::days(server::auth::SESSION_DAYS) - Duration::minutes(1);
    assert_eq!(
        api.get("/api/auth/me", Some(&token)).await.0,
        StatusCode::OK
    );
    *clock.lock().expect("clock") = now + Duration::days(server::auth::SESSION_DAYS);
    let (status, body) = api.get("/api/auth/me", Some(&token)).await;
    assert_eq!(status, StatusCode::UNAUTHORIZED);
    assert_eq!(body["code"], "session_expired");
}

/// Failed sign-ins are counted in the store: spread over two app servers
/// on one store, they still lock the account on both.
#[tokio::test]
async fn failures_through_two_app_servers_count_together() {
    let one = demo_api().await;
    let two = one.second_server();
    for i in 0..server::auth::limiter::PER_ACCOUNT {
        let server = if i % 2 == 0 { &one } else { &two };
        let (status, _) = server
            .post(
                "/api/auth/login",
                None,
                json!({ "username": "bxdd.lan", "password": "wrong-pass" }),
            )
            .await;
        assert_eq!(status, StatusCode::UNAUTHORIZED);
    }
    for server in [&one, &two] {
        let (status, body) = server
            .post(
                "/api/auth/login",
                None,
                json!({ "username": "bxdd.lan", "password": DEMO_PASSWORD }),
            )
            .await;
        assert_eq!(status, StatusCode::TOO_MANY_REQUESTS);
        assert_eq!(body["code"], "rate_limited");
    }
}

#[tokio::test]
async fn repeated_failures_are_rate_limited_per_account() {
    let api = demo_api().await;
    for _ in 0..server::auth::limiter::PER_ACCOUNT {
        let (status, _) = api
            .post(
                "/api/auth/login",
                None,
                json!({ "username": "bxdd.lan", "password": "wrong-pass" }),
            )
            .await;
        assert_eq!(status, StatusCode::UNAUTHORIZED);
    }
    // Now even the right password waits.
    let (status, body) = api
        .post(
            "/api/auth/login",
            None,
            json!({ "username": "bxdd.lan", "password": DEMO_PASSWORD }),
        )
        .await;
    assert_eq!(status, StatusCode::TOO_MANY_REQUESTS);
    assert_eq!(body["code"], "rate_limited");
    // Another account is not affected.
    let (status, _) = api
        .post(
            "/api/auth/login",
            None,
            json!({ "username": "quantri", "password": DEMO_PASSWORD }),
        )
        .await;
    assert_eq!(status, StatusCode::OK);
}

#[tokio::test]
async fn changing_the_password_signs_out_other_devices() {
    let api = demo_api().await;
    let phone = api.login("bxdd.lan").await;
    let tablet = api.login("bxdd.lan").await;
    let (status, body) = api
        .post(
            "/api/auth/password",
            Some(&phone),
            json!({ "current": DEMO_PASSWORD, "new": "short" }),
        )
        .await;
    assert_eq!(status, StatusCode::UNPROCESSABLE_ENTITY);
    assert_eq!(body["code"], "invalid");
    assert_eq!(
        body["errors"][0]["field"], "new",
        "the same rule as the admin's form"
    );
    let (status, _) = api
        .post(
            "/api/auth/password",
            Some(&phone),
            json!({ "current": DEMO_PASSWORD, "new": "doi-sang-mat-khau-khac" }),
        )
        .await;
    assert_eq!(status, StatusCode::NO_CONTENT);
    assert_eq!(
        api.get("/api/auth/me", Some(&phone)).await.0,
        StatusCode::OK
    );
    assert_eq!(
        api.get("/api/auth/me", Some(&tablet)).await.0,
        StatusCode::UNAUTHORIZED
    );
    let (status, _) = api
        .post(
            "/api/auth/login",
            None,
            json!({ "username": "bxdd.lan", "password": "doi-sang-mat-khau-khac" }),
        )
        .await;
    assert_eq!(status, StatusCode::OK);
}

#[tokio::test]
async fn malformed_login_body_is_a_json_400() {
    let api = demo_api().await;
    let (status, body) = api
        .post_raw("/api/auth/login", None, "{\"username\": 5")
        .await;
    assert_eq!(status, StatusCode::BAD_REQUEST);
    assert_eq!(body["code"], "bad_json");
}
