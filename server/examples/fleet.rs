//! A city's devices at once (run by `cargo xtask bench fleet`, results in
//! docs/bench.md). N devices, each signed in as one of the demo city's unit
//! officers (every demo commune, round robin), released by one barrier:
//! each pushes 20 new model drafts of its unit in one batch; once every push
//! is answered, all pull their first page (`since=0`) at once. Against
//! - one release server on `surrealkv://` (fsync on): the commune office;
//! - with `DVK_BENCH_SURREAL=<surreal binary>`, `DVK_FLEET_SERVERS` (2)
//!   release app servers on one SurrealDB server over `ws://`, the same
//!   database, device i talking to server i mod k: a city's set-up.
//!
//! A fresh store per level (`DVK_FLEET_DEVICES`, 50,200,1000). Prints per
//! level: push and pull latency p50 / p99 / max, answers by status and
//! outcome, push ops per second, and the resident size of each app server
//! (and of SurrealDB) after the level. `DVK_BENCH_LIMIT_MB` runs each app
//! server as in a container of that much memory (`common::limited`).
//! xtask sets `DVK_PEERS_SERVER` (the release server binary).
#![allow(clippy::disallowed_methods)] // benchmarks make their own ids and times
mod common;

use std::collections::BTreeMap;
use std::path::Path;
use std::sync::Arc;
use std::time::{Duration, Instant};

use common::{Dvk, SurrealServer, env_number, env_path, request, resident_mb, sign_in};
use serde_json::{Value, json};
use shared::ids::{CampaignId, CommuneId, ModelId, UnitId};
use shared::model::Model;
use shared::user::Role;
use tokio::sync::{Barrier, Semaphore};
use uuid::Uuid;

const OPS_PER_DEVICE: usize = 20;
/// Sign-ins in flight at once while the devices are set up (each is an
/// argon2 hash on the server; not timed).
const SIGN_INS_AT_ONCE: usize = 8;

/// A demo unit officer and what their drafts belong to.
#[derive(Clone)]
struct Officer {
    username: String,
    commune: CommuneId,
    unit: UnitId,
    campaign: CampaignId,
}

/// Every unit officer of the demo city, as the server seeds it on the
/// demo day the servers are started with.
fn officers(day: chrono::NaiveDate) -> Vec<Officer> {
    let city = shared::demo::city(day).expect("the demo city");
    let mut out = Vec::new();
    for commune in &city {
        let Some(campaign) = commune.campaigns.iter().max_by_key(|c| c.year) else {
            continue;
        };
        for user in &commune.users {
            if let (Role::UnitOfficer, Some(unit)) = (user.role, user.unit_id) {
                out.push(Officer {
                    username: user.username.clone(),
                    commune: commune.commune.id,
                    unit,
                    campaign: campaign.id,
                });
            }
        }
    }
    out
}

/// A device ready to push: its server, id, session and officer.
struct Device {
    server: usize,
    id: Uuid,
    token: String,
    officer: Officer,
}

fn push_body(device: &Device, n: usize) -> String {
    let o = &device.officer;
    let ops: Vec<Value> = (0..OPS_PER_DEVICE)
        .map(|k| {
            let mut model = Model::new_draft(ModelId::new(), o.commune, o.unit, o.campaign);
            model.name = format!("Thiết bị {n}, mô hình {k}");
            json!({
                "op_id": Uuid::now_v7(), "device_id": device.id, "kind": "model",
                "record_id": model.id, "base_version": 0, "clock": k + 1,
                "changes": model,
            })
        })
        .collect();
    json!({ "device_id": device.id, "ops": ops }).to_string()
}

/// What every device does at once.
#[derive(Clone, Copy)]
enum Step {
    /// 20 new drafts in one batch.
    Push,
    /// The first page of its records (`since=0`).
    Pull,
}

