//! Several app servers on one SurrealDB server (docs/scale.md): a seeded
//! simulation in which devices (the shared engine and driver over real
//! HTTP) sync through either of two `server` processes, both on one real
//! SurrealDB server (`surreal start`, built from the registry's
//! `surrealdb-server` by tools/surreal) over `ws://`. App servers are
//! killed with `kill -9` in the middle of a push and started again; the
//! SurrealDB server is restarted under them. Then the network heals and
//! the invariants of shared/SYNC.md are checked: nothing waits on a
//! device, every device holds exactly the server's records, pulls through
//! either app server give the same records and versions (none skipped,
//! none twice), every save a user saw acknowledged is on the server (or
//! in a visible conflict, or kept as refused), and no op was applied twice.
//!
//! `DVK_SCALE_SCHEDULES=<n>` runs more schedules (default 8: each starts two app servers and takes about 20 s here), each on a
//! database of its own; `DVK_SCALE_SEED=<seed>` replays one.
#![allow(clippy::disallowed_methods)] // tests make their own ids and times
mod common;

use std::cell::RefCell;
use std::collections::{BTreeMap, BTreeSet};
use std::path::{Path, PathBuf};
use std::process::{Child, Command, Stdio};
use std::time::{Duration, Instant};

use serde_json::{Value, json};
use server::store::Store;
use shared::sync::{Engine, Fields, MemoryStorage, RecordKind, RecordState, SyncOutcome};
use shared::user::{Role, User};
use uuid::Uuid;

use common::device::{Http, Over, Server, http, login, now, pull_all, sync_now};
use common::{read_url, server_command};

const ROOT_PASS: &str = "scale-out-test-root";

/// SplitMix64, as in the in-process simulation.
struct Rng(u64);

impl Rng {
    fn next(&mut self) -> u64 {
        self.0 = self.0.wrapping_add(0x9E37_79B9_7F4A_7C15);
        let mut z = self.0;
        z = (z ^ (z >> 30)).wrapping_mul(0xBF58_476D_1CE4_E5B9);
        z = (z ^ (z >> 27)).wrapping_mul(0x94D0_49BB_1331_11EB);
        z ^ (z >> 31)
    }
    fn below(&mut self, n: u64) -> u64 {
        self.next() % n.max(1)
    }
    fn chance(&mut self, percent: u64) -> bool {
        self.below(100) < percent
    }
}

const FIELDS: &[&str] = &["name", "goals", "area", "outputs", "situation"];
const VALUES: &[&str] = &[
    "Dân vận khéo",
    "thôn Đông",
    "bảo hiểm y tế",
    "rác thải",
    "số hoá",
];

/// The build directory this test binary runs from (`<target>/debug/deps/…`).
fn target_dir() -> PathBuf {
    if let Some(dir) = std::env::var_os("CARGO_TARGET_DIR") {
        return PathBuf::from(dir);
    }
    let exe = std::env::current_exe().expect("test binary path");
    exe.ancestors()
        .nth(3)
        .map(Path::to_path_buf)
        .expect("the target directory")
}

/// The `surreal` server binary: `DVK_SURREAL`, or tools/surreal built into
/// `<target>/surreal` (once; `cargo xtask test` builds it beforehand).
fn surreal_binary() -> PathBuf {
    if let Some(path) = std::env::var_os("DVK_SURREAL") {
        return PathBuf::from(path);
    }
    let out = target_dir().join("surreal");
    let binary = out.join("debug/surreal");
    if !binary.exists() {
        let manifest = Path::new(env!("CARGO_MANIFEST_DIR")).join("../tools/surreal/Cargo.toml");
        let cargo = std::env::var_os("CARGO").unwrap_or_else(|| "cargo".into());
        let status = Command::new(cargo)
            .args(["build", "--locked", "--manifest-path"])
            .arg(&manifest)
            .env("CARGO_TARGET_DIR", &out)
            .status()
            .expect("run cargo to build tools/surreal");
        assert!(status.success(), "tools/surreal did not build");
    }
    binary
}

fn free_port() -> u16 {
    std::net::TcpListener::bind("127.0.0.1:0")
        .and_then(|l| l.local_addr())
        .map(|a| a.port())
        .expect("a free port")
}

