//! The security headers on every answer (app, API, errors), the policy's
//! content, and Strict-Transport-Security only over HTTPS. The real HTTPS
//! server is checked with curl in `server/tests/cli.rs`.
use std::collections::BTreeMap;

use server::{AppState, router};

use super::{Call, header};
use crate::common::{Api, built_dist, settings};

/// The policy as directive → sources.
fn directives(policy: &str) -> BTreeMap<String, Vec<String>> {
    policy
        .split(';')
        .filter_map(|part| {
            let mut words = part.split_whitespace();
            let name = words.next()?.to_owned();
            Some((name, words.map(str::to_owned).collect()))
        })
        .collect()
}

async fn api_with(https: bool) -> Api {
    let mut settings = settings("mem://", &built_dist());
    if https {
        // The router only needs to know; the certificate is read by `serve`.
        settings.tls_cert = Some("cert.pem".into());
        settings.tls_key = Some("key.pem".into());
    }
    let state = AppState::open(settings).await.expect("open");
    Api::from_state(router(state.clone()), state)
}

const PATHS: [(&str, &str); 6] = [
    ("GET", "/"),
    ("GET", "/sw.js"),
    ("GET", "/assets/nothing-here.js"),
    ("GET", "/api/health"),
    ("GET", "/api/no/such/path"),
    ("GET", "/api/sync/pull"),
];

#[tokio::test]
async fn every_answer_carries_the_security_headers() {
    let api = api_with(false).await;
    let mut calls: Vec<Call> = PATHS.iter().map(|(m, p)| Call::new(m, *p)).collect();
    calls.push(
        Call::new("POST", "/api/auth/login")
            .json(serde_json::json!({"username": "x", "password": "y"})),
    );
    for call in calls {
        let what = format!("{} {}", call.method, call.uri);
        let response = call.send(&api).await;
        let policy = header(&response, "content-security-policy")
            .unwrap_or_else(|| panic!("{what}: no Content-Security-Policy"));
        let policy = directives(&policy);
        let sources = |name: &str| policy.get(name).cloned().unwrap_or_default();
        assert_eq!(sources("default-src"), ["'none'"], "{what}");
        assert_eq!(
            sources("script-src"),
            ["'self'", "'wasm-unsafe-eval'"],
            "{what}"
        );
        assert_eq!(sources("style-src"), ["'self'"], "{what}");
        assert_eq!(sources("img-src"), ["'self'", "blob:"], "{what}");
        assert_eq!(sources("connect-src"), ["'self'"], "{what}");
        assert_eq!(sources("worker-src"), ["'self'"], "{what}");
        assert_eq!(sources("frame-ancestors"), ["'none'"], "{what}");
        assert_eq!(sources("base-uri"), ["'none'"], "{what}");
        assert_eq!(sources("object-src"), ["'none'"], "{what}");
        assert_eq!(sources("report-uri"), ["/api/csp-report"], "{what}");
        assert!(
            policy
                .values()
                .flatten()
                .all(|s| s != "'unsafe-inline'" && s != "'unsafe-eval'" && s != "*"),
            "{what}: {policy:?}"
        );
        assert_eq!(
            header(&response, "x-content-type-options").as_deref(),
            Some("nosniff"),
            "{what}"
        );
        assert_eq!(
            header(&response, "referrer-policy").as_deref(),
            Some("no-referrer"),
            "{what}"
        );
        assert_eq!(
            header(&response, "x-frame-options").as_deref(),
            Some("DENY"),
            "{what}"
        );
        let permissions = header(&response, "permissions-policy").unwrap_or_default();
        assert!(
            permissions.contains("camera=(self)"),
            "{what}: {permissions}"
        );
        assert!(
            permissions.contains("microphone=()"),
            "{what}: {permissions}"
        );
        assert_eq!(
            header(&response, "strict-transport-security"),
            None,
            "{what}: not over http"
        );
    }
}

#[tokio::test]
async fn over_https_every_answer_also_demands_https() {
    let api = api_with(true).await;
    for (method, path) in PATHS {
        let response = Call::new(method, path).send(&api).await;
        let hsts = header(&response, "strict-transport-security")
            .unwrap_or_else(|| panic!("{method} {path}: no Strict-Transport-Security"));
        assert!(hsts.starts_with("max-age=31536000"), "{hsts}");
        assert!(header(&response, "content-security-policy").is_some());
    }
}

/// The page boots from a file: no inline script for the policy to allow.
#[test]
fn the_built_page_has_no_inline_script() {
    let index = std::fs::read_to_string(built_dist().join("index.html")).expect("index.html");
    let scripts: Vec<&str> = index.split("<script").skip(1).collect();
    assert!(!scripts.is_empty(), "{index}");
    for script in scripts {
        let tag = script.split('>').next().unwrap_or_default();
        assert!(
            tag.contains("src=\"/assets/boot-"),
            "inline or unknown script: <script{tag}>"
        );
        let body = script
            .split_once('>')
            .map(|(_, rest)| rest)
            .unwrap_or_default();
        assert!(
            body.trim_start().starts_with("</script"),
            "a script with a src has no body"
        );
    }
    for rest in index.split(" on").skip(1) {
        let name: String = rest.chars().take_while(char::is_ascii_lowercase).collect();
        assert!(
            name.is_empty() || !rest[name.len()..].starts_with('='),
            "no inline event handler (on{name}=)"
        );
    }
}
