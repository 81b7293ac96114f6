//! The sync bar while a person types on a phone: each key moves the bar
//! from "Đang lưu…" to "Đã lưu trên máy", and the two take the same room,
//! so nothing in the bar jumps between its lines with every key (before,
//! the shorter "Đang lưu…" fitted on the first line and "Đã lưu trên máy"
//! did not).
use super::journey::{fill, listed_id};
use super::review::go;
use super::*;

#[tokio::test(flavor = "multi_thread", worker_threads = 2)]
async fn the_sync_bar_stays_put_while_a_person_types() {
    let (_slot, server, _driver, client) = open_app(PHONE).await;
    sign_in(&client, "canbo.ubnd").await;
    until_synced(&client).await;
    let name = "Thanh trạng thái khi gõ";
    create_draft(&client, name).await;
    let id = listed_id(&client, name).await;
    go(&client, &format!("#/mo-hinh/{id}")).await;
    text_of(&client, "#model-title").await;
    // Where the state and the sync button are, at every change of the state.
    eval(
        &client,
        "window.__boxes = []; const s = document.getElementById('save-state'); \
         const at = (e) => { const r = e.getBoundingClientRect(); return [r.left, r.top, r.width]; }; \
         new MutationObserver(() => window.__boxes.push({ state: s.dataset.state, \
             saved: at(s), button: at(document.getElementById('sync-now')) })) \
           .observe(s, { attributes: true, attributeFilter: ['data-state'] }); \
         return true;",
    )
    .await;
    for key in ["T", "h", "ô", "n"] {
        fill(&client, "area", key).await;
        until_saved(&client).await;
    }
    let boxes = eval(&client, "return window.__boxes;").await;
    let boxes = boxes.as_array().expect("boxes");
    let pairs: Vec<_> = boxes
        .windows(2)
        .filter(|w| w[0]["state"] == "saving" && w[1]["state"] == "saved")
        .collect();
    assert!(pairs.len() >= 2, "saving then saved, per key: {boxes:?}");
    for pair in pairs {
        assert_eq!(pair[0]["saved"], pair[1]["saved"], "the state moved");
        assert_eq!(pair[0]["button"], pair[1]["button"], "the button moved");
    }
    client.close().await.expect("close");
    server.stop().await;
}
