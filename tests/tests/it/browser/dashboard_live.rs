//! The demo tells a live story: a demo server made for 15 October 2026
//! and a browser whose clock reads that day show the 2026 campaign open,
//! the next deadline (the units' results report) with its days left and
//! the units that have not reported, the units already late, and the
//! commune named in the leader's heading; what `shared::dashboard` makes of
//! the same demo on that day.
use chrono::NaiveDate;
use serde_json::json;
use shared::dashboard::{Figure, dashboard};
use shared::figures::CommuneRecords;

use super::journey::{click, screenshot, sign_in_as};
use super::review::{TABLET, go};
use super::*;

const DAY: (i32, u32, u32) = (2026, 10, 15);

fn day() -> NaiveDate {
    NaiveDate::from_ymd_opt(DAY.0, DAY.1, DAY.2).expect("a day")
}

/// The browser's clock set to `day` (mid-morning UTC, the same calendar day
/// in any time zone from UTC−5 to UTC+14).
async fn set_browser_day(client: &Client) {
    let (y, m, d) = DAY;
    eval(
        client,
        &format!(
            "const t = Date.UTC({y}, {}, {d}, 5, 0, 0); Date.now = () => t; return true;",
            m - 1
        ),
    )
    .await;
}

#[tokio::test(flavor = "multi_thread", worker_threads = 2)]
async fn a_demo_of_mid_october_reads_as_a_live_year() {
    let _slot = ONE_BROWSER.acquire().await.expect("browser slot");
    let mut settings = demo_server_settings(&built_dist());
    settings.demo_day = Some(day());
    let server = TestServer::start(settings).await;
    let driver = start_driver().await;
    let client = chromium(&driver, TABLET, None).await;
    client.goto(&server.url("/")).await.expect("goto");
    sign_in_as(&client, "thuongtruc.hung").await;
    until_synced(&client).await;

    let demo = shared::demo::thanh_mien_on(day()).expect("demo");
    let campaign = demo.current_campaign().expect("a year").clone();
    assert_eq!(campaign.year, DAY.0);
    assert!(!campaign.is_closed(day()));
    let records = CommuneRecords {
        communes: vec![demo.commune.clone()],
        units: demo.units.clone(),
        campaigns: demo.campaigns.clone(),
        models: demo.models.clone(),
        progress: demo.progress.clone(),
        reports: demo.reports.clone(),
        evaluations: demo.evaluations.clone(),
        arrivals: Vec::new(),
    };
    let d = dashboard(&records.year(campaign.id).expect("the year"), &[], day());
    let next = d.next.clone().expect("a deadline ahead");

    set_browser_day(&client).await;
    // Drawn again on that day: through the models' list and back.
    go(&client, "#/mo-hinh").await;
    click(&client, "open-dashboard").await;
    text_of(&client, "#dashboard-headline").await;
    assert_eq!(
        eval(
            &client,
            "return !!document.getElementById('dashboard-closed');"
        )
        .await,
        json!(false),
        "an open year"
    );
    let tile = eval(
        &client,
        "const t = document.getElementById('next-deadline'); \
         const p = document.getElementById('pending-units'); \
         return [t.dataset.days, p ? p.dataset.count : '0'];",
    )
    .await;
    assert_eq!(
        tile,
        json!([next.days_left.to_string(), next.pending.len().to_string()])
    );
    assert!(
        text_of(&client, "#next-deadline")
            .await
            .contains(next.kind.label())
    );
    let late: usize = text_of(&client, "#late-units-tile .tile__number")
        .await
        .parse()
        .expect("a number");
    assert_eq!(late, d.late.len());
    let registered = eval(
        &client,
        &format!(
            "return document.querySelector('a.figure[data-figure=\"{}\"]').dataset.count;",
            Figure::Registered.slug()
        ),
    )
    .await;
    assert_eq!(registered, json!(d.count(&Figure::Registered).to_string()));
    screenshot(&client, "tablet-dashboard-live").await;
    client.close().await.expect("close");
    server.stop().await;
}
