//! DVK server: the JSON API and the built app, over SurrealDB.
pub mod app;
pub mod auth;
pub mod budget;
pub mod city;
pub mod config;
pub mod control;
pub mod demo;
pub mod error;
pub mod headers;
pub mod routes;
pub mod setup;
pub mod state;
pub mod store;
pub mod sync;

pub use app::router;
pub use config::Settings;
pub use error::AppError;
pub use state::AppState;
pub use store::Store;
