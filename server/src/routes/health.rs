//! `GET /api/health`: is the server up and can it reach its store.
use axum::extract::State;
use axum::http::StatusCode;
use shared::api::Health;

use crate::error::ApiJson;
use crate::state::AppState;

pub async fn health(State(state): State<AppState>) -> (StatusCode, ApiJson<Health>) {
    let up = state.store.ping().await;
    let status = if up {
        StatusCode::OK
    } else {
        StatusCode::SERVICE_UNAVAILABLE
    };
    let body = Health {
        status: if up { "ok" } else { "store_unreachable" }.into(),
        version: shared::VERSION.into(),
        store: state.store.kind().into(),
        demo: state.settings.demo,
    };
    (status, ApiJson(body))
}