impl Step {
    /// Device `n`'s request: method, URL, body.
    fn request(
        self,
        server: &Dvk,
        device: &Device,
        n: usize,
    ) -> (&'static str, String, Option<String>) {
        match self {
            Step::Push => (
                "POST",
                format!("{}/api/sync/push", server.base),
                Some(push_body(device, n)),
            ),
            Step::Pull => (
                "GET",
                format!("{}/api/sync/pull?since=0&limit=1000", server.base),
                None,
            ),
        }
    }

    /// Push: the ops not `applied`; pull: the records received.
    fn count(self, answer: &Value) -> usize {
        match self {
            Step::Push => answer["results"].as_array().map_or(OPS_PER_DEVICE, |r| {
                r.iter().filter(|r| r["outcome"] != "applied").count()
            }),
            Step::Pull => answer["records"].as_array().map_or(0, Vec::len),
        }
    }
}

/// One request's answer as the level counts it.
struct Answer {
    latency: Duration,
    status: u16,
    /// [`Step::count`].
    count: usize,
    /// An error answer's code and message.
    error: Option<String>,
}

/// `step` from every device at the same moment (a barrier releases them
/// once each has its request made); their answers.
async fn at_once(servers: &Arc<Vec<Dvk>>, devices: &Arc<Vec<Device>>, step: Step) -> Vec<Answer> {
    let barrier = Arc::new(Barrier::new(devices.len()));
    let tasks: Vec<_> = (0..devices.len())
        .map(|n| {
            let (servers, devices, barrier) = (servers.clone(), devices.clone(), barrier.clone());
            tokio::spawn(async move {
                let device = &devices[n];
                let server = &servers[device.server];
                let (method, url, body) = step.request(server, device, n);
                barrier.wait().await;
                let began = Instant::now();
                let (status, answer) =
                    request(&server.http, method, &url, Some(&device.token), body).await;
                Answer {
                    latency: began.elapsed(),
                    status,
                    count: step.count(&answer),
                    error: (status != 200)
                        .then(|| format!("{status} {}: {}", answer["code"], answer["message"])),
                }
            })
        })
        .collect();
    let mut answers = Vec::with_capacity(tasks.len());
    for task in tasks {
        answers.push(task.await.expect("a device's task"));
    }
    answers
}

fn percentile(sorted: &[Duration], p: f64) -> Duration {
    let i = ((sorted.len() as f64 * p).ceil() as usize).clamp(1, sorted.len().max(1)) - 1;
    sorted.get(i).copied().unwrap_or_default()
}

/// "p50 / p99 / max" in ms, and the answers by status.
fn summary(answers: &[Answer]) -> (String, String) {
    let mut latencies: Vec<Duration> = answers.iter().map(|a| a.latency).collect();
    latencies.sort();
    let ms = |d: Duration| d.as_millis();
    let mut statuses = BTreeMap::<u16, usize>::new();
    for a in answers {
        *statuses.entry(a.status).or_default() += 1;
    }
    (
        format!(
            "{} / {} / {} ms",
            ms(percentile(&latencies, 0.5)),
            ms(percentile(&latencies, 0.99)),
            ms(latencies.last().copied().unwrap_or_default())
        ),
        statuses
            .iter()
            .map(|(s, n)| format!("{n}× {s}"))
            .collect::<Vec<_>>()
            .join(", "),
    )
}

