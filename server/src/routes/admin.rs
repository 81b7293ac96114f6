//! A commune admin's account management: list, create, change (role, unit,
//! name, disabled), reset a password; and the account audit. Only an admin,
//! and only for accounts of their own commune.
use axum::Json;
use axum::extract::State;
use axum::http::StatusCode;
use serde::Deserialize;
use shared::api::{AuditEvent, AuditKind, Code, NewUser, PasswordReset, UserUpdate};
use shared::ids::{CommuneId, UnitId, UserId};
use shared::sync::RecordKind;
use shared::user::{Role, User, check_commune_account, validate_password};
use shared::validate::FieldError;
use uuid::Uuid;

use crate::auth::{Session, password};
use crate::error::{ApiJson, ApiPath, ApiQuery, AppError};
use crate::routes::auth::ClientAddr;
use crate::state::AppState;
use crate::store::audit::Origin;
use crate::store::users::StoredUser;

pub(super) fn admin_commune(session: &Session) -> Result<CommuneId, AppError> {
    match (session.user.role, session.user.commune_id) {
        (Role::Admin, Some(commune)) => Ok(commune),
        _ => Err(AppError::of(Code::Forbidden)),
    }
}

pub(super) fn origin(session: &Session, address: String) -> Origin {
    Origin {
        actor: Some(session.user.username.clone()),
        ..Origin::from_address(address)
    }
}

/// An account of the admin's commune, or 404 (another commune's accounts do not exist here).
pub(super) async fn account(
    state: &AppState,
    commune: CommuneId,
    id: Uuid,
) -> Result<StoredUser, AppError> {
    state
        .store
        .user(UserId::from_uuid(id))
        .await?
        .filter(|s| s.user.commune_id == Some(commune))
        .ok_or(AppError::of(Code::NotFound))
}

/// The shared account rules, with the unit looked up in `commune`.
async fn check_account(
    state: &AppState,
    user: &mut User,
    commune: CommuneId,
) -> Result<Vec<FieldError>, AppError> {
    let unit_ok = match user.unit_id {
        Some(unit) => unit_in_commune(state, unit, commune).await?,
        None => true,
    };
    Ok(check_commune_account(user, unit_ok))
}

async fn unit_in_commune(
    state: &AppState,
    unit: UnitId,
    commune: CommuneId,
) -> Result<bool, AppError> {
    let record = state.store.record(unit.as_uuid()).await?;
    Ok(record.is_some_and(|r| {
        r.state.kind == RecordKind::Unit
            && !r.state.deleted
            && r.state.fields.get("commune_id") == Some(&serde_json::json!(commune))
    }))
}

pub async fn list(
    State(state): State<AppState>,
    session: Session,
) -> Result<Json<Vec<User>>, AppError> {
    let commune = admin_commune(&session)?;
    Ok(Json(state.store.users_of_commune(commune.as_uuid()).await?))
}

pub async fn create(
    State(state): State<AppState>,
    session: Session,
    ClientAddr(address): ClientAddr,
    ApiJson(new): ApiJson<NewUser>,
) -> Result<(StatusCode, Json<User>), AppError> {
    let commune = admin_commune(&session)?;
    let mut user = User {
        id: UserId::new(),
        commune_id: Some(commune),
        city: None,
        unit_id: new.unit_id,
        // Validated as typed (docs/api.md: lower-case ASCII), never folded.
        username: new.username.trim().to_owned(),
        full_name: new.full_name.trim().to_owned(),
        role: new.role,
        disabled: false,
    };
    let mut errors = check_account(&state, &mut user, commune).await?;
    errors.extend(validate_password("password", &new.password));
    if !errors.is_empty() {
        return Err(AppError::invalid(errors));
    }
    if state.store.user_by_name(&user.username).await?.is_some() {
        return Err(AppError::with(
            Code::UsernameTaken,
            shared::messages::username_taken(&user.username),
        ));
    }
    let stored = StoredUser {
        user: user.clone(),
        password_hash: password::hash_blocking(&new.password).await?,
    };
    state.store.put_user(&stored).await?;
    let now = state.now();
    state
        .store
        .audit(
            &user,
            AuditKind::UserCreated,
            &origin(&session, address),
            user.role.label(),
            now,
        )
        .await?;
    tracing::info!(admin = %session.user.username, user = %user.username, "account created");
    Ok((StatusCode::CREATED, Json(user)))
}

