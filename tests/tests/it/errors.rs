//! One error shape: every answer under /api/ that is not a success is JSON
//! `{"code","message"}` with the status of its code (docs/api.md).
use axum::body::Body;
use axum::http::{Request, StatusCode};
use serde_json::Value;
use shared::api::Code;

use crate::common::{Api, demo_api};

/// Sends a request and checks the answer is the documented error.
async fn refused(api: &Api, request: Request<Body>, code: Code) -> Value {
    let what = format!("{} {}", request.method(), request.uri());
    let (status, headers, body) = api.raw(request).await;
    assert_eq!(status.as_u16(), code.http_status(), "{what}: {status}");
    let kind = headers
        .get("content-type")
        .and_then(|v| v.to_str().ok())
        .unwrap_or_default();
    assert!(kind.starts_with("application/json"), "{what}: {kind}");
    let body: Value = serde_json::from_slice(&body)
        .unwrap_or_else(|e| panic!("{what}: not JSON ({e}): {}", String::from_utf8_lossy(&body)));
    assert_eq!(body["code"], code.as_str(), "{what}: {body}");
    assert!(
        body["message"].as_str().is_some_and(|m| !m.is_empty()),
        "{what}: {body}"
    );
    body
}

fn request(method: &str, uri: &str, token: Option<&str>) -> axum::http::request::Builder {
    let mut builder = Request::builder().method(method).uri(uri);
    if let Some(token) = token {
        builder = builder.header("authorization", format!("Bearer {token}"));
    }
    builder
}

fn empty(method: &str, uri: &str, token: Option<&str>) -> Request<Body> {
    request(method, uri, token)
        .body(Body::empty())
        .expect("request")
}

#[tokio::test]
async fn a_path_id_that_is_not_a_uuid_is_a_json_404() {
    let api = demo_api().await;
    let token = api.login("canbo.ubnd").await;
    for uri in [
        "/api/records/not-a-uuid",
        "/api/records/123/history",
        "/api/records/%FF",
    ] {
        refused(&api, empty("GET", uri, Some(&token)), Code::NotFound).await;
    }
    let admin = api.login("quantri").await;
    let update = request("PUT", "/api/admin/users/x", Some(&admin))
        .header("content-type", "application/json")
        .body(Body::from("{}"))
        .expect("request");
    refused(&api, update, Code::NotFound).await;
}

#[tokio::test]
async fn a_query_that_does_not_parse_or_is_out_of_range_is_a_json_400() {
    let api = demo_api().await;
    let token = api.login("canbo.ubnd").await;
    for query in [
        "since=-1",
        "since=abc",
        "limit=abc",
        "limit=-5",
        "limit=0",
        "limit=1001",
        "since=99999999999999999999999",
    ] {
        let uri = format!("/api/sync/pull?{query}");
        refused(&api, empty("GET", &uri, Some(&token)), Code::BadRequest).await;
    }
    let admin = api.login("quantri").await;
    refused(
        &api,
        empty("GET", "/api/admin/audit?limit=x", Some(&admin)),
        Code::BadRequest,
    )
    .await;
    let (status, _) = api
        .get("/api/sync/pull?since=0&limit=1000", Some(&token))
        .await;
    assert_eq!(status, StatusCode::OK, "the largest page is allowed");
}

#[tokio::test]
async fn a_wrong_method_is_a_json_405() {
    let api = demo_api().await;
    let token = api.login("canbo.ubnd").await;
    for (method, uri) in [
        ("GET", "/api/sync/push"),
        ("DELETE", "/api/sync/push"),
        ("POST", "/api/sync/pull"),
        ("PUT", "/api/auth/login"),
        ("DELETE", "/api/health"),
        ("PATCH", "/api/admin/users"),
    ] {
        refused(
            &api,
            empty(method, uri, Some(&token)),
            Code::MethodNotAllowed,
        )
        .await;
    }
}

#[tokio::test]
async fn an_unknown_path_under_api_is_a_json_404_never_the_app() {
    let api = demo_api().await;
    for (method, uri) in [
        ("GET", "/api"),
        ("GET", "/api/"),
        ("POST", "/api/"),
        ("GET", "/api/nope"),
        ("GET", "/api/sync"),
        ("GET", "/api/sync/push/extra"),
        ("DELETE", "/api/made/up/path"),
    ] {
        refused(&api, empty(method, uri, None), Code::NotFound).await;
    }
}

#[tokio::test]
async fn bodies_and_credentials_that_are_wrong_are_json() {
    let api = demo_api().await;
    let token = api.login("canbo.ubnd").await;
    let post = |body: &str, kind: Option<&str>| {
        let mut builder = request("POST", "/api/sync/push", Some(&token));
        if let Some(kind) = kind {
            builder = builder.header("content-type", kind);
        }
        builder.body(Body::from(body.to_owned())).expect("request")
    };
    refused(&api, post("{", Some("application/json")), Code::BadJson).await;
    refused(&api, post("{}", Some("application/json")), Code::BadJson).await;
    refused(&api, post("{}", None), Code::BadJson).await;
    refused(&api, post("{}", Some("text/plain")), Code::BadJson).await;
    let huge = format!("{{\"x\":\"{}\"}}", "a".repeat(3 * 1024 * 1024));
    refused(&api, post(&huge, Some("application/json")), Code::TooLarge).await;
    for header in ["", "Bearer", "Bearer x.y", "Basic abc", "Token abc"] {
        let request = Request::builder()
            .uri("/api/auth/me")
            .header("authorization", header)
            .body(Body::empty())
            .expect("request");
        refused(&api, request, Code::Unauthorized).await;
    }
    refused(&api, empty("GET", "/api/auth/me", None), Code::Unauthorized).await;
}
