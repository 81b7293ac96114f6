//! `POST /api/sync/push` and `GET /api/sync/pull` over the real router and
//! an embedded store, signed in as the demo users.
use axum::http::StatusCode;
use serde_json::{Value, json};
use shared::demo::thanh_mien;
use shared::ids::ModelId;
use shared::model::Model;
use shared::user::User;
use uuid::Uuid;

use crate::common::{Api, demo_api};

fn user(username: &str) -> User {
    thanh_mien()
        .users
        .into_iter()
        .find(|u| u.username == username)
        .expect("demo user")
}

fn draft_for(username: &str) -> Model {
    let data = thanh_mien();
    let user = user(username);
    let mut model = Model::new_draft(
        ModelId::new(),
        data.commune.id,
        user.unit_id.expect("officer unit"),
        data.campaigns[1].id,
    );
    model.name = "Dân vận khéo trong chuyển đổi số".into();
    model
}

fn op(device: Uuid, record: Uuid, base: u64, changes: Value) -> Value {
    json!({
        "op_id": Uuid::now_v7(),
        "device_id": device,
        "kind": "model",
        "record_id": record,
        "base_version": base,
        "changes": changes,
    })
}

async fn push(api: &Api, token: &str, device: Uuid, ops: Vec<Value>) -> Value {
    let (status, body) = api
        .post(
            "/api/sync/push",
            Some(token),
            json!({ "device_id": device, "ops": ops }),
        )
        .await;
    assert_eq!(status, StatusCode::OK, "{body}");
    body
}

async fn pull_all(api: &Api, token: &str, limit: u32) -> (Vec<Value>, usize) {
    let (mut cursor, mut records, mut pages) = (0, Vec::new(), 0);
    loop {
        let (status, page) = api
            .get(
                &format!("/api/sync/pull?since={cursor}&limit={limit}"),
                Some(token),
            )
            .await;
        assert_eq!(status, StatusCode::OK, "{page}");
        pages += 1;
        records.extend(page["records"].as_array().expect("records").iter().cloned());
        cursor = page["cursor"].as_u64().expect("cursor");
        if !page["more"].as_bool().expect("more") {
            return (records, pages);
        }
    }
}

#[tokio::test]
async fn an_officer_creates_a_model_and_pulls_it_back() {
    let api = demo_api().await;
    let token = api.login("canbo.ubnd").await;
    let model = draft_for("canbo.ubnd");
    let device = Uuid::now_v7();
    let body = push(
        &api,
        &token,
        device,
        vec![op(
            device,
            model.id.as_uuid(),
            0,
            serde_json::to_value(&model).expect("json"),
        )],
    )
    .await;
    let result = &body["results"][0];
    assert_eq!(result["outcome"], "applied", "{body}");
    assert!(result["record"]["version"].as_u64().expect("version") > 0);
    let (records, _) = pull_all(&api, &token, 1000).await;
    assert!(
        records.iter().any(|r| r["id"] == json!(model.id)
            && r["fields"]["name"] == "Dân vận khéo trong chuyển đổi số")
    );
}

#[tokio::test]
async fn pulls_are_scoped_to_the_officers_unit() {
    let api = demo_api().await;
    let ubnd = api.login("canbo.ubnd").await;
    let yte = api.login("canbo.yte").await;
    let reviewer = api.login("bxdd.lan").await;
    let unit = |u: &str| user(u).unit_id.expect("unit");
    let (mine, _) = pull_all(&api, &ubnd, 1000).await;
    let (theirs, _) = pull_all(&api, &yte, 1000).await;
    let (all, _) = pull_all(&api, &reviewer, 1000).await;
    // A unit's own models; besides them, only the commune's list of models
    // to replicate (recognised, nhân rộng), which every unit may adopt.
    let models = |records: &[Value]| {
        records
            .iter()
            .filter(|r| r["kind"] == "model")
            .filter(|r| {
                !r["fields"]
                    .as_object()
                    .is_some_and(shared::replication::fields_replicable)
            })
            .map(|r| r["fields"]["unit_id"].clone())
            .collect::<Vec<_>>()
    };
    let replicated = |records: &[Value]| {
        records
            .iter()
            .filter(|r| r["kind"] == "model")
            .filter(|r| {
                r["fields"]
                    .as_object()
                    .is_some_and(shared::replication::fields_replicable)
            })
            .count()
    };
    assert!(!models(&mine).is_empty() && !models(&theirs).is_empty());
    assert!(
        models(&mine)
            .iter()
            .all(|u| *u == json!(unit("canbo.ubnd")))
    );
    assert!(
        models(&theirs)
            .iter()
            .all(|u| *u == json!(unit("canbo.yte")))
    );
    assert!(models(&all).len() > models(&mine).len() + models(&theirs).len() - 1);
    let list = shared::replication::replication_list(
        &shared::demo::thanh_mien().models,
        &shared::demo::thanh_mien().campaigns,
    )
    .len();
    assert!(list > 0);
    for records in [&mine, &theirs, &all] {
        assert_eq!(
            replicated(records),
            list,
            "every unit reads the list to replicate"
        );
    }
    // Everyone sees the commune's units and campaign years.
    for records in [&mine, &theirs, &all] {
        assert!(records.iter().filter(|r| r["kind"] == "unit").count() >= 8);
        assert!(records.iter().any(|r| r["kind"] == "campaign"));
    }
}

