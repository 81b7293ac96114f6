//! Photos already on the server dropped from a phone (360 × 640) when space
//! is short (by the storage panel's button, to make room for a new photo
//! the storage refused, and without asking after a refused save): the
//! thumbnail stays, the full photo is fetched again to view online, and
//! offline the phone says it is on the server only. Unsent photos stay.
use serde_json::{Value, json};

use super::journey::{click, fill, screenshot};
use super::photos::{add_photos, listed_hashes, model_in_progress, picture, until_photos};
use super::photos_kept::{open_progress, stored_once_intact};
use super::*;

/// Whether the device's photos store holds `key` (for the signed-in officer).
async fn stored_on_phone(client: &Client, key: &str) -> bool {
    let user = demo_user("canbo.ubnd").id.as_uuid();
    let script = format!(
        "return new Promise((done) => {{ \
           const open = indexedDB.open('dvk-u-{user}'); \
           open.onsuccess = () => {{ \
             const get = open.result.transaction('photos').objectStore('photos').get({}); \
             get.onsuccess = () => {{ open.result.close(); done(get.result !== undefined); }}; \
             get.onerror = () => done(null); }}; \
           open.onerror = () => done(null); }});",
        json!(key)
    );
    match eval(client, &script).await {
        Value::Bool(held) => held,
        other => panic!("photos store not read: {other}"),
    }
}

