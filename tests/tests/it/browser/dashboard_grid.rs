//! The dashboard's grid, deadline tiles and freshness in a real Chromium:
//! every cell equals a count the test makes itself from the records the
//! leader pulls (statuses and dates read directly, not through the
//! dashboard's functions), each list opened from a cell has that many rows,
//! and each unit's "dữ liệu đến" is the newest arrival of its records.
use std::collections::HashMap;

use chrono::{DateTime, NaiveDate, Utc};
use serde_json::Value;
use shared::campaign::CampaignYear;
use shared::dashboard::{Figure, Stage};
use shared::evaluation::Evaluation;
use shared::ids::{ModelId, UnitId};
use shared::model::Model;
use shared::org::Unit;
use shared::status::ModelStatus as S;

use super::dashboard_city::{browser_today, pulled};
use super::journey::{click, click_css, screenshot, sign_in_as};
use super::review::{TABLET, go};
use super::*;

/// What the test expects of one stage for a set of models.
fn at_stage(stage: Stage, m: &Model) -> bool {
    match stage {
        Stage::Registered => m.status.is_registered(),
        Stage::InProgress => matches!(m.status, S::DaDangKy | S::DangThucHien | S::TraLaiBaoCao),
        Stage::Reported => matches!(
            m.status,
            S::DaBaoCao | S::DaDanhGia | S::CongNhan | S::KhongCongNhan
        ),
        Stage::Evaluated => matches!(m.status, S::DaDanhGia | S::CongNhan | S::KhongCongNhan),
        Stage::Recognised => m.status == S::CongNhan,
    }
}

/// Late for the stage's deadline, read from the model's own dates.
fn late(
    stage: Stage,
    c: &CampaignYear,
    m: &Model,
    evaluated: Option<NaiveDate>,
    seen: NaiveDate,
) -> bool {
    match stage {
        Stage::Registered => m.submitted_on.is_some_and(|d| d > c.registration_deadline),
        Stage::InProgress => seen > c.unit_report_deadline,
        Stage::Reported => m.reported_on.is_some_and(|d| d > c.unit_report_deadline),
        Stage::Evaluated | Stage::Recognised => {
            evaluated.is_some_and(|d| d > c.commune_report_deadline)
        }
    }
}

/// The number a link shows (its `data-count`) and the count of the list it opens.
async fn cell(client: &Client, figure: Figure) -> u32 {
    let css = format!("a.figure[data-figure=\"{}\"]", figure.slug());
    let script = format!(
        "const a = document.querySelector({}); return a ? a.dataset.count : null;",
        serde_json::json!(css)
    );
    match eval(client, &script).await {
        Value::String(n) => n.parse().expect("a number"),
        _ => 0,
    }
}

async fn list_of(client: &Client, figure: Figure, count: u32) {
    click_css(
        client,
        &format!("a.figure[data-figure=\"{}\"]", figure.slug()),
    )
    .await;
    until(
        client,
        &format!("{figure:?} lists {count}"),
        &format!(
            "const l = document.getElementById('figure-list'); \
             return !!l && l.dataset.count === '{count}' \
               && l.querySelectorAll('.models__item').length === {count};"
        ),
    )
    .await;
}

