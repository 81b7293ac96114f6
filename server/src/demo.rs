//! Loads the Thanh Miện demo commune (`shared::demo`) into an empty store:
//! its records at fresh sequence numbers, and one account per role, all
//! with the password [`DEMO_PASSWORD`]. Demo mode is for trying DVK out,
//! never for production.
use std::collections::HashMap;

use chrono::{DateTime, NaiveDate, Utc};
use serde::Serialize;
use shared::sync::{RecordKind, RecordState, to_fields};
use uuid::Uuid;

use crate::auth::password;
use crate::store::users::StoredUser;
use crate::store::{Store, StoreError};
use shared::model::Model;
use shared::report::ResultsReport;
use shared::scope::{Scope, scope_of};

pub const DEMO_PASSWORD: &str = "dvk-demo-2025";

/// A demo record at version 0, filed where the shared scope rule says.
fn entry<T: Serialize>(
    kind: RecordKind,
    id: Uuid,
    value: &T,
    model: Option<&Model>,
) -> Result<(RecordState, Scope), StoreError> {
    let fields = to_fields(value).map_err(|e| StoreError::Corrupt(e.to_string()))?;
    let scope = scope_of(kind, &fields, model)
        .ok_or_else(|| StoreError::Corrupt(format!("demo {} {id}: no commune", kind.as_str())))?;
    Ok((
        RecordState {
            kind,
            id,
            version: 0,
            fields,
            deleted: false,
            conflicts: Vec::new(),
            arrived_at: None,
        },
        scope,
    ))
}

/// Loads the demo as it stands on `day` (its year is `day`'s year, each
/// record where its story is that day, with when each unit's data reached
/// the server) once: does nothing if the demo commune is already there.
pub async fn load(store: &Store, day: NaiveDate) -> Result<(), StoreError> {
    let data = shared::demo::thanh_mien_on(day).map_err(|e| StoreError::Corrupt(e.to_string()))?;
    let arrived: HashMap<Uuid, DateTime<Utc>> =
        shared::demo::arrivals(&data, day).into_iter().collect();
    let commune = data.commune.id.as_uuid();
    if store.record(commune).await?.is_some() {
        return Ok(());
    }
    let model_of = |id| data.models.iter().find(|m| m.id == id);
    let mut records = vec![entry(RecordKind::Commune, commune, &data.commune, None)?];
    for unit in &data.units {
        records.push(entry(RecordKind::Unit, unit.id.as_uuid(), unit, None)?);
    }
    for campaign in &data.campaigns {
        records.push(entry(
            RecordKind::Campaign,
            campaign.id.as_uuid(),
            campaign,
            None,
        )?);
    }
    for model in &data.models {
        records.push(entry(RecordKind::Model, model.id.as_uuid(), model, None)?);
    }
    for progress in &data.progress {
        records.push(entry(
            RecordKind::Progress,
            progress.id.as_uuid(),
            progress,
            None,
        )?);
    }
    for report in &data.reports {
        records.push(entry(
            RecordKind::Report,
            report.id.as_uuid(),
            report,
            None,
        )?);
    }
    for evaluation in &data.evaluations {
        let model = model_of(evaluation.model_id);
        records.push(entry(
            RecordKind::Evaluation,
            evaluation.id.as_uuid(),
            evaluation,
            model,
        )?);
    }
    for (state, _) in &mut records {
        state.arrived_at = arrived.get(&state.id).copied();
    }
    let count = records.len();
    store.write_system(records).await?;
    let hash = password::hash_blocking(DEMO_PASSWORD)
        .await
        .map_err(|e| StoreError::Corrupt(e.to_string()))?;
    for user in &data.users {
        store
            .put_user(&StoredUser {
                user: user.clone(),
                password_hash: hash.clone(),
            })
            .await?;
    }
    tracing::info!(
        records = count,
        users = data.users.len(),
        "demo commune loaded"
    );
    Ok(())
}

/// Adds more demo models and their reports (a scene of `shared::demo`,
/// such as the work waiting for review) to a store holding the demo.
pub async fn add_models(
    store: &Store,
    models: &[Model],
    reports: &[ResultsReport],
) -> Result<u64, StoreError> {
    let mut records = Vec::with_capacity(models.len() + reports.len());
    for model in models {
        records.push(entry(RecordKind::Model, model.id.as_uuid(), model, None)?);
    }
    for report in reports {
        records.push(entry(
            RecordKind::Report,
            report.id.as_uuid(),
            report,
            None,
        )?);
    }
    store.write_system(records).await
}
