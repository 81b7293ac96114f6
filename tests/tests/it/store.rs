//! The store on disk (`surrealkv://`): data written survives closing and
//! reopening, and migrations run once.
use std::path::Path;
use std::time::{Duration, Instant};

use serde_json::json;
use server::Store;

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

#[tokio::test]
async fn surrealkv_keeps_data_across_reopen() {
    let dir = tempfile::tempdir().expect("tempdir");
    let url = format!("surrealkv://{}", dir.path().join("db").display());
    let id = uuid::Uuid::now_v7();
    let commune = uuid::Uuid::now_v7();
    let data = json!({ "name": "Chi bộ thôn Đông – dữ liệu mẫu", "has_target": true });

    let store = open_when_ready(&url).await;
    assert_eq!(store.kind(), "surrealkv");
    let seq = store
        .put_record("unit", id, commune, None, data.clone())
        .await
        .expect("put");
    assert_eq!(seq, 1);
    drop(store);

    let store = open_when_ready(&url).await;
    assert_eq!(store.get_record(id).await.expect("get"), Some(data));
    assert_eq!(
        store.count_records("unit", commune).await.expect("count"),
        1
    );
    let next = store
        .put_record("unit", uuid::Uuid::now_v7(), commune, None, json!({}))
        .await
        .expect("put");
    assert_eq!(next, 2, "the sequence continues after a reopen");
    assert_eq!(
        store.applied_migrations().await.expect("migrations"),
        vec![1]
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
        vec![1]
    );
}

#[tokio::test]
async fn bad_store_url_is_a_clear_error() {
    let error = Store::open(&settings("postgres://localhost", Path::new("dist")))
        .await
        .err()
        .expect("must fail");
    assert!(error.to_string().contains("surrealkv://"), "{error}");
}

#[tokio::test]
async fn missing_record_reads_as_none() {
    let store = open_when_ready("mem://").await;
    assert_eq!(
        store.get_record(uuid::Uuid::now_v7()).await.expect("get"),
        None
    );
}
