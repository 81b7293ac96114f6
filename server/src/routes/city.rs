//! `GET /api/city/summary`: the city viewer's communes side by side,
//! computed here from the store with the dashboard's shared functions
//! (`shared::city`), one commune's records at a time, so the viewer's
//! tablet never needs every record of every commune. A commune's row is
//! kept (`crate::city::CityRows`) until one of its records changes or the
//! day does.
use axum::Json;
use axum::extract::State;
use shared::api::Code;
use shared::city::{CitySummary, city_summary, commune_row, may_get};
use shared::figures::CommuneRecords;
use shared::ids::CommuneId;

use crate::auth::Session;
use crate::error::AppError;
use crate::state::AppState;

/// The summary of the caller's city on the server's today.
pub async fn summary(
    State(state): State<AppState>,
    session: Session,
) -> Result<Json<CitySummary>, AppError> {
    let actor = session.actor();
    let Some(city) = shared::scope::city_to_resolve(&actor).filter(|_| may_get(actor.role)) else {
        return Err(AppError::of(Code::Forbidden));
    };
    let now = state.now();
    let today = now.date_naive();
    let mut rows = Vec::new();
    for commune in state.store.communes_of_city(city).await? {
        let head = state.store.commune_head(commune).await?;
        if let Some(kept) = state.city_rows.get(commune, head, today) {
            rows.extend(kept);
            continue;
        }
        let records = state.store.live_records(commune).await?;
        let (records, unreadable) = CommuneRecords::from_states(records);
        if unreadable > 0 {
            // Left out of the figures, like the device does; said in the log.
            tracing::warn!(unreadable, %commune, "city summary: records that no longer read as their kind");
        }
        let row = commune_row(&records, CommuneId::from_uuid(commune), today);
        state.city_rows.put(commune, head, today, row.clone());
        rows.extend(row);
    }
    Ok(Json(city_summary(city, rows, today, now)))
}
