//! Reading one record and its audit trail.
use axum::Json;
use axum::extract::{Path, State};
use serde_json::Value;
use shared::sync::RecordState;
use shared::user::Role;
use uuid::Uuid;

use crate::app::AppState;
use crate::auth::Session;
use crate::error::AppError;
use crate::store::records::Scope;

/// Whether the session may see a record of this scope (the shared rule,
/// plus the city viewer's communes, which only the server knows).
fn may_see(session: &Session, scope: &Scope, city_communes: &[Uuid]) -> bool {
    match session.user.role {
        Role::CityViewer => city_communes.contains(&scope.commune),
        _ => shared::sync::rules::may_see(&session.actor(), scope.commune, scope.unit),
    }
}

async fn visible(state: &AppState, session: &Session, id: Uuid) -> Result<RecordState, AppError> {
    let (record, scope) = state
        .store
        .record_with_scope(id)
        .await?
        .ok_or(AppError::NotFound)?;
    let city = match (&session.user.role, &session.user.city) {
        (Role::CityViewer, Some(city)) => state.store.communes_of_city(city).await?,
        _ => Vec::new(),
    };
    // Someone else's record reads as missing, not as forbidden.
    if may_see(session, &scope, &city) {
        Ok(record.state)
    } else {
        Err(AppError::NotFound)
    }
}

pub async fn get(
    State(state): State<AppState>,
    session: Session,
    Path(id): Path<Uuid>,
) -> Result<Json<RecordState>, AppError> {
    Ok(Json(visible(&state, &session, id).await?))
}

pub async fn history(
    State(state): State<AppState>,
    session: Session,
    Path(id): Path<Uuid>,
) -> Result<Json<Vec<Value>>, AppError> {
    visible(&state, &session, id).await?;
    Ok(Json(state.store.history(id).await?))
}
