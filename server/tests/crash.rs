//! `kill -9` of the server in the middle of a push: after a restart on the
//! same `surrealkv://` directory and a sync, every change the device
//! acknowledged to its user is on the server, once.
#![allow(clippy::disallowed_methods)] // tests make their own ids and times
mod common;

use std::cell::RefCell;
use std::process::{Child, Command, Stdio};
use std::time::Duration;

use bytes::Bytes;
use chrono::{DateTime, Utc};
use http_body_util::{BodyExt, Full};
use hyper_util::client::legacy::Client;
use hyper_util::client::legacy::connect::HttpConnector;
use hyper_util::rt::TokioExecutor;
use serde_json::{Value, json};
use shared::api::CallError;
use shared::sync::{
    Engine, Fields, Lease, MemoryStorage, PullResponse, PushRequest, PushResponse, RecordKind,
    SyncOptions, SyncOutcome, Transport, sync_once,
};
use uuid::Uuid;

use common::{read_url, server_command};

const DRAFTS: usize = 300;

struct Server {
    child: Child,
    base: String,
}

impl Drop for Server {
    fn drop(&mut self) {
        let _ = self.child.kill();
        let _ = self.child.wait();
    }
}

fn start(dir: &std::path::Path) -> Server {
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

type Http = Client<HttpConnector, Full<Bytes>>;

async fn call(
    http: &Http,
    method: &str,
    url: &str,
    token: Option<&str>,
    body: Option<String>,
) -> Result<Value, String> {
    let mut request = http::Request::builder()
        .method(method)
        .uri(url)
        .header("content-type", "application/json");
    if let Some(token) = token {
        request = request.header("authorization", format!("Bearer {token}"));
    }
    let request = request
        .body(Full::new(Bytes::from(body.unwrap_or_default())))
        .map_err(|e| e.to_string())?;
    let response = http.request(request).await.map_err(|e| e.to_string())?;
    let status = response.status();
    let bytes = response
        .into_body()
        .collect()
        .await
        .map_err(|e| e.to_string())?
        .to_bytes();
    if !status.is_success() {
        return Err(format!("{status}: {}", String::from_utf8_lossy(&bytes)));
    }
    serde_json::from_slice(&bytes).map_err(|e| e.to_string())
}

fn now() -> DateTime<Utc> {
    DateTime::from_timestamp(1_756_000_000, 0).expect("time")
}

/// The server over HTTP, as the app's fetch would reach it.
struct Over<'a> {
    http: &'a Http,
    base: &'a str,
    token: &'a str,
}

impl Transport for Over<'_> {
    async fn push(&self, request: &PushRequest) -> Result<PushResponse, CallError> {
        let body =
            serde_json::to_string(request).map_err(|e| CallError::BadAnswer(e.to_string()))?;
        let url = format!("{}/api/sync/push", self.base);
        let answer = call(self.http, "POST", &url, Some(self.token), Some(body))
            .await
            .map_err(|_| CallError::Offline)?;
        serde_json::from_value(answer).map_err(|e| CallError::BadAnswer(e.to_string()))
    }

    async fn pull(&self, since: u64, limit: u32) -> Result<PullResponse, CallError> {
        let url = format!("{}/api/sync/pull?since={since}&limit={limit}", self.base);
        let answer = call(self.http, "GET", &url, Some(self.token), None)
            .await
            .map_err(|_| CallError::Offline)?;
        serde_json::from_value(answer).map_err(|e| CallError::BadAnswer(e.to_string()))
    }
}

/// One sync as the app runs it (`sync_once`), started at once.
async fn sync_now(transport: &Over<'_>, engine: &RefCell<Engine<MemoryStorage>>) -> SyncOutcome {
    let options = SyncOptions::new(Lease::Storage { holder: "tab" }).forced(true);
    sync_once(engine, transport, options, &now, &mut |_| {}).await
}

