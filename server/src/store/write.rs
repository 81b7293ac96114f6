//! The sync write path's statements: a group's records, history lines,
//! remembered op answers and the new head in one round trip, and the
//! answers of ops applied before. What one applied op writes is described
//! in docs/sync.md ("What one applied op writes").
use std::collections::{BTreeMap, BTreeSet};

use serde::Serialize;
use serde_json::{Value, json};
use shared::scope::Scope;
use shared::sync::{Fields, RecordKind, ServerRecord};
use surrealdb::engine::any::Any;
use surrealdb::method::Transaction;
use uuid::Uuid;

use super::{StoreError, first_error};

/// One record to write, with its scope and audit line.
pub struct Write {
    pub record: ServerRecord,
    pub scope: Scope,
    /// No row of this record existed when the transaction began: written
    /// with one bulk insert instead of an upsert each.
    pub created: bool,
}

pub struct Audit {
    pub seq: u64,
    pub record: Uuid,
    pub kind: RecordKind,
    pub op_id: Option<Uuid>,
    pub device: Option<Uuid>,
    pub user: Option<Uuid>,
    pub changes: Fields,
    pub outcome: String,
    /// Fields of `changes` that were kept as conflicts, not applied.
    pub conflicts: Vec<String>,
}

/// An op applied before: its answer (without the record) and a digest of
/// its content (`shared::sync::strict::fingerprint`; None for ops stored
/// before digests were kept).
#[derive(Debug, Clone)]
pub struct StoredOp {
    pub result: Value,
    pub fingerprint: Option<String>,
}

/// An op to remember as applied.
pub struct Remembered {
    pub op_id: Uuid,
    pub result: Value,
    pub fingerprint: String,
}

/// Writes records, applied op results, audit lines, the new head and each
/// written commune's head (`commune_head`) in the transaction (one round trip). New rows go in with one `INSERT` per
/// table (several times cheaper in SurrealDB than a statement per row);
/// records that existed are upserted one by one.
pub async fn rows(
    tx: &Transaction<Any>,
    writes: &[Write],
    ops: &[Remembered],
    audit: &[Audit],
    head: u64,
) -> Result<(), StoreError> {
    let (mut created, mut updated) = (Vec::new(), Vec::new());
    for w in writes {
        let row = record_row(w)?;
        if w.created {
            created.push(row);
        } else {
            updated.push(json!({ "id": w.record.state.id.to_string(), "content": row }));
        }
    }
    let (history, ops) = history_rows(audit, ops)?;
    // Each commune's newest sequence, kept beside its records so a reader
    // (the city summary) learns whether a commune changed from one short
    // row instead of its records.
    let mut heads: BTreeMap<Uuid, u64> = BTreeMap::new();
    for w in writes {
        let seq = heads.entry(w.scope.commune).or_default();
        *seq = (*seq).max(w.record.state.version);
    }
    let heads: Vec<Value> = heads
        .into_iter()
        .map(|(commune, seq)| json!({ "commune": commune.to_string(), "seq": seq }))
        .collect();
    let response = tx
        .query(
            "INSERT INTO record $created RETURN NONE;
             FOR $r IN $updated { UPSERT type::record('record', $r.id) CONTENT $r.content RETURN NONE; };
             INSERT INTO op $ops.map(|$o| object::extend($o, { at: time::now() })) RETURN NONE;
             INSERT INTO history $history.map(|$h| object::extend($h, { at: time::now() })) RETURN NONE;
             UPSERT counter:seq SET value = $head RETURN NONE;
             FOR $h IN $heads { UPSERT type::record('commune_head', $h.commune) SET seq = $h.seq RETURN NONE; };",
        )
        .bind(json!({
            "created": created, "updated": updated, "ops": ops, "history": history, "head": head,
            "heads": heads,
        }))
        .await?;
    first_error(response)?;
    Ok(())
}

