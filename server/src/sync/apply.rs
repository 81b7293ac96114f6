//! Applying pushed batches: one SurrealDB transaction for a group of
//! batches (from one request or several, see `writer`), in order. Each op:
//! answered from memory if its id was applied before (the stored outcome
//! with the record as it is now; a reused id with other content is
//! refused), checked by the shared protocol rules, merged field by field
//! (conflicts kept), re-checked by the shared write rules for its batch's
//! user, and given the next server sequence number. The sequence counter
//! is bumped inside the transaction, so sequence order is commit order.
use std::collections::{BTreeMap, BTreeSet};

use chrono::{DateTime, Utc};
use serde_json::Value;
use shared::api::Code;
use shared::scope::{Scope, may_see};
use shared::sync::merge::{commit, merge};
use shared::sync::rules::{Actor, Context, Refusal, check};
use shared::sync::strict::{check_op, fingerprint};
use shared::sync::{Op, OpResult, Outcome, PushResponse, ServerRecord};
use uuid::Uuid;

use super::context::Cache;
use crate::store::records;
use crate::store::write::{self, Audit, Remembered, StoredOp, Write};
use crate::store::{Store, StoreError};

/// One request's ops, as the signed-in user sent them.
#[derive(Debug, Clone)]
pub struct Batch {
    pub actor: Actor,
    pub ops: Vec<Op>,
    pub now: DateTime<Utc>,
}

/// Applies one batch through the process's writer, as a push request does.
pub async fn push(
    store: &Store,
    actor: &Actor,
    ops: &[Op],
    now: DateTime<Utc>,
) -> Result<PushResponse, super::writer::PushError> {
    let batch = Batch {
        actor: actor.clone(),
        ops: ops.to_vec(),
        now,
    };
    store.writer.push(store, batch).await
}

/// Applies `batches` in one transaction; one answer per batch, in order.
pub async fn apply_group(
    store: &Store,
    batches: &[Batch],
) -> Result<Vec<PushResponse>, StoreError> {
    let tx = store.begin().await?;
    let mut op_ids: Vec<Uuid> = batches
        .iter()
        .flat_map(|b| b.ops.iter().map(|o| o.op_id))
        .collect();
    op_ids.sort();
    op_ids.dedup();
    let done = write::applied(&tx, &op_ids).await?;
    let seq = records::head(&tx).await?;
    let cache = Cache::prefetch(&tx, batches.iter().flat_map(|b| b.ops.iter())).await?;
    let mut group = Group {
        cache,
        done,
        seq,
        written: BTreeMap::new(),
        created: BTreeSet::new(),
        remembered: Vec::new(),
        audit: Vec::new(),
    };
    let mut responses = Vec::with_capacity(batches.len());
    for batch in batches {
        responses.push(group.batch(batch).await?);
    }
    let writes: Vec<Write> = group
        .written
        .iter()
        .filter_map(|(id, scope)| {
            group
                .cache
                .records
                .get(id)
                .cloned()
                .flatten()
                .map(|record| Write {
                    record,
                    scope: *scope,
                    created: group.created.contains(id),
                })
        })
        .collect();
    write::rows(&tx, &writes, &group.remembered, &group.audit, group.seq).await?;
    tx.commit().await?;
    Ok(responses)
}

/// The state of one transaction across its batches.
struct Group<'t> {
    cache: Cache<'t>,
    /// Ops applied before, and by earlier batches of this group.
    done: BTreeMap<Uuid, StoredOp>,
    seq: u64,
    written: BTreeMap<Uuid, Scope>,
    /// Records this transaction creates (no row before it).
    created: BTreeSet<Uuid>,
    remembered: Vec<Remembered>,
    audit: Vec<Audit>,
}

impl Group<'_> {
    async fn batch(&mut self, batch: &Batch) -> Result<PushResponse, StoreError> {
        let mut answered = BTreeSet::new();
        let mut results = Vec::with_capacity(batch.ops.len());
        for op in &batch.ops {
            if !answered.insert(op.op_id) {
                continue; // the same op twice in one batch: one answer
            }
            let print = fingerprint(op);
            if let Some(stored) = self.done.get(&op.op_id) {
                results.push(self.repeat(op, stored.clone(), &print).await?);
                continue;
            }
            let current = self.cache.get(op.record_id).await?;
            let new = current.is_none();
            match apply_one(
                &mut self.cache,
                &batch.actor,
                op,
                current,
                self.seq,
                batch.now,
            )
            .await?
            {
                // Not remembered: resent, the op is judged again (its
                // record may exist by then).
                Applied::Refused(result) => results.push(result),
                Applied::Unchanged(result) => {
                    self.remember(op, &result, print)?;
                    results.push(result);
                }
                Applied::Written { result, record } => {
                    self.seq = record.0.state.version;
                    self.audit
                        .push(audit_line(&batch.actor, op, &result, self.seq));
                    self.cache.records.insert(op.record_id, Some(record.0));
                    self.written.insert(op.record_id, record.1);
                    if new {
                        self.created.insert(op.record_id);
                    }
                    self.remember(op, &result, print)?;
                    results.push(result);
                }
            }
        }
        self.redact(&batch.actor, &mut results).await?;
        Ok(PushResponse {
            results,
            server_time: batch.now,
        })
    }

    /// An op id seen before: its stored outcome with the record as it is
    /// now, or a refusal when the id now carries other content.
    async fn repeat(
        &mut self,
        op: &Op,
        stored: StoredOp,
        print: &str,
    ) -> Result<OpResult, StoreError> {
        let current = self.cache.get(op.record_id).await?.map(|c| c.state);
        if stored.fingerprint.as_deref().is_some_and(|f| f != print) {
            return Ok(OpResult {
                op_id: op.op_id,
                outcome: Refusal::of(Code::OpReused).into_outcome(),
                record: current,
            });
        }
        let mut result: OpResult = serde_json::from_value(stored.result)
            .map_err(|e| StoreError::Corrupt(format!("stored result of op {}: {e}", op.op_id)))?;
        // The record may have moved on since: send the current copy.
        if current.is_some() {
            result.record = current;
        }
        Ok(result)
    }

    fn remember(&mut self, op: &Op, result: &OpResult, print: String) -> Result<(), StoreError> {
        let stored = stored_result(result)?;
        self.done.insert(
            op.op_id,
            StoredOp {
                result: stored.clone(),
                fingerprint: Some(print.clone()),
            },
        );
        self.remembered.push(Remembered {
            op_id: op.op_id,
            result: stored,
            fingerprint: print,
        });
        Ok(())
    }

    /// A result carries the record only for a caller who may read it: an
    /// op aimed at someone else's record must not be a way to read it.
    async fn redact(&mut self, actor: &Actor, results: &mut [OpResult]) -> Result<(), StoreError> {
        for result in results {
            let Some(record) = &result.record else {
                continue;
            };
            let scope = self.cache.filed_under(record.kind, &record.fields).await?;
            if !scope.is_some_and(|s| may_see(actor, &[], &s)) {
                result.record = None;
            }
        }
        Ok(())
    }
}