#[tokio::test]
async fn paging_by_cursor_returns_every_record_once() {
    let api = demo_api().await;
    let token = api.login("bxdd.lan").await;
    let (whole, pages) = pull_all(&api, &token, 1000).await;
    let (paged, small_pages) = pull_all(&api, &token, 3).await;
    assert_eq!(pages, 1);
    assert!(small_pages >= whole.len() / 3);
    let ids = |r: &[Value]| r.iter().map(|x| x["id"].to_string()).collect::<Vec<_>>();
    assert_eq!(ids(&whole), ids(&paged));
    let mut sorted = ids(&paged);
    sorted.sort();
    sorted.dedup();
    assert_eq!(sorted.len(), paged.len(), "no record twice");
}

#[tokio::test]
async fn a_page_stops_at_its_byte_budget_and_the_next_resumes_after_it() {
    let api = demo_api().await;
    let officer = "canbo.yte";
    let token = api.login(officer).await;
    let device = Uuid::now_v7();
    // 200 drafts of about 9 KB of fields each: ~1.8 MB, more than one page.
    let situation = "Tình hình địa bàn còn nhiều khó khăn. ".repeat(220);
    for _ in 0..5 {
        // Batches of 40: a push body has its own size limit.
        let ops: Vec<Value> = (0..40)
            .map(|_| {
                let mut model = draft_for(officer);
                model.situation = situation.clone();
                op(device, model.id.as_uuid(), 0, json!(model))
            })
            .collect();
        let pushed = push(&api, &token, device, ops).await;
        assert!(
            pushed["results"]
                .as_array()
                .expect("results")
                .iter()
                .all(|r| r["outcome"] == "applied"),
            "{pushed}"
        );
    }

    let budget = shared::sync::MAX_PULL_BYTES;
    let (mut cursor, mut ids, mut pages) = (0u64, Vec::new(), Vec::new());
    loop {
        let (status, page) = api
            .get(
                &format!("/api/sync/pull?since={cursor}&limit=1000"),
                Some(&token),
            )
            .await;
        assert_eq!(status, StatusCode::OK, "{page}");
        let records = page["records"].as_array().expect("records");
        let sizes: Vec<usize> = records
            .iter()
            .map(|r| r["fields"].to_string().len())
            .collect();
        ids.extend(records.iter().map(|r| r["id"].to_string()));
        cursor = page["cursor"].as_u64().expect("cursor");
        let more = page["more"].as_bool().expect("more");
        pages.push((sizes, more));
        if !more {
            break;
        }
    }
    assert!(pages.len() >= 2, "{} pages", pages.len());
    for (k, (sizes, more)) in pages.iter().enumerate() {
        let total: usize = sizes.iter().sum();
        // Bytes as the page carries them: within the budget (one record
        // always travels); a page cut short says more follow, and the next
        // page's first record is the one that did not fit.
        assert!(
            total <= budget || sizes.len() == 1,
            "{total} bytes in {} records",
            sizes.len()
        );
        if *more {
            assert!(sizes.len() < 1000);
            let next = pages[k + 1].0.first().copied().unwrap_or(0);
            assert!(
                total + next > budget,
                "a page of {total} bytes stopped before a record of {next}"
            );
        }
    }
    let count = ids.len();
    ids.sort();
    ids.dedup();
    assert_eq!(ids.len(), count, "no record twice");
    assert!(count >= 200, "every pushed draft pulled: {count}");
}

