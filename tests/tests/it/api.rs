//! The HTTP surface, called in-process with `oneshot` over a `mem://` store.
use std::path::Path;

use axum::Router;
use axum::body::Body;
use axum::http::{Request, StatusCode, header};
use server::{AppState, router};
use tower::ServiceExt;

use crate::common::{body_json, body_text, settings};

/// A tiny stand-in for `dist/`: these tests are about headers and routing,
/// not about the real build (the browser test uses that).
fn fake_dist() -> tempfile::TempDir {
    let dir = tempfile::tempdir().expect("tempdir");
    let write = |path: &str, text: &str| {
        let path = dir.path().join(path);
        std::fs::create_dir_all(path.parent().expect("parent")).expect("mkdir");
        std::fs::write(path, text).expect("write");
    };
    write(
        "index.html",
        "<!doctype html><title>DVK – Dân vận khéo</title>",
    );
    write("sw.js", "// worker");
    write("assets/app-0123456789ab.js", "console.log('app')");
    write("assets/app-0123456789ab.js.br", "brotli bytes");
    dir
}

async fn app(dist: &Path) -> Router {
    let state = AppState::open(settings("mem://", dist))
        .await
        .expect("open");
    router(state)
}

async fn get(app: &Router, uri: &str, headers: &[(&str, &str)]) -> axum::response::Response {
    let mut request = Request::get(uri);
    for (name, value) in headers {
        request = request.header(*name, *value);
    }
    app.clone()
        .oneshot(request.body(Body::empty()).expect("request"))
        .await
        .expect("response")
}

#[tokio::test]
async fn health_reports_the_store() {
    let dist = fake_dist();
    let app = app(dist.path()).await;
    let response = get(&app, "/api/health", &[]).await;
    assert_eq!(response.status(), StatusCode::OK);
    let body = body_json(response.into_body()).await;
    assert_eq!(body["status"], "ok");
    assert_eq!(body["store"], "mem");
    assert_eq!(body["version"], env!("CARGO_PKG_VERSION"));
}

#[tokio::test]
async fn unknown_api_path_is_a_json_404() {
    let dist = fake_dist();
    let app = app(dist.path()).await;
    let response = get(&app, "/api/no-such-thing", &[]).await;
    assert_eq!(response.status(), StatusCode::NOT_FOUND);
    let body = body_json(response.into_body()).await;
    assert_eq!(body["code"], "not_found");
    assert!(
        body["message"]
            .as_str()
            .is_some_and(|m| m.contains("Không tìm thấy"))
    );
}

#[tokio::test]
async fn hashed_assets_are_immutable_and_the_shell_is_revalidated() {
    let dist = fake_dist();
    let app = app(dist.path()).await;

    let asset = get(&app, "/assets/app-0123456789ab.js", &[]).await;
    assert_eq!(asset.status(), StatusCode::OK);
    assert_eq!(
        asset.headers()[header::CACHE_CONTROL],
        "public, max-age=31536000, immutable"
    );

    let index = get(&app, "/", &[]).await;
    assert_eq!(index.status(), StatusCode::OK);
    assert_eq!(index.headers()[header::CACHE_CONTROL], "no-cache");
    assert!(body_text(index.into_body()).await.contains("Dân vận khéo"));

    let worker = get(&app, "/sw.js", &[]).await;
    assert_eq!(worker.headers()[header::CACHE_CONTROL], "no-cache");
}

#[tokio::test]
async fn missing_asset_is_404_and_not_cached_forever() {
    let dist = fake_dist();
    let app = app(dist.path()).await;
    let response = get(&app, "/assets/app-ffffffffffff.js", &[]).await;
    assert_eq!(response.status(), StatusCode::NOT_FOUND);
    assert_eq!(response.headers()[header::CACHE_CONTROL], "no-cache");
}

#[tokio::test]
async fn app_routes_fall_back_to_the_shell() {
    let dist = fake_dist();
    let app = app(dist.path()).await;
    let response = get(&app, "/mo-hinh/0190f0a0-0000-7000-8000-000000000001", &[]).await;
    assert_eq!(response.status(), StatusCode::OK);
    assert!(body_text(response.into_body()).await.contains("<title>DVK"));
}

#[tokio::test]
async fn precompressed_brotli_is_sent_when_accepted() {
    let dist = fake_dist();
    let app = app(dist.path()).await;
    let response = get(
        &app,
        "/assets/app-0123456789ab.js",
        &[("accept-encoding", "gzip, br")],
    )
    .await;
    assert_eq!(response.status(), StatusCode::OK);
    assert_eq!(response.headers()[header::CONTENT_ENCODING], "br");
    assert_eq!(body_text(response.into_body()).await, "brotli bytes");
}

#[tokio::test]
async fn api_json_is_compressed_when_accepted() {
    let dist = fake_dist();
    let app = app(dist.path()).await;
    let response = get(&app, "/api/health", &[("accept-encoding", "gzip")]).await;
    assert_eq!(response.status(), StatusCode::OK);
    assert_eq!(response.headers()[header::CONTENT_ENCODING], "gzip");
}
