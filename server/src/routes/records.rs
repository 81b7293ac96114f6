//! Reading one record and its audit trail.
use axum::Json;
use axum::extract::State;
use serde_json::Value;
use shared::scope::may_see;
use shared::sync::RecordState;
use uuid::Uuid;

use crate::auth::Session;
use crate::error::{ApiPath, AppError};
use crate::state::AppState;
use shared::api::Code;

async fn visible(state: &AppState, session: &Session, id: Uuid) -> Result<RecordState, AppError> {
    let (record, scope) = state
        .store
        .record_with_scope(id)
        .await?
        .ok_or(AppError::of(Code::NotFound))?;
    let actor = session.actor();
    let city = state.store.city_communes(&actor).await?;
    // Someone else's record reads as missing, not as forbidden.
    if may_see(&actor, &city, &scope) {
        Ok(record.state)
    } else {
        Err(AppError::of(Code::NotFound))
    }
}

pub async fn get(
    State(state): State<AppState>,
    session: Session,
    ApiPath(id): ApiPath<Uuid>,
) -> Result<Json<RecordState>, AppError> {
    Ok(Json(visible(&state, &session, id).await?))
}

pub async fn history(
    State(state): State<AppState>,
    session: Session,
    ApiPath(id): ApiPath<Uuid>,
) -> Result<Json<Vec<Value>>, AppError> {
    visible(&state, &session, id).await?;
    Ok(Json(state.store.history(id).await?))
}
