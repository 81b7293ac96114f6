//! The synced records on disk: one `record` row per entity, a counter for
//! the server sequence, `op` for applied op ids, `history` for the audit.
//!
//! The sequence is a counter record bumped inside the writing transaction,
//! so writers serialise on it and sequence order is commit order: a reader
//! paging by `seq` never steps past a change that commits later with a
//! smaller number (`sequence::nextval` hands out blocks and would not).
//!
//! This file holds the reads a write transaction makes (records, the
//! sequence); `row` the stored shape, `pull` the pull, `read` the other
//! reads, `system` writes outside the sync rules.
use std::collections::BTreeMap;

use serde_json::{Value, json};
use shared::sync::{RecordKind, ServerRecord};
use surrealdb::engine::any::Any;
use surrealdb::method::Transaction;
use uuid::Uuid;

use super::{Store, StoreError, first_error};

mod pull;
mod read;
mod row;
mod system;

pub use pull::{PulledPage, PulledRecord};
pub use row::Row;
pub use shared::scope::Scope;

const SELECT_ROW: &str = "SELECT record::id(id) AS rid, kind, commune, unit, data, meta, conflicts, seq, deleted, arrived_at";

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
    pub async fn begin(&self) -> Result<Tx, StoreError> {
        Ok(Tx(Some(self.db.clone().begin().await?)))
    }
}

/// A transaction that is cancelled when dropped unfinished: a request cut
/// short by [`Store::within`], or an early `?`. The SDK's transaction sends
/// nothing when dropped, so SurrealDB would keep it open on its side.
pub struct Tx(Option<Transaction<Any>>);

/// How long the cancel of a dropped transaction may wait for the store.
const CANCEL_WAIT: std::time::Duration = std::time::Duration::from_secs(600);

impl Tx {
    fn take(&mut self) -> Result<Transaction<Any>, StoreError> {
        self.0
            .take()
            .ok_or_else(|| StoreError::Corrupt("a transaction used after it ended".into()))
    }

    pub async fn commit(mut self) -> Result<(), StoreError> {
        self.take()?.commit().await?;
        Ok(())
    }

    pub async fn cancel(mut self) -> Result<(), StoreError> {
        self.take()?.cancel().await?;
        Ok(())
    }
}

impl std::ops::Deref for Tx {
    type Target = Transaction<Any>;

    /// Open from `begin` until `commit` or `cancel` takes it with `self`,
    /// so it is always there to lend.
    #[allow(clippy::expect_used)]
    fn deref(&self) -> &Transaction<Any> {
        self.0
            .as_ref()
            .expect("a transaction is open until it is taken")
    }
}

impl Drop for Tx {
    fn drop(&mut self) {
        let Some(tx) = self.0.take() else { return };
        // Drop cannot wait: the cancel is sent on its own (there is always
        // a runtime in the server; without one the connection's close ends it).
        if let Ok(runtime) = tokio::runtime::Handle::try_current() {
            runtime.spawn(async move {
                match tokio::time::timeout(CANCEL_WAIT, tx.cancel()).await {
                    Ok(Ok(_)) => {}
                    Ok(Err(error)) => {
                        tracing::debug!(%error, "unfinished transaction not cancelled")
                    }
                    Err(_) => tracing::warn!(
                        "unfinished transaction not cancelled: the store did not answer"
                    ),
                }
            });
        }
    }
}
