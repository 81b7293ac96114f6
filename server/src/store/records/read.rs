//! Reads outside a sync: one record (with its scope), counts and the
//! newest change of a commune, communes by name or city, a record's audit.
use serde_json::{Value, json};
use shared::sync::{RecordKind, ServerRecord};
use uuid::Uuid;

use super::{SELECT_ROW, Scope, one_row};
use crate::store::{Store, StoreError, first_error};

impl Store {
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