/// The SurrealDB server on a `surrealkv://` folder, at a fixed port so it
/// can be restarted under the app servers.
struct Surreal {
    child: Option<Child>,
    binary: PathBuf,
    dir: tempfile::TempDir,
    port: u16,
}

impl Surreal {
    async fn start() -> Surreal {
        let mut surreal = Surreal {
            child: None,
            binary: surreal_binary(),
            dir: tempfile::tempdir().expect("tempdir"),
            port: free_port(),
        };
        surreal.spawn().await;
        surreal
    }

    async fn spawn(&mut self) {
        let child = Command::new(&self.binary)
            .args([
                "start",
                "--no-banner",
                "--log",
                "warn",
                "--username",
                "root",
            ])
            .args(["--password", ROOT_PASS, "--bind"])
            .arg(format!("127.0.0.1:{}", self.port))
            .arg(format!(
                "surrealkv://{}",
                self.dir.path().join("db").display()
            ))
            .stdout(Stdio::null())
            .stderr(Stdio::null())
            .spawn()
            .expect("start surreal");
        self.child = Some(child);
        let deadline = Instant::now() + Duration::from_secs(60);
        let http = http();
        loop {
            let url = format!("http://127.0.0.1:{}/health", self.port);
            let request = http::Request::get(url)
                .body(http_body_util::Full::new(bytes::Bytes::new()))
                .expect("request");
            if let Ok(answer) = http.request(request).await
                && answer.status().is_success()
            {
                return;
            }
            assert!(Instant::now() < deadline, "surreal did not start");
            tokio::time::sleep(Duration::from_millis(50)).await;
        }
    }

    /// Stops the server (SIGTERM, as a service manager would) and starts it again.
    async fn restart(&mut self) {
        if let Some(mut child) = self.child.take() {
            let _ = Command::new("kill").arg(child.id().to_string()).status();
            let _ = child.wait();
        }
        self.spawn().await;
    }

    fn url(&self) -> String {
        format!("ws://127.0.0.1:{}", self.port)
    }
}

impl Drop for Surreal {
    fn drop(&mut self) {
        if let Some(mut child) = self.child.take() {
            let _ = child.kill();
            let _ = child.wait();
        }
    }
}

/// One app server process on the SurrealDB server's database `database`
/// (killed when dropped, like the other server tests' processes).
fn start_app_server(store: &str, database: &str) -> Server {
    let mut child = server_command()
        .env("DVK_STORE", store)
        .env("DVK_STORE_USER", "root")
        .env("DVK_STORE_PASS", ROOT_PASS)
        .env("DVK_DATABASE", database)
        .env("DVK_LISTEN", "127.0.0.1:0")
        .env("DVK_DEMO", "true")
        .stdout(Stdio::piped())
        .stderr(Stdio::null())
        .spawn()
        .expect("spawn server");
    let base = read_url(&mut child);
    Server { child, base }
}

struct Device {
    engine: RefCell<Engine<MemoryStorage>>,
    token: String,
    user: User,
    /// Last value saved per (record, field), as the user saw "đã lưu".
    acked: BTreeMap<(Uuid, String), Value>,
}

fn edit(device: &mut Device, rng: &mut Rng) {
    let mut engine = device.engine.borrow_mut();
    let existing: Vec<Uuid> = engine
        .views(RecordKind::Model)
        .iter()
        .filter(|v| {
            device.user.role != Role::UnitOfficer
                || v.fields.get("unit_id") == Some(&json!(device.user.unit_id))
        })
        .map(|v| v.id)
        .collect();
    let (id, changes): (Uuid, Fields) =
        if device.user.role == Role::UnitOfficer && (existing.is_empty() || rng.chance(20)) {
            let data = shared::demo::thanh_mien();
            let mut model = shared::model::Model::new_draft(
                shared::ids::ModelId::new(),
                data.commune.id,
                device.user.unit_id.expect("unit"),
                data.campaigns[1].id,
            );
            model.name = VALUES[rng.below(VALUES.len() as u64) as usize].to_owned();
            let Value::Object(fields) = serde_json::to_value(&model).expect("json") else {
                panic!("a model is an object")
            };
            (model.id.as_uuid(), fields)
        } else if existing.is_empty() {
            return;
        } else {
            let id = existing[rng.below(existing.len() as u64) as usize];
            let mut fields = Fields::new();
            let field = FIELDS[rng.below(FIELDS.len() as u64) as usize];
            let value = VALUES[rng.below(VALUES.len() as u64) as usize];
            fields.insert(
                field.to_owned(),
                json!(format!("{value} {}", rng.below(1000))),
            );
            (id, fields)
        };
    engine
        .edit(RecordKind::Model, id, changes.clone(), now())
        .expect("saved");
    for (field, value) in changes {
        device.acked.insert((id, field), value);
    }
}

