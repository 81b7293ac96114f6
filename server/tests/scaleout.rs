//! Several app servers on one SurrealDB server (docs/scale.md): a seeded
//! simulation in which devices (the shared engine and driver over real
//! HTTP) sync through either of two `server` processes, both on one real
//! SurrealDB server (`surreal start`, built from the registry's
//! `surrealdb-server` by tools/surreal) over `ws://`. App servers are
//! killed with `kill -9` in the middle of a push and started again; in the
//! heavy schedules the SurrealDB server is restarted under them. Devices
//! also push all at once through both servers while a reader pages the
//! commune a few records at a time: once the pushes are answered, the
//! reader must hold every record at its newest version (a pull that
//! stepped past a late commit would not). Then the network heals and the
//! invariants of shared/SYNC.md are checked (scaleout/check.rs).
//!
//! The processes and the database live for the whole run (a killed app
//! server is replaced); each schedule works on a commune of its own in it,
//! so its checks cover exactly what its devices did. Two lanes of such
//! processes run side by side, each taking every other seed.
//! `DVK_SCALE_SCHEDULES=<n>`
//! runs more schedules (default 200; every 25th from seed 1 is heavy, every
//! 100th signs in as root); `DVK_SCALE_SEED=<seed>` replays one on a fresh
//! database.
#![allow(clippy::disallowed_methods)] // tests make their own ids and times
mod common;
mod scaleout {
    pub mod check;
    pub mod procs;
    pub mod world;
}

use std::cell::{Cell, RefCell};
use std::process::Command;
use std::time::{Duration, Instant};

use server::store::Store;
use shared::sync::SyncOutcome;

use common::device::{Http, Over, Server, http, sync_now};
use scaleout::procs::Surreal;
use scaleout::world::{Commune, Device, Reader};

/// One schedule in this many restarts the SurrealDB server and runs longer.
const HEAVY_EVERY: u64 = 25;
/// One schedule in this many runs on a SurrealDB server the app servers
/// sign in to as root, as in production. There every query costs the
/// server a credentials check (about 0.2 s each in this debug build,
/// docs/scale.md), so the others run on one started `--unauthenticated`.
const SIGNED_IN_EVERY: u64 = 100;

fn is_heavy(seed: u64) -> bool {
    seed % HEAVY_EVERY == 1
}

async fn sync_through(http: &Http, server: &Server, device: &Device) -> SyncOutcome {
    let over = Over {
        http,
        base: &server.base,
        token: &device.token,
    };
    sync_now(&over, &device.engine).await
}

/// What the schedules did, printed at the end (a run that never killed,
/// restarted or read during pushes would prove little).
#[derive(Default, Debug)]
pub struct Tally {
    edits: usize,
    syncs: usize,
    rushes: usize,
    /// Pages the reader pulled while other devices' pushes were in flight.
    pages_during_pushes: usize,
    app_server_kills: usize,
    surreal_restarts: usize,
    /// Restarts where the SurrealDB server did not stop on SIGTERM in time
    /// and was killed.
    surreal_kills: usize,
}

impl Tally {
    fn add(self, other: Tally) -> Tally {
        Tally {
            edits: self.edits + other.edits,
            syncs: self.syncs + other.syncs,
            rushes: self.rushes + other.rushes,
            pages_during_pushes: self.pages_during_pushes + other.pages_during_pushes,
            app_server_kills: self.app_server_kills + other.app_server_kills,
            surreal_restarts: self.surreal_restarts + other.surreal_restarts,
            surreal_kills: self.surreal_kills + other.surreal_kills,
        }
    }
}

/// The processes a schedule runs on, kept from one schedule to the next.
struct Cluster {
    surreal: Surreal,
    servers: [Server; 2],
    /// The test's own connection (new communes, history).
    store: Store,
}

impl Cluster {
    async fn start(auth: bool) -> Cluster {
        let surreal = Surreal::start(auth).await;
        // One after the other: the first runs the migrations.
        let first = surreal.app_server();
        let servers = [first, surreal.app_server()];
        let store = surreal.store().await;
        Cluster {
            surreal,
            servers,
            store,
        }
    }

