use serde_json::json;
use uuid::Uuid;

use super::*;
use crate::ids::{CommuneId, UnitId, UserId};
use crate::sync::rules::Actor;

fn hash(n: u8) -> String {
    format!("{n:02x}").repeat(32)
}

fn photo(n: u8) -> PhotoRef {
    PhotoRef {
        sha256: hash(n),
        media_type: MediaType::Jpeg,
        bytes: 200_000,
        width: 1600,
        height: 1200,
        caption: "Đường bê tông thôn Đông".into(),
    }
}

#[cfg_attr(not(target_arch = "wasm32"), test)]
#[cfg_attr(target_arch = "wasm32", wasm_bindgen_test::wasm_bindgen_test)]
fn types_are_known_by_their_first_bytes_not_by_a_name() {
    assert_eq!(
        MediaType::sniff(&[0xFF, 0xD8, 0xFF, 0xE0, 0, 0]),
        Some(MediaType::Jpeg)
    );
    assert_eq!(
        MediaType::sniff(b"\x89PNG\r\n\x1a\n\0\0"),
        Some(MediaType::Png)
    );
    assert_eq!(
        MediaType::sniff(b"RIFF\x10\0\0\0WEBPVP8 "),
        Some(MediaType::Webp)
    );
    assert_eq!(MediaType::sniff(b"RIFF\x10\0\0\0WAVEfmt "), None);
    assert_eq!(MediaType::sniff(b"GIF89a"), None);
    assert_eq!(MediaType::sniff(b"<svg"), None);
    assert_eq!(MediaType::sniff(&[]), None);
    assert_eq!(MediaType::parse("image/JPEG; q=1"), Some(MediaType::Jpeg));
    assert_eq!(MediaType::parse("image/gif"), None);
}

#[cfg_attr(not(target_arch = "wasm32"), test)]
#[cfg_attr(target_arch = "wasm32", wasm_bindgen_test::wasm_bindgen_test)]
fn a_lying_content_type_is_refused() {
    assert_eq!(check_declared(None, MediaType::Png), Ok(()));
    assert_eq!(
        check_declared(Some("application/octet-stream"), MediaType::Png),
        Ok(())
    );
    assert_eq!(check_declared(Some("image/png"), MediaType::Png), Ok(()));
    assert_eq!(
        check_declared(Some("image/jpeg"), MediaType::Png),
        Err(UploadError::BadType)
    );
    assert_eq!(
        check_declared(Some("text/html"), MediaType::Jpeg),
        Err(UploadError::BadType)
    );
}

#[cfg_attr(not(target_arch = "wasm32"), test)]
#[cfg_attr(target_arch = "wasm32", wasm_bindgen_test::wasm_bindgen_test)]
fn old_bare_references_still_read_and_new_ones_round_trip() {
    let old: Vec<PhotoRef> = serde_json::from_value(json!([hash(1)])).expect("old form");
    assert_eq!(old[0].sha256, hash(1));
    assert_eq!(old[0].media_type, MediaType::Jpeg);
    assert_eq!(old[0].caption, "");
    let new = photo(2);
    let wire = serde_json::to_value(&new).expect("json");
    assert_eq!(wire["media_type"], json!("image/jpeg"));
    assert_eq!(serde_json::from_value::<PhotoRef>(wire).expect("back"), new);
    // A progress entry of an older build (no photos at all) reads too.
    let entry = json!({
        "id": Uuid::from_u128(1), "commune_id": Uuid::from_u128(2), "unit_id": Uuid::from_u128(3),
        "model_id": Uuid::from_u128(4), "date": "2025-05-01", "activity": "Họp dân",
    });
    let entry: crate::progress::ProgressEntry = serde_json::from_value(entry).expect("entry");
    assert!(entry.photos.is_empty());
}

#[cfg_attr(not(target_arch = "wasm32"), test)]
#[cfg_attr(target_arch = "wasm32", wasm_bindgen_test::wasm_bindgen_test)]
fn a_record_carries_few_named_photos_with_short_captions() {
    let check_of = |photos: &[PhotoRef]| {
        let mut c = Checker::new();
        check(&mut c, "photos", photos);
        c.finish()
    };
    let fine: Vec<PhotoRef> = (0..10).map(photo).collect();
    assert!(check_of(&fine).is_empty());
    let eleven: Vec<PhotoRef> = (0..11).map(photo).collect();
    let errors = check_of(&eleven);
    assert_eq!(errors[0].field, "photos");
    assert_eq!(errors[0].message, "Tối đa 10 ảnh cho mỗi mục.");
    let mut bad = vec![photo(1), photo(1), photo(3)];
    bad[2].sha256 = "ABC".into();
    bad[0].caption = "x".repeat(CAPTION_MAX + 1);
    bad[1].bytes = MAX_BYTES + 1;
    let fields: Vec<String> = check_of(&bad).into_iter().map(|e| e.field).collect();
    assert_eq!(
        fields,
        [
            "photos[0].caption",
            "photos[1].sha256",
            "photos[1].bytes",
            "photos[2].sha256"
        ]
    );
}

#[cfg_attr(not(target_arch = "wasm32"), test)]
#[cfg_attr(target_arch = "wasm32", wasm_bindgen_test::wasm_bindgen_test)]
fn hashes_are_read_from_fields_in_either_form() {
    let fields: Fields = serde_json::from_value(json!({
        "photos": [{ "sha256": hash(2), "caption": "a" }, hash(1), "not-a-hash", { "sha256": hash(2) }]
    }))
    .expect("fields");
    assert_eq!(hashes_in(&fields), [hash(1), hash(2)]);
    assert!(hashes_in(&Fields::new()).is_empty());
    assert!(is_hash(&hash(0xab)));
    assert!(!is_hash(&hash(0xab).to_uppercase()));
    assert!(!is_hash(&hash(1)[..63]));
}