async fn sync_through(http: &Http, server: &Server, device: &Device) -> SyncOutcome {
    let over = Over {
        http,
        base: &server.base,
        token: &device.token,
    };
    sync_now(&over, &device.engine).await
}

/// What the schedules did, printed at the end (a run that never killed or
/// restarted anything would prove little).
#[derive(Default, Debug)]
struct Tally {
    edits: usize,
    syncs: usize,
    app_server_kills: usize,
    surreal_restarts: usize,
}

async fn run_schedule(surreal: &mut Surreal, seed: u64, tally: &mut Tally) {
    let mut rng = Rng(seed);
    let http = http();
    let database = format!("scale_{seed}");
    let first = start_app_server(&surreal.url(), &database);
    // The second starts once the first has loaded the demo commune.
    let mut servers = [first, start_app_server(&surreal.url(), &database)];
    let users = ["canbo.ubnd", "canbo.ubnd", "canbo.yte", "bxdd.lan"];
    let mut devices = Vec::new();
    for i in 0..(2 + rng.below(4)) as usize {
        let username = users[(i + rng.below(4) as usize) % users.len()];
        let (token, user) = login(&http, &servers[i % 2].base, username).await;
        devices.push(Device {
            engine: RefCell::new(
                Engine::open(MemoryStorage::default(), Uuid::now_v7()).expect("engine"),
            ),
            token,
            user,
            acked: BTreeMap::new(),
        });
    }
    let steps = 20 + rng.below(30);
    for _ in 0..steps {
        let who = rng.below(devices.len() as u64) as usize;
        let via = rng.below(2) as usize;
        match rng.below(100) {
            0..=49 => {
                edit(&mut devices[who], &mut rng);
                tally.edits += 1;
            }
            50..=84 => {
                sync_through(&http, &servers[via], &devices[who]).await;
                tally.syncs += 1;
            }
            85..=94 => {
                // kill -9 of one app server while this device pushes through it.
                for _ in 0..5 {
                    edit(&mut devices[who], &mut rng);
                }
                let wait = Duration::from_millis(rng.below(40));
                let pid = servers[via].child.id().to_string();
                let kill = async {
                    tokio::time::sleep(wait).await;
                    let _ = Command::new("kill").args(["-9", &pid]).status();
                };
                let (_, _) = tokio::join!(sync_through(&http, &servers[via], &devices[who]), kill);
                // The killed process is reaped when its handle is replaced.
                servers[via] = start_app_server(&surreal.url(), &database);
                tally.app_server_kills += 1;
            }
            _ => {
                // The SurrealDB server restarts under both app servers.
                surreal.restart().await;
                tally.surreal_restarts += 1;
            }
        }
    }
    heal(&http, &servers, &devices, seed).await;
    check(&http, surreal, &database, &servers, &devices, seed).await;
}

/// Every device syncs, through alternating app servers, until two whole
/// rounds change nothing.
async fn heal(http: &Http, servers: &[Server; 2], devices: &[Device], seed: u64) {
    let mut quiet = 0;
    for round in 0..30 {
        let mut clean = true;
        for (i, device) in devices.iter().enumerate() {
            match sync_through(http, &servers[(i + round) % 2], device).await {
                SyncOutcome::Synced {
                    sent: 0,
                    received: 0,
                } => {}
                SyncOutcome::Synced { .. } => clean = false,
                other => {
                    clean = false;
                    if round > 5 {
                        panic!("seed {seed}: a sync still fails after the faults: {other:?}");
                    }
                    tokio::time::sleep(Duration::from_millis(200)).await;
                }
            }
        }
        if clean {
            quiet += 1;
            if quiet == 2 {
                return;
            }
        } else {
            quiet = 0;
        }
    }
    panic!("seed {seed}: sync did not settle");
}

