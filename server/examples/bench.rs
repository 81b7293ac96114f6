//! Sync throughput on `surrealkv://` (run by `cargo xtask bench`, results
//! in docs/bench.md). In one run, on one fresh store each:
//! 1. the floor: SurrealDB itself doing batched inserts with a sequence bump;
//! 2. sync apply: 10,000 ops pushed through the real router in batches;
//! 3. pull: a fresh device pulling every record in pages of 1,000.
#![allow(clippy::disallowed_methods)] // tests make their own ids and times
use std::time::Instant;

use axum::body::Body;
use http_body_util::BodyExt;
use serde_json::{Value, json};
use server::auth::session;
use server::store::records::Scope;
use server::store::users::StoredUser;
use server::{AppState, Settings, router};
use shared::sync::{RecordKind, RecordState, to_fields};
use tower::ServiceExt;
use uuid::Uuid;

/// Ops pushed (`DVK_BENCH_OPS`, default 10,000).
fn ops_count() -> usize {
    std::env::var("DVK_BENCH_OPS")
        .ok()
        .and_then(|s| s.parse().ok())
        .unwrap_or(10_000)
}

const BATCH: usize = 200;
const RAW_BATCH: usize = 500;

fn settings(dir: &std::path::Path) -> Settings {
    Settings {
        store: format!("surrealkv://{}", dir.display()),
        dist: "/nonexistent-dist".into(),
        ..Settings::default()
    }
}

async fn raw_floor() -> f64 {
    let ops = ops_count();
    let dir = tempfile::tempdir().expect("tempdir");
    let state = AppState::open(settings(dir.path())).await.expect("open");
    let started = Instant::now();
    for chunk in 0..ops / RAW_BATCH {
        let rows: Vec<Value> = (0..RAW_BATCH)
            .map(|i| json!({ "id": Uuid::now_v7().to_string(), "n": chunk * RAW_BATCH + i }))
            .collect();
        state
            .store
            .floor_bare_batch(&rows)
            .await
            .expect("raw batch");
    }
    (ops / RAW_BATCH * RAW_BATCH) as f64 / started.elapsed().as_secs_f64()
}

/// The floor again with the same bytes a sync write stores per op: a record
/// row (fields and field metadata as text), an op result and a history line,
/// in batches of the push size.
async fn same_size_floor() -> f64 {
    let ops = ops_count();
    let dir = tempfile::tempdir().expect("tempdir");
    let state = AppState::open(settings(dir.path())).await.expect("open");
    let data = shared::demo::thanh_mien();
    let model = to_fields(&data.models[0]).expect("fields");
    let text = serde_json::to_string(&model).expect("text");
    let meta: serde_json::Map<String, Value> = model
        .keys()
        .map(|k| {
            (
                k.clone(),
                json!({ "seq": 1, "device": Uuid::nil(), "clock": 1 }),
            )
        })
        .collect();
    let meta = serde_json::to_string(&meta).expect("meta");
    let started = Instant::now();
    for chunk in 0..ops / BATCH {
        let rows: Vec<Value> = (0..BATCH)
            .map(|i| json!({ "id": Uuid::now_v7().to_string(), "op": Uuid::now_v7().to_string(), "seq": chunk * BATCH + i + 1 }))
            .collect();
        state
            .store
            .floor_same_size_batch(&rows, &text, &meta)
            .await
            .expect("same-size batch");
    }
    (ops / BATCH * BATCH) as f64 / started.elapsed().as_secs_f64()
}

async fn call(app: &axum::Router, method: &str, uri: &str, token: &str, body: String) -> Value {
    let request = axum::http::Request::builder()
        .method(method)
        .uri(uri)
        .header("authorization", format!("Bearer {token}"))
        .header("content-type", "application/json")
        .body(Body::from(body))
        .expect("request");
    let response = app.clone().oneshot(request).await.expect("response");
    assert!(
        response.status().is_success(),
        "{uri}: {}",
        response.status()
    );
    let bytes = response
        .into_body()
        .collect()
        .await
        .expect("body")
        .to_bytes();
    serde_json::from_slice(&bytes).expect("json")
}

