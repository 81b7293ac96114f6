//! Who is signed in on this device, kept in browser storage so the app
//! works for weeks offline; and the device's own id.
//!
//! The session's secret is not here: it is in an HttpOnly cookie the
//! page's scripts cannot read (docs/security.md). What is kept is the
//! person (for working offline) and the device key, which the server
//! wants with the cookie. Signing out forgets the key at once, online or
//! not, so what stays in the browser no longer works.
use serde::{Deserialize, Serialize};
use shared::ids::UserId;
use shared::user::User;
use uuid::Uuid;

use crate::store::{self as storage, Loaded};

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

thread_local! {
    /// Who this page was opened for. The stored session is the browser's
    /// (like the cookie): after a sign-out and another person's sign-in in
    /// another tab it names someone else, and this page must not go on
    /// syncing with their key (docs/security.md).
    static PAGE_USER: std::cell::Cell<Option<UserId>> = const { std::cell::Cell::new(None) };
}

/// The stored session, and this page now belongs to its person.
pub fn open_page() -> Option<Session> {
    let session = current();
    PAGE_USER.with(|page| page.set(session.as_ref().map(|s| s.user.id)));
    session
}

/// Whether `session` is this page's person (any, before a page is bound).
fn of_this_page(session: &Session) -> bool {
    PAGE_USER
        .with(std::cell::Cell::get)
        .is_none_or(|id| id == session.user.id)
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

/// The device key of this page's person, if they are still the one
/// signed in. Without it the server answers 401 and this page asks its
/// person to sign in again.
pub fn key() -> Option<String> {
    current()
        .filter(of_this_page)
        .map(|s| s.key)
        .filter(|k| !k.is_empty())
}

pub fn store(session: &Session) -> Result<(), gloo_storage::errors::StorageError> {
    storage::save(SESSION, session)
}

/// Forgets who is signed in and their key; their data stays under their
/// own namespace.
pub fn forget() {
    // A page left open for someone who already signed out never signs
    // out the person who signed in after them.
    if current().is_none_or(|s| of_this_page(&s)) {
        storage::remove(SESSION);
    }
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
