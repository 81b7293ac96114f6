//! Loads the demo city (`shared::demo::city`: Thanh Miện and two sample
//! communes) into an empty store: its records at fresh sequence numbers,
//! and one account per role of Thanh Miện, all
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
use shared::demo::DemoData;
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
    Ok((RecordState::new(kind, id, fields), scope))
}

/// Loads the demo city as it stands on `day` (Thanh Miện and two sample
/// communes; their year is `day`'s year, each record where its story is
/// that day, with when each unit's data reached the server) once: a
/// commune already in the store is left as it is. The accounts are
/// Thanh Miện's and the city viewer's.
pub async fn load(store: &Store, day: NaiveDate) -> Result<(), StoreError> {
    let city = shared::demo::city(day).map_err(|e| StoreError::Corrupt(e.to_string()))?;
    for (i, data) in city.iter().enumerate() {
        let loaded = load_commune(store, data, day).await?;
        if loaded && i == 0 {
            add_users(store, data).await?;
        }
    }
    Ok(())
}

/// One demo commune's records; false if the commune was already there.
async fn load_commune(store: &Store, data: &DemoData, day: NaiveDate) -> Result<bool, StoreError> {
    let commune = data.commune.id.as_uuid();
    if store.record(commune).await?.is_some() {
        return Ok(false);
    }
    let arrived: HashMap<Uuid, DateTime<Utc>> =
        shared::demo::arrivals(data, day).into_iter().collect();
    let mut records = records_of(data)?;
    for (state, _) in &mut records {
        state.arrived_at = arrived.get(&state.id).copied();
    }
    let count = records.len();
    store.write_system(records).await?;
    tracing::info!(records = count, commune = %data.commune.name, "demo commune loaded");
    Ok(true)
}

/// Every record of a demo commune, filed where the shared rule says.
fn records_of(data: &DemoData) -> Result<Vec<(RecordState, Scope)>, StoreError> {
    let commune = data.commune.id.as_uuid();
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
    Ok(records)
}

/// The demo's accounts, all with the password [`DEMO_PASSWORD`].
async fn add_users(store: &Store, data: &DemoData) -> Result<(), StoreError> {
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
    tracing::info!(users = data.users.len(), "demo accounts created");
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