    fn bases(&self) -> [&str; 2] {
        [&self.servers[0].base, &self.servers[1].base]
    }

    /// `kill -9` of one app server while `device` pushes through it, then
    /// a new process in its place.
    async fn kill_mid_push(&mut self, http: &Http, via: usize, device: &Device, wait: Duration) {
        let pid = self.servers[via].child.id().to_string();
        let kill = async {
            tokio::time::sleep(wait).await;
            let _ = Command::new("kill").args(["-9", &pid]).status();
        };
        let (_, ()) = tokio::join!(sync_through(http, &self.servers[via], device), kill);
        // The killed process is reaped when its handle is replaced.
        self.servers[via] = self.surreal.app_server();
    }

    /// The SurrealDB server restarts under both app servers.
    async fn restart_surreal(&mut self, tally: &mut Tally) {
        if self.surreal.restart().await {
            tally.surreal_kills += 1;
        }
        tally.surreal_restarts += 1;
        self.store = self.surreal.store().await;
    }
}

/// Every device syncs at once, each through either server, while the
/// reader pages the commune; then the reader catches up and must hold
/// what a whole pull holds.
async fn rush(
    http: &Http,
    cluster: &Cluster,
    devices: &[Device],
    reader: &mut Reader,
    rng: &mut fastrand::Rng,
    tally: &mut Tally,
) {
    let vias: Vec<usize> = devices.iter().map(|_| rng.usize(..2)).collect();
    let limit = rng.u32(1..4);
    let done = Cell::new(false);
    let pushes = async {
        let syncs = devices
            .iter()
            .zip(&vias)
            .map(|(device, via)| sync_through(http, &cluster.servers[*via], device));
        futures::future::join_all(syncs).await;
        done.set(true);
    };
    let read = async {
        let mut pages = 0;
        while !done.get() {
            reader.page(http, cluster.bases()[pages % 2], limit).await;
            pages += 1;
        }
        pages
    };
    let ((), pages) = tokio::join!(pushes, read);
    tally.rushes += 1;
    tally.syncs += devices.len();
    tally.pages_during_pushes += pages;
    scaleout::check::reader_holds_the_truth(http, cluster.bases(), reader, limit).await;
}

/// 2–5 devices of the commune's people, and the reviewer's reader.
async fn people(
    store: &Store,
    commune: &Commune,
    rng: &mut fastrand::Rng,
) -> (Vec<Device>, Reader) {
    let mut devices = Vec::new();
    for _ in 0..rng.usize(2..6) {
        let user = &commune.users[rng.usize(..commune.users.len())];
        devices.push(Device::new(store, user, rng).await);
    }
    let reviewer = &commune.users[0];
    let reader = Reader::new(Commune::session(store, reviewer, scaleout::world::uuid(rng)).await);
    (devices, reader)
}

/// Longest a schedule may take (the heaviest take about 5 s): past it the
/// test fails naming the seed and the step under way, instead of holding CI.
const SCHEDULE_TIMEOUT: Duration = Duration::from_secs(180);

