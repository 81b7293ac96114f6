//! `GET /api/city/summary`: the city viewer's three demo communes, each row
//! what `shared::city::commune_row` makes of that commune's records as the
//! demo loaded them, on the server's day; `GET /api/city/communes/{id}/dashboard`:
//! each commune's dashboard as `shared::city::commune_dashboard` makes it, the
//! city viewer's only; and a city viewer's pull, which carries no models.
use axum::http::StatusCode;
use shared::city::{CitySummary, CommuneDashboard, commune_dashboard, commune_row};
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

#[tokio::test]
async fn each_communes_dashboard_is_the_shared_dashboard_of_its_records() {
    let api = demo_api().await;
    let token = api.login("thanhuy.hp").await;
    let (_, body) = api.get("/api/city/summary", Some(&token)).await;
    let summary: CitySummary = serde_json::from_value(body).expect("a summary");
    let records = demo_records();
    for row in &summary.communes {
        let (status, body) = api
            .get(
                &format!("/api/city/communes/{}/dashboard", row.commune_id),
                Some(&token),
            )
            .await;
        assert_eq!(status, StatusCode::OK, "{body}");
        let served: CommuneDashboard = serde_json::from_value(body).expect("a dashboard");
        let expected =
            commune_dashboard(&records, row.commune_id, served.today, served.computed_at)
                .expect("a demo commune");
        // Through JSON text as the served one came (floats parse the same).
        let expected: CommuneDashboard =
            serde_json::from_str(&serde_json::to_string(&expected).expect("json"))
                .expect("reads back");
        assert_eq!(served, expected, "{}", row.name);
        assert_eq!(served.today, summary.today);
        assert_eq!(served.campaign.as_ref().map(|c| c.id), row.campaign_id);
        let dash = served.dashboard.as_ref().expect("a year");
        assert_eq!(
            dash.count(&shared::dashboard::Figure::Registered),
            row.registered
        );
        assert!(
            !served.models.is_empty(),
            "{}: its models, as rows",
            row.name
        );
        for figure in dash.figures() {
            let list = served.rows(&figure).expect("a list");
            assert_eq!(list.len() as u32, dash.count(&figure), "{figure:?}");
        }
    }
}

/// Adds a city viewer of another city; returns their token.
async fn other_city_viewer(api: &Api) -> String {
    api.store()
        .put_user(&server::store::users::StoredUser {
            user: shared::user::User {
                id: shared::ids::UserId::new(),
                commune_id: None,
                city: Some("Thành phố Khác".into()),
                unit_id: None,
                username: "thanhuy.khac".into(),
                full_name: "Ban Tuyên giáo thành phố khác".into(),
                role: shared::user::Role::CityViewer,
                disabled: false,
            },
            password_hash: server::auth::password::hash(server::demo::DEMO_PASSWORD).expect("hash"),
        })
        .await
        .expect("user");
    api.login("thanhuy.khac").await
}

#[tokio::test]
async fn a_communes_dashboard_is_the_city_viewers_of_that_city_only() {
    let api = demo_api().await;
    let thanh_mien = shared::demo::thanh_mien().commune.id;
    let path = format!("/api/city/communes/{thanh_mien}/dashboard");
    for other in ["canbo.ubnd", "bxdd.lan", "thuongtruc.hung", "quantri"] {
        let token = api.login(other).await;
        let (status, body) = api.get(&path, Some(&token)).await;
        assert_eq!(
            (status, body["code"].as_str()),
            (StatusCode::FORBIDDEN, Some("forbidden")),
            "{other}: {body}"
        );
    }
    let (status, _) = api.get(&path, None).await;
    assert_eq!(status, StatusCode::UNAUTHORIZED);

    // A city viewer of another city sees nothing of this one.
    let elsewhere = other_city_viewer(&api).await;
    let (status, body) = api.get(&path, Some(&elsewhere)).await;
    assert_eq!(
        (status, body["code"].as_str()),
        (StatusCode::NOT_FOUND, Some("not_found")),
        "{body}"
    );
    let (status, body) = api.get("/api/city/summary", Some(&elsewhere)).await;
    assert_eq!(status, StatusCode::OK, "{body}");
    let summary: CitySummary = serde_json::from_value(body).expect("a summary");
    assert!(summary.communes.is_empty(), "no commune of this city");
    let (_, page) = api
        .get("/api/sync/pull?since=0&limit=1000", Some(&elsewhere))
        .await;
    assert_eq!(page["records"].as_array().map(Vec::len), Some(0), "{page}");

    // An id that is no commune of the city (a model's) reads as missing.
    let viewer = api.login("thanhuy.hp").await;
    let model = shared::demo::thanh_mien().models[0].id;
    let (status, body) = api
        .get(
            &format!("/api/city/communes/{model}/dashboard"),
            Some(&viewer),
        )
        .await;
    assert_eq!(
        (status, body["code"].as_str()),
        (StatusCode::NOT_FOUND, Some("not_found"))
    );
    let (status, body) = api
        .get("/api/city/communes/not-an-id/dashboard", Some(&viewer))
        .await;
    assert_eq!(
        status,
        StatusCode::NOT_FOUND,
        "a path id that is no id: {body}"
    );
}

#[tokio::test]
async fn a_city_viewers_pull_carries_the_set_up_and_no_models() {
    let api = demo_api().await;
    let token = api.login("thanhuy.hp").await;
    let (mut since, mut kinds) = (0, std::collections::BTreeMap::<String, usize>::new());
    loop {
        let (status, page) = api
            .get(
                &format!("/api/sync/pull?since={since}&limit=1000"),
                Some(&token),
            )
            .await;
        assert_eq!(status, StatusCode::OK, "{page}");
        for r in page["records"].as_array().expect("records") {
            *kinds
                .entry(r["kind"].as_str().expect("kind").to_owned())
                .or_default() += 1;
        }
        since = page["cursor"].as_u64().expect("cursor");
        if !page["more"].as_bool().expect("more") {
            break;
        }
    }
    let carried: Vec<&str> = kinds.keys().map(String::as_str).collect();
    assert_eq!(carried, ["campaign", "commune", "unit"], "{kinds:?}");
    assert_eq!(kinds["commune"], 3, "the city's three communes");
    // The leader of the demo commune still pulls its models.
    let leader = api.login("thuongtruc.hung").await;
    let (_, page) = api
        .get("/api/sync/pull?since=0&limit=1000", Some(&leader))
        .await;
    assert!(
        page["records"]
            .as_array()
            .expect("records")
            .iter()
            .any(|r| r["kind"] == "model")
    );
}