#[tokio::main]
async fn main() {
    let ops_n = ops_count();
    let floor = raw_floor().await;
    let same_size = same_size_floor().await;

    let dir = tempfile::tempdir().expect("tempdir");
    let state = AppState::open(settings(dir.path())).await.expect("open");
    let data = shared::demo::thanh_mien();
    let commune = data.commune.id.as_uuid();
    let scope = Scope {
        commune,
        unit: None,
    };
    let seed: Vec<(RecordState, Scope)> = [
        (
            RecordKind::Commune,
            commune,
            to_fields(&data.commune).expect("fields"),
        ),
        (
            RecordKind::Campaign,
            data.campaigns[1].id.as_uuid(),
            to_fields(&data.campaigns[1]).expect("fields"),
        ),
    ]
    .into_iter()
    .map(|(kind, id, value)| (RecordState::new(kind, id, value), scope))
    .collect();
    state.store.write_system(seed).await.expect("seed");
    let officer = data
        .users
        .iter()
        .find(|u| u.role == shared::user::Role::UnitOfficer)
        .expect("officer")
        .clone();
    state
        .store
        .put_user(&StoredUser {
            user: officer.clone(),
            password_hash: String::new(),
        })
        .await
        .expect("user");
    let token = session::open(
        &state.store,
        &officer,
        &session::Device::default(),
        state.now(),
    )
    .await
    .expect("session")
    .token;
    let store = state.store.clone();
    let app = router(state);

    let device = Uuid::now_v7();
    let ops: Vec<Value> = (0..ops_n)
        .map(|i| {
            let mut model = shared::model::Model::new_draft(
                shared::ids::ModelId::new(),
                data.commune.id,
                officer.unit_id.expect("unit"),
                data.campaigns[1].id,
            );
            model.name = format!("Mô hình thử tải số {i}");
            json!({
                "op_id": Uuid::now_v7(), "device_id": device, "kind": "model",
                "record_id": model.id, "base_version": 0, "clock": i + 1,
                "changes": serde_json::to_value(&model).expect("json"),
            })
        })
        .collect();
    let started = Instant::now();
    for batch in ops.chunks(BATCH) {
        let body = json!({ "device_id": device, "ops": batch }).to_string();
        let answer = call(&app, "POST", "/api/sync/push", &token, body).await;
        assert!(
            answer["results"]
                .as_array()
                .is_some_and(|r| r.len() == batch.len())
        );
    }
    let push_rate = ops_n as f64 / started.elapsed().as_secs_f64();

    let started = Instant::now();
    let (mut cursor, mut pulled) = (0u64, 0usize);
    loop {
        let page = call(
            &app,
            "GET",
            &format!("/api/sync/pull?since={cursor}&limit=1000"),
            &token,
            String::new(),
        )
        .await;
        pulled += page["records"].as_array().map_or(0, Vec::len);
        cursor = page["cursor"].as_u64().expect("cursor");
        if !page["more"].as_bool().unwrap_or(false) {
            break;
        }
    }
    let pull_rate = pulled as f64 / started.elapsed().as_secs_f64();
    assert!(pulled >= ops_n);

    // The same pull, the store alone (no HTTP, no JSON out), to show where time goes.
    let started = Instant::now();
    let (mut cursor, mut read) = (0u64, 0usize);
    loop {
        let (records, _) = store
            .pull(
                &[commune],
                officer.unit_id.map(|u| u.as_uuid()),
                cursor,
                1000,
            )
            .await
            .expect("store pull");
        let Some(last) = records.last() else { break };
        cursor = last.version;
        read += records.len();
    }
    let store_pull_rate = read as f64 / started.elapsed().as_secs_f64();

    println!("| measure | per second |");
    println!("|---|---|");
    println!("| SurrealDB floor: batched inserts ({RAW_BATCH}/tx) + sequence bump | {floor:.0} |");
    println!(
        "| sync apply: {ops_n} ops pushed in batches of {BATCH} (router, JSON, rules, merge, audit) | {push_rate:.0} |"
    );
    println!(
        "| SurrealDB, same bytes per op as a sync write (3 rows), batches of {BATCH} | {same_size:.0} |"
    );
    println!("| pull: fresh device, pages of 1,000 | {pull_rate:.0} |");
    println!("| pull, store query alone (no HTTP, no JSON out) | {store_pull_rate:.0} |");
    println!(
        "apply / floor = {:.0}%; apply / same-size floor = {:.0}%",
        100.0 * push_rate / floor,
        100.0 * push_rate / same_size
    );
}
