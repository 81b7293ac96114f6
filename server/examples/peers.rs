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
//! server as in a container of that much memory (see `limited`). xtask sets `DVK_PEERS_SERVER` (the release server
//! binary) and `DVK_PEERS_DIR` (tools/peers with its node_modules).
#![allow(clippy::disallowed_methods)] // benchmarks make their own ids and times
use std::net::TcpListener;
use std::path::{Path, PathBuf};
use std::process::{Child, Command, Stdio};
use std::time::{Duration, Instant};

use axum::body::Body;
use http_body_util::BodyExt;
use hyper_util::client::legacy::Client;
use hyper_util::client::legacy::connect::HttpConnector;
use hyper_util::rt::TokioExecutor;
use serde_json::{Value, json};
use shared::demo::thanh_mien;
use shared::model::Model;
use shared::status::ModelStatus;
use uuid::Uuid;

const PUSH_BATCH: usize = 200;
const PULL_LIMIT: usize = 1000;

type Http = Client<HttpConnector, Body>;

fn env_number(name: &str, default: usize) -> usize {
    std::env::var(name)
        .ok()
        .and_then(|s| s.parse().ok())
        .unwrap_or(default)
}

fn env_path(name: &str) -> PathBuf {
    match std::env::var_os(name) {
        Some(p) => PathBuf::from(p),
        None => {
            eprintln!("peers: {name} is not set (run `cargo xtask bench peers`)");
            std::process::exit(2);
        }
    }
}

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

fn free_port() -> u16 {
    TcpListener::bind("127.0.0.1:0")
        .and_then(|l| l.local_addr())
        .map(|a| a.port())
        .expect("a free port")
}

/// A child process killed when dropped.
struct Running(Child);

impl Drop for Running {
    fn drop(&mut self) {
        let _ = self.0.kill();
        let _ = self.0.wait();
    }
}

fn resident_mb(pid: u32) -> Option<f64> {
    let status = std::fs::read_to_string(format!("/proc/{pid}/status")).ok()?;
    let line = status.lines().find(|l| l.starts_with("VmRSS:"))?;
    let kb: f64 = line.split_whitespace().nth(1)?.parse().ok()?;
    Some(kb / 1024.0)
}

async fn request(
    http: &Http,
    method: &str,
    url: &str,
    token: Option<&str>,
    body: Option<String>,
) -> (u16, Value) {
    let mut builder = axum::http::Request::builder().method(method).uri(url);
    if let Some(token) = token {
        builder = builder.header("authorization", format!("Bearer {token}"));
    }
    if body.is_some() {
        builder = builder.header("content-type", "application/json");
    }
    let request = builder
        .body(body.map_or_else(Body::empty, Body::from))
        .expect("request");
    let response = http.request(request).await.expect("an answer");
    let status = response.status().as_u16();
    let bytes = response
        .into_body()
        .collect()
        .await
        .expect("a body")
        .to_bytes();
    (
        status,
        serde_json::from_slice(&bytes).unwrap_or(Value::Null),
    )
}

/// Waits until `url` answers with success, at most `within`; `what` names
/// the server in the failure.
async fn wait_up(http: &Http, url: &str, within: Duration, what: &str) {
    let deadline = Instant::now() + within;
    loop {
        let request = axum::http::Request::get(url)
            .body(Body::empty())
            .expect("request");
        if let Ok(answer) = http.request(request).await
            && answer.status().is_success()
        {
            return;
        }
        assert!(Instant::now() < deadline, "{what} did not start");
        tokio::time::sleep(Duration::from_millis(100)).await;
    }
}

async fn sign_in(http: &Http, base: &str, username: &str, device: Uuid) -> String {
    let body = json!({
        "username": username,
        "password": server::demo::DEMO_PASSWORD,
        "device_id": device,
    });
    let (status, answer) = request(
        http,
        "POST",
        &format!("{base}/api/auth/login"),
        None,
        Some(body.to_string()),
    )
    .await;
    assert_eq!(status, 200, "sign-in: {answer}");
    answer["token"].as_str().expect("token").to_owned()
}