async fn level(binary: &Path, surreal: Option<&Path>, servers: usize, n: usize, all: &[Officer]) {
    let db = match surreal {
        Some(path) => Some(SurrealServer::start(path).await),
        None => None,
    };
    let database = format!("fleet{n}");
    // The first server seeds the demo; the others start on its store.
    let mut started = Vec::new();
    for _ in 0..servers {
        let dvk = match &db {
            Some(db) => Dvk::start_in(binary, &db.url, Some(&database)).await,
            None => Dvk::start(binary, "surrealkv").await,
        };
        started.push(dvk);
    }
    let started = Arc::new(started);

    // Devices signed in before the barrier, each at its own server.
    let permits = Arc::new(Semaphore::new(SIGN_INS_AT_ONCE));
    let sign_ins: Vec<_> = (0..n)
        .map(|i| {
            let (servers, permits) = (started.clone(), permits.clone());
            let officer = all[i % all.len()].clone();
            tokio::spawn(async move {
                let _permit = permits.acquire().await.expect("permit");
                let server = i % servers.len();
                let id = Uuid::now_v7();
                let dvk = &servers[server];
                let token = sign_in(&dvk.http, &dvk.base, &officer.username, id).await;
                Device {
                    server,
                    id,
                    token,
                    officer,
                }
            })
        })
        .collect();
    let mut devices = Vec::with_capacity(n);
    for task in sign_ins {
        devices.push(task.await.expect("a sign-in"));
    }
    let devices = Arc::new(devices);

    let began = Instant::now();
    let pushes = at_once(&started, &devices, Step::Push).await;
    let wall = began.elapsed();
    let pulls = at_once(&started, &devices, Step::Pull).await;

    let refused: usize = pushes.iter().map(|a| a.count).sum();
    let pulled: usize = pulls.iter().map(|a| a.count).sum();
    let (push_latency, push_statuses) = summary(&pushes);
    let (pull_latency, pull_statuses) = summary(&pulls);
    let ops_per_s = (n * OPS_PER_DEVICE) as f64 / wall.as_secs_f64();
    let resident: Vec<String> = started
        .iter()
        .map(|s| {
            format!(
                "{:.0} (peak {:.0})",
                s.resident_mb().unwrap_or(f64::NAN),
                s.peak_mb().unwrap_or(f64::NAN)
            )
        })
        .collect();
    let db_resident = db
        .as_ref()
        .and_then(|db| resident_mb(db.pid))
        .map_or(String::new(), |mb| format!(" + SurrealDB {mb:.0}"));
    let mut errors = BTreeMap::<&str, usize>::new();
    for error in pushes
        .iter()
        .chain(&pulls)
        .filter_map(|a| a.error.as_deref())
    {
        *errors.entry(error).or_default() += 1;
    }
    for (error, times) in &errors {
        eprintln!("fleet: {n} devices: {times}× {error}");
    }
    println!(
        "| {n} | {push_latency} | {push_statuses}, {refused} ops not applied | {ops_per_s:.0} | {pull_latency} | {pull_statuses}, {pulled} records | {} MB{db_resident} |",
        resident.join(" / ")
    );
}

#[tokio::main]
async fn main() {
    let binary = env_path("DVK_PEERS_SERVER");
    let surreal = std::env::var_os("DVK_BENCH_SURREAL").map(std::path::PathBuf::from);
    let servers = match surreal {
        Some(_) => env_number("DVK_FLEET_SERVERS", 2).max(1),
        None => 1,
    };
    let levels: Vec<usize> = std::env::var("DVK_FLEET_DEVICES")
        .unwrap_or_else(|_| "50,200,1000".into())
        .split(',')
        .filter_map(|l| l.trim().parse().ok())
        .filter(|&n| n > 0)
        .collect();
    let day = chrono::NaiveDate::from_ymd_opt(shared::demo::STORY_YEAR, 12, 1).expect("a day");
    let all = officers(day);
    assert!(!all.is_empty(), "the demo city has unit officers");
    let store = match &surreal {
        Some(_) => format!("{servers} app servers on one SurrealDB server (ws://)"),
        None => "one app server on surrealkv://".to_owned(),
    };
    println!(
        "fleet: {store}; each device pushes {OPS_PER_DEVICE} drafts at once, then pulls its first page at once; {} officer accounts\n",
        all.len()
    );
    println!(
        "| devices | push p50 / p99 / max | push answers | ops/s | pull p50 / p99 / max | pull answers | resident per app server (its peak) |"
    );
    println!("|---|---|---|---|---|---|---|");
    for n in levels {
        level(&binary, surreal.as_deref(), servers, n, &all).await;
    }
}
