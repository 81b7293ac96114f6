//! Engine behaviour against a tiny in-memory server built on `merge`,
//! one file a subject; this one holds what they share: the server, the
//! transports and the records and pages they build.
use std::collections::BTreeMap;

use chrono::{DateTime, TimeZone, Utc};
use serde_json::{Value, json};
use uuid::Uuid;

use super::*;
use crate::sync::merge::{commit, merge};
use crate::sync::protocol::{
    Fields, OpResult, Outcome, PullResponse, PushRequest, PushResponse, RecordKind, RecordState,
    ServerRecord,
};
use crate::sync::storage::MemoryStorage;

mod devices;
mod epoch;
mod log;
mod outbox;
mod retry;
mod storage;
mod tabs;
mod typed;

fn t(secs: i64) -> DateTime<Utc> {
    Utc.timestamp_opt(1_760_000_000 + secs, 0)
        .single()
        .expect("valid time")
}

fn fields(value: Value) -> Fields {
    match value {
        Value::Object(map) => map,
        _ => panic!("fields must be an object"),
    }
}

#[derive(Default, Clone)]
struct Server {
    seq: u64,
    records: BTreeMap<Uuid, ServerRecord>,
    applied: BTreeMap<Uuid, OpResult>,
    /// Reject any op setting this field (stands in for validation).
    forbid: Option<String>,
    /// The store's epoch and where it forked (a restore, `tests/epoch.rs`).
    epoch: Option<Uuid>,
    forked_at: u64,
}

impl Server {
    fn push(&mut self, request: &PushRequest) -> PushResponse {
        let mut results = Vec::new();
        for op in &request.ops {
            if let Some(done) = self.applied.get(&op.op_id) {
                results.push(done.clone());
                continue;
            }
            let result = if self
                .forbid
                .as_ref()
                .is_some_and(|f| op.changes.contains_key(f))
            {
                OpResult {
                    op_id: op.op_id,
                    outcome: Outcome::Rejected {
                        code: "invalid".into(),
                        message: "Không hợp lệ".into(),
                        errors: Vec::new(),
                    },
                    record: self.records.get(&op.record_id).map(|r| r.state.clone()),
                }
            } else {
                let current = self.records.remove(&op.record_id);
                let merged = merge(current.as_ref(), op);
                let conflicts = merged.conflict_fields();
                self.seq += 1;
                let record = commit(current, op, merged, self.seq);
                let state = record.state.clone();
                self.records.insert(op.record_id, record);
                OpResult {
                    op_id: op.op_id,
                    outcome: if conflicts.is_empty() {
                        Outcome::Applied
                    } else {
                        Outcome::Conflict { fields: conflicts }
                    },
                    record: Some(state),
                }
            };
            self.applied.insert(op.op_id, result.clone());
            results.push(result);
        }
        PushResponse {
            results,
            server_time: t(0),
        }
    }

    fn pull(&self, since: u64) -> PullResponse {
        let mut records: Vec<RecordState> = self
            .records
            .values()
            .filter(|r| r.state.version > since)
            .map(|r| r.state.clone())
            .collect();
        records.sort_by_key(|r| r.version);
        PullResponse {
            cursor: records.last().map_or(since, |r| r.version),
            records,
            more: false,
            head: self.seq,
            server_time: t(0),
            epoch: self.epoch,
            forked_at: self.forked_at,
        }
    }
}

fn engine(device: u128) -> Engine<MemoryStorage> {
    Engine::open(MemoryStorage::default(), Uuid::from_u128(device)).expect("open")
}

/// The in-memory server as a transport: every answer is ready at once.
struct Local<'a>(std::cell::RefCell<&'a mut Server>);

