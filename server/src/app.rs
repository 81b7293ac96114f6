//! The router and the state every handler shares.
use std::sync::Arc;

use axum::Router;
use axum::extract::DefaultBodyLimit;
use chrono::{DateTime, Utc};
use tower_http::catch_panic::CatchPanicLayer;
use tower_http::trace::TraceLayer;

use crate::auth::Limiter;
use crate::config::Settings;
use crate::routes;
use crate::store::{Store, StoreError};

/// Where handlers get "now": the system clock, or a test's clock.
pub type Clock = Arc<dyn Fn() -> DateTime<Utc> + Send + Sync>;

#[derive(Clone)]
pub struct AppState {
    pub store: Store,
    pub settings: Arc<Settings>,
    pub limiter: Arc<Limiter>,
    pub clock: Clock,
}

impl std::fmt::Debug for AppState {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        f.debug_struct("AppState")
            .field("store", &self.store)
            .finish_non_exhaustive()
    }
}

/// The one place the server reads the wall clock.
#[allow(clippy::disallowed_methods)]
pub fn system_clock() -> Clock {
    Arc::new(Utc::now)
}

impl AppState {
    /// Opens the store the settings name (running migrations) and, when
    /// asked, loads the demo commune.
    pub async fn open(settings: Settings) -> Result<Self, StoreError> {
        let store = Store::open(&settings).await?;
        let state = Self {
            store,
            settings: Arc::new(settings),
            limiter: Arc::new(Limiter::default()),
            clock: system_clock(),
        };
        if state.settings.demo {
            crate::demo::load(&state.store, state.now()).await?;
        }
        Ok(state)
    }

    /// Replaces the clock (tests move time forward to expire sessions).
    pub fn with_clock(mut self, clock: Clock) -> Self {
        self.clock = clock;
        self
    }

    pub fn now(&self) -> DateTime<Utc> {
        (self.clock)()
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
