//! Photos as evidence on a phone: taken offline on a progress entry (test
//! pictures made here), kept over a reload, sent once back online (the
//! server counts each hash once), shown on a second phone, which says
//! "ảnh đang chờ tải lên" while the photos have not arrived.
use std::collections::BTreeSet;
use std::path::{Path, PathBuf};

use serde_json::{Value, json};
use uuid::Uuid;

use super::journey::{centre, click, fill, screenshot};
use super::*;

/// A camera-sized test picture (3000 × 2000 PNG): smooth shading with
/// grain, different for each `seed`, so it shrinks like a photo would.
pub(super) fn picture(dir: &Path, seed: u32) -> PathBuf {
    let (width, height) = (3000_u32, 2000_u32);
    let mut pixels = Vec::with_capacity((width * height * 3) as usize);
    let mut x_state = seed.wrapping_mul(2_654_435_761).wrapping_add(1);
    for y in 0..height {
        for x in 0..width {
            x_state ^= x_state << 13;
            x_state ^= x_state >> 17;
            x_state ^= x_state << 5;
            let grain = (x_state % 24) as u8;
            let r = ((x * 255 / width) as u8).wrapping_add(grain);
            let g = ((y * 255 / height) as u8).wrapping_add((seed * 40) as u8);
            let b = (((x + y + seed * 300) / 12 % 256) as u8).wrapping_add(grain / 2);
            pixels.extend_from_slice(&[r, g, b]);
        }
    }
    let path = dir.join(format!("anh-{seed}.png"));
    let file = std::fs::File::create(&path).expect("picture file");
    let mut encoder = png::Encoder::new(std::io::BufWriter::new(file), width, height);
    encoder.set_color(png::ColorType::Rgb);
    encoder.set_depth(png::BitDepth::Eight);
    encoder
        .write_header()
        .expect("png header")
        .write_image_data(&pixels)
        .expect("png data");
    path
}

/// A model of `canbo.ubnd`'s unit whose progress may be logged.
pub(super) async fn model_in_progress(server: &TestServer) -> Uuid {
    let unit = demo_user("canbo.ubnd").unit_id.expect("unit");
    let commune = shared::demo::thanh_mien().commune.id.as_uuid();
    let (records, _) = server
        .state
        .store
        .pull(&[commune], None, 0, 10_000)
        .await
        .expect("pull");
    records
        .iter()
        .find(|r| {
            r.kind == shared::sync::RecordKind::Model
                && r.fields.get("unit_id") == Some(&json!(unit))
                && r.fields.get("status") == Some(&json!("dang_thuc_hien"))
        })
        .map(|r| r.id)
        .expect("a model in progress of the officer's unit")
}

/// Picks `files` in the entry form's photo input and waits until each is kept.
pub(super) async fn add_photos(client: &Client, files: &[PathBuf], expected: usize) {
    centre(client, "progress-photo-input").await;
    let paths: Vec<String> = files.iter().map(|p| p.display().to_string()).collect();
    client
        .find(Locator::Id("progress-photo-input"))
        .await
        .expect("photo input")
        .send_keys(&paths.join("\n"))
        .await
        .expect("pick pictures");
    until(
        client,
        "photos kept",
        &format!(
            "const s = document.getElementById('progress-photos'); \
             return s.dataset.working === 'false' \
               && s.querySelectorAll('.photos__item').length === {expected};"
        ),
    )
    .await;
}

/// Hashes of the photos shown in the entry list.
async fn listed_hashes(client: &Client) -> Vec<String> {
    let hashes = eval(
        client,
        "return [...document.querySelectorAll('#entries figure.photo')].map((f) => f.dataset.hash);",
    )
    .await;
    serde_json::from_value(hashes).expect("hashes")
}

