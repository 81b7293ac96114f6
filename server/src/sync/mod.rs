//! Sync: `POST /api/sync/push` and `GET /api/sync/pull` (docs/sync.md).
pub mod apply;
mod context;
pub mod routes;
pub mod writer;
