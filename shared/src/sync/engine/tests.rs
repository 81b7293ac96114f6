//! Engine behaviour against a tiny in-memory server built on `merge`.
use std::collections::BTreeMap;

use chrono::{DateTime, TimeZone, Utc};
use serde_json::{Value, json};
use uuid::Uuid;

use super::*;
use crate::sync::merge::{commit, merge};
use crate::sync::protocol::{
    OpResult, Outcome, PullResponse, PushRequest, PushResponse, RecordKind, RecordState,
    ServerRecord,
};
use crate::sync::storage::MemoryStorage;

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

#[cfg_attr(not(target_arch = "wasm32"), test)]
#[cfg_attr(target_arch = "wasm32", wasm_bindgen_test::wasm_bindgen_test)]
fn a_saved_edit_is_in_storage_and_survives_reopening() {
    let mut a = engine(1);
    let id = Uuid::from_u128(100);
    a.edit(MODEL, id, fields(json!({"name": "Dân vận khéo"})), t(1))
        .expect("edit");
    let storage = a.storage().clone();
    let reopened = Engine::open(storage, Uuid::from_u128(1)).expect("reopen");
    let view = reopened.view(MODEL, id).expect("view");
    assert_eq!(view.fields["name"], "Dân vận khéo");
    assert_eq!(view.status, SyncStatus::LocalOnly);
    assert_eq!(reopened.pending(), 1);
}

#[cfg_attr(not(target_arch = "wasm32"), test)]
#[cfg_attr(target_arch = "wasm32", wasm_bindgen_test::wasm_bindgen_test)]
fn a_failed_write_is_reported_and_changes_nothing() {
    let storage = MemoryStorage {
        fail_writes: true,
        ..MemoryStorage::default()
    };
    let mut a = Engine::open(storage, Uuid::from_u128(1)).expect("open");
    let id = Uuid::from_u128(100);
    let error = a.edit(MODEL, id, fields(json!({"name": "x"})), t(1));
    assert!(matches!(error, Err(StorageError::Write(_))));
    assert!(a.view(MODEL, id).is_none());
    assert_eq!(a.pending(), 0);
}

#[cfg_attr(not(target_arch = "wasm32"), test)]
#[cfg_attr(target_arch = "wasm32", wasm_bindgen_test::wasm_bindgen_test)]
fn edits_fold_into_one_op_until_it_is_sent() {
    let mut a = engine(1);
    let id = Uuid::from_u128(100);
    a.edit(MODEL, id, fields(json!({"name": "D"})), t(1))
        .expect("edit");
    a.edit(
        MODEL,
        id,
        fields(json!({"name": "Dân", "area": "thôn"})),
        t(2),
    )
    .expect("edit");
    assert_eq!(a.pending(), 1);
    let request = a.begin_push().expect("push").expect("batch");
    assert_eq!(request.ops.len(), 1);
    // Typing on while the batch is on its way makes a new op.
    a.edit(MODEL, id, fields(json!({"name": "Dân vận"})), t(3))
        .expect("edit");
    assert_eq!(a.pending(), 2);
    assert!(
        a.begin_push().expect("push").is_none(),
        "one push at a time"
    );
    let mut server = Server::default();
    a.finish_push(server.push(&request)).expect("finish");
    assert_eq!(a.pending(), 1);
    sync(&mut a, &mut server);
    let view = a.view(MODEL, id).expect("view");
    assert_eq!(view.status, SyncStatus::Synced);
    assert_eq!(view.fields["name"], "Dân vận");
    assert_eq!(server.records[&id].state.fields["area"], "thôn");
}