async fn run_schedule(
    cluster: &mut Cluster,
    seed: u64,
    tally: &mut Tally,
    doing: &RefCell<String>,
) {
    let mut rng = fastrand::Rng::with_seed(seed);
    let heavy = is_heavy(seed);
    let http = http();
    doing.replace("setting up the commune and its devices".into());
    let commune = Commune::create(&cluster.store, &mut rng).await;
    let (mut devices, mut reader) = people(&cluster.store, &commune, &mut rng).await;
    let steps = if heavy {
        20 + rng.usize(..30)
    } else {
        8 + rng.usize(..16)
    };
    // A heavy schedule restarts the SurrealDB server at least once.
    let restart_at = heavy.then(|| rng.usize(..steps));
    for step in 0..steps {
        if restart_at == Some(step) {
            doing.replace(format!("step {step}: restarting the SurrealDB server"));
            cluster.restart_surreal(tally).await;
        }
        let who = rng.usize(..devices.len());
        let via = rng.usize(..2);
        let action = rng.u8(..100);
        doing.replace(format!(
            "step {step} of {steps}: action {action}, device {who}, app server {via}"
        ));
        match action {
            0..=44 => {
                devices[who].edit(&commune, &mut rng);
                tally.edits += 1;
            }
            45..=74 => {
                sync_through(&http, &cluster.servers[via], &devices[who]).await;
                tally.syncs += 1;
            }
            75..=89 => rush(&http, cluster, &devices, &mut reader, &mut rng, tally).await,
            90..=94 => {
                for _ in 0..5 {
                    devices[who].edit(&commune, &mut rng);
                }
                tally.edits += 5;
                let wait = Duration::from_millis(rng.u64(..40));
                cluster.kill_mid_push(&http, via, &devices[who], wait).await;
                tally.app_server_kills += 1;
            }
            95..=99 if heavy => cluster.restart_surreal(tally).await,
            _ => {
                reader.page(&http, cluster.bases()[via], 2).await;
            }
        }
    }
    doing.replace("healing".into());
    heal(&http, &cluster.servers, &devices, seed).await;
    doing.replace("checking".into());
    scaleout::check::after_healing(
        &http,
        cluster.bases(),
        &cluster.store,
        &devices,
        &mut reader,
        seed,
    )
    .await;
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

/// Names the seed of a failing schedule so it can be replayed.
struct SeedGuard(u64);

impl Drop for SeedGuard {
    fn drop(&mut self) {
        if std::thread::panicking() {
            eprintln!(
                "scale-out: schedule failed; replay with DVK_SCALE_SEED={}",
                self.0
            );
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
        .unwrap_or(200);
    (1..=n).collect()
}

/// Lanes of schedules run side by side, each on a SurrealDB server and two
/// app servers of its own, taking every other seed. One lane kept two cores
/// only 55 % busy (a schedule mostly waits for round trips through three
/// processes), so a second one uses the rest (docs/build.md, "CI's time").
const LANES: u64 = 2;

/// One lane's schedules, one after the other.
async fn lane(lane: u64, seeds: &[u64]) -> Tally {
    // Without and with root credentials on the SurrealDB server.
    let mut clusters: [Option<Cluster>; 2] = [None, None];
    let mut tally = Tally::default();
    for seed in seeds
        .iter()
        .filter(|seed| seed.wrapping_sub(1) % LANES == lane)
    {
        let _guard = SeedGuard(*seed);
        let at = Instant::now();
        let auth = seed % SIGNED_IN_EVERY == 1;
        let cluster = &mut clusters[usize::from(auth)];
        if cluster.is_none() {
            let Ok(started) = tokio::time::timeout(SCHEDULE_TIMEOUT, Cluster::start(auth)).await
            else {
                panic!("seed {seed}: the processes did not start in {SCHEDULE_TIMEOUT:?}");
            };
            *cluster = Some(started);
        }
        let cluster = cluster.as_mut().expect("started");
        let doing = RefCell::new(String::new());
        let schedule = run_schedule(cluster, *seed, &mut tally, &doing);
        if tokio::time::timeout(SCHEDULE_TIMEOUT, schedule)
            .await
            .is_err()
        {
            panic!(
                "seed {seed}: the schedule did not end in {SCHEDULE_TIMEOUT:?}; it was at {}",
                doing.borrow()
            );
        }
        if std::env::var_os("DVK_SCALE_TRACE").is_some() {
            eprintln!(
                "scale-out: schedule {seed} in {:.2} s",
                at.elapsed().as_secs_f64()
            );
        }
    }
    tally
}

/// A lane on a thread and runtime of its own: the processes' starts and
/// kills block the thread for a moment, and must not hold the other lane.
fn lane_thread(number: u64, seeds: Vec<u64>) -> std::thread::JoinHandle<Tally> {
    std::thread::spawn(move || {
        tokio::runtime::Builder::new_multi_thread()
            .worker_threads(2)
            .enable_all()
            .build()
            .expect("a runtime for the lane")
            .block_on(lane(number, &seeds))
    })
}

#[test]
fn two_app_servers_on_one_surrealdb_server_lose_nothing() {
    let started = Instant::now();
    let seeds = schedules();
    let lanes: Vec<_> = (0..LANES)
        .map(|number| lane_thread(number, seeds.clone()))
        .collect();
    // Every lane ends (and stops its processes) before a failure is
    // reported: a lane left running at exit would leave them behind.
    let ended: Vec<_> = lanes.into_iter().map(|lane| lane.join()).collect();
    let mut tally = Tally::default();
    for lane in ended {
        match lane {
            Ok(done) => tally = tally.add(done),
            Err(panic) => std::panic::resume_unwind(panic),
        }
    }
    eprintln!(
        "scale-out: {} schedules in {:.1} s: {tally:?}",
        seeds.len(),
        started.elapsed().as_secs_f64()
    );
    let faults = tally.app_server_kills > 0 && tally.surreal_restarts > 0;
    assert!(
        seeds.len() < 2 * HEAVY_EVERY as usize || (faults && tally.pages_during_pushes > 0),
        "the schedules killed no app server, restarted no SurrealDB server or read no page during pushes: {tally:?}"
    );
}

/// A SurrealDB server that stops answering (frozen with SIGSTOP, as a hung
/// or stalled machine would be): a push whose write group waits on it, and
/// a request whose session check does, answer 503 with `Retry-After` within
/// the store timeout instead of waiting for it; once it answers again the
/// same process takes the device's ops, once.
#[test]
fn a_surrealdb_server_that_stops_answering_gets_503_not_a_hang() {
    tokio::runtime::Builder::new_multi_thread()
        .worker_threads(2)
        .enable_all()
        .build()
        .expect("a runtime")
        .block_on(async {
            tokio::time::timeout(SCHEDULE_TIMEOUT, frozen_store_gets_503())
                .await
                .expect("the test ends within its time");
        });
}

/// The frozen-store test's steps.
async fn frozen_store_gets_503() {
    let surreal = Surreal::start(false).await;
    let server = surreal.app_server_with(&[("DVK_STORE_TIMEOUT_SECS", "2")]);
    let store = surreal.store().await;
    let mut rng = fastrand::Rng::with_seed(7);
    let commune = Commune::create(&store, &mut rng).await;
    let officer = commune
        .users
        .iter()
        .find(|u| u.role == shared::user::Role::UnitOfficer)
        .expect("an officer");
    let mut device = Device::new(&store, officer, &mut rng).await;
    let http = http();
    device.edit(&commune, &mut rng);
    let ops: Vec<_> = device.engine.borrow().outbox().cloned().collect();
    assert!(!ops.is_empty(), "the edit waits to be sent");
    let push = serde_json::json!({ "device_id": ops[0].device_id, "ops": ops }).to_string();
    let pid = surreal.pid().expect("running").to_string();
    let signal = move |name: &str| {
        let status = Command::new("kill").args([name, &pid]).status();
        assert!(status.is_ok_and(|s| s.success()), "kill {name}");
    };

    // The write group: the session is checked and the turn taken
    // before the body is read, so the store freezes in between.
    let (base, token, stop) = (server.base.clone(), device.token.clone(), signal.clone());
    let written = tokio::task::spawn_blocking(move || {
        push_frozen_midway(&base, &token, &push, || stop("-STOP"))
    })
    .await
    .expect("the push thread");
    // The session check, while it is still frozen.
    let asked = Instant::now();
    let checked = raw_push(&http, &server.base, &device.token).await;
    let check_waited = asked.elapsed();
    signal("-CONT");

    for (what, (status, retry_after, body), waited) in [
        ("the write group", written.0, written.1),
        ("the session check", checked, check_waited),
    ] {
        assert_eq!(status, 503, "{what}: {body}");
        assert!(retry_after.is_some(), "{what}: 503 without Retry-After");
        let body: serde_json::Value = serde_json::from_str(&body).expect("JSON error");
        assert_eq!(body["code"], "unavailable", "{what}: {body}");
        assert_eq!(body["message"], shared::messages::STORE_NOT_ANSWERING);
        assert!(
            waited < Duration::from_secs(8),
            "{what}: answered after {waited:?} with a 2 s store timeout"
        );
    }

    // Answering again: the same process takes the ops.
    let mut outcome = sync_through(&http, &server, &device).await;
    for _ in 0..20 {
        if matches!(outcome, SyncOutcome::Synced { .. }) {
            break;
        }
        tokio::time::sleep(Duration::from_millis(250)).await;
        outcome = sync_through(&http, &server, &device).await;
    }
    assert!(
        matches!(outcome, SyncOutcome::Synced { .. }),
        "after the store answers again: {outcome:?}"
    );
    scaleout::check::after_healing(
        &http,
        [&server.base, &server.base],
        &store,
        std::slice::from_ref(&device),
        &mut Reader::new(
            Commune::session(&store, &commune.users[0], scaleout::world::uuid(&mut rng)).await,
        ),
        0,
    )
    .await;
}

type Answer = (u16, Option<String>, String);

/// A push over a plain socket: its head, then `between` (once the server
/// has checked the session and given the push its turn), then its body.
/// The answer, and how long it took after the body was sent.
fn push_frozen_midway(
    base: &str,
    token: &str,
    body: &str,
    between: impl FnOnce(),
) -> (Answer, Duration) {
    use std::io::{Read, Write};
    let address = base.trim_start_matches("http://");
    let mut socket = std::net::TcpStream::connect(address).expect("connect");
    socket
        .set_read_timeout(Some(Duration::from_secs(30)))
        .expect("read timeout");
    let head = format!(
        "POST /api/sync/push HTTP/1.1\r\nHost: {address}\r\nAuthorization: Bearer {token}\r\n\
         Content-Type: application/json\r\nContent-Length: {}\r\nConnection: close\r\n\r\n",
        body.len()
    );
    socket.write_all(head.as_bytes()).expect("send the head");
    std::thread::sleep(Duration::from_secs(1));
    between();
    socket.write_all(body.as_bytes()).expect("send the body");
    let sent = Instant::now();
    let mut answer = Vec::new();
    socket
        .read_to_end(&mut answer)
        .expect("an answer within 30 s");
    let waited = sent.elapsed();
    let answer = String::from_utf8_lossy(&answer).into_owned();
    let (head, body) = answer.split_once("\r\n\r\n").expect("an HTTP answer");
    let status = head
        .split(' ')
        .nth(1)
        .and_then(|s| s.parse().ok())
        .expect("a status");
    let retry_after = head.lines().find_map(|l| {
        l.to_ascii_lowercase()
            .strip_prefix("retry-after:")
            .map(|v| v.trim().to_owned())
    });
    ((status, retry_after, body.to_owned()), waited)
}

/// A push of nothing, answered: (status, Retry-After, body).
async fn raw_push(http: &Http, base: &str, token: &str) -> Answer {
    use http_body_util::BodyExt;
    let request = http::Request::post(format!("{base}/api/sync/push"))
        .header("authorization", format!("Bearer {token}"))
        .header("content-type", "application/json")
        .body(http_body_util::Full::new(bytes::Bytes::from(
            serde_json::json!({ "device_id": uuid::Uuid::now_v7(), "ops": [] }).to_string(),
        )))
        .expect("request");
    let response = tokio::time::timeout(Duration::from_secs(30), http.request(request))
        .await
        .expect("an answer within 30 s")
        .expect("an answer");
    let status = response.status().as_u16();
    let retry_after = response
        .headers()
        .get("retry-after")
        .and_then(|v| v.to_str().ok())
        .map(str::to_owned);
    let body = response
        .into_body()
        .collect()
        .await
        .expect("body")
        .to_bytes();
    (
        status,
        retry_after,
        String::from_utf8_lossy(&body).into_owned(),
    )
}
