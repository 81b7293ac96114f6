//! What the release-server benchmarks share (`peers`, `fleet`): DVK's
//! release server and a SurrealDB server as processes of their own on
//! 127.0.0.1, requests over HTTP, sign-in, push and pull as a device does.
#![allow(dead_code)] // each benchmark uses its own part

pub mod profile;

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
use shared::model::Model;
use uuid::Uuid;

pub const PUSH_BATCH: usize = 200;
pub const PULL_LIMIT: usize = 1000;

pub type Http = Client<HttpConnector, Body>;

pub fn env_number(name: &str, default: usize) -> usize {
    std::env::var(name)
        .ok()
        .and_then(|s| s.parse().ok())
        .unwrap_or(default)
}

pub fn env_path(name: &str) -> PathBuf {
    match std::env::var_os(name) {
        Some(p) => PathBuf::from(p),
        None => {
            eprintln!("peers: {name} is not set (run `cargo xtask bench peers`)");
            std::process::exit(2);
        }
    }
}

pub fn free_port() -> u16 {
    TcpListener::bind("127.0.0.1:0")
        .and_then(|l| l.local_addr())
        .map(|a| a.port())
        .expect("a free port")
}

/// A child process killed when dropped.
pub struct Running(pub Child);

impl Drop for Running {
    fn drop(&mut self) {
        let _ = self.0.kill();
        let _ = self.0.wait();
    }
}

pub fn resident_mb(pid: u32) -> Option<f64> {
    status_mb(pid, "VmRSS:")
}

/// The most the process has held resident since it started.
pub fn peak_mb(pid: u32) -> Option<f64> {
    status_mb(pid, "VmHWM:")
}

fn status_mb(pid: u32, key: &str) -> Option<f64> {
    let status = std::fs::read_to_string(format!("/proc/{pid}/status")).ok()?;
    let line = status.lines().find(|l| l.starts_with(key))?;
    let kb: f64 = line.split_whitespace().nth(1)?.parse().ok()?;
    Some(kb / 1024.0)
}

pub async fn request(
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
pub async fn wait_up(http: &Http, url: &str, within: Duration, what: &str) {
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

pub async fn sign_in(http: &Http, base: &str, username: &str, device: Uuid) -> String {
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
pub fn limited(binary: &Path) -> Command {
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

/// Where a server's log goes: `DVK_BENCH_LOG=<dir>` keeps each server's
/// in `<dir>/server-<port>.log`; else nowhere.
fn server_log(port: u16) -> Stdio {
    let Some(dir) = std::env::var_os("DVK_BENCH_LOG") else {
        return Stdio::null();
    };
    let path = PathBuf::from(dir).join(format!("server-{port}.log"));
    std::fs::File::create(&path).map_or_else(|_| Stdio::null(), Stdio::from)
}

/// A release server of its own on a fresh store, stopped when dropped.
pub struct Dvk {
    pub _process: Running,
    pub pid: u32,
    pub base: String,
    pub http: Http,
    pub _dir: tempfile::TempDir,
}

impl Dvk {
    /// `store`: "surrealkv" (embedded, on disk, fsync on), "mem" (embedded),
    /// or a SurrealDB server's `ws://` address (signed in as root, a
    /// database of its own).
    pub async fn start(binary: &Path, store: &str) -> Dvk {
        Self::start_in(binary, store, None).await
    }

    /// [`Self::start`]; on a SurrealDB server, in `database` when given
    /// (several app servers on one store).
    pub async fn start_in(binary: &Path, store: &str, database: Option<&str>) -> Dvk {
        let dir = tempfile::tempdir().expect("tempdir");
        let url = match store {
            "mem" => "mem://".to_owned(),
            ws if ws.starts_with("ws://") => ws.to_owned(),
            _ => format!("surrealkv://{}", dir.path().join("data").display()),
        };
        let port = free_port();
        let mut command = limited(binary);
        if url.starts_with("ws://") && signed_in() {
            command
                .env("DVK_STORE_USER", "root")
                .env("DVK_STORE_PASS", SURREAL_PASS);
        }
        if url.starts_with("ws://") {
            command.env(
                "DVK_DATABASE",
                database.map_or_else(|| format!("bench{port}"), str::to_owned),
            );
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
            .stderr(server_log(port))
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

    pub fn resident_mb(&self) -> Option<f64> {
        resident_mb(self.pid)
    }

    pub fn peak_mb(&self) -> Option<f64> {
        peak_mb(self.pid)
    }

    /// Pushes the drafts in batches of 200 from one new device; every op
    /// must be applied.
    pub async fn push(&self, username: &str, models: &[Model]) -> Duration {
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
    pub async fn pull(&self, username: &str) -> (Duration, usize) {
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

pub fn push_body(device: Uuid, clock: usize, models: &[Model]) -> String {
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

/// A SurrealDB server (`surreal start`, on disk) for `DVK_BENCH_SURREAL`,
/// its caches bounded by SurrealDB's own settings: the block cache and the
/// memtable at `DVK_BENCH_SURREAL_CACHE_MB` (64) each.
pub struct SurrealServer {
    pub _process: Running,
    pub pid: u32,
    pub url: String,
    pub _dir: tempfile::TempDir,
}

pub const SURREAL_PASS: &str = "bench-root";

/// Whether the app servers sign in to the SurrealDB server as root (as in
/// production); `DVK_BENCH_SURREAL_UNAUTHENTICATED=1` starts it
/// `--unauthenticated` instead (on 127.0.0.1 only), to tell the cost and
/// the failures of its credentials apart from the rest.
pub fn signed_in() -> bool {
    std::env::var_os("DVK_BENCH_SURREAL_UNAUTHENTICATED").is_none()
}

impl SurrealServer {
    pub async fn start(binary: &Path) -> SurrealServer {
        let dir = tempfile::tempdir().expect("tempdir");
        let port = free_port();
        let cache = (env_number("DVK_BENCH_SURREAL_CACHE_MB", 64) << 20).to_string();
        let mut command = Command::new(binary);
        command.args(["start", "--no-banner", "--log", "warn"]);
        match signed_in() {
            true => command.args(["--username", "root", "--password", SURREAL_PASS]),
            false => command.arg("--unauthenticated"),
        };
        let child = command
            .arg("--bind")
            .arg(format!("127.0.0.1:{port}"))
            .arg(format!("surrealkv://{}", dir.path().join("db").display()))
            // Each transaction of an app server's SDK attaches a session on
            // its one connection; past SurrealDB's default cap (256) the
            // attach fails ("Method not allowed"): docs/scale.md.
            .env("SURREAL_WEBSOCKET_MAX_ATTACHED_SESSIONS", "100000")
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