#[cfg_attr(not(target_arch = "wasm32"), test)]
#[cfg_attr(target_arch = "wasm32", wasm_bindgen_test::wasm_bindgen_test)]
fn two_status_moves_in_a_row_stay_two_steps() {
    let mut a = engine(1);
    let id = Uuid::from_u128(100);
    a.edit(MODEL, id, fields(json!({"status": "da_danh_gia"})), t(1))
        .expect("evaluate");
    a.edit(MODEL, id, fields(json!({"status": "cong_nhan"})), t(2))
        .expect("recognise");
    let request = a.begin_push().expect("push").expect("batch");
    let steps: Vec<&Value> = request.ops.iter().map(|op| &op.changes["status"]).collect();
    assert_eq!(steps, [&json!("da_danh_gia"), &json!("cong_nhan")]);
}

#[cfg_attr(not(target_arch = "wasm32"), test)]
#[cfg_attr(target_arch = "wasm32", wasm_bindgen_test::wasm_bindgen_test)]
fn lost_response_then_retry_applies_once() {
    let mut a = engine(1);
    let mut server = Server::default();
    let id = Uuid::from_u128(100);
    a.edit(MODEL, id, fields(json!({"name": "A"})), t(1))
        .expect("edit");
    let request = a.begin_push().expect("push").expect("batch");
    let _lost = server.push(&request);
    a.fail("mất kết nối", t(2)).expect("fail");
    assert_eq!(a.pending(), 1, "kept until acknowledged");
    a.retry_now();
    sync(&mut a, &mut server);
    assert_eq!(a.pending(), 0);
    assert_eq!(server.seq, 1, "applied exactly once");
}

#[cfg_attr(not(target_arch = "wasm32"), test)]
#[cfg_attr(target_arch = "wasm32", wasm_bindgen_test::wasm_bindgen_test)]
fn failures_back_off_and_online_retries_at_once() {
    let mut a = engine(1);
    a.edit(
        MODEL,
        Uuid::from_u128(1),
        fields(json!({"name": "A"})),
        t(0),
    )
    .expect("edit");
    a.fail("offline", t(0)).expect("fail");
    assert!(!a.due(t(1)));
    assert!(a.due(t(3)));
    a.fail("offline", t(3)).expect("fail");
    a.fail("offline", t(3)).expect("fail");
    assert!(!a.due(t(10)), "8 s after the third failure");
    assert!(a.due(t(12)));
    for _ in 0..30 {
        a.fail("offline", t(100)).expect("fail");
    }
    assert!(a.due(t(100 + 301)), "never more than five minutes");
    a.fail("offline", t(500)).expect("fail");
    a.retry_now();
    assert!(a.due(t(500)));
    assert_eq!(a.summary().last_error.as_deref(), Some("offline"));
}

#[cfg_attr(not(target_arch = "wasm32"), test)]
#[cfg_attr(target_arch = "wasm32", wasm_bindgen_test::wasm_bindgen_test)]
fn two_devices_different_fields_merge_same_field_conflicts() {
    let mut server = Server::default();
    let (mut a, mut b) = (engine(1), engine(2));
    let id = Uuid::from_u128(100);
    a.edit(
        MODEL,
        id,
        fields(json!({"name": "A", "area": "x", "goals": "g"})),
        t(1),
    )
    .expect("edit");
    sync(&mut a, &mut server);
    sync(&mut b, &mut server);
    a.edit(
        MODEL,
        id,
        fields(json!({"name": "A2", "goals": "from a"})),
        t(2),
    )
    .expect("edit");
    b.edit(
        MODEL,
        id,
        fields(json!({"area": "y", "goals": "from b"})),
        t(2),
    )
    .expect("edit");
    sync(&mut a, &mut server);
    sync(&mut b, &mut server);
    sync(&mut a, &mut server);
    let (va, vb) = (a.view(MODEL, id).expect("a"), b.view(MODEL, id).expect("b"));
    assert_eq!(va.fields, vb.fields, "converged");
    assert_eq!(va.fields["name"], "A2");
    assert_eq!(va.fields["area"], "y");
    assert_eq!(va.status, SyncStatus::Conflict);
    let conflict = &va.conflicts[0];
    assert_eq!(conflict.field, "goals");
    assert_eq!(conflict.server_value, json!("from a"));
    assert_eq!(conflict.client_value, json!("from b"));
    // A person settles it; the conflict is gone everywhere.
    b.resolve(MODEL, id, "goals", json!("cả hai"), t(3))
        .expect("resolve");
    assert_eq!(b.view(MODEL, id).expect("b").status, SyncStatus::Pending);
    sync(&mut b, &mut server);
    sync(&mut a, &mut server);
    let va = a.view(MODEL, id).expect("a");
    assert_eq!(va.status, SyncStatus::Synced);
    assert_eq!(va.fields["goals"], "cả hai");
}

