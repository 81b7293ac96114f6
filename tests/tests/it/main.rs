//! One integration test binary (one link of SurrealDB instead of many):
//! API routes in-process, the store on disk, and the app in a real Chromium.
#![allow(clippy::disallowed_methods)] // tests make their own ids and times
mod admin;
mod api;
mod auth;
mod authz;
mod browser;
mod common;
mod config;
mod security;
mod sim;
mod store;
mod sync_api;
