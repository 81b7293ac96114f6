//! One integration test binary (one link of SurrealDB instead of many):
//! API routes in-process, the store on disk, and the app in a real Chromium.
#![allow(clippy::disallowed_methods)] // tests make their own ids and times
mod admin;
mod api;
mod auth;
mod authz;
mod browser;
mod city;
mod common;
mod concurrency;
mod config;
mod documents;
mod errors;
mod evidence;
mod openapi;
mod photos;
mod security;
mod sim;
mod store;
mod strict;
mod sync_api;
