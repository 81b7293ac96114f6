//! An account's open sessions, for its commune's admin: each one's
//! device, browser and last use; and ending them all (a lost tablet, a
//! person who left). Never a secret.
use axum::Json;
use axum::extract::State;
use axum::http::StatusCode;
use shared::api::{AuditKind, SessionInfo};
use uuid::Uuid;

use super::admin::{account, admin_commune, origin};
use crate::auth::Session;
use crate::error::{ApiPath, AppError};
use crate::routes::auth::ClientAddr;
use crate::state::AppState;

/// `GET /api/admin/users/{id}/sessions`: the sessions that still work.
pub async fn list(
    State(state): State<AppState>,
    session: Session,
    ApiPath(id): ApiPath<Uuid>,
) -> Result<Json<Vec<SessionInfo>>, AppError> {
    let commune = admin_commune(&session)?;
    let stored = account(&state, commune, id).await?;
    let open = state
        .store
        .open_sessions_of(stored.user.id, state.now())
        .await?;
    Ok(Json(
        open.into_iter()
            .map(|s| SessionInfo {
                device: s.device,
                agent: s.agent,
                created_at: s.created_at,
                last_used_at: s.last_used_at.unwrap_or(s.created_at),
                expires_at: s.expires_at,
            })
            .collect(),
    ))
}

/// `DELETE /api/admin/users/{id}/sessions`: every device of the account
/// signs in again (its unsent changes stay on the device). An admin
/// ending their own keeps the one they are using.
pub async fn end_all(
    State(state): State<AppState>,
    session: Session,
    ApiPath(id): ApiPath<Uuid>,
    ClientAddr(address): ClientAddr,
) -> Result<StatusCode, AppError> {
    let commune = admin_commune(&session)?;
    let stored = account(&state, commune, id).await?;
    let keep = (stored.user.id == session.user.id).then_some(session.id);
    state.store.revoke_sessions_of(stored.user.id, keep).await?;
    state
        .store
        .audit(
            &stored.user,
            AuditKind::SessionsEnded,
            &origin(&session, address),
            "",
            state.now(),
        )
        .await?;
    tracing::info!(admin = %session.user.username, user = %stored.user.username, "sessions ended");
    Ok(StatusCode::NO_CONTENT)
}
