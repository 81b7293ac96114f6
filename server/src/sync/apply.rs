//! Applying a pushed batch: one SurrealDB transaction per batch that skips
//! ops already applied (answering as the first time), merges field by
//! field, keeps conflicts, re-runs the shared rules, and allocates server
//! sequence numbers. A write-write conflict with another server process
//! retries the whole batch.
use std::collections::BTreeMap;

use chrono::{DateTime, NaiveDate, Utc};
use serde_json::Value;
use shared::campaign::CampaignYear;
use shared::evaluation::Evaluation;
use shared::model::Model;
use shared::report::ResultsReport;
use shared::sync::merge::{commit, merge};
use shared::sync::rules::{Actor, Context, check, may_see};
use shared::sync::{Op, OpResult, Outcome, PushResponse, RecordKind, ServerRecord};
use surrealdb::engine::any::Any;
use surrealdb::method::Transaction;
use uuid::Uuid;

use crate::store::records::{self, Audit, Scope, Write, retryable};
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
        let mut response = self
            .tx
            .query("SELECT VALUE record::id(id) FROM record WHERE kind = $kind AND model_id = $model AND deleted = false LIMIT 1")
            .bind(serde_json::json!({ "kind": kind.as_str(), "model": model.to_string() }))
            .await?;
        let ids: Vec<String> = response.take(0)?;
        let id = ids.first().and_then(|s| s.parse().ok());
        self.typed(id).await
    }
}