#[tokio::test(flavor = "multi_thread", worker_threads = 2)]
async fn the_grid_equals_counts_from_the_pulled_records_and_each_cell_lists_them() {
    let (_slot, server, _driver, client) = open_app(TABLET).await;
    sign_in_as(&client, "thuongtruc.hung").await;
    until_synced(&client).await;
    let records = pulled(&server, "thuongtruc.hung").await;
    let of = |kind: &str| -> Vec<&Value> { records.iter().filter(|r| r["kind"] == kind).collect() };
    let typed = |r: &Value| r["fields"].clone();
    let campaigns: Vec<CampaignYear> = of("campaign")
        .iter()
        .map(|r| serde_json::from_value(typed(r)).expect("campaign"))
        .collect();
    let campaign = campaigns
        .iter()
        .max_by_key(|c| c.year)
        .expect("a year")
        .clone();
    let units: Vec<Unit> = of("unit")
        .iter()
        .map(|r| serde_json::from_value(typed(r)).expect("unit"))
        .collect();
    assert!(
        units.iter().all(|u| u.parent.is_none()),
        "the demo has no sub-units: a unit's models are its own"
    );
    let models: Vec<Model> = of("model")
        .iter()
        .map(|r| serde_json::from_value::<Model>(typed(r)).expect("model"))
        .filter(|m| m.campaign_id == campaign.id)
        .collect();
    let evaluated: HashMap<ModelId, NaiveDate> = of("evaluation")
        .iter()
        .map(|r| serde_json::from_value::<Evaluation>(typed(r)).expect("evaluation"))
        .filter_map(|e| Some((e.model_id, e.evaluated_on?)))
        .collect();
    let today = browser_today(&client).await;
    let seen = today.min(campaign.commune_report_deadline);
    // The leader's list of the commune's models (their first screen is the
    // dashboard) names the commune and says the year is over.
    go(&client, "#/mo-hinh").await;
    let commune = shared::demo::thanh_mien().commune.name;
    until(
        &client,
        "the commune in the heading",
        &format!(
            "return document.getElementById('unit-line').textContent === {};",
            serde_json::json!(shared::messages::whose_year(&commune, campaign.year))
        ),
    )
    .await;
    if campaign.is_closed(today) {
        assert_eq!(
            text_of(&client, "#year-closed").await,
            campaign.closed_label(today).expect("closed")
        );
    }

    click(&client, "open-dashboard").await;
    text_of(&client, "#stage-grid").await;
    // The rows: units with a target or a model this year, then the commune.
    let rows = eval(
        &client,
        "return [...document.querySelectorAll('#stage-grid tbody tr')].map((r) => r.dataset.row);",
    )
    .await;
    let rows: Vec<String> = serde_json::from_value(rows).expect("rows");
    let mut expected_rows: Vec<String> = units
        .iter()
        .filter(|u| u.commune_id == campaign.commune_id)
        .filter(|u| u.has_target || models.iter().any(|m| m.unit_id == u.id))
        .map(|u| u.id.to_string())
        .collect();
    expected_rows.push("xa".to_owned());
    assert_eq!(rows, expected_rows);

    let mut opened = 0;
    for row in &rows {
        let unit: Option<UnitId> = (row != "xa").then(|| row.parse().expect("a unit id"));
        let mine: Vec<&Model> = models
            .iter()
            .filter(|m| unit.is_none_or(|u| m.unit_id == u))
            .collect();
        for stage in Stage::ALL {
            let at: Vec<&&Model> = mine.iter().filter(|m| at_stage(stage, m)).collect();
            let lates = at
                .iter()
                .filter(|m| late(stage, &campaign, m, evaluated.get(&m.id).copied(), seen))
                .count();
            let figure = Figure::Stage {
                unit,
                stage,
                late: false,
            };
            assert_eq!(
                cell(&client, figure).await as usize,
                at.len(),
                "{row} {stage:?}"
            );
            let late_figure = Figure::Stage {
                unit,
                stage,
                late: true,
            };
            assert_eq!(
                cell(&client, late_figure).await as usize,
                lates,
                "{row} {stage:?} late"
            );
            // The commune's row: every list opens with its count.
            if unit.is_none() {
                list_of(&client, figure, at.len() as u32).await;
                if lates > 0 {
                    list_of(&client, late_figure, lates as u32).await;
                }
                opened += 1;
            }
        }
    }
    assert_eq!(opened, Stage::ALL.len());
    screenshot(&client, "tablet-dashboard-grid-list").await;

    // "Dữ liệu đến": each unit's newest arrival among its records.
    let mut newest: HashMap<String, DateTime<Utc>> = HashMap::new();
    for r in records.iter().filter(|r| {
        ["model", "progress", "report"].contains(&r["kind"].as_str().unwrap_or_default())
    }) {
        let (Some(unit), Some(at)) = (r["fields"]["unit_id"].as_str(), r["arrived_at"].as_str())
        else {
            continue;
        };
        let at: DateTime<Utc> = at.parse().expect("a time");
        let e = newest.entry(unit.to_owned()).or_insert(at);
        *e = (*e).max(at);
    }
    assert!(
        !newest.is_empty(),
        "the demo's records say when they arrived"
    );
    let shown = eval(&client, "return [...document.querySelectorAll('#coverage tr[data-unit]')].map((r) => [r.dataset.unit, r.querySelector('.coverage__data').dataset.at]);").await;
    let shown: Vec<(String, String)> = serde_json::from_value(shown).expect("rows");
    assert!(!shown.is_empty());
    for (unit, at) in shown {
        let at: Option<DateTime<Utc>> = (!at.is_empty()).then(|| at.parse().expect("a time"));
        assert_eq!(at, newest.get(&unit).copied(), "{unit}");
    }
    // The year is closed (the demo's year is 2025): no next deadline, and
    // the late units are those the grid's own dates say.
    assert_eq!(
        eval(
            &client,
            "return !!document.getElementById('next-deadline');"
        )
        .await,
        Value::Bool(today <= campaign.commune_report_deadline)
    );
    text_of(&client, "#dashboard-closed").await;
    let late_count: usize = text_of(&client, "#late-units-tile .tile__number")
        .await
        .parse()
        .expect("a number");
    let listed = eval(&client, "const l = document.getElementById('late-units'); return l ? l.querySelectorAll('li').length : 0;").await;
    assert_eq!(
        listed.as_u64(),
        Some(late_count as u64),
        "the tile names as many units as it counts"
    );
    client.close().await.expect("close");
    server.stop().await;
}

