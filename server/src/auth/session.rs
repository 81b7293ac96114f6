//! Session tokens and the `Session` extractor every protected handler takes.
//!
//! A token is `<session id>.<secret>`. Scripts and tests send it as
//! `Authorization: Bearer`. The app holds a cookie session instead
//! (docs/security.md): the token lives in an HttpOnly cookie its scripts
//! cannot read, and a device key kept in the app's storage goes with each
//! request in [`KEY_HEADER`]; the server wants both, so a copied cookie is
//! useless without the key and a device that signed out offline (key
//! forgotten) holds nothing that works.
use axum::extract::FromRequestParts;
use axum::http::header::{AUTHORIZATION, COOKIE, SET_COOKIE};
use axum::http::request::Parts;
use axum::http::{HeaderMap, HeaderValue};
use axum::response::{IntoResponse, Response};
use base64::Engine as _;
use base64::engine::general_purpose::URL_SAFE_NO_PAD;
use chrono::{DateTime, Duration, Utc};
use sha2::{Digest, Sha256};
use shared::api::{Code, KEY_HEADER};
use shared::sync::rules::Actor;
use shared::user::User;
use uuid::Uuid;

use super::SESSION_DAYS;
use crate::budget::Limited;
use crate::error::AppError;
use crate::state::AppState;
use crate::store::users::StoredSession;
use crate::store::{Store, StoreError};

/// The cookie's name. `__Host-`: only this exact origin may set it
/// (Secure, Path=/, no Domain), so a neighbour on a shared parent domain
/// cannot plant one.
pub const COOKIE_NAME: &str = "__Host-dvk_session";

/// How stale `last_used_at` may get before a request writes it again.
const TOUCH_EVERY_MINUTES: i64 = 5;

/// A signed-in user, checked against the store on every request.
#[derive(Debug, Clone)]
pub struct Session {
    pub id: Uuid,
    pub user: User,
    pub expires_at: DateTime<Utc>,
}

impl Session {
    pub fn actor(&self) -> Actor {
        Actor::of(&self.user)
    }
}

fn digest(secret: &str) -> String {
    URL_SAFE_NO_PAD.encode(Sha256::digest(secret.as_bytes()))
}

fn random_secret() -> String {
    let mut bytes = [0u8; 32];
    argon2::password_hash::rand_core::RngCore::fill_bytes(
        &mut argon2::password_hash::rand_core::OsRng,
        &mut bytes,
    );
    URL_SAFE_NO_PAD.encode(bytes)
}

/// A session just started: the token (for the bearer answer or the
/// cookie) and, for a cookie session, the device key. Shown once.
#[derive(Clone)]
pub struct Opened {
    pub token: String,
    pub key: Option<String>,
    pub expires_at: DateTime<Utc>,
}

/// Who is signing in from where.
#[derive(Debug, Clone, Default)]
pub struct Device {
    pub id: Option<Uuid>,
    /// The User-Agent, shortened.
    pub agent: String,
    /// A cookie session with a device key (the app), or a bearer token.
    pub cookie: bool,
}

/// Starts a session.
pub async fn open(
    store: &Store,
    user: &User,
    device: &Device,
    now: DateTime<Utc>,
) -> Result<Opened, StoreError> {
    #[allow(clippy::disallowed_methods)] // a session id is made here, once
    let id = Uuid::now_v7();
    let secret = random_secret();
    let key = device.cookie.then(random_secret);
    let expires_at = now + Duration::days(SESSION_DAYS);
    store
        .put_session(
            id,
            &StoredSession {
                user: user.id.as_uuid(),
                secret_hash: digest(&secret),
                key_hash: key.as_deref().map(digest),
                device: device.id,
                agent: device.agent.clone(),
                created_at: now,
                last_used_at: Some(now),
                expires_at,
                revoked: false,
            },
        )
        .await?;
    Ok(Opened {
        token: format!("{id}.{secret}"),
        key,
        expires_at,
    })
}

/// What a request presented.
#[derive(Debug, Clone, Copy)]
pub struct Credentials<'a> {
    pub token: &'a str,
    pub key: Option<&'a str>,
}

/// The session a token names, if its secret is right (the device key is
/// not checked: [`verify`] does that).
pub async fn find(store: &Store, token: &str) -> Result<Option<(Uuid, StoredSession)>, AppError> {
    let Some((id, secret)) = token.split_once('.') else {
        return Ok(None);
    };
    let Ok(id) = id.parse::<Uuid>() else {
        return Ok(None);
    };
    let Some(stored) = store.within(store.session(id)).await? else {
        return Ok(None);
    };
    // Both sides are fixed-length digests of secrets: comparing them
    // tells nothing about the secret.
    Ok((stored.secret_hash.as_bytes() == digest(secret).as_bytes()).then_some((id, stored)))
}