/// A record's row as stored (with its id for an insert).
fn record_row(w: &Write) -> Result<Value, StoreError> {
    let s = &w.record.state;
    let mut row = json!({
        "kind": s.kind.as_str(),
        "commune": w.scope.commune.to_string(),
        "unit": w.scope.unit.map(|u| u.to_string()),
        "data": as_text(&s.fields)?,
        "model_id": s.fields.get("model_id").and_then(Value::as_str),
        "photos": shared::photo::hashes_in(&s.fields),
        "name": (s.kind == RecordKind::Commune).then(|| s.fields.get("name")).flatten(),
        "city": (s.kind == RecordKind::Commune).then(|| s.fields.get("city")).flatten(),
        "meta": as_text(&super::meta::grouped(&w.record.meta))?,
        "conflicts": s.conflicts,
        "seq": s.version,
        "deleted": s.deleted,
        "arrived_at": s.arrived_at,
    });
    if let (true, Value::Object(row)) = (w.created, &mut row) {
        row.insert("id".into(), Value::String(s.id.to_string()));
    }
    Ok(row)
}

/// The history lines and the op rows to insert. An applied op's answer
/// rides on its history line (keyed by the op id): one row per op instead
/// of two. Ops that wrote nothing (already true) have no history line and
/// keep a row of their own in `op`.
fn history_rows(
    audit: &[Audit],
    ops: &[Remembered],
) -> Result<(Vec<Value>, Vec<Value>), StoreError> {
    let answers: BTreeMap<Uuid, &Remembered> = ops.iter().map(|o| (o.op_id, o)).collect();
    let mut folded = BTreeSet::new();
    let mut history = Vec::with_capacity(audit.len());
    for a in audit {
        let mut line = json!({
            "seq": a.seq,
            "record": a.record.to_string(),
            "kind": a.kind.as_str(),
            "op_id": a.op_id.map(|u| u.to_string()),
            "device": a.device.map(|u| u.to_string()),
            "user": a.user.map(|u| u.to_string()),
            // Text, like `meta`: read back whole, never queried inside.
            "changes": as_text(&a.changes)?,
            "outcome": a.outcome,
            "conflicts": a.conflicts,
        });
        let answer = a.op_id.and_then(|id| answers.get(&id));
        if let (Some(answer), Value::Object(line)) = (answer, &mut line) {
            folded.insert(answer.op_id);
            line.insert("id".into(), Value::String(answer.op_id.to_string()));
            line.insert("result".into(), answer.result.clone());
            line.insert("fp".into(), Value::String(answer.fingerprint.clone()));
        }
        history.push(line);
    }
    let ops = ops
        .iter()
        .filter(|o| !folded.contains(&o.op_id))
        .map(|o| json!({ "id": o.op_id.to_string(), "result": o.result, "fp": o.fingerprint }))
        .collect();
    Ok((history, ops))
}

/// A value stored as JSON text; a value that cannot be written is an
/// error, never an empty string in the store.
fn as_text<T: Serialize>(value: &T) -> Result<String, StoreError> {
    serde_json::to_string(value).map_err(|e| StoreError::Corrupt(format!("cannot store: {e}")))
}

/// Results of ops already applied, by op id.
pub async fn applied(
    tx: &Transaction<Any>,
    op_ids: &[Uuid],
) -> Result<BTreeMap<Uuid, StoredOp>, StoreError> {
    let ids: Vec<String> = op_ids.iter().map(Uuid::to_string).collect();
    let mut response = tx
        // Point reads of the listed ids (a WHERE over the table would scan
        // it): an op that wrote is remembered on its history line, one
        // that did not in `op`.
        .query(
            "LET $ops = $ids.map(|$i| type::record('op', $i));
             LET $lines = $ids.map(|$i| type::record('history', $i));
             SELECT record::id(id) AS id, result, fp FROM $ops;
             SELECT record::id(id) AS id, result, fp FROM $lines;",
        )
        .bind(json!({ "ids": ids }))
        .await?;
    response = first_error(response)?;
    let mut rows: Vec<Value> = response.take(2)?;
    rows.extend(response.take::<Vec<Value>>(3)?);
    let mut done = BTreeMap::new();
    for row in rows {
        let id = row["id"].as_str().and_then(|s| s.parse::<Uuid>().ok());
        if let Some(id) = id {
            let fingerprint = row["fp"].as_str().map(str::to_owned);
            done.insert(
                id,
                StoredOp {
                    result: row["result"].clone(),
                    fingerprint,
                },
            );
        }
    }
    Ok(done)
}