/// The grid, tiles and charts fit a phone and a tablet (no sideways
/// scroll, targets ≥ 44 px); screenshots of both.
#[tokio::test(flavor = "multi_thread", worker_threads = 2)]
async fn the_grid_and_charts_fit_a_phone_and_a_tablet() {
    let _slot = ONE_BROWSER.acquire().await.expect("browser slot");
    let server = TestServer::start(demo_server_settings(&built_dist())).await;
    for (device, size) in [("phone", PHONE), ("tablet", TABLET)] {
        let driver = start_driver().await;
        let client = chromium(&driver, size, None).await;
        client.goto(&server.url("/")).await.expect("goto");
        sign_in_as(&client, "thuongtruc.hung").await;
        until_synced(&client).await;
        go(&client, "#/tong-quan").await;
        text_of(&client, "#stage-grid").await;
        text_of(&client, "#by-status").await;
        until_settled(&client, "grid").await;
        assert_fits(
            &client,
            &format!("{device} grid"),
            "main a, main button, main select",
            false,
        )
        .await;
        scroll_to(&client, "stage-grid").await;
        screenshot(&client, &format!("{device}-dashboard-grid")).await;
        scroll_to(&client, "by-kind").await;
        screenshot(&client, &format!("{device}-dashboard-charts")).await;
        client.close().await.expect("close");
    }
    server.stop().await;
}

/// Scrolls the page so the element with `id` is at the top, below the bar.
async fn scroll_to(client: &Client, id: &str) {
    let script = format!(
        "const e = document.getElementById('{id}'); \
         window.scrollTo(0, e.getBoundingClientRect().top + window.scrollY - 90); \
         return true;"
    );
    eval(client, &script).await;
    until(
        client,
        "scrolled",
        &format!(
            "return Math.abs(document.getElementById('{id}').getBoundingClientRect().top - 90) < 2 \
        || window.innerHeight + window.scrollY >= document.body.scrollHeight - 2;"
        ),
    )
    .await;
}
