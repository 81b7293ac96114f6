//! The invariants of shared/SYNC.md, checked for one schedule's commune.
use std::collections::{BTreeMap, BTreeSet};

use serde_json::json;
use server::store::Store;
use shared::sync::{RecordKind, RecordState};
use shared::user::Role;
use uuid::Uuid;

use super::world::{Device, Reader};
use crate::common::device::{Http, pull_all};

/// The commune pulled whole through one server: each record once.
async fn whole(http: &Http, base: &str, token: &str) -> BTreeMap<Uuid, RecordState> {
    let (_, records) = pull_all(http, base, token).await;
    let mut by_id = BTreeMap::new();
    for record in records {
        let id = record.id;
        assert!(
            by_id.insert(id, record).is_none(),
            "{id} pulled twice through {base}"
        );
    }
    by_id
}

/// Once every push is answered, a reader that paged by cursor (through
/// both servers, while those pushes committed) holds every record at its
/// newest version: had a page stepped past a change that committed later
/// with a smaller number, that change would be missing.
pub async fn reader_holds_the_truth(
    http: &Http,
    bases: [&str; 2],
    reader: &mut Reader,
    limit: u32,
) {
    reader.catch_up(http, bases, limit).await;
    let truth = whole(http, bases[1], &reader.token).await;
    let versions: BTreeMap<Uuid, u64> = truth.iter().map(|(id, r)| (*id, r.version)).collect();
    assert_eq!(
        reader.seen(),
        &versions,
        "a pull by cursor skipped a late commit"
    );
}

pub async fn after_healing(
    http: &Http,
    bases: [&str; 2],
    store: &Store,
    devices: &[Device],
    reader: &mut Reader,
    seed: u64,
) {
    // Everything the commune holds, pulled whole through each app server.
    let records = whole(http, bases[0], &reader.token).await;
    assert_eq!(
        records,
        whole(http, bases[1], &reader.token).await,
        "seed {seed}: the two app servers answer different records"
    );
    reader_holds_the_truth(http, bases, reader, 1000).await;
    let wanted: BTreeSet<Uuid> = records
        .keys()
        .copied()
        .chain(
            devices
                .iter()
                .flat_map(|d| d.acked.keys().map(|(id, _)| *id)),
        )
        .collect();
    let mut histories = BTreeMap::new();
    for id in wanted {
        histories.insert(id, store.history(id).await.expect("history"));
    }
    for device in devices {
        let engine = device.engine.borrow();
        assert_eq!(engine.pending(), 0, "seed {seed}: outbox not empty");
        for (id, record) in records.iter().filter(|(_, r)| r.kind == RecordKind::Model) {
            let mine = record.fields.get("unit_id") == Some(&json!(device.user.unit_id));
            if device.user.role == Role::UnitOfficer && !mine {
                continue;
            }
            assert_eq!(
                engine.server_copy(record.kind, *id),
                Some(record),
                "seed {seed}: a device did not converge on {id}"
            );
        }
        for ((id, field), value) in &device.acked {
            let applied = histories[id]
                .iter()
                .any(|h| h["changes"].get(field) == Some(value));
            let in_conflict = records.get(id).is_some_and(|r| {
                r.conflicts.iter().any(|c| {
                    &c.field == field && (&c.client_value == value || &c.server_value == value)
                })
            });
            let refused = engine
                .rejected()
                .any(|r| r.op.record_id == *id && r.op.changes.get(field) == Some(value));
            assert!(
                applied || in_conflict || refused,
                "seed {seed}: acknowledged save lost: {id} {field} = {value}"
            );
        }
    }
    let mut ops = BTreeSet::new();
    for id in records.keys() {
        for line in &histories[id] {
            if let Some(op) = line["op_id"].as_str() {
                assert!(
                    ops.insert(op.to_owned()),
                    "seed {seed}: op {op} applied twice"
                );
            }
        }
    }
}
