//! What a group of batches reads around its ops: the records they touch
//! and the ones the shared rules need (model, last year's, campaign,
//! report, evaluation), cached for the whole transaction so a record
//! written by one batch is seen by the next.
use std::collections::BTreeMap;

use serde_json::Value;
use shared::campaign::CampaignYear;
use shared::evaluation::Evaluation;
use shared::model::Model;
use shared::report::ResultsReport;
use shared::scope::{Scope, filing_model, scope_of};
use shared::sync::rules::needs;
use shared::sync::{Fields, Op, RecordKind, ServerRecord};
use surrealdb::engine::any::Any;
use surrealdb::method::Transaction;
use uuid::Uuid;

use crate::store::StoreError;
use crate::store::records;

/// Records read or written during one transaction.
pub struct Cache<'t> {
    pub tx: &'t Transaction<Any>,
    pub records: BTreeMap<Uuid, Option<ServerRecord>>,
}

impl<'t> Cache<'t> {
    /// Reads, in one query, every record `ops` touch and the ones the
    /// shared rules will need around them.
    pub async fn prefetch<'o>(
        tx: &'t Transaction<Any>,
        ops: impl Iterator<Item = &'o Op>,
    ) -> Result<Self, StoreError> {
        let mut wanted: Vec<Uuid> = Vec::new();
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
        let found = records::load_many(tx, &wanted).await?;
        let records = wanted
            .iter()
            .map(|id| (*id, found.get(id).cloned()))
            .collect();
        Ok(Cache { tx, records })
    }

    pub async fn get(&mut self, id: Uuid) -> Result<Option<ServerRecord>, StoreError> {
        if let Some(hit) = self.records.get(&id) {
            return Ok(hit.clone());
        }
        let record = records::load(self.tx, id).await?;
        self.records.insert(id, record.clone());
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
        // A record deleted (possibly earlier in this transaction) is not there.
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
        // Written earlier in this transaction (a report sent with its
        // model's move): the store does not have it yet.
        let model_text = model.to_string();
        let written = self.records.values().flatten().find(|r| {
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

    /// Loads exactly what the shared rules say they need around a change.
    pub async fn context(
        &mut self,
        kind: RecordKind,
        before: Option<&Fields>,
        after: &Fields,
    ) -> Result<Around, StoreError> {
        let need = needs(kind, before, after);
        let mut around = Around {
            model: self.typed(need.model).await?,
            previous: self.typed(need.previous).await?,
            campaign: self.typed(need.campaign).await?,
            ..Around::default()
        };
        if let Some(model) = need.report_of {
            around.report = self.child_of(RecordKind::Report, model).await?;
        }
        if let Some(model) = need.evaluation_of {
            around.evaluation = self.child_of(RecordKind::Evaluation, model).await?;
        }
        Ok(around)
    }

    /// Where a record is filed (the shared rule), loading the model an
    /// evaluation is filed under.
    pub async fn filed_under(
        &mut self,
        kind: RecordKind,
        fields: &Fields,
    ) -> Result<Option<Scope>, StoreError> {
        let model: Option<Model> = self.typed(filing_model(kind, fields)).await?;
        Ok(scope_of(kind, fields, model.as_ref()))
    }
}

/// The records around a change, owned (the rules' `Context` borrows them).
#[derive(Default)]
pub struct Around {
    pub model: Option<Model>,
    pub previous: Option<Model>,
    pub report: Option<ResultsReport>,
    pub evaluation: Option<Evaluation>,
    pub campaign: Option<CampaignYear>,
}
