//! The city view in a real Chromium: the city viewer compares the demo
//! city's three communes (each row's figures equal counts the test makes
//! from the records in the server's store; the viewer's own pull carries no
//! models), sorts and filters them, opens one commune's dashboard as the
//! server computed it (a figure's list has that many rows), and reads both
//! saved copies offline with their date.
use std::collections::HashMap;

use chrono::NaiveDate;
use serde_json::{Value, json};
use shared::campaign::CampaignYear;
use shared::dashboard::Figure;
use shared::ids::CommuneId;
use shared::model::Model;
use shared::status::ModelStatus;

use super::journey::{click_css, screenshot, sign_in_as};
use super::review::TABLET;
use super::*;
use crate::common::Api;

/// Every record `username` pulls, as the API sends them.
pub(super) async fn pulled(server: &TestServer, username: &str) -> Vec<Value> {
    let api = Api::from_state(server::router(server.state.clone()), server.state.clone());
    let token = api.login(username).await;
    let (mut since, mut out) = (0, Vec::new());
    loop {
        let (status, page) = api
            .get(
                &format!("/api/sync/pull?since={since}&limit=1000"),
                Some(&token),
            )
            .await;
        assert_eq!(status.as_u16(), 200, "{page}");
        out.extend(page["records"].as_array().expect("records").iter().cloned());
        since = page["cursor"].as_u64().expect("cursor");
        if !page["more"].as_bool().expect("more") {
            return out;
        }
    }
}

/// Every live record of the city's communes in the server's store, in the
/// pull's JSON shape.
async fn stored(server: &TestServer) -> Vec<Value> {
    let store = &server.state.store;
    let mut out = Vec::new();
    for commune in store.communes_of_city("Hải Phòng").await.expect("communes") {
        for r in store.live_records(commune).await.expect("records") {
            out.push(serde_json::to_value(&r).expect("json"));
        }
    }
    out
}

/// Today on the browser's calendar, as the app reads it.
pub(super) async fn browser_today(client: &Client) -> NaiveDate {
    let day = eval(
        client,
        "const d = new Date(); return [d.getFullYear(), d.getMonth() + 1, d.getDate()];",
    )
    .await;
    let [y, m, d]: [i64; 3] = serde_json::from_value(day).expect("a date");
    NaiveDate::from_ymd_opt(y as i32, m as u32, d as u32).expect("a valid day")
}

/// Per commune: its newest year's registered and recognised models,
/// counted from the pulled records.
fn expected(records: &[Value]) -> HashMap<CommuneId, (CampaignYear, usize, usize)> {
    let fields = |kind: &'static str| {
        records
            .iter()
            .filter(move |r| r["kind"] == kind)
            .map(|r| r["fields"].clone())
    };
    let mut newest: HashMap<CommuneId, CampaignYear> = HashMap::new();
    for c in
        fields("campaign").map(|f| serde_json::from_value::<CampaignYear>(f).expect("campaign"))
    {
        if newest.get(&c.commune_id).is_none_or(|n| n.year < c.year) {
            newest.insert(c.commune_id, c);
        }
    }
    let models: Vec<Model> = fields("model")
        .map(|f| serde_json::from_value(f).expect("model"))
        .collect();
    newest
        .into_iter()
        .map(|(commune, c)| {
            let year: Vec<&Model> = models
                .iter()
                .filter(|m| m.campaign_id == c.id && m.status.is_registered())
                .collect();
            let recognised = year
                .iter()
                .filter(|m| m.status == ModelStatus::CongNhan)
                .count();
            (commune, (c, year.len(), recognised))
        })
        .collect()
}

async fn rows(client: &Client) -> Vec<(String, String, String, String)> {
    let rows = eval(
        client,
        "return [...document.querySelectorAll('#city-table tbody tr')].map((r) => \
           [r.dataset.commune, r.dataset.registered, r.dataset.recognised, r.dataset.late]);",
    )
    .await;
    serde_json::from_value(rows).expect("rows")
}

/// Waits until the commune dashboard's source matches `test` (JS).
async fn until_source(client: &Client, test: &str) {
    until(
        client,
        &format!("the dashboard's source {test}"),
        &format!(
            "const p = document.getElementById('dashboard-as-of'); \
             return !!p && !!document.getElementById('dashboard-headline') && p.dataset.source{test};"
        ),
    )
    .await;
}

/// The registered count the commune's dashboard shows.
async fn registered_shown(client: &Client) -> Value {
    eval(
        client,
        &format!(
            "return document.querySelector('a.figure[data-figure=\"{}\"]').dataset.count;",
            Figure::Registered.slug()
        ),
    )
    .await
}

async fn until_rows(client: &Client, n: usize) {
    until(
        client,
        &format!("{n} communes"),
        &format!("return document.querySelectorAll('#city-table tbody tr').length === {n};"),
    )
    .await;
}