#[tokio::test(flavor = "multi_thread", worker_threads = 2)]
async fn a_sent_photo_dropped_from_the_phone_keeps_its_thumbnail_and_is_fetched_to_view() {
    let pictures = tempfile::tempdir().expect("pictures dir");
    let files = [picture(pictures.path(), 31), picture(pictures.path(), 32)];
    let (_slot, server, _driver, client) = open_app(PHONE).await;
    sign_in(&client, "canbo.ubnd").await;
    until_synced(&client).await;
    let model = model_in_progress(&server).await;

    // One photo sent; one taken offline and not sent.
    open_progress(&client, model).await;
    fill(&client, "activity", "Ảnh đã gửi").await;
    add_photos(&client, &files[..1], 1).await;
    click(&client, "save-entry").await;
    until_photos(&client, 1, "synced").await;
    let sent = listed_hashes(&client).await.remove(0);
    stored_once_intact(&server, &sent).await;
    network(&client, &server, false).await;
    fill(&client, "activity", "Ảnh chưa gửi").await;
    add_photos(&client, &files[1..], 1).await;
    click(&client, "save-entry").await;
    let unsent = listed_hashes(&client)
        .await
        .into_iter()
        .find(|h| *h != sent)
        .expect("the unsent photo");

    // The panel offers to drop the sent one only, saying what it frees.
    eval(&client, "location.hash = '#/luu-tru'; return true;").await;
    until(
        &client,
        "one photo droppable",
        "const s = document.getElementById('sent-photos'); return !!s && s.dataset.droppable === '1' && !!document.getElementById('drop-sent-photos');",
    )
    .await;
    let label = text_of(&client, "#drop-sent-photos").await;
    assert!(
        label.starts_with("Xóa 1 ảnh đã gửi khỏi máy (giải phóng"),
        "{label}"
    );
    eval(
        &client,
        "document.getElementById('sent-photos').scrollIntoView({ block: 'center' }); return true;",
    )
    .await;
    screenshot(&client, "phone-drop-sent-photos").await;
    click(&client, "drop-sent-photos").await;
    until(
        &client,
        "dropped",
        "const m = document.getElementById('storage-message'); return !!m && m.textContent.startsWith('Đã xóa 1 ảnh');",
    )
    .await;
    until(
        &client,
        "nothing left to drop",
        "return !!document.getElementById('drop-sent-none');",
    )
    .await;
    assert!(
        !stored_on_phone(&client, &format!("f/{sent}")).await,
        "full bytes gone"
    );
    assert!(
        stored_on_phone(&client, &format!("t/{sent}")).await,
        "thumbnail kept"
    );
    assert!(
        stored_on_phone(&client, &format!("f/{unsent}")).await,
        "unsent kept"
    );

    // Still offline: the thumbnail shows from the phone; the full photo is
    // on the server only, and the phone says so.
    open_progress(&client, model).await;
    let fetches = |server: &TestServer| {
        server
            .api_requests(&format!("/api/photos/{sent}"))
            .iter()
            .filter(|t| **t == format!("/api/photos/{sent}"))
            .count()
    };
    let figure = format!("#entries figure.photo[data-hash='{sent}']");
    until(
        &client,
        "thumbnail shown",
        &format!(
            "const f = document.querySelector({}); const i = f && f.querySelector('img'); \
             return !!i && i.complete && i.naturalWidth > 0 && f.dataset.state === 'synced';",
            json!(figure)
        ),
    )
    .await;
    // Opens the full view (again, if a sync redrew the list meanwhile).
    let open_full = format!(
        "if (!document.getElementById('photo-full')) \
           document.querySelector({}).querySelector('.photo__open').click(); return true;",
        json!(figure)
    );
    eval(&client, &open_full).await;
    until(
        &client,
        "server only said",
        &format!(
            "{} const d = document.getElementById('photo-full'); \
             return !!d && d.dataset.source === 'server-only' && d.textContent.includes({});",
            open_full.trim_end_matches("return true;"),
            json!(shared::messages::PHOTO_SERVER_ONLY)
        ),
    )
    .await;
    screenshot(&client, "phone-photo-server-only").await;
    eval(
        &client,
        "document.querySelector('.photo-full__close')?.click(); return true;",
    )
    .await;

    // Online: the full photo is fetched from the server to view, not kept.
    network(&client, &server, true).await;
    click(&client, "sync-now").await;
    until_synced(&client).await;
    let before = fetches(&server);
    eval(&client, &open_full).await;
    until(
        &client,
        "full photo fetched",
        &format!(
            "{} const d = document.getElementById('photo-full'); const i = d && d.querySelector('img'); \
             return !!i && d.dataset.source === 'server' && i.complete && i.naturalWidth === 1600;",
            open_full.trim_end_matches("return true;")
        ),
    )
    .await;
    assert!(fetches(&server) > before, "fetched from the server");
    screenshot(&client, "phone-photo-full-from-server").await;
    assert!(
        !stored_on_phone(&client, &format!("f/{sent}")).await,
        "not kept again"
    );
    assert!(
        stored_on_phone(&client, &format!("u/{sent}")).await,
        "still known as sent"
    );
    eval(
        &client,
        "document.querySelector('.photo-full__close')?.click(); return true;",
    )
    .await;

    // The storage refuses a new photo: sent photos leave first and it is kept.
    until(
        &client,
        "the other photo sent",
        &format!(
            "const f = document.querySelector(\"#entries figure.photo[data-hash='{unsent}']\"); \
             return !!f && f.dataset.state === 'synced';"
        ),
    )
    .await;
    assert!(
        stored_on_phone(&client, &format!("f/{unsent}")).await,
        "held until short of space"
    );
    eval(
        &client,
        "const put = IDBObjectStore.prototype.put; let refused = false; \
         IDBObjectStore.prototype.put = function (...a) { \
           if (this.name === 'photos' && !refused) { refused = true; \
             throw new DOMException('full', 'QuotaExceededError'); } \
           return put.apply(this, a); }; return true;",
    )
    .await;
    fill(&client, "activity", "Ảnh khi máy đầy").await;
    add_photos(&client, &[picture(pictures.path(), 33)], 1).await;
    assert_eq!(
        eval(
            &client,
            "return document.querySelector('#progress-photos .photos__problem')?.textContent ?? null;"
        )
        .await,
        Value::Null,
        "kept, no problem said"
    );
    assert!(
        !stored_on_phone(&client, &format!("f/{unsent}")).await,
        "the sent photo made room"
    );
    assert!(
        stored_on_phone(&client, &format!("t/{unsent}")).await,
        "its thumbnail kept"
    );

    // Near the quota (here: the browser refused to save a change), sent
    // photos leave the device without asking.
    click(&client, "save-entry").await;
    until_synced(&client).await;
    let third = listed_hashes(&client)
        .await
        .into_iter()
        .find(|h| *h != sent && *h != unsent)
        .expect("the third photo");
    until(
        &client,
        "the third photo sent",
        &format!(
            "const f = document.querySelector(\"#entries figure.photo[data-hash='{third}']\"); \
             return !!f && f.dataset.state === 'synced';"
        ),
    )
    .await;
    assert!(
        stored_on_phone(&client, &format!("f/{third}")).await,
        "held while there is room"
    );
    super::idb::refuse_writes(&client, true).await;
    fill(&client, "activity", "Không lưu được").await;
    click(&client, "save-entry").await;
    let deadline = Instant::now() + WAIT;
    while stored_on_phone(&client, &format!("f/{third}")).await {
        assert!(
            Instant::now() < deadline,
            "sent photos dropped automatically"
        );
        tokio::time::sleep(Duration::from_millis(100)).await;
    }
    super::idb::refuse_writes(&client, false).await;
    assert!(
        !stored_on_phone(&client, &format!("f/{third}")).await,
        "dropped when short"
    );
    assert!(
        stored_on_phone(&client, &format!("t/{third}")).await,
        "thumbnail kept"
    );
    client.close().await.expect("close");
    server.stop().await;
}
