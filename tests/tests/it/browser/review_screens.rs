//! The reviewer's new screens at phone and tablet size, and a unit
//! adopting another unit's replicated model.
use serde_json::json;
use shared::demo::review::{n, scene_model_id};
use shared::ids::ModelId;
use uuid::Uuid;

use super::journey::{click, click_css, screenshot, server_fields, sign_in_as};
use super::review::{TABLET, add_scene, demo_with_scene, go, model_named};
use super::*;

/// A unit adopts another unit's replicated model of last year: offered
/// after its own models, it becomes a linked copy in the unit's name whose
/// indicators must be raised, and the server accepts it.
#[tokio::test(flavor = "multi_thread", worker_threads = 2)]
async fn an_officer_adopts_another_units_replicated_model() {
    let (_slot, server, _driver, client) = open_app(PHONE).await;
    sign_in(&client, "canbo.ubnd").await;
    until_synced(&client).await;
    let data = shared::demo::thanh_mien();
    let source = model_named(&data, "Mỗi nhà một tấm thẻ bảo hiểm y tế");
    let own = model_named(&data, "Một cửa thân thiện");
    go(&client, "#/tiep-tuc").await;
    let item = |list: &str, id: ModelId| format!("#{list} .models__item[data-id=\"{id}\"]");
    text_of(&client, &item("previous-models", own)).await;
    text_of(&client, &item("replicated-models", source)).await;
    screenshot(&client, "phone-continue-adopt").await;
    click_css(
        &client,
        &format!("{} .adopt", item("replicated-models", source)),
    )
    .await;
    until(
        &client,
        "the adopted copy's form",
        "const l = document.getElementById('model-link'); \
         return !!l && l.textContent.startsWith('Áp dụng mô hình nhân rộng năm 2024 của Đảng uỷ Trung tâm Y tế');",
    )
    .await;
    let hash = eval(&client, "return location.hash;").await;
    let id: Uuid = hash
        .as_str()
        .and_then(|h| h.trim_start_matches("#/mo-hinh/").parse().ok())
        .expect("the copy's id in the address");
    // Sending asks for higher targets and the unit's own people.
    click(&client, "check-missing").await;
    until(
        &client,
        "what is still missing",
        "const m = document.getElementById('send-missing'); return !!m && \
         [...document.querySelectorAll('.missing li')].some((li) => li.textContent.includes('cao hơn năm trước'));",
    )
    .await;
    until_synced(&client).await;
    let fields = server_fields(&server, id).await;
    assert_eq!(fields["continued_from"], json!(source));
    assert_eq!(
        fields["unit_id"],
        json!(demo_user("canbo.ubnd").unit_id.expect("unit"))
    );
    assert_eq!(fields["status"], json!("nhap"));
    assert_eq!(fields["registrant"], json!(""));
    assert!(
        fields["indicators"][0]["previous_target"].is_number(),
        "last year's target kept to be beaten"
    );
    assert_eq!(
        eval(
            &client,
            "return document.getElementById('model-sync').dataset.sync;"
        )
        .await,
        json!("Synced")
    );
    client.close().await.expect("close");
    server.stop().await;
}

/// The reviewer's screens fit a phone and a tablet (no sideways scroll,
/// touch targets ≥ 44 px; a checkbox counts by its label row), with
/// screenshots of each.
#[tokio::test(flavor = "multi_thread", worker_threads = 2)]
async fn the_reviewers_screens_fit_a_phone_and_a_tablet() {
    let _slot = ONE_BROWSER.acquire().await.expect("browser slot");
    let server = TestServer::start(demo_server_settings(&built_dist())).await;
    add_scene(&server).await;
    let data = demo_with_scene();
    let bhyt = model_named(&data, "Mỗi nhà một tấm thẻ bảo hiểm y tế - mở rộng");
    let sent = scene_model_id(n::KHAM_SANG_LOC);
    for (device, size) in [("phone", PHONE), ("tablet", TABLET)] {
        let driver = start_driver().await;
        let client = chromium(&driver, size, None).await;
        client.goto(&server.url("/")).await.expect("goto");
        sign_in_as(&client, "bxdd.lan").await;
        until_synced(&client).await;
        for (screen, hash) in [
            ("review-queue", "#/duyet".to_owned()),
            ("review-registration", format!("#/duyet/{sent}")),
            ("review-evaluation", format!("#/duyet/{bhyt}")),
            ("review-model-page", format!("#/mo-hinh/{bhyt}")),
        ] {
            go(&client, &hash).await;
            until(
                &client,
                &format!("{screen} drawn"),
                "return !!document.querySelector('main h2');",
            )
            .await;
            until_settled(&client, screen).await;
            assert_fits(&client, &format!("{device} {screen}"), TOUCH_TARGETS, true).await;
            screenshot(&client, &format!("{device}-{screen}")).await;
        }
        // The registration's sections by name: a row of chips on a phone,
        // a list beside the form on a tablet.
        let names = eval(
            &client,
            "document.getElementById('s3').scrollIntoView(); \
             return [...document.querySelectorAll('.sections__item')].map((b) => b.innerText.trim());",
        )
        .await;
        let names: Vec<String> = serde_json::from_value(names).expect("names");
        assert_eq!(names.len(), 9);
        assert!(
            names.iter().all(|n| n.chars().any(char::is_alphabetic)),
            "{device}: sections named, not numbered: {names:?}"
        );
        screenshot(&client, &format!("{device}-model-sections")).await;
        client.close().await.expect("close");
    }
    server.stop().await;
}
