//! Photos as evidence over the API: content-addressed, idempotent,
//! resumable uploads, refused when not an image, too large or not what
//! their name says, and served only to those who see a record that refers
//! to them (404 to everyone else, so hashes do not leak).
use axum::body::Body;
use axum::http::{Request, StatusCode};
use serde_json::{Value, json};
use sha2::{Digest, Sha256};
use shared::photo::{CHUNK_BYTES, MediaType, PhotoRef};
use shared::progress::ProgressEntry;
use shared::sync::{RecordKind, RecordState, to_fields};

use crate::common::{Api, demo_api};

/// Bytes that start like a JPEG (the server reads only the first bytes to
/// know the type), different for every `seed`.
pub fn fake_jpeg(len: usize, seed: u64) -> Vec<u8> {
    let mut bytes = vec![0xFF, 0xD8, 0xFF, 0xE0];
    let mut x = seed.wrapping_mul(6_364_136_223_846_793_005).wrapping_add(1);
    while bytes.len() < len {
        x = x
            .wrapping_mul(6_364_136_223_846_793_005)
            .wrapping_add(1_442_695_040_888_963_407);
        bytes.push((x >> 33) as u8);
    }
    bytes
}

pub fn sha(bytes: &[u8]) -> String {
    format!("{:x}", Sha256::digest(bytes))
}

/// Sends one piece; the answer's status and JSON body.
async fn piece(
    api: &Api,
    token: &str,
    hash: &str,
    offset: usize,
    total: usize,
    bytes: &[u8],
    content_type: &str,
) -> (StatusCode, Value) {
    let request = Request::builder()
        .method("PUT")
        .uri(format!("/api/photos/{hash}?offset={offset}&total={total}"))
        .header("authorization", format!("Bearer {token}"))
        .header("content-type", content_type)
        .body(Body::from(bytes.to_vec()))
        .expect("request");
    let (status, _, body) = api.raw(request).await;
    let json = serde_json::from_slice(&body)
        .unwrap_or_else(|e| panic!("not JSON ({e}): {}", String::from_utf8_lossy(&body)));
    (status, json)
}

/// The whole photo in pieces of `CHUNK_BYTES`; the last answer.
pub async fn upload(api: &Api, token: &str, bytes: &[u8]) -> (StatusCode, Value) {
    let hash = sha(bytes);
    let mut last = (StatusCode::OK, Value::Null);
    for (i, chunk) in bytes.chunks(CHUNK_BYTES).enumerate() {
        last = piece(
            api,
            token,
            &hash,
            i * CHUNK_BYTES,
            bytes.len(),
            chunk,
            "image/jpeg",
        )
        .await;
        if last.0 != StatusCode::OK {
            break;
        }
    }
    last
}

fn reference(bytes: &[u8]) -> PhotoRef {
    PhotoRef {
        sha256: sha(bytes),
        media_type: MediaType::Jpeg,
        bytes: bytes.len() as u64,
        width: 1600,
        height: 1200,
        caption: "Đường bê tông".into(),
    }
}

/// A progress entry of the demo officer's unit (`canbo.ubnd`) referring to `photos`.
async fn entry_with(api: &Api, photos: Vec<PhotoRef>) -> ProgressEntry {
    let data = shared::demo::thanh_mien();
    let officer = data
        .users
        .iter()
        .find(|u| u.username == "canbo.ubnd")
        .expect("officer");
    let unit = officer.unit_id.expect("unit");
    let model = data
        .models
        .iter()
        .find(|m| m.unit_id == unit)
        .expect("a model of the unit");
    let entry = ProgressEntry {
        id: shared::ids::ProgressId::new(),
        commune_id: model.commune_id,
        unit_id: unit,
        model_id: model.id,
        date: crate::common::demo_day(),
        activity: "Làm đường".into(),
        participants: Some(30),
        resources: String::new(),
        values: Vec::new(),
        photos,
        note: String::new(),
    };
    api.store()
        .write_system(vec![(
            RecordState::new(
                RecordKind::Progress,
                entry.id.as_uuid(),
                to_fields(&entry).expect("fields"),
            ),
            server::store::records::Scope {
                commune: model.commune_id.as_uuid(),
                unit: Some(unit.as_uuid()),
            },
        )])
        .await
        .expect("entry");
    entry
}

