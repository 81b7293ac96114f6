//! Field metadata as stored: one entry per distinct writer (sequence,
//! device, clock) listing the fields it wrote, instead of one entry per
//! field. A record written by one op (every new draft) stores one small
//! group instead of ~45 copies of the same device id: the write path moves
//! about 3.5 KB less per op (docs/bench.md, "Many devices at once").
use std::collections::BTreeMap;

use serde::{Deserialize, Serialize};
use serde_json::Value;
use shared::sync::FieldMeta;
use uuid::Uuid;

/// The fields one writer set, as stored.
#[derive(Debug, Serialize, Deserialize)]
pub(super) struct Group {
    seq: u64,
    device: Uuid,
    #[serde(default)]
    clock: u64,
    fields: Vec<String>,
}

/// A record's field metadata in its stored form (stored as JSON text).
pub(super) fn grouped(meta: &BTreeMap<String, FieldMeta>) -> Vec<Group> {
    let mut groups: BTreeMap<(u64, Uuid, u64), Vec<String>> = BTreeMap::new();
    for (field, m) in meta {
        groups
            .entry((m.seq, m.device, m.clock))
            .or_default()
            .push(field.clone());
    }
    groups
        .into_iter()
        .map(|((seq, device, clock), fields)| Group {
            seq,
            device,
            clock,
            fields,
        })
        .collect()
}

/// Field metadata from its stored form: the grouped text, or what older
/// rows hold (a per-field object, as text or as an object; none at all).
pub(super) fn from_stored(stored: Value) -> Result<BTreeMap<String, FieldMeta>, serde_json::Error> {
    let value = match stored {
        Value::String(text) => serde_json::from_str(&text)?,
        other => other,
    };
    match value {
        Value::Null => Ok(BTreeMap::new()),
        Value::Array(_) => {
            let groups: Vec<Group> = serde_json::from_value(value)?;
            let mut meta = BTreeMap::new();
            for group in groups {
                for field in group.fields {
                    let m = FieldMeta {
                        seq: group.seq,
                        device: group.device,
                        clock: group.clock,
                    };
                    meta.insert(field, m);
                }
            }
            Ok(meta)
        }
        other => serde_json::from_value(other),
    }
}

#[cfg(test)]
mod tests {
    #![allow(clippy::expect_used)]
    use super::*;
    use serde_json::json;

    fn meta(entries: &[(&str, u64, u128, u64)]) -> BTreeMap<String, FieldMeta> {
        entries
            .iter()
            .map(|&(field, seq, device, clock)| {
                let device = Uuid::from_u128(device);
                (field.to_owned(), FieldMeta { seq, device, clock })
            })
            .collect()
    }

    fn to_text(meta: &BTreeMap<String, FieldMeta>) -> Result<String, serde_json::Error> {
        serde_json::to_string(&grouped(meta))
    }

    #[test]
    fn grouped_text_reads_back_the_same_metadata() {
        let original = meta(&[
            ("a", 3, 1, 1),
            ("b", 3, 1, 1),
            ("c", 7, 2, 4),
            ("d", 3, 1, 2),
        ]);
        let text = to_text(&original).expect("text");
        // Three distinct writers: three groups.
        let stored: Value = serde_json::from_str(&text).expect("json");
        assert_eq!(stored.as_array().map(Vec::len), Some(3));
        assert_eq!(from_stored(Value::String(text)).expect("read"), original);
        assert_eq!(
            from_stored(Value::String("[]".into())).expect("empty"),
            BTreeMap::new()
        );
    }

    #[test]
    fn one_writer_of_many_fields_is_far_smaller_than_per_field_entries() {
        let names: Vec<String> = (0..45).map(|i| format!("field_{i}")).collect();
        let original: BTreeMap<String, FieldMeta> = names
            .iter()
            .map(|n| {
                (
                    n.clone(),
                    FieldMeta {
                        seq: 9,
                        device: Uuid::from_u128(5),
                        clock: 1,
                    },
                )
            })
            .collect();
        let grouped = to_text(&original).expect("text").len();
        let per_field = serde_json::to_string(&original).expect("text").len();
        assert!(
            grouped * 3 < per_field,
            "grouped {grouped} B, per field {per_field} B"
        );
    }

    #[test]
    fn older_rows_still_read() {
        let original = meta(&[("a", 3, 1, 1), ("b", 4, 2, 0)]);
        let per_field = serde_json::to_value(&original).expect("json");
        assert_eq!(from_stored(per_field.clone()).expect("object"), original);
        let as_text = Value::String(per_field.to_string());
        assert_eq!(from_stored(as_text).expect("text"), original);
        assert_eq!(from_stored(Value::Null).expect("none"), BTreeMap::new());
        assert!(from_stored(json!("not json")).is_err());
    }
}