/// The server's command; with `DVK_BENCH_LIMIT_MB` set, run as in a
/// container limited to that much memory: a memory cgroup of its own (v1,
/// as on this machine), shown at the path a container shows
/// (`/sys/fs/cgroup/memory`, bind-mounted in a mount namespace of its own),
/// where SurrealDB reads the memory it sizes its caches from. Needs root;
/// the limit is enforced by the kernel too.
fn limited(binary: &Path) -> Command {
    let Some(mb) = std::env::var("DVK_BENCH_LIMIT_MB")
        .ok()
        .and_then(|v| v.parse::<u64>().ok())
    else {
        return Command::new(binary);
    };
    let group = format!("/sys/fs/cgroup/memory/dvk-bench-{mb}");
    std::fs::create_dir_all(&group).expect("a memory cgroup (root, cgroup v1)");
    std::fs::write(
        format!("{group}/memory.limit_in_bytes"),
        (mb << 20).to_string(),
    )
    .expect("set the cgroup's limit");
    let mut command = Command::new("sh");
    command.args([
        "-c",
        &format!(
            "echo $$ > {group}/cgroup.procs && exec unshare --mount --propagation private \
             sh -c 'mount --bind {group} /sys/fs/cgroup/memory && exec \"$0\"' \"$1\""
        ),
        "sh",
    ]);
    command.arg(binary);
    command
}

/// A release server of its own on a fresh store, stopped when dropped.
struct Dvk {
    _process: Running,
    pid: u32,
    base: String,
    http: Http,
    _dir: tempfile::TempDir,
}

impl Dvk {
    /// `store`: "surrealkv" (embedded, on disk, fsync on), "mem" (embedded),
    /// or a SurrealDB server's `ws://` address (signed in as root).
    async fn start(binary: &Path, store: &str) -> Dvk {
        let dir = tempfile::tempdir().expect("tempdir");
        let url = match store {
            "mem" => "mem://".to_owned(),
            ws if ws.starts_with("ws://") => ws.to_owned(),
            _ => format!("surrealkv://{}", dir.path().join("data").display()),
        };
        let port = free_port();
        let mut command = limited(binary);
        if url.starts_with("ws://") {
            command
                .env("DVK_STORE_USER", "root")
                .env("DVK_STORE_PASS", SURREAL_PASS)
                .env("DVK_DATABASE", format!("bench{port}"));
        }
        let child = command
            .current_dir(dir.path())
            .env("DVK_LISTEN", format!("127.0.0.1:{port}"))
            .env("DVK_STORE", &url)
            .env("DVK_DIST", dir.path().join("no-app"))
            .env("DVK_DEMO", "true")
            .env(
                "DVK_DEMO_DAY",
                format!("{}-12-01", shared::demo::STORY_YEAR),
            )
            .env("DVK_CONTROL_SOCKET", dir.path().join("control.sock"))
            // A whole store pulled by one account is hundreds of pages a
            // minute: more than the per-account request budget allows.
            .env("DVK_BUDGET_ACCOUNT_PER_MINUTE", "1000000")
            .env("DVK_BUDGET_ADDRESS_PER_MINUTE", "1000000")
            .stdout(Stdio::null())
            .stderr(Stdio::null())
            .spawn()
            .expect("start the server");
        let pid = child.id();
        let dvk = Dvk {
            _process: Running(child),
            pid,
            base: format!("http://127.0.0.1:{port}"),
            http: Client::builder(TokioExecutor::new()).build_http(),
            _dir: dir,
        };
        let health = format!("{}/api/health", dvk.base);
        wait_up(&dvk.http, &health, Duration::from_secs(120), "the server").await;
        dvk
    }

    fn resident_mb(&self) -> Option<f64> {
        resident_mb(self.pid)
    }

    /// Pushes the drafts in batches of 200 from one new device; every op
    /// must be applied.
    async fn push(&self, username: &str, models: &[Model]) -> Duration {
        let device = Uuid::now_v7();
        let token = sign_in(&self.http, &self.base, username, device).await;
        let bodies: Vec<String> = models
            .chunks(PUSH_BATCH)
            .enumerate()
            .map(|(b, chunk)| push_body(device, b * PUSH_BATCH, chunk))
            .collect();
        let push_url = format!("{}/api/sync/push", self.base);
        let began = Instant::now();
        for body in bodies {
            let (status, answer) =
                request(&self.http, "POST", &push_url, Some(&token), Some(body)).await;
            assert_eq!(status, 200, "push: {answer}");
            let results = answer["results"].as_array().expect("results");
            assert!(
                results.iter().all(|r| r["outcome"] == "applied"),
                "every draft applied: {}",
                results
                    .iter()
                    .find(|r| r["outcome"] != "applied")
                    .unwrap_or(&Value::Null)
            );
        }
        began.elapsed()
    }

