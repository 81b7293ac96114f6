//! The store's epoch: a name for its history that devices compare
//! (`shared::sync::PullResponse::epoch`). Made by migration 8, made again
//! when a backup is restored, with the sequence the new history shares with
//! the old (`forked_at`, the backup's newest sequence). Read once when the
//! store opens: a restore happens with every server stopped.
use serde::Deserialize;
use surrealdb::Surreal;
use surrealdb::engine::any::Any;
use uuid::Uuid;

use super::StoreError;
use super::first_error;

#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub struct Epoch {
    pub id: Uuid,
    pub forked_at: u64,
}

#[derive(Deserialize)]
struct Row {
    epoch: String,
    #[serde(default)]
    forked_at: i64,
}

pub(super) async fn read(db: &Surreal<Any>) -> Result<Epoch, StoreError> {
    let response = db
        .query("SELECT epoch, forked_at FROM ONLY store_meta:epoch")
        .await?;
    let row: Option<serde_json::Value> = first_error(response)?.take(0)?;
    let row: Row = row
        .filter(|v| !v.is_null())
        .ok_or_else(|| StoreError::Corrupt("store_meta:epoch is missing".into()))
        .and_then(|v| {
            serde_json::from_value(v)
                .map_err(|e| StoreError::Corrupt(format!("store_meta:epoch: {e}")))
        })?;
    let id = row
        .epoch
        .parse()
        .map_err(|_| StoreError::Corrupt(format!("store epoch {:?}", row.epoch)))?;
    Ok(Epoch {
        id,
        forked_at: u64::try_from(row.forked_at).unwrap_or(0),
    })
}

/// Starts a new history forked at the store's current sequence (after a
/// restore has put the backup's rows in place).
pub(super) async fn fork(db: &Surreal<Any>) -> Result<Epoch, StoreError> {
    let response = db
        .query(
            "UPSERT store_meta:epoch SET
                epoch = <string> rand::uuid::v7(),
                forked_at = (SELECT VALUE value FROM ONLY counter:seq) ?? 0,
                restored_at = time::now()
                RETURN NONE",
        )
        .await?;
    first_error(response)?;
    read(db).await
}
