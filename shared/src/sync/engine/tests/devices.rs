//! Devices syncing through the in-memory server: their changes merge, an
//! answer lost is applied once, a backup goes under its own device, a new
//! scope starts the pull over, and the data mark follows the records.
use super::*;

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
