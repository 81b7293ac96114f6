//! HTTP routes, one module per feature.
pub mod assets;
mod health;

use std::any::Any;

use axum::Router;
use axum::response::{IntoResponse, Response};
use axum::routing::get;
use tower_http::compression::CompressionLayer;

use crate::app::AppState;
use crate::error::AppError;

/// Everything under `/api`.
pub fn api(state: AppState) -> Router {
    Router::new()
        .route("/health", get(health::health))
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