#[tokio::test(flavor = "multi_thread", worker_threads = 2)]
async fn kill_9_mid_push_loses_nothing_acknowledged() {
    let dir = tempfile::tempdir().expect("tempdir");
    let http: Http = Client::builder(TokioExecutor::new()).build_http();
    let server = start(dir.path());
    let login =
        json!({ "username": "canbo.ubnd", "password": server::demo::DEMO_PASSWORD }).to_string();
    let answer = call(
        &http,
        "POST",
        &format!("{}/api/auth/login", server.base),
        None,
        Some(login),
    )
    .await
    .expect("login");
    let token = answer["token"].as_str().expect("token").to_owned();
    let user: shared::user::User = serde_json::from_value(answer["user"].clone()).expect("user");
    let data = shared::demo::thanh_mien();

    // The officer saves many drafts on the device.
    let mut engine = Engine::open(MemoryStorage::default(), Uuid::now_v7()).expect("engine");
    let mut names = Vec::new();
    for i in 0..DRAFTS {
        let mut model = shared::model::Model::new_draft(
            shared::ids::ModelId::new(),
            data.commune.id,
            user.unit_id.expect("unit"),
            data.campaigns[1].id,
        );
        model.name = format!("Bản nháp số {i} – thôn Đông");
        let Value::Object(fields) = serde_json::to_value(&model).expect("json") else {
            panic!("model is an object")
        };
        let fields: Fields = fields;
        engine
            .edit(RecordKind::Model, model.id.as_uuid(), fields, now())
            .expect("saved");
        names.push(model.name);
    }

    // The app's sync is pushing its first full batch when the server is killed.
    let engine = RefCell::new(engine);
    let first = Over {
        http: &http,
        base: &server.base,
        token: &token,
    };
    let pid = server.child.id().to_string();
    let kill = async {
        tokio::time::sleep(Duration::from_millis(20)).await;
        assert!(
            Command::new("kill")
                .args(["-9", &pid])
                .status()
                .expect("kill")
                .success()
        );
    };
    let (outcome, ()) = tokio::join!(sync_now(&first, &engine), kill);
    assert!(
        matches!(outcome, SyncOutcome::Failed(CallError::Offline)),
        "the kill cut the sync: {outcome:?}"
    );
    assert!(engine.borrow().pending() > 0, "unanswered changes stay");
    drop(server);

    // Restart on the same directory; the session survives; sync.
    let server = start(dir.path());
    let again = Over {
        http: &http,
        base: &server.base,
        token: &token,
    };
    let outcome = sync_now(&again, &engine).await;
    assert!(matches!(outcome, SyncOutcome::Synced { .. }), "{outcome:?}");
    let engine = engine.into_inner();
    assert_eq!(engine.pending(), 0, "everything sent");
    let on_server: Vec<String> = engine
        .views(RecordKind::Model)
        .into_iter()
        .filter_map(|v| {
            v.fields
                .get("name")
                .and_then(Value::as_str)
                .map(str::to_owned)
        })
        .filter(|n| n.starts_with("Bản nháp số "))
        .collect();
    let mut sorted = on_server.clone();
    sorted.sort();
    sorted.dedup();
    assert_eq!(sorted.len(), on_server.len(), "no draft twice");
    for name in &names {
        assert!(on_server.contains(name), "{name} lost");
    }
    // And the server's own view agrees: exactly the drafts, once each.
    let mut cursor = 0;
    let mut count = 0;
    loop {
        let page = call(
            &http,
            "GET",
            &format!("{}/api/sync/pull?since={cursor}", server.base),
            Some(&token),
            None,
        )
        .await
        .expect("pull");
        let page: PullResponse = serde_json::from_value(page).expect("page");
        count += page
            .records
            .iter()
            .filter(|r| {
                r.fields
                    .get("name")
                    .and_then(Value::as_str)
                    .is_some_and(|n| n.starts_with("Bản nháp số "))
            })
            .count();
        cursor = page.cursor;
        if !page.more {
            break;
        }
    }
    assert_eq!(count, DRAFTS);
}
