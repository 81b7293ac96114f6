//! The router and the state every handler shares.
use std::sync::Arc;

use axum::Router;
use axum::extract::DefaultBodyLimit;
use tower_http::catch_panic::CatchPanicLayer;
use tower_http::trace::TraceLayer;

use crate::config::Settings;
use crate::routes;
use crate::store::{Store, StoreError};

#[derive(Clone, Debug)]
pub struct AppState {
    pub store: Store,
    pub settings: Arc<Settings>,
}

impl AppState {
    /// Opens the store the settings name (running migrations) and, when
    /// asked, loads the demo commune.
    pub async fn open(settings: Settings) -> Result<Self, StoreError> {
        let store = Store::open(&settings).await?;
        if settings.demo {
            crate::demo::load(&store).await?;
        }
        Ok(Self {
            store,
            settings: Arc::new(settings),
        })
    }
}

/// The whole HTTP surface: `/api/*` and the built app.
pub fn router(state: AppState) -> Router {
    let body_limit = state.settings.body_limit;
    let dist = state.settings.dist.clone();
    Router::new()
        .nest("/api", routes::api(state))
        .merge(routes::assets::router(&dist))
        .layer(DefaultBodyLimit::max(body_limit))
        .layer(TraceLayer::new_for_http())
        .layer(CatchPanicLayer::custom(routes::panic_response))
}