pub async fn update(
    State(state): State<AppState>,
    session: Session,
    ApiPath(id): ApiPath<Uuid>,
    ClientAddr(address): ClientAddr,
    ApiJson(change): ApiJson<UserUpdate>,
) -> Result<Json<User>, AppError> {
    let commune = admin_commune(&session)?;
    let stored = account(&state, commune, id).await?;
    let before = stored.user.clone();
    if before.id == session.user.id && (change.role != Role::Admin || change.disabled) {
        return Err(AppError::of(Code::CannotChangeSelf));
    }
    let mut after = before.clone();
    after.full_name = change.full_name.trim().to_owned();
    after.role = change.role;
    after.unit_id = change.unit_id;
    after.disabled = change.disabled;
    let errors = check_account(&state, &mut after, commune).await?;
    if !errors.is_empty() {
        return Err(AppError::invalid(errors));
    }
    if after == before {
        return Ok(Json(after));
    }
    // Only the account's details: a password changed meanwhile is kept.
    state.store.set_user_details(&after).await?;
    let unit_name =
        |unit: Option<UnitId>| unit.map(|u| u.to_string()).unwrap_or_else(|| "—".into());
    let mut events = Vec::new();
    if before.role != after.role {
        events.push((
            AuditKind::RoleChanged,
            format!("{} → {}", before.role.label(), after.role.label()),
        ));
    }
    if before.unit_id != after.unit_id {
        events.push((
            AuditKind::UnitChanged,
            format!(
                "{} → {}",
                unit_name(before.unit_id),
                unit_name(after.unit_id)
            ),
        ));
    }
    if before.full_name != after.full_name {
        events.push((
            AuditKind::NameChanged,
            format!("{} → {}", before.full_name, after.full_name),
        ));
    }
    if before.disabled != after.disabled {
        let kind = if after.disabled {
            AuditKind::Disabled
        } else {
            AuditKind::Enabled
        };
        events.push((kind, String::new()));
    }
    let now = state.now();
    let from = origin(&session, address);
    for (kind, detail) in &events {
        state.store.audit(&after, *kind, &from, detail, now).await?;
    }
    // A new role, unit or a lock takes effect on every device now: they
    // sign in again (their unsent changes stay on the device).
    if before.role != after.role || before.unit_id != after.unit_id || after.disabled {
        state.store.revoke_sessions_of(after.id, None).await?;
    }
    Ok(Json(after))
}

pub async fn reset_password(
    State(state): State<AppState>,
    session: Session,
    ApiPath(id): ApiPath<Uuid>,
    ClientAddr(address): ClientAddr,
    ApiJson(reset): ApiJson<PasswordReset>,
) -> Result<StatusCode, AppError> {
    let commune = admin_commune(&session)?;
    let stored = account(&state, commune, id).await?;
    let errors = validate_password("new", &reset.new);
    if !errors.is_empty() {
        return Err(AppError::invalid(errors));
    }
    let hash = password::hash_blocking(&reset.new).await?;
    state.store.set_password_hash(stored.user.id, &hash).await?;
    // Every device signs in again, except the admin's own current one.
    let keep = (stored.user.id == session.user.id).then_some(session.id);
    state.store.revoke_sessions_of(stored.user.id, keep).await?;
    let now = state.now();
    state
        .store
        .audit(
            &stored.user,
            AuditKind::PasswordReset,
            &origin(&session, address),
            "",
            now,
        )
        .await?;
    Ok(StatusCode::NO_CONTENT)
}

#[derive(Debug, Deserialize)]
pub struct AuditParams {
    user: Option<Uuid>,
    limit: Option<u32>,
}

pub async fn audit(
    State(state): State<AppState>,
    session: Session,
    ApiQuery(params): ApiQuery<AuditParams>,
) -> Result<Json<Vec<AuditEvent>>, AppError> {
    let commune = admin_commune(&session)?;
    let limit = params.limit.unwrap_or(200).clamp(1, 1000);
    Ok(Json(
        state
            .store
            .audit_events(commune.as_uuid(), params.user, limit)
            .await?,
    ))
}
