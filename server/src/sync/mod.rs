//! Sync: `POST /api/sync/push` and `GET /api/sync/pull` (docs/sync.md).
pub mod apply;
pub mod routes;
