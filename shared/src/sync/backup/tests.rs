use super::*;
use crate::sync::MemoryStorage;
use crate::sync::engine::RejectedOp;
use crate::sync::protocol::{Op, RecordKind};

fn at() -> DateTime<Utc> {
    DateTime::from_timestamp(1_750_000_000, 0).unwrap_or_default()
}

fn user() -> Uuid {
    Uuid::from_u128(7)
}

fn id(n: u128) -> Uuid {
    Uuid::from_u128(n)
}

fn op(n: u128, clock: u64) -> Op {
    Op {
        op_id: id(n),
        device_id: id(1),
        kind: RecordKind::Model,
        record_id: id(100 + n),
        base_version: 0,
        clock,
        changes: crate::sync::Fields::new(),
        resolves: Vec::new(),
        client_time: None,
    }
}

fn record(version: u64) -> String {
    let record = RecordState {
        kind: RecordKind::Model,
        id: id(50),
        version,
        fields: crate::sync::Fields::new(),
        deleted: false,
        conflicts: Vec::new(),
        arrived_at: None,
    };
    serde_json::to_string(&record).unwrap_or_default()
}

fn json<T: Serialize>(value: &T) -> String {
    serde_json::to_string(value).unwrap_or_default()
}

/// A device in the layout before the log (records one per entry).
fn filled() -> MemoryStorage {
    let mut s = MemoryStorage::default();
    let refused = RejectedOp {
        op: op(2, 3),
        code: "invalid".into(),
        message: "Không hợp lệ".into(),
        errors: Vec::new(),
    };
    let entries = [
        (
            format!("outbox/0000000000000005-{}", id(1)),
            json(&op(1, 5)),
        ),
        (format!("rejected/{}", id(2)), json(&refused)),
        (format!("rec/model/{}", id(50)), record(4)),
        ("sync/meta".into(), "{\"cursor\":4}".into()),
        ("sync/clock".into(), "5".into()),
        ("sync/lease".into(), "[\"tab\",0]".into()),
        ("draft/new-model-name".into(), "\"Dân vận khéo\"".into()),
    ];
    for (k, v) in entries {
        let _ = s.set(&k, &v);
    }
    s
}

fn open(store: MemoryStorage) -> Result<Engine<MemoryStorage>, StorageError> {
    Engine::open(store, id(1))
}

#[cfg_attr(not(target_arch = "wasm32"), test)]
#[cfg_attr(target_arch = "wasm32", wasm_bindgen_test::wasm_bindgen_test)]
fn a_backup_restores_into_an_empty_device_without_the_lease() -> Result<(), RestoreError> {
    let source = open(filled())?;
    let backup = export(&source, user(), "canbo", Uuid::nil(), at())?;
    assert!(!backup.entries.contains_key("sync/lease"));
    assert!(backup.entries.keys().all(|k| !k.starts_with(LOG)));
    let text = serde_json::to_string(&backup).map_err(|_| RestoreError::BadFile)?;
    let mut fresh = open(MemoryStorage::default())?;
    let done = restore(&mut fresh, &parse(&text)?, user())?;
    assert_eq!(done.written, 6);
    assert_eq!(done.pending, 2);
    assert_eq!(done.records, 1);
    assert_eq!(fresh.pending(), 1);
    assert_eq!(fresh.rejected().count(), 1);
    assert_eq!(
        fresh
            .server_copy(RecordKind::Model, id(50))
            .map(|r| r.version),
        Some(4)
    );
    let again = export(&fresh, user(), "canbo", Uuid::nil(), at())?;
    assert_eq!(again.entries, backup.entries, "the same everything, once");
    Ok(())
}

#[cfg_attr(not(target_arch = "wasm32"), test)]
#[cfg_attr(target_arch = "wasm32", wasm_bindgen_test::wasm_bindgen_test)]
fn restore_keeps_newer_data_and_moves_the_clock_forward_only() -> Result<(), RestoreError> {
    let backup = export(&open(filled())?, user(), "canbo", Uuid::nil(), at())?;
    let mut store = MemoryStorage::default();
    store.set(&format!("rec/model/{}", id(50)), &record(9))?;
    store.set("sync/clock", "3")?;
    store.set("draft/new-model-name", "\"mới hơn\"")?;
    let mut device = open(store)?;
    let done = restore(&mut device, &backup, user())?;
    assert_eq!(
        device
            .server_copy(RecordKind::Model, id(50))
            .map(|r| r.version),
        Some(9)
    );
    assert_eq!(device.storage().get("sync/clock")?.as_deref(), Some("5"));
    assert_eq!(
        device.storage().get("draft/new-model-name")?.as_deref(),
        Some("\"mới hơn\"")
    );
    assert_eq!(done.kept, 2);
    assert_eq!(done.records, 0);
    // An older record on the device is replaced by the backup's newer one.
    let mut store = MemoryStorage::default();
    store.set(&format!("rec/model/{}", id(50)), &record(1))?;
    let mut older = open(store)?;
    restore(&mut older, &backup, user())?;
    assert_eq!(
        older
            .server_copy(RecordKind::Model, id(50))
            .map(|r| r.version),
        Some(4)
    );
    Ok(())
}

