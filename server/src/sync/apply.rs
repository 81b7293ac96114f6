//! Applying a pushed batch: one SurrealDB transaction per batch that skips
//! ops already applied (answering as the first time), merges field by
//! field, keeps conflicts, re-runs the shared rules, and allocates server
//! sequence numbers. A write-write conflict with another server process
//! retries the whole batch.
use std::collections::BTreeMap;

use chrono::{DateTime, NaiveDate, Utc};
use serde_json::Value;
use shared::api::Code;
use shared::campaign::CampaignYear;
use shared::evaluation::Evaluation;
use shared::model::Model;
use shared::report::ResultsReport;
use shared::scope::{Scope, filing_model, may_see, scope_of};
use shared::sync::merge::{commit, merge};
use shared::sync::rules::{Actor, Context, Refusal, check, needs};
use shared::sync::{Op, OpResult, Outcome, PushResponse, RecordKind, ServerRecord};
use surrealdb::engine::any::Any;
use surrealdb::method::Transaction;
use uuid::Uuid;

use crate::store::records::{self, Audit, Write, retryable};
use crate::store::{Store, StoreError};

/// Attempts before a batch gives up under constant write contention.
const MAX_ATTEMPTS: usize = 50;

pub async fn push(
    store: &Store,
    actor: &Actor,
    ops: &[Op],
    now: DateTime<Utc>,
) -> Result<PushResponse, StoreError> {
    let mut attempt = 0;
    loop {
        attempt += 1;
        match try_push(store, actor, ops, now).await {
            Err(error) if retryable(&error) && attempt < MAX_ATTEMPTS => {
                tracing::debug!(attempt, "push batch conflicted; retrying");
                tokio::task::yield_now().await;
            }
            other => return other,
        }
    }
}

/// Records read or written during one batch.
struct Batch<'t> {
    tx: &'t Transaction<Any>,
    cache: BTreeMap<Uuid, Option<ServerRecord>>,
}

impl Batch<'_> {
    async fn get(&mut self, id: Uuid) -> Result<Option<ServerRecord>, StoreError> {
        if let Some(hit) = self.cache.get(&id) {
            return Ok(hit.clone());
        }
        let record = records::load(self.tx, id).await?;
        self.cache.insert(id, record.clone());
        Ok(record)
    }

    async fn typed<T: serde::de::DeserializeOwned>(
        &mut self,
        id: Option<Uuid>,
    ) -> Result<Option<T>, StoreError> {
        let Some(id) = id else { return Ok(None) };
        let Some(record) = self.get(id).await? else {
            return Ok(None);
        };
        // A record deleted (possibly earlier in this batch) is not there.
        if record.state.deleted {
            return Ok(None);
        }
        Ok(serde_json::from_value(Value::Object(record.state.fields)).ok())
    }

    /// The report or evaluation of a model, found among its children.
    async fn child_of<T: serde::de::DeserializeOwned>(
        &mut self,
        kind: RecordKind,
        model: Uuid,
    ) -> Result<Option<T>, StoreError> {
        // Written earlier in this batch (a report sent with its model's
        // move): the store does not have it yet.
        let model_text = model.to_string();
        let written = self.cache.values().flatten().find(|r| {
            r.state.kind == kind
                && !r.state.deleted
                && r.state.fields.get("model_id").and_then(Value::as_str) == Some(&model_text)
        });
        if let Some(record) = written {
            return Ok(serde_json::from_value(Value::Object(record.state.fields.clone())).ok());
        }
        let id = records::child_of(self.tx, kind, model).await?;
        self.typed(id).await
    }
}

/// The records a batch reads: every record it touches and the ones the
/// shared rules will need around them (model, last year's, campaign).
fn prefetch(ops: &[Op]) -> Vec<Uuid> {
    let mut wanted: Vec<Uuid> = Vec::with_capacity(ops.len() * 2);
    for op in ops {
        wanted.push(op.record_id);
        let need = needs(op.kind, None, &op.changes);
        wanted.extend(
            [need.model, need.previous, need.campaign]
                .into_iter()
                .flatten(),
        );
    }
    wanted.sort();
    wanted.dedup();
    wanted
}

