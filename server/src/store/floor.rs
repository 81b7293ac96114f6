//! SurrealDB's own floor for the sync benchmark (`server/examples/bench.rs`):
//! plain batched writes with a counter bump, in tables of their own, to
//! compare the sync write path against. Not used by the server itself.
use serde_json::{Value, json};

use super::{Store, StoreError};

impl Store {
    /// One transaction: a bare row per entry of `rows` (`{id, n}`) and a counter bump.
    pub async fn floor_bare_batch(&self, rows: &[Value]) -> Result<(), StoreError> {
        self.db
            .query(
                "BEGIN TRANSACTION;
                 FOR $r IN $rows { CREATE type::record('raw', $r.id) CONTENT { n: $r.n }; };
                 UPSERT counter:raw SET value += $count;
                 COMMIT TRANSACTION;",
            )
            .bind(json!({ "rows": rows, "count": rows.len() }))
            .await?
            .check()?;
        Ok(())
    }

    /// One transaction writing what a sync write stores per op (`{id, op,
    /// seq}` rows): a record row with `text` and `meta`, an op result and a
    /// history line, and a counter bump.
    pub async fn floor_same_size_batch(
        &self,
        rows: &[Value],
        text: &str,
        meta: &str,
    ) -> Result<(), StoreError> {
        self.db
            .query(
                "BEGIN TRANSACTION;
                 FOR $r IN $rows {
                     CREATE type::record('rec', $r.id) CONTENT { data: $text, meta: $meta, seq: $r.seq };
                     CREATE type::record('opr', $r.op) CONTENT { result: { outcome: 'applied' }, at: time::now() };
                     CREATE hist CONTENT { record: $r.id, seq: $r.seq, changes: $text, at: time::now() };
                 };
                 UPSERT counter:same SET value += $count;
                 COMMIT TRANSACTION;",
            )
            .bind(json!({ "rows": rows, "count": rows.len(), "text": text, "meta": meta }))
            .await?
            .check()?;
        Ok(())
    }
}
