//! Sign-in, sign-out, who am I, change password.
use std::net::SocketAddr;

use axum::Json;
use axum::extract::{ConnectInfo, FromRequestParts, State};
use axum::http::header::{SET_COOKIE, USER_AGENT};
use axum::http::request::Parts;
use axum::http::{HeaderMap, StatusCode};
use axum::response::{IntoResponse, Response};
use chrono::{DateTime, Utc};
use shared::api::{AuditKind, Code, LoginRequest, LoginResponse, Me, PasswordChange};

use crate::auth::session::{self, Device, Refused};
use crate::auth::{Session, limiter, password};
use crate::budget::Limited;
use crate::error::{ApiJson, AppError};
use crate::state::AppState;
use crate::store::audit::Origin;

/// The peer address, when the server runs with connect info (it does;
/// in-process tests do not, and share one bucket).
pub struct ClientAddr(pub String);

impl<S: Send + Sync> FromRequestParts<S> for ClientAddr {
    type Rejection = std::convert::Infallible;

    async fn from_request_parts(parts: &mut Parts, _: &S) -> Result<Self, Self::Rejection> {
        let address = parts
            .extensions
            .get::<ConnectInfo<SocketAddr>>()
            .map_or_else(|| "unknown".into(), |c| c.0.ip().to_string());
        Ok(ClientAddr(address))
    }
}

/// The browser's name for itself, shortened and printable (the admin's
/// session list shows it).
fn agent_of(headers: &HeaderMap) -> String {
    headers
        .get(USER_AGENT)
        .and_then(|v| v.to_str().ok())
        .unwrap_or_default()
        .chars()
        .filter(|c| !c.is_control())
        .take(160)
        .collect()
}

/// Every sign-in does the same work whether the username exists or not:
/// one look-up, one argon2 check (a dummy hash for an unknown name), and
/// on failure one audit line and one limiter entry. So neither the answer
/// nor its time tells which usernames exist.
pub async fn login(
    State(state): State<AppState>,
    ClientAddr(from): ClientAddr,
    headers: HeaderMap,
    ApiJson(request): ApiJson<LoginRequest>,
) -> Result<Response, Refused> {
    let now = state.now();
    let username = request.username.trim().to_lowercase();
    let keys = limiter::keys(&username, &from);
    let failures = state
        .store
        .signin_failures(&keys, limiter::window_start(now))
        .await?;
    if let Some(wait) = limiter::wait(&failures, now) {
        return Err(Refused::Limited(Limited {
            code: Code::RateLimited,
            retry_after: wait.to_std().unwrap_or_default(),
        }));
    }
    let stored = state.store.user_by_name(&username).await?;
    let hash = stored.as_ref().map(|s| s.password_hash.as_str());
    let valid = password::verify_blocking(&request.password, hash)
        .await
        .map_err(AppError::from)?;
    let origin = Origin {
        device: request.device_id,
        ..Origin::from_address(from.clone())
    };
    let stored = match stored {
        Some(stored) if valid => stored,
        known => {
            state
                .store
                .note_signin_failure(&keys, now, limiter::window_start(now))
                .await?;
            match &known {
                Some(known) => {
                    state
                        .store
                        .audit(&known.user, AuditKind::SignInFailed, &origin, "", now)
                        .await?;
                }
                None => {
                    state
                        .store
                        .audit_unknown_sign_in(&username, &origin, now)
                        .await?;
                }
            }
            tracing::info!(address = %from, "sign-in failed");
            return Err(AppError::of(Code::BadCredentials).into());
        }
    };
    if stored.user.disabled {
        return Err(AppError::of(Code::AccountDisabled).into());
    }
    state.store.clear_signin_failures(&keys[0]).await?;
    // A tablet handed to the next person: the session its cookie still
    // holds (signed out offline) ends now.
    if let Some(old) = session::cookie_token(&headers) {
        end_session(&state, old, &origin, now).await?;
    }
    let device = Device {
        id: request.device_id,
        agent: agent_of(&headers),
        cookie: request.cookie,
    };
    let opened = session::open(&state.store, &stored.user, &device, now).await?;
    state
        .store
        .audit(&stored.user, AuditKind::SignIn, &origin, "", now)
        .await?;
    tracing::info!(user = %stored.user.username, cookie = request.cookie, "signed in");
    let body = LoginResponse {
        token: (!request.cookie).then(|| opened.token.clone()),
        key: opened.key.clone(),
        expires_at: opened.expires_at,
        user: stored.user,
        demo: state.settings.demo,
    };
    let mut response = Json(body).into_response();
    if request.cookie
        && let Some(cookie) = session::set_cookie(&opened, now)
    {
        response.headers_mut().append(SET_COOKIE, cookie);
    }
    Ok(response)
}

/// Revokes the session a token names (its secret must be right; the
/// device key is not needed, so a device that forgot it can still end a
/// session it signed out of offline). False if the token names none.
async fn end_session(
    state: &AppState,
    token: &str,
    origin: &Origin,
    now: DateTime<Utc>,
) -> Result<bool, AppError> {
    let Some((id, stored)) = session::find(&state.store, token).await? else {
        return Ok(false);
    };
    state.store.revoke_session(id).await?;
    if !stored.revoked
        && let Some(owner) = state
            .store
            .user(shared::ids::UserId::from_uuid(stored.user))
            .await?
    {
        state
            .store
            .audit(&owner.user, AuditKind::SignOut, origin, "", now)
            .await?;
        tracing::info!(user = %owner.user.username, "signed out");
    }
    Ok(true)
}

/// Ends the session the request carries and tells the browser to drop
/// the cookie (204); 401 when it carries none that exists.
pub async fn logout(
    State(state): State<AppState>,
    ClientAddr(from): ClientAddr,
    headers: HeaderMap,
) -> Result<Response, AppError> {
    let ended = match session::presented(&headers) {
        Some(credentials) => {
            let origin = Origin::from_address(from);
            end_session(&state, credentials.token, &origin, state.now()).await?
        }
        None => false,
    };
    let answer = if ended {
        StatusCode::NO_CONTENT.into_response()
    } else {
        AppError::of(Code::Unauthorized).into_response()
    };
    Ok(session::with_cleared_cookie(answer))
}

pub async fn me(session: Session) -> Json<Me> {
    Json(Me {
        user: session.user,
        expires_at: session.expires_at,
    })
}

pub async fn change_password(
    State(state): State<AppState>,
    session: Session,
    ClientAddr(from): ClientAddr,
    ApiJson(change): ApiJson<PasswordChange>,
) -> Result<StatusCode, AppError> {
    let stored = state
        .store
        .user(session.user.id)
        .await?
        .ok_or(AppError::of(Code::Unauthorized))?;
    if !password::verify_blocking(&change.current, Some(&stored.password_hash)).await? {
        return Err(AppError::of(Code::BadCredentials));
    }
    let weak = shared::user::validate_password("new", &change.new);
    if !weak.is_empty() {
        return Err(AppError::invalid(weak));
    }
    let hash = password::hash_blocking(&change.new).await?;
    // Only the hash: a lock or a role change made meanwhile is kept.
    state.store.set_password_hash(stored.user.id, &hash).await?;
    // Every other device must sign in again with the new password.
    state
        .store
        .revoke_sessions_of(session.user.id, Some(session.id))
        .await?;
    let origin = Origin::from_address(from);
    state
        .store
        .audit(
            &session.user,
            AuditKind::PasswordChanged,
            &origin,
            "",
            state.now(),
        )
        .await?;
    Ok(StatusCode::NO_CONTENT)
}
