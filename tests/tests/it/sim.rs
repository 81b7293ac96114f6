//! Deterministic simulation of offline sync (docs/sync.md, "The proof"):
//! 2-5 real client engines, the real server router over a real embedded
//! SurrealDB, and a network that loses requests and responses, duplicates,
//! delays and reorders them; some schedules run on `surrealkv://` and
//! restart the server. After each schedule the network heals and the
//! invariants of shared/SYNC.md are checked.
//!
//! `DVK_SIM_SCHEDULES=<n>` runs more schedules (default 1000);
//! `DVK_SIM_SEED=<seed>` replays one schedule exactly.
use std::collections::{BTreeMap, BTreeSet};
use std::path::PathBuf;
use std::sync::{Arc, Mutex};
use std::time::Duration as StdDuration;

use chrono::{DateTime, Duration, Utc};
use serde_json::{Value, json};
use server::auth::session;
use server::auth::users::StoredUser;
use server::store::records::Scope;
use server::{AppState, router};
use shared::model::Model;
use shared::sync::{
    Engine, Fields, MemoryStorage, PullResponse, PushResponse, RecordKind, RecordState, to_fields,
};
use shared::user::{Role, User};
use uuid::Uuid;

/// SplitMix64: small, seedable, and the same on every machine.
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
    fn uuid(&mut self) -> Uuid {
        // Version 7 layout, so ids sort like device-made ones.
        let bits = (u128::from(self.next()) << 64) | u128::from(self.next());
        let bits = (bits & !(0xF << 76)) | (0x7 << 76);
        let bits = (bits & !(0x3 << 62)) | (0x2 << 62);
        Uuid::from_u128(bits)
    }
}

const FIELDS: &[&str] = &["name", "goals", "area", "outputs", "situation"];
const VALUES: &[&str] = &[
    "",
    "Dân vận khéo",
    "thôn Đông",
    "bảo hiểm y tế",
    "rác thải",
    "số hoá",
];

struct World {
    dir: Option<tempfile::TempDir>,
    state: AppState,
    app: axum::Router,
    now: DateTime<Utc>,
    /// The server's clock: the simulated time.
    clock: Arc<Mutex<DateTime<Utc>>>,
}

fn settings(url: &str) -> server::Settings {
    server::Settings {
        store: url.to_owned(),
        dist: PathBuf::from("/nonexistent-dist"),
        ..server::Settings::default()
    }
}

async fn open_state(url: &str, clock: &Arc<Mutex<DateTime<Utc>>>) -> AppState {
    let time = clock.clone();
    let clock: server::app::Clock = Arc::new(move || *time.lock().expect("clock"));
    // Reopening right after a drop can race the engine releasing its lock.
    for _ in 0..400 {
        match AppState::open(settings(url)).await {
            Ok(state) => return state.with_clock(clock),
            Err(_) => tokio::time::sleep(StdDuration::from_millis(25)).await,
        }
    }
    panic!("store {url} did not reopen")
}

impl World {
    async fn new(on_disk: bool) -> World {
        let dir = on_disk.then(|| tempfile::tempdir().expect("tempdir"));
        let url = dir.as_ref().map_or_else(
            || "mem://".to_owned(),
            |d| format!("surrealkv://{}", d.path().display()),
        );
        let now = DateTime::from_timestamp(1_756_000_000, 0).expect("time");
        let clock = Arc::new(Mutex::new(now));
        let state = open_state(&url, &clock).await;
        World {
            app: router(state.clone()),
            state,
            dir,
            now,
            clock,
        }
    }

    fn advance(&mut self, seconds: i64) {
        self.now += Duration::seconds(seconds);
        *self.clock.lock().expect("clock") = self.now;
    }

    async fn restart(&mut self) {
        let Some(dir) = &self.dir else { return };
        let url = format!("surrealkv://{}", dir.path().display());
        self.app = axum::Router::new();
        let old = std::mem::replace(&mut self.state, open_placeholder().await);
        drop(old);
        self.state = open_state(&url, &self.clock).await;
        self.app = router(self.state.clone());
    }

    async fn call(&self, method: &str, uri: &str, token: &str, body: Option<String>) -> Value {
        use http_body_util::BodyExt;
        use tower::ServiceExt;
        let request = axum::http::Request::builder()
            .method(method)
            .uri(uri)
            .header("authorization", format!("Bearer {token}"))
            .header("content-type", "application/json")
            .body(axum::body::Body::from(body.unwrap_or_default()))
            .expect("request");
        let response = self.app.clone().oneshot(request).await.expect("response");
        let status = response.status();
        let bytes = response
            .into_body()
            .collect()
            .await
            .expect("body")
            .to_bytes();
        assert!(
            status.is_success(),
            "{uri}: {status} {}",
            String::from_utf8_lossy(&bytes)
        );
        serde_json::from_slice(&bytes).expect("json")
    }
}

