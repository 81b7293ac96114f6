//! DVK's shared crate: what the browser and the server must agree on.
pub mod api;
