//! DVK's shared crate: what the browser and the server must agree on.
//!
//! Pure Rust for wasm32 and native. Nothing here reads the clock except
//! id creation; "today" is always a parameter.
pub mod api;
pub mod campaign;
pub mod city;
pub mod coverage;
pub mod dashboard;
pub mod deadline;
pub mod demo;
pub mod document;
pub mod evaluation;
pub mod field;
pub mod figures;
pub mod format;
pub mod ids;
pub mod lifecycle;
pub mod messages;
pub mod model;
pub mod model_listing;
mod model_validate;
pub mod org;
pub mod password;
pub mod photo;
pub mod progress;
pub mod queue;
pub mod replication;
pub mod report;
pub mod retention;
pub mod scope;
pub mod status;
pub mod sync;
pub mod user;
pub mod validate;

pub use validate::{ErrorCode, Errors, ErrorsExt, FieldError};

/// This build's version, the same in the app and the server of one
/// release: `DVK_BUILD_VERSION` when `cargo xtask release` set it
/// ("0.1.0+3f9c2ab"), else the crate's version.
pub const VERSION: &str = match option_env!("DVK_BUILD_VERSION") {
    Some(version) => version,
    None => env!("CARGO_PKG_VERSION"),
};

#[cfg(all(test, target_arch = "wasm32"))]
wasm_bindgen_test::wasm_bindgen_test_configure!(run_in_browser);
