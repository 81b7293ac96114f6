//! The server's store restored from a backup: devices that synced before
//! it and after it converge on the restored store, and no waiting change
//! is lost or applied on a stale base.
use super::*;

const E1: Uuid = Uuid::from_u128(0xe1);
const E2: Uuid = Uuid::from_u128(0xe2);

/// The server as a backup restored it: the same records and versions, a
/// new epoch forked at the backup's newest sequence.
fn restore(backup: &Server) -> Server {
    Server {
        epoch: Some(E2),
        forked_at: backup.seq,
        ..backup.clone()
    }
}

/// `server` under epoch E1 after device 1 made model 100 ("X") and
/// synced it; with device 1's engine and the model's id.
fn x_made_under_e1(mut server: Server) -> (Server, Engine<MemoryStorage>, Uuid) {
    server.epoch = Some(E1);
    let x = Uuid::from_u128(100);
    let mut a = engine(1);
    a.edit(
        MODEL,
        x,
        fields(json!({"id": x.to_string(), "name": "X"})),
        t(1),
    )
    .expect("edit");
    sync(&mut a, &mut server);
    (server, a, x)
}

fn server_fields(server: &Server, id: Uuid) -> Fields {
    server.records[&id].state.fields.clone()
}

#[cfg_attr(not(target_arch = "wasm32"), test)]
#[cfg_attr(target_arch = "wasm32", wasm_bindgen_test::wasm_bindgen_test)]
fn a_first_pull_adopts_the_epoch_without_starting_over() {
    let mut server = Server {
        epoch: Some(E1),
        ..Server::default()
    };
    let mut a = engine(1);
    let id = Uuid::from_u128(100);
    a.edit(
        MODEL,
        id,
        fields(json!({"id": id.to_string(), "name": "A"})),
        t(1),
    )
    .expect("edit");
    sync(&mut a, &mut server);
    assert_eq!(a.meta().epoch, Some(E1));
    assert_eq!(a.cursor(), 1);
    assert!(a.warnings().is_empty());
    // A push names the epoch its versions belong to.
    a.edit(MODEL, id, fields(json!({"name": "B"})), t(2))
        .expect("edit");
    let request = a.begin_push().expect("push").expect("batch");
    assert_eq!(request.epoch, Some(E1));
}

#[cfg_attr(not(target_arch = "wasm32"), test)]
#[cfg_attr(target_arch = "wasm32", wasm_bindgen_test::wasm_bindgen_test)]
fn devices_converge_on_a_restored_store_and_keep_their_waiting_changes() {
    let mut server = Server {
        epoch: Some(E1),
        ..Server::default()
    };
    let (x, y) = (Uuid::from_u128(100), Uuid::from_u128(200));
    let mut a = engine(1);
    let mut b = engine(2);
    a.edit(
        MODEL,
        x,
        fields(json!({"id": x.to_string(), "name": "X", "goals": "g1"})),
        t(1),
    )
    .expect("edit");
    b.edit(
        MODEL,
        y,
        fields(json!({"id": y.to_string(), "name": "Y"})),
        t(1),
    )
    .expect("edit");
    sync(&mut a, &mut server);
    sync(&mut b, &mut server);
    sync(&mut a, &mut server);
    let backup = server.clone();
    assert_eq!(backup.seq, 2);

    // After the backup: A changes X and syncs (the restore will lose it);
    // B pulls it, then edits X on that newer base and does not sync.
    a.edit(MODEL, x, fields(json!({"name": "X after backup"})), t(2))
        .expect("edit");
    sync(&mut a, &mut server);
    sync(&mut b, &mut server);
    assert_eq!(b.server_copy(MODEL, x).map(|r| r.version), Some(3));
    b.edit(MODEL, x, fields(json!({"goals": "g2 from B"})), t(3))
        .expect("edit");
    assert_eq!(b.outbox().next().map(|op| op.base_version), Some(3));

    let mut server = restore(&backup);
    // Someone changes X's name on the restored store before B comes back.
    let mut c = engine(3);
    sync(&mut c, &mut server);
    c.edit(MODEL, x, fields(json!({"name": "X by C"})), t(4))
        .expect("edit");
    sync(&mut c, &mut server);
    assert_eq!(
        server.seq, 3,
        "the restored store numbers again from the fork"
    );

    // B's push names E1: refused whole, B pulls, rebases, sends again.
    sync(&mut b, &mut server);
    assert_eq!(b.meta().epoch, Some(E2));
    assert_eq!(b.pending(), 0, "B's waiting change reached the server");
    assert_eq!(b.rejected().count(), 0);
    let on_server = server_fields(&server, x);
    assert_eq!(on_server["goals"], "g2 from B", "B's change is there once");
    assert_eq!(on_server["name"], "X by C", "C's later change is kept");
    assert!(server.records[&x].state.conflicts.is_empty());
    assert!(
        b.warnings()
            .iter()
            .any(|w| w == crate::messages::EPOCH_CHANGED)
    );

    // A never edited after the restore: its next pull starts over and it
    // ends holding exactly the server's records.
    sync(&mut a, &mut server);
    sync(&mut b, &mut server);
    sync(&mut c, &mut server);
    assert_eq!(a.meta().epoch, Some(E2));
    for device in [&a, &b, &c] {
        assert_eq!(device.cursor(), server.seq);
        for (id, record) in &server.records {
            let held = device.server_copy(MODEL, *id).expect("held");
            assert_eq!(held, &record.state, "device {}", device.device_id());
        }
    }
    // Nothing from the lost history is left behind on A.
    assert_eq!(a.view(MODEL, x).expect("x").fields["name"], "X by C");
}

