//! Failed sign-ins in the store (`signin_failure`), shared by every app
//! server on it; the policy is `auth::limiter`.
use chrono::{DateTime, Utc};
use serde::Deserialize;
use serde_json::json;

use super::first_error;
use super::{Store, StoreError};

#[derive(Deserialize)]
struct Row {
    key: String,
    at: DateTime<Utc>,
}

impl Store {
    /// The failures under `keys` since `since`, oldest first.
    pub async fn signin_failures(
        &self,
        keys: &[String],
        since: DateTime<Utc>,
    ) -> Result<Vec<(String, DateTime<Utc>)>, StoreError> {
        let mut response = self
            .db
            .query("SELECT key, at FROM signin_failure WHERE key IN $keys AND at > <datetime> $since ORDER BY at")
            .bind(json!({ "keys": keys, "since": since }))
            .await?;
        response = first_error(response)?;
        let rows: Vec<serde_json::Value> = response.take(0)?;
        rows.into_iter()
            .map(|row| {
                serde_json::from_value::<Row>(row)
                    .map(|r| (r.key, r.at))
                    .map_err(|e| StoreError::Corrupt(format!("signin_failure: {e}")))
            })
            .collect()
    }

    /// Notes a failed sign-in under `keys` at `now`, and forgets failures
    /// older than `forget_before` (out of every window).
    pub async fn note_signin_failure(
        &self,
        keys: &[String],
        now: DateTime<Utc>,
        forget_before: DateTime<Utc>,
    ) -> Result<(), StoreError> {
        let rows: Vec<_> = keys
            .iter()
            .map(|k| json!({ "key": k, "at": now }))
            .collect();
        let response = self
            .db
            .query(
                "DELETE signin_failure WHERE at < <datetime> $before RETURN NONE;
                 FOR $row IN $rows { CREATE signin_failure CONTENT { key: $row.key, at: <datetime> $row.at } RETURN NONE; };",
            )
            .bind(json!({ "rows": rows, "before": forget_before }))
            .await?;
        first_error(response)?;
        Ok(())
    }

    /// A successful sign-in clears the account's failures.
    pub async fn clear_signin_failures(&self, key: &str) -> Result<(), StoreError> {
        let response = self
            .db
            .query("DELETE signin_failure WHERE key = $key RETURN NONE")
            .bind(json!({ "key": key }))
            .await?;
        first_error(response)?;
        Ok(())
    }
}