#[cfg_attr(not(target_arch = "wasm32"), test)]
#[cfg_attr(target_arch = "wasm32", wasm_bindgen_test::wasm_bindgen_test)]
fn pulled_changes_merge_with_local_pending_edits() {
    let mut server = Server::default();
    let (mut a, mut b) = (engine(1), engine(2));
    let id = Uuid::from_u128(100);
    a.edit(MODEL, id, fields(json!({"name": "A", "area": "x"})), t(1))
        .expect("edit");
    sync(&mut a, &mut server);
    sync(&mut b, &mut server);
    b.edit(MODEL, id, fields(json!({"area": "b's"})), t(2))
        .expect("edit");
    a.edit(MODEL, id, fields(json!({"name": "a's"})), t(2))
        .expect("edit");
    sync(&mut a, &mut server);
    // b pulls only: its own edit stays on top of a's.
    let page = server.pull(b.cursor());
    b.finish_pull(page).expect("pull");
    let view = b.view(MODEL, id).expect("b");
    assert_eq!(view.fields["name"], "a's");
    assert_eq!(view.fields["area"], "b's");
    assert_eq!(view.status, SyncStatus::Pending);
}

#[cfg_attr(not(target_arch = "wasm32"), test)]
#[cfg_attr(target_arch = "wasm32", wasm_bindgen_test::wasm_bindgen_test)]
fn a_rejected_change_stays_visible_with_its_reason_and_is_retried_on_edit() {
    let mut server = Server {
        forbid: Some("status".into()),
        ..Server::default()
    };
    let mut a = engine(1);
    let id = Uuid::from_u128(100);
    a.edit(MODEL, id, fields(json!({"name": "A"})), t(1))
        .expect("edit");
    sync(&mut a, &mut server);
    a.edit(MODEL, id, fields(json!({"status": "da_gui"})), t(2))
        .expect("edit");
    sync(&mut a, &mut server);
    let view = a.view(MODEL, id).expect("view");
    assert_eq!(view.status, SyncStatus::Rejected);
    assert_eq!(
        view.fields["status"], "da_gui",
        "the person's change is kept"
    );
    assert_eq!(view.rejections[0].message, "Không hợp lệ");
    assert_eq!(a.pending(), 0);
    assert_eq!(a.summary().rejected, 1);
    // Reopening keeps it.
    let mut a = Engine::open(a.storage().clone(), Uuid::from_u128(1)).expect("reopen");
    assert_eq!(
        a.view(MODEL, id).expect("view").status,
        SyncStatus::Rejected
    );
    // Fixing and editing again sends the refused change with the fix.
    server.forbid = None;
    a.edit(MODEL, id, fields(json!({"goals": "g"})), t(3))
        .expect("edit");
    sync(&mut a, &mut server);
    let view = a.view(MODEL, id).expect("view");
    assert_eq!(view.status, SyncStatus::Synced);
    assert_eq!(server.records[&id].state.fields["status"], "da_gui");
}

#[cfg_attr(not(target_arch = "wasm32"), test)]
#[cfg_attr(target_arch = "wasm32", wasm_bindgen_test::wasm_bindgen_test)]
fn corrupt_entries_are_kept_aside_and_do_not_block_opening() {
    let mut storage = MemoryStorage::default();
    storage
        .data
        .insert("outbox/0000000000000001-x".into(), "{broken".into());
    storage.data.insert("sync/meta".into(), "[]".into());
    let a = Engine::open(storage, Uuid::from_u128(1)).expect("open");
    assert_eq!(a.warnings().len(), 2);
    assert_eq!(
        a.storage()
            .data
            .get("corrupt/outbox/0000000000000001-x")
            .map(String::as_str),
        Some("{broken")
    );
    assert_eq!(a.pending(), 0);
    assert_eq!(a.cursor(), 0);
}

