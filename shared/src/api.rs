//! API types shared by the server and the app.
use serde::{Deserialize, Serialize};

/// Body of `GET /api/health`.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub struct Health {
    pub status: String,
    pub version: String,
    pub store: String,
}

/// The one JSON error shape of the API: a stable machine code, and a
/// Vietnamese message fit to show a user.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub struct ApiError {
    pub code: String,
    pub message: String,
}
