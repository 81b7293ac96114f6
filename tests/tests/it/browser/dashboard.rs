//! The leaders' dashboard in a real Chromium: the leader's figures on a
//! tablet equal `shared::figures::commune_year` over the demo the server
//! loaded, each figure lists exactly its models, and the screen reads the
//! same offline after a sync; the screen fits a phone and a tablet.
use chrono::NaiveDate;
use serde_json::json;
use shared::dashboard::{Figure, dashboard};
use shared::figures::{CommuneRecords, commune_year};
use shared::ids::ModelId;

use super::journey::{click, click_css, screenshot, sign_in_as};
use super::review::{TABLET, go};
use super::*;

/// The demo the test server loaded, as the device holds it after a sync.
fn demo_records() -> CommuneRecords {
    let d = shared::demo::thanh_mien();
    CommuneRecords {
        communes: vec![d.commune],
        units: d.units,
        campaigns: d.campaigns,
        models: d.models,
        progress: d.progress,
        reports: d.reports,
        evaluations: d.evaluations,
        arrivals: Vec::new(),
    }
}

/// Today on the browser's calendar, as the app reads it.
async fn browser_today(client: &Client) -> NaiveDate {
    let day = eval(
        client,
        "const d = new Date(); return [d.getFullYear(), d.getMonth() + 1, d.getDate()];",
    )
    .await;
    let [y, m, d]: [i64; 3] = serde_json::from_value(day).expect("a date");
    NaiveDate::from_ymd_opt(y as i32, m as u32, d as u32).expect("a valid day")
}

/// The names of the models `ids` stands for, as the lists show them.
fn names(data: &CommuneRecords, ids: &[ModelId]) -> Vec<String> {
    ids.iter()
        .map(|id| {
            let m = data
                .models
                .iter()
                .find(|m| m.id == *id)
                .expect("a demo model");
            m.name.trim().to_owned()
        })
        .collect()
}

/// The names in the open figure's list, once `figure`'s link reads as open
/// and the list has `count` rows (the list of the figure opened before
/// may have as many).
async fn listed_names(client: &Client, figure: Figure, count: usize) -> Vec<String> {
    until(
        client,
        &format!("a list of {count}"),
        &format!(
            "const l = document.getElementById('figure-list'); \
             return !!document.querySelector('a.figure--open[data-figure=\"{}\"]') \
               && !!l && l.querySelectorAll('.models__item').length === {count};",
            figure.slug()
        ),
    )
    .await;
    let names = eval(
        client,
        "return [...document.querySelectorAll('#figure-list .models__name')].map((e) => e.textContent);",
    )
    .await;
    serde_json::from_value(names).expect("names")
}

/// The number a figure's tile or cell shows.
async fn shown(client: &Client, figure: Figure) -> String {
    let text = text_of(
        client,
        &format!("a.figure[data-figure=\"{}\"]", figure.slug()),
    )
    .await;
    text.split_whitespace()
        .next()
        .unwrap_or_default()
        .to_owned()
}

