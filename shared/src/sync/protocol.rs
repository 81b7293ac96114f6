//! What travels between device and server (`POST /api/sync/push`,
//! `GET /api/sync/pull`). Field names are the JSON names: see docs/sync.md.
use std::collections::BTreeMap;

use chrono::{DateTime, Utc};
use serde::{Deserialize, Serialize};
use serde_json::Value;
use uuid::Uuid;

/// A record's fields: top-level JSON keys are the unit of merge.
pub type Fields = serde_json::Map<String, Value>;

/// Why a value could not become a record's fields.
#[derive(Debug, thiserror::Error)]
pub enum FieldsError {
    #[error("cannot serialize the record: {0}")]
    Serialize(#[from] serde_json::Error),
    #[error("a record serializes to a JSON object, this did not")]
    NotObject,
}

/// A record's fields from its typed form (`Model`, `Unit`, …).
pub fn to_fields<T: Serialize>(value: &T) -> Result<Fields, FieldsError> {
    match serde_json::to_value(value)? {
        Value::Object(map) => Ok(map),
        _ => Err(FieldsError::NotObject),
    }
}

/// A field name that marks a record deleted (only drafts never registered).
pub const DELETED_FIELD: &str = "_deleted";

/// Whether `fields` mark their record deleted ([`DELETED_FIELD`] true).
pub fn marks_deleted(fields: &Fields) -> bool {
    fields
        .get(DELETED_FIELD)
        .and_then(Value::as_bool)
        .unwrap_or(false)
}

/// Largest batch a device sends, and largest page it asks for.
pub const MAX_PUSH_BATCH: usize = 200;
pub const MAX_PULL_PAGE: u32 = 1000;

/// A pull page carries at most about this many bytes of record fields (as
/// well as at most `limit` records), so a page on a slow link is small
/// enough to finish: a first sync over 3G is several answers, each one
/// stored before the next is asked for, never one long one that a drop
/// loses whole. 1 MiB of fields is about 550 models, 100–150 KB on the
/// wire compressed (under a second at 1.6 Mbps); smaller pages cost a
/// round trip each (150 ms on that link, and a request's fixed work on
/// the server).
pub const MAX_PULL_BYTES: usize = 1024 * 1024;

/// How many of a page's records, whose fields take `sizes` bytes each in
/// order, go in one answer: as many as fit in `budget` bytes, and always
/// the first (a record larger than the budget still travels).
pub fn page_fits(sizes: impl IntoIterator<Item = usize>, budget: usize) -> usize {
    let mut used = 0usize;
    let mut count = 0;
    for size in sizes {
        used = used.saturating_add(size);
        if count > 0 && used > budget {
            break;
        }
        count += 1;
    }
    count
}

/// The kinds of record that sync.
#[cfg_attr(feature = "openapi", derive(utoipa::ToSchema))]
#[derive(Debug, Clone, Copy, PartialEq, Eq, PartialOrd, Ord, Hash, Serialize, Deserialize)]
#[serde(rename_all = "snake_case")]
pub enum RecordKind {
    Commune,
    Unit,
    Campaign,
    Model,
    Progress,
    Report,
    Evaluation,
}

impl RecordKind {
    pub const ALL: [RecordKind; 7] = [
        RecordKind::Commune,
        RecordKind::Unit,
        RecordKind::Campaign,
        RecordKind::Model,
        RecordKind::Progress,
        RecordKind::Report,
        RecordKind::Evaluation,
    ];

    pub fn as_str(self) -> &'static str {
        match self {
            RecordKind::Commune => "commune",
            RecordKind::Unit => "unit",
            RecordKind::Campaign => "campaign",
            RecordKind::Model => "model",
            RecordKind::Progress => "progress",
            RecordKind::Report => "report",
            RecordKind::Evaluation => "evaluation",
        }
    }

