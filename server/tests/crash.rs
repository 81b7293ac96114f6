//! `kill -9` of the server in the middle of a push: after a restart on the
//! same `surrealkv://` directory and a sync, every change the device
//! acknowledged to its user is on the server, once.
#![allow(clippy::disallowed_methods)] // tests make their own ids and times
mod common;

use std::cell::RefCell;
use std::process::Command;
use std::time::Duration;

use serde_json::Value;
use shared::api::CallError;
use shared::sync::{Engine, Fields, MemoryStorage, PullResponse, RecordKind, SyncOutcome};
use uuid::Uuid;

use common::device::{Over, call, http, login, now, start, sync_now};

const DRAFTS: usize = 300;

#[tokio::test(flavor = "multi_thread", worker_threads = 2)]
async fn kill_9_mid_push_loses_nothing_acknowledged() {
    let dir = tempfile::tempdir().expect("tempdir");
    let http = http();
    let server = start(dir.path());
    let (token, user) = login(&http, &server.base, "canbo.ubnd").await;
    let data = shared::demo::thanh_mien();

    // The officer saves many drafts on the device.
    let mut engine = Engine::open(MemoryStorage::default(), Uuid::now_v7()).expect("engine");
    let mut names = Vec::new();
    for i in 0..DRAFTS {
        let mut model = shared::model::Model::new_draft(
            shared::ids::ModelId::new(),
            data.commune.id,
            user.unit_id.expect("unit"),
            data.campaigns[1].id,
        );
        model.name = format!("Bản nháp số {i} – thôn Đông");
        let Value::Object(fields) = serde_json::to_value(&model).expect("json") else {
            panic!("model is an object")
        };
        let fields: Fields = fields;
        engine
            .edit(RecordKind::Model, model.id.as_uuid(), fields, now())
            .expect("saved");
        names.push(model.name);
    }

    // The app's sync is pushing its first full batch when the server is killed.
    let engine = RefCell::new(engine);
    let first = Over {
        http: &http,
        base: &server.base,
        token: &token,
    };
    let pid = server.child.id().to_string();
    let kill = async {
        tokio::time::sleep(Duration::from_millis(20)).await;
        assert!(
            Command::new("kill")
                .args(["-9", &pid])
                .status()
                .expect("kill")
                .success()
        );
    };
    let (outcome, ()) = tokio::join!(sync_now(&first, &engine), kill);
    assert!(
        matches!(outcome, SyncOutcome::Failed(CallError::Offline)),
        "the kill cut the sync: {outcome:?}"
    );
    assert!(engine.borrow().pending() > 0, "unanswered changes stay");
    drop(server);

    // Restart on the same directory; the session survives; sync.
    let server = start(dir.path());
    let again = Over {
        http: &http,
        base: &server.base,
        token: &token,
    };
    let outcome = sync_now(&again, &engine).await;
    assert!(matches!(outcome, SyncOutcome::Synced { .. }), "{outcome:?}");
    let engine = engine.into_inner();
    assert_eq!(engine.pending(), 0, "everything sent");
    let on_server: Vec<String> = engine
        .views(RecordKind::Model)
        .into_iter()
        .filter_map(|v| {
            v.fields
                .get("name")
                .and_then(Value::as_str)
                .map(str::to_owned)
        })
        .filter(|n| n.starts_with("Bản nháp số "))
        .collect();
    let mut sorted = on_server.clone();
    sorted.sort();
    sorted.dedup();
    assert_eq!(sorted.len(), on_server.len(), "no draft twice");
    for name in &names {
        assert!(on_server.contains(name), "{name} lost");
    }
    // And the server's own view agrees: exactly the drafts, once each.
    let mut cursor = 0;
    let mut count = 0;
    loop {
        let page = call(
            &http,
            "GET",
            &format!("{}/api/sync/pull?since={cursor}", server.base),
            Some(&token),
            None,
        )
        .await
        .expect("pull");
        let page: PullResponse = serde_json::from_value(page).expect("page");
        count += page
            .records
            .iter()
            .filter(|r| {
                r.fields
                    .get("name")
                    .and_then(Value::as_str)
                    .is_some_and(|n| n.starts_with("Bản nháp số "))
            })
            .count();
        cursor = page.cursor;
        if !page.more {
            break;
        }
    }
    assert_eq!(count, DRAFTS);
}