#[cfg_attr(not(target_arch = "wasm32"), test)]
#[cfg_attr(target_arch = "wasm32", wasm_bindgen_test::wasm_bindgen_test)]
fn a_refused_change_already_dealt_with_is_not_restored() -> Result<(), RestoreError> {
    let backup = export(&open(filled())?, user(), "canbo", Uuid::nil(), at())?;
    let mut store = MemoryStorage::default();
    // The person fixed refused op 2 (and op 1 came back refused, then dropped).
    store.set(&format!("done/{}", id(2)), "1")?;
    store.set(&format!("done/{}", id(1)), "1")?;
    let mut device = open(store)?;
    let done = restore(&mut device, &backup, user())?;
    assert_eq!(device.rejected().count(), 0);
    assert_eq!(device.pending(), 0);
    assert_eq!(done.pending, 0);
    assert!(device.server_copy(RecordKind::Model, id(50)).is_some());
    Ok(())
}

#[cfg_attr(not(target_arch = "wasm32"), test)]
#[cfg_attr(target_arch = "wasm32", wasm_bindgen_test::wasm_bindgen_test)]
fn another_persons_backup_and_bad_files_are_refused() -> Result<(), RestoreError> {
    let backup = export(&open(filled())?, user(), "canbo.ubnd", Uuid::nil(), at())?;
    let mut device = open(MemoryStorage::default())?;
    let other = restore(&mut device, &backup, Uuid::from_u128(8));
    assert_eq!(other, Err(RestoreError::OtherUser("canbo.ubnd".into())));
    assert!(device.storage().data.is_empty());
    assert_eq!(parse("{not json"), Err(RestoreError::BadFile));
    assert_eq!(parse("{\"format\":\"x\"}"), Err(RestoreError::BadFile));
    let mut wrong = backup;
    wrong.version = 99;
    let text = serde_json::to_string(&wrong).map_err(|_| RestoreError::BadFile)?;
    assert_eq!(parse(&text), Err(RestoreError::BadFile));
    Ok(())
}

fn jpeg(seed: u8) -> Vec<u8> {
    let mut bytes = vec![0xFF, 0xD8, 0xFF, 0xE0];
    bytes.extend((0..600u32).map(|i| (i as u8).wrapping_mul(seed)));
    bytes
}

fn hash(bytes: &[u8]) -> String {
    use sha2::Digest;
    format!("{:x}", sha2::Sha256::digest(bytes))
}

#[cfg_attr(not(target_arch = "wasm32"), test)]
#[cfg_attr(target_arch = "wasm32", wasm_bindgen_test::wasm_bindgen_test)]
fn unsent_photos_travel_in_the_file_and_come_back_checked() -> Result<(), RestoreError> {
    let (one, two) = (jpeg(3), jpeg(5));
    let photos = vec![
        BackupPhoto::new(&hash(&one), &one, &jpeg(7)),
        BackupPhoto::new(&hash(&two), &two, &[]),
        BackupPhoto::new(&hash(&one), &one, &jpeg(7)),
    ];
    let backup = with_photos(
        export(&open(filled())?, user(), "canbo", Uuid::nil(), at())?,
        photos,
    );
    assert_eq!(backup.version, VERSION_PHOTOS);
    let text = serde_json::to_string(&backup).map_err(|_| RestoreError::BadFile)?;
    let read = parse(&text)?;
    let photos = photos_of(&read);
    assert!(photos.damaged.is_empty());
    assert_eq!(photos.good.len(), 2, "a photo listed twice comes back once");
    assert_eq!(photos.good[0].full, one);
    assert_eq!(photos.good[0].thumb, jpeg(7));
    assert_eq!(photos.good[0].media_type, crate::photo::MediaType::Jpeg);
    assert_eq!(photos.good[1].full, two);
    assert!(photos.good[1].thumb.is_empty());
    // The records restore as from a file without photos.
    let mut fresh = open(MemoryStorage::default())?;
    let done = restore(&mut fresh, &read, user())?;
    assert_eq!((done.records, done.pending), (1, 2));
    let said = crate::messages::backup_restored(done.records, done.pending, 2, &[]);
    assert!(said.starts_with("Đã khôi phục"), "{said}");
    assert!(said.contains("2 ảnh"), "{said}");
    Ok(())
}

