//! DVK and PouchDB side by side (run by `cargo xtask bench peers`, results
//! in docs/bench.md). The same N documents (a demo model's fields, about
//! 1.8 KB of JSON each) in one run, on 127.0.0.1, in the same order every round:
//! 1. PouchDB (tools/peers/pouch.js): replicate from a local PouchDB to a
//!    pouchdb-server database in memory (push), then into a fresh local
//!    PouchDB (pull), PouchDB's defaults;
//! 2. DVK's release server as its own process, on `surrealkv://` (fsync on)
//!    and on `mem://`, a fresh store each round: an officer's device pushes
//!    the N model drafts in batches of 200 over `POST /api/sync/push`, then
//!    a fresh device of the same officer pulls everything over
//!    `GET /api/sync/pull` (pages of up to 1,000 records / 256 KiB).
//!
//! Prints each round and the medians with DVK ÷ PouchDB ratios, and writes
//! them to `target/bench/peers.json`. Settings: `DVK_BENCH_DOCS` (10000),
//! `DVK_BENCH_ROUNDS` (3). `DVK_BENCH_GROWTH=10000,100000,200000` measures
//! instead the push of `DVK_BENCH_DOCS` more drafts into a store already
//! holding that many, and the server's resident size after a reviewer's
//! full pull and the city summary; with `DVK_BENCH_SURREAL=<surreal binary>`
//! the server runs on a SurrealDB server over `ws://` instead of embedded,
//! its caches bounded (`DVK_BENCH_SURREAL_CACHE_MB`, 64), and both
//! processes' resident sizes are shown; `DVK_BENCH_LIMIT_MB=<n>` runs the
//! server as in a container of that much memory (see `limited`);
//! `DVK_BENCH_PROFILE=1` samples the `surrealkv://` server's push and pull
//! of the first round with Linux perf and prints where their CPU went
//! (`common::profile`). xtask sets `DVK_PEERS_SERVER` (the release server
//! binary) and `DVK_PEERS_DIR` (tools/peers with its node_modules).
#![allow(clippy::disallowed_methods)] // benchmarks make their own ids and times
mod common;

use std::path::{Path, PathBuf};
use std::process::{Command, Stdio};
use std::time::{Duration, Instant};

use axum::body::Body;
use common::profile::{Charged, Profile};
use common::{
    Dvk, Http, Running, SurrealServer, env_number, env_path, free_port, request, resident_mb,
    sign_in,
};
use hyper_util::client::legacy::Client;
use hyper_util::rt::TokioExecutor;
use serde_json::{Value, json};
use shared::demo::thanh_mien;
use shared::model::Model;
use shared::status::ModelStatus;
use uuid::Uuid;

/// N new drafts of one officer's unit, each a copy of a demo model of that
/// unit (all nine items filled) under a new id: what an officer registers.
fn drafts(n: usize) -> (String, Vec<Model>) {
    let data = thanh_mien();
    let officer = data
        .users
        .iter()
        .find(|u| {
            u.unit_id.is_some_and(|unit| {
                data.models
                    .iter()
                    .any(|m| m.unit_id == unit && m.campaign_id == data.campaigns[1].id)
            })
        })
        .expect("a demo officer with a model");
    let unit = officer.unit_id.expect("unit");
    // The demo model of the median JSON size (about 1.8 KB), so the
    // documents are neither the demo's smallest nor its largest.
    let mut by_size: Vec<&Model> = data
        .models
        .iter()
        .filter(|m| m.campaign_id == data.campaigns[1].id)
        .collect();
    by_size.sort_by_key(|m| serde_json::to_string(m).map_or(0, |s| s.len()));
    let template = *by_size.get(by_size.len() / 2).expect("template");
    let models = (0..n)
        .map(|k| {
            let mut model = template.clone();
            model.id = shared::ids::ModelId::new();
            model.unit_id = unit;
            model.name = format!("{} ({k})", template.name);
            model.status = ModelStatus::Nhap;
            model.continued_from = None;
            model.kind = Default::default();
            model.return_comment.clear();
            model.stop_reason.clear();
            model.submitted_on = None;
            model.registered_on = None;
            model.reported_on = None;
            model.replicated = false;
            model
        })
        .collect();
    (officer.username.clone(), models)
}