fn actor(role: Role, commune: Uuid, unit: Option<Uuid>) -> Actor {
    Actor {
        user_id: UserId::from_uuid(Uuid::from_u128(9)),
        role,
        commune_id: Some(CommuneId::from_uuid(commune)),
        unit_id: unit.map(UnitId::from_uuid),
        city: None,
        full_name: String::new(),
    }
}

#[cfg_attr(not(target_arch = "wasm32"), test)]
#[cfg_attr(target_arch = "wasm32", wasm_bindgen_test::wasm_bindgen_test)]
fn a_photo_is_fetched_only_by_those_who_see_a_record_referring_to_it() {
    let (commune, unit, other_unit) = (Uuid::from_u128(1), Uuid::from_u128(2), Uuid::from_u128(3));
    let filed = [Scope {
        commune,
        unit: Some(unit),
    }];
    let officer = actor(Role::UnitOfficer, commune, Some(unit));
    let other = actor(Role::UnitOfficer, commune, Some(other_unit));
    let reviewer = actor(Role::Reviewer, commune, None);
    let stranger = actor(Role::Reviewer, Uuid::from_u128(4), None);
    assert!(may_fetch(&officer, &[], &filed));
    assert!(may_fetch(&reviewer, &[], &filed));
    assert!(!may_fetch(&other, &[], &filed));
    assert!(!may_fetch(&stranger, &[], &filed));
    // Referenced nowhere (or only in deleted records): nobody.
    assert!(!may_fetch(&officer, &[], &[]));
    // Referenced also by a record the other unit sees.
    let both = [
        filed[0],
        Scope {
            commune,
            unit: Some(other_unit),
        },
    ];
    assert!(may_fetch(&other, &[], &both));
    assert!(may_upload(Role::UnitOfficer));
    assert!(!may_upload(Role::Leader));
    assert!(!may_upload(Role::CityViewer));
}

#[cfg_attr(not(target_arch = "wasm32"), test)]
#[cfg_attr(target_arch = "wasm32", wasm_bindgen_test::wasm_bindgen_test)]
fn pieces_append_resend_and_never_leave_a_gap() {
    let total = 600_000;
    assert_eq!(
        plan_piece(0, 0, 262_144, total),
        Ok(Piece::Append { skip: 0 })
    );
    // The same piece again (its answer was lost): nothing to store.
    assert_eq!(plan_piece(262_144, 0, 262_144, total), Ok(Piece::Held));
    // Overlapping what is held: only the new tail is kept.
    assert_eq!(
        plan_piece(262_144, 200_000, 100_000, total),
        Ok(Piece::Append { skip: 62_144 })
    );
    assert_eq!(
        plan_piece(0, 262_144, 1, total),
        Err(UploadError::BadOffset)
    );
    assert_eq!(
        plan_piece(0, 0, total + 1, total),
        Err(UploadError::BadOffset)
    );
    assert_eq!(plan_piece(0, 0, 1, 0), Err(UploadError::TooLarge));
    assert_eq!(
        plan_piece(0, 0, 1, MAX_BYTES + 1),
        Err(UploadError::TooLarge)
    );
    assert_eq!(
        plan_piece(0, u64::MAX, 2, total),
        Err(UploadError::BadOffset)
    );
    assert_eq!(contiguous(&[(0, 10), (10, 5), (20, 5)]), 15);
    assert_eq!(contiguous(&[(10, 5), (0, 10)]), 15);
    assert_eq!(contiguous(&[(5, 5)]), 0);
    assert_eq!(contiguous(&[]), 0);
}

#[cfg_attr(not(target_arch = "wasm32"), test)]
#[cfg_attr(target_arch = "wasm32", wasm_bindgen_test::wasm_bindgen_test)]
fn photos_shrink_to_the_long_side_and_never_grow() {
    assert_eq!(shrunk_size(4000, 3000, LONG_SIDE), (1600, 1200));
    assert_eq!(shrunk_size(3000, 4000, LONG_SIDE), (1200, 1600));
    assert_eq!(shrunk_size(800, 600, LONG_SIDE), (800, 600));
    assert_eq!(shrunk_size(10_000, 1, LONG_SIDE), (1600, 1));
    assert_eq!(shrunk_size(0, 0, LONG_SIDE), (1, 1));
    assert_eq!(shrunk_size(4000, 3000, THUMB_SIDE), (240, 180));
}

#[cfg_attr(not(target_arch = "wasm32"), test)]
#[cfg_attr(target_arch = "wasm32", wasm_bindgen_test::wasm_bindgen_test)]
fn messages_say_what_happened_in_vietnamese() {
    assert_eq!(
        status_text(where_is(false, false, true)),
        Some("ảnh đang chờ tải lên")
    );
    assert_eq!(status_text(where_is(true, true, false)), None);
    assert_eq!(status_text(where_is(false, false, false)), None);
    assert_eq!(
        status_text(where_is(true, false, false)),
        Some(crate::messages::PHOTO_NOT_SENT)
    );
    assert!(too_large().contains(&format!("{} MB", MAX_BYTES / (1024 * 1024))));
    assert!(crate::messages::PHOTO_STORAGE_FULL.contains("Mục ghi vẫn được giữ"));
    for error in [
        UploadError::TooLarge,
        UploadError::BadType,
        UploadError::BadOffset,
        UploadError::HashMismatch,
    ] {
        let code = upload_code(error);
        assert!(!upload_message(error).is_empty());
        assert_eq!(code.message(), upload_message(error), "{code}");
    }
    assert_eq!(upload_code(UploadError::BadType).http_status(), 415);
    assert_eq!(upload_code(UploadError::TooLarge).http_status(), 413);
}
