//! A device that holds a whole commune (issue #19): data in IndexedDB, one
//! database per person; a device with data in localStorage from an older
//! build moves it in once, loses and duplicates nothing, and if the move
//! fails keeps using the old data.
use serde_json::{Value, json};
use shared::model::Model;
use shared::model_listing::ModelListing;
use shared::sync::Summarized;
use shared::sync::{Conflict, Op, RecordKind, RecordState, to_fields};
use uuid::Uuid;

use super::idb;
use super::journey::listed_id;
use super::*;

/// The server holds a model of the officer's unit with a conflict on `goals`.
async fn conflicted_model(server: &TestServer, username: &str) -> RecordState {
    let data = shared::demo::thanh_mien();
    let user = demo_user(username);
    let unit = user.unit_id.expect("an officer's unit");
    let campaign = data.campaigns.last().expect("campaign").id;
    let mut model = Model::new_draft(shared::ids::ModelId::new(), data.commune.id, unit, campaign);
    model.name = "Mô hình có xung đột".into();
    model.goals = "Mục tiêu trên máy chủ".into();
    let state = RecordState {
        kind: RecordKind::Model,
        id: model.id.as_uuid(),
        version: 0,
        fields: to_fields(&model).expect("fields"),
        deleted: false,
        conflicts: vec![Conflict {
            field: "goals".into(),
            server_value: json!("Mục tiêu trên máy chủ"),
            client_value: json!("Mục tiêu từ máy khác"),
            op_id: Uuid::now_v7(),
            device_id: Uuid::now_v7(),
            seq: 1,
        }],
        arrived_at: None,
    };
    let scope = server::store::records::Scope {
        commune: data.commune.id.as_uuid(),
        unit: Some(unit.as_uuid()),
    };
    let seq = server
        .state
        .store
        .write_system(vec![(state.clone(), scope)])
        .await
        .expect("seed");
    RecordState {
        version: seq,
        ..state
    }
}

fn op(device: Uuid, clock: u64, kind: RecordKind, record: Uuid, base: u64, changes: Value) -> Op {
    let Value::Object(changes) = changes else {
        panic!("changes are an object")
    };
    Op {
        op_id: Uuid::now_v7(),
        device_id: device,
        kind,
        record_id: record,
        base_version: base,
        clock,
        changes,
        resolves: Vec::new(),
        client_time: None,
    }
}

/// What the older build kept in localStorage for this person: a record
/// with a conflict, two new drafts and an edit waiting, a draft name.
fn old_entries(
    username: &str,
    device: Uuid,
    record: &RecordState,
) -> (Vec<(String, String)>, Vec<Op>) {
    let user = demo_user(username);
    let data = shared::demo::thanh_mien();
    let unit = user.unit_id.expect("unit");
    let campaign = data.campaigns.last().expect("campaign").id;
    let mut ops = Vec::new();
    for (i, name) in ["Nháp cũ thứ nhất", "Nháp cũ thứ hai"]
        .into_iter()
        .enumerate()
    {
        let mut model =
            Model::new_draft(shared::ids::ModelId::new(), data.commune.id, unit, campaign);
        model.name = name.into();
        let fields = serde_json::to_value(&model).expect("model");
        ops.push(op(
            device,
            10 + i as u64,
            RecordKind::Model,
            model.id.as_uuid(),
            0,
            fields,
        ));
    }
    ops.push(op(
        device,
        20,
        RecordKind::Model,
        record.id,
        record.version,
        json!({ "area": "Thôn Đoài" }),
    ));
    let prefix = format!("dvk/v1/u/{}/", user.id);
    let mut entries: Vec<(String, String)> = ops
        .iter()
        .map(|op| {
            (
                format!("{prefix}outbox/{:016}-{}", op.clock, op.op_id),
                serde_json::to_string(op).expect("op"),
            )
        })
        .collect();
    entries.push((
        format!("{prefix}rec/model/{}", record.id),
        serde_json::to_string(record).expect("record"),
    ));
    entries.push((format!("{prefix}sync/clock"), "20".into()));
    entries.push((
        format!("{prefix}draft/new-model-name"),
        json!("nháp tên cũ").to_string(),
    ));
    (entries, ops)
}

