//! `typed_all`: the records of `views`, typed, whether read from the
//! stored text (no local changes) or from the view (local changes).
use serde::Deserialize;

use super::*;
use crate::sync::Conflict;

#[derive(Debug, Clone, PartialEq, Deserialize)]
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
}
