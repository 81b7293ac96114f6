//! The store on disk (`surrealkv://`): data written survives closing and
//! reopening, and migrations run once.
use std::path::Path;
use std::time::{Duration, Instant};

use serde_json::json;
use server::Store;
use server::store::records::Scope;
use shared::sync::{RecordKind, RecordState};

use crate::common::settings;

/// Reopening right after a drop can race the engine's background shutdown
/// releasing its lock; wait for readiness, with a deadline.
async fn open_when_ready(url: &str) -> Store {
    let deadline = Instant::now() + Duration::from_secs(20);
    loop {
        match Store::open(&settings(url, Path::new("dist"))).await {
            Ok(store) => return store,
            Err(error) if Instant::now() < deadline => {
                eprintln!("store not ready yet: {error}");
                tokio::task::yield_now().await;
                tokio::time::sleep(Duration::from_millis(50)).await;
            }
            Err(error) => panic!("cannot reopen {url}: {error}"),
        }
    }
}

fn unit_record(id: uuid::Uuid, name: &str) -> RecordState {
    let serde_json::Value::Object(fields) = json!({ "name": name, "has_target": true }) else {
        unreachable!("object literal")
    };
    RecordState::new(RecordKind::Unit, id, fields)
}

fn all_migrations() -> Vec<i64> {
    server::store::MIGRATIONS
        .iter()
        .map(|m| m.version)
        .collect()
}

#[tokio::test]
async fn surrealkv_keeps_data_across_reopen() {
    let dir = tempfile::tempdir().expect("tempdir");
    let url = format!("surrealkv://{}", dir.path().join("db").display());
    let id = uuid::Uuid::now_v7();
    let commune = uuid::Uuid::now_v7();
    let scope = Scope {
        commune,
        unit: None,
    };

    let store = open_when_ready(&url).await;
    assert_eq!(store.kind(), "surrealkv");
    let head = store
        .write_system(vec![(
            unit_record(id, "Chi bộ thôn Đông – dữ liệu mẫu"),
            scope,
        )])
        .await
        .expect("write");
    assert_eq!(head, 1);
    drop(store);

    let store = open_when_ready(&url).await;
    let record = store
        .record(id)
        .await
        .expect("read")
        .expect("record exists");
    assert_eq!(
        record.state.fields["name"],
        "Chi bộ thôn Đông – dữ liệu mẫu"
    );
    assert_eq!(record.state.version, 1);
    assert_eq!(
        store.count(RecordKind::Unit, commune).await.expect("count"),
        1
    );
    let next = store
        .write_system(vec![(
            unit_record(uuid::Uuid::now_v7(), "Chi bộ thôn Tây"),
            scope,
        )])
        .await
        .expect("write");
    assert_eq!(next, 2, "the sequence continues after a reopen");
    assert_eq!(
        store.applied_migrations().await.expect("migrations"),
        all_migrations()
    );
}

#[tokio::test]
async fn migrations_are_idempotent() {
    let store = open_when_ready("mem://").await;
    let first = store.applied_migrations().await.expect("migrations");
    assert_eq!(first.len(), server::store::MIGRATIONS.len());
    // Running them again on the same database changes nothing.
    drop(store);
    let dir = tempfile::tempdir().expect("tempdir");
    let url = format!("surrealkv://{}", dir.path().join("db").display());
    let once = open_when_ready(&url).await;
    drop(once);
    let twice = open_when_ready(&url).await;
    assert_eq!(
        twice.applied_migrations().await.expect("migrations"),
        all_migrations()
    );
}

#[tokio::test]
async fn bad_store_url_is_a_clear_error() {
    let error = Store::open(&settings("postgres://localhost", Path::new("dist")))
        .await
        .expect_err("must fail");
    assert!(error.to_string().contains("surrealkv://"), "{error}");
}

#[tokio::test]
async fn missing_record_reads_as_none() {
    let store = open_when_ready("mem://").await;
    assert!(
        store
            .record(uuid::Uuid::now_v7())
            .await
            .expect("get")
            .is_none()
    );
}
