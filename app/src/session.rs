//! Who is signed in on this device, kept in browser storage so the app
//! works for weeks offline; and the device's own id.
use serde::{Deserialize, Serialize};
use shared::user::User;
use uuid::Uuid;

use crate::store::{self as storage, Loaded};

const SESSION: &str = "session";
const DEVICE: &str = "device";

#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
pub struct Session {
    pub token: String,
    pub expires_at: chrono::DateTime<chrono::Utc>,
    pub user: User,
}

pub fn current() -> Option<Session> {
    match storage::load::<Session>(SESSION) {
        Loaded::Value(session) => Some(session),
        Loaded::Missing | Loaded::Corrupt => None,
    }
}

pub fn store(session: &Session) -> Result<(), gloo_storage::errors::StorageError> {
    storage::save(SESSION, session)
}

/// Forgets who is signed in; their data stays under their own namespace.
pub fn forget() {
    storage::remove(SESSION);
}

/// This device's id, made once (if it cannot be kept, each page load
/// acts as a new device, which the server handles like any other).
#[allow(clippy::disallowed_methods)] // an adapter: the browser's clock makes the id
pub fn device_id() -> Uuid {
    match storage::load::<Uuid>(DEVICE) {
        Loaded::Value(id) => id,
        Loaded::Missing | Loaded::Corrupt => {
            let id = Uuid::now_v7();
            if let Err(error) = storage::save(DEVICE, &id) {
                leptos::logging::warn!("device id not kept: {error}");
            }
            id
        }
    }
}