    /// A fresh device of `username` pulls everything: (time, records).
    async fn pull(&self, username: &str) -> (Duration, usize) {
        let token = sign_in(&self.http, &self.base, username, Uuid::now_v7()).await;
        let began = Instant::now();
        let (mut cursor, mut pulled) = (0u64, 0usize);
        loop {
            let url = format!(
                "{}/api/sync/pull?since={cursor}&limit={PULL_LIMIT}",
                self.base
            );
            let (status, page) = request(&self.http, "GET", &url, Some(&token), None).await;
            assert_eq!(status, 200, "pull: {page}");
            pulled += page["records"].as_array().map_or(0, Vec::len);
            cursor = page["cursor"].as_u64().expect("cursor");
            if page["more"] != true {
                break;
            }
        }
        (began.elapsed(), pulled)
    }
}

fn push_body(device: Uuid, clock: usize, models: &[Model]) -> String {
    let ops: Vec<Value> = models
        .iter()
        .enumerate()
        .map(|(k, model)| {
            json!({
                "op_id": Uuid::now_v7(), "device_id": device, "kind": "model",
                "record_id": model.id, "base_version": 0, "clock": clock + k + 1,
                "changes": model,
            })
        })
        .collect();
    json!({ "device_id": device, "ops": ops }).to_string()
}

struct DvkRound {
    push: Duration,
    pull: Duration,
    pulled: usize,
    resident_mb: Option<f64>,
}

/// One round against a fresh release server on `store` ("surrealkv" or "mem").
async fn dvk_round(binary: &Path, store: &str, username: &str, models: &[Model]) -> DvkRound {
    let dvk = Dvk::start(binary, store).await;
    let push = dvk.push(username, models).await;
    let (pull, pulled) = dvk.pull(username).await;
    assert!(pulled >= models.len(), "pulled {pulled} < {}", models.len());
    DvkRound {
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
/// A SurrealDB server (`surreal start`, on disk) for `DVK_BENCH_SURREAL`,
/// its caches bounded by SurrealDB's own settings: the block cache and the
/// memtable at `DVK_BENCH_SURREAL_CACHE_MB` (64) each.
struct SurrealServer {
    _process: Running,
    pid: u32,
    url: String,
    _dir: tempfile::TempDir,
}

const SURREAL_PASS: &str = "bench-root";

impl SurrealServer {
    async fn start(binary: &Path) -> SurrealServer {
        let dir = tempfile::tempdir().expect("tempdir");
        let port = free_port();
        let cache = (env_number("DVK_BENCH_SURREAL_CACHE_MB", 64) << 20).to_string();
        let child = Command::new(binary)
            .args([
                "start",
                "--no-banner",
                "--log",
                "warn",
                "--username",
                "root",
            ])
            .args(["--password", SURREAL_PASS, "--bind"])
            .arg(format!("127.0.0.1:{port}"))
            .arg(format!("surrealkv://{}", dir.path().join("db").display()))
            .env("SURREAL_SURREALKV_BLOCK_CACHE_CAPACITY", &cache)
            .env("SURREAL_SURREALKV_MAX_MEMTABLE_SIZE", &cache)
            .stdout(Stdio::null())
            .stderr(Stdio::null())
            .spawn()
            .expect("start surreal");
        let pid = child.id();
        let http: Http = Client::builder(TokioExecutor::new()).build_http();
        let health = format!("http://127.0.0.1:{port}/health");
        wait_up(&http, &health, Duration::from_secs(60), "surreal").await;
        SurrealServer {
            _process: Running(child),
            pid,
            url: format!("ws://127.0.0.1:{port}"),
            _dir: dir,
        }
    }
}

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
            let d = dvk_round(&binary, store, &username, &models).await;
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
                &json!({ "documents": n, "rounds": rounds, "rows": report }),
            )
            .unwrap_or_default(),
        );
    }
}