fn uuid_field(fields: &shared::sync::Fields, name: &str) -> Option<Uuid> {
    fields.get(name)?.as_str()?.parse().ok()
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
    // One read for every record the batch touches (and the ones it names).
    let mut wanted: Vec<Uuid> = ops.iter().map(|o| o.record_id).collect();
    for op in ops {
        for field in ["campaign_id", "model_id", "continued_from"] {
            wanted.extend(uuid_field(&op.changes, field));
        }
    }
    wanted.sort();
    wanted.dedup();
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
            let stored: Option<OpResult> = serde_json::from_value(result.clone()).ok();
            let mut result =
                stored.unwrap_or_else(|| rejected(op, "internal", "Lỗi dữ liệu máy chủ", None));
            // The record may have moved on since: send the current copy.
            if let Some(current) = batch.get(op.record_id).await? {
                result.record = Some(current.state);
            }
            results.push(result);
            continue;
        }
        let current = batch.get(op.record_id).await?;
        let result = apply_one(&mut batch, actor, op, current, &mut seq, today).await?;
        match &result {
            Applied::Refused(result) => {
                fresh.push((op.op_id, to_value(result)));
                results.push(result.clone());
            }
            Applied::Unchanged(result) => {
                fresh.push((op.op_id, to_value(result)));
                results.push(result.clone());
            }
            Applied::Written {
                result,
                record,
                scope,
                outcome,
            } => {
                let conflicts = match &result.outcome {
                    Outcome::Conflict { fields } => fields.clone(),
                    _ => Vec::new(),
                };
                audit.push(Audit {
                    conflicts,
                    seq,
                    record: op.record_id,
                    kind: op.kind,
                    op_id: Some(op.op_id),
                    device: Some(op.device_id),
                    user: Some(actor.user_id.as_uuid()),
                    changes: op.changes.clone(),
                    outcome: outcome.clone(),
                });
                batch.cache.insert(op.record_id, Some(record.clone()));
                written.insert(op.record_id, scope.clone());
                fresh.push((op.op_id, to_value(result)));
                results.push(result.clone());
            }
        }
    }

    // A result carries the record only for a caller who may read it: an
    // op aimed at someone else's record must not be a way to read it.
    for result in &mut results {
        let Some(record) = &result.record else {
            continue;
        };
        let scope = scope_of(&mut batch, record.kind, &record.fields).await?;
        if !scope.is_some_and(|s| may_see(actor, s.commune, s.unit)) {
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

enum Applied {
    Refused(OpResult),
    Unchanged(OpResult),
    Written {
        result: OpResult,
        record: ServerRecord,
        scope: Scope,
        outcome: String,
    },
}

fn to_value(result: &OpResult) -> Value {
    // The stored copy omits the record: a retry gets the current one.
    let mut value = serde_json::to_value(result).unwrap_or(Value::Null);
    if let Value::Object(map) = &mut value {
        map.remove("record");
    }
    value
}

fn rejected(op: &Op, code: &str, message: &str, record: Option<&ServerRecord>) -> OpResult {
    OpResult {
        op_id: op.op_id,
        outcome: Outcome::Rejected {
            code: code.to_owned(),
            message: message.to_owned(),
            errors: Vec::new(),
        },
        record: record.map(|r| r.state.clone()),
    }
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
        return Ok(Applied::Refused(rejected(
            op,
            "kind_mismatch",
            "Mã hồ sơ đã dùng cho loại dữ liệu khác",
            current.as_ref(),
        )));
    }
    let merged = merge(current.as_ref(), op);
    let mut after = merged.fields.clone();
    let before = current.as_ref().map(|c| &c.state.fields);
    let refusal = {
        let ctx_owned = load_context(batch, op.kind, before, &after).await?;
        let ctx = Context {
            today,
            model: ctx_owned.model.as_ref(),
            previous: ctx_owned.previous.as_ref(),
            report: ctx_owned.report.as_ref(),
            evaluation: ctx_owned.evaluation.as_ref(),
            campaign: ctx_owned.campaign.as_ref(),
        };
        check(op.kind, before, &mut after, actor, &ctx).err()
    };
    if let Some(refusal) = refusal {
        return Ok(Applied::Refused(OpResult {
            op_id: op.op_id,
            outcome: Outcome::Rejected {
                code: refusal.code.to_owned(),
                message: refusal.message,
                errors: refusal.errors,
            },
            record: current.as_ref().map(|c| c.state.clone()),
        }));
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
    let scope = scope_of(batch, op.kind, &after).await?;
    let Some(scope) = scope else {
        return Ok(Applied::Refused(rejected(
            op,
            "bad_data",
            "Thiếu mã xã của hồ sơ",
            current.as_ref(),
        )));
    };
    // The rules may stamp fields (dates of a move): apply them as changes.
    let mut merged = merged;
    for (key, value) in &after {
        if merged.fields.get(key) != Some(value) {
            merged.fields.insert(key.clone(), value.clone());
            merged.changed.push(key.clone());
        }
    }
    let conflict_fields = merged.conflict_fields();
    let outcome = if !conflict_fields.is_empty() {
        Outcome::Conflict {
            fields: conflict_fields,
        }
    } else if merged.concurrent {
        Outcome::Merged
    } else {
        Outcome::Applied
    };
    *seq += 1;
    let record = commit(current, op, merged, *seq);
    let label = match &outcome {
        Outcome::Applied => "applied",
        Outcome::Merged => "merged",
        Outcome::Conflict { .. } => "conflict",
        Outcome::Rejected { .. } => "rejected",
    };
    Ok(Applied::Written {
        result: OpResult {
            op_id: op.op_id,
            outcome,
            record: Some(record.state.clone()),
        },
        record,
        scope,
        outcome: label.to_owned(),
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

/// Loads what the rules need around a record (its model, last year's
/// model, the model's report and evaluation, the campaign).
async fn load_context(
    batch: &mut Batch<'_>,
    kind: RecordKind,
    before: Option<&shared::sync::Fields>,
    fields: &shared::sync::Fields,
) -> Result<OwnedContext, StoreError> {
    let mut ctx = OwnedContext::default();
    match kind {
        RecordKind::Model => {
            ctx.previous = batch.typed(uuid_field(fields, "continued_from")).await?;
            ctx.campaign = batch.typed(uuid_field(fields, "campaign_id")).await?;
            // The report and evaluation matter only to the moves that need them.
            let status = fields.get("status").and_then(Value::as_str);
            let moving = before.and_then(|b| b.get("status")).and_then(Value::as_str) != status;
            if let (true, Some(id)) = (moving, uuid_field(fields, "id")) {
                if status == Some("da_bao_cao") {
                    ctx.report = batch.child_of(RecordKind::Report, id).await?;
                }
                if matches!(
                    status,
                    Some("da_danh_gia" | "cong_nhan" | "khong_cong_nhan")
                ) {
                    ctx.evaluation = batch.child_of(RecordKind::Evaluation, id).await?;
                }
            }
        }
        RecordKind::Progress | RecordKind::Report | RecordKind::Evaluation => {
            ctx.model = batch.typed(uuid_field(fields, "model_id")).await?;
            ctx.campaign = batch.typed(uuid_field(fields, "campaign_id")).await?;
            // A second report of the same model is refused.
            if let (RecordKind::Report, None, Some(model)) =
                (kind, before, uuid_field(fields, "model_id"))
            {
                ctx.report = batch.child_of(RecordKind::Report, model).await?;
            }
        }
        RecordKind::Unit | RecordKind::Campaign | RecordKind::Commune => {}
    }
    Ok(ctx)
}

/// Where a record belongs: its commune and, for a unit's own records, the
/// unit (an evaluation belongs to its model's unit).
async fn scope_of(
    batch: &mut Batch<'_>,
    kind: RecordKind,
    fields: &shared::sync::Fields,
) -> Result<Option<Scope>, StoreError> {
    let commune = match kind {
        RecordKind::Commune => uuid_field(fields, "id"),
        _ => uuid_field(fields, "commune_id"),
    };
    let Some(commune) = commune else {
        return Ok(None);
    };
    let unit = match kind {
        RecordKind::Model | RecordKind::Progress | RecordKind::Report => {
            uuid_field(fields, "unit_id")
        }
        RecordKind::Evaluation => batch
            .typed::<Model>(uuid_field(fields, "model_id"))
            .await?
            .map(|m| m.unit_id.as_uuid()),
        RecordKind::Unit | RecordKind::Campaign | RecordKind::Commune => None,
    };
    Ok(Some(Scope { commune, unit }))
}