/// Checks credentials at `now`.
pub async fn verify(
    store: &Store,
    credentials: Credentials<'_>,
    now: DateTime<Utc>,
) -> Result<Session, AppError> {
    let (id, stored) = find(store, credentials.token)
        .await?
        .ok_or(AppError::of(Code::Unauthorized))?;
    let key_ok = match (&stored.key_hash, credentials.key) {
        (None, _) => true,
        (Some(expected), Some(key)) => expected.as_bytes() == digest(key).as_bytes(),
        (Some(_), None) => false,
    };
    if stored.revoked || !key_ok {
        return Err(AppError::of(Code::Unauthorized));
    }
    if stored.expires_at <= now {
        return Err(AppError::of(Code::SessionExpired));
    }
    let user = store
        .within(store.user(shared::ids::UserId::from_uuid(stored.user)))
        .await?
        .ok_or(AppError::of(Code::Unauthorized))?
        .user;
    if user.disabled {
        return Err(AppError::of(Code::AccountDisabled));
    }
    let last = stored.last_used_at.unwrap_or(stored.created_at);
    if now - last >= Duration::minutes(TOUCH_EVERY_MINUTES) {
        // Bookkeeping for the admin's session list, never a reason to fail
        // the request: two requests of one device at once both touch the
        // same record, and the loser's write conflict is harmless (the
        // winner wrote the same minute).
        if let Err(error) = store.within(store.touch_session(id, now)).await {
            tracing::debug!(%error, "session last use not written");
        }
    }
    Ok(Session {
        id,
        user,
        expires_at: stored.expires_at,
    })
}

/// The session cookie's value, if the request carries one.
pub fn cookie_token(headers: &HeaderMap) -> Option<&str> {
    headers
        .get_all(COOKIE)
        .iter()
        .filter_map(|v| v.to_str().ok())
        .flat_map(|v| v.split(';'))
        .find_map(|pair| pair.trim().strip_prefix(COOKIE_NAME)?.strip_prefix('='))
}

/// The token a request carries: the bearer header first, else the cookie.
pub fn presented(headers: &HeaderMap) -> Option<Credentials<'_>> {
    let bearer = headers
        .get(AUTHORIZATION)
        .and_then(|v| v.to_str().ok())
        .and_then(bearer_token);
    let token = bearer.or_else(|| cookie_token(headers))?;
    let key = headers.get(KEY_HEADER).and_then(|v| v.to_str().ok());
    Some(Credentials { token, key })
}

/// `Set-Cookie` for a new cookie session.
pub fn set_cookie(opened: &Opened, now: DateTime<Utc>) -> Option<HeaderValue> {
    let seconds = (opened.expires_at - now).num_seconds().max(0);
    HeaderValue::from_str(&format!(
        "{COOKIE_NAME}={}; Path=/; Max-Age={seconds}; HttpOnly; Secure; SameSite=Strict",
        opened.token
    ))
    .ok()
}

/// `Set-Cookie` that removes the session cookie from the browser.
pub fn clear_cookie() -> HeaderValue {
    HeaderValue::from_static(
        "__Host-dvk_session=; Path=/; Max-Age=0; HttpOnly; Secure; SameSite=Strict",
    )
}

/// Adds the cookie-clearing header to an answer.
pub fn with_cleared_cookie(mut response: Response) -> Response {
    response.headers_mut().append(SET_COOKIE, clear_cookie());
    response
}

/// Why a protected request got no session: the API's error, or the
/// account's request budget is spent (429 with `Retry-After`).
#[derive(Debug)]
pub enum Refused {
    App(AppError),
    Limited(Limited),
}

impl From<AppError> for Refused {
    fn from(error: AppError) -> Self {
        Refused::App(error)
    }
}

impl From<StoreError> for Refused {
    fn from(error: StoreError) -> Self {
        Refused::App(error.into())
    }
}

impl IntoResponse for Refused {
    fn into_response(self) -> Response {
        match self {
            Refused::App(error) => error.into_response(),
            Refused::Limited(limited) => limited.into_response(),
        }
    }
}

impl FromRequestParts<AppState> for Session {
    type Rejection = Refused;

    async fn from_request_parts(
        parts: &mut Parts,
        state: &AppState,
    ) -> Result<Self, Self::Rejection> {
        let credentials = presented(&parts.headers).ok_or(AppError::of(Code::Unauthorized))?;
        let session = verify(&state.store, credentials, state.now()).await?;
        state
            .budget
            .spend_account(session.user.id.as_uuid())
            .map_err(Refused::Limited)?;
        Ok(session)
    }
}

/// The token of an `Authorization: Bearer <token>` header; the scheme is
/// case-insensitive (RFC 9110), the token is not.
fn bearer_token(header: &str) -> Option<&str> {
    let (scheme, token) = header.trim().split_once(' ')?;
    let token = token.trim();
    (scheme.eq_ignore_ascii_case("bearer") && !token.is_empty()).then_some(token)
}

#[cfg(test)]
mod tests {
    #[test]
    fn the_bearer_scheme_is_read_in_any_case() {
        use super::bearer_token;
        assert_eq!(bearer_token("Bearer a.b"), Some("a.b"));
        assert_eq!(bearer_token("bearer a.b"), Some("a.b"));
        assert_eq!(bearer_token("BEARER  a.b "), Some("a.b"));
        assert_eq!(bearer_token("Basic a.b"), None);
        assert_eq!(bearer_token("Bearer"), None);
        assert_eq!(bearer_token("Bearer "), None);
    }
}
