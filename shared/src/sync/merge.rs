//! The server's field-level merge of one op into the stored record, as a
//! pure function: the server calls it inside its transaction, the tests
//! call it directly.
//!
//! A changed field conflicts when someone else wrote it after the version
//! the op was based on, and the values differ. A device's own later write
//! never conflicts with its earlier one (its ops arrive in order).
use serde_json::Value;

use super::protocol::{Conflict, FieldMeta, Fields, Op, RecordState, ServerRecord};

/// The result of merging, before it is validated and committed.
#[derive(Debug, Clone, PartialEq)]
pub struct Merge {
    /// The record's fields with the op's non-conflicting changes applied.
    pub fields: Fields,
    /// Fields the op changed.
    pub changed: Vec<String>,
    /// Fields where the op lost a race: kept as conflicts.
    pub conflicts: Vec<(String, Value, Value)>,
    /// Whether some other field had changed since the op's base (a merge).
    pub concurrent: bool,
}

impl Merge {
    /// What the op's answer says: a conflict if any field was kept as
    /// one, merged if other fields had changed meanwhile, else applied.
    #[must_use]
    pub fn outcome(&self) -> super::protocol::Outcome {
        use super::protocol::Outcome;
        let fields = self.conflict_fields();
        if !fields.is_empty() {
            Outcome::Conflict { fields }
        } else if self.concurrent {
            Outcome::Merged
        } else {
            Outcome::Applied
        }
    }

    pub fn conflict_fields(&self) -> Vec<String> {
        self.conflicts.iter().map(|(f, _, _)| f.clone()).collect()
    }
}

/// Merges `op` into `current` (None: the record does not exist yet).
pub fn merge(current: Option<&ServerRecord>, op: &Op) -> Merge {
    let Some(current) = current else {
        return Merge {
            fields: op.changes.clone(),
            changed: op.changes.keys().cloned().collect(),
            conflicts: Vec::new(),
            concurrent: false,
        };
    };
    let mut fields = current.state.fields.clone();
    let mut changed = Vec::new();
    let mut conflicts = Vec::new();
    for (field, value) in &op.changes {
        let old = current.state.fields.get(field).unwrap_or(&Value::Null);
        if old == value {
            continue;
        }
        let meta = current.meta.get(field);
        // A late copy of this device's own older op must not undo a newer one.
        let stale = meta.is_some_and(|m| m.device == op.device_id && op.clock < m.clock);
        let raced = meta.is_some_and(|m| m.seq > op.base_version && m.device != op.device_id);
        if stale {
            continue;
        }
        if raced {
            conflicts.push((field.clone(), old.clone(), value.clone()));
        } else {
            fields.insert(field.clone(), value.clone());
            changed.push(field.clone());
        }
    }
    let concurrent = current.state.version > op.base_version
        && current
            .meta
            .values()
            .any(|m| m.seq > op.base_version && m.device != op.device_id);
    Merge {
        fields,
        changed,
        conflicts,
        concurrent,
    }
}