/// A throwaway in-memory state to hold while the real one is reopened.
async fn open_placeholder() -> AppState {
    AppState::open(settings("mem://"))
        .await
        .expect("placeholder")
}

struct Client {
    engine: Engine<MemoryStorage>,
    token: String,
    user: User,
    /// Last value this device saved per (record, field), as the user saw "saved".
    acked: BTreeMap<(Uuid, String), Value>,
}

/// The demo commune's skeleton, and users and sessions for the clients.
async fn seed_world(world: &World, rng: &mut Rng, clients: usize) -> Vec<Client> {
    let data = shared::demo::thanh_mien();
    let commune = data.commune.id.as_uuid();
    let whole = Scope {
        commune,
        unit: None,
    };
    let mut records = vec![(
        RecordState {
            kind: RecordKind::Commune,
            id: commune,
            version: 0,
            fields: to_fields(&data.commune).expect("fields"),
            deleted: false,
            conflicts: Vec::new(),
        },
        whole.clone(),
    )];
    for campaign in &data.campaigns {
        records.push((
            RecordState {
                kind: RecordKind::Campaign,
                id: campaign.id.as_uuid(),
                version: 0,
                fields: to_fields(campaign).expect("fields"),
                deleted: false,
                conflicts: Vec::new(),
            },
            whole.clone(),
        ));
    }
    world.state.store.write_system(records).await.expect("seed");
    let officer = data
        .users
        .iter()
        .find(|u| u.role == Role::UnitOfficer)
        .expect("officer")
        .clone();
    let reviewer = data
        .users
        .iter()
        .find(|u| u.role == Role::Reviewer)
        .expect("reviewer")
        .clone();
    let mut out = Vec::new();
    for i in 0..clients {
        // Mostly officers of one unit (they share records), sometimes the reviewer.
        let user = if i > 0 && rng.chance(25) {
            reviewer.clone()
        } else {
            officer.clone()
        };
        world
            .state
            .store
            .put_user(&StoredUser {
                user: user.clone(),
                password_hash: String::new(),
            })
            .await
            .expect("user");
        let device = rng.uuid();
        let (token, _) = session::open(&world.state.store, &user, Some(device), world.now)
            .await
            .expect("session");
        let id_seed = rng.next();
        let mut ids = Rng(id_seed);
        let engine = Engine::open(MemoryStorage::default(), device)
            .expect("engine")
            .with_id_source(move || ids.uuid());
        out.push(Client {
            engine,
            token,
            user,
            acked: BTreeMap::new(),
        });
    }
    out
}

fn new_model(rng: &mut Rng, user: &User) -> Fields {
    let data = shared::demo::thanh_mien();
    let unit = user.unit_id.unwrap_or(data.units[0].id);
    let mut model = Model::new_draft(
        shared::ids::ModelId::from_uuid(rng.uuid()),
        data.commune.id,
        unit,
        data.campaigns[1].id,
    );
    model.name = VALUES[rng.below(VALUES.len() as u64) as usize].to_owned();
    to_fields(&model).expect("a model is an object")
}

/// The faults of one request.
struct Net {
    lose_request: u64,
    lose_response: u64,
    duplicate: u64,
    delay: u64,
}

enum Delayed {
    Push { token: String, body: String },
}

async fn sync_step(
    world: &World,
    client: &mut Client,
    rng: &mut Rng,
    net: &Net,
    delayed: &mut Vec<Delayed>,
    healed: bool,
) {
    let now = world.now;
    if !healed && !client.engine.due(now) {
        return;
    }
    let pushing = client.engine.begin_push().expect("begin push");
    if let Some(request) = pushing {
        let body = serde_json::to_string(&request).expect("json");
        if !healed && rng.chance(net.delay) {
            delayed.push(Delayed::Push {
                token: client.token.clone(),
                body: body.clone(),
            });
        }
        if !healed && rng.chance(net.lose_request) {
            client.engine.fail("request lost", now).expect("fail");
            return;
        }
        let response = world
            .call("POST", "/api/sync/push", &client.token, Some(body.clone()))
            .await;
        if !healed && rng.chance(net.duplicate) {
            world
                .call("POST", "/api/sync/push", &client.token, Some(body))
                .await;
        }
        if !healed && rng.chance(net.lose_response) {
            client.engine.fail("response lost", now).expect("fail");
            return;
        }
        let response: PushResponse = serde_json::from_value(response).expect("push response");
        client.engine.finish_push(response).expect("finish push");
        return;
    }
    let uri = format!(
        "/api/sync/pull?since={}&limit={}",
        client.engine.cursor(),
        1 + rng.below(5)
    );
    if !healed && rng.chance(net.lose_request) {
        client.engine.fail("request lost", now).expect("fail");
        return;
    }
    let page = world.call("GET", &uri, &client.token, None).await;
    if !healed && rng.chance(net.lose_response) {
        client.engine.fail("response lost", now).expect("fail");
        return;
    }
    let page: PullResponse = serde_json::from_value(page).expect("pull response");
    client.engine.finish_pull(page).expect("finish pull");
}

