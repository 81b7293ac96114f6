//! Who is signed in on this device, kept in browser storage so the app
//! works for weeks offline; and the device's own id.
//!
//! The session's secret is not here: it is in an HttpOnly cookie the
//! page's scripts cannot read (docs/security.md). What is kept is the
//! person (for working offline) and the device key, which the server
//! wants with the cookie. Signing out forgets the key at once, online or
//! not, so what stays in the browser no longer works.
use serde::{Deserialize, Serialize};
use shared::user::User;
use uuid::Uuid;

use crate::storage::{self, Loaded};

const SESSION: &str = "session";
const DEVICE: &str = "device";
/// A sign-out that could not reach the server: its cookie is ended on the
/// next sign-in screen with a connection.
const SIGN_OUT_PENDING: &str = "sign-out-pending";
/// Whether the server runs the demo commune (last known).
const DEMO: &str = "server-demo";

#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
pub struct Session {
    /// The device key sent with every API call (`shared::api::KEY_HEADER`).
    #[serde(default)]
    pub key: String,
    pub expires_at: chrono::DateTime<chrono::Utc>,
    pub user: User,
}

/// A session as stored, also reading what older versions kept.
#[derive(Deserialize)]
struct Kept {
    #[serde(flatten)]
    session: Session,
    /// Older versions kept the bearer token itself here.
    #[serde(default)]
    token: Option<String>,
}

pub fn current() -> Option<Session> {
    match storage::load::<Kept>(SESSION) {
        Loaded::Value(kept) => {
            if kept.token.is_some() {
                // Rewrite without the old token: it must not stay on the
                // device. With no key the server asks for a new sign-in
                // (the person's data stays).
                if let Err(error) = store(&kept.session) {
                    leptos::logging::warn!("old session not rewritten: {error}");
                }
            }
            Some(kept.session)
        }
        Loaded::Missing | Loaded::Corrupt => None,
    }
}

/// The device key of whoever is signed in, if anyone.
pub fn key() -> Option<String> {
    current().map(|s| s.key).filter(|k| !k.is_empty())
}

pub fn store(session: &Session) -> Result<(), gloo_storage::errors::StorageError> {
    storage::save(SESSION, session)
}

/// Forgets who is signed in and their key; their data stays under their
/// own namespace.
pub fn forget() {
    storage::remove(SESSION);
}

/// Marks (or clears) a sign-out the server has not heard of yet.
pub fn set_sign_out_pending(pending: bool) {
    if pending {
        if let Err(error) = storage::save(SIGN_OUT_PENDING, &true) {
            leptos::logging::warn!("pending sign-out not kept: {error}");
        }
    } else {
        storage::remove(SIGN_OUT_PENDING);
    }
}

pub fn sign_out_pending() -> bool {
    matches!(storage::load::<bool>(SIGN_OUT_PENDING), Loaded::Value(true))
}

/// Whether the server was last seen in demo mode.
pub fn demo() -> bool {
    matches!(storage::load::<bool>(DEMO), Loaded::Value(true))
}

pub fn set_demo(demo: bool) {
    if let Err(error) = storage::save(DEMO, &demo) {
        leptos::logging::warn!("demo flag not kept: {error}");
    }
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