fn audit_line(actor: &Actor, op: &Op, result: &OpResult, seq: u64) -> Audit {
    let conflicts = match &result.outcome {
        Outcome::Conflict { fields } => fields.clone(),
        _ => Vec::new(),
    };
    Audit {
        conflicts,
        seq,
        record: op.record_id,
        kind: op.kind,
        op_id: Some(op.op_id),
        device: Some(op.device_id),
        user: Some(actor.user_id.as_uuid()),
        changes: op.changes.clone(),
        outcome: result.outcome.label().to_owned(),
    }
}

enum Applied {
    Refused(OpResult),
    Unchanged(OpResult),
    /// Written at a new sequence number: the result, the record and where
    /// it is filed.
    Written {
        result: OpResult,
        record: (ServerRecord, Scope),
    },
}

/// The answer as remembered for a retry: without the record (a retry gets
/// the record as it is then).
fn stored_result(result: &OpResult) -> Result<Value, StoreError> {
    // Serialised without the record rather than with it and then removed:
    // the record was 4.3 % of a push's CPU in a profile (docs/bench.md).
    let answer = OpResult {
        op_id: result.op_id,
        outcome: result.outcome.clone(),
        record: None,
    };
    serde_json::to_value(answer)
        .map_err(|e| StoreError::Corrupt(format!("op result of {}: {e}", result.op_id)))
}

fn refused(op: &Op, refusal: Refusal, record: Option<&ServerRecord>) -> Applied {
    Applied::Refused(OpResult {
        op_id: op.op_id,
        outcome: refusal.into_outcome(),
        record: record.map(|r| r.state.clone()),
    })
}

async fn apply_one(
    cache: &mut Cache<'_>,
    actor: &Actor,
    op: &Op,
    current: Option<ServerRecord>,
    seq: u64,
    now: DateTime<Utc>,
) -> Result<Applied, StoreError> {
    let today = now.date_naive();
    if let Err(refusal) = check_op(op, current.as_ref().map(|c| c.state.version)) {
        return Ok(refused(op, refusal, current.as_ref()));
    }
    if current.as_ref().is_some_and(|c| c.state.kind != op.kind) {
        return Ok(refused(
            op,
            Refusal::of(Code::KindMismatch),
            current.as_ref(),
        ));
    }
    let merged = merge(current.as_ref(), op);
    let mut after = merged.fields.clone();
    let before = current.as_ref().map(|c| &c.state.fields);
    let refusal = {
        let around = cache.context(op.kind, before, &after).await?;
        let ctx = Context {
            today,
            model: around.model.as_ref(),
            previous: around.previous.as_ref(),
            report: around.report.as_ref(),
            evaluation: around.evaluation.as_ref(),
            campaign: around.campaign.as_ref(),
        };
        check(op.kind, before, &mut after, actor, &ctx).err()
    };
    if let Some(refusal) = refusal {
        return Ok(refused(op, refusal, current.as_ref()));
    }
    // Nothing to change (the values are already there): answer without a
    // new sequence number, but only after the rules said the caller may.
    if merged.changed.is_empty()
        && merged.conflicts.is_empty()
        && op.resolves.is_empty()
        && after == merged.fields
        && let Some(current) = &current
    {
        return Ok(Applied::Unchanged(OpResult {
            op_id: op.op_id,
            outcome: Outcome::Applied,
            record: Some(current.state.clone()),
        }));
    }
    let Some(scope) = cache.filed_under(op.kind, &after).await? else {
        return Ok(refused(
            op,
            Refusal::of(Code::BadData).with_message(shared::messages::NO_COMMUNE),
            current.as_ref(),
        ));
    };
    // The rules may stamp fields (dates of a move): apply them as changes.
    let mut merged = merged;
    for (key, value) in &after {
        if merged.fields.get(key) != Some(value) {
            merged.fields.insert(key.clone(), value.clone());
            merged.changed.push(key.clone());
        }
    }
    let outcome = merged.outcome();
    let mut record = commit(current, op, merged, seq + 1);
    // An officer's change is the unit's data reaching the server now.
    if shared::scope::brings_unit_data(actor.role) {
        record.state.arrived_at = Some(now);
    }
    Ok(Applied::Written {
        result: OpResult {
            op_id: op.op_id,
            outcome,
            record: Some(record.state.clone()),
        },
        record: (record, scope),
    })
}