fn edit(client: &mut Client, rng: &mut Rng, now: DateTime<Utc>) {
    let existing: Vec<Uuid> = client
        .engine
        .views(RecordKind::Model)
        .iter()
        .map(|v| v.id)
        .collect();
    let (id, changes) = if existing.is_empty() || rng.chance(15) {
        let fields = new_model(rng, &client.user);
        let id = fields["id"]
            .as_str()
            .and_then(|s| s.parse().ok())
            .expect("id");
        (id, fields)
    } else {
        let id = existing[rng.below(existing.len() as u64) as usize];
        let mut fields = Fields::new();
        for _ in 0..1 + rng.below(2) {
            let field = FIELDS[rng.below(FIELDS.len() as u64) as usize];
            let value = VALUES[rng.below(VALUES.len() as u64) as usize];
            fields.insert(field.to_owned(), json!(value));
        }
        (id, fields)
    };
    if std::env::var_os("DVK_SIM_TRACE").is_some() {
        eprintln!("  edit {id} {changes:?}");
    }
    client
        .engine
        .edit(RecordKind::Model, id, changes.clone(), now)
        .expect("edit saved");
    for (field, value) in changes {
        client.acked.insert((id, field), value);
    }
}

async fn run_schedule(seed: u64) {
    let mut rng = Rng(seed);
    let on_disk = rng.chance(4);
    let mut world = World::new(on_disk).await;
    let clients_n = 2 + rng.below(4) as usize;
    let mut clients = seed_world(&world, &mut rng, clients_n).await;
    let net = Net {
        lose_request: rng.below(30),
        lose_response: rng.below(30),
        duplicate: rng.below(20),
        delay: rng.below(20),
    };
    let mut delayed: Vec<Delayed> = Vec::new();
    let steps = 20 + rng.below(50);
    let trace = std::env::var_os("DVK_SIM_TRACE").is_some();
    for step in 0..steps {
        world.advance(1 + rng.below(20) as i64);
        let who = rng.below(clients.len() as u64) as usize;
        let action = rng.below(100);
        if trace {
            eprintln!(
                "step {step}: client {who} action {action} pending {} delayed {}",
                clients[who].engine.pending(),
                delayed.len()
            );
        }
        match action {
            0..=39 => edit(&mut clients[who], &mut rng, world.now),
            40..=84 => {
                sync_step(
                    &world,
                    &mut clients[who],
                    &mut rng,
                    &net,
                    &mut delayed,
                    false,
                )
                .await
            }
            85..=91 if !delayed.is_empty() => {
                // A late copy of an old request finally arrives (reordered).
                let Delayed::Push { token, body } =
                    delayed.remove(rng.below(delayed.len() as u64) as usize);
                world
                    .call("POST", "/api/sync/push", &token, Some(body))
                    .await;
            }
            92..=95 => {
                // The tab crashes: memory is gone, storage stays.
                let client = &mut clients[who];
                let storage = client.engine.storage().clone();
                let device = client.engine.device_id();
                let id_seed = rng.next();
                let mut ids = Rng(id_seed);
                client.engine = Engine::open(storage, device)
                    .expect("reopen")
                    .with_id_source(move || ids.uuid());
            }
            96..=97 if on_disk => world.restart().await,
            _ => {}
        }
    }
    // Heal: deliver what is late, then sync everyone until quiet.
    for Delayed::Push { token, body } in delayed.drain(..) {
        world
            .call("POST", "/api/sync/push", &token, Some(body))
            .await;
    }
    for _round in 0..3 {
        for client in clients.iter_mut() {
            client.engine.retry_now();
            loop {
                let before = (client.engine.pending(), client.engine.cursor());
                sync_step(&world, client, &mut rng, &net, &mut Vec::new(), true).await;
                let after = (client.engine.pending(), client.engine.cursor());
                if after == before && client.engine.pending() == 0 {
                    // One more pull to be sure nothing waits.
                    sync_step(&world, client, &mut rng, &net, &mut Vec::new(), true).await;
                    if client.engine.cursor() == after.1 {
                        break;
                    }
                }
            }
        }
    }
    check(&world, &clients, seed).await;
}

