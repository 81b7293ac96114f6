//! Loads the Thanh Miện demo commune (`shared::demo`) into an empty store:
//! its records at fresh sequence numbers, and one account per role, all
//! with the password [`DEMO_PASSWORD`]. Demo mode is for trying DVK out,
//! never for production.
use chrono::{DateTime, Utc};
use serde::Serialize;
use shared::sync::{RecordKind, RecordState, to_fields};
use uuid::Uuid;

use crate::auth::password;
use crate::auth::users::StoredUser;
use crate::store::records::Scope;
use crate::store::{Store, StoreError};

pub const DEMO_PASSWORD: &str = "dvk-demo-2025";

fn entry<T: Serialize>(
    kind: RecordKind,
    id: Uuid,
    value: &T,
    scope: Scope,
) -> Result<(RecordState, Scope), StoreError> {
    Ok((
        RecordState {
            kind,
            id,
            version: 0,
            fields: to_fields(value).map_err(|e| StoreError::Corrupt(e.to_string()))?,
            deleted: false,
            conflicts: Vec::new(),
        },
        scope,
    ))
}

/// Loads the demo once: does nothing if the demo commune is already there.
pub async fn load(store: &Store, _now: DateTime<Utc>) -> Result<(), StoreError> {
    let data = shared::demo::thanh_mien();
    let commune = data.commune.id.as_uuid();
    if store.record(commune).await?.is_some() {
        return Ok(());
    }
    let whole = Scope {
        commune,
        unit: None,
    };
    let of_unit = |unit: Uuid| Scope {
        commune,
        unit: Some(unit),
    };
    let mut records = vec![entry(
        RecordKind::Commune,
        commune,
        &data.commune,
        whole.clone(),
    )?];
    for unit in &data.units {
        records.push(entry(
            RecordKind::Unit,
            unit.id.as_uuid(),
            unit,
            whole.clone(),
        )?);
    }
    for campaign in &data.campaigns {
        records.push(entry(
            RecordKind::Campaign,
            campaign.id.as_uuid(),
            campaign,
            whole.clone(),
        )?);
    }
    for model in &data.models {
        records.push(entry(
            RecordKind::Model,
            model.id.as_uuid(),
            model,
            of_unit(model.unit_id.as_uuid()),
        )?);
    }
    for progress in &data.progress {
        records.push(entry(
            RecordKind::Progress,
            progress.id.as_uuid(),
            progress,
            of_unit(progress.unit_id.as_uuid()),
        )?);
    }
    for report in &data.reports {
        records.push(entry(
            RecordKind::Report,
            report.id.as_uuid(),
            report,
            of_unit(report.unit_id.as_uuid()),
        )?);
    }
    for evaluation in &data.evaluations {
        let unit = data
            .models
            .iter()
            .find(|m| m.id == evaluation.model_id)
            .map(|m| m.unit_id.as_uuid());
        records.push(entry(
            RecordKind::Evaluation,
            evaluation.id.as_uuid(),
            evaluation,
            Scope { commune, unit },
        )?);
    }
    let count = records.len();
    store.write_system(records).await?;
    let hash = password::hash(DEMO_PASSWORD).map_err(|e| StoreError::Corrupt(e.to_string()))?;
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
