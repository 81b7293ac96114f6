//! The officer's photos where the reviewer evaluates: taken on the
//! officer's phone on a progress entry and sent, then the model reported
//! (with a report photo that has not reached the server); the reviewer on
//! a tablet and on a phone sees the thumbnails under the report's figures,
//! "ảnh đang chờ tải lên" for the missing one, opens one full size, and
//! offline still sees what the device holds.
use serde_json::json;
use shared::model::Model;
use shared::photo::{MediaType, PhotoRef};
use shared::report::ResultsReport;
use shared::sync::{RecordKind, RecordState, to_fields};
use uuid::Uuid;

use super::journey::{click, click_css, fill, screenshot, server_fields, sign_in_as};
use super::photos::{add_photos, model_in_progress, picture, until_photos};
use super::review::TABLET;
use super::*;

/// The photos in the evaluation, when they show in `states` order ("*":
/// any) and every one on the server has its picture drawn.
async fn until_evidence(client: &Client, states: &[&str]) {
    until(
        client,
        &format!("evidence photos {states:?}"),
        &format!(
            "const f = [...document.querySelectorAll('#evaluation #evidence figure.photo')]; \
             const want = {}; \
             return f.length === want.length && f.every((e, i) => want[i] === '*' || e.dataset.state === want[i]) \
               && f.filter((e) => e.dataset.state === 'synced').every((e) => {{ \
                    const i = e.querySelector('img'); return !!i && i.complete && i.naturalWidth > 0; }});",
            json!(states)
        ),
    )
    .await;
}

/// Shows the evidence block (for the screenshots).
async fn show_evidence(client: &Client) {
    eval(
        client,
        "document.getElementById('evidence').scrollIntoView({ block: 'start' }); return true;",
    )
    .await;
}

/// The model reported on the server, with a report whose one photo never
/// arrived (what another device has not sent yet).
async fn report_with_pending_photo(server: &TestServer, model: Uuid) -> String {
    let mut fields = server_fields(server, model).await;
    fields.insert("status".into(), json!("da_bao_cao"));
    let typed: Model =
        serde_json::from_value(serde_json::Value::Object(fields.clone())).expect("a model");
    let mut report = ResultsReport::new_for(ResultsReport::id_for(typed.id), &typed);
    report.results = "Hoàn thành 1,2 km đường bê tông.".into();
    let pending = "e".repeat(64);
    report.photos = vec![PhotoRef {
        sha256: pending.clone(),
        media_type: MediaType::Jpeg,
        bytes: 1000,
        width: 1600,
        height: 1200,
        caption: "Biên bản nghiệm thu".into(),
    }];
    let scope = server::store::records::Scope {
        commune: typed.commune_id.as_uuid(),
        unit: Some(typed.unit_id.as_uuid()),
    };
    let state = |kind, id, fields| RecordState::new(kind, id, fields);
    server
        .state
        .store
        .write_system(vec![
            (state(RecordKind::Model, model, fields), scope),
            (
                state(
                    RecordKind::Report,
                    report.id.as_uuid(),
                    to_fields(&report).expect("fields"),
                ),
                scope,
            ),
        ])
        .await
        .expect("reported");
    pending
}

/// The reviewer opens the model from the queue's address and sees the
/// photos: two from the officer's entry, the report's one pending.
async fn reviewer_sees(client: &Client, model: Uuid, size: &str) {
    sign_in_as(client, "bxdd.lan").await;
    until_synced(client).await;
    eval(
        client,
        &format!("location.hash = '#/duyet/{model}'; return true;"),
    )
    .await;
    until_evidence(client, &["synced", "synced", "pending"]).await;
    let text = text_of(client, "#evidence").await;
    for line in [
        "Hình ảnh minh chứng",
        "Hoạt động ngày",
        "Đổ bê tông đường thôn Đông",
        "Mặt đường sau khi đổ",
        "Báo cáo kết quả",
        "Biên bản nghiệm thu",
        "ảnh đang chờ tải lên",
    ] {
        assert!(text.contains(line), "{size}: {line:?} not in {text:?}");
    }
    show_evidence(client).await;
    assert_fits(client, size, TOUCH_TARGETS, true).await;
    screenshot(client, &format!("{size}-evidence-review")).await;

    // A tap opens the photo full size (the server's 1600 px, not the thumbnail).
    eval(
        client,
        "document.querySelector('#evidence figure.photo .photo__open').click(); return true;",
    )
    .await;
    until(
        client,
        "the photo full size",
        "const i = document.querySelector('.photo-full img'); \
         return !!i && i.complete && i.naturalWidth === 1600;",
    )
    .await;
    screenshot(client, &format!("{size}-evidence-full")).await;
    click_css(client, ".photo-full__close").await;
    until(
        client,
        "the full view closed",
        "return !document.querySelector('.photo-full');",
    )
    .await;
}

#[tokio::test(flavor = "multi_thread", worker_threads = 2)]
async fn the_reviewer_sees_the_officers_photos_when_evaluating() {
    let pictures = tempfile::tempdir().expect("pictures dir");
    let files: Vec<_> = (1..=2).map(|s| picture(pictures.path(), s)).collect();
    let (_slot, server, _driver, officer) = open_app(PHONE).await;
    sign_in(&officer, "canbo.ubnd").await;
    until_synced(&officer).await;
    let model = model_in_progress(&server).await;
    eval(
        &officer,
        &format!("location.hash = '#/mo-hinh/{model}/tien-do'; return true;"),
    )
    .await;
    fill(&officer, "activity", "Đổ bê tông đường thôn Đông").await;
    add_photos(&officer, &files, 2).await;
    eval(
        &officer,
        "const c = document.querySelector('#progress-photos .photos__caption'); \
         c.value = 'Mặt đường sau khi đổ'; c.dispatchEvent(new Event('change', { bubbles: true })); return true;",
    )
    .await;
    click(&officer, "save-entry").await;
    click(&officer, "sync-now").await;
    until_photos(&officer, 2, "synced").await;
    officer.close().await.expect("close officer");
    let pending = report_with_pending_photo(&server, model).await;

    let tablet_driver = start_driver().await;
    let tablet = chromium(&tablet_driver, TABLET, None).await;
    tablet.goto(&server.url("/")).await.expect("goto");
    reviewer_sees(&tablet, model, "tablet").await;

    // Offline (and after a reload) the device still shows the photos it holds.
    until_offline_ready(&tablet).await;
    network(&tablet, &server, false).await;
    tablet.refresh().await.expect("reload");
    until_evidence(&tablet, &["synced", "synced", "*"]).await;
    show_evidence(&tablet).await;
    screenshot(&tablet, "tablet-evidence-offline").await;
    network(&tablet, &server, true).await;
    tablet.close().await.expect("close tablet");

    let phone_driver = start_driver().await;
    let phone = chromium(&phone_driver, PHONE, None).await;
    phone.goto(&server.url("/")).await.expect("goto");
    reviewer_sees(&phone, model, "phone").await;
    phone.close().await.expect("close phone");

    assert!(
        server
            .state
            .store
            .photo(&pending)
            .await
            .expect("store")
            .is_none(),
        "the pending photo never reached the server"
    );
    server.stop().await;
}
