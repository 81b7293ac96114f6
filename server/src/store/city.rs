//! The city summary's kept rows (`city_row`, one per commune): each
//! commune's rows for the days ahead (`shared::city::RowSpan`) as JSON
//! text, with the commune's head (newest sequence) they were made at, so a
//! restarted server, or the first summary of a day, reads 114 short rows
//! instead of every record of the city. Written by `crate::city`. Whether a
//! commune changed is read from `commune_head` (kept by the write path).
use std::collections::HashMap;

use serde::Deserialize;
use serde_json::json;
use shared::city::RowSpan;
use uuid::Uuid;

use super::first_error;
use super::{Store, StoreError};

/// A commune's rows as kept: made at `head`.
#[derive(Debug, Clone, PartialEq)]
pub struct KeptRows {
    pub head: u64,
    pub spans: Vec<RowSpan>,
}

impl Store {
    /// The newest sequence of each commune's records, from the
    /// `commune_head` rows the write path keeps, in one short query (0: not
    /// written since migration 11, which holds until its next write).
    pub async fn commune_heads(&self, communes: &[Uuid]) -> Result<Vec<u64>, StoreError> {
        #[derive(Deserialize)]
        struct Head {
            commune: String,
            seq: i64,
        }
        let mut response = self
            .db
            .query("SELECT record::id(id) AS commune, seq FROM commune_head WHERE record::id(id) IN $communes")
            .bind(json!({ "communes": communes.iter().map(Uuid::to_string).collect::<Vec<_>>() }))
            .await?;
        response = first_error(response)?;
        let rows: Vec<serde_json::Value> = response.take(0)?;
        let heads: HashMap<String, u64> = rows
            .into_iter()
            .filter_map(|row| serde_json::from_value::<Head>(row).ok())
            .map(|h| (h.commune, u64::try_from(h.seq).unwrap_or(0)))
            .collect();
        Ok(communes
            .iter()
            .map(|c| heads.get(&c.to_string()).copied().unwrap_or(0))
            .collect())
    }

    /// The rows kept for the communes of `city`, by commune. A row that
    /// no longer reads is left out (it is made again).
    pub async fn kept_city_rows(&self, city: &str) -> Result<HashMap<Uuid, KeptRows>, StoreError> {
        #[derive(Deserialize)]
        struct Stored {
            commune: String,
            head: i64,
            spans: String,
        }
        let mut response = self
            .db
            .query("SELECT commune, head, spans FROM city_row WHERE city = $city")
            .bind(json!({ "city": city }))
            .await?;
        response = first_error(response)?;
        let rows: Vec<serde_json::Value> = response.take(0)?;
        Ok(rows
            .into_iter()
            .filter_map(|row| {
                let row: Stored = serde_json::from_value(row)
                    .map_err(|e| tracing::warn!(error = %e, "a kept city row does not read"))
                    .ok()?;
                let spans = serde_json::from_str(&row.spans)
                    .map_err(|e| tracing::warn!(error = %e, commune = %row.commune, "kept city row spans do not read"))
                    .ok()?;
                Some((
                    row.commune.parse().ok()?,
                    KeptRows {
                        head: u64::try_from(row.head).ok()?,
                        spans,
                    },
                ))
            })
            .collect())
    }

    /// Keeps `commune`'s rows made at `head`, replacing what was kept.
    pub async fn keep_city_rows(
        &self,
        commune: Uuid,
        city: &str,
        kept: &KeptRows,
    ) -> Result<(), StoreError> {
        let spans = serde_json::to_string(&kept.spans)
            .map_err(|e| StoreError::Corrupt(format!("city row: {e}")))?;
        let response = self
            .db
            .query(
                "UPSERT type::record('city_row', $commune) CONTENT { \
                 commune: $commune, city: $city, head: $head, spans: $spans } RETURN NONE",
            )
            .bind(json!({
                "commune": commune.to_string(),
                "city": city,
                "head": kept.head,
                "spans": spans,
            }))
            .await?;
        first_error(response)?;
        Ok(())
    }
}