#[cfg_attr(not(target_arch = "wasm32"), test)]
#[cfg_attr(target_arch = "wasm32", wasm_bindgen_test::wasm_bindgen_test)]
fn only_a_draft_never_sent_can_be_discarded() {
    let mut server = Server::default();
    let mut a = engine(1);
    let (draft, sent) = (Uuid::from_u128(1), Uuid::from_u128(2));
    a.edit(MODEL, sent, fields(json!({"name": "sent"})), t(1))
        .expect("edit");
    sync(&mut a, &mut server);
    a.edit(MODEL, draft, fields(json!({"name": "draft"})), t(2))
        .expect("edit");
    assert!(!a.discard_local(MODEL, sent).expect("discard"));
    assert!(a.discard_local(MODEL, draft).expect("discard"));
    assert!(a.view(MODEL, draft).is_none());
    assert!(a.view(MODEL, sent).is_some());
}

#[cfg_attr(not(target_arch = "wasm32"), test)]
#[cfg_attr(target_arch = "wasm32", wasm_bindgen_test::wasm_bindgen_test)]
fn clock_going_backwards_keeps_op_order() {
    let mut server = Server::default();
    let mut a = engine(1);
    let id = Uuid::from_u128(1);
    a.edit(MODEL, id, fields(json!({"name": "first"})), t(100))
        .expect("edit");
    let _sending = a.begin_push().expect("push").expect("batch");
    a.edit(MODEL, id, fields(json!({"name": "second"})), t(-5000))
        .expect("edit");
    a.fail("x", t(0)).expect("fail");
    a.retry_now();
    sync(&mut a, &mut server);
    assert_eq!(server.records[&id].state.fields["name"], "second");
}

#[cfg_attr(not(target_arch = "wasm32"), test)]
#[cfg_attr(target_arch = "wasm32", wasm_bindgen_test::wasm_bindgen_test)]
fn ops_written_by_another_tab_are_sent_too() {
    let mut server = Server::default();
    let mut tab1 = engine(1);
    let mut tab2 = Engine::open(tab1.storage().clone(), Uuid::from_u128(1)).expect("open");
    tab2.edit(
        MODEL,
        Uuid::from_u128(9),
        fields(json!({"name": "tab 2"})),
        t(1),
    )
    .expect("edit");
    // Share tab2's storage with tab1 as a browser would.
    tab1 = Engine::open(tab2.storage().clone(), Uuid::from_u128(1)).expect("open");
    tab1.edit(
        MODEL,
        Uuid::from_u128(8),
        fields(json!({"name": "tab 1"})),
        t(2),
    )
    .expect("edit");
    sync(&mut tab1, &mut server);
    assert_eq!(server.records.len(), 2);
}

#[cfg_attr(not(target_arch = "wasm32"), test)]
#[cfg_attr(target_arch = "wasm32", wasm_bindgen_test::wasm_bindgen_test)]
fn one_tab_at_a_time_holds_the_sync_lease() {
    let mut tab1 = engine(1);
    let mut tab2 = Engine::open(tab1.storage().clone(), Uuid::from_u128(1)).expect("open");
    assert!(tab1.acquire_lease("tab-1", t(0)).expect("lease"));
    // The second tab sees the first one's lease (shared storage).
    let mut tab2b = Engine::open(tab1.storage().clone(), Uuid::from_u128(1)).expect("open");
    assert!(!tab2b.acquire_lease("tab-2", t(10)).expect("lease"));
    assert!(
        tab2b.acquire_lease("tab-2", t(31)).expect("lease"),
        "an abandoned lease runs out"
    );
    tab2.release_lease("tab-2").expect("release");
    assert!(tab1.acquire_lease("tab-1", t(5)).expect("renew own"));
    tab1.release_lease("tab-1").expect("release");
    assert!(!tab1.storage().data.contains_key("sync/lease"));
}

