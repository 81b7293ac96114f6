//! `GET /api/city/summary`: the city viewer's three demo communes, each row
//! what `shared::city::commune_row` makes of that commune's records as the
//! demo loaded them, on the server's day.
use axum::http::StatusCode;
use shared::city::{CitySummary, commune_row};
use shared::figures::CommuneRecords;
use shared::sync::{RecordKind, RecordState, to_fields};

use crate::common::{Api, demo_api, demo_day};

fn state(
    kind: RecordKind,
    id: uuid::Uuid,
    fields: Result<shared::sync::Fields, shared::sync::FieldsError>,
) -> RecordState {
    RecordState {
        kind,
        id,
        version: 1,
        fields: fields.expect("fields"),
        deleted: false,
        conflicts: Vec::new(),
        arrived_at: None,
    }
}

/// The demo city's records as the server holds them, with their arrivals.
fn demo_records() -> CommuneRecords {
    let day = demo_day();
    let mut states = Vec::new();
    for d in shared::demo::city(day).expect("demo") {
        states.push(state(
            RecordKind::Commune,
            d.commune.id.as_uuid(),
            to_fields(&d.commune),
        ));
        states.extend(
            d.units
                .iter()
                .map(|u| state(RecordKind::Unit, u.id.as_uuid(), to_fields(u))),
        );
        states.extend(
            d.campaigns
                .iter()
                .map(|c| state(RecordKind::Campaign, c.id.as_uuid(), to_fields(c))),
        );
        states.extend(
            d.models
                .iter()
                .map(|m| state(RecordKind::Model, m.id.as_uuid(), to_fields(m))),
        );
        states.extend(
            d.progress
                .iter()
                .map(|p| state(RecordKind::Progress, p.id.as_uuid(), to_fields(p))),
        );
        states.extend(
            d.reports
                .iter()
                .map(|r| state(RecordKind::Report, r.id.as_uuid(), to_fields(r))),
        );
        states.extend(
            d.evaluations
                .iter()
                .map(|e| state(RecordKind::Evaluation, e.id.as_uuid(), to_fields(e))),
        );
        let at: std::collections::HashMap<_, _> =
            shared::demo::arrivals(&d, day).into_iter().collect();
        for s in &mut states {
            if let Some(a) = at.get(&s.id) {
                s.arrived_at = Some(*a);
            }
        }
    }
    CommuneRecords::from_states(states).0
}

#[tokio::test]
async fn the_city_viewer_gets_every_commune_of_the_city_computed_by_the_server() {
    let api = demo_api().await;
    let token = api.login("thanhuy.hp").await;
    let started = std::time::Instant::now();
    let (status, body) = api.get("/api/city/summary", Some(&token)).await;
    let took = started.elapsed();
    assert_eq!(status, StatusCode::OK, "{body}");
    let summary: CitySummary = serde_json::from_value(body).expect("a summary");
    assert_eq!(summary.city, "Hải Phòng");
    assert_eq!(
        summary.communes.len(),
        3,
        "Thanh Miện and two sample communes"
    );
    let records = demo_records();
    for row in &summary.communes {
        let expected =
            commune_row(&records, row.commune_id, summary.today).expect("a demo commune");
        assert_eq!(row, &expected, "{}", row.name);
    }
    let names: Vec<&str> = summary.communes.iter().map(|r| r.name.as_str()).collect();
    let mut sorted = names.clone();
    sorted.sort_unstable();
    assert_eq!(names, sorted, "by name");
    assert!(
        summary.communes.iter().all(|r| r.last_data.is_some()),
        "the demo's data arrived"
    );
    let again = std::time::Instant::now();
    let (_, body) = api.get("/api/city/summary", Some(&token)).await;
    let took_again = again.elapsed();
    let kept: CitySummary = serde_json::from_value(body).expect("a summary");
    assert_eq!(
        kept.communes, summary.communes,
        "rows kept while nothing changed"
    );
    eprintln!("city summary of 3 demo communes: {took:?}, again (rows kept) {took_again:?}");

    // An officer's change reaches the server: that commune's row is made again.
    let officer = api.login("canbo.ubnd").await;
    let demo = shared::demo::thanh_mien();
    let unit = demo
        .users
        .iter()
        .find(|u| u.username == "canbo.ubnd")
        .and_then(|u| u.unit_id)
        .expect("unit");
    let mut model = shared::model::Model::new_draft(
        shared::ids::ModelId::new(),
        demo.commune.id,
        unit,
        demo.campaigns[1].id,
    );
    model.name = "Mô hình mới".into();
    let device = uuid::Uuid::now_v7();
    let (status, pushed) = api
        .post(
            "/api/sync/push",
            Some(&officer),
            serde_json::json!({ "device_id": device, "ops": [{
                "op_id": uuid::Uuid::now_v7(), "device_id": device, "kind": "model",
                "record_id": model.id, "base_version": 0, "changes": model,
            }]}),
        )
        .await;
    assert_eq!(status, StatusCode::OK, "{pushed}");
    let at: chrono::DateTime<chrono::Utc> =
        serde_json::from_value(pushed["server_time"].clone()).expect("server time");
    let (_, body) = api.get("/api/city/summary", Some(&token)).await;
    let after: CitySummary = serde_json::from_value(body).expect("a summary");
    let row = after
        .communes
        .iter()
        .find(|r| r.commune_id == demo.commune.id)
        .expect("Thanh Miện");
    assert_eq!(row.last_data, Some(at), "made again after the change");
    // Nobody else gets it.
    for other in ["canbo.ubnd", "thuongtruc.hung", "quantri"] {
        let token = api.login(other).await;
        let (status, body) = api.get("/api/city/summary", Some(&token)).await;
        assert_eq!(
            (status, body["code"].as_str()),
            (StatusCode::FORBIDDEN, Some("forbidden")),
            "{other}"
        );
    }
}

/// A demo server of today (no `demo_day`): the demo's current year is the
/// server's year, nothing in it happened after today, and the three
/// communes are there.
#[tokio::test]
async fn the_demo_server_tells_the_story_of_its_today() {
    let mut settings = crate::common::settings("mem://", std::path::Path::new("/nonexistent-dist"));
    settings.demo_day = None;
    let api = Api::demo_with(settings).await;
    let token = api.login("thanhuy.hp").await;
    let (status, body) = api.get("/api/city/summary", Some(&token)).await;
    assert_eq!(status, StatusCode::OK, "{body}");
    let summary: CitySummary = serde_json::from_value(body).expect("a summary");
    assert_eq!(summary.communes.len(), 3);
    // The server's today, as it read the deadlines.
    let today = summary.today;
    for row in &summary.communes {
        assert_eq!(
            row.year,
            Some(shared::demo::current_year(today)),
            "{}",
            row.name
        );
        assert!(row.last_data.is_none_or(|at| at.date_naive() <= today));
    }
    let leader = api.login("thuongtruc.hung").await;
    let (_, page) = api
        .get("/api/sync/pull?since=0&limit=1000", Some(&leader))
        .await;
    for r in page["records"].as_array().expect("records") {
        if r["kind"] == "model" {
            let m: shared::model::Model =
                serde_json::from_value(r["fields"].clone()).expect("a model");
            for day in [m.submitted_on, m.registered_on, m.reported_on]
                .into_iter()
                .flatten()
            {
                assert!(day <= today, "{} on {day}", m.name);
            }
        }
    }
}
