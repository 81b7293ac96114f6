//! Records written outside the sync rules (demo data, first set-up): as
//! they are, at fresh sequence numbers, with an audit line each.
use shared::sync::{FieldMeta, RecordState, ServerRecord};
use uuid::Uuid;

use super::{Scope, head, retryable};
use crate::store::write::{Audit, Write, rows};
use crate::store::{Retry, Store, StoreError};

/// The audit outcome of a write made outside the sync rules (demo, set-up).
const SYSTEM_OUTCOME: &str = "system";

impl Store {
    /// Writes records as they are, outside the sync rules (demo data, first
    /// set-up), at fresh sequence numbers. Retries on write conflicts.
    pub async fn write_system(
        &self,
        records: Vec<(RecordState, Scope)>,
    ) -> Result<u64, StoreError> {
        // The one writer of this process (see `sync::writer`); another
        // process's writes are retried with a growing pause.
        let _turn = self.writer.turn().await;
        let mut retry = Retry::new();
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
}