#[tokio::test]
async fn the_same_photo_sent_twice_is_stored_once() {
    let api = demo_api().await;
    let officer = api.login("canbo.ubnd").await;
    let reviewer = api.login("bxdd.lan").await;
    let bytes = fake_jpeg(600_000, 1);
    let hash = sha(&bytes);
    entry_with(&api, vec![reference(&bytes)]).await;

    let (status, body) = upload(&api, &officer, &bytes).await;
    assert_eq!(status, StatusCode::OK, "{body}");
    assert_eq!(body, json!({ "received": 600_000, "complete": true }));
    // Sent again whole, and by someone else: answered at once, kept once.
    let (status, again) = piece(&api, &officer, &hash, 0, 600_000, &bytes, "image/jpeg").await;
    assert_eq!(
        (status, again["complete"].as_bool()),
        (StatusCode::OK, Some(true))
    );
    let (status, by_reviewer) = upload(&api, &reviewer, &bytes).await;
    assert_eq!(status, StatusCode::OK, "{by_reviewer}");
    assert_eq!(
        api.store().photo_counts(&hash).await.expect("counts"),
        (1, 3),
        "one photo, 600,000 bytes in three pieces of 256 KiB"
    );
    let (status, state) = api
        .get(&format!("/api/photos/{hash}/upload"), Some(&officer))
        .await;
    assert_eq!(
        (status, state["complete"].as_bool()),
        (StatusCode::OK, Some(true))
    );

    let (status, headers, served) = api
        .get_bytes(&format!("/api/photos/{hash}"), Some(&officer))
        .await;
    assert_eq!(status, StatusCode::OK);
    assert!(served == bytes, "the bytes come back intact");
    assert_eq!(headers["content-type"], "image/jpeg");
    assert_eq!(
        headers["cache-control"],
        "private, max-age=31536000, immutable"
    );
}

#[tokio::test]
async fn an_upload_cut_half_way_resumes_where_it_stopped() {
    let api = demo_api().await;
    let officer = api.login("canbo.ubnd").await;
    let bytes = fake_jpeg(700_000, 2);
    let hash = sha(&bytes);
    let total = bytes.len();
    // The first piece arrives, then the connection drops.
    let (status, first) = piece(
        &api,
        &officer,
        &hash,
        0,
        total,
        &bytes[..CHUNK_BYTES],
        "image/jpeg",
    )
    .await;
    assert_eq!(status, StatusCode::OK, "{first}");
    assert_eq!(first, json!({ "received": CHUNK_BYTES, "complete": false }));
    let (_, held) = api
        .get(&format!("/api/photos/{hash}/upload"), Some(&officer))
        .await;
    assert_eq!(held, json!({ "received": CHUNK_BYTES, "complete": false }));
    // The same piece again (its answer was lost) changes nothing.
    let (_, again) = piece(
        &api,
        &officer,
        &hash,
        0,
        total,
        &bytes[..CHUNK_BYTES],
        "image/jpeg",
    )
    .await;
    assert_eq!(again["received"], json!(CHUNK_BYTES));
    // A piece after a gap is refused with a stable code.
    let (status, gap) = piece(
        &api,
        &officer,
        &hash,
        400_000,
        total,
        &bytes[400_000..],
        "image/jpeg",
    )
    .await;
    assert_eq!(status, StatusCode::CONFLICT);
    assert_eq!(gap["code"], "bad_offset");
    // The rest, from where the server stopped.
    let (status, done) = piece(
        &api,
        &officer,
        &hash,
        CHUNK_BYTES,
        total,
        &bytes[CHUNK_BYTES..],
        "image/jpeg",
    )
    .await;
    assert_eq!(status, StatusCode::OK, "{done}");
    assert_eq!(done, json!({ "received": total, "complete": true }));
    entry_with(&api, vec![reference(&bytes)]).await;
    let (status, _, served) = api
        .get_bytes(&format!("/api/photos/{hash}"), Some(&officer))
        .await;
    assert_eq!(status, StatusCode::OK);
    assert!(served == bytes, "joined intact");
}

