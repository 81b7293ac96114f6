//! `typed_all` and `listed`: the records of `views`, typed, whether read
//! from the stored text or a summary beside it (no local changes) or from
//! the view (local changes).
use serde::{Deserialize, Serialize};

use super::*;
use crate::sync::Conflict;

#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
struct Named {
    name: String,
    #[serde(default)]
    goals: String,
}

/// What `typed_all` must give: `views`, typed.
fn by_views(engine: &Engine<MemoryStorage>) -> Vec<(Named, Standing)> {
    engine
        .views(RecordKind::Model)
        .into_iter()
        .filter_map(|v| {
            let named = Named::deserialize(&v.fields).ok()?;
            Some((
                named,
                Standing {
                    id: v.id,
                    status: v.status,
                    rejections: v.rejections,
                },
            ))
        })
        .collect()
}

#[cfg_attr(not(target_arch = "wasm32"), test)]
#[cfg_attr(target_arch = "wasm32", wasm_bindgen_test::wasm_bindgen_test)]
fn typed_records_are_the_views_typed() {
    let mut engine = Engine::open(MemoryStorage::default(), Uuid::from_u128(1)).expect("open");
    let mut conflicted = record(3, 3, json!({"name": "Xung đột", "goals": "g"}));
    conflicted.conflicts.push(Conflict {
        field: "goals".into(),
        server_value: json!("g"),
        client_value: json!("h"),
        op_id: Uuid::from_u128(900),
        device_id: Uuid::from_u128(2),
        seq: 3,
    });
    let mut unit = record(8, 8, json!({"name": "Chi bộ"}));
    unit.kind = RecordKind::Unit;
    engine
        .finish_pull(page(vec![
            record(
                1,
                1,
                json!({"name": "Đã đồng bộ", "goals": "mục tiêu \"_deleted\""}),
            ),
            record(2, 2, json!({"name": "Sẽ sửa"})),
            conflicted,
            record(4, 4, json!({"name": "Đã xóa", "_deleted": true})),
            record(5, 5, json!({"name": 12})),
            record(6, 6, json!({"name": "Bị từ chối"})),
            record(
                7,
                7,
                json!({"name": "Có \"_deleted\": false", "_deleted": false}),
            ),
            unit,
        ]))
        .expect("pull");
    engine
        .edit(
            RecordKind::Model,
            Uuid::from_u128(2),
            fields(json!({"goals": "sửa trên máy"})),
            t(0),
        )
        .expect("edit");
    engine
        .edit(
            RecordKind::Model,
            Uuid::from_u128(10),
            fields(json!({"name": "Chỉ trên máy"})),
            t(0),
        )
        .expect("edit");
    engine
        .edit(
            RecordKind::Model,
            Uuid::from_u128(6),
            fields(json!({"name": "Tên bị từ chối"})),
            t(0),
        )
        .expect("edit");
    let request = engine.begin_push().expect("push").expect("ops");
    let refused = request
        .ops
        .iter()
        .find(|op| op.record_id == Uuid::from_u128(6))
        .expect("op")
        .op_id;
    engine
        .finish_push(PushResponse {
            results: vec![OpResult {
                op_id: refused,
                outcome: Outcome::Rejected {
                    code: "invalid".into(),
                    message: "Không hợp lệ".into(),
                    errors: Vec::new(),
                },
                record: None,
            }],
            server_time: t(0),
        })
        .expect("finish");
    let expected = by_views(&engine);
    let statuses: Vec<SyncStatus> = expected.iter().map(|(_, s)| s.status).collect();
    assert_eq!(
        statuses,
        [
            SyncStatus::Synced,
            SyncStatus::Pending,
            SyncStatus::Conflict,
            SyncStatus::Rejected,
            SyncStatus::Synced,
            SyncStatus::LocalOnly,
        ],
        "{expected:?}"
    );
    assert_eq!(engine.typed_all::<Named>(RecordKind::Model), expected);
    // Opened again: every record is read from the stored text.
    let reopened = Engine::open(engine.storage().clone(), Uuid::from_u128(1)).expect("reopen");
    assert_eq!(
        reopened.typed_all::<Named>(RecordKind::Model),
        by_views(&reopened)
    );
    assert_eq!(reopened.typed_all::<Named>(RecordKind::Model), expected);
    listed_as_typed(engine.storage().clone(), &expected);
}

impl Summarized for Named {
    const NAME: &'static str = "named-1";
    fn write_summary(entries: &[Entry<Self>]) -> Option<String> {
        write_plain(entries)
    }
    fn read_summary(text: &str) -> Option<Vec<Entry<Self>>> {
        read_plain(text)
    }
}

/// Model `n` at `version` named `name`, with 300 bytes of goals (so a few
/// pulls fill segments enough to be merged).
fn named(n: u128, version: u64, name: &str) -> RecordState {
    record(n, version, json!({"name": name, "goals": "g".repeat(300)}))
}

fn summaries(engine: &Engine<MemoryStorage>) -> Vec<String> {
    let store = engine.storage();
    store.keys(SIDE).expect("keys")
}