async fn try_push(
    store: &Store,
    actor: &Actor,
    ops: &[Op],
    now: DateTime<Utc>,
) -> Result<PushResponse, StoreError> {
    let tx = store.begin().await?;
    let op_ids: Vec<Uuid> = ops.iter().map(|o| o.op_id).collect();
    let done = records::applied(&tx, &op_ids).await?;
    let mut seq = records::head(&tx).await?;
    let wanted = prefetch(ops);
    let found = records::load_many(&tx, &wanted).await?;
    let cache = wanted
        .iter()
        .map(|id| (*id, found.get(id).cloned()))
        .collect();
    let mut batch = Batch { tx: &tx, cache };
    let mut results = Vec::with_capacity(ops.len());
    let mut fresh: Vec<(Uuid, Value)> = Vec::new();
    let mut written: BTreeMap<Uuid, Scope> = BTreeMap::new();
    let mut audit = Vec::new();
    let today = now.date_naive();

    let mut answered = std::collections::BTreeSet::new();
    for op in ops {
        if !answered.insert(op.op_id) {
            continue; // the same op twice in one batch: one answer
        }
        if let Some(result) = done.get(&op.op_id) {
            let mut result: OpResult = serde_json::from_value(result.clone()).map_err(|e| {
                StoreError::Corrupt(format!("stored result of op {}: {e}", op.op_id))
            })?;
            // The record may have moved on since: send the current copy.
            if let Some(current) = batch.get(op.record_id).await? {
                result.record = Some(current.state);
            }
            results.push(result);
            continue;
        }
        let current = batch.get(op.record_id).await?;
        let result = apply_one(&mut batch, actor, op, current, &mut seq, today).await?;
        match result {
            Applied::Refused(result) | Applied::Unchanged(result) => {
                fresh.push((op.op_id, stored_result(&result)?));
                results.push(result);
            }
            Applied::Written {
                result,
                record,
                scope,
            } => {
                audit.push(audit_line(actor, op, &result, seq));
                batch.cache.insert(op.record_id, Some(record));
                written.insert(op.record_id, scope);
                fresh.push((op.op_id, stored_result(&result)?));
                results.push(result);
            }
        }
    }

    // A result carries the record only for a caller who may read it: an
    // op aimed at someone else's record must not be a way to read it.
    for result in &mut results {
        let Some(record) = &result.record else {
            continue;
        };
        let scope = filed_under(&mut batch, record.kind, &record.fields).await?;
        if !scope.is_some_and(|s| may_see(actor, &[], &s)) {
            result.record = None;
        }
    }

    let writes: Vec<Write> = written
        .into_iter()
        .filter_map(|(id, scope)| {
            batch
                .cache
                .get(&id)
                .cloned()
                .flatten()
                .map(|record| Write { record, scope })
        })
        .collect();
    records::write(&tx, &writes, &fresh, &audit, seq).await?;
    tx.commit().await?;
    Ok(PushResponse {
        results,
        server_time: now,
    })
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
    Written {
        result: OpResult,
        record: ServerRecord,
        scope: Scope,
    },
}

/// The answer as remembered for a retry: without the record (a retry gets
/// the record as it is then).
fn stored_result(result: &OpResult) -> Result<Value, StoreError> {
    let mut value = serde_json::to_value(result)
        .map_err(|e| StoreError::Corrupt(format!("op result of {}: {e}", result.op_id)))?;
    if let Value::Object(map) = &mut value {
        map.remove("record");
    }
    Ok(value)
}

fn refused(op: &Op, refusal: Refusal, record: Option<&ServerRecord>) -> Applied {
    Applied::Refused(OpResult {
        op_id: op.op_id,
        outcome: refusal.into_outcome(),
        record: record.map(|r| r.state.clone()),
    })
}

async fn apply_one(
    batch: &mut Batch<'_>,
    actor: &Actor,
    op: &Op,
    current: Option<ServerRecord>,
    seq: &mut u64,
    today: NaiveDate,
) -> Result<Applied, StoreError> {
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
        let around = load_context(batch, op.kind, before, &after).await?;
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
    let Some(scope) = filed_under(batch, op.kind, &after).await? else {
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
    *seq += 1;
    let record = commit(current, op, merged, *seq);
    Ok(Applied::Written {
        result: OpResult {
            op_id: op.op_id,
            outcome,
            record: Some(record.state.clone()),
        },
        record,
        scope,
    })
}

#[derive(Default)]
struct OwnedContext {
    model: Option<Model>,
    previous: Option<Model>,
    report: Option<ResultsReport>,
    evaluation: Option<Evaluation>,
    campaign: Option<CampaignYear>,
}

/// Loads exactly what the shared rules say they need around a change.
async fn load_context(
    batch: &mut Batch<'_>,
    kind: RecordKind,
    before: Option<&shared::sync::Fields>,
    after: &shared::sync::Fields,
) -> Result<OwnedContext, StoreError> {
    let need = needs(kind, before, after);
    let mut ctx = OwnedContext {
        model: batch.typed(need.model).await?,
        previous: batch.typed(need.previous).await?,
        campaign: batch.typed(need.campaign).await?,
        ..OwnedContext::default()
    };
    if let Some(model) = need.report_of {
        ctx.report = batch.child_of(RecordKind::Report, model).await?;
    }
    if let Some(model) = need.evaluation_of {
        ctx.evaluation = batch.child_of(RecordKind::Evaluation, model).await?;
    }
    Ok(ctx)
}

/// Where a record is filed (the shared rule), loading the model an
/// evaluation is filed under.
async fn filed_under(
    batch: &mut Batch<'_>,
    kind: RecordKind,
    fields: &shared::sync::Fields,
) -> Result<Option<Scope>, StoreError> {
    let model: Option<Model> = batch.typed(filing_model(kind, fields)).await?;
    Ok(scope_of(kind, fields, model.as_ref()))
}