async fn check(world: &World, clients: &[Client], seed: u64) {
    let reviewer = clients.iter().find(|c| c.user.role == Role::Reviewer);
    let any = &clients[0];
    // Everything the server holds, as the commune-wide reviewer or an officer.
    let token = reviewer.map_or(&any.token, |c| &c.token);
    let mut server: BTreeMap<Uuid, RecordState> = BTreeMap::new();
    let mut cursor = 0;
    loop {
        let page: PullResponse = serde_json::from_value(
            world
                .call(
                    "GET",
                    &format!("/api/sync/pull?since={cursor}&limit=1000"),
                    token,
                    None,
                )
                .await,
        )
        .expect("pull");
        for record in page.records {
            assert!(
                server.insert(record.id, record).is_none(),
                "seed {seed}: a record was pulled twice"
            );
        }
        cursor = page.cursor;
        if !page.more {
            break;
        }
    }
    for client in clients {
        // 1. Nothing waits; every device converged to the server.
        assert_eq!(
            client.engine.pending(),
            0,
            "seed {seed}: outbox not empty after healing"
        );
        for (id, record) in server.iter().filter(|(_, r)| r.kind == RecordKind::Model) {
            let mine = record.fields.get("unit_id") == Some(&json!(client.user.unit_id));
            if client.user.role == Role::UnitOfficer && !mine {
                continue;
            }
            let copy = client.engine.server_copy(record.kind, *id);
            assert_eq!(
                copy,
                Some(record),
                "seed {seed}: device did not converge on {id}"
            );
        }
        // 2. Every save the user saw acknowledged is on the server (history),
        //    in a visible conflict, or kept on the device as rejected.
        for ((id, field), value) in &client.acked {
            let history = world.state.store.history(*id).await.expect("history");
            let applied = history.iter().any(|h| {
                h["changes"].get(field) == Some(value)
                    && !h["conflicts"]
                        .as_array()
                        .is_some_and(|c| c.iter().any(|f| f == field))
            });
            let in_conflict = server.get(id).is_some_and(|r| {
                r.conflicts.iter().any(|c| {
                    &c.field == field && (&c.client_value == value || &c.server_value == value)
                })
            });
            let rejected_here = client
                .engine
                .rejected()
                .any(|r| r.op.record_id == *id && r.op.changes.get(field) == Some(value));
            assert!(
                applied || in_conflict || rejected_here,
                "seed {seed}: acknowledged save lost: {id} {field} = {value}"
            );
        }
    }
    // 3. No op applied twice.
    let mut seen = BTreeSet::new();
    for id in server.keys() {
        for line in world.state.store.history(*id).await.expect("history") {
            if let Some(op) = line["op_id"].as_str() {
                assert!(
                    seen.insert(op.to_owned()),
                    "seed {seed}: op {op} applied twice"
                );
            }
        }
    }
}

/// Names the seed of a failing schedule so it can be replayed.
struct SeedGuard(u64);

impl Drop for SeedGuard {
    fn drop(&mut self) {
        if std::thread::panicking() {
            eprintln!("sim: schedule failed; replay with DVK_SIM_SEED={}", self.0);
        }
    }
}

fn schedules() -> Vec<u64> {
    if let Some(seed) = std::env::var("DVK_SIM_SEED")
        .ok()
        .and_then(|s| s.parse().ok())
    {
        return vec![seed];
    }
    let n: u64 = std::env::var("DVK_SIM_SCHEDULES")
        .ok()
        .and_then(|s| s.parse().ok())
        .unwrap_or(1000);
    (1..=n).collect()
}

#[tokio::test(flavor = "multi_thread", worker_threads = 2)]
async fn sync_survives_faulty_networks_and_restarts() {
    let seeds = schedules();
    let started = std::time::Instant::now();
    for seed in &seeds {
        let _guard = SeedGuard(*seed);
        run_schedule(*seed).await;
    }
    eprintln!(
        "sim: {} schedules in {:.1} s",
        seeds.len(),
        started.elapsed().as_secs_f64()
    );
}
