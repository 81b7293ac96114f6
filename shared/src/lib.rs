//! DVK's shared crate: what the browser and the server must agree on.
//!
//! Pure Rust for wasm32 and native. Nothing here reads the clock except
//! id creation; "today" is always a parameter.
pub mod api;
pub mod campaign;
pub mod coverage;
pub mod deadline;
pub mod demo;
pub mod evaluation;
pub mod field;
pub mod format;
pub mod ids;
pub mod lifecycle;
pub mod messages;
pub mod model;
mod model_validate;
pub mod org;
pub mod progress;
pub mod report;
pub mod retention;
pub mod scope;
pub mod status;
pub mod sync;
pub mod user;
pub mod validate;

pub use validate::{ErrorCode, Errors, ErrorsExt, FieldError};

#[cfg(all(test, target_arch = "wasm32"))]
wasm_bindgen_test::wasm_bindgen_test_configure!(run_in_browser);