async fn check(
    http: &Http,
    surreal: &Surreal,
    database: &str,
    servers: &[Server; 2],
    devices: &[Device],
    seed: u64,
) {
    // Everything the commune holds, pulled whole through each app server.
    let (token, _) = login(http, &servers[0].base, "bxdd.lan").await;
    let mut through = Vec::new();
    for server in servers {
        let (_, records) = pull_all(http, &server.base, &token).await;
        let mut by_id: BTreeMap<Uuid, RecordState> = BTreeMap::new();
        for record in records {
            let id = record.id;
            assert!(
                by_id.insert(id, record).is_none(),
                "seed {seed}: {id} pulled twice through {}",
                server.base
            );
        }
        through.push(by_id);
    }
    assert_eq!(
        through[0], through[1],
        "seed {seed}: the two app servers answer different records"
    );
    let records = &through[0];

    let settings = server::Settings {
        store: surreal.url(),
        store_user: Some("root".into()),
        store_pass: Some(ROOT_PASS.into()),
        database: database.to_owned(),
        ..server::Settings::default()
    };
    let store = Store::open(&settings).await.expect("the store over ws://");
    let wanted: BTreeSet<Uuid> = records
        .keys()
        .copied()
        .chain(
            devices
                .iter()
                .flat_map(|d| d.acked.keys().map(|(id, _)| *id)),
        )
        .collect();
    let mut histories = BTreeMap::new();
    for id in wanted {
        histories.insert(id, store.history(id).await.expect("history"));
    }
    for device in devices {
        let engine = device.engine.borrow();
        assert_eq!(engine.pending(), 0, "seed {seed}: outbox not empty");
        for (id, record) in records.iter().filter(|(_, r)| r.kind == RecordKind::Model) {
            let mine = record.fields.get("unit_id") == Some(&json!(device.user.unit_id));
            if device.user.role == Role::UnitOfficer && !mine {
                continue;
            }
            assert_eq!(
                engine.server_copy(record.kind, *id),
                Some(record),
                "seed {seed}: a device did not converge on {id}"
            );
        }
        for ((id, field), value) in &device.acked {
            let applied = histories[id]
                .iter()
                .any(|h| h["changes"].get(field) == Some(value));
            let in_conflict = records.get(id).is_some_and(|r| {
                r.conflicts.iter().any(|c| {
                    &c.field == field && (&c.client_value == value || &c.server_value == value)
                })
            });
            let refused = engine
                .rejected()
                .any(|r| r.op.record_id == *id && r.op.changes.get(field) == Some(value));
            assert!(
                applied || in_conflict || refused,
                "seed {seed}: acknowledged save lost: {id} {field} = {value}"
            );
        }
    }
    let mut ops = BTreeSet::new();
    for id in records.keys() {
        for line in &histories[id] {
            if let Some(op) = line["op_id"].as_str() {
                assert!(
                    ops.insert(op.to_owned()),
                    "seed {seed}: op {op} applied twice"
                );
            }
        }
    }
}

fn schedules() -> Vec<u64> {
    if let Some(seed) = std::env::var("DVK_SCALE_SEED")
        .ok()
        .and_then(|s| s.parse().ok())
    {
        return vec![seed];
    }
    let n: u64 = std::env::var("DVK_SCALE_SCHEDULES")
        .ok()
        .and_then(|s| s.parse().ok())
        .unwrap_or(8);
    (1..=n).collect()
}

#[tokio::test(flavor = "multi_thread", worker_threads = 2)]
async fn two_app_servers_on_one_surrealdb_server_lose_nothing() {
    let mut surreal = Surreal::start().await;
    let started = Instant::now();
    let seeds = schedules();
    let mut tally = Tally::default();
    for seed in &seeds {
        eprintln!("scale-out: schedule {seed}");
        run_schedule(&mut surreal, *seed, &mut tally).await;
    }
    eprintln!(
        "scale-out: {} schedules in {:.1} s: {tally:?}",
        seeds.len(),
        started.elapsed().as_secs_f64()
    );
    assert!(
        seeds.len() < 4 || (tally.app_server_kills > 0 && tally.surreal_restarts > 0),
        "the schedules killed no app server or restarted no SurrealDB server: {tally:?}"
    );
}