#[tokio::test]
async fn the_same_op_twice_is_applied_once_with_the_same_answer() {
    let api = demo_api().await;
    let token = api.login("canbo.ubnd").await;
    let model = draft_for("canbo.ubnd");
    let device = Uuid::now_v7();
    let create = op(
        device,
        model.id.as_uuid(),
        0,
        serde_json::to_value(&model).expect("json"),
    );
    let first = push(&api, &token, device, vec![create.clone()]).await;
    let again = push(&api, &token, device, vec![create.clone(), create]).await;
    assert_eq!(
        first["results"][0]["outcome"],
        again["results"][0]["outcome"]
    );
    assert_eq!(
        again["results"].as_array().expect("results").len(),
        1,
        "a duplicate in one batch answers once"
    );
    let (status, history) = api
        .get(&format!("/api/records/{}/history", model.id), Some(&token))
        .await;
    assert_eq!(status, StatusCode::OK);
    assert_eq!(history.as_array().expect("history").len(), 1, "{history}");
    assert_eq!(history[0]["device"], json!(device));
    assert_eq!(history[0]["user"], json!(user("canbo.ubnd").id));
}

/// Ops that write are remembered on their history line, ops that change
/// nothing in a row of their own: both kinds answer a resend the same way
/// and refuse their id reused for other content.
#[tokio::test]
async fn an_op_that_changed_nothing_is_remembered_too() {
    let api = demo_api().await;
    let token = api.login("canbo.ubnd").await;
    let model = draft_for("canbo.ubnd");
    let device = Uuid::now_v7();
    let fields = serde_json::to_value(&model).expect("json");
    let id = model.id.as_uuid();
    let create = op(device, id, 0, fields.clone());
    let first = push(&api, &token, device, vec![create.clone()]).await;
    let version = first["results"][0]["record"]["version"].clone();
    // The same values again under a new op id: applied, nothing written.
    let same = op(device, id, version.as_u64().expect("version"), fields);
    let answer = push(&api, &token, device, vec![same.clone()]).await;
    assert_eq!(answer["results"][0]["outcome"], "applied", "{answer}");
    assert_eq!(answer["results"][0]["record"]["version"], version);
    let again = push(&api, &token, device, vec![same.clone(), create.clone()]).await;
    assert_eq!(again["results"][0]["outcome"], "applied", "{again}");
    assert_eq!(
        again["results"][1]["outcome"],
        first["results"][0]["outcome"]
    );
    assert_eq!(
        again["results"][1]["record"]["version"], version,
        "not applied twice"
    );
    // Either id reused for other content is refused.
    for reused in [same, create] {
        let mut reused = reused;
        reused["changes"] = json!({ "name": "Tên khác hẳn" });
        let body = push(&api, &token, device, vec![reused]).await;
        assert_eq!(body["results"][0]["code"], "op_reused", "{body}");
    }
    let (_, history) = api
        .get(&format!("/api/records/{id}/history"), Some(&token))
        .await;
    assert_eq!(history.as_array().expect("history").len(), 1, "{history}");
}

#[tokio::test]
async fn a_rule_breaking_op_is_rejected_with_a_vietnamese_reason() {
    let api = demo_api().await;
    let token = api.login("canbo.ubnd").await;
    let leader = api.login("thuongtruc.hung").await;
    let model = draft_for("canbo.ubnd");
    let device = Uuid::now_v7();
    let id = model.id.as_uuid();
    push(
        &api,
        &token,
        device,
        vec![op(
            device,
            id,
            0,
            serde_json::to_value(&model).expect("json"),
        )],
    )
    .await;
    // Sending an incomplete registration.
    let body = push(
        &api,
        &token,
        device,
        vec![op(device, id, 0, json!({ "status": "da_gui" }))],
    )
    .await;
    let result = &body["results"][0];
    assert_eq!(result["outcome"], "rejected");
    assert_eq!(result["code"], "registration_incomplete");
    assert!(
        result["message"]
            .as_str()
            .expect("message")
            .contains("chưa đầy đủ")
    );
    assert!(
        result["errors"]
            .as_array()
            .expect("errors")
            .iter()
            .any(|e| e["field"] == "goals")
    );
    // A leader reads only.
    let body = push(
        &api,
        &leader,
        device,
        vec![op(device, id, 0, json!({ "name": "x" }))],
    )
    .await;
    assert_eq!(body["results"][0]["code"], "read_only");
    // The server copy is unchanged.
    let (_, record) = api.get(&format!("/api/records/{id}"), Some(&token)).await;
    assert_eq!(record["fields"]["status"], "nhap");
    assert_eq!(record["fields"]["name"], "Dân vận khéo trong chuyển đổi số");
}