/// The stored record after a validated merge, at server sequence `seq`.
pub fn commit(current: Option<ServerRecord>, op: &Op, merge: Merge, seq: u64) -> ServerRecord {
    let mut record = current.unwrap_or_else(|| ServerRecord {
        state: RecordState::new(op.kind, op.record_id, Fields::new()),
        meta: Default::default(),
    });
    let device = op.device_id;
    for field in &merge.changed {
        record.meta.insert(
            field.clone(),
            FieldMeta {
                seq,
                device,
                clock: op.clock,
            },
        );
    }
    record.state.fields = merge.fields;
    record.state.deleted = super::protocol::marks_deleted(&record.state.fields);
    // Settled conflicts go; a field the op changed cleanly after a conflict
    // was recorded only settles it when the op says so.
    record
        .state
        .conflicts
        .retain(|c| !op.resolves.contains(&c.field));
    for (field, server_value, client_value) in merge.conflicts {
        record.state.conflicts.push(Conflict {
            field,
            server_value,
            client_value,
            op_id: op.op_id,
            device_id: device,
            seq,
        });
    }
    record.state.version = seq;
    record
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::sync::protocol::RecordKind;
    use serde_json::json;
    use uuid::Uuid;

    fn op(device: u128, base: u64, changes: Value) -> Op {
        let Value::Object(changes) = changes else {
            panic!("changes must be an object")
        };
        Op {
            op_id: Uuid::from_u128(0x0198_0000_0000_7000_8000_0000_0000_0001),
            device_id: Uuid::from_u128(device),
            kind: RecordKind::Model,
            record_id: Uuid::from_u128(42),
            base_version: base,
            clock: 0,
            changes,
            resolves: Vec::new(),
            client_time: None,
        }
    }

    fn apply(current: Option<ServerRecord>, op: &Op, seq: u64) -> ServerRecord {
        let merged = merge(current.as_ref(), op);
        commit(current, op, merged, seq)
    }

    #[cfg_attr(not(target_arch = "wasm32"), test)]
    #[cfg_attr(target_arch = "wasm32", wasm_bindgen_test::wasm_bindgen_test)]
    fn create_then_clean_update() {
        let a = op(1, 0, json!({"name": "A", "area": "thôn Đông"}));
        let record = apply(None, &a, 1);
        assert_eq!(record.state.version, 1);
        let b = op(2, 1, json!({"name": "B"}));
        let m = merge(Some(&record), &b);
        assert!(m.conflicts.is_empty());
        assert!(!m.concurrent);
        let record = apply(Some(record), &b, 2);
        assert_eq!(record.state.fields["name"], "B");
        assert_eq!(record.state.fields["area"], "thôn Đông");
    }

    #[cfg_attr(not(target_arch = "wasm32"), test)]
    #[cfg_attr(target_arch = "wasm32", wasm_bindgen_test::wasm_bindgen_test)]
    fn different_fields_both_survive() {
        let record = apply(None, &op(1, 0, json!({"name": "A", "area": "x"})), 1);
        let record = apply(Some(record), &op(1, 1, json!({"name": "A2"})), 2);
        let other = op(2, 1, json!({"area": "y"}));
        let m = merge(Some(&record), &other);
        assert!(m.conflicts.is_empty());
        assert!(m.concurrent, "name changed since base 1 by another device");
        let record = apply(Some(record), &other, 3);
        assert_eq!(record.state.fields["name"], "A2");
        assert_eq!(record.state.fields["area"], "y");
    }

    #[cfg_attr(not(target_arch = "wasm32"), test)]
    #[cfg_attr(target_arch = "wasm32", wasm_bindgen_test::wasm_bindgen_test)]
    fn same_field_is_a_visible_conflict_with_both_values() {
        let record = apply(None, &op(1, 0, json!({"name": "A"})), 1);
        let record = apply(Some(record), &op(1, 1, json!({"name": "from 1"})), 2);
        let late = op(2, 1, json!({"name": "from 2"}));
        let record = apply(Some(record), &late, 3);
        assert_eq!(record.state.fields["name"], "from 1");
        assert_eq!(record.state.conflicts.len(), 1);
        let c = &record.state.conflicts[0];
        assert_eq!(
            (c.server_value.clone(), c.client_value.clone()),
            (json!("from 1"), json!("from 2"))
        );
        // Resolving is an ordinary op that names the field.
        let mut resolve = op(2, 3, json!({"name": "chosen"}));
        resolve.resolves = vec!["name".into()];
        let record = apply(Some(record), &resolve, 4);
        assert_eq!(record.state.fields["name"], "chosen");
        assert!(record.state.conflicts.is_empty());
    }

    #[cfg_attr(not(target_arch = "wasm32"), test)]
    #[cfg_attr(target_arch = "wasm32", wasm_bindgen_test::wasm_bindgen_test)]
    fn own_earlier_write_never_conflicts() {
        let record = apply(None, &op(1, 0, json!({"name": "A"})), 1);
        // Same device, still based on 0: its ops arrive in order.
        let m = merge(Some(&record), &op(1, 0, json!({"name": "AB"})));
        assert!(m.conflicts.is_empty());
    }

    #[cfg_attr(not(target_arch = "wasm32"), test)]
    #[cfg_attr(target_arch = "wasm32", wasm_bindgen_test::wasm_bindgen_test)]
    fn equal_values_are_not_conflicts() {
        let record = apply(None, &op(1, 0, json!({"name": "A"})), 1);
        let record = apply(Some(record), &op(1, 1, json!({"name": "X"})), 2);
        let m = merge(Some(&record), &op(2, 1, json!({"name": "X"})));
        assert!(m.conflicts.is_empty());
        assert!(m.changed.is_empty());
    }

    #[cfg_attr(not(target_arch = "wasm32"), test)]
    #[cfg_attr(target_arch = "wasm32", wasm_bindgen_test::wasm_bindgen_test)]
    fn a_late_copy_of_an_older_op_does_not_undo_a_newer_one() {
        let mut older = op(1, 0, json!({"name": "old"}));
        older.clock = 5;
        let mut newer = op(1, 0, json!({"name": "new"}));
        newer.clock = 6;
        let record = apply(None, &newer, 1);
        let m = merge(Some(&record), &older);
        assert!(m.changed.is_empty() && m.conflicts.is_empty());
        let record = apply(Some(record), &older, 2);
        assert_eq!(record.state.fields["name"], "new");
    }

    #[cfg_attr(not(target_arch = "wasm32"), test)]
    #[cfg_attr(target_arch = "wasm32", wasm_bindgen_test::wasm_bindgen_test)]
    fn deleted_flag_follows_the_field() {
        let record = apply(None, &op(1, 0, json!({"name": "A"})), 1);
        let record = apply(Some(record), &op(1, 1, json!({"_deleted": true})), 2);
        assert!(record.state.deleted);
    }
}