/// `listed` gives what `typed_all` gives: made (summaries stored), read
/// back from them after a reopen, and made again from a damaged one.
fn listed_as_typed(store: MemoryStorage, expected: &[(Named, Standing)]) {
    let mut engine = open(store);
    assert!(summaries(&engine).is_empty());
    assert_eq!(engine.listed::<Named>(RecordKind::Model), expected);
    let made = summaries(&engine);
    assert_eq!(made.len(), 1, "one segment, one summary: {made:?}");
    let mut reopened = open(engine.storage().clone());
    assert_eq!(reopened.listed::<Named>(RecordKind::Model), expected);
    // Read from the summary: a name changed in it (and only there) shows.
    let key = &made[0];
    let text = engine.storage().data[key].replace("Đã đồng bộ", "Từ bản tóm tắt");
    let mut store = engine.storage().clone();
    store.data.insert(key.clone(), text);
    let mut from_summary = open(store);
    let listed = from_summary.listed::<Named>(RecordKind::Model);
    assert_eq!(listed[0].0.name, "Từ bản tóm tắt");
    // A summary that does not read, or misses a record, is made again.
    for damage in ["[[", "[]"] {
        let mut store = engine.storage().clone();
        store.data.insert(key.clone(), damage.into());
        let mut damaged = open(store);
        assert_eq!(damaged.listed::<Named>(RecordKind::Model), expected);
        assert_eq!(
            damaged.storage().data[key],
            engine.storage().data[key],
            "made again after {damage}"
        );
    }
}

#[cfg_attr(not(target_arch = "wasm32"), test)]
#[cfg_attr(target_arch = "wasm32", wasm_bindgen_test::wasm_bindgen_test)]
fn summaries_follow_new_copies_deletions_and_rewrites() {
    let mut engine = open(MemoryStorage::default());
    let mut version = 0;
    let mut next = || {
        version += 1;
        version
    };
    let first: Vec<_> = (0..100).map(|n| named(n, next(), "một")).collect();
    engine.finish_pull(page(first)).expect("pull");
    let check = |engine: &mut Engine<MemoryStorage>| {
        let listed = engine.listed::<Named>(RecordKind::Model);
        assert_eq!(listed, engine.typed_all::<Named>(RecordKind::Model));
        assert_eq!(listed, by_views(engine));
        // Every summary belongs to a segment that is still there.
        let keys = engine.storage().data.keys().cloned().collect::<Vec<_>>();
        for summary in summaries(engine) {
            let segment = format!("{LOG}{}", summary.rsplit('/').next().expect("segment"));
            assert!(keys.contains(&segment), "{summary} without {segment}");
        }
        listed
    };
    assert_eq!(check(&mut engine).len(), 100);
    // New copies and a deletion in later pulls: each a segment and a summary.
    for round in 0..12u128 {
        let mut records: Vec<_> = (0..5)
            .map(|i| named(round * 7 + i, next(), &format!("vòng {round}")))
            .collect();
        let mut gone = named(99 - round, next(), "xóa");
        gone.fields.insert("_deleted".into(), json!(true));
        records.push(gone);
        engine.finish_pull(page(records)).expect("pull");
        let listed = check(&mut engine);
        assert_eq!(listed.len(), 100 - round as usize - 1);
        assert!(
            listed
                .iter()
                .any(|(n, _)| n.name == format!("vòng {round}"))
        );
        let reopened = &mut open(engine.storage().clone());
        assert_eq!(check(reopened), listed);
    }
    // The small segments were merged on the way: their summaries went with them.
    assert!(summaries(&engine).len() < 13, "{:?}", summaries(&engine));
}

/// Listing again in one session types none of the unchanged segments
/// again: their summaries, as first read, are kept in memory with the
/// segment's text they belong to. A new copy in a new segment is listed.
#[cfg_attr(not(target_arch = "wasm32"), test)]
#[cfg_attr(target_arch = "wasm32", wasm_bindgen_test::wasm_bindgen_test)]
fn listing_again_in_a_session_reads_the_summaries_it_kept() {
    let mut engine = open(MemoryStorage::default());
    let first: Vec<_> = (0..10).map(|n| named(n, n as u64 + 1, "một")).collect();
    engine.finish_pull(page(first)).expect("pull");
    let listed = engine.listed::<Named>(RecordKind::Model);
    assert_eq!(listed.len(), 10);
    // The stored summary changed behind the engine: not read again.
    let key = summaries(&engine)[0].clone();
    let changed = engine.storage().data[&key].replace("một", "hai");
    engine.storage_mut().data.insert(key.clone(), changed);
    assert_eq!(engine.listed::<Named>(RecordKind::Model), listed);
    // A new copy of one record, in a new segment: listed, as `views` has it.
    engine
        .finish_pull(page(vec![named(3, 100, "ba")]))
        .expect("pull");
    let again = engine.listed::<Named>(RecordKind::Model);
    assert_eq!(again, by_views(&engine));
    assert_eq!(again[3].0.name, "ba");
    assert_eq!(again[4].0.name, "một", "the first segment's, from memory");
    // A new session reads the stored summary (here, the changed one).
    let mut reopened = open(engine.storage().clone());
    assert_eq!(reopened.listed::<Named>(RecordKind::Model)[4].0.name, "hai");
}