    pub fn parse(text: &str) -> Option<RecordKind> {
        RecordKind::ALL.into_iter().find(|k| k.as_str() == text)
    }
}

/// One change made on a device: the fields it sets on one record.
#[cfg_attr(feature = "openapi", derive(utoipa::ToSchema))]
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
pub struct Op {
    /// Made on the device (UUIDv7); the server applies each op id once.
    #[serde(deserialize_with = "super::strict::canonical_uuid")]
    pub op_id: Uuid,
    #[serde(deserialize_with = "super::strict::canonical_uuid")]
    pub device_id: Uuid,
    pub kind: RecordKind,
    /// Lower-case UUIDv7 (`strict::valid_record_id`).
    #[serde(deserialize_with = "super::strict::canonical_uuid")]
    pub record_id: Uuid,
    /// The record version (server sequence) the device had when it made
    /// the change; 0 for a record the server has not acknowledged yet.
    pub base_version: u64,
    /// The device's op clock: it grows with every op the device makes, so
    /// the server can tell a late copy of an older op from a newer one.
    #[serde(default)]
    pub clock: u64,
    #[cfg_attr(feature = "openapi", schema(value_type = Object))]
    pub changes: Fields,
    /// Fields whose recorded conflict this op settles.
    #[serde(default, skip_serializing_if = "Vec::is_empty")]
    pub resolves: Vec<String>,
    /// The device's clock: shown to people, never used for ordering.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub client_time: Option<DateTime<Utc>>,
}

/// Both values of a field changed on two sides; kept until a person picks.
#[cfg_attr(feature = "openapi", derive(utoipa::ToSchema))]
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
pub struct Conflict {
    pub field: String,
    /// The value the server kept (shown on the record meanwhile).
    pub server_value: Value,
    /// The value the other side sent.
    pub client_value: Value,
    pub op_id: Uuid,
    pub device_id: Uuid,
    /// Server sequence at which the conflict was recorded.
    pub seq: u64,
}

/// A record as the server holds it, as sent to devices.
#[cfg_attr(feature = "openapi", derive(utoipa::ToSchema))]
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
pub struct RecordState {
    pub kind: RecordKind,
    pub id: Uuid,
    /// Server sequence of the last change: the record's version.
    pub version: u64,
    #[cfg_attr(feature = "openapi", schema(value_type = Object))]
    pub fields: Fields,
    #[serde(default)]
    pub deleted: bool,
    #[serde(default, skip_serializing_if = "Vec::is_empty")]
    pub conflicts: Vec<Conflict>,
    /// When a change by the unit's own people ([`crate::scope::brings_unit_data`])
    /// last reached the server, by the server's clock; none for records only
    /// others changed. It travels with the record, so a device knows offline
    /// when each unit's data last arrived ("dữ liệu đến …").
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub arrived_at: Option<DateTime<Utc>>,
}

impl RecordState {
    /// A record as first written, before any change is numbered: version
    /// 0, not deleted, no conflicts, no arrival (set-up, demo and seeded
    /// data; the base a first op merges into).
    #[must_use]
    pub fn new(kind: RecordKind, id: Uuid, fields: Fields) -> Self {
        RecordState {
            kind,
            id,
            version: 0,
            fields,
            deleted: false,
            conflicts: Vec::new(),
            arrived_at: None,
        }
    }
}

#[cfg_attr(feature = "openapi", derive(utoipa::ToSchema))]
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
pub struct PushRequest {
    #[serde(deserialize_with = "super::strict::canonical_uuid")]
    pub device_id: Uuid,
    pub ops: Vec<Op>,
    /// The store epoch the ops' `base_version`s belong to (the `epoch` of
    /// the device's last pull). When the server's store was restored since,
    /// the push is refused with `409 epoch_changed` and nothing is applied:
    /// the device pulls, rebases its waiting ops and sends again. Absent
    /// (older clients, a device that never pulled): not checked.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub epoch: Option<Uuid>,
}

