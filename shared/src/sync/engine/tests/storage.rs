//! The engine's own storage: a change is stored before `edit` returns,
//! a failed write changes nothing, and unreadable entries are kept aside.
use super::*;

#[cfg_attr(not(target_arch = "wasm32"), test)]
#[cfg_attr(target_arch = "wasm32", wasm_bindgen_test::wasm_bindgen_test)]
fn a_saved_edit_is_in_storage_and_survives_reopening() {
    let mut a = engine(1);
    let id = Uuid::from_u128(100);
    a.edit(MODEL, id, fields(json!({"name": "Dân vận khéo"})), t(1))
        .expect("edit");
    let storage = a.storage().clone();
    let reopened = Engine::open(storage, Uuid::from_u128(1)).expect("reopen");
    let view = reopened.view(MODEL, id).expect("view");
    assert_eq!(view.fields["name"], "Dân vận khéo");
    assert_eq!(view.status, SyncStatus::LocalOnly);
    assert_eq!(reopened.pending(), 1);
}

#[cfg_attr(not(target_arch = "wasm32"), test)]
#[cfg_attr(target_arch = "wasm32", wasm_bindgen_test::wasm_bindgen_test)]
fn a_failed_write_is_reported_and_changes_nothing() {
    let storage = MemoryStorage {
        fail_writes: true,
        ..MemoryStorage::default()
    };
    let mut a = Engine::open(storage, Uuid::from_u128(1)).expect("open");
    let id = Uuid::from_u128(100);
    let error = a.edit(MODEL, id, fields(json!({"name": "x"})), t(1));
    assert!(matches!(error, Err(StorageError::Write(_))));
    assert!(a.view(MODEL, id).is_none());
    assert_eq!(a.pending(), 0);
}

#[cfg_attr(not(target_arch = "wasm32"), test)]
#[cfg_attr(target_arch = "wasm32", wasm_bindgen_test::wasm_bindgen_test)]
fn corrupt_entries_are_kept_aside_and_do_not_block_opening() {
    let mut storage = MemoryStorage::default();
    storage
        .data
        .insert("outbox/0000000000000001-x".into(), "{broken".into());
    storage.data.insert("sync/meta".into(), "[]".into());
    let a = Engine::open(storage, Uuid::from_u128(1)).expect("open");
    assert_eq!(a.warnings().len(), 2);
    assert_eq!(
        a.storage()
            .data
            .get("corrupt/outbox/0000000000000001-x")
            .map(String::as_str),
        Some("{broken")
    );
    assert_eq!(a.pending(), 0);
    assert_eq!(a.cursor(), 0);
}
