//! The commune's documents from the app: one tap, fetched with the
//! session's key, saved under the Vietnamese name the server sends; a
//! plain Vietnamese sentence when there is no connection.
use std::path::{Path, PathBuf};

use serde_json::{Value, json};
use shared::document::wording;

use super::journey::{click, listed_id, screenshot, sign_in_as};
use super::review::{TABLET, go};
use super::*;

/// The demo commune's latest campaign year (the screen's default).
fn latest_year() -> shared::campaign::CampaignYear {
    shared::demo::thanh_mien()
        .campaigns
        .into_iter()
        .max_by_key(|c| c.year)
        .expect("a demo campaign")
}

/// A file the server names `{stem}-{year}.{ext}`.
fn file_name(stem: &str, year: i32, ext: &str) -> String {
    format!("{stem}-{year}.{ext}")
}

/// Taps `button` and waits until it says it saved `name`; returns the
/// size the app read from the blob.
async fn download(client: &Client, button: &str, name: &str) -> u64 {
    click(client, button).await;
    let script = format!(
        "const b = document.getElementById({}); \
         return !!b && (b.dataset.lastDownload || '').startsWith({});",
        json!(button),
        json!(format!("{name} "))
    );
    until(client, &format!("{name} saved"), &script).await;
    let seen = eval(
        client,
        &format!(
            "return document.getElementById({}).dataset.lastDownload;",
            json!(button)
        ),
    )
    .await;
    let seen = seen.as_str().expect("data-last-download").to_owned();
    let size: u64 = seen
        .rsplit(' ')
        .next()
        .and_then(|s| s.parse().ok())
        .unwrap_or_else(|| panic!("no size in {seen:?}"));
    assert!(size > 0, "{name}: an empty file");
    size
}

/// Waits for `name` to be complete in the downloads folder.
async fn on_disk(dir: &Path, name: &str) -> PathBuf {
    let path = dir.join(name);
    let deadline = Instant::now() + WAIT;
    loop {
        let partial = dir.join(format!("{name}.crdownload"));
        if path.exists() && !partial.exists() {
            return path;
        }
        assert!(
            Instant::now() < deadline,
            "{name} not in the downloads folder: {:?}",
            std::fs::read_dir(dir).map(|d| d
                .filter_map(Result::ok)
                .map(|e| e.file_name())
                .collect::<Vec<_>>())
        );
        tokio::time::sleep(Duration::from_millis(100)).await;
    }
}

/// The file arrived whole: the size the app saw, and a zip (.docx, .xlsx).
async fn arrived(dir: &Path, name: &str, size: u64) {
    let path = on_disk(dir, name).await;
    let deadline = Instant::now() + WAIT;
    loop {
        let bytes = std::fs::read(&path).expect("read the download");
        if bytes.len() as u64 == size {
            assert!(bytes.starts_with(b"PK"), "{name} is a zip file");
            return;
        }
        assert!(
            Instant::now() < deadline,
            "{name}: {} of {size} bytes",
            bytes.len()
        );
        tokio::time::sleep(Duration::from_millis(100)).await;
    }
}

/// The text of a .docx's main part.
fn document_xml(path: &Path) -> String {
    let file = std::fs::File::open(path).expect("open the .docx");
    let mut zip = zip::ZipArchive::new(file).expect("a zip");
    let mut part = zip.by_name("word/document.xml").expect("word/document.xml");
    let mut text = String::new();
    std::io::Read::read_to_string(&mut part, &mut text).expect("read the part");
    text
}

async fn message_under(client: &Client, button: &str, class: &str) -> String {
    text_of(client, &format!("#{button} ~ .{class}")).await
}

/// A Chromium that saves downloads in `dir`, on the app.
async fn browser_with_downloads(
    server: &TestServer,
    size: (u32, u32),
    dir: &Path,
) -> (Driver, Client) {
    let driver = start_driver().await;
    let client = chromium(&driver, size, Some(dir)).await;
    client.goto(&server.url("/")).await.expect("goto");
    (driver, client)
}

