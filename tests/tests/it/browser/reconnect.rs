//! Reconnecting sends at once (issue #18): one tab syncs at a time through
//! the Web Locks API, which the browser releases when a tab dies, so a
//! reloaded or closed tab never holds up the next sync. The network is cut
//! with Chromium's emulation and at the test server, as elsewhere.
use std::time::{Duration, Instant};

use fantoccini::Client;
use serde_json::json;

use super::journey::listed_id;
use super::*;

/// How soon a change must reach the server once it can.
const PROMPT: Duration = Duration::from_secs(3);

/// Waits until the server holds the model named `name`; fails past `within`.
async fn arrives_within(server: &TestServer, name: &str, within: Duration) -> Duration {
    let start = Instant::now();
    while !server_has_model(server, name).await {
        assert!(
            start.elapsed() < within,
            "{name:?} did not reach the server within {within:?}"
        );
        tokio::time::sleep(Duration::from_millis(50)).await;
    }
    start.elapsed()
}

/// Waits until the server has held `n` requests (a sync caught mid-way).
async fn until_held(server: &TestServer, n: usize) {
    let deadline = Instant::now() + WAIT;
    while server.hold.held.load(std::sync::atomic::Ordering::SeqCst) < n {
        assert!(Instant::now() < deadline, "no request was held");
        tokio::time::sleep(Duration::from_millis(25)).await;
    }
}

async fn bar_state(client: &Client) -> String {
    eval(
        client,
        "return document.querySelector('.syncbar__state')?.dataset.state ?? '';",
    )
    .await
    .as_str()
    .unwrap_or_default()
    .to_owned()
}

async fn until_bar(client: &Client, state: &str) {
    until(
        client,
        &format!("sync bar {state}"),
        &format!(
            "return document.querySelector('.syncbar__state')?.dataset.state === {};",
            json!(state)
        ),
    )
    .await;
}

/// Closes the tab `gone` and carries on in `stay`.
async fn close_tab(
    client: &Client,
    gone: fantoccini::wd::WindowHandle,
    stay: fantoccini::wd::WindowHandle,
) {
    client.switch_to_window(gone).await.expect("to closing tab");
    client.close_window().await.expect("close tab");
    client.switch_to_window(stay).await.expect("to other tab");
}

#[tokio::test(flavor = "multi_thread", worker_threads = 2)]
async fn an_offline_edit_is_sent_at_once_after_a_reload_offline_and_reconnecting() {
    let (_slot, server, _driver, client) = open_app(PHONE).await;
    sign_in(&client, "canbo.yte").await;
    until_synced(&client).await;
    until_bar(&client, "done").await;

    // The sync after this edit is under way when the network drops: its
    // request hangs, as on a dead connection, and the page is reloaded.
    server.hold.when(|path| path.starts_with("/api/sync/push"));
    let name = "Gửi ngay khi có mạng";
    create_draft(&client, name).await;
    until_held(&server, 1).await;
    network(&client, &server, false).await;
    client.refresh().await.expect("offline reload");
    server.hold.release();
    until_home(&client).await;
    until(
        &client,
        "still waiting after the reload",
        "return document.querySelector('.syncbar__pending').dataset.pending === '1';",
    )
    .await;
    until_bar(&client, "offline").await;
    assert!(!server_has_model(&server, name).await);

    network(&client, &server, true).await;
    let took = arrives_within(&server, name, PROMPT).await;
    eprintln!("reconnect after an offline reload: sent in {took:?}");
    until_synced(&client).await;
    until_bar(&client, "done").await;
    client.close().await.expect("close");
    server.stop().await;
}

/// A request that hangs when the network drops (a dead connection) does
/// not keep the tab from sending once the network is back.
#[tokio::test(flavor = "multi_thread", worker_threads = 2)]
async fn a_sync_hung_when_the_network_dropped_gives_way_on_reconnecting() {
    let (_slot, server, _driver, client) = open_app(PHONE).await;
    sign_in(&client, "canbo.yte").await;
    until_synced(&client).await;
    server.hold.when(|path| path.starts_with("/api/sync/push"));
    let name = "Kết nối treo khi mất mạng";
    create_draft(&client, name).await;
    until_held(&server, 1).await;
    network(&client, &server, false).await;
    until_bar(&client, "offline").await;
    // New requests pass; the hung one stays unanswered until the end.
    server.hold.when(|_| false);
    network(&client, &server, true).await;
    let took = arrives_within(&server, name, PROMPT).await;
    eprintln!("a hung sync gave way on reconnecting: sent in {took:?}");
    until_synced(&client).await;
    until_bar(&client, "done").await;
    server.hold.release();
    client.close().await.expect("close");
    server.stop().await;
}

#[tokio::test(flavor = "multi_thread", worker_threads = 2)]
async fn a_tab_closed_during_a_sync_does_not_hold_up_the_app_opened_again() {
    let (_slot, server, _driver, client) = open_app(PHONE).await;
    sign_in(&client, "canbo.yte").await;
    until_synced(&client).await;

    // The sync after this edit is caught mid-push, and the tab is closed.
    server.hold.when(|path| path.starts_with("/api/sync/push"));
    let name = "Tab đóng giữa lúc đồng bộ";
    create_draft(&client, name).await;
    until_held(&server, 1).await;
    until_bar(&client, "sending").await;
    let (first, second) = second_tab(&client, None).await;
    close_tab(&client, first, second).await;
    // The held push is answered (503) only now, to nobody: it never applied.
    server.hold.release();
    assert!(!server_has_model(&server, name).await);

    client
        .goto(&server.url("/"))
        .await
        .expect("open the app again");
    let took = arrives_within(&server, name, PROMPT).await;
    eprintln!("app opened again after a tab closed mid-sync: sent in {took:?}");
    until_synced(&client).await;
    let id = listed_id(&client, name).await;
    let history = server.state.store.history(id).await.expect("history");
    assert_eq!(history.len(), 1, "applied once: {history:?}");
    client.close().await.expect("close");
    server.stop().await;
}