#[tokio::test]
async fn not_an_image_too_large_or_not_its_hash_is_refused_and_nothing_kept() {
    let api = demo_api().await;
    let officer = api.login("canbo.ubnd").await;
    let gif = b"GIF89a\x01\x00\x01\x00".to_vec();
    let (status, body) = piece(&api, &officer, &sha(&gif), 0, gif.len(), &gif, "image/gif").await;
    assert_eq!(
        (status, body["code"].as_str()),
        (StatusCode::UNSUPPORTED_MEDIA_TYPE, Some("photo_type"))
    );
    assert_eq!(body["message"], shared::messages::PHOTO_BAD_TYPE);
    // JPEG bytes that say they are PNG: a lying content type.
    let jpeg = fake_jpeg(10_000, 3);
    let (status, body) = piece(
        &api,
        &officer,
        &sha(&jpeg),
        0,
        jpeg.len(),
        &jpeg,
        "image/png",
    )
    .await;
    assert_eq!(
        (status, body["code"].as_str()),
        (StatusCode::UNSUPPORTED_MEDIA_TYPE, Some("photo_type"))
    );
    // Over 1 MiB.
    let big = fake_jpeg(1024 * 1024 + 1, 4);
    let (status, body) = upload(&api, &officer, &big).await;
    assert_eq!(
        (status, body["code"].as_str()),
        (StatusCode::PAYLOAD_TOO_LARGE, Some("photo_too_large"))
    );
    // Bytes that are not what their name says.
    let named = sha(&fake_jpeg(10_000, 5));
    let (status, body) = piece(&api, &officer, &named, 0, jpeg.len(), &jpeg, "image/jpeg").await;
    assert_eq!(
        (status, body["code"].as_str()),
        (StatusCode::UNPROCESSABLE_ENTITY, Some("hash_mismatch"))
    );
    assert_eq!(
        api.store().photo_counts(&named).await.expect("counts"),
        (0, 0)
    );
    let (_, held) = api
        .get(&format!("/api/photos/{named}/upload"), Some(&officer))
        .await;
    assert_eq!(
        held,
        json!({ "received": 0, "complete": false }),
        "no piece kept"
    );
    // Not a hash at all: names nothing.
    let (status, body) = api.get("/api/photos/abc", Some(&officer)).await;
    assert_eq!(
        (status, body["code"].as_str()),
        (StatusCode::NOT_FOUND, Some("not_found"))
    );
}

#[tokio::test]
async fn another_units_officer_gets_404_as_for_a_photo_that_does_not_exist() {
    let api = demo_api().await;
    let officer = api.login("canbo.ubnd").await;
    let other = api.login("canbo.yte").await;
    let reviewer = api.login("bxdd.lan").await;
    let leader = api.login("thuongtruc.hung").await;
    let bytes = fake_jpeg(50_000, 6);
    let hash = sha(&bytes);
    let waiting = fake_jpeg(50_000, 7);
    entry_with(&api, vec![reference(&bytes), reference(&waiting)]).await;
    let (status, _) = upload(&api, &officer, &bytes).await;
    assert_eq!(status, StatusCode::OK);

    let fetch = |token: String, hash: String| {
        let api = &api;
        async move {
            let (status, _, body) = api
                .get_bytes(&format!("/api/photos/{hash}"), Some(&token))
                .await;
            let json: Value = serde_json::from_slice(&body).unwrap_or(Value::Null);
            (status, json)
        }
    };
    assert_eq!(fetch(officer.clone(), hash.clone()).await.0, StatusCode::OK);
    assert_eq!(
        fetch(reviewer.clone(), hash.clone()).await.0,
        StatusCode::OK
    );
    assert_eq!(fetch(leader.clone(), hash.clone()).await.0, StatusCode::OK);
    let (status, refused) = fetch(other.clone(), hash.clone()).await;
    let (_, missing) = fetch(other.clone(), sha(b"nothing")).await;
    assert_eq!(status, StatusCode::NOT_FOUND);
    assert_eq!(refused, missing, "the same answer as for no photo at all");
    // Referred to, not yet arrived: the officer is told it is on its way.
    let (status, pending) = fetch(officer.clone(), sha(&waiting)).await;
    assert_eq!(status, StatusCode::NOT_FOUND);
    assert_eq!(pending["message"], shared::messages::PHOTO_PENDING);
    // Read-only roles send no photos.
    let (status, body) = upload(&api, &leader, &waiting).await;
    assert_eq!(
        (status, body["code"].as_str()),
        (StatusCode::FORBIDDEN, Some("forbidden"))
    );
}
