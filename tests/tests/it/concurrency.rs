//! Many devices at once ("officers sync later, at the commune office"):
//! a meeting's phones pushing together get no error answers, every op is
//! applied exactly once, and sequence numbers stay one server order, also
//! with two server processes on one database.
use std::sync::Arc;

use axum::body::Body;
use axum::http::{Request, StatusCode};
use serde_json::{Value, json};
use shared::demo::thanh_mien;
use shared::ids::ModelId;
use shared::model::Model;
use uuid::Uuid;

use crate::common::Api;

const OFFICERS: [&str; 2] = ["canbo.ubnd", "canbo.yte"];

/// One device's push of `ops` new model drafts of its officer's unit.
fn new_drafts(officer: &str, device: Uuid, n: usize, ops: usize) -> Value {
    let data = thanh_mien();
    let user = data
        .users
        .iter()
        .find(|u| u.username == officer)
        .expect("officer");
    let ops: Vec<Value> = (0..ops)
        .map(|k| {
            let mut model = Model::new_draft(
                ModelId::new(),
                data.commune.id,
                user.unit_id.expect("unit"),
                data.campaigns[1].id,
            );
            model.name = format!("Thiết bị {n}, mô hình {k}");
            json!({
                "op_id": Uuid::now_v7(), "device_id": device, "kind": "model",
                "record_id": model.id, "base_version": 0, "clock": k + 1,
                "changes": serde_json::to_value(&model).expect("json"),
            })
        })
        .collect();
    json!({ "device_id": device, "ops": ops })
}

/// `devices` devices, spread over `apis` (server processes), each push
/// `ops` new records at the same moment. Returns the answers' statuses.
async fn push_at_once(apis: &[Api], devices: usize, ops: usize) -> Vec<(StatusCode, Value)> {
    let mut tokens = Vec::new();
    for officer in OFFICERS {
        tokens.push((officer, apis[0].login(officer).await));
    }
    let start = Arc::new(tokio::sync::Barrier::new(devices));
    let mut tasks = tokio::task::JoinSet::new();
    for n in 0..devices {
        let (officer, token) = tokens[n % tokens.len()].clone();
        let api = apis[n % apis.len()].clone();
        let body = new_drafts(officer, Uuid::now_v7(), n, ops);
        let start = start.clone();
        tasks.spawn(async move {
            let request = Request::post("/api/sync/push")
                .header("authorization", format!("Bearer {token}"))
                .header("content-type", "application/json")
                .body(Body::from(body.to_string()))
                .expect("request");
            start.wait().await;
            let (status, _, bytes) = api.raw(request).await;
            let body: Value = serde_json::from_slice(&bytes).unwrap_or(Value::Null);
            (status, body)
        });
    }
    tasks.join_all().await
}

/// Every answer 200 with every op applied; the reviewer then pulls each
/// new record exactly once, each at its own sequence number.
async fn check_all_applied(api: &Api, answers: &[(StatusCode, Value)], devices: usize, ops: usize) {
    let failed: Vec<String> = answers
        .iter()
        .filter(|(status, _)| *status != StatusCode::OK)
        .map(|(status, body)| format!("{status} {body}"))
        .collect();
    assert!(
        failed.is_empty(),
        "{} of {devices} failed: {failed:?}",
        failed.len()
    );
    for (_, body) in answers {
        let results = body["results"].as_array().expect("results");
        assert_eq!(results.len(), ops);
        for result in results {
            assert_eq!(result["outcome"], "applied", "{result}");
        }
    }
    let reviewer = api.login("bxdd.lan").await;
    let (mut cursor, mut names, mut versions) = (0, Vec::new(), Vec::new());
    loop {
        let (status, page) = api
            .get(
                &format!("/api/sync/pull?since={cursor}&limit=1000"),
                Some(&reviewer),
            )
            .await;
        assert_eq!(status, StatusCode::OK, "{page}");
        for record in page["records"].as_array().expect("records") {
            versions.push(record["version"].as_u64().expect("version"));
            if let Some(name) = record["fields"]["name"].as_str()
                && name.starts_with("Thiết bị ")
            {
                names.push(name.to_owned());
            }
        }
        cursor = page["cursor"].as_u64().expect("cursor");
        if !page["more"].as_bool().expect("more") {
            break;
        }
    }
    let pulled = names.len();
    names.sort();
    names.dedup();
    assert_eq!(names.len(), pulled, "each record pulled once");
    assert_eq!(pulled, devices * ops, "every op applied");
    let count = versions.len();
    versions.sort_unstable();
    versions.dedup();
    assert_eq!(versions.len(), count, "one sequence number per record");
}