struct DvkRound {
    /// Where the server's CPU went in each phase, when profiled.
    profile: Vec<(&'static str, Charged)>,
    push: Duration,
    pull: Duration,
    pulled: usize,
    resident_mb: Option<f64>,
}

/// One round against a fresh release server on `store` ("surrealkv" or "mem").
/// `profile`: a folder to sample the server's push and pull into.
async fn dvk_round(
    binary: &Path,
    store: &str,
    username: &str,
    models: &[Model],
    profile: Option<&Path>,
) -> DvkRound {
    let dvk = Dvk::start(binary, store).await;
    let sample = |phase: &str| profile.and_then(|d| Profile::start(dvk.pid, &d.join(phase)));
    let mut profiles = Vec::new();
    let sampling = sample("push.perf");
    let push = dvk.push(username, models).await;
    if let Some(p) = sampling {
        profiles.push(("push", p.stop()));
    }
    let sampling = sample("pull.perf");
    let (pull, pulled) = dvk.pull(username).await;
    if let Some(p) = sampling {
        profiles.push(("pull", p.stop()));
    }
    assert!(pulled >= models.len(), "pulled {pulled} < {}", models.len());
    DvkRound {
        profile: profiles,
        push,
        pull,
        pulled,
        resident_mb: dvk.resident_mb(),
    }
}

/// Push cost against the store's size: for each level a fresh
/// `surrealkv://` store is filled with that many drafts (not timed), then
/// `timed` more are pushed and timed; then the resident size after a
/// reviewer's full pull and the city summary.
async fn growth(binary: &Path, username: &str, levels: &[usize], timed: usize) {
    let surreal = std::env::var_os("DVK_BENCH_SURREAL").map(PathBuf::from);
    println!(
        "\n| stored | push of {timed} more, ops/s | resident after filling | reviewer's full pull | resident after it | resident after the city summary | 15 s later |"
    );
    println!("|---|---|---|---|---|---|---|");
    for &stored in levels {
        // With a SurrealDB server, each size is measured on a fresh one and
        // both processes' resident sizes are shown (app server + SurrealDB).
        let server = match &surreal {
            Some(path) => Some(SurrealServer::start(path).await),
            None => None,
        };
        let store = server.as_ref().map_or("surrealkv", |s| s.url.as_str());
        let dvk = Dvk::start(binary, store).await;
        let resident = || {
            let app = dvk.resident_mb();
            let db = server.as_ref().and_then(|s| resident_mb(s.pid));
            (app, db)
        };
        let mut filled = 0;
        while filled < stored {
            let n = (stored - filled).min(20_000);
            let (_, models) = drafts(n);
            dvk.push(username, &models).await;
            filled += n;
        }
        let filled_rss = resident();
        let (_, models) = drafts(timed);
        let push = dvk.push(username, &models).await;
        let (pull, pulled) = dvk.pull("bxdd.lan").await;
        let pulled_rss = resident();
        let token = sign_in(&dvk.http, &dvk.base, "thanhuy.hp", Uuid::now_v7()).await;
        let (status, _) = request(
            &dvk.http,
            "GET",
            &format!("{}/api/city/summary", dvk.base),
            Some(&token),
            None,
        )
        .await;
        assert_eq!(status, 200, "city summary");
        let summary_rss = resident();
        // What stays once the allocator has handed freed memory back.
        tokio::time::sleep(Duration::from_secs(15)).await;
        let mb = |(app, db): (Option<f64>, Option<f64>)| {
            let one = |v: Option<f64>| v.map_or_else(|| "?".to_owned(), |v| format!("{v:.0} MB"));
            match db {
                Some(_) => format!("{} + SurrealDB {}", one(app), one(db)),
                None => one(app),
            }
        };
        println!(
            "| {stored} | {:.0} | {} | {pulled} records, {:.1} s | {} | {} | {} |",
            per_second(timed, push),
            mb(filled_rss),
            pull.as_secs_f64(),
            mb(pulled_rss),
            mb(summary_rss),
            mb(resident()),
        );
    }
}

struct PouchRound {
    push: Duration,
    pull: Duration,
    pulled: usize,
}

fn pouch_round(peers: &Path, docs: &Path, port: u16, round: usize) -> PouchRound {
    let out = Command::new("node")
        .arg(peers.join("pouch.js"))
        .arg(docs)
        .arg(format!("http://127.0.0.1:{port}/round{round}"))
        .stderr(Stdio::inherit())
        .output()
        .expect("run node");
    assert!(out.status.success(), "pouch.js failed");
    let answer: Value = serde_json::from_slice(&out.stdout).expect("pouch.js JSON");
    let millis = |k: &str| Duration::from_secs_f64(answer[k].as_f64().expect(k) / 1000.0);
    PouchRound {
        push: millis("push_ms"),
        pull: millis("pull_ms"),
        pulled: answer["pulled"].as_u64().unwrap_or(0) as usize,
    }
}

/// One line of the table: per-round throughputs and resident sizes.
struct Row {
    name: &'static str,
    push: Vec<f64>,
    pull: Vec<f64>,
    resident: Vec<f64>,
}

impl Row {
    fn new(name: &'static str) -> Self {
        Row {
            name,
            push: Vec::new(),
            pull: Vec::new(),
            resident: Vec::new(),
        }
    }
}

fn median(mut values: Vec<f64>) -> f64 {
    values.sort_by(f64::total_cmp);
    values.get(values.len() / 2).copied().unwrap_or(f64::NAN)
}

fn per_second(n: usize, d: Duration) -> f64 {
    n as f64 / d.as_secs_f64()
}

#[tokio::main]
async fn main() {
    let n = env_number("DVK_BENCH_DOCS", 10_000);
    let rounds = env_number("DVK_BENCH_ROUNDS", 3).max(1);
    let binary = env_path("DVK_PEERS_SERVER");
    let peers = env_path("DVK_PEERS_DIR");

    let (username, models) = drafts(n);
    // perf's data files, kept for `perf report` afterwards.
    let profile = std::env::var_os("DVK_BENCH_PROFILE").map(|_| {
        let dir = std::env::temp_dir().join("dvk-profile");
        let _ = std::fs::create_dir_all(&dir);
        dir
    });
    let mut profiles = Vec::new();
    if let Ok(levels) = std::env::var("DVK_BENCH_GROWTH") {
        let levels: Vec<usize> = levels
            .split(',')
            .filter_map(|l| l.trim().parse().ok())
            .collect();
        growth(&binary, &username, &levels, n).await;
        return;
    }
    let work = tempfile::tempdir().expect("tempdir");
    let docs_file = work.path().join("docs.json");
    let docs: Vec<Value> = models
        .iter()
        .map(|m| {
            let mut doc = serde_json::to_value(m).expect("json");
            doc["_id"] = json!(m.id);
            doc
        })
        .collect();
    let json_bytes: usize = models
        .iter()
        .map(|m| serde_json::to_string(m).map_or(0, |s| s.len()))
        .sum();
    std::fs::write(&docs_file, serde_json::to_vec(&docs).expect("json")).expect("write docs");
    println!(
        "peers: {n} documents, {:.0} bytes of JSON each on average, {rounds} rounds",
        json_bytes as f64 / n.max(1) as f64
    );

    let pouch_port = free_port();
    let pouch_server = Running(
        Command::new(peers.join("node_modules/.bin/pouchdb-server"))
            .args(["--in-memory", "--no-stdout-logs", "-p"])
            .arg(pouch_port.to_string())
            .current_dir(work.path())
            .stdout(Stdio::null())
            .stderr(Stdio::null())
            .spawn()
            .expect("start pouchdb-server"),
    );
    {
        let http: Http = Client::builder(TokioExecutor::new()).build_http();
        let deadline = Instant::now() + Duration::from_secs(60);
        loop {
            let request = axum::http::Request::get(format!("http://127.0.0.1:{pouch_port}/"))
                .body(Body::empty())
                .expect("request");
            if http.request(request).await.is_ok() {
                break;
            }
            assert!(Instant::now() < deadline, "pouchdb-server did not start");
            tokio::time::sleep(Duration::from_millis(200)).await;
        }
    }

    let mut rows = [
        Row::new("PouchDB → pouchdb-server (memory)"),
        Row::new("DVK release server, surrealkv://"),
        Row::new("DVK release server, mem://"),
    ];
    for round in 0..rounds {
        let p = pouch_round(&peers, &docs_file, pouch_port, round);
        println!(
            "round {}: PouchDB push {:.0}/s, pull {:.0}/s ({} docs)",
            round + 1,
            per_second(n, p.push),
            per_second(p.pulled, p.pull),
            p.pulled
        );
        rows[0].push.push(per_second(n, p.push));
        rows[0].pull.push(per_second(p.pulled, p.pull));
        for (i, store) in [(1, "surrealkv"), (2, "mem")] {
            let sample = profile
                .as_deref()
                .filter(|_| round == 0 && store == "surrealkv");
            let d = dvk_round(&binary, store, &username, &models, sample).await;
            for (phase, Charged { shares, cpu_s }) in &d.profile {
                println!("profile of the {store} server's {phase}: {cpu_s:.1} CPU-s sampled");
                for (component, share) in shares {
                    println!("  {:5.1} %  {component}", share * 100.0);
                }
                profiles.push(
                    json!({ "store": store, "phase": phase, "cpu_s": cpu_s, "shares": shares }),
                );
            }
            println!(
                "round {}: DVK {store} push {:.0} ops/s, pull {:.0} records/s ({} records), {:.0} MB resident",
                round + 1,
                per_second(n, d.push),
                per_second(d.pulled, d.pull),
                d.pulled,
                d.resident_mb.unwrap_or(f64::NAN)
            );
            rows[i].push.push(per_second(n, d.push));
            rows[i].pull.push(per_second(d.pulled, d.pull));
            rows[i].resident.push(d.resident_mb.unwrap_or(f64::NAN));
        }
    }
    drop(pouch_server);

    let (pouch_push, pouch_pull) = (median(rows[0].push.clone()), median(rows[0].pull.clone()));
    println!(
        "\n| {n} documents, median of {rounds} | push /s | pull /s | push ÷ PouchDB | pull ÷ PouchDB | resident after pull |"
    );
    println!("|---|---|---|---|---|---|");
    let mut report = Vec::new();
    for Row {
        name,
        push,
        pull,
        resident,
    } in &rows
    {
        let (push, pull) = (median(push.clone()), median(pull.clone()));
        let rss = if resident.is_empty() {
            "".to_owned()
        } else {
            format!("{:.0} MB", median(resident.clone()))
        };
        println!(
            "| {name} | {push:.0} | {pull:.0} | {:.2}× | {:.2}× | {rss} |",
            push / pouch_push,
            pull / pouch_pull
        );
        report.push(json!({
            "name": name, "push_per_s": push, "pull_per_s": pull,
            "push_ratio": push / pouch_push, "pull_ratio": pull / pouch_pull,
            "resident": rss,
        }));
    }
    let out =
        PathBuf::from(std::env::var("DVK_BENCH_OUT").unwrap_or_else(|_| "target/bench".into()));
    if std::fs::create_dir_all(&out).is_ok() {
        let _ = std::fs::write(
            out.join("peers.json"),
            serde_json::to_string_pretty(
                &json!({ "documents": n, "rounds": rounds, "rows": report, "profiles": profiles }),
            )
            .unwrap_or_default(),
        );
    }
}
