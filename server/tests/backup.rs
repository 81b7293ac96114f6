//! Online backup and restore with the real binary on `surrealkv://`:
//! `server backup` while a device pushes, `server restore` into an empty
//! folder, and devices that synced before and after the backup converge on
//! the restored store without losing their unsent changes.
#![allow(clippy::disallowed_methods)] // tests make their own ids and times
mod common;

use std::cell::RefCell;
use std::collections::BTreeMap;
use std::path::Path;
use std::process::Output;

use serde_json::{Value, json};
use shared::sync::{Engine, Fields, MemoryStorage, RecordKind, RecordState, SyncOutcome};
use uuid::Uuid;

use common::device::{Failed, Over, call, http, login, now, pull_all, start, sync_now};
use common::server_command;

fn draft(user: &shared::user::User, name: &str) -> (Uuid, Fields) {
    let data = shared::demo::thanh_mien();
    let mut model = shared::model::Model::new_draft(
        shared::ids::ModelId::new(),
        data.commune.id,
        user.unit_id.expect("unit"),
        data.campaigns[1].id,
    );
    model.name = name.to_owned();
    let Value::Object(fields) = serde_json::to_value(&model).expect("json") else {
        panic!("model is an object")
    };
    (model.id.as_uuid(), fields)
}

fn device() -> RefCell<Engine<MemoryStorage>> {
    RefCell::new(Engine::open(MemoryStorage::default(), Uuid::now_v7()).expect("engine"))
}

fn command(dir: &Path, args: &[&str]) -> Output {
    server_command()
        .env("DVK_STORE", format!("surrealkv://{}", dir.display()))
        .args(args)
        .output()
        .expect("run server")
}

fn by_id(records: Vec<RecordState>) -> BTreeMap<Uuid, RecordState> {
    records.into_iter().map(|r| (r.id, r)).collect()
}

fn held(
    engine: &RefCell<Engine<MemoryStorage>>,
    ids: impl Iterator<Item = Uuid>,
) -> Vec<RecordState> {
    let engine = engine.borrow();
    ids.filter_map(|id| {
        RecordKind::ALL
            .into_iter()
            .find_map(|kind| engine.server_copy(kind, id).cloned())
    })
    .collect()
}

