//! Sign-in, sign-out, who am I, change password.
use std::net::SocketAddr;

use axum::Json;
use axum::extract::{ConnectInfo, FromRequestParts, State};
use axum::http::StatusCode;
use axum::http::request::Parts;
use shared::api::{AuditKind, Code, LoginRequest, LoginResponse, Me, PasswordChange};

use crate::auth::{Session, password, session};
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

pub async fn login(
    State(state): State<AppState>,
    ClientAddr(from): ClientAddr,
    ApiJson(request): ApiJson<LoginRequest>,
) -> Result<Json<LoginResponse>, AppError> {
    let now = state.now();
    let username = request.username.trim().to_lowercase();
    if !state.limiter.allowed(&username, &from, now) {
        return Err(AppError::of(Code::RateLimited));
    }
    let stored = state.store.user_by_name(&username).await?;
    let valid = match &stored {
        Some(stored) => password::verify(&request.password, &stored.password_hash),
        None => {
            password::dummy_verify(&request.password);
            false
        }
    };
    let origin = Origin {
        device: request.device_id,
        ..Origin::from_address(from.clone())
    };
    let stored = match stored {
        Some(stored) if valid => stored,
        known => {
            state.limiter.failed(&username, &from, now);
            if let Some(known) = &known {
                state
                    .store
                    .audit(&known.user, AuditKind::SignInFailed, &origin, "", now)
                    .await?;
            }
            return Err(AppError::of(Code::BadCredentials));
        }
    };
    if stored.user.disabled {
        return Err(AppError::of(Code::AccountDisabled));
    }
    state.limiter.succeeded(&username);
    let (token, expires_at) =
        session::open(&state.store, &stored.user, request.device_id, now).await?;
    state
        .store
        .audit(&stored.user, AuditKind::SignIn, &origin, "", now)
        .await?;
    tracing::info!(user = %stored.user.username, "signed in");
    Ok(Json(LoginResponse {
        token,
        expires_at,
        user: stored.user,
    }))
}

pub async fn logout(
    State(state): State<AppState>,
    session: Session,
    ClientAddr(from): ClientAddr,
) -> Result<StatusCode, AppError> {
    state.store.revoke_session(session.id).await?;
    let origin = Origin::from_address(from);
    state
        .store
        .audit(&session.user, AuditKind::SignOut, &origin, "", state.now())
        .await?;
    tracing::info!(user = %session.user.username, "signed out");
    Ok(StatusCode::NO_CONTENT)
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
    if !password::verify(&change.current, &stored.password_hash) {
        return Err(AppError::of(Code::BadCredentials));
    }
    let weak = shared::user::validate_password("new", &change.new);
    if !weak.is_empty() {
        return Err(AppError::invalid(weak));
    }
    let hash = password::hash(&change.new)?;
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