#[cfg_attr(not(target_arch = "wasm32"), test)]
#[cfg_attr(target_arch = "wasm32", wasm_bindgen_test::wasm_bindgen_test)]
fn a_backup_from_another_device_is_sent_under_that_devices_id() {
    // Phone 1 makes two drafts offline and is lost; its backup goes onto phone 2.
    let mut lost = engine(1);
    for n in [100, 101] {
        lost.edit(
            MODEL,
            Uuid::from_u128(n),
            fields(json!({"name": "nháp"})),
            t(n as i64),
        )
        .expect("edit");
    }
    let backup = crate::sync::backup::export(&lost, Uuid::nil(), "a", Uuid::from_u128(1), t(200))
        .expect("export");
    let mut phone = Engine::open(MemoryStorage::default(), Uuid::from_u128(2)).expect("open");
    crate::sync::backup::restore(&mut phone, &backup, Uuid::nil()).expect("restore");
    phone
        .edit(
            MODEL,
            Uuid::from_u128(102),
            fields(json!({"name": "mới"})),
            t(300),
        )
        .expect("edit");
    let mut server = Server::default();
    let mut devices = Vec::new();
    while let Some(request) = phone.begin_push().expect("push") {
        assert!(
            request
                .ops
                .iter()
                .all(|op| op.device_id == request.device_id)
        );
        devices.push(request.device_id);
        let response = server.push(&request);
        phone.finish_push(response).expect("finish");
    }
    assert_eq!(devices, vec![Uuid::from_u128(1), Uuid::from_u128(2)]);
    assert_eq!(phone.pending(), 0);
    let page = server.pull(phone.cursor());
    phone.finish_pull(page).expect("pull");
    assert_eq!(phone.views(MODEL).len(), 3);
}