#[tokio::test]
async fn another_units_record_is_invisible_and_unwritable() {
    let api = demo_api().await;
    let ubnd = api.login("canbo.ubnd").await;
    let yte = api.login("canbo.yte").await;
    let model = draft_for("canbo.ubnd");
    let id = model.id.as_uuid();
    let device = Uuid::now_v7();
    push(
        &api,
        &ubnd,
        device,
        vec![op(
            device,
            id,
            0,
            serde_json::to_value(&model).expect("json"),
        )],
    )
    .await;
    assert_eq!(
        api.get(&format!("/api/records/{id}"), Some(&yte)).await.0,
        StatusCode::NOT_FOUND
    );
    let other = Uuid::now_v7();
    let body = push(
        &api,
        &yte,
        other,
        vec![op(other, id, 1, json!({ "name": "chiếm" }))],
    )
    .await;
    assert_eq!(body["results"][0]["code"], "forbidden");
}

#[tokio::test]
async fn same_field_from_two_devices_is_a_conflict_with_both_values() {
    let api = demo_api().await;
    let token = api.login("canbo.ubnd").await;
    let model = draft_for("canbo.ubnd");
    let id = model.id.as_uuid();
    let (phone, tablet) = (Uuid::now_v7(), Uuid::now_v7());
    let created = push(
        &api,
        &token,
        phone,
        vec![op(
            phone,
            id,
            0,
            serde_json::to_value(&model).expect("json"),
        )],
    )
    .await;
    let base = created["results"][0]["record"]["version"]
        .as_u64()
        .expect("version");
    push(
        &api,
        &token,
        phone,
        vec![op(
            phone,
            id,
            base,
            json!({ "goals": "từ điện thoại", "area": "thôn Đông" }),
        )],
    )
    .await;
    let body = push(
        &api,
        &token,
        tablet,
        vec![op(
            tablet,
            id,
            base,
            json!({ "goals": "từ máy tính bảng", "outputs": "sổ tay" }),
        )],
    )
    .await;
    let result = &body["results"][0];
    assert_eq!(result["outcome"], "conflict", "{body}");
    assert_eq!(result["fields"], json!(["goals"]));
    let record = &result["record"];
    assert_eq!(record["fields"]["goals"], "từ điện thoại");
    assert_eq!(record["fields"]["area"], "thôn Đông");
    assert_eq!(record["fields"]["outputs"], "sổ tay");
    assert_eq!(record["conflicts"][0]["client_value"], "từ máy tính bảng");
    // Resolving is an op that names the field.
    let version = record["version"].as_u64().expect("version");
    let mut resolve = op(tablet, id, version, json!({ "goals": "kết hợp cả hai" }));
    resolve["resolves"] = json!(["goals"]);
    let body = push(&api, &token, tablet, vec![resolve]).await;
    assert_eq!(body["results"][0]["outcome"], "applied");
    assert_eq!(body["results"][0]["record"].get("conflicts"), None);
}

#[tokio::test]
async fn oversized_and_malformed_pushes_get_json_errors() {
    let api = demo_api().await;
    let token = api.login("canbo.ubnd").await;
    let device = Uuid::now_v7();
    let ops: Vec<Value> = (0..shared::sync::MAX_PUSH_BATCH + 1)
        .map(|_| op(device, Uuid::now_v7(), 0, json!({})))
        .collect();
    let (status, body) = api
        .post(
            "/api/sync/push",
            Some(&token),
            json!({ "device_id": device, "ops": ops }),
        )
        .await;
    assert_eq!(status, StatusCode::BAD_REQUEST);
    assert_eq!(body["code"], "batch_too_large");
    let huge = "x".repeat(3 * 1024 * 1024);
    let (status, body) = api
        .post(
            "/api/sync/push",
            Some(&token),
            json!({ "device_id": device, "ops": [], "pad": huge }),
        )
        .await;
    assert_eq!(status, StatusCode::PAYLOAD_TOO_LARGE);
    assert_eq!(body["code"], "too_large");
    let (status, body) = api
        .post_raw("/api/sync/push", Some(&token), "{\"ops\": 3}")
        .await;
    assert_eq!(status, StatusCode::BAD_REQUEST);
    assert_eq!(body["code"], "bad_json");
}

