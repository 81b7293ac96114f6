//! The synced records on disk: one `record` row per entity, a counter for
//! the server sequence, `op` for applied op ids, `history` for the audit.
//!
//! The sequence is a counter record bumped inside the writing transaction,
//! so writers serialise on it and sequence order is commit order: a reader
//! paging by `seq` never steps past a change that commits later with a
//! smaller number (`sequence::nextval` hands out blocks and would not).
use std::collections::BTreeMap;

use chrono::{DateTime, Utc};
use serde::{Deserialize, Serialize};
use serde_json::{Value, json};
use shared::sync::{Conflict, FieldMeta, Fields, RecordKind, RecordState, ServerRecord};
use surrealdb::engine::any::Any;
use surrealdb::method::Transaction;
use uuid::Uuid;

use super::write::{Audit, Write, rows};
use super::{Store, StoreError, is_not_executed};

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

/// Field metadata as stored (`super::meta`).
fn meta_text<'de, D: serde::Deserializer<'de>>(
    deserializer: D,
) -> Result<BTreeMap<String, FieldMeta>, D::Error> {
    super::meta::from_stored(Value::deserialize(deserializer)?).map_err(serde::de::Error::custom)
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

/// A record as a pull sends it: `RecordState`'s JSON shape, with the
/// fields as the stored JSON text (never parsed on the way out).
#[derive(Debug, Serialize)]
pub struct PulledRecord {
    pub kind: RecordKind,
    pub id: Uuid,
    pub version: u64,
    pub fields: Box<serde_json::value::RawValue>,
    pub deleted: bool,
    #[serde(skip_serializing_if = "Vec::is_empty")]
    pub conflicts: Vec<Conflict>,
    #[serde(skip_serializing_if = "Option::is_none")]
    pub arrived_at: Option<DateTime<Utc>>,
}

/// A page read by [`Store::pull_raw`]: `full` when a bound (count or
/// bytes) ended it, so more may follow its last record.
#[derive(Debug)]
pub struct PulledPage {
    pub records: Vec<PulledRecord>,
    pub head: u64,
    pub full: bool,
}

impl PulledRecord {
    fn from_row(row: Value) -> Result<Self, StoreError> {
        #[derive(Deserialize)]
        struct Pulled {
            rid: String,
            kind: String,
            data: Value,
            #[serde(default)]
            conflicts: Vec<Conflict>,
            seq: u64,
            #[serde(default)]
            deleted: bool,
            #[serde(default)]
            arrived_at: Option<DateTime<Utc>>,
        }
        let row: Pulled = serde_json::from_value(row)
            .map_err(|e| StoreError::Corrupt(format!("record row: {e}")))?;
        let text = match row.data {
            Value::String(text) => text,
            // Rows older than migration 5 hold an object.
            other => other.to_string(),
        };
        Ok(PulledRecord {
            kind: RecordKind::parse(&row.kind)
                .ok_or_else(|| StoreError::Corrupt(format!("unknown kind {}", row.kind)))?,
            id: row
                .rid
                .parse()
                .map_err(|_| StoreError::Corrupt(format!("bad record id {}", row.rid)))?,
            version: row.seq,
            fields: serde_json::value::RawValue::from_string(text)
                .map_err(|e| StoreError::Corrupt(format!("record fields: {e}")))?,
            deleted: row.deleted,
            conflicts: row.conflicts,
            arrived_at: row.arrived_at,
        })
    }

    fn parse(self) -> Result<RecordState, StoreError> {
        Ok(RecordState {
            kind: self.kind,
            id: self.id,
            version: self.version,
            fields: serde_json::from_str(self.fields.get())
                .map_err(|e| StoreError::Corrupt(format!("record fields: {e}")))?,
            deleted: self.deleted,
            conflicts: self.conflicts,
            arrived_at: self.arrived_at,
        })
    }
}

pub use shared::scope::Scope;

/// A pull sends records without their field metadata (the merge's business).
const SELECT_PULLED: &str =
    "SELECT record::id(id) AS rid, kind, commune, unit, data, conflicts, seq, deleted, arrived_at";

const SELECT_ROW: &str = "SELECT record::id(id) AS rid, kind, commune, unit, data, meta, conflicts, seq, deleted, arrived_at";

pub(super) fn first_error(
    mut response: surrealdb::IndexedResults,
) -> Result<surrealdb::IndexedResults, StoreError> {
    let errors = response.take_errors();
    match errors.into_values().find(|e| !is_not_executed(e)) {
        Some(error) => Err(StoreError::from(error)),
        None => Ok(response),
    }
}

/// Reads one record inside a transaction.
pub async fn load(tx: &Transaction<Any>, id: Uuid) -> Result<Option<ServerRecord>, StoreError> {
    let response = tx
        .query(format!(
            "{SELECT_ROW} FROM ONLY type::record('record', $id)"
        ))
        .bind(json!({ "id": id.to_string() }))
        .await?;
    one_row(response, id)?.map(Row::into_record).transpose()
}

/// The single row a `SELECT … FROM ONLY` answered, if the record exists.
fn one_row(response: surrealdb::IndexedResults, id: Uuid) -> Result<Option<Row>, StoreError> {
    let row: Option<Value> = first_error(response)?.take(0)?;
    match row {
        None | Some(Value::Null) => Ok(None),
        Some(value) => serde_json::from_value(value)
            .map(Some)
            .map_err(|e| StoreError::Corrupt(format!("record {id}: {e}"))),
    }
}

/// Reads many records inside a transaction, in one query.
pub async fn load_many(
    tx: &Transaction<Any>,
    ids: &[Uuid],
) -> Result<BTreeMap<Uuid, ServerRecord>, StoreError> {
    let ids: Vec<String> = ids.iter().map(Uuid::to_string).collect();
    let mut response = tx
        .query(format!(
            "LET $rids = $ids.map(|$i| type::record('record', $i)); {SELECT_ROW} FROM $rids"
        ))
        .bind(json!({ "ids": ids }))
        .await?;
    response = first_error(response)?;
    let rows: Vec<Value> = response.take(1)?;
    let mut found = BTreeMap::new();
    for row in rows.into_iter().filter(|r| !r.is_null()) {
        let row: Row = serde_json::from_value(row)
            .map_err(|e| StoreError::Corrupt(format!("record row: {e}")))?;
        let record = row.into_record()?;
        found.insert(record.state.id, record);
    }
    Ok(found)
}

/// The statement reading the current server sequence (0 in a new store).
pub(super) const HEAD: &str = "RETURN (SELECT VALUE value FROM ONLY counter:seq) ?? 0";

/// The sequence out of the answer to [`HEAD`].
pub(super) fn take_head(response: surrealdb::IndexedResults) -> Result<u64, StoreError> {
    let head: Option<i64> = first_error(response)?.take(0)?;
    Ok(head.and_then(|h| u64::try_from(h).ok()).unwrap_or(0))
}

/// The current server sequence, read inside a transaction.
pub async fn head(tx: &Transaction<Any>) -> Result<u64, StoreError> {
    take_head(tx.query(HEAD).await?)
}

/// The audit outcome of a write made outside the sync rules (demo, set-up).
const SYSTEM_OUTCOME: &str = "system";

/// The id of the live `kind` record (report, evaluation) of a model.
pub async fn child_of(
    tx: &Transaction<Any>,
    kind: RecordKind,
    model: Uuid,
) -> Result<Option<Uuid>, StoreError> {
    let mut response = tx
        .query("SELECT VALUE record::id(id) FROM record WHERE kind = $kind AND model_id = $model AND deleted = false LIMIT 1")
        .bind(json!({ "kind": kind.as_str(), "model": model.to_string() }))
        .await?;
    response = first_error(response)?;
    let ids: Vec<String> = response.take(0)?;
    ids.first()
        .map(|s| {
            s.parse()
                .map_err(|_| StoreError::Corrupt(format!("record id {s}")))
        })
        .transpose()
}

/// Whether a database error is a write-write conflict worth retrying.
pub fn retryable(error: &StoreError) -> bool {
    match error {
        StoreError::Db(e) => {
            e.query_details() == Some(&surrealdb::types::QueryError::TransactionConflict)
                || e.to_string().contains("retried")
        }
        _ => false,
    }
}

impl Store {
    pub async fn begin(&self) -> Result<Transaction<Any>, StoreError> {
        Ok(self.db.clone().begin().await?)
    }

    /// Writes records as they are, outside the sync rules (demo data, first
    /// set-up), at fresh sequence numbers. Retries on write conflicts.
    pub async fn write_system(
        &self,
        records: Vec<(RecordState, Scope)>,
    ) -> Result<u64, StoreError> {
        // The one writer of this process (see `sync::writer`); another
        // process's writes are retried with a growing pause.
        let _turn = self.writer.turn().await;
        let mut retry = super::Retry::new();
        loop {
            match self.try_write_system(&records).await {
                Err(error) if retryable(&error) && retry.wait().await => {}
                other => return other,
            }
        }
    }

    async fn try_write_system(&self, records: &[(RecordState, Scope)]) -> Result<u64, StoreError> {
        let tx = self.begin().await?;
        let mut seq = head(&tx).await?;
        let mut writes = Vec::with_capacity(records.len());
        let mut audit = Vec::with_capacity(records.len());
        for (state, scope) in records {
            seq += 1;
            let meta = state
                .fields
                .keys()
                .map(|k| {
                    (
                        k.clone(),
                        FieldMeta {
                            seq,
                            device: Uuid::nil(),
                            clock: 0,
                        },
                    )
                })
                .collect();
            let mut state = state.clone();
            state.version = seq;
            audit.push(Audit {
                seq,
                record: state.id,
                kind: state.kind,
                op_id: None,
                device: None,
                user: None,
                changes: state.fields.clone(),
                outcome: SYSTEM_OUTCOME.into(),
                conflicts: Vec::new(),
            });
            writes.push(Write {
                record: ServerRecord { state, meta },
                scope: *scope,
                created: false,
            });
        }
        rows(&tx, &writes, &[], &audit, seq).await?;
        tx.commit().await?;
        Ok(seq)
    }

    /// One record as the server holds it.
    pub async fn record(&self, id: Uuid) -> Result<Option<ServerRecord>, StoreError> {
        Ok(self.record_with_scope(id).await?.map(|(record, _)| record))
    }

    /// One record with the scope it is filed under.
    pub async fn record_with_scope(
        &self,
        id: Uuid,
    ) -> Result<Option<(ServerRecord, Scope)>, StoreError> {
        let response = self
            .db
            .query(format!(
                "{SELECT_ROW} FROM ONLY type::record('record', $id)"
            ))
            .bind(json!({ "id": id.to_string() }))
            .await?;
        let Some(row) = one_row(response, id)? else {
            return Ok(None);
        };
        let scope = Scope {
            commune: row
                .commune
                .parse()
                .map_err(|_| StoreError::Corrupt(format!("record {id}: commune id")))?,
            unit: row.unit.as_deref().and_then(|u| u.parse().ok()),
        };
        Ok(Some((row.into_record()?, scope)))
    }

    /// How many live records of a kind a commune has.
    pub async fn count(&self, kind: RecordKind, commune: Uuid) -> Result<u64, StoreError> {
        let mut response = self
            .db
            .query("RETURN count(SELECT id FROM record WHERE kind = $kind AND commune = $commune AND deleted = false)")
            .bind(json!({ "kind": kind.as_str(), "commune": commune.to_string() }))
            .await?;
        response = first_error(response)?;
        let count: Option<i64> = response.take(0)?;
        Ok(count.and_then(|c| u64::try_from(c).ok()).unwrap_or(0))
    }

    /// The sequence of the newest change to any record of `commune` (0:
    /// none): what a computed figure of the commune was made at, so it is
    /// made again only after a change.
    pub async fn commune_head(&self, commune: Uuid) -> Result<u64, StoreError> {
        let mut response = self
            .db
            .query(
                "SELECT VALUE seq FROM record WHERE commune = $commune ORDER BY seq DESC LIMIT 1",
            )
            .bind(json!({ "commune": commune.to_string() }))
            .await?;
        response = first_error(response)?;
        let seqs: Vec<i64> = response.take(0)?;
        Ok(seqs
            .first()
            .and_then(|s| u64::try_from(*s).ok())
            .unwrap_or(0))
    }

    /// A page of the records of `communes` (and, for an officer, of their
    /// `unit` or the whole commune) changed after `since`, in sequence
    /// order, from one snapshot, with its head; the fields pass through as
    /// the JSON text stored. Only records of `kinds` (a city viewer's
    /// set-up); `RecordKind::ALL` reads every kind with no filter.
    ///
    /// The page holds at most `limit` records and about `max_bytes` of
    /// fields (`shared::sync::page_fits`). It is read in chunks sized by
    /// the bytes left, so a page of large records does not read `limit`
    /// records to keep a few.
    pub async fn pull_raw(
        &self,
        communes: &[Uuid],
        unit: Option<Uuid>,
        kinds: &[RecordKind],
        since: u64,
        limit: u32,
        max_bytes: usize,
    ) -> Result<PulledPage, StoreError> {
        let tx = self.begin().await?;
        let head = head(&tx).await?;
        // One commune (nearly every caller): equality on the (commune, seq)
        // index; a city viewer's several communes: IN.
        let commune = if communes.len() == 1 {
            "commune = $communes[0]"
        } else {
            "commune IN $communes"
        };
        let mut filter = if unit.is_some() {
            format!("{commune} AND seq > $since AND (unit = NONE OR unit = NULL OR unit = $unit)")
        } else {
            format!("{commune} AND seq > $since")
        };
        if !RecordKind::ALL.iter().all(|k| kinds.contains(k)) {
            filter.push_str(" AND kind IN $kinds");
        }
        let query = format!("{SELECT_PULLED} FROM record WHERE {filter} ORDER BY seq LIMIT $limit");
        let limit = limit as usize;
        let (mut records, mut after, mut used) = (Vec::<PulledRecord>::new(), since, 0usize);
        let full = loop {
            // As many as the bytes left hold at the average size so far
            // (2 KiB before the first), one more to see past the budget.
            let average = used.checked_div(records.len()).unwrap_or(2048).max(1);
            let want =
                (max_bytes.saturating_sub(used) / average + 1).clamp(1, limit - records.len());
            let mut response = tx
                .query(query.as_str())
                .bind(json!({
                    "communes": communes.iter().map(Uuid::to_string).collect::<Vec<_>>(),
                    "unit": unit.map(|u| u.to_string()),
                    "kinds": kinds.iter().map(|k| k.as_str()).collect::<Vec<_>>(),
                    "since": after,
                    "limit": want,
                }))
                .await?;
            response = first_error(response)?;
            let rows: Vec<Value> = response.take(0)?;
            let got = rows.len();
            for row in rows {
                records.push(PulledRecord::from_row(row)?);
            }
            let fits =
                shared::sync::page_fits(records.iter().map(|r| r.fields.get().len()), max_bytes);
            if fits < records.len() {
                records.truncate(fits);
                break true;
            }
            if records.len() == limit {
                break true;
            }
            if got < want {
                // Everything up to the snapshot's head has been read.
                break false;
            }
            used = records.iter().map(|r| r.fields.get().len()).sum();
            after = records.last().map_or(after, |r| r.version);
        };
        tx.cancel().await?;
        Ok(PulledPage {
            records,
            head,
            full,
        })
    }

    /// [`Self::pull_raw`] with the fields parsed.
    pub async fn pull(
        &self,
        communes: &[Uuid],
        unit: Option<Uuid>,
        since: u64,
        limit: u32,
    ) -> Result<(Vec<RecordState>, u64), StoreError> {
        let page = self
            .pull_raw(communes, unit, &RecordKind::ALL, since, limit, usize::MAX)
            .await?;
        let head = page.head;
        let records = page
            .records
            .into_iter()
            .map(PulledRecord::parse)
            .collect::<Result<Vec<_>, _>>()?;
        Ok((records, head))
    }

    /// A commune found by its exact name (first set-up by `create-admin`).
    pub async fn commune_by_name(
        &self,
        name: &str,
    ) -> Result<Option<shared::org::Commune>, StoreError> {
        let mut response = self
            .db
            .query("SELECT VALUE data FROM record WHERE kind = 'commune' AND deleted = false AND name = $name LIMIT 1")
            .bind(json!({ "name": name }))
            .await?;
        response = first_error(response)?;
        let found: Vec<Value> = response.take(0)?;
        // The fields are stored as JSON text (older rows: an object).
        found
            .into_iter()
            .next()
            .map(|v| match v {
                Value::String(text) => serde_json::from_str(&text),
                other => serde_json::from_value(other),
            })
            .transpose()
            .map_err(|e| StoreError::Corrupt(format!("commune {name}: {e}")))
    }

    /// The communes of `actor`'s city when the shared scope needs them (a
    /// city viewer), else none.
    pub async fn city_communes(
        &self,
        actor: &shared::sync::rules::Actor,
    ) -> Result<Vec<Uuid>, StoreError> {
        match shared::scope::city_to_resolve(actor) {
            Some(city) => self.communes_of_city(city).await,
            None => Ok(Vec::new()),
        }
    }

    /// The communes of a city (for the city viewer).
    pub async fn communes_of_city(&self, city: &str) -> Result<Vec<Uuid>, StoreError> {
        let mut response = self
            .db
            .query(
                "SELECT VALUE record::id(id) FROM record WHERE kind = 'commune' AND city = $city",
            )
            .bind(json!({ "city": city }))
            .await?;
        response = first_error(response)?;
        let ids: Vec<String> = response.take(0)?;
        Ok(ids.iter().filter_map(|s| s.parse().ok()).collect())
    }

    /// The audit lines of one record, oldest first.
    pub async fn history(&self, id: Uuid) -> Result<Vec<Value>, StoreError> {
        let mut response = self
            .db
            .query("SELECT seq, kind, op_id, device, user, changes, outcome, conflicts, at FROM history WHERE record = $id ORDER BY seq")
            .bind(json!({ "id": id.to_string() }))
            .await?;
        response = first_error(response)?;
        let mut lines: Vec<Value> = response.take(0)?;
        for line in &mut lines {
            if let Some(text) = line.get("changes").and_then(Value::as_str)
                && let Ok(changes) = serde_json::from_str::<Value>(text)
            {
                line["changes"] = changes;
            }
        }
        Ok(lines)
    }
}
