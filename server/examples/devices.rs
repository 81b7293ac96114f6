//! Many devices pushing at once (run by `cargo xtask bench devices`,
//! results in docs/bench.md): the commune office's meeting where every
//! phone reaches the Wi-Fi together. For 1 (the baseline), 10, 50, 200 and
//! 1,000 devices, each pushes 20 new model drafts at the same moment over
//! HTTP on 127.0.0.1 to the real server (demo commune, `surrealkv://`, a
//! fresh store per level). Prints push latency p50/p99/max, answers by
//! status and ops per second. `DVK_BENCH_DEVICES=10,50` picks levels;
//! `DVK_BENCH_GROUP=1` applies one batch per transaction (no group commit).
#![allow(clippy::disallowed_methods)] // benchmarks make their own ids and times
use std::collections::BTreeMap;
use std::sync::Arc;
use std::time::{Duration, Instant};

use axum::body::Body;
use http_body_util::BodyExt;
use hyper_util::client::legacy::Client;
use hyper_util::rt::TokioExecutor;
use serde_json::{Value, json};
use server::auth::session;
use server::{AppState, Settings, router};
use shared::demo::thanh_mien;
use uuid::Uuid;

/// The server's allocator (server/src/main.rs), so the in-process server
/// measures as the real one.
#[global_allocator]
static ALLOCATOR: tikv_jemallocator::Jemalloc = tikv_jemallocator::Jemalloc;

const OPS_PER_DEVICE: usize = 20;

fn levels() -> Vec<usize> {
    std::env::var("DVK_BENCH_DEVICES")
        .ok()
        .map(|s| s.split(',').filter_map(|n| n.trim().parse().ok()).collect())
        .unwrap_or_else(|| vec![1, 10, 50, 200, 1000])
}

/// One device's push: 20 new drafts of its officer's unit.
fn push_body(unit: shared::ids::UnitId, device: Uuid, n: usize) -> String {
    let data = thanh_mien();
    let ops: Vec<Value> = (0..OPS_PER_DEVICE)
        .map(|k| {
            let mut model = shared::model::Model::new_draft(
                shared::ids::ModelId::new(),
                data.commune.id,
                unit,
                data.campaigns[1].id,
            );
            model.name = format!("Thiết bị {n}, mô hình {k}");
            json!({
                "op_id": Uuid::now_v7(), "device_id": device, "kind": "model",
                "record_id": model.id, "base_version": 0, "clock": k + 1,
                "changes": serde_json::to_value(&model).expect("json"),
            })
        })
        .collect();
    json!({ "device_id": device, "ops": ops }).to_string()
}

struct Level {
    devices: usize,
    latencies: Vec<Duration>,
    statuses: BTreeMap<u16, usize>,
    wall: Duration,
    /// CPU time of the whole process (server and clients) over `wall`.
    cpu: Option<f64>,
}

/// This process's CPU seconds so far (Linux; None elsewhere): a measure
/// that a busy machine disturbs far less than wall time.
fn cpu_seconds() -> Option<f64> {
    let stat = std::fs::read_to_string("/proc/self/stat").ok()?;
    let after_name: Vec<&str> = stat.rsplit(')').next()?.split_whitespace().collect();
    let user: f64 = after_name.get(11)?.parse().ok()?;
    let system: f64 = after_name.get(12)?.parse().ok()?;
    Some((user + system) / 100.0)
}

async fn level(devices: usize) -> Level {
    let dir = tempfile::tempdir().expect("tempdir");
    let settings = Settings {
        store: format!("surrealkv://{}", dir.path().join("data").display()),
        dist: "/nonexistent-dist".into(),
        demo: true,
        // The fixed demo the load knows, whatever day it runs.
        demo_day: chrono::NaiveDate::from_ymd_opt(shared::demo::STORY_YEAR, 12, 1),
        ..Settings::default()
    };
    let state = AppState::open(settings).await.expect("open");
    if let Some(limit) = std::env::var("DVK_BENCH_GROUP")
        .ok()
        .and_then(|s| s.parse().ok())
    {
        state.store.limit_write_groups(limit);
    }
    let data = thanh_mien();
    let mut officers = Vec::new();
    for user in data.users.iter().filter(|u| u.unit_id.is_some()) {
        let token = session::open(&state.store, user, &Default::default(), state.now())
            .await
            .expect("session");
        officers.push((token.token, user.unit_id.expect("unit")));
    }
    let listener = tokio::net::TcpListener::bind("127.0.0.1:0")
        .await
        .expect("bind");
    let addr = listener.local_addr().expect("addr");
    let app = router(state);
    let server = tokio::spawn(async move {
        axum::serve(
            listener,
            app.into_make_service_with_connect_info::<std::net::SocketAddr>(),
        )
        .await
        .expect("serve");
    });
    let client: Client<_, Body> = Client::builder(TokioExecutor::new())
        .pool_max_idle_per_host(devices)
        .build_http();
    let start = Arc::new(tokio::sync::Barrier::new(devices + 1));
    let mut tasks = tokio::task::JoinSet::new();
    for n in 0..devices {
        let (token, unit) = officers[n % officers.len()].clone();
        let body = push_body(unit, Uuid::now_v7(), n);
        let (client, start) = (client.clone(), start.clone());
        tasks.spawn(async move {
            let request = axum::http::Request::post(format!("http://{addr}/api/sync/push"))
                .header("authorization", format!("Bearer {token}"))
                .header("content-type", "application/json")
                .body(Body::from(body))
                .expect("request");
            start.wait().await;
            let sent = Instant::now();
            let status = match client.request(request).await {
                Ok(response) => {
                    let status = response.status().as_u16();
                    let _ = response.into_body().collect().await;
                    status
                }
                Err(_) => 0, // no answer at all
            };
            (status, sent.elapsed())
        });
    }
    start.wait().await;
    let began = Instant::now();
    let cpu_before = cpu_seconds();
    let answers = tasks.join_all().await;
    let wall = began.elapsed();
    let cpu = cpu_seconds()
        .zip(cpu_before)
        .map(|(after, before)| after - before);
    server.abort();
    let mut statuses = BTreeMap::new();
    for (status, _) in &answers {
        *statuses.entry(*status).or_insert(0) += 1;
    }
    let mut latencies: Vec<Duration> = answers.into_iter().map(|(_, l)| l).collect();
    latencies.sort();
    Level {
        devices,
        latencies,
        statuses,
        wall,
        cpu,
    }
}

fn percentile(sorted: &[Duration], p: f64) -> Duration {
    let rank = ((sorted.len() as f64 * p).ceil() as usize).clamp(1, sorted.len());
    sorted[rank - 1]
}

#[tokio::main]
async fn main() {
    println!("| devices | push p50 | push p99 | max | answers | ops/s | CPU ms per 100 ops |");
    println!("|---|---|---|---|---|---|---|");
    for devices in levels() {
        let r = level(devices).await;
        let ops = (r.devices * OPS_PER_DEVICE) as f64;
        let answers: Vec<String> = r
            .statuses
            .iter()
            .map(|(s, n)| format!("{n}× {s}"))
            .collect();
        println!(
            "| {} | {} ms | {} ms | {} ms | {} | {:.0} | {} |",
            r.devices,
            percentile(&r.latencies, 0.50).as_millis(),
            percentile(&r.latencies, 0.99).as_millis(),
            r.latencies.last().map_or(0, Duration::as_millis),
            answers.join(", "),
            ops / r.wall.as_secs_f64(),
            r.cpu.map_or_else(
                || "?".into(),
                |c| format!("{:.0}", c * 1000.0 * 100.0 / ops)
            ),
        );
    }
}