pub(super) async fn until_photos(client: &Client, count: usize, state: &str) {
    until(
        client,
        &format!("{count} photos {state}"),
        &format!(
            "const f = [...document.querySelectorAll('#entries figure.photo')]; \
             return f.length === {count} && f.every((e) => e.dataset.state === {}) \
               && ({} !== 'synced' || f.every((e) => {{ const i = e.querySelector('img'); return !!i && i.complete && i.naturalWidth > 0; }}));",
            json!(state),
            json!(state)
        ),
    )
    .await;
}

/// Scrolls the first listed photo into view (for the screenshots).
async fn show_photos(client: &Client) {
    eval(
        client,
        "document.querySelector('#entries figure.photo')?.scrollIntoView({ block: 'center' }); return true;",
    )
    .await;
}

#[derive(Debug)]
struct Cdp(&'static str, Value);

impl WebDriverCompatibleCommand for Cdp {
    fn endpoint(
        &self,
        base: &url::Url,
        session: Option<&str>,
    ) -> Result<url::Url, url::ParseError> {
        base.join(&format!(
            "session/{}/goog/cdp/execute",
            session.unwrap_or_default()
        ))
    }

    fn method_and_body(&self, _: &url::Url) -> (http::Method, Option<String>) {
        let body = json!({ "cmd": self.0, "params": self.1 });
        (http::Method::POST, Some(body.to_string()))
    }
}

#[tokio::test(flavor = "multi_thread", worker_threads = 2)]
async fn photos_taken_offline_reach_the_server_once_and_show_on_a_second_phone() {
    let pictures = tempfile::tempdir().expect("pictures dir");
    let files: Vec<PathBuf> = (1..=10)
        .map(|seed| picture(pictures.path(), seed))
        .collect();
    let (_slot, server, _driver, client) = open_app(PHONE).await;
    sign_in(&client, "canbo.ubnd").await;
    until_synced(&client).await;
    let model = model_in_progress(&server).await;

    // Offline, on a phone as slow as a cheap one (4× CPU slowdown while shrinking).
    network(&client, &server, false).await;
    eval(
        &client,
        &format!("location.hash = '#/mo-hinh/{model}/tien-do'; return true;"),
    )
    .await;
    client
        .issue_cmd(Cdp("Emulation.setCPUThrottlingRate", json!({ "rate": 4 })))
        .await
        .expect("cpu slowdown");
    fill(&client, "activity", "Đổ bê tông đường thôn Đông").await;
    add_photos(&client, &files[..5], 5).await;
    let took = eval(
        &client,
        "return document.getElementById('progress-photos').dataset.took;",
    )
    .await;
    client
        .issue_cmd(Cdp("Emulation.setCPUThrottlingRate", json!({ "rate": 1 })))
        .await
        .expect("cpu back");
    eval(
        &client,
        "const c = document.querySelector('#progress-photos .photos__caption'); \
         c.value = 'Mặt đường sau khi đổ'; c.dispatchEvent(new Event('change', { bubbles: true })); return true;",
    )
    .await;
    click(&client, "save-entry").await;
    // A second entry: five new pictures and one already on the first entry.
    fill(&client, "activity", "Nghiệm thu đoạn đường").await;
    let mut second_entry = files[5..].to_vec();
    second_entry.push(files[0].clone());
    add_photos(&client, &second_entry, 6).await;
    click(&client, "save-entry").await;
    until_photos(&client, 11, "waiting").await;
    let hashes: BTreeSet<String> = listed_hashes(&client).await.into_iter().collect();
    assert_eq!(hashes.len(), 10, "ten pictures, one on both entries");
    assert!(
        text_of(&client, "#entries .photo__status")
            .await
            .contains("chưa gửi"),
        "a photo not on the server says so"
    );
    show_photos(&client).await;
    screenshot(&client, "phone-photos-offline").await;

    // Reload with no network: entries and photos are still there.
    client.refresh().await.expect("reload");
    until_photos(&client, 11, "waiting").await;

    // Back online, the photo uploads held back: the records go, the photos wait.
    server.hold.when(|target| {
        target.starts_with("/api/photos/")
            && (target.contains("/upload") || target.contains("?offset"))
    });
    network(&client, &server, true).await;
    until_synced(&client).await;

    // A second phone of the same officer sees the entries, the photos pending.
    let second_driver = start_driver().await;
    let second = chromium(&second_driver, PHONE, None).await;
    second.goto(&server.url("/")).await.expect("goto");
    sign_in(&second, "canbo.ubnd").await;
    until_synced(&second).await;
    eval(
        &second,
        &format!("location.hash = '#/mo-hinh/{model}/tien-do'; return true;"),
    )
    .await;
    until_photos(&second, 11, "pending").await;
    assert!(
        text_of(&second, "#entries .photo__status")
            .await
            .contains("ảnh đang chờ tải lên")
    );
    show_photos(&second).await;
    screenshot(&second, "phone-photos-pending").await;

    // Let the photos go, over the mobile profile's link (750 kbps up,
    // 1.6 Mbps down, 150 ms): each arrives once, whole.
    client
        .issue_cmd(Cdp("Network.enable", json!({})))
        .await
        .expect("network domain");
    client
        .issue_cmd(Cdp(
            "Network.emulateNetworkConditions",
            json!({ "offline": false, "latency": 150, "downloadThroughput": 200_000, "uploadThroughput": 93_750 }),
        ))
        .await
        .expect("mobile link");
    let started = Instant::now();
    server.hold.release();
    click(&client, "sync-now").await;
    until_photos(&client, 11, "synced").await;
    let upload_ms = started.elapsed().as_millis();
    for hash in &hashes {
        let (photos, chunks) = server.state.store.photo_counts(hash).await.expect("counts");
        assert_eq!(photos, 1, "{hash} stored once");
        assert!(chunks >= 1, "{hash} has its bytes");
        let bytes = server.state.store.photo_bytes(hash).await.expect("bytes");
        let digest = {
            use sha2::Digest;
            format!("{:x}", sha2::Sha256::digest(&bytes))
        };
        assert_eq!(&digest, hash, "intact");
        let firsts = server
            .api_requests(&format!("/api/photos/{hash}?offset=0&"))
            .len();
        assert_eq!(firsts, 1, "{hash} sent once");
    }

    // The second phone shows them after its next sync.
    click(&second, "sync-now").await;
    until_photos(&second, 11, "synced").await;
    assert!(
        text_of(&second, "#entries")
            .await
            .contains("Mặt đường sau khi đổ")
    );
    show_photos(&second).await;
    screenshot(&second, "phone-photos-second-device").await;

    let sizes: Vec<u64> = {
        let mut sizes = Vec::new();
        for hash in &hashes {
            sizes.push(
                server
                    .state
                    .store
                    .photo(hash)
                    .await
                    .expect("photo")
                    .expect("stored")
                    .bytes,
            );
        }
        sizes
    };
    let report = json!({ "shrink_ms_and_bytes_4x_cpu": took, "stored_bytes": sizes, "upload_ms_10_photos_mobile_link": upload_ms });
    eprintln!("photos bench: {report}");
    std::fs::write(artifacts().join("photos-bench.json"), report.to_string()).expect("bench file");
    second.close().await.expect("close second");
    client.close().await.expect("close");
    server.stop().await;
}

/// Waits until `#{id}-photos` has finished with what was picked.
async fn until_picker_idle(client: &Client, id: &str, items: usize) {
    until(
        client,
        &format!("{id} photos settled"),
        &format!(
            "const s = document.getElementById('{id}-photos'); \
             return !!s && s.dataset.working === 'false' \
               && s.querySelectorAll('.photos__item').length === {items};"
        ),
    )
    .await;
}

async fn pick(client: &Client, id: &str, file: &Path) {
    let input = format!("{id}-photo-input");
    centre(client, &input).await;
    client
        .find(Locator::Id(&input))
        .await
        .expect("photo input")
        .send_keys(&file.display().to_string())
        .await
        .expect("pick");
}

#[tokio::test(flavor = "multi_thread", worker_threads = 2)]
async fn a_refused_or_unkept_photo_says_why_and_the_entry_stays_and_the_report_takes_photos() {
    let pictures = tempfile::tempdir().expect("pictures dir");
    let not_image = pictures.path().join("ghi-chu.txt");
    std::fs::write(&not_image, "không phải ảnh").expect("text file");
    let photo = picture(pictures.path(), 9);
    let (_slot, server, _driver, client) = open_app(PHONE).await;
    sign_in(&client, "canbo.ubnd").await;
    until_synced(&client).await;
    let model = model_in_progress(&server).await;
    eval(
        &client,
        &format!("location.hash = '#/mo-hinh/{model}/tien-do'; return true;"),
    )
    .await;

    // Not a picture: refused, saying why.
    pick(&client, "progress", &not_image).await;
    until_picker_idle(&client, "progress", 0).await;
    assert_eq!(
        text_of(&client, "#progress-photos .photos__problem").await,
        shared::messages::PHOTO_NOT_IMAGE
    );

    // The device's storage is full for photos: said plainly, the entry kept and sent.
    eval(
        &client,
        "const put = IDBObjectStore.prototype.put; window.__dvkPut = put; \
         IDBObjectStore.prototype.put = function (...a) { \
           if (this.name === 'photos') throw new DOMException('full', 'QuotaExceededError'); \
           return put.apply(this, a); }; return true;",
    )
    .await;
    fill(&client, "activity", "Họp dân bàn làm đường").await;
    pick(&client, "progress", &photo).await;
    until(
        &client,
        "storage full said",
        &format!(
            "const p = document.querySelector('#progress-photos .photos__problem'); \
             return !!p && p.textContent === {};",
            json!(shared::messages::PHOTO_STORAGE_FULL)
        ),
    )
    .await;
    until_picker_idle(&client, "progress", 0).await;
    click(&client, "save-entry").await;
    until(
        &client,
        "entry listed",
        "return [...document.querySelectorAll('.entry__activity')].some((e) => e.textContent === 'Họp dân bàn làm đường');",
    )
    .await;
    until_synced(&client).await;
    screenshot(&client, "phone-photo-storage-full").await;

    // Room again: the results report takes a photo, which reaches the server.
    eval(
        &client,
        "IDBObjectStore.prototype.put = window.__dvkPut; return true;",
    )
    .await;
    eval(
        &client,
        &format!("location.hash = '#/mo-hinh/{model}/bao-cao'; return true;"),
    )
    .await;
    pick(&client, "report", &photo).await;
    until_picker_idle(&client, "report", 1).await;
    until_synced(&client).await;
    let report = shared::report::ResultsReport::id_for(shared::ids::ModelId::from_uuid(model));
    let deadline = Instant::now() + WAIT;
    let hash = loop {
        let fields = super::journey::server_fields(&server, report.as_uuid()).await;
        if let Some(hash) = fields["photos"][0]["sha256"].as_str() {
            break hash.to_owned();
        }
        assert!(
            Instant::now() < deadline,
            "the report's photo reference reached the server"
        );
        tokio::time::sleep(Duration::from_millis(100)).await;
    };
    let deadline = Instant::now() + WAIT;
    while server
        .state
        .store
        .photo_counts(&hash)
        .await
        .expect("counts")
        .0
        != 1
    {
        assert!(
            Instant::now() < deadline,
            "the report's photo reached the server"
        );
        tokio::time::sleep(Duration::from_millis(100)).await;
    }
    // The storage panel counts it, sent.
    until(
        &client,
        "report photo marked sent",
        "const f = document.querySelector('#report-photos figure.photo'); return !!f && f.dataset.state === 'synced';",
    )
    .await;
    eval(&client, "location.hash = '#/luu-tru'; return true;").await;
    until(
        &client,
        "photos in the storage panel",
        "const p = document.getElementById('photo-usage'); \
         return !!p && p.dataset.count === '1' && p.dataset.waiting === '0' && Number(p.dataset.bytes) > 0;",
    )
    .await;
    client.close().await.expect("close");
    server.stop().await;
}