async fn local_keys(client: &Client, username: &str) -> Vec<String> {
    let prefix = format!("dvk/v1/u/{}/", demo_user(username).id);
    let keys = eval(
        client,
        &format!(
            "return Object.keys(localStorage).filter((k) => k.startsWith({}));",
            json!(prefix)
        ),
    )
    .await;
    serde_json::from_value(keys).expect("keys")
}

async fn listed_once(client: &Client, name: &str) {
    let deadline = Instant::now() + WAIT;
    loop {
        let count = model_names(client)
            .await
            .iter()
            .filter(|n| *n == name)
            .count();
        if count == 1 {
            return;
        }
        assert!(count < 2, "{name} listed {count} times");
        assert!(Instant::now() < deadline, "{name} not listed");
        tokio::time::sleep(Duration::from_millis(50)).await;
    }
}

#[tokio::test(flavor = "multi_thread", worker_threads = 2)]
async fn old_local_storage_moves_into_indexeddb_once_and_reaches_the_server_once() {
    let (_slot, server, _driver, client) = open_app(PHONE).await;
    let username = "canbo.yte";
    sign_in(&client, username).await;
    until_synced(&client).await;
    let record = conflicted_model(&server, username).await;
    let device: Uuid = serde_json::from_str(
        eval(&client, "return localStorage.getItem('dvk/v1/device');")
            .await
            .as_str()
            .expect("device id"),
    )
    .expect("uuid");
    let (entries, ops) = old_entries(username, device, &record);

    // As the older build left the device: data in localStorage; and a
    // database the app can open but not write (the move cannot commit).
    client
        .goto(&server.url("/api/health"))
        .await
        .expect("a page of the site");
    idb::delete(&client, username).await;
    idb::make_unwritable(&client, username).await;
    let written = client
        .execute(
            "for (const [k, v] of arguments[0]) localStorage.setItem(k, v); return true;",
            vec![json!(entries)],
        )
        .await
        .expect("old entries");
    assert_eq!(written, json!(true));
    network(&client, &server, false).await;

    // 1. The move cannot commit: the old data stays and is used.
    client
        .goto(&server.url("/"))
        .await
        .expect("open the new build");
    until_home(&client).await;
    let notice = text_of(&client, "#notice").await;
    assert!(notice.contains("bộ nhớ cũ"), "{notice}");
    for name in ["Nháp cũ thứ nhất", "Nháp cũ thứ hai", "Mô hình có xung đột"] {
        listed_once(&client, name).await;
    }
    let outbox_left = local_keys(&client, username).await;
    assert_eq!(
        outbox_left
            .iter()
            .filter(|k| k.contains("/outbox/"))
            .count(),
        3,
        "the old data is where it was: {outbox_left:?}"
    );

    // 2. A working database: the next start moves everything in, once.
    // The app is closed before the network comes back: an open app would
    // send the waiting changes at once (that is part 3).
    client.goto("about:blank").await.expect("close the app");
    network(&client, &server, true).await;
    client
        .goto(&server.url("/api/health"))
        .await
        .expect("a page of the site");
    idb::delete(&client, username).await;
    network(&client, &server, false).await;
    client
        .goto(&server.url("/"))
        .await
        .expect("open the app again");
    until_home(&client).await;
    idb::until_value(
        &client,
        username,
        "draft/new-model-name",
        &json!("nháp tên cũ").to_string(),
    )
    .await;
    assert!(
        idb::get(&client, username, "device/migrated")
            .await
            .is_some()
    );
    assert_eq!(idb::keys(&client, username, "outbox/").await.len(), 3);
    assert!(!idb::keys(&client, username, "log/").await.is_empty());
    assert!(idb::keys(&client, username, "rec/").await.is_empty());
    let left = local_keys(&client, username).await;
    assert!(
        left.is_empty(),
        "localStorage emptied of this person's data: {left:?}"
    );
    for name in ["Nháp cũ thứ nhất", "Nháp cũ thứ hai", "Mô hình có xung đột"] {
        listed_once(&client, name).await;
    }
    let id = listed_id(&client, "Mô hình có xung đột").await;
    assert_eq!(
        eval(
            &client,
            &format!(
                "return document.querySelector('.models__item[data-id=\"{id}\"]').dataset.sync;"
            )
        )
        .await,
        json!("Conflict")
    );
    assert_eq!(
        eval(
            &client,
            "return document.getElementById('draft-name').value;"
        )
        .await,
        json!("nháp tên cũ")
    );

    // The storage panel counts this person's IndexedDB data and the
    // browser's estimate for the site.
    eval(&client, "location.hash = '#/luu-tru'; return true;").await;
    until(
        &client,
        "the panel reads IndexedDB",
        "const e = document.getElementById('local-usage'); \
         return !!e && e.dataset.store === 'indexeddb' && Number(e.dataset.records) > 0 \
           && Number(e.dataset.bytes) > 0 && !!document.getElementById('site-usage');",
    )
    .await;

    // 3. Online: each waiting change reaches the server once.
    network(&client, &server, true).await;
    until_synced(&client).await;
    for op in &ops {
        let history = server
            .state
            .store
            .history(op.record_id)
            .await
            .expect("history");
        let applied = history
            .iter()
            .filter(|h| h["op_id"] == json!(op.op_id.to_string()))
            .count();
        assert_eq!(applied, 1, "op {} applied once: {history:?}", op.op_id);
    }
    let fields = server
        .state
        .store
        .record(record.id)
        .await
        .expect("read")
        .expect("there")
        .state
        .fields;
    assert_eq!(fields["area"], json!("Thôn Đoài"));
    client.close().await.expect("close");
    server.stop().await;
}

