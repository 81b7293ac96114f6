//! The record log: many records per storage entry, newest copy wins,
//! bounded segments, old layouts moved in once, tabs never clobbering.
use super::*;

/// A record large enough that a few hundred fill a segment.
fn long_record(n: u128, version: u64, name: &str) -> RecordState {
    record(
        n,
        version,
        json!({"name": name, "goals": "Nâng cao đời sống ".repeat(40)}),
    )
}

fn segments(engine: &Engine<MemoryStorage>) -> usize {
    engine
        .storage()
        .data
        .keys()
        .filter(|k| k.starts_with(LOG))
        .count()
}

#[cfg_attr(not(target_arch = "wasm32"), test)]
#[cfg_attr(target_arch = "wasm32", wasm_bindgen_test::wasm_bindgen_test)]
fn records_kept_one_per_entry_move_into_the_log_once() {
    let mut store = MemoryStorage::default();
    for n in 0..50 {
        let r = long_record(n, n as u64 + 1, "cũ");
        store.data.insert(
            format!("rec/model/{}", r.id),
            serde_json::to_string(&r).expect("json"),
        );
    }
    let engine = open(store);
    assert_eq!(engine.views(RecordKind::Model).len(), 50);
    assert!(engine.storage().data.keys().all(|k| !k.starts_with("rec/")));
    assert_eq!(segments(&engine), 1);
    let again = open(engine.storage().clone());
    assert_eq!(again.views(RecordKind::Model).len(), 50);
    assert_eq!(segments(&again), 1, "moved once, not again");
}

#[cfg_attr(not(target_arch = "wasm32"), test)]
#[cfg_attr(target_arch = "wasm32", wasm_bindgen_test::wasm_bindgen_test)]
fn many_pulls_keep_few_segments_and_the_newest_copy_of_each_record() {
    let mut engine = open(MemoryStorage::default());
    let mut version = 0;
    // 40 pulls of 50 records, each rewriting the same 200 records.
    for round in 0..40 {
        let records = (0..50)
            .map(|i| {
                version += 1;
                long_record((round * 50 + i) % 200, version, &format!("v{version}"))
            })
            .collect();
        engine.finish_pull(page(records)).expect("pull");
    }
    assert_eq!(engine.views(RecordKind::Model).len(), 200);
    let (count, live, dead) = engine.record_stats();
    assert_eq!(count, 200);
    assert!(
        dead <= live.max(1024 * 1024),
        "compacted: {live} live, {dead} dead"
    );
    assert!(segments(&engine) <= 12, "{} segments", segments(&engine));
    let reopened = open(engine.storage().clone());
    for n in 0..200u128 {
        let id = Uuid::from_u128(n);
        let want = engine.server_copy(RecordKind::Model, id).expect("held");
        let got = reopened.server_copy(RecordKind::Model, id).expect("kept");
        assert_eq!(got, want);
    }
    assert_eq!(reopened.cursor(), version);
}

#[cfg_attr(not(target_arch = "wasm32"), test)]
#[cfg_attr(target_arch = "wasm32", wasm_bindgen_test::wasm_bindgen_test)]
fn two_tabs_writing_records_never_overwrite_each_other() {
    let mut tab1 = open(MemoryStorage::default());
    tab1.finish_pull(page(vec![long_record(1, 1, "một")]))
        .expect("pull");
    // The second tab opened on the same storage; both write afterwards.
    let mut tab2 = Engine::open(tab1.storage().clone(), Uuid::from_u128(1))
        .expect("open")
        .with_id_source(|| Uuid::from_u128(0xbeef));
    tab1.finish_pull(page(vec![long_record(2, 2, "hai")]))
        .expect("pull");
    let mut shared = tab1.storage().clone();
    for (k, v) in &tab2.storage().data {
        shared.data.entry(k.clone()).or_insert_with(|| v.clone());
    }
    tab2.store = shared;
    tab2.finish_pull(page(vec![long_record(3, 3, "ba")]))
        .expect("pull");
    let merged = open(tab2.storage().clone());
    assert_eq!(merged.views(RecordKind::Model).len(), 3);
}

#[cfg_attr(not(target_arch = "wasm32"), test)]
#[cfg_attr(target_arch = "wasm32", wasm_bindgen_test::wasm_bindgen_test)]
fn forgetting_records_keeps_those_with_changes_not_yet_sent() {
    let mut engine = open(MemoryStorage::default());
    engine
        .finish_pull(page(
            (0..10).map(|n| long_record(n, n as u64 + 1, "x")).collect(),
        ))
        .expect("pull");
    engine
        .edit(RecordKind::Model, Uuid::from_u128(3), Fields::new(), t(0))
        .expect("edit");
    let all: Vec<(RecordKind, Uuid)> = engine.record_keys();
    let gone = engine.forget(&all).expect("forget");
    assert_eq!(gone, 9);
    let reopened = open(engine.storage().clone());
    assert_eq!(
        reopened.record_keys(),
        vec![(RecordKind::Model, Uuid::from_u128(3))]
    );
}

#[cfg_attr(not(target_arch = "wasm32"), test)]
#[cfg_attr(target_arch = "wasm32", wasm_bindgen_test::wasm_bindgen_test)]
fn a_damaged_segment_is_kept_aside_and_its_good_lines_still_read() {
    let mut engine = open(MemoryStorage::default());
    engine
        .finish_pull(page(vec![
            long_record(1, 1, "một"),
            long_record(2, 2, "hai"),
        ]))
        .expect("pull");
    let mut store = engine.storage().clone();
    let key = store
        .data
        .keys()
        .find(|k| k.starts_with(LOG))
        .cloned()
        .expect("a segment");
    let text = store.data[&key].clone();
    store
        .data
        .insert(key.clone(), format!("rác\tkhông đọc được\n{text}"));
    let reopened = open(store);
    assert_eq!(reopened.views(RecordKind::Model).len(), 2);
    assert_eq!(reopened.warnings().len(), 1);
    assert!(
        reopened
            .storage()
            .data
            .get(&format!("corrupt/{key}"))
            .is_some_and(|raw| raw.starts_with("rác"))
    );
}

