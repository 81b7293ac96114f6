//! The state every handler shares: the store, the settings, the request budgets and the clock. Below the routes, so handlers and extractors
//! depend on it and nothing here depends on them.
use std::sync::Arc;

use chrono::{DateTime, Utc};

use crate::budget::Budget;
use crate::config::Settings;
use crate::store::{Store, StoreError};

/// Where handlers get "now": the system clock, or a test's clock.
pub type Clock = Arc<dyn Fn() -> DateTime<Utc> + Send + Sync>;

#[derive(Clone)]
pub struct AppState {
    pub store: Store,
    pub settings: Arc<Settings>,
    pub budget: Arc<Budget>,
    pub clock: Clock,
    /// The city summary's rows as last computed (`crate::city`).
    pub city_rows: Arc<crate::city::CityRows>,
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
        crate::auth::password::warm_up().await;
        let state = Self {
            store,
            budget: Arc::new(Budget::from_settings(&settings)),
            settings: Arc::new(settings),
            clock: system_clock(),
            city_rows: Arc::default(),
        };
        if state.settings.demo {
            let day = state
                .settings
                .demo_day
                .unwrap_or_else(|| state.now().date_naive());
            crate::demo::load(&state.store, day).await?;
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
