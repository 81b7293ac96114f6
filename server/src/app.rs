//! The router: `/api/*` and the built app, with the layers every answer gets.
use axum::Router;
use axum::extract::DefaultBodyLimit;
use tower_http::catch_panic::CatchPanicLayer;
use tower_http::trace::TraceLayer;

use crate::routes;
use crate::state::AppState;

/// The whole HTTP surface: `/api/*` and the built app.
pub fn router(state: AppState) -> Router {
    let body_limit = state.settings.body_limit;
    let dist = state.settings.dist.clone();
    Router::new()
        .nest("/api", routes::api(state))
        // `/api` and `/api/` are not the app's pages either.
        .route("/api", axum::routing::any(routes::not_found))
        .route("/api/", axum::routing::any(routes::not_found))
        .merge(routes::assets::router(&dist))
        .layer(DefaultBodyLimit::max(body_limit))
        .layer(TraceLayer::new_for_http())
        .layer(CatchPanicLayer::custom(routes::panic_response))
}