#[tokio::test(flavor = "multi_thread", worker_threads = 2)]
async fn the_city_viewer_compares_three_communes_and_opens_one() {
    let (_slot, server, _driver, client) = open_app(TABLET).await;
    sign_in_as(&client, "thanhuy.hp").await;
    until_synced(&client).await;
    let own = pulled(&server, "thanhuy.hp").await;
    assert!(
        own.iter()
            .all(|r| ["commune", "unit", "campaign"]
                .contains(&r["kind"].as_str().unwrap_or_default())),
        "a city viewer's pull carries the set-up only"
    );
    let records = stored(&server).await;
    let want = expected(&records);
    assert_eq!(want.len(), 3, "the demo city has three communes");

    // The city viewer's first screen, with the documents one tap away.
    until_rows(&client, 3).await;
    assert_eq!(
        eval(
            &client,
            "return [!!document.querySelector('#first-links #open-documents'), \
               document.getElementById('open-models') === null, \
               document.querySelector('main a.back') === null];"
        )
        .await,
        json!([true, true, true])
    );
    until(
        &client,
        "the server's answer",
        "return document.getElementById('city-as-of').dataset.source === 'Server';",
    )
    .await;
    for (commune, registered, recognised, _) in rows(&client).await {
        let (_, r, c) = &want[&commune.parse::<CommuneId>().expect("id")];
        assert_eq!(
            (registered, recognised),
            (r.to_string(), c.to_string()),
            "{commune}"
        );
    }
    assert!(
        text_of(&client, "#city-as-of")
            .await
            .contains("Số liệu máy chủ tính lúc")
    );
    screenshot(&client, "tablet-city").await;

    // Sorted by late units, most first; filtered by name.
    eval(&client, "const s = document.getElementById('city-sort'); s.value = 'qua-han'; s.dispatchEvent(new Event('change')); return true;").await;
    until(&client, "sorted by late units", "const l = [...document.querySelectorAll('#city-table tbody tr')].map((r) => +r.dataset.late); \
        return l.length === 3 && l.every((v, i) => i === 0 || l[i - 1] >= v);").await;
    eval(&client, "const i = document.getElementById('city-search'); i.value = 'tân kỳ'; i.dispatchEvent(new Event('input')); return true;").await;
    until_rows(&client, 1).await;
    eval(&client, "const i = document.getElementById('city-search'); i.value = ''; i.dispatchEvent(new Event('input')); return true;").await;
    until_rows(&client, 3).await;

    // One commune's dashboard, as the server computed it.
    let thanh_mien = shared::demo::thanh_mien().commune.id;
    let (_, registered, _) = &want[&thanh_mien];
    let open_commune = format!("#city-table tr[data-commune=\"{thanh_mien}\"] a.city__open");
    click_css(&client, &open_commune).await;
    let hash = json!(format!("#/thanh-pho/{thanh_mien}"));
    until(
        &client,
        "the commune's dashboard",
        &format!("return location.hash === {hash};"),
    )
    .await;
    until_source(&client, "=== 'Server'").await;
    assert_eq!(
        registered_shown(&client).await,
        json!(registered.to_string())
    );
    // Its figure opens the list of exactly that many models.
    click_css(
        &client,
        &format!("a.figure[data-figure=\"{}\"]", Figure::Registered.slug()),
    )
    .await;
    until(
        &client,
        "the registered models listed",
        &format!(
            "const l = document.getElementById('figure-list'); \
             return !!l && l.dataset.count === '{registered}' && \
               l.querySelectorAll('.models__item').length === {registered};"
        ),
    )
    .await;
    screenshot(&client, "tablet-city-commune").await;
    click_css(&client, "a.back").await;
    until_rows(&client, 3).await;

    // Offline: the copies kept on the device, said to be ones.
    until_offline_ready(&client).await;
    network(&client, &server, false).await;
    client.refresh().await.expect("offline reload");
    until_rows(&client, 3).await;
    until(
        &client,
        "the saved copy",
        "return document.getElementById('city-as-of').dataset.source.startsWith('Saved');",
    )
    .await;
    assert!(
        text_of(&client, "#city-as-of")
            .await
            .contains("bản lưu trên máy")
    );
    screenshot(&client, "tablet-city-offline").await;
    click_css(&client, &open_commune).await;
    until(
        &client,
        "the commune's dashboard, offline",
        &format!("return location.hash === {hash};"),
    )
    .await;
    until_source(&client, ".startsWith('Saved')").await;
    assert!(
        text_of(&client, "#dashboard-as-of")
            .await
            .contains("Số liệu máy chủ tính lúc")
    );
    assert_eq!(
        registered_shown(&client).await,
        json!(registered.to_string())
    );
    screenshot(&client, "tablet-city-commune-offline").await;
    client.close().await.expect("close");
    server.stop().await;
}

/// The city view fits a phone and a tablet; screenshots of both.
#[tokio::test(flavor = "multi_thread", worker_threads = 2)]
async fn the_city_view_fits_a_phone_and_a_tablet() {
    let _slot = ONE_BROWSER.acquire().await.expect("browser slot");
    let server = TestServer::start(demo_server_settings(&built_dist())).await;
    for (device, size) in [("phone", PHONE), ("tablet", TABLET)] {
        let driver = start_driver().await;
        let client = chromium(&driver, size, None).await;
        client.goto(&server.url("/")).await.expect("goto");
        sign_in_as(&client, "thanhuy.hp").await;
        // Synced first: the home list redrawn under a tap could swallow it.
        until_synced(&client).await;
        until_rows(&client, 3).await;
        until_settled(&client, "city").await;
        assert_fits(
            &client,
            &format!("{device} city"),
            "main a, main button, main select",
            false,
        )
        .await;
        screenshot(&client, &format!("{device}-city")).await;
        client.close().await.expect("close");
    }
    server.stop().await;
}
