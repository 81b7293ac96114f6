//! The app's session: the token in an HttpOnly, Secure, SameSite=Strict
//! cookie its scripts cannot read, a device key that must go with it, and
//! API writes only from the app's own origin (docs/security.md).
use serde_json::json;

use super::{Call, cookie_sign_in, header, status_and_json};
use crate::common::{body_json, demo_api};

fn pull() -> Call {
    Call::new("GET", "/api/sync/pull").header("host", "dvk.test")
}

fn push(device: uuid::Uuid) -> Call {
    Call::new("POST", "/api/sync/push")
        .header("host", "dvk.test")
        .json(json!({ "device_id": device, "ops": [] }))
}

#[tokio::test]
async fn the_app_gets_an_http_only_cookie_and_a_key_never_the_token() {
    let api = demo_api().await;
    let response = Call::new("POST", "/api/auth/login")
        .json(json!({
            "username": "canbo.ubnd",
            "password": server::demo::DEMO_PASSWORD,
            "cookie": true,
        }))
        .send(&api)
        .await;
    assert_eq!(response.status().as_u16(), 200);
    let cookie = header(&response, "set-cookie").expect("a session cookie");
    let attributes: Vec<&str> = cookie.split(';').map(str::trim).collect();
    assert!(attributes[0].starts_with("__Host-dvk_session="), "{cookie}");
    for wanted in ["HttpOnly", "Secure", "SameSite=Strict", "Path=/"] {
        assert!(attributes.contains(&wanted), "{wanted} missing: {cookie}");
    }
    let max_age = format!("Max-Age={}", server::auth::SESSION_DAYS * 24 * 3600);
    assert!(attributes.contains(&max_age.as_str()), "{cookie}");
    assert!(!cookie.contains("Domain"), "{cookie}");
    let token = attributes[0].trim_start_matches("__Host-dvk_session=");
    let body = body_json(response.into_body()).await;
    assert!(body.get("token").is_none(), "no token in the body: {body}");
    let key = body["key"].as_str().expect("device key");
    assert!(key.len() >= 40 && !token.contains(key), "{key}");
    assert_eq!(body["user"]["username"], "canbo.ubnd");
    assert_eq!(body["demo"], true);
}

#[tokio::test]
async fn the_cookie_works_only_with_its_key() {
    let api = demo_api().await;
    let (cookie, key) = cookie_sign_in(&api, "canbo.ubnd").await;
    let with = |c: Call, cookie: Option<&str>, key: Option<&str>| {
        let c = match cookie {
            Some(cookie) => c.header("cookie", cookie),
            None => c,
        };
        match key {
            Some(key) => c.header("x-dvk-key", key),
            None => c,
        }
    };
    let (status, body) =
        status_and_json(with(pull(), Some(&cookie), Some(&key)).send(&api).await).await;
    assert_eq!(status, 200, "{body}");
    for (cookie, key, what) in [
        (Some(cookie.as_str()), None, "the cookie alone"),
        (None, Some(key.as_str()), "the key alone"),
        (Some(cookie.as_str()), Some("not-the-key"), "another key"),
    ] {
        let (status, body) = status_and_json(with(pull(), cookie, key).send(&api).await).await;
        assert_eq!(
            (status, body["code"].as_str()),
            (401, Some("unauthorized")),
            "{what}"
        );
    }
}

#[tokio::test]
async fn api_writes_come_only_from_the_apps_origin() {
    let api = demo_api().await;
    let (cookie, key) = cookie_sign_in(&api, "canbo.ubnd").await;
    let device = uuid::Uuid::now_v7();
    let signed = |c: Call| {
        c.header("cookie", cookie.clone())
            .header("x-dvk-key", key.clone())
    };
    let cases = [
        (
            signed(push(device)).header("origin", "http://dvk.test"),
            200,
            "own origin",
        ),
        (
            signed(push(device)).header("origin", "https://evil.example"),
            403,
            "another origin",
        ),
        (
            signed(push(device)).header("origin", "null"),
            403,
            "an opaque origin",
        ),
        (signed(push(device)), 403, "a cookie with no origin at all"),
        (
            signed(push(device)).header("sec-fetch-site", "same-origin"),
            200,
            "same-origin fetch metadata",
        ),
        (
            signed(push(device)).header("sec-fetch-site", "cross-site"),
            403,
            "cross-site fetch metadata",
        ),
    ];
    for (call, want, what) in cases {
        let (status, body) = status_and_json(call.send(&api).await).await;
        assert_eq!(status, want, "{what}: {body}");
        if want == 403 {
            assert_eq!(body["code"], "cross_origin", "{what}");
        }
    }
    // Reads are not writes; a bearer script sends no Origin and passes.
    let (status, _) = status_and_json(
        signed(pull())
            .header("origin", "https://evil.example")
            .send(&api)
            .await,
    )
    .await;
    assert_eq!(status, 200);
    let token = api.login("canbo.ubnd").await;
    let (status, _) = status_and_json(
        push(device)
            .header("authorization", format!("Bearer {token}"))
            .send(&api)
            .await,
    )
    .await;
    assert_eq!(status, 200);
    // Nobody's page signs a person in from elsewhere either.
    let (status, body) = status_and_json(
        Call::new("POST", "/api/auth/login")
            .header("host", "dvk.test")
            .header("origin", "https://evil.example")
            .json(json!({ "username": "canbo.ubnd", "password": server::demo::DEMO_PASSWORD }))
            .send(&api)
            .await,
    )
    .await;
    assert_eq!((status, body["code"].as_str()), (403, Some("cross_origin")));
}

/// A sign-out that happened offline forgot the key; the cookie left in the
/// browser still ends its session, and a sign-in from that browser ends it too.
#[tokio::test]
async fn a_leftover_cookie_is_ended_by_sign_out_or_the_next_sign_in() {
    let api = demo_api().await;
    let (cookie, key) = cookie_sign_in(&api, "canbo.ubnd").await;
    let response = Call::new("POST", "/api/auth/logout")
        .header("host", "dvk.test")
        .header("origin", "http://dvk.test")
        .header("cookie", cookie.clone())
        .send(&api)
        .await;
    assert_eq!(response.status().as_u16(), 204);
    let cleared = header(&response, "set-cookie").expect("cookie cleared");
    assert!(
        cleared.starts_with("__Host-dvk_session=;") && cleared.contains("Max-Age=0"),
        "{cleared}"
    );
    let again = pull()
        .header("cookie", cookie)
        .header("x-dvk-key", key)
        .send(&api)
        .await;
    assert_eq!(again.status().as_u16(), 401, "the session is over");

    let (first, first_key) = cookie_sign_in(&api, "canbo.ubnd").await;
    let response = Call::new("POST", "/api/auth/login")
        .header("host", "dvk.test")
        .header("origin", "http://dvk.test")
        .header("cookie", first.clone())
        .json(json!({ "username": "canbo.yte", "password": server::demo::DEMO_PASSWORD, "cookie": true }))
        .send(&api)
        .await;
    assert_eq!(response.status().as_u16(), 200);
    let old = pull()
        .header("cookie", first)
        .header("x-dvk-key", first_key)
        .send(&api)
        .await;
    assert_eq!(
        old.status().as_u16(),
        401,
        "the previous person's session ended"
    );
}
