//! What a pushed op must be before the merge looks at it: the protocol's
//! strict input rules, decided here and asked by the server.
//! - ids travel as lower-case hyphenated UUIDs (an upper-case id would
//!   otherwise be folded onto another record or op);
//! - a record id is a UUIDv7 made on the device, never nil (a results
//!   report's id is the v8 one `ResultsReport::id_for` derives);
//! - `changes` names only the kind's own fields (plus `_deleted`);
//! - `base_version` is never newer than the server's record;
//! - an op id is never reused for other content (`fingerprint`).
use serde::Deserialize as _;
use serde::de::{self, Deserializer, Visitor};
use serde::forward_to_deserialize_any;
use serde_json::Value;
use uuid::Uuid;

use super::protocol::{DELETED_FIELD, Op, RecordKind};
use super::rules::Refusal;
use crate::api::Code;
use crate::messages;

/// Deserializes a UUID only from its canonical text: lower-case,
/// hyphenated (`0198c0de-…`). Serde's own `Uuid` also takes upper-case,
/// braces, URNs and the simple form, which would make two texts one id.
pub fn canonical_uuid<'de, D: Deserializer<'de>>(deserializer: D) -> Result<Uuid, D::Error> {
    let text = std::borrow::Cow::<str>::deserialize(deserializer)?;
    let id: Uuid = text.parse().map_err(de::Error::custom)?;
    if id.hyphenated().to_string() == text {
        Ok(id)
    } else {
        Err(de::Error::custom(format!(
            "{text:?} is not a lower-case hyphenated UUID"
        )))
    }
}

/// Whether `id` may name a `kind` record: a UUIDv7 (v8 for a results
/// report or an evaluation, each derived from its model's id, so two
/// devices that start one offline make the same record), never nil.
#[must_use]
pub fn valid_record_id(kind: RecordKind, id: Uuid) -> bool {
    match id.get_version_num() {
        7 => true,
        8 => matches!(kind, RecordKind::Report | RecordKind::Evaluation),
        _ => false,
    }
}

/// The field names a `kind` record may carry: its type's serde fields and
/// `_deleted`. Read from the types themselves, so a new field is allowed
/// the moment it is added.
#[must_use]
pub fn allowed_fields(kind: RecordKind) -> &'static [&'static str] {
    use crate::{campaign, evaluation, model, org, progress, report};
    match kind {
        RecordKind::Commune => struct_fields::<org::Commune>(),
        RecordKind::Unit => struct_fields::<org::Unit>(),
        RecordKind::Campaign => struct_fields::<campaign::CampaignYear>(),
        RecordKind::Model => struct_fields::<model::Model>(),
        RecordKind::Progress => struct_fields::<progress::ProgressEntry>(),
        RecordKind::Report => struct_fields::<report::ResultsReport>(),
        RecordKind::Evaluation => struct_fields::<evaluation::Evaluation>(),
    }
}

/// Whether `name` is a field of `kind` records.
#[must_use]
pub fn is_field_of(kind: RecordKind, name: &str) -> bool {
    name == DELETED_FIELD || allowed_fields(kind).contains(&name)
}

/// Checks an op against the protocol before it is merged. `server_version`
/// is the record's version on the server (None: no such record).
pub fn check_op(op: &Op, server_version: Option<u64>) -> Result<(), Refusal> {
    let named = op.changes.get("id").and_then(Value::as_str);
    if !valid_record_id(op.kind, op.record_id)
        || named.is_some_and(|id| id != op.record_id.hyphenated().to_string())
    {
        return Err(Refusal::of(Code::BadId));
    }
    let unknown: Vec<&str> = op
        .changes
        .keys()
        .chain(op.resolves.iter())
        .map(String::as_str)
        .filter(|name| !is_field_of(op.kind, name))
        .collect();
    if !unknown.is_empty() {
        let names: Vec<String> = unknown.iter().map(|n| shorten(n)).collect();
        return Err(Refusal::of(Code::UnknownField).with_message(&format!(
            "{} {}: {}",
            messages::UNKNOWN_FIELD,
            op.kind.as_str(),
            names.join(", ")
        )));
    }
    if op.base_version > server_version.unwrap_or(0) {
        return Err(Refusal::of(Code::BadVersion));
    }
    // A change to a record the server does not have yet (its first op was
    // refused, or is still on its way): nothing to apply it to. Not
    // remembered as final, so the same op is judged again when resent.
    if server_version.is_none() && !op.changes.contains_key("id") {
        return Err(Refusal::of(Code::UnknownRecord));
    }
    Ok(())
}