impl crate::sync::Transport for Local<'_> {
    async fn push(&self, request: &PushRequest) -> Result<PushResponse, crate::api::CallError> {
        let mut server = self.0.borrow_mut();
        if let (Some(sent), Some(current)) = (request.epoch, server.epoch)
            && sent != current
        {
            let code = crate::api::Code::EpochChanged;
            return Err(crate::api::CallError::from_answer(
                code.http_status(),
                None,
                Some(crate::api::ApiError::of(code)),
            ));
        }
        Ok(server.push(request))
    }

    async fn pull(&self, since: u64, _limit: u32) -> Result<PullResponse, crate::api::CallError> {
        Ok(self.0.borrow().pull(since))
    }
}

/// Runs a future whose every await is already ready (the local transport).
fn ready<F: std::future::Future>(future: F) -> F::Output {
    let mut future = std::pin::pin!(future);
    let mut cx = std::task::Context::from_waker(std::task::Waker::noop());
    match future.as_mut().poll(&mut cx) {
        std::task::Poll::Ready(value) => value,
        std::task::Poll::Pending => panic!("the local transport never waits"),
    }
}

/// One sync as the app runs it (`sync_once`), against the local server.
fn sync(engine: &mut Engine<MemoryStorage>, server: &mut Server) {
    let cell = std::cell::RefCell::new(engine);
    let transport = Local(std::cell::RefCell::new(server));
    let options = crate::sync::SyncOptions::new(crate::sync::Lease::Held).forced(true);
    let outcome = ready(crate::sync::sync_once(
        &cell,
        &transport,
        options,
        &|| t(0),
        &mut |_| {},
    ));
    assert!(
        matches!(outcome, crate::sync::SyncOutcome::Synced { .. }),
        "{outcome:?}"
    );
}

const MODEL: RecordKind = RecordKind::Model;

/// A record of the server as it would send it (a model, without conflicts).
fn record(n: u128, version: u64, fields: Value) -> RecordState {
    RecordState {
        kind: MODEL,
        id: Uuid::from_u128(n),
        version,
        fields: self::fields(fields),
        deleted: false,
        conflicts: Vec::new(),
        arrived_at: None,
    }
}

/// One pulled page holding `records`, the last page.
fn page(records: Vec<RecordState>) -> PullResponse {
    PullResponse {
        cursor: records.iter().map(|r| r.version).max().unwrap_or(0),
        records,
        more: false,
        head: 0,
        server_time: t(0),
        epoch: None,
        forked_at: 0,
    }
}

/// The engine of `device` with one change waiting (record 1's name).
fn one_edit_waiting(device: u128) -> Engine<MemoryStorage> {
    let mut engine = engine(device);
    engine
        .edit(
            MODEL,
            Uuid::from_u128(1),
            fields(json!({"name": "A"})),
            t(0),
        )
        .expect("edit");
    engine
}

/// The engine of device 1 over `store` (another tab, or a reopening).
fn open(store: MemoryStorage) -> Engine<MemoryStorage> {
    Engine::open(store, Uuid::from_u128(1)).expect("open")
}

/// A transport whose every call fails the same way.
struct Failing(crate::api::CallError);

impl crate::sync::Transport for Failing {
    async fn push(&self, _: &PushRequest) -> Result<PushResponse, crate::api::CallError> {
        Err(self.0.clone())
    }

    async fn pull(&self, _: u64, _: u32) -> Result<PullResponse, crate::api::CallError> {
        Err(self.0.clone())
    }
}

fn run_once(
    engine: &mut Engine<MemoryStorage>,
    transport: &impl crate::sync::Transport,
    lease: crate::sync::Lease<'_>,
    now: DateTime<Utc>,
) -> (crate::sync::SyncOutcome, Vec<crate::sync::Progress>) {
    let cell = std::cell::RefCell::new(engine);
    let mut heard = Vec::new();
    let outcome = ready(crate::sync::sync_once(
        &cell,
        transport,
        crate::sync::SyncOptions::new(lease).page(2),
        &|| now,
        &mut |p| heard.push(p),
    ));
    (outcome, heard)
}