/// The reviewer opens the documents screen from home, gets mẫu 01 (.xlsx)
/// and the commune's report under their Vietnamese names, and without a
/// connection is told so in Vietnamese while the app goes on working.
#[tokio::test(flavor = "multi_thread", worker_threads = 2)]
async fn the_reviewer_downloads_the_communes_documents_and_is_told_when_offline() {
    let _slot = ONE_BROWSER.acquire().await.expect("browser slot");
    let server = TestServer::start(demo_server_settings(&built_dist())).await;
    let downloads = tempfile::tempdir().expect("downloads");
    let (_driver, client) = browser_with_downloads(&server, PHONE, downloads.path()).await;
    sign_in_as(&client, "bxdd.lan").await;
    until_synced(&client).await;
    click(&client, "open-documents").await;
    let campaign = latest_year();
    until(
        &client,
        "the latest year chosen",
        &format!(
            "const s = document.getElementById('doc-year'); return !!s && s.value === {};",
            json!(campaign.id.to_string())
        ),
    )
    .await;

    let mau_01 = file_name(wording::FILE_MAU_01, campaign.year, "xlsx");
    let size = download(&client, "doc-mau-01-xlsx", &mau_01).await;
    arrived(downloads.path(), &mau_01, size).await;
    assert!(
        message_under(&client, "doc-mau-01-xlsx", "download__ok")
            .await
            .ends_with(&mau_01)
    );
    // The office's number and date reach the document.
    client
        .find(Locator::Id("doc-number"))
        .await
        .expect("number field")
        .send_keys("12-BC/ĐU")
        .await
        .expect("type the number");
    eval(
        &client,
        "const d = document.getElementById('doc-date'); d.value = '2025-12-01'; \
         d.dispatchEvent(new Event('input', { bubbles: true })); return true;",
    )
    .await;
    let report = file_name(wording::FILE_REPORT, campaign.year, "docx");
    let size = download(&client, "doc-bao-cao-xa", &report).await;
    arrived(downloads.path(), &report, size).await;
    let body = document_xml(&downloads.path().join(&report));
    for wanted in ["12-BC/ĐU", "ngày 01 tháng 12 năm 2025"] {
        assert!(body.contains(wanted), "{wanted} in the report");
    }

    // A unit's phụ lục 02 for every unit of the commune.
    let units = shared::demo::thanh_mien().units.len();
    assert_eq!(
        eval(
            &client,
            "return document.querySelectorAll('#doc-units .download__button').length;"
        )
        .await,
        json!(units)
    );
    screenshot(&client, "phone-documents").await;

    // No connection: said plainly, nothing saved, the app still works.
    network(&client, &server, false).await;
    click(&client, "doc-cong-nhan-docx").await;
    let said = message_under(&client, "doc-cong-nhan-docx", "download__error").await;
    assert!(said.contains("cần có kết nối mạng"), "{said}");
    assert_eq!(
        eval(
            &client,
            "return document.getElementById('doc-cong-nhan-docx').dataset.lastDownload ?? null;"
        )
        .await,
        Value::Null
    );
    screenshot(&client, "phone-documents-offline").await;
    go(&client, "#/").await;
    until(
        &client,
        "home with the models, offline",
        "return document.querySelectorAll('#models .models__item').length > 0;",
    )
    .await;
    client.close().await.expect("close");
    server.stop().await;
}

/// An officer gets mẫu 04 of a model on the server and the unit's phụ lục
/// 02 from home; a draft never sent offers no mẫu 04 yet.
#[tokio::test(flavor = "multi_thread", worker_threads = 2)]
async fn an_officer_downloads_mau_04_and_the_units_phu_luc_02() {
    let _slot = ONE_BROWSER.acquire().await.expect("browser slot");
    let server = TestServer::start(demo_server_settings(&built_dist())).await;
    let downloads = tempfile::tempdir().expect("downloads");
    let (_driver, client) = browser_with_downloads(&server, TABLET, downloads.path()).await;
    sign_in(&client, "canbo.ubnd").await;
    until_synced(&client).await;
    let officer = demo_user("canbo.ubnd");
    let data = shared::demo::thanh_mien();
    let campaign = latest_year();
    let unit = data
        .units
        .iter()
        .find(|u| Some(u.id) == officer.unit_id)
        .expect("the officer's unit");
    assert_eq!(
        eval(
            &client,
            "return document.getElementById('open-documents') === null;"
        )
        .await,
        json!(true),
        "the commune's documents are not an officer's"
    );

    let phu_luc = format!(
        "{}-{}-{}.docx",
        wording::FILE_PHU_LUC_02,
        unit.name.trim().replace(' ', "-"),
        campaign.year
    );
    let size = download(&client, "doc-own-phu-luc-02", &phu_luc).await;
    arrived(downloads.path(), &phu_luc, size).await;

    let model = data
        .models
        .iter()
        .find(|m| Some(m.unit_id) == officer.unit_id && m.campaign_id == campaign.id)
        .expect("a model of the unit this year");
    go(&client, &format!("#/mo-hinh/{}", model.id)).await;
    let mau_04 = file_name(wording::FILE_MAU_04, campaign.year, "docx");
    let size = download(&client, "doc-mau-04", &mau_04).await;
    arrived(downloads.path(), &mau_04, size).await;
    screenshot(&client, "tablet-model-mau-04").await;

    // A draft made offline is not on the server: no button, a hint.
    go(&client, "#/").await;
    until_home(&client).await;
    network(&client, &server, false).await;
    let draft = "Bản nháp chưa gửi";
    create_draft(&client, draft).await;
    let id = listed_id(&client, draft).await;
    go(&client, &format!("#/mo-hinh/{id}")).await;
    text_of(&client, "#mau-04-later").await;
    assert_eq!(
        eval(
            &client,
            "return document.getElementById('doc-mau-04') === null;"
        )
        .await,
        json!(true)
    );
    client.close().await.expect("close");
    server.stop().await;
}

/// The documents screen fits a phone and a tablet: no sideways scroll,
/// every button and field at least 44 px tall.
#[tokio::test(flavor = "multi_thread", worker_threads = 2)]
async fn the_documents_screen_fits_a_phone_and_a_tablet() {
    let _slot = ONE_BROWSER.acquire().await.expect("browser slot");
    let server = TestServer::start(demo_server_settings(&built_dist())).await;
    for (device, size) in [("phone", PHONE), ("tablet", TABLET)] {
        let driver = start_driver().await;
        let client = chromium(&driver, size, None).await;
        client.goto(&server.url("/")).await.expect("goto");
        sign_in_as(&client, "thuongtruc.hung").await;
        until_synced(&client).await;
        go(&client, "#/van-ban").await;
        text_of(&client, "#doc-units .download__button").await;
        assert_fits(
            &client,
            device,
            "main button, main input, main select, main a.button, main a.back",
            false,
        )
        .await;
        screenshot(&client, &format!("{device}-documents-leader")).await;
        client.close().await.expect("close");
    }
    server.stop().await;
}
