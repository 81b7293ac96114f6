//! HTTP routes, one module per feature.
pub mod assets;
mod auth;
mod health;
mod records;

use std::any::Any;

use axum::Router;
use axum::response::{IntoResponse, Response};
use axum::routing::{get, post};
use tower_http::compression::CompressionLayer;

use crate::app::AppState;
use crate::error::AppError;

/// Everything under `/api`.
pub fn api(state: AppState) -> Router {
    Router::new()
        .route("/health", get(health::health))
        .route("/auth/login", post(auth::login))
        .route("/auth/logout", post(auth::logout))
        .route("/auth/me", get(auth::me))
        .route("/auth/password", post(auth::change_password))
        .route("/sync/push", post(crate::sync::routes::push))
        .route("/sync/pull", get(crate::sync::routes::pull))
        .route("/records/{id}", get(records::get))
        .route("/records/{id}/history", get(records::history))
        .fallback(not_found)
        .layer(CompressionLayer::new())
        .with_state(state)
}

async fn not_found() -> AppError {
    AppError::NotFound
}

/// A handler that panicked answers like any other internal error.
pub fn panic_response(_: Box<dyn Any + Send + 'static>) -> Response {
    tracing::error!("handler panicked");
    let body = shared::api::ApiError {
        code: "internal".into(),
        message: "Máy chủ gặp sự cố, vui lòng thử lại sau.".into(),
    };
    (
        axum::http::StatusCode::INTERNAL_SERVER_ERROR,
        axum::Json(body),
    )
        .into_response()
}
