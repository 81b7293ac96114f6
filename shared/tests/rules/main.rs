//! Rule tests of the shared crate; every test runs natively and, under
//! wasm-bindgen-test, in a headless browser.
#![allow(clippy::unwrap_used, clippy::expect_used)]

#[cfg(target_arch = "wasm32")]
wasm_bindgen_test::wasm_bindgen_test_configure!(run_in_browser);

mod campaign;
mod coverage;
mod deadline;
mod demo;
mod document;
mod figures;
mod fixtures;
mod format;
mod ids;
mod lifecycle;
mod model;
mod org_user;
mod password;
mod progress_report;
mod queue;
mod replication;
mod review;
mod scope;
mod status;