#[tokio::test(flavor = "multi_thread", worker_threads = 2)]
async fn the_leader_reads_the_dashboard_on_a_tablet_offline() {
    let (_slot, server, _driver, client) = open_app(TABLET).await;
    sign_in_as(&client, "thuongtruc.hung").await;
    until_synced(&client).await;
    let data = demo_records();
    let campaign = data
        .campaigns
        .iter()
        .max_by_key(|c| c.year)
        .expect("a year")
        .clone();
    let records = data.year(campaign.id).expect("the demo year");
    let today = browser_today(&client).await;
    // What the screen must say: the shared figures of the newest year, on
    // the day the dashboard reads its deadlines (today, or the report day
    // of a finished year).
    let seen_on = today.min(campaign.commune_report_deadline);
    let year = commune_year(&records, seen_on);
    let s = &year.stages;
    let expected = [
        (Figure::Registered, &s.registered),
        (Figure::Reported, &s.reported),
        (Figure::Evaluated, &s.evaluated),
        (Figure::Recognised, &s.recognised),
        (Figure::Exemplary, &s.exemplary),
        (Figure::ProposedReward, &s.proposed_reward),
        (Figure::Replicate, &s.replicate),
    ];
    assert!(s.registered.count() > 0, "the demo has registered models");

    // The leader's first screen is the dashboard, with the models and the
    // documents one tap away instead of a way back.
    text_of(&client, "#dashboard-headline").await;
    assert_eq!(
        eval(
            &client,
            "return [['', '#/'].includes(location.hash), !!document.querySelector('#first-links #open-models'), \
               !!document.querySelector('#first-links #open-documents'), \
               document.querySelector('main a.back') === null];"
        )
        .await,
        json!([true, true, true, true])
    );
    // Whose figures: the commune's name under the title.
    assert_eq!(
        text_of(&client, "#dashboard-whose").await,
        data.communes[0].name
    );
    for (figure, tally) in &expected {
        assert_eq!(
            shown(&client, *figure).await,
            tally.count().to_string(),
            "{figure:?}"
        );
    }
    let met = year.coverage.units.iter().filter(|u| u.met).count();
    let tile = eval(
        &client,
        "const t = document.getElementById('units-met'); return [t.dataset.met, t.dataset.designated];",
    )
    .await;
    assert_eq!(
        tile,
        json!([met.to_string(), year.coverage.units.len().to_string()])
    );
    assert!(
        text_of(&client, "#dashboard-as-of")
            .await
            .contains("đồng bộ lúc"),
        "the figures say when they were synced"
    );
    // The coverage table: every designated unit with its count and target.
    for u in &year.coverage.units {
        let cell = text_of(
            &client,
            &format!("#coverage tr[data-unit=\"{}\"] td", u.unit_id),
        )
        .await;
        assert_eq!(cell, format!("{} / {}", u.count, u.target), "{}", u.name);
    }
    screenshot(&client, "tablet-dashboard").await;

    // Tapping a figure lists exactly the models behind it.
    // The registered models, and the furthest stage the demo reached.
    let furthest = expected[1..]
        .iter()
        .rev()
        .find(|(_, t)| !t.is_empty())
        .expect("a stage with models");
    for (figure, tally) in [&expected[0], furthest] {
        click_css(
            &client,
            &format!("a.figure[data-figure=\"{}\"]", figure.slug()),
        )
        .await;
        let listed = listed_names(&client, *figure, tally.count() as usize).await;
        assert_eq!(listed, names(&data, tally.ids()), "{figure:?}");
    }
    let field = year
        .registered
        .by_field
        .iter()
        .find(|(_, t)| !t.is_empty())
        .expect("a field with models");
    let field_figure = Figure::Field(Some(field.0));
    let number = text_of(
        &client,
        &format!(
            "#field-counts a[data-figure=\"{}\"] .field-counts__number",
            field_figure.slug()
        ),
    )
    .await;
    assert_eq!(number, field.1.count().to_string());
    click_css(
        &client,
        &format!("#field-counts a[data-figure=\"{}\"]", field_figure.slug()),
    )
    .await;
    assert_eq!(
        listed_names(&client, field_figure, field.1.count() as usize).await,
        names(&data, field.1.ids())
    );
    screenshot(&client, "tablet-dashboard-list").await;
    let hash = eval(&client, "return location.hash;").await;

    // Offline after the sync: a reload still draws the same figures and list.
    until_offline_ready(&client).await;
    network(&client, &server, false).await;
    client.refresh().await.expect("offline reload");
    assert_eq!(
        listed_names(&client, field_figure, field.1.count() as usize).await,
        names(&data, field.1.ids())
    );
    assert_eq!(eval(&client, "return location.hash;").await, hash);
    for (figure, tally) in &expected {
        assert_eq!(
            shown(&client, *figure).await,
            tally.count().to_string(),
            "offline {figure:?}"
        );
    }
    // A row opens the model's page.
    let first = field.1.ids()[0];
    click_css(
        &client,
        &format!("#figure-list .models__item[data-id=\"{first}\"] a"),
    )
    .await;
    until(
        &client,
        "the model's page",
        &format!(
            "return location.hash === {};",
            json!(format!("#/mo-hinh/{first}"))
        ),
    )
    .await;
    text_of(&client, "main h2").await;
    // Its way back names the leader's first screen, and goes there.
    assert_eq!(text_of(&client, "main a.back").await, "‹ Tổng quan");
    click_css(&client, "main a.back").await;
    text_of(&client, "#dashboard-headline").await;
    // The commune's models, listed from the dashboard.
    click(&client, "open-models").await;
    until(
        &client,
        "the commune's models",
        "return location.hash === '#/mo-hinh' && !!document.getElementById('models') \
           && !!document.getElementById('open-dashboard');",
    )
    .await;
    client.close().await.expect("close");
    server.stop().await;
}

/// No sideways scroll and touch targets ≥ 44 px on a phone and a tablet,
/// with a figure's list open and closed.
#[tokio::test(flavor = "multi_thread", worker_threads = 2)]
async fn the_dashboard_fits_a_phone_and_a_tablet() {
    let _slot = ONE_BROWSER.acquire().await.expect("browser slot");
    let server = TestServer::start(demo_server_settings(&built_dist())).await;
    for (device, size) in [("phone", PHONE), ("tablet", TABLET)] {
        let driver = start_driver().await;
        let client = chromium(&driver, size, None).await;
        client.goto(&server.url("/")).await.expect("goto");
        sign_in_as(&client, "thuongtruc.hung").await;
        until_synced(&client).await;
        for (screen, hash) in [
            ("dashboard", "#/tong-quan".to_owned()),
            (
                "dashboard-list",
                format!("#/tong-quan/{}/dang-ky", newest_year()),
            ),
        ] {
            go(&client, &hash).await;
            text_of(&client, "#dashboard-headline").await;
            until_settled(&client, screen).await;
            assert_fits(
                &client,
                &format!("{device} {screen}"),
                "main a, main button, main select",
                false,
            )
            .await;
            screenshot(&client, &format!("{device}-{screen}")).await;
        }
        client.close().await.expect("close");
    }
    server.stop().await;
}

fn newest_year() -> shared::ids::CampaignId {
    let data = shared::demo::thanh_mien();
    data.campaigns
        .iter()
        .max_by_key(|c| c.year)
        .expect("a year")
        .id
}

#[test]
fn the_expected_figures_come_from_the_dashboard_rule() {
    // The browser test computes its numbers with `commune_year`; the screen
    // draws `dashboard`: the two must agree on the demo for any day.
    let data = demo_records();
    let campaign = data
        .campaigns
        .iter()
        .max_by_key(|c| c.year)
        .expect("a year");
    let records = data.year(campaign.id).expect("year");
    for day in [
        campaign.registration_deadline,
        campaign.commune_report_deadline + chrono::Days::new(30),
    ] {
        let d = dashboard(&records, &[], day);
        // Every figure; the models' own results are not on the dashboard.
        let mut year = commune_year(&records, day.min(campaign.commune_report_deadline));
        year.models.clear();
        assert_eq!(d.year, year);
    }
}
