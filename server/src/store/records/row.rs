//! A record row as stored, and how it reads back into a server record.
use std::collections::BTreeMap;

use chrono::{DateTime, Utc};
use serde::{Deserialize, Serialize};
use serde_json::Value;
use shared::sync::{Conflict, FieldMeta, Fields, RecordKind, RecordState, ServerRecord};

use crate::store::StoreError;

/// A record row as stored.
#[derive(Debug, Clone, Serialize, Deserialize)]
pub struct Row {
    pub rid: String,
    pub kind: String,
    pub commune: String,
    #[serde(default)]
    pub unit: Option<String>,
    /// Stored as JSON text, like `meta`; the fields queries need
    /// (`model_id`, a commune's `name` and `city`) are columns of their own.
    #[serde(deserialize_with = "data_text")]
    pub data: Fields,
    /// Stored as one JSON text: it is only ever read back whole, and one
    /// string is far cheaper for the store than ~45 small objects per record.
    #[serde(default, deserialize_with = "meta_text")]
    pub meta: BTreeMap<String, FieldMeta>,
    #[serde(default)]
    pub conflicts: Vec<Conflict>,
    pub seq: u64,
    #[serde(default)]
    pub deleted: bool,
    /// When the unit's own data in it last reached the server (RFC 3339
    /// text; rows written before this have none).
    #[serde(default)]
    pub arrived_at: Option<DateTime<Utc>>,
}

/// Record fields as stored: JSON text (older rows: an object).
fn data_text<'de, D: serde::Deserializer<'de>>(deserializer: D) -> Result<Fields, D::Error> {
    match Value::deserialize(deserializer)? {
        Value::String(text) => serde_json::from_str(&text).map_err(serde::de::Error::custom),
        other => serde_json::from_value(other).map_err(serde::de::Error::custom),
    }
}

/// Field metadata as stored (`store::meta`).
fn meta_text<'de, D: serde::Deserializer<'de>>(
    deserializer: D,
) -> Result<BTreeMap<String, FieldMeta>, D::Error> {
    crate::store::meta::from_stored(Value::deserialize(deserializer)?)
        .map_err(serde::de::Error::custom)
}

impl Row {
    pub fn into_record(self) -> Result<ServerRecord, StoreError> {
        let kind = RecordKind::parse(&self.kind)
            .ok_or_else(|| StoreError::Corrupt(format!("unknown kind {}", self.kind)))?;
        let id = self
            .rid
            .parse()
            .map_err(|_| StoreError::Corrupt(format!("bad record id {}", self.rid)))?;
        Ok(ServerRecord {
            state: RecordState {
                kind,
                id,
                version: self.seq,
                fields: self.data,
                deleted: self.deleted,
                conflicts: self.conflicts,
                arrived_at: self.arrived_at,
            },
            meta: self.meta,
        })
    }
}