#[cfg_attr(not(target_arch = "wasm32"), test)]
#[cfg_attr(target_arch = "wasm32", wasm_bindgen_test::wasm_bindgen_test)]
fn a_new_scope_pulls_from_scratch_and_keeps_pending_changes() {
    let mut server = Server::default();
    let mut a = engine(1);
    assert!(
        !a.set_scope("officer|unit-a").expect("first scope"),
        "nothing to reset the first time"
    );
    a.edit(
        MODEL,
        Uuid::from_u128(100),
        fields(json!({"name": "đã gửi"})),
        t(1),
    )
    .expect("edit");
    sync(&mut a, &mut server);
    assert!(a.cursor() > 0);
    a.edit(
        MODEL,
        Uuid::from_u128(101),
        fields(json!({"name": "chưa gửi"})),
        t(2),
    )
    .expect("edit");
    // Same scope again: nothing changes.
    assert!(!a.set_scope("officer|unit-a").expect("same scope"));
    assert_eq!(a.views(MODEL).len(), 2);
    // Moved to another unit: old records go, the cursor restarts, the pending change stays.
    assert!(a.set_scope("officer|unit-b").expect("new scope"));
    assert_eq!(a.cursor(), 0);
    assert_eq!(a.pending(), 1);
    let left: Vec<Uuid> = a.views(MODEL).iter().map(|v| v.id).collect();
    assert_eq!(left, vec![Uuid::from_u128(101)]);
    // Reopening keeps the new scope and the empty cursor.
    let reopened = Engine::open(a.storage().clone(), Uuid::from_u128(1)).expect("reopen");
    assert_eq!(reopened.cursor(), 0);
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

#[cfg_attr(not(target_arch = "wasm32"), test)]
#[cfg_attr(target_arch = "wasm32", wasm_bindgen_test::wasm_bindgen_test)]
fn no_network_never_backs_off_but_a_server_error_does() {
    use crate::api::{ApiError, CallError};
    use crate::sync::{Lease, SyncOutcome};
    let mut a = engine(1);
    a.edit(
        MODEL,
        Uuid::from_u128(1),
        fields(json!({"name": "A"})),
        t(0),
    )
    .expect("edit");
    let (outcome, _) = run_once(&mut a, &Failing(CallError::Offline), Lease::Held, t(0));
    assert_eq!(outcome, SyncOutcome::Failed(CallError::Offline));
    assert!(
        a.due(t(0)),
        "the next try waits for nothing but the network"
    );
    assert_eq!(a.pending(), 1, "kept on the device");
    let server_error = CallError::Server(ApiError::new("internal", "lỗi"));
    let (outcome, _) = run_once(&mut a, &Failing(server_error), Lease::Held, t(0));
    assert!(matches!(outcome, SyncOutcome::Failed(_)));
    assert!(
        !a.due(t(1)),
        "a server that answers with errors is given time"
    );
    let (outcome, _) = run_once(&mut a, &Failing(CallError::Offline), Lease::Held, t(1));
    assert_eq!(outcome, SyncOutcome::NotDue);
    assert_eq!(a.pending(), 1);
}

#[cfg_attr(not(target_arch = "wasm32"), test)]
#[cfg_attr(target_arch = "wasm32", wasm_bindgen_test::wasm_bindgen_test)]
fn a_busy_server_is_not_asked_again_before_its_retry_after() {
    use crate::api::{ApiError, CallError, Code};
    use crate::sync::{Lease, SyncOutcome};
    let mut a = engine(1);
    a.edit(
        MODEL,
        Uuid::from_u128(1),
        fields(json!({"name": "A"})),
        t(0),
    )
    .expect("edit");
    let busy = CallError::from_answer(503, Some("120"), Some(ApiError::of(Code::Unavailable)));
    let (outcome, _) = run_once(&mut a, &Failing(busy), Lease::Held, t(0));
    assert!(matches!(
        outcome,
        SyncOutcome::Failed(CallError::Busy { .. })
    ));
    assert!(!a.due(t(119)), "before Retry-After, though backoff is 2 s");
    assert!(a.due(t(121)));
    assert_eq!(a.pending(), 1, "kept on the device");
}

#[cfg_attr(not(target_arch = "wasm32"), test)]
#[cfg_attr(target_arch = "wasm32", wasm_bindgen_test::wasm_bindgen_test)]
fn a_sync_reports_progress_and_waits_for_another_tabs_lease() {
    use crate::sync::{Lease, Progress, SyncOutcome};
    let mut server = Server::default();
    let mut other = engine(9);
    for n in 0..5 {
        other
            .edit(
                MODEL,
                Uuid::from_u128(100 + n),
                fields(json!({"name": "x"})),
                t(0),
            )
            .expect("edit");
    }
    sync(&mut other, &mut server);
    let mut a = engine(1);
    a.edit(
        MODEL,
        Uuid::from_u128(1),
        fields(json!({"name": "A"})),
        t(0),
    )
    .expect("edit");
    let mut tab2 = Engine::open(a.storage().clone(), Uuid::from_u128(1)).expect("open");
    assert!(tab2.acquire_lease("tab-2", t(0)).expect("lease"));
    // Tabs share storage: copy tab 2's lease into a's storage.
    a.store = tab2.storage().clone();
    let holder = Lease::Storage { holder: "tab-1" };
    let (outcome, _) = run_once(
        &mut a,
        &Local(std::cell::RefCell::new(&mut server)),
        holder,
        t(1),
    );
    assert_eq!(outcome, SyncOutcome::Busy);
    assert_eq!(a.pending(), 1, "nothing sent while another tab syncs");
    let (outcome, heard) = run_once(
        &mut a,
        &Local(std::cell::RefCell::new(&mut server)),
        holder,
        t(40),
    );
    assert_eq!(
        outcome,
        SyncOutcome::Synced {
            sent: 1,
            received: 6
        }
    );
    assert_eq!(
        heard.first(),
        Some(&Progress::Sending {
            sent: 0,
            waiting: 1
        })
    );
    assert_eq!(heard.last(), Some(&Progress::Receiving { share: 1.0 }));
    assert!(!a.storage().data.contains_key("sync/lease"), "given back");
}

#[cfg_attr(not(target_arch = "wasm32"), test)]
#[cfg_attr(target_arch = "wasm32", wasm_bindgen_test::wasm_bindgen_test)]
fn a_refused_change_never_comes_back_over_a_later_value_of_the_same_field() {
    // Found by the simulation (seed 395): op 1 (name A) is refused while
    // op 2 (name B, made later) waits; an edit made while op 2 is being
    // sent retries op 1 and must not carry name A over op 2's B.
    let mut server = Server {
        forbid: Some("name".into()),
        ..Server::default()
    };
    let mut a = engine(1);
    let id = Uuid::from_u128(100);
    a.edit(MODEL, id, fields(json!({"name": "A", "goals": "g1"})), t(1))
        .expect("edit");
    let first = a.begin_push().expect("push").expect("batch");
    a.edit(MODEL, id, fields(json!({"name": "B"})), t(2))
        .expect("edit");
    a.finish_push(server.push(&first)).expect("op 1 refused");
    let second = a.begin_push().expect("push").expect("batch");
    a.edit(MODEL, id, fields(json!({"area": "x"})), t(3))
        .expect("edit while op 2 is sent");
    a.finish_push(server.push(&second)).expect("op 2 refused");
    server.forbid = None;
    a.edit(MODEL, id, fields(json!({"outputs": "y"})), t(4))
        .expect("edit");
    let view = a.view(MODEL, id).expect("view");
    assert_eq!(view.fields["name"], "B", "the later value stays on top");
    sync(&mut a, &mut server);
    let stored = &server.records[&id].state.fields;
    assert_eq!(stored["name"], "B");
    assert_eq!(
        stored["goals"], "g1",
        "the rest of the refused change is kept"
    );
    assert_eq!(
        (&stored["area"], &stored["outputs"]),
        (&json!("x"), &json!("y"))
    );
}

mod epoch;

#[cfg_attr(not(target_arch = "wasm32"), test)]
#[cfg_attr(target_arch = "wasm32", wasm_bindgen_test::wasm_bindgen_test)]
fn the_data_mark_moves_only_when_the_records_do() {
    let mut server = Server {
        forbid: Some("status".into()),
        ..Server::default()
    };
    let (mut a, mut b) = (engine(1), engine(2));
    let id = Uuid::from_u128(100);
    let start = a.data_mark();
    sync(&mut a, &mut server);
    assert_eq!(a.data_mark(), start, "a sync that brought nothing");
    a.edit(MODEL, id, fields(json!({"name": "A"})), t(1))
        .expect("edit");
    let edited = a.data_mark();
    assert_ne!(edited, start, "an edit");
    sync(&mut a, &mut server);
    let sent = a.data_mark();
    assert_ne!(sent, edited, "the edit sent and answered");
    sync(&mut a, &mut server);
    assert_eq!(a.data_mark(), sent, "again nothing new");
    sync(&mut b, &mut server);
    b.edit(MODEL, id, fields(json!({"name": "B"})), t(2))
        .expect("edit");
    sync(&mut b, &mut server);
    sync(&mut a, &mut server);
    let arrived = a.data_mark();
    assert_ne!(arrived, sent, "another device's change arrived");
    a.edit(MODEL, id, fields(json!({"status": "da_gui"})), t(3))
        .expect("edit");
    let refused = a.data_mark();
    sync(&mut a, &mut server);
    assert_eq!(a.summary().rejected, 1);
    assert_ne!(a.data_mark(), refused, "the server refused the change");
    assert_ne!(a.data_mark(), arrived);
    let reopened = Engine::open(a.storage().clone(), Uuid::from_u128(1)).expect("reopen");
    assert_eq!(
        reopened.data_mark(),
        a.data_mark(),
        "the same records read again"
    );
}
