//! The router: `/api/*` and the built app, with the layers every answer gets.
use axum::Router;
use axum::extract::DefaultBodyLimit;
use axum::middleware::{from_fn, from_fn_with_state};
use tower_http::catch_panic::CatchPanicLayer;
use tower_http::trace::TraceLayer;

use crate::auth::origin;
use crate::state::AppState;
use crate::{budget, headers, routes};

/// The whole HTTP surface: `/api/*` and the built app.
pub fn router(state: AppState) -> Router {
    let body_limit = state.settings.body_limit;
    let dist = state.settings.dist.clone();
    let https = state.settings.tls().is_some();
    // Outermost first on the way in: the address budget, then the origin
    // check, before any handler (or the session look-up) runs.
    let api = routes::api(state.clone())
        .layer(from_fn(origin::same_origin_writes))
        .layer(from_fn_with_state(
            state.budget.clone(),
            budget::per_address,
        ));
    let app = Router::new()
        .nest("/api", api)
        // `/api` and `/api/` are not the app's pages either.
        .route("/api", axum::routing::any(routes::not_found))
        .route("/api/", axum::routing::any(routes::not_found))
        .merge(app_files(&dist))
        .layer(DefaultBodyLimit::max(body_limit))
        .layer(TraceLayer::new_for_http())
        .layer(CatchPanicLayer::custom(routes::panic_response));
    headers::layer(app, https)
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