/// The first op id that one batch carries twice with different content
/// (twice with the same content is a harmless repeat, answered once).
#[must_use]
pub fn reused_in_batch(ops: &[Op]) -> Option<Uuid> {
    let mut seen: std::collections::BTreeMap<Uuid, &Op> = std::collections::BTreeMap::new();
    for op in ops {
        match seen.get(&op.op_id) {
            Some(first) if *first != op => return Some(op.op_id),
            Some(_) => {}
            None => {
                seen.insert(op.op_id, op);
            }
        }
    }
    None
}

/// A name fit to quote in a message (a made-up key may be kilobytes).
fn shorten(name: &str) -> String {
    const MAX: usize = 40;
    if name.chars().count() <= MAX {
        name.to_owned()
    } else {
        let head: String = name.chars().take(MAX).collect();
        format!("{head}…")
    }
}

/// A stable digest of everything an op says (FNV-1a over its JSON with
/// sorted keys), stored with its result so a reused op id is noticed.
#[must_use]
pub fn fingerprint(op: &Op) -> String {
    let mut hash = Fnv::default();
    match serde_json::to_value(op) {
        Ok(value) => canonical(&value, &mut hash),
        // An op always serializes; if it ever did not, its debug form is
        // still a fixed description of its content.
        Err(_) => hash.write(format!("{op:?}").as_bytes()),
    }
    format!("{:016x}", hash.0)
}

fn canonical(value: &Value, hash: &mut Fnv) {
    match value {
        Value::Object(map) => {
            let mut keys: Vec<&String> = map.keys().collect();
            keys.sort();
            hash.write(b"{");
            for key in keys {
                hash.write(key.as_bytes());
                hash.write(b":");
                if let Some(inner) = map.get(key) {
                    canonical(inner, hash);
                }
                hash.write(b",");
            }
            hash.write(b"}");
        }
        Value::Array(items) => {
            hash.write(b"[");
            for item in items {
                canonical(item, hash);
                hash.write(b",");
            }
            hash.write(b"]");
        }
        other => hash.write(other.to_string().as_bytes()),
    }
}

struct Fnv(u64);

impl Default for Fnv {
    fn default() -> Self {
        Fnv(0xcbf2_9ce4_8422_2325)
    }
}

impl Fnv {
    fn write(&mut self, bytes: &[u8]) {
        for byte in bytes {
            self.0 ^= u64::from(*byte);
            self.0 = self.0.wrapping_mul(0x0100_0000_01b3);
        }
    }
}

/// The serde field names of a derived struct, read by asking it to
/// deserialize from a deserializer that only listens.
fn struct_fields<T: for<'de> serde::Deserialize<'de>>() -> &'static [&'static str] {
    let mut names: &'static [&'static str] = &[];
    let _ = T::deserialize(FieldNames(&mut names));
    names
}

struct FieldNames<'a>(&'a mut &'static [&'static str]);

#[derive(Debug)]
struct Listened;

impl std::fmt::Display for Listened {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        f.write_str("field names read")
    }
}

impl std::error::Error for Listened {}

impl de::Error for Listened {
    fn custom<T: std::fmt::Display>(_: T) -> Self {
        Listened
    }
}

impl<'de> Deserializer<'de> for FieldNames<'_> {
    type Error = Listened;

    fn deserialize_any<V: Visitor<'de>>(self, _: V) -> Result<V::Value, Listened> {
        Err(Listened)
    }

    fn deserialize_struct<V: Visitor<'de>>(
        self,
        _: &'static str,
        fields: &'static [&'static str],
        _: V,
    ) -> Result<V::Value, Listened> {
        *self.0 = fields;
        Err(Listened)
    }

    forward_to_deserialize_any! {
        bool i8 i16 i32 i64 i128 u8 u16 u32 u64 u128 f32 f64 char str string
        bytes byte_buf option unit unit_struct newtype_struct seq tuple
        tuple_struct map enum identifier ignored_any
    }
}

#[cfg(test)]
mod tests;
