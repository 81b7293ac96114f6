//! The pull: the records of a scope changed after a cursor, a page at a
//! time from one snapshot, their fields passed on as the JSON text stored.
use chrono::{DateTime, Utc};
use serde::{Deserialize, Serialize};
use serde_json::{Value, json};
use shared::sync::{Conflict, RecordKind, RecordState};
use uuid::Uuid;

use super::head;
use crate::store::{Store, StoreError, first_error};

/// A pull sends records without their field metadata (the merge's business).
const SELECT_PULLED: &str =
    "SELECT record::id(id) AS rid, kind, commune, unit, data, conflicts, seq, deleted, arrived_at";

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

impl Store {
    /// A page of the records of `communes` (and, for an officer, of their
    /// `unit` or the whole commune) changed after `since`, in sequence
    /// order, from one snapshot, with its head; the fields pass through as
    /// the JSON text stored. Only records of `kinds` (a city viewer's
    /// set-up); `RecordKind::ALL` reads every kind with no filter.
    ///
    /// The page holds at most `limit` records and about `max_bytes` of
    /// fields (`shared::sync::page_fits`). It is read in chunks sized by
    /// the bytes left, so a page of large records does not read `limit`
    /// records to keep a few. At most `Settings::pull_readers` pages are
    /// read at once; the others wait their turn.
    pub async fn pull_raw(
        &self,
        communes: &[Uuid],
        unit: Option<Uuid>,
        kinds: &[RecordKind],
        since: u64,
        limit: u32,
        max_bytes: usize,
    ) -> Result<PulledPage, StoreError> {
        // The semaphore is never closed; a closed one would only mean no wait.
        let _turn = self.readers.acquire().await.ok();
        self.within(self.read_page(communes, unit, kinds, since, limit, max_bytes))
            .await
    }

    /// [`Self::pull_raw`]'s reads, in the turn it waited for.
    async fn read_page(
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
}