/// The summaries of models kept beside the log (`log/side/…`), each with
/// its segment still there (one read of the keys: the app may merge
/// segments meanwhile); waits until home has made at least one.
async fn summaries(client: &Client, username: &str) -> Vec<String> {
    let prefix = format!("{}{}/", shared::sync::SIDE, ModelListing::NAME);
    let deadline = Instant::now() + WAIT;
    loop {
        let log = idb::keys(client, username, "log/").await;
        let found: Vec<String> = log
            .iter()
            .filter(|k| k.starts_with(&prefix))
            .cloned()
            .collect();
        if !found.is_empty() {
            for key in &found {
                let segment = format!("log/{}", key.rsplit('/').next().expect("segment"));
                assert!(log.contains(&segment), "{key} without {segment}: {log:?}");
            }
            return found;
        }
        assert!(Instant::now() < deadline, "home made no summary");
        tokio::time::sleep(Duration::from_millis(50)).await;
    }
}

async fn sorted_names(client: &Client) -> Vec<String> {
    let mut names = model_names(client).await;
    names.sort();
    names
}

#[tokio::test(flavor = "multi_thread", worker_threads = 2)]
async fn home_lists_models_from_the_summaries_beside_the_log_and_remakes_a_damaged_one() {
    let (_slot, server, _driver, client) = open_app(PHONE).await;
    let username = "canbo.yte";
    sign_in(&client, username).await;
    until_synced(&client).await;
    until_home(&client).await;
    let first = sorted_names(&client).await;
    assert!(!first.is_empty(), "the demo unit has models");
    summaries(&client, username).await;

    // A model another device made arrives in a new segment: listed after
    // a reload, its segment summarised too.
    let record = conflicted_model(&server, username).await;
    client.refresh().await.expect("reload");
    until_home(&client).await;
    until_synced(&client).await;
    listed_once(&client, "Mô hình có xung đột").await;
    let mut expected = first.clone();
    expected.push("Mô hình có xung đột".into());
    expected.sort();
    let made = summaries(&client, username).await;
    let holding = |text: &str| text.contains(&record.id.to_string());
    let mut found = false;
    for key in &made {
        let text = idb::get(&client, username, key).await.expect("summary");
        found |= holding(&text);
    }
    assert!(found, "the new model is in a summary: {made:?}");

    // Summaries that do not read are made again; the list is the same,
    // offline.
    network(&client, &server, false).await;
    for key in &made {
        idb::put(&client, username, key, "[[").await;
    }
    client.refresh().await.expect("reload");
    until_home(&client).await;
    listed_once(&client, "Mô hình có xung đột").await;
    assert_eq!(sorted_names(&client).await, expected);
    let deadline = Instant::now() + WAIT;
    for key in &made {
        loop {
            let text = idb::get(&client, username, key).await.unwrap_or_default();
            if ModelListing::read_summary(&text).is_some() {
                break;
            }
            assert!(Instant::now() < deadline, "{key} not made again: {text}");
            tokio::time::sleep(Duration::from_millis(50)).await;
        }
    }
    client.close().await.expect("close");
    server.stop().await;
}