/// What became of one op.
#[cfg_attr(feature = "openapi", derive(utoipa::ToSchema))]
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
#[serde(tag = "outcome", rename_all = "snake_case")]
pub enum Outcome {
    /// Applied as sent.
    Applied,
    /// Applied; other fields had changed meanwhile and were kept.
    Merged,
    /// Some fields had changed on the server too: those are kept as
    /// conflicts (both values), the rest applied.
    Conflict { fields: Vec<String> },
    /// Refused by the shared rules; nothing applied. The device keeps the
    /// change and shows the reason.
    Rejected {
        code: String,
        message: String,
        #[serde(default, skip_serializing_if = "Vec::is_empty")]
        errors: Vec<crate::validate::FieldError>,
    },
}

impl Outcome {
    pub fn is_rejected(&self) -> bool {
        matches!(self, Outcome::Rejected { .. })
    }

    /// Its wire name, as the audit lines record it.
    #[must_use]
    pub fn label(&self) -> &'static str {
        match self {
            Outcome::Applied => "applied",
            Outcome::Merged => "merged",
            Outcome::Conflict { .. } => "conflict",
            Outcome::Rejected { .. } => "rejected",
        }
    }
}

#[cfg_attr(feature = "openapi", derive(utoipa::ToSchema))]
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
pub struct OpResult {
    pub op_id: Uuid,
    #[serde(flatten)]
    pub outcome: Outcome,
    /// The record after the op (absent when rejected before it existed).
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub record: Option<RecordState>,
}

#[cfg_attr(feature = "openapi", derive(utoipa::ToSchema))]
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
pub struct PushResponse {
    pub results: Vec<OpResult>,
    pub server_time: DateTime<Utc>,
}

/// `GET /api/sync/pull?since=<cursor>&limit=<n>`.
#[cfg_attr(feature = "openapi", derive(utoipa::ToSchema))]
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
pub struct PullResponse {
    /// Records changed after the cursor, in server order.
    pub records: Vec<RecordState>,
    /// Pass as `since` next time.
    pub cursor: u64,
    /// More pages wait after this one.
    pub more: bool,
    /// The server's newest sequence (for a progress bar).
    pub head: u64,
    pub server_time: DateTime<Utc>,
    /// Names the store's history: made when the store is created and again
    /// when it is restored from a backup. A device that pulled under
    /// another epoch holds a cursor and versions of a history the server
    /// no longer has, so it starts again from 0 (`Engine::change_epoch`).
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub epoch: Option<Uuid>,
    /// The sequence the epoch's history shares with the one before (the
    /// restored backup's newest sequence; 0 for a store never restored).
    /// A waiting op based on a later version is rebased onto this one.
    #[serde(default)]
    pub forked_at: u64,
}

/// Per-field bookkeeping on the server: who wrote a field last, when.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub struct FieldMeta {
    pub seq: u64,
    pub device: Uuid,
    /// The writing op's device clock.
    #[serde(default)]
    pub clock: u64,
}

/// Server-side record: the state plus per-field metadata.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
pub struct ServerRecord {
    pub state: RecordState,
    #[serde(default)]
    pub meta: BTreeMap<String, FieldMeta>,
}

#[cfg(test)]
mod tests {
    use super::page_fits;

    #[cfg_attr(not(target_arch = "wasm32"), test)]
    #[cfg_attr(target_arch = "wasm32", wasm_bindgen_test::wasm_bindgen_test)]
    fn a_page_is_cut_by_bytes_but_never_empty() {
        assert_eq!(page_fits([100, 100, 100], 250), 2);
        assert_eq!(page_fits([100, 100, 100], 300), 3);
        assert_eq!(page_fits([1_000, 10], 100), 1, "a big record still travels");
        assert_eq!(page_fits(std::iter::empty(), 100), 0);
        assert_eq!(page_fits([usize::MAX, 1], 100), 1);
    }
}
