//! The city viewer's endpoints, computed here from the store with the
//! dashboard's shared functions (`shared::city`, `crate::city`), so the
//! viewer's tablet never needs every record of every commune:
//! `GET /api/city/summary`, the city's communes side by side, and
//! `GET /api/city/communes/{id}/dashboard`, one commune's dashboard.
use axum::Json;
use axum::extract::State;
use shared::api::Code;
use shared::city::{CitySummary, CommuneDashboard, may_get};
use uuid::Uuid;

use crate::auth::Session;
use crate::error::{ApiPath, AppError};
use crate::state::AppState;

/// The city of a city viewer; anyone else is refused.
fn city_of(session: &Session) -> Result<String, AppError> {
    let actor = session.actor();
    shared::scope::city_to_resolve(&actor)
        .filter(|_| may_get(actor.role))
        .map(str::to_owned)
        .ok_or(AppError::of(Code::Forbidden))
}

/// The summary of the caller's city on the server's today.
pub async fn summary(
    State(state): State<AppState>,
    session: Session,
) -> Result<Json<CitySummary>, AppError> {
    let city = city_of(&session)?;
    let now = state.now();
    Ok(Json(crate::city::summary(&state, &city, now).await?))
}

/// One commune of the caller's city, its dashboard on the server's today;
/// a commune of another city (or none) reads as missing.
pub async fn commune(
    State(state): State<AppState>,
    session: Session,
    ApiPath(id): ApiPath<Uuid>,
) -> Result<Json<CommuneDashboard>, AppError> {
    let city = city_of(&session)?;
    if !state.store.communes_of_city(&city).await?.contains(&id) {
        return Err(AppError::of(Code::NotFound));
    }
    crate::city::commune(&state, id, state.now())
        .await?
        .map(Json)
        .ok_or(AppError::of(Code::NotFound))
}
