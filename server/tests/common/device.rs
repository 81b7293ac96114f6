//! A device talking to a running server over HTTP, as the app's fetch
//! would: the shared engine and driver over a real connection.
#![allow(dead_code)] // each test binary uses its own part

use std::cell::RefCell;
use std::process::{Child, Stdio};

use bytes::Bytes;
use chrono::{DateTime, Utc};
use http_body_util::{BodyExt, Full};
use hyper_util::client::legacy::Client;
use hyper_util::client::legacy::connect::HttpConnector;
use hyper_util::rt::TokioExecutor;
use serde_json::{Value, json};
use shared::api::{ApiError, CallError};
use shared::sync::{
    Engine, Lease, MemoryStorage, PullResponse, PushRequest, PushResponse, SyncOptions,
    SyncOutcome, Transport, sync_once,
};

use super::{read_url, server_command};

/// A server process, killed when dropped.
pub struct Server {
    pub child: Child,
    pub base: String,
}

impl Drop for Server {
    fn drop(&mut self) {
        let _ = self.child.kill();
        let _ = self.child.wait();
    }
}

/// The demo server on the `surrealkv://` folder `dir`.
pub fn start(dir: &std::path::Path) -> Server {
    let mut child = server_command()
        .env("DVK_STORE", format!("surrealkv://{}", dir.display()))
        .env("DVK_LISTEN", "127.0.0.1:0")
        .env("DVK_DEMO", "true")
        .stdout(Stdio::piped())
        .stderr(Stdio::null())
        .spawn()
        .expect("spawn server");
    let base = read_url(&mut child);
    assert!(base.starts_with("http://127.0.0.1:"), "{base}");
    Server { child, base }
}

/// How long a call waits for its answer (the app's fetch waits 90 s).
pub const CALL_TIMEOUT: std::time::Duration = std::time::Duration::from_secs(90);

pub type Http = Client<HttpConnector, Full<Bytes>>;

pub fn http() -> Http {
    Client::builder(TokioExecutor::new()).build_http()
}

/// Why a call failed: no answer, or an answer that was an error.
#[derive(Debug)]
pub enum Failed {
    NoAnswer(String),
    Status(u16, String),
}

pub async fn call(
    http: &Http,
    method: &str,
    url: &str,
    token: Option<&str>,
    body: Option<String>,
) -> Result<Value, Failed> {
    let mut request = http::Request::builder()
        .method(method)
        .uri(url)
        .header("content-type", "application/json");
    if let Some(token) = token {
        request = request.header("authorization", format!("Bearer {token}"));
    }
    let request = request
        .body(Full::new(Bytes::from(body.unwrap_or_default())))
        .map_err(|e| Failed::NoAnswer(e.to_string()))?;
    let answer = async {
        let response = http
            .request(request)
            .await
            .map_err(|e| Failed::NoAnswer(e.to_string()))?;
        let status = response.status();
        let bytes = response
            .into_body()
            .collect()
            .await
            .map_err(|e| Failed::NoAnswer(e.to_string()))?
            .to_bytes();
        Ok((status, bytes))
    };
    // As the app's fetch: a request with no answer is cut, not awaited forever.
    let (status, bytes) = tokio::time::timeout(CALL_TIMEOUT, answer)
        .await
        .map_err(|_| {
            Failed::NoAnswer(format!("no answer to {method} {url} in {CALL_TIMEOUT:?}"))
        })??;
    if !status.is_success() {
        return Err(Failed::Status(
            status.as_u16(),
            String::from_utf8_lossy(&bytes).into_owned(),
        ));
    }
    serde_json::from_slice(&bytes).map_err(|e| Failed::NoAnswer(e.to_string()))
}

/// Signs `username` in with the demo password: (token, user).
pub async fn login(http: &Http, base: &str, username: &str) -> (String, shared::user::User) {
    let login =
        json!({ "username": username, "password": server::demo::DEMO_PASSWORD }).to_string();
    let answer = call(
        http,
        "POST",
        &format!("{base}/api/auth/login"),
        None,
        Some(login),
    )
    .await
    .expect("login");
    let token = answer["token"].as_str().expect("token").to_owned();
    let user = serde_json::from_value(answer["user"].clone()).expect("user");
    (token, user)
}

pub fn now() -> DateTime<Utc> {
    DateTime::from_timestamp(1_756_000_000, 0).expect("time")
}

/// The server over HTTP, as the app's fetch would reach it.
pub struct Over<'a> {
    pub http: &'a Http,
    pub base: &'a str,
    pub token: &'a str,
}

fn call_error(failed: Failed) -> CallError {
    match failed {
        Failed::NoAnswer(_) => CallError::Offline,
        Failed::Status(status, body) => {
            CallError::from_answer(status, None, serde_json::from_str::<ApiError>(&body).ok())
        }
    }
}

impl Transport for Over<'_> {
    async fn push(&self, request: &PushRequest) -> Result<PushResponse, CallError> {
        let body =
            serde_json::to_string(request).map_err(|e| CallError::BadAnswer(e.to_string()))?;
        let url = format!("{}/api/sync/push", self.base);
        let answer = call(self.http, "POST", &url, Some(self.token), Some(body))
            .await
            .map_err(call_error)?;
        serde_json::from_value(answer).map_err(|e| CallError::BadAnswer(e.to_string()))
    }

    async fn pull(&self, since: u64, limit: u32) -> Result<PullResponse, CallError> {
        let url = format!("{}/api/sync/pull?since={since}&limit={limit}", self.base);
        let answer = call(self.http, "GET", &url, Some(self.token), None)
            .await
            .map_err(call_error)?;
        serde_json::from_value(answer).map_err(|e| CallError::BadAnswer(e.to_string()))
    }
}

/// One sync as the app runs it (`sync_once`), started at once.
pub async fn sync_now(
    transport: &Over<'_>,
    engine: &RefCell<Engine<MemoryStorage>>,
) -> SyncOutcome {
    let options = SyncOptions::new(Lease::Storage { holder: "tab" }).forced(true);
    sync_once(engine, transport, options, &now, &mut |_| {}).await
}

/// Every record the signed-in person may see, pulled page by page: the
/// last page (for its epoch and head) and the records.
pub async fn pull_all(
    http: &Http,
    base: &str,
    token: &str,
) -> (PullResponse, Vec<shared::sync::RecordState>) {
    let mut cursor = 0;
    let mut records = Vec::new();
    loop {
        let page = call(
            http,
            "GET",
            &format!("{base}/api/sync/pull?since={cursor}"),
            Some(token),
            None,
        )
        .await
        .expect("pull");
        let mut page: PullResponse = serde_json::from_value(page).expect("page");
        records.append(&mut page.records);
        cursor = page.cursor;
        if !page.more {
            return (page, records);
        }
    }
}