#[tokio::test(flavor = "multi_thread", worker_threads = 2)]
async fn a_backup_taken_while_devices_push_restores_and_devices_converge() {
    let root = tempfile::tempdir().expect("tempdir");
    let (old_dir, new_dir) = (root.path().join("data"), root.path().join("restored"));
    let file = root.path().join("dvk-backup.surql");
    let http = http();
    let server = start(&old_dir);
    let (token, user) = login(&http, &server.base, "canbo.ubnd").await;
    let over = Over {
        http: &http,
        base: &server.base,
        token: &token,
    };

    // Before the backup: an officer's device has sent 20 drafts.
    let first = device();
    let mut ids = Vec::new();
    for i in 0..20 {
        let (id, fields) = draft(&user, &format!("Trước sao lưu {i}"));
        first
            .borrow_mut()
            .edit(RecordKind::Model, id, fields, now())
            .expect("saved");
        ids.push(id);
    }
    assert!(matches!(
        sync_now(&over, &first).await,
        SyncOutcome::Synced { .. }
    ));
    let (page, before) = pull_all(&http, &server.base, &token).await;
    let old_epoch = page.epoch.expect("a pull names the epoch");
    let before = by_id(before);

    // The backup runs while another device pushes 400 drafts.
    let busy = device();
    for i in 0..400 {
        let (id, fields) = draft(&user, &format!("Trong lúc sao lưu {i}"));
        busy.borrow_mut()
            .edit(RecordKind::Model, id, fields, now())
            .expect("saved");
    }
    let file_arg = file.display().to_string();
    let old = old_dir.clone();
    let backup = tokio::task::spawn_blocking(move || command(&old, &["backup", &file_arg]));
    let pushing = sync_now(&over, &busy).await;
    let backup = backup.await.expect("backup ran");
    assert!(matches!(pushing, SyncOutcome::Synced { .. }), "{pushing:?}");
    let said = String::from_utf8_lossy(&backup.stdout).into_owned();
    assert!(
        backup.status.success(),
        "{said} {}",
        String::from_utf8_lossy(&backup.stderr)
    );
    assert!(said.starts_with("Đã sao lưu vào "), "{said}");
    assert!(std::fs::metadata(&file).expect("backup file").len() > 10_000);

    // After the backup: the first device changes a draft and sends it (the
    // restore will not have it); a third device pulls everything, edits
    // that draft on the newer version and keeps the change unsent.
    let x = ids[0];
    first
        .borrow_mut()
        .edit(
            RecordKind::Model,
            x,
            json!({"name": "Đổi sau sao lưu"})
                .as_object()
                .cloned()
                .expect("fields"),
            now(),
        )
        .expect("saved");
    assert!(matches!(
        sync_now(&over, &first).await,
        SyncOutcome::Synced { .. }
    ));
    let late = device();
    assert!(matches!(
        sync_now(&over, &late).await,
        SyncOutcome::Synced { .. }
    ));
    let late_base = late
        .borrow()
        .server_copy(RecordKind::Model, x)
        .expect("x")
        .version;
    late.borrow_mut()
        .edit(
            RecordKind::Model,
            x,
            json!({"goals": "Mục tiêu chưa gửi"})
                .as_object()
                .cloned()
                .expect("fields"),
            now(),
        )
        .expect("saved");
    let (_, at_stop) = pull_all(&http, &server.base, &token).await;
    drop(server);

    // Restore into an empty folder; a second restore into it is refused.
    let restored = command(&new_dir, &["restore", &file.display().to_string()]);
    let said = String::from_utf8_lossy(&restored.stdout).into_owned();
    assert!(
        restored.status.success(),
        "{said} {}",
        String::from_utf8_lossy(&restored.stderr)
    );
    assert!(said.starts_with("Đã khôi phục "), "{said}");
    let again = command(&new_dir, &["restore", &file.display().to_string()]);
    assert!(!again.status.success());
    assert!(
        String::from_utf8_lossy(&again.stderr).contains("not empty"),
        "{again:?}"
    );

    let server = start(&new_dir);
    let over = Over {
        http: &http,
        base: &server.base,
        token: &token,
    };
    let (page, after) = pull_all(&http, &server.base, &token).await;
    let new_epoch = page.epoch.expect("epoch");
    assert_ne!(new_epoch, old_epoch, "a restored store names a new history");
    let fork = page.forked_at;
    assert!(fork >= before.values().map(|r| r.version).max().unwrap_or(0));
    let after = by_id(after);
    // The same records and versions as the old store had up to the fork:
    // everything sent before the backup, the drafts the backup caught, and
    // x as it was before its later change.
    for (id, record) in &before {
        assert_eq!(after.get(id), Some(record), "{id} as before the backup");
    }
    for record in at_stop.iter().filter(|r| r.version <= fork) {
        assert_eq!(after.get(&record.id), Some(record), "{} kept", record.id);
    }
    let caught = at_stop.iter().filter(|r| r.version <= fork).count() + 1;
    assert_eq!(after.len(), caught, "nothing newer than the backup, x once");
    assert!(after.values().all(|r| r.version <= fork));

    // A push on the old epoch applies nothing and says why.
    let stale = json!({ "device_id": late.borrow().device_id(), "ops": [], "epoch": old_epoch });
    match call(
        &http,
        "POST",
        &format!("{}/api/sync/push", server.base),
        Some(&token),
        Some(stale.to_string()),
    )
    .await
    {
        Err(Failed::Status(409, body)) => assert!(body.contains("\"epoch_changed\""), "{body}"),
        other => panic!("expected 409 epoch_changed: {other:?}"),
    }

    // The device with the unsent change: its sync is refused, it pulls the
    // new history, rebases the change onto the fork and sends it.
    assert!(
        late_base > fork,
        "the change was made on a version the restore lost"
    );
    let outcome = sync_now(&over, &late).await;
    assert!(matches!(outcome, SyncOutcome::Synced { .. }), "{outcome:?}");
    assert_eq!(late.borrow().pending(), 0);
    let refused: Vec<String> = late
        .borrow()
        .rejected()
        .map(|r| {
            format!(
                "{} {} {:?} base {}",
                r.code, r.message, r.errors, r.op.base_version
            )
        })
        .collect();
    assert!(refused.is_empty(), "{refused:?}");
    // The first device (synced after the backup) and a fresh one agree.
    assert!(matches!(
        sync_now(&over, &first).await,
        SyncOutcome::Synced { .. }
    ));
    assert!(matches!(
        sync_now(&over, &late).await,
        SyncOutcome::Synced { .. }
    ));
    let (_, now_on_server) = pull_all(&http, &server.base, &token).await;
    let x_now = now_on_server.iter().find(|r| r.id == x).expect("x");
    assert_eq!(
        x_now.fields["goals"], "Mục tiêu chưa gửi",
        "the unsent change arrived"
    );
    assert!(x_now.conflicts.is_empty());
    for device in [&first, &late] {
        let mut mine = held(device, now_on_server.iter().map(|r| r.id));
        mine.sort_by_key(|r| r.version);
        assert_eq!(
            mine, now_on_server,
            "the device holds exactly the server's records"
        );
        assert_eq!(device.borrow().meta().epoch, Some(new_epoch));
    }
}

#[tokio::test]
async fn a_damaged_or_cut_backup_is_refused_before_the_store_is_touched() {
    let root = tempfile::tempdir().expect("tempdir");
    let data = root.path().join("data");
    let file = root.path().join("b.surql");
    // A stopped server's folder is backed up directly.
    let made = server_command()
        .env("DVK_STORE", format!("surrealkv://{}", data.display()))
        .env("DVK_ADMIN_PASSWORD", "Sao lưu thử nghiệm 2025!")
        .args([
            "create-admin",
            "--commune",
            "Đảng bộ xã Thử",
            "--place",
            "Thử",
        ])
        .args(["--username", "quantri.thu", "--full-name", "Người Thử"])
        .output()
        .expect("run create-admin");
    assert!(
        made.status.success(),
        "{}",
        String::from_utf8_lossy(&made.stderr)
    );
    let done = command(&data, &["backup", &file.display().to_string()]);
    assert!(
        done.status.success(),
        "{}",
        String::from_utf8_lossy(&done.stderr)
    );
    let whole = std::fs::read(&file).expect("read");
    for (name, bytes) in [
        ("cut", whole[..whole.len() / 2].to_vec()),
        ("flipped", {
            let mut b = whole.clone();
            b[whole.len() / 3] ^= 0x20;
            b
        }),
    ] {
        let bad = root.path().join(format!("{name}.surql"));
        std::fs::write(&bad, bytes).expect("write");
        let target = root.path().join(format!("into-{name}"));
        let refused = command(&target, &["restore", &bad.display().to_string()]);
        assert!(!refused.status.success(), "{name} restored");
        let said = String::from_utf8_lossy(&refused.stderr);
        assert!(said.contains("Không khôi phục được"), "{name}: {said}");
        // Nothing was written into the store.
        let ok = command(&target, &["restore", &file.display().to_string()]);
        assert!(
            ok.status.success(),
            "{name}: {}",
            String::from_utf8_lossy(&ok.stderr)
        );
    }
}
