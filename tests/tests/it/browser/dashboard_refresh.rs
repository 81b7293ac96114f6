//! An open dashboard re-reads the device's records only when a sync
//! brought something: a sync that brings nothing (the 30 s timer's, most
//! of the time) leaves the data version, and so the screens, as they are
//! (`shared::sync::DataMark`); a change from another device arriving does
//! refresh it. Told by the app's performance measure
//! `dvk-dashboard-records` (one per read of the records).
use serde_json::json;
use shared::status::ModelStatus;

use super::journey::{click, measures, push_as, sign_in_as};
use super::review::TABLET;
use super::*;

/// The pulls the page has made so far.
const PULLS: &str = "return performance.getEntriesByType('resource') \
     .filter(e => e.name.includes('/api/sync/pull')).length;";

/// Syncs now and waits for one more pull to have ended and the sync to settle.
async fn sync_now(client: &Client) {
    let before = eval(client, PULLS).await.as_u64().expect("a count");
    click(client, "sync-now").await;
    until(
        client,
        "a pull",
        &PULLS.replace("return ", &format!("return {before} < ")),
    )
    .await;
    until_synced(client).await;
}

async fn records_read(client: &Client) -> u64 {
    measures(client, "dvk-dashboard-records").await
}

#[tokio::test(flavor = "multi_thread", worker_threads = 2)]
async fn an_open_dashboard_reads_the_records_again_only_when_a_sync_brought_some() {
    let _slot = ONE_BROWSER.acquire().await.expect("browser slot");
    let server = TestServer::start(demo_server_settings(&built_dist())).await;
    let driver = start_driver().await;
    let client = chromium(&driver, TABLET, None).await;
    client.goto(&server.url("/")).await.expect("goto");
    sign_in_as(&client, "thuongtruc.hung").await;
    until_synced(&client).await;
    // The leader's first screen.
    text_of(&client, "#dashboard-headline").await;

    eval(&client, "performance.clearMeasures(); return true;").await;
    sync_now(&client).await;
    sync_now(&client).await;
    assert_eq!(
        records_read(&client).await,
        0,
        "two syncs that brought nothing: nothing read again"
    );

    let demo = shared::demo::thanh_mien();
    let sent = demo
        .models
        .iter()
        .find(|m| m.status == ModelStatus::DaGui)
        .expect("a demo model waiting for review");
    let returned = push_as(
        &server,
        "bxdd.lan",
        sent.id.as_uuid(),
        json!({ "status": "tra_lai_dang_ky", "return_comment": "Bổ sung số hộ tham gia" }),
    )
    .await;
    assert_eq!(returned["outcome"], json!("applied"), "{returned}");
    sync_now(&client).await;
    until(
        &client,
        "the records read again",
        "return performance.getEntriesByName('dvk-dashboard-records').length === 1;",
    )
    .await;
    text_of(&client, "#dashboard-headline").await;
    client.close().await.expect("close");
    server.stop().await;
}