#[tokio::test]
async fn a_no_op_from_outside_the_scope_is_still_refused() {
    let api = demo_api().await;
    let ubnd = api.login("canbo.ubnd").await;
    let yte = api.login("canbo.yte").await;
    let model = draft_for("canbo.ubnd");
    let id = model.id.as_uuid();
    let device = Uuid::now_v7();
    let created = push(
        &api,
        &ubnd,
        device,
        vec![op(
            device,
            id,
            0,
            serde_json::to_value(&model).expect("json"),
        )],
    )
    .await;
    let version = created["results"][0]["record"]["version"]
        .as_u64()
        .expect("version");
    // Same values as the server holds: nothing would change, but the caller
    // may not even look, so no record comes back.
    let other = Uuid::now_v7();
    let body = push(
        &api,
        &yte,
        other,
        vec![op(other, id, version, json!({ "name": model.name }))],
    )
    .await;
    assert_eq!(body["results"][0]["code"], "forbidden");
    assert_eq!(body["results"][0].get("record"), None, "{body}");
}

/// Two devices starting a model's report offline write the same record
/// (`ResultsReport::id_for`); a report under any other id is refused.
#[tokio::test]
async fn a_model_has_one_results_report() {
    let api = demo_api().await;
    let token = api.login("canbo.ubnd").await;
    let officer = user("canbo.ubnd");
    let model = thanh_mien()
        .models
        .into_iter()
        .find(|m| {
            m.unit_id == officer.unit_id.expect("unit")
                && m.status == shared::status::ModelStatus::DangThucHien
        })
        .expect("a model being carried out");
    let report = |id| shared::report::ResultsReport::new_for(id, &model);
    let report_op = |device: Uuid, r: &shared::report::ResultsReport| {
        json!({
            "op_id": Uuid::now_v7(), "device_id": device, "kind": "report",
            "record_id": r.id, "base_version": 0, "changes": serde_json::to_value(r).expect("json"),
        })
    };
    let (phone, tablet) = (Uuid::now_v7(), Uuid::now_v7());
    let shared_id = shared::report::ResultsReport::id_for(model.id);
    let mut first = report(shared_id);
    first.results = "từ điện thoại".into();
    let body = push(&api, &token, phone, vec![report_op(phone, &first)]).await;
    assert_eq!(body["results"][0]["outcome"], "applied", "{body}");
    // The tablet started the same report offline: same record, merged or in conflict, never a second.
    let mut again = report(shared_id);
    again.lessons = "từ máy tính bảng".into();
    let body = push(&api, &token, tablet, vec![report_op(tablet, &again)]).await;
    assert_ne!(body["results"][0]["outcome"], "rejected", "{body}");
    // A report under another id: refused.
    let other = report(shared::ids::ReportId::new());
    let body = push(&api, &token, tablet, vec![report_op(tablet, &other)]).await;
    assert_eq!(body["results"][0]["code"], "duplicate", "{body}");
    let (records, _) = pull_all(&api, &token, 1000).await;
    let reports = records
        .iter()
        .filter(|r| r["kind"] == "report" && r["fields"]["model_id"] == json!(model.id))
        .count();
    assert_eq!(reports, 1);
}

/// "Dữ liệu đến …": an officer's change is stamped with the server's time
/// it arrived, and every device that pulls the record learns it.
#[tokio::test]
async fn an_officers_change_carries_when_it_reached_the_server() {
    let api = demo_api().await;
    let token = api.login("canbo.ubnd").await;
    let model = draft_for("canbo.ubnd");
    let device = Uuid::now_v7();
    let body = push(
        &api,
        &token,
        device,
        vec![op(
            device,
            model.id.as_uuid(),
            0,
            serde_json::to_value(&model).expect("json"),
        )],
    )
    .await;
    let arrived = &body["results"][0]["record"]["arrived_at"];
    let at: chrono::DateTime<chrono::Utc> =
        serde_json::from_value(arrived.clone()).expect("a time");
    let sent: chrono::DateTime<chrono::Utc> =
        serde_json::from_value(body["server_time"].clone()).expect("server time");
    assert_eq!(at, sent, "stamped with the push's server time");
    let leader = api.login("thuongtruc.hung").await;
    let (records, _) = pull_all(&api, &leader, 1000).await;
    let pulled = records
        .iter()
        .find(|r| r["id"] == json!(model.id))
        .expect("the leader pulls it");
    assert_eq!(&pulled["arrived_at"], arrived);
    // The demo's own records say when they arrived too.
    assert!(
        records
            .iter()
            .any(|r| r["kind"] == "progress" && r["arrived_at"].is_string())
    );
}
