//! Photos on a phone (360 × 640) when things go wrong: an upload cut
//! half-way resumes from the server's count; a backup file with unsent
//! photos restored on a fresh device sends them once. (Sent photos
//! dropped when space is short: `photos_dropped`.)
use std::path::{Path, PathBuf};

use shared::photo::CHUNK_BYTES;

use super::journey::{click, fill, screenshot, wait_for_download};
use super::photos::{add_photos, listed_hashes, model_in_progress, picture, until_photos};
use super::*;

/// A picture no larger than a shrunk photo (so the app keeps its pixels)
/// with strong grain, so its JPEG needs several upload pieces.
fn grainy_picture(dir: &Path) -> PathBuf {
    let (width, height) = (1600_u32, 1200_u32);
    let mut pixels = Vec::with_capacity((width * height * 3) as usize);
    let mut state = 0x9E37_79B9_u32;
    for y in 0..height {
        for x in 0..width {
            state ^= state << 13;
            state ^= state >> 17;
            state ^= state << 5;
            let grain = (state % 40) as u8;
            let r = ((x * 255 / width) as u8).wrapping_add(grain);
            let g = ((y * 255 / height) as u8).wrapping_add((state >> 8) as u8 % 40);
            let b = (((x + y) / 12 % 256) as u8).wrapping_add(grain / 2);
            pixels.extend_from_slice(&[r, g, b]);
        }
    }
    let path = dir.join("anh-nhieu-hat.png");
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

fn sha256_of(bytes: &[u8]) -> String {
    use sha2::Digest;
    format!("{:x}", sha2::Sha256::digest(bytes))
}

/// The photo is on the server once, whole, its bytes hashing to its name.
pub(super) async fn stored_once_intact(server: &TestServer, hash: &str) {
    let deadline = Instant::now() + WAIT;
    while server
        .state
        .store
        .photo_counts(hash)
        .await
        .expect("counts")
        .0
        != 1
    {
        assert!(Instant::now() < deadline, "{hash} reached the server");
        tokio::time::sleep(Duration::from_millis(100)).await;
    }
    let bytes = server.state.store.photo_bytes(hash).await.expect("bytes");
    assert_eq!(sha256_of(&bytes), hash, "intact");
}

/// The pieces of `hash` that reached the server (held ones too): offset,
/// length and the photo's size, from each `PUT …?offset=&total=`.
fn pieces_sent(server: &TestServer, hash: &str) -> Vec<(u64, u64, u64)> {
    server
        .api_requests(&format!("/api/photos/{hash}?"))
        .iter()
        .filter_map(|target| {
            let url = url::Url::parse(&format!("http://x{target}")).ok()?;
            let find = |name: &str| {
                url.query_pairs()
                    .find(|(k, _)| k == name)
                    .and_then(|(_, v)| v.parse::<u64>().ok())
            };
            let (offset, total) = (find("offset")?, find("total")?);
            Some((
                offset,
                (offset + CHUNK_BYTES as u64).min(total) - offset,
                total,
            ))
        })
        .collect()
}

pub(super) async fn open_progress(client: &Client, model: uuid::Uuid) {
    eval(
        client,
        &format!("location.hash = '#/mo-hinh/{model}/tien-do'; return true;"),
    )
    .await;
}

#[tokio::test(flavor = "multi_thread", worker_threads = 2)]
async fn an_upload_cut_half_way_resumes_and_costs_no_more_than_the_piece_lost() {
    let pictures = tempfile::tempdir().expect("pictures dir");
    let file = grainy_picture(pictures.path());
    let (_slot, server, _driver, client) = open_app(PHONE).await;
    sign_in(&client, "canbo.ubnd").await;
    until_synced(&client).await;
    let model = model_in_progress(&server).await;

    // The first piece goes through; the second hangs, and then the network goes.
    let second = format!("?offset={CHUNK_BYTES}&");
    server
        .hold
        .when(move |t| t.starts_with("/api/photos/") && t.contains(&second));
    open_progress(&client, model).await;
    fill(&client, "activity", "Lát gạch sân nhà văn hoá").await;
    add_photos(&client, &[file], 1).await;
    click(&client, "save-entry").await;
    let hash = listed_hashes(&client).await.remove(0);
    let deadline = Instant::now() + WAIT;
    while server.hold.held.load(std::sync::atomic::Ordering::SeqCst) == 0 {
        assert!(Instant::now() < deadline, "the second piece was sent");
        tokio::time::sleep(Duration::from_millis(50)).await;
    }
    let total = pieces_sent(&server, &hash)
        .first()
        .map(|p| p.2)
        .expect("a piece");
    assert!(
        total > CHUNK_BYTES as u64,
        "the photo takes several pieces ({total} bytes)"
    );
    network(&client, &server, false).await;
    server.hold.release();
    // The server holds the first piece only; the phone still has the photo waiting.
    let user = demo_user("canbo.ubnd").id.as_uuid();
    let parts = server
        .state
        .store
        .photo_parts(&hash, user)
        .await
        .expect("parts");
    let held: u64 =
        shared::photo::contiguous(&parts.iter().map(|p| (p.offset, p.len)).collect::<Vec<_>>());
    assert_eq!(held, CHUNK_BYTES as u64, "one piece on the server");
    assert_eq!(
        server
            .state
            .store
            .photo_counts(&hash)
            .await
            .expect("counts")
            .0,
        0
    );
    until_photos(&client, 1, "waiting").await;
    screenshot(&client, "phone-photo-upload-cut").await;

    // Back online: it resumes where the server stopped.
    network(&client, &server, true).await;
    click(&client, "sync-now").await;
    until_photos(&client, 1, "synced").await;
    stored_once_intact(&server, &hash).await;
    let pieces = pieces_sent(&server, &hash);
    let sent: u64 = pieces.iter().map(|(_, len, _)| len).sum();
    let firsts = pieces.iter().filter(|(offset, _, _)| *offset == 0).count();
    assert_eq!(firsts, 1, "the first piece is never sent again: {pieces:?}");
    assert!(
        sent <= total + CHUNK_BYTES as u64,
        "sent {sent} bytes for a {total}-byte photo: no more than the piece lost ({pieces:?})"
    );
    eprintln!("photo resume: {total} bytes, {sent} sent in {pieces:?}");
    client.close().await.expect("close");
    server.stop().await;
}

/// Waits until the storage panel's backup card counts `n` unsent photos.
async fn until_unsent(client: &Client, n: usize) {
    until(
        client,
        &format!("{n} unsent photos offered"),
        &format!(
            "const b = document.getElementById('backup'); return !!b && b.dataset.unsent === '{n}' && b.dataset.working === 'false';"
        ),
    )
    .await;
}

#[tokio::test(flavor = "multi_thread", worker_threads = 2)]
async fn a_backup_with_unsent_photos_restored_on_a_fresh_phone_sends_them_once() {
    let _slot = ONE_BROWSER.acquire().await.expect("browser slot");
    let server = TestServer::start(demo_server_settings(&built_dist())).await;
    let pictures = tempfile::tempdir().expect("pictures dir");
    let files: Vec<PathBuf> = (21..=22).map(|s| picture(pictures.path(), s)).collect();
    let downloads = tempfile::tempdir().expect("downloads");
    let driver = start_driver().await;
    let client = chromium(&driver, PHONE, Some(downloads.path())).await;
    client.goto(&server.url("/")).await.expect("goto");
    sign_in(&client, "canbo.ubnd").await;
    until_synced(&client).await;
    let model = model_in_progress(&server).await;

    // Two photos taken offline, never sent; a backup with them.
    network(&client, &server, false).await;
    open_progress(&client, model).await;
    fill(&client, "activity", "Ảnh trong bản sao lưu").await;
    add_photos(&client, &files, 2).await;
    click(&client, "save-entry").await;
    until_photos(&client, 2, "waiting").await;
    let mut hashes = listed_hashes(&client).await;
    hashes.sort();
    eval(&client, "location.hash = '#/luu-tru'; return true;").await;
    until_unsent(&client, 2).await;
    eval(
        &client,
        "document.getElementById('backup').scrollIntoView({ block: 'center' }); return true;",
    )
    .await;
    screenshot(&client, "phone-backup-choices").await;
    click(&client, "download-backup-photos").await;
    let file = wait_for_download(downloads.path()).await;
    let text = std::fs::read_to_string(&file).expect("backup text");
    let backup = shared::sync::backup::parse(&text).expect("a DVK backup");
    assert_eq!(backup.version, shared::sync::backup::VERSION_PHOTOS);
    let photos = shared::sync::backup::photos_of(&backup);
    assert!(photos.damaged.is_empty(), "{:?}", photos.damaged);
    let mut in_file: Vec<String> = photos.good.iter().map(|p| p.sha256.clone()).collect();
    in_file.sort();
    assert_eq!(in_file, hashes, "both unsent photos, bytes checked");
    assert!(
        photos.good.iter().all(|p| !p.thumb.is_empty()),
        "with thumbnails"
    );
    client.close().await.expect("close");
    drop(driver);

    // A fresh phone: sign in, restore offline; the photos wait on the device.
    server.cut_api(false);
    let driver = start_driver().await;
    let client = phone(&driver).await;
    client.goto(&server.url("/")).await.expect("goto");
    sign_in(&client, "canbo.ubnd").await;
    until_synced(&client).await;
    network(&client, &server, false).await;
    eval(&client, "location.hash = '#/luu-tru'; return true;").await;
    element(&client, Locator::Id("restore-backup"), "file input")
        .await
        .send_keys(&file.display().to_string())
        .await
        .expect("choose file");
    until(
        &client,
        "restored",
        "const m = document.getElementById('storage-message'); return !!m && m.textContent.startsWith('Đã khôi phục');",
    )
    .await;
    let message = text_of(&client, "#storage-message").await;
    assert!(message.contains("2 ảnh chưa gửi"), "{message}");
    until(
        &client,
        "photos counted waiting",
        "const p = document.getElementById('photo-usage'); return !!p && p.dataset.count === '2' && p.dataset.waiting === '2';",
    )
    .await;
    for hash in &hashes {
        assert_eq!(
            server
                .state
                .store
                .photo_counts(hash)
                .await
                .expect("counts")
                .0,
            0,
            "not sent while offline"
        );
    }

    // Online: the entry and both photos reach the server, each once.
    network(&client, &server, true).await;
    click(&client, "sync-now").await;
    until_synced(&client).await;
    for hash in &hashes {
        stored_once_intact(&server, hash).await;
    }
    open_progress(&client, model).await;
    until_photos(&client, 2, "synced").await;
    for hash in &hashes {
        let firsts = server
            .api_requests(&format!("/api/photos/{hash}?offset=0&"))
            .len();
        assert_eq!(firsts, 1, "{hash} sent once");
    }
    client.close().await.expect("close");
    server.stop().await;
}
