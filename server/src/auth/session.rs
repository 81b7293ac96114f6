//! Session tokens and the `Session` extractor every protected handler takes.
use axum::extract::FromRequestParts;
use axum::http::header::AUTHORIZATION;
use axum::http::request::Parts;
use base64::Engine as _;
use base64::engine::general_purpose::URL_SAFE_NO_PAD;
use chrono::{DateTime, Duration, Utc};
use sha2::{Digest, Sha256};
use shared::sync::rules::Actor;
use shared::user::User;
use uuid::Uuid;

use super::SESSION_DAYS;
use crate::error::AppError;
use crate::state::AppState;
use crate::store::users::StoredSession;
use crate::store::{Store, StoreError};
use shared::api::Code;

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

fn secret_hash(secret: &str) -> String {
    let digest = Sha256::digest(secret.as_bytes());
    URL_SAFE_NO_PAD.encode(digest)
}

/// Starts a session; returns the token (shown once) and its expiry.
pub async fn open(
    store: &Store,
    user: &User,
    device: Option<Uuid>,
    now: DateTime<Utc>,
) -> Result<(String, DateTime<Utc>), StoreError> {
    #[allow(clippy::disallowed_methods)] // a session id is made here, once
    let id = Uuid::now_v7();
    let mut bytes = [0u8; 32];
    argon2::password_hash::rand_core::RngCore::fill_bytes(
        &mut argon2::password_hash::rand_core::OsRng,
        &mut bytes,
    );
    let secret = URL_SAFE_NO_PAD.encode(bytes);
    let expires_at = now + Duration::days(SESSION_DAYS);
    store
        .put_session(
            id,
            &StoredSession {
                user: user.id.as_uuid(),
                secret_hash: secret_hash(&secret),
                device,
                created_at: now,
                expires_at,
                revoked: false,
            },
        )
        .await?;
    Ok((format!("{id}.{secret}"), expires_at))
}

/// Checks a bearer token at `now`.
pub async fn verify(store: &Store, token: &str, now: DateTime<Utc>) -> Result<Session, AppError> {
    let (id, secret) = token
        .split_once('.')
        .ok_or(AppError::of(Code::Unauthorized))?;
    let id: Uuid = id.parse().map_err(|_| AppError::of(Code::Unauthorized))?;
    let stored = store
        .session(id)
        .await?
        .ok_or(AppError::of(Code::Unauthorized))?;
    let expected = secret_hash(secret);
    // Constant-time enough: both are fixed-length digests of secrets.
    if stored.revoked || stored.secret_hash.as_bytes() != expected.as_bytes() {
        return Err(AppError::of(Code::Unauthorized));
    }
    if stored.expires_at <= now {
        return Err(AppError::of(Code::SessionExpired));
    }
    let user = store
        .user(shared::ids::UserId::from_uuid(stored.user))
        .await?
        .ok_or(AppError::of(Code::Unauthorized))?
        .user;
    if user.disabled {
        return Err(AppError::of(Code::AccountDisabled));
    }
    Ok(Session {
        id,
        user,
        expires_at: stored.expires_at,
    })
}

impl FromRequestParts<AppState> for Session {
    type Rejection = AppError;

    async fn from_request_parts(
        parts: &mut Parts,
        state: &AppState,
    ) -> Result<Self, Self::Rejection> {
        let header = parts
            .headers
            .get(AUTHORIZATION)
            .and_then(|v| v.to_str().ok())
            .ok_or(AppError::of(Code::Unauthorized))?;
        let token = header
            .strip_prefix("Bearer ")
            .ok_or(AppError::of(Code::Unauthorized))?;
        verify(&state.store, token.trim(), state.now()).await
    }
}