#[tokio::test(flavor = "multi_thread", worker_threads = 2)]
async fn fifty_devices_pushing_twenty_records_at_once_all_succeed_in_memory() {
    let api = Api::open(true, None).await;
    let answers = push_at_once(std::slice::from_ref(&api), 50, 20).await;
    check_all_applied(&api, &answers, 50, 20).await;
}

#[tokio::test(flavor = "multi_thread", worker_threads = 2)]
async fn fifty_devices_pushing_twenty_records_at_once_all_succeed_on_disk() {
    let dir = tempfile::tempdir().expect("tempdir");
    let url = format!("surrealkv://{}", dir.path().join("data").display());
    let api = Api::open_at(&url, true, None).await;
    let answers = push_at_once(std::slice::from_ref(&api), 50, 20).await;
    check_all_applied(&api, &answers, 50, 20).await;
}

#[tokio::test(flavor = "multi_thread", worker_threads = 2)]
async fn two_server_processes_on_one_database_get_no_errors() {
    let api = Api::open(true, None).await;
    let second = api.another_process();
    let answers = push_at_once(&[api.clone(), second], 40, 10).await;
    check_all_applied(&api, &answers, 40, 10).await;
}

/// Thirty devices push at once through a server that admits one push at a
/// time (`pushes_in_flight = 1`): each waits its turn before its body is
/// read, and every op of every device is applied once.
#[tokio::test(flavor = "multi_thread", worker_threads = 2)]
async fn thirty_devices_pushing_through_one_admitted_push_are_all_applied() {
    let mut settings = crate::common::settings("mem://", std::path::Path::new("/nonexistent-dist"));
    settings.pushes_in_flight = 1;
    let api = Api::demo_with(settings).await;
    let answers = push_at_once(std::slice::from_ref(&api), 30, 10).await;
    check_all_applied(&api, &answers, 30, 10).await;
}

/// A room of devices pulling at once through a server that reads one page
/// at a time (`pull_readers = 1`): each waits its turn and every one gets
/// the whole page, the same for all.
#[tokio::test(flavor = "multi_thread", worker_threads = 2)]
async fn thirty_devices_pulling_at_once_through_one_reader_all_get_the_same_page() {
    let mut settings = crate::common::settings("mem://", std::path::Path::new("/nonexistent-dist"));
    settings.pull_readers = 1;
    let api = Api::demo_with(settings).await;
    let answers = push_at_once(std::slice::from_ref(&api), 10, 20).await;
    assert!(answers.iter().all(|(status, _)| *status == StatusCode::OK));
    let reviewer = api.login("bxdd.lan").await;
    let start = Arc::new(tokio::sync::Barrier::new(30));
    let mut tasks = tokio::task::JoinSet::new();
    for _ in 0..30 {
        let (api, reviewer, start) = (api.clone(), reviewer.clone(), start.clone());
        tasks.spawn(async move {
            start.wait().await;
            api.get("/api/sync/pull?since=0&limit=1000", Some(&reviewer))
                .await
        });
    }
    let pages = tasks.join_all().await;
    let (status, first) = &pages[0];
    assert_eq!(*status, StatusCode::OK, "{first}");
    let records = first["records"].as_array().expect("records").len();
    assert!(records >= 200, "the 200 new drafts and the demo: {records}");
    for (status, page) in &pages {
        assert_eq!(*status, StatusCode::OK, "{page}");
        assert_eq!(page["records"], first["records"]);
        assert_eq!(page["cursor"], first["cursor"]);
    }
}