#[tokio::test(flavor = "multi_thread", worker_threads = 2)]
async fn when_the_syncing_tab_closes_the_other_tab_takes_over() {
    let (_slot, server, _driver, client) = open_app(PHONE).await;
    sign_in(&client, "canbo.yte").await;
    until_synced(&client).await;
    let (first, second) = second_tab(&client, Some(server.url("/"))).await;
    until_synced(&client).await;

    // An edit in the first tab; whichever tab sends it is caught mid-push.
    client
        .switch_to_window(first.clone())
        .await
        .expect("to first tab");
    server.hold.when(|path| path.starts_with("/api/sync/push"));
    let name = "Tab kia nhận việc đồng bộ";
    create_draft(&client, name).await;
    until_held(&server, 1).await;
    let mut syncing = None;
    for tab in [&first, &second] {
        client.switch_to_window(tab.clone()).await.expect("switch");
        if bar_state(&client).await == "sending" {
            syncing = Some(tab.clone());
        }
    }
    let syncing = syncing.expect("one tab shows that it is sending");
    let other = if syncing == first {
        second.clone()
    } else {
        first.clone()
    };
    close_tab(&client, syncing, other).await;
    server.hold.release();

    // No click, no edit: the remaining tab sends it.
    let took = arrives_within(&server, name, PROMPT).await;
    eprintln!("the other tab took over in {took:?}");
    until_synced(&client).await;
    client.close().await.expect("close");
    server.stop().await;
}

/// Officer's unit records on the server, enough for a pull of many pages.
async fn seed_unit_models(server: &TestServer, username: &str, n: usize) {
    let data = shared::demo::thanh_mien();
    let user = demo_user(username);
    let unit = user.unit_id.expect("an officer has a unit");
    let campaign = data.campaigns.last().expect("a campaign").id;
    let records = (0..n)
        .map(|i| {
            let mut model = shared::model::Model::new_draft(
                shared::ids::ModelId::new(),
                data.commune.id,
                unit,
                campaign,
            );
            model.name = format!("Mô hình số {i}");
            model.goals = "Nâng cao đời sống nhân dân ".repeat(20);
            let state = shared::sync::RecordState::new(
                shared::sync::RecordKind::Model,
                model.id.as_uuid(),
                shared::sync::to_fields(&model).expect("fields"),
            );
            let scope = server::store::records::Scope {
                commune: data.commune.id.as_uuid(),
                unit: Some(unit.as_uuid()),
            };
            (state, scope)
        })
        .collect();
    server
        .state
        .store
        .write_system(records)
        .await
        .expect("seed models");
}

fn since_of(path: &str) -> u64 {
    path.split(['?', '&'])
        .find_map(|p| p.strip_prefix("since="))
        .and_then(|s| s.parse().ok())
        .expect("since")
}

#[tokio::test(flavor = "multi_thread", worker_threads = 2)]
async fn a_reload_during_a_long_first_pull_resumes_from_its_cursor() {
    let (_slot, server, _driver, client) = open_app(PHONE).await;
    seed_unit_models(&server, "canbo.yte", 1600).await;
    // The first pull's third page is held: the device has two pages by then.
    let mut pulls = 0;
    server.hold.when(move |path| {
        if path.starts_with("/api/sync/pull") {
            pulls += 1;
            return pulls == 3;
        }
        false
    });
    sign_in(&client, "canbo.yte").await;
    until_held(&server, 1).await;
    until_bar(&client, "receiving").await;
    let shown = eval(
        &client,
        "return Number(document.querySelector('.syncbar__progress')?.value ?? -1);",
    )
    .await;
    assert!(
        shown.as_f64().is_some_and(|v| v > 0.0 && v < 100.0),
        "the progress bar shows a part done: {shown}"
    );
    let before = server.api_requests("/api/sync/pull");
    assert_eq!(before.len(), 3, "{before:?}");
    client.refresh().await.expect("reload mid-pull");
    until_home(&client).await;
    server.hold.release();
    until_synced(&client).await;
    // The pages stored before the reload already set "last synced", so
    // `until_synced` can pass before the resumed pull starts: wait for a
    // sync of this page to finish.
    until(
        &client,
        "the resumed pull finished",
        "return document.querySelector('.syncbar__state')?.dataset.state === 'done';",
    )
    .await;

    let pulls = server.api_requests("/api/sync/pull");
    let resumed = since_of(&pulls[3]);
    assert_eq!(
        resumed,
        since_of(&before[2]),
        "the reloaded page asks from the cursor of the last page it stored: {pulls:?}"
    );
    assert!(resumed > 0);
    let listed = eval(
        &client,
        "return Number(document.getElementById('models').dataset.count);",
    )
    .await;
    assert!(
        listed.as_u64().is_some_and(|n| n >= 1600),
        "every model arrived: {listed}"
    );
    // Home draws them a page at a time: 50, then 50 more on "Xem thêm".
    let drawn = "return document.querySelectorAll('#models .models__item').length;";
    assert_eq!(eval(&client, drawn).await, json!(50));
    let more = text_of(&client, "#more-models").await;
    assert!(more.starts_with("Xem thêm 50 mô hình (còn "), "{more}");
    client
        .find(fantoccini::Locator::Id("more-models"))
        .await
        .expect("more")
        .click()
        .await
        .expect("click");
    until(
        &client,
        "the next page",
        "return document.querySelectorAll('#models .models__item').length === 100;",
    )
    .await;
    client.close().await.expect("close");
    server.stop().await;
}