#[cfg_attr(not(target_arch = "wasm32"), test)]
#[cfg_attr(target_arch = "wasm32", wasm_bindgen_test::wasm_bindgen_test)]
fn a_records_only_file_keeps_the_old_format_and_old_files_restore() -> Result<(), RestoreError> {
    let backup = with_photos(
        export(&open(filled())?, user(), "canbo", Uuid::nil(), at())?,
        Vec::new(),
    );
    assert_eq!(backup.version, VERSION);
    let text = serde_json::to_string(&backup).map_err(|_| RestoreError::BadFile)?;
    assert!(
        !text.contains("\"photos\""),
        "older builds read it as before"
    );
    // A file written by a build before photos (no `photos` at all).
    let old = format!(
        "{{\"format\":\"dvk-backup\",\"version\":1,\"user_id\":\"{}\",\"username\":\"canbo\",\
         \"device_id\":\"{}\",\"created_at\":\"2025-06-15T10:00:00Z\",\
         \"entries\":{{\"rec/model/{}\":{}}}}}",
        user(),
        Uuid::nil(),
        id(50),
        serde_json::to_string(&record(4)).map_err(|_| RestoreError::BadFile)?
    );
    let read = parse(&old)?;
    assert_eq!(photos_of(&read), Photos::default());
    let mut fresh = open(MemoryStorage::default())?;
    assert_eq!(restore(&mut fresh, &read, user())?.records, 1);
    // Version 1 says "no photos": one that carries some is not a DVK file.
    let mut odd = with_photos(
        backup,
        vec![BackupPhoto::new(&hash(&jpeg(3)), &jpeg(3), &[])],
    );
    odd.version = VERSION;
    let text = serde_json::to_string(&odd).map_err(|_| RestoreError::BadFile)?;
    assert_eq!(parse(&text), Err(RestoreError::BadFile));
    assert_eq!(
        file_name("canbo.ubnd", at(), Contents::RecordsOnly),
        "dvk-sao-luu-canbo.ubnd-20250615-1506.json"
    );
    assert_eq!(
        file_name("canbo.ubnd", at(), Contents::WithUnsentPhotos),
        "dvk-sao-luu-anh-canbo.ubnd-20250615-1506.json"
    );
    Ok(())
}

#[cfg_attr(not(target_arch = "wasm32"), test)]
#[cfg_attr(target_arch = "wasm32", wasm_bindgen_test::wasm_bindgen_test)]
fn a_damaged_photo_is_left_out_with_its_reason_and_the_rest_restores() {
    let good = jpeg(3);
    let mut altered = BackupPhoto::new(&hash(&jpeg(5)), &jpeg(5), &[]);
    altered.data = BackupPhoto::new("", &jpeg(6), &[]).data;
    let mut not_base64 = BackupPhoto::new(&hash(&jpeg(9)), &jpeg(9), &[]);
    not_base64.data = "###".into();
    let text = b"not a picture".to_vec();
    let large = {
        let mut bytes = jpeg(1);
        bytes.resize(crate::photo::MAX_BYTES as usize + 1, 0);
        bytes
    };
    let photos = vec![
        BackupPhoto::new(&hash(&good), &good, &[]),
        altered,
        not_base64,
        BackupPhoto::new(&hash(&text), &text, &[]),
        BackupPhoto::new(&hash(&large), &large, &[]),
        BackupPhoto::new("../../etc", &good, &[]),
        BackupPhoto::new(&hash(&jpeg(4)), &jpeg(4), b"not a thumbnail"),
    ];
    let backup = Backup {
        format: FORMAT.into(),
        version: VERSION_PHOTOS,
        user_id: user(),
        username: "canbo".into(),
        device_id: Uuid::nil(),
        created_at: at(),
        entries: BTreeMap::new(),
        photos,
    };
    let read = photos_of(&backup);
    assert_eq!(read.good.len(), 1);
    assert_eq!(read.good[0].full, good);
    let problems: Vec<PhotoProblem> = read.damaged.iter().map(|(_, p)| *p).collect();
    assert_eq!(
        problems,
        vec![
            PhotoProblem::HashMismatch,
            PhotoProblem::NotBase64,
            PhotoProblem::NotImage,
            PhotoProblem::TooLarge,
            PhotoProblem::BadName,
            PhotoProblem::NotImage,
        ]
    );
    let said = crate::messages::backup_restored(0, 0, 1, &read.damaged);
    assert!(said.contains("6 ảnh không khôi phục được"), "{said}");
    assert!(
        said.contains(crate::messages::BACKUP_PHOTO_HASH_MISMATCH),
        "{said}"
    );
    assert_eq!(file_bytes(3), 4);
    assert_eq!(file_bytes(4), 8);
}