#[cfg_attr(not(target_arch = "wasm32"), test)]
#[cfg_attr(target_arch = "wasm32", wasm_bindgen_test::wasm_bindgen_test)]
fn old_entries_stay_readable_where_the_log_cannot_be_written() {
    let mut store = MemoryStorage::default();
    let r = long_record(7, 3, "cũ");
    let key = format!("rec/model/{}", r.id);
    store
        .data
        .insert(key.clone(), serde_json::to_string(&r).expect("json"));
    store.fail_writes = true;
    let engine = open(store);
    assert_eq!(
        engine
            .server_copy(RecordKind::Model, r.id)
            .map(|c| c.version),
        Some(3)
    );
    assert!(engine.storage().data.contains_key(&key), "left in place");
    assert_eq!(engine.warnings().len(), 1);
    let mut store = engine.storage().clone();
    store.fail_writes = false;
    let moved = open(store);
    assert!(
        !moved.storage().data.contains_key(&key),
        "moved once writable"
    );
    assert_eq!(moved.views(RecordKind::Model).len(), 1);
}

#[cfg_attr(not(target_arch = "wasm32"), test)]
#[cfg_attr(target_arch = "wasm32", wasm_bindgen_test::wasm_bindgen_test)]
fn dropped_records_come_back_with_a_pull_from_the_start() {
    let mut engine = open(MemoryStorage::default());
    let all: Vec<RecordState> = (0..6).map(|n| long_record(n, n as u64 + 1, "x")).collect();
    engine.finish_pull(page(all.clone())).expect("pull");
    let old: Vec<(RecordKind, Uuid)> = (0..3)
        .map(|n| (RecordKind::Model, Uuid::from_u128(n)))
        .collect();
    assert_eq!(engine.forget(&old).expect("forget"), 3);
    assert_eq!(engine.cursor(), 6);
    engine.pull_from_start().expect("reset");
    let mut reopened = open(engine.storage().clone());
    assert_eq!(reopened.cursor(), 0, "the reset is stored");
    reopened.finish_pull(page(all)).expect("pull again");
    assert_eq!(reopened.views(RecordKind::Model).len(), 6);
    assert_eq!(reopened.cursor(), 6);
}

/// A storage that keeps its values as shared text, as the app's
/// IndexedDB mirror does.
#[derive(Default)]
struct Shared(BTreeMap<String, crate::sync::SharedText>);

impl KeyValue for Shared {
    fn get(&self, key: &str) -> Result<Option<String>, StorageError> {
        Ok(self.0.get(key).map(|v| v.to_string()))
    }

    fn set(&mut self, key: &str, value: &str) -> Result<(), StorageError> {
        self.set_shared(key, std::rc::Rc::new(value.to_owned()))
    }

    fn remove(&mut self, key: &str) -> Result<(), StorageError> {
        self.0.remove(key);
        Ok(())
    }

    fn keys(&self, prefix: &str) -> Result<Vec<String>, StorageError> {
        Ok(self
            .0
            .keys()
            .filter(|k| k.starts_with(prefix))
            .cloned()
            .collect())
    }

    fn get_shared(&self, key: &str) -> Result<Option<crate::sync::SharedText>, StorageError> {
        Ok(self.0.get(key).cloned())
    }

    fn set_shared(
        &mut self,
        key: &str,
        value: crate::sync::SharedText,
    ) -> Result<(), StorageError> {
        self.0.insert(key.to_owned(), value);
        Ok(())
    }
}

/// Every log segment's text is held once: by the storage and the log
/// together, whether the engine wrote it or read it at start-up.
#[cfg_attr(not(target_arch = "wasm32"), test)]
#[cfg_attr(target_arch = "wasm32", wasm_bindgen_test::wasm_bindgen_test)]
fn the_log_shares_its_segments_text_with_the_storage() {
    let shared_by = |engine: &Engine<Shared>| -> Vec<usize> {
        engine
            .storage()
            .0
            .iter()
            .filter(|(k, _)| k.starts_with(LOG))
            .map(|(_, v)| std::rc::Rc::strong_count(v))
            .collect()
    };
    let mut engine = Engine::open(Shared::default(), Uuid::from_u128(1)).expect("open");
    let records: Vec<_> = (0..300)
        .map(|n| long_record(n, n as u64 + 1, "một"))
        .collect();
    engine.finish_pull(page(records)).expect("pull");
    let written = shared_by(&engine);
    assert!(!written.is_empty());
    assert!(written.iter().all(|&n| n == 2), "written: {written:?}");
    let store = std::mem::take(&mut engine.storage_mut().0);
    drop(engine);
    let reopened = Engine::open(Shared(store), Uuid::from_u128(1)).expect("reopen");
    let read = shared_by(&reopened);
    assert!(read.iter().all(|&n| n == 2), "read at start-up: {read:?}");
    assert_eq!(reopened.views(RecordKind::Model).len(), 300);
    let want = long_record(7, 8, "một");
    let got = reopened
        .server_copy(RecordKind::Model, want.id)
        .expect("held");
    assert_eq!(got.fields, want.fields);
}
