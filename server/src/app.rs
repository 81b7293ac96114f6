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
        .merge(app_files(&dist))
        .layer(DefaultBodyLimit::max(body_limit))
        .layer(TraceLayer::new_for_http())
        .layer(CatchPanicLayer::custom(routes::panic_response))
}

/// The app's files: inside the binary for a release (`embed`), else `dist/`.
#[cfg(feature = "embed")]
fn app_files(_dist: &std::path::Path) -> Router {
    routes::assets::embedded::router()
}

#[cfg(not(feature = "embed"))]
fn app_files(dist: &std::path::Path) -> Router {
    routes::assets::router(dist)
}