#[cfg_attr(not(target_arch = "wasm32"), test)]
#[cfg_attr(target_arch = "wasm32", wasm_bindgen_test::wasm_bindgen_test)]
fn a_change_on_a_field_someone_changed_after_the_fork_is_a_visible_conflict() {
    let (mut server, mut a, x) = x_made_under_e1(Server::default());
    let backup = server.clone();
    a.edit(
        MODEL,
        x,
        fields(json!({"name": "lost on the server"})),
        t(2),
    )
    .expect("edit");
    sync(&mut a, &mut server);
    a.edit(MODEL, x, fields(json!({"name": "A's waiting name"})), t(3))
        .expect("edit");

    let mut server = restore(&backup);
    let mut c = engine(3);
    sync(&mut c, &mut server);
    c.edit(MODEL, x, fields(json!({"name": "C's name"})), t(4))
        .expect("edit");
    sync(&mut c, &mut server);

    sync(&mut a, &mut server);
    assert_eq!(a.pending(), 0);
    let record = &server.records[&x].state;
    assert_eq!(
        record.fields["name"], "C's name",
        "not silently overwritten"
    );
    assert_eq!(record.conflicts.len(), 1, "{:?}", record.conflicts);
    assert_eq!(record.conflicts[0].client_value, json!("A's waiting name"));
    assert_eq!(a.view(MODEL, x).expect("x").status, SyncStatus::Conflict);
}

#[cfg_attr(not(target_arch = "wasm32"), test)]
#[cfg_attr(target_arch = "wasm32", wasm_bindgen_test::wasm_bindgen_test)]
fn a_refused_change_is_rebased_too_and_resent_once_fixed() {
    let (mut server, mut a, x) = x_made_under_e1(Server {
        forbid: Some("secret".into()),
        ..Server::default()
    });
    let backup = server.clone();
    a.edit(MODEL, x, fields(json!({"name": "X2"})), t(2))
        .expect("edit");
    sync(&mut a, &mut server);
    a.edit(MODEL, x, fields(json!({"secret": "no"})), t(3))
        .expect("edit");
    sync(&mut a, &mut server);
    assert_eq!(a.rejected().count(), 1);
    assert_eq!(a.rejected().next().map(|r| r.op.base_version), Some(2));

    let mut server = restore(&backup);
    server.forbid = None;
    sync(&mut a, &mut server);
    assert_eq!(
        a.rejected().next().map(|r| r.op.base_version),
        Some(1),
        "rebased onto the fork"
    );
    // The person fixes the field: the refused change goes with it.
    a.edit(MODEL, x, fields(json!({"goals": "fixed"})), t(5))
        .expect("edit");
    sync(&mut a, &mut server);
    assert_eq!(a.rejected().count(), 0);
    assert_eq!(server_fields(&server, x)["goals"], "fixed");
    assert_eq!(server_fields(&server, x)["secret"], "no");
}
