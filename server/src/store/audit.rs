//! The account audit (`auth_event`): sign-ins, failed sign-ins, sign-outs,
//! password changes and resets, account creation, role, unit and name
//! changes, disabling and enabling, each with the server's time. Record
//! changes have their own history (`/api/records/{id}/history`).
use chrono::{DateTime, Utc};
use serde_json::json;
use shared::api::{AuditEvent, AuditKind};
use shared::user::User;
use uuid::Uuid;

use super::{Store, StoreError};

/// Where a change came from, besides the account itself.
#[derive(Debug, Clone, Default)]
pub struct Origin {
    /// The admin who made it (None: the account itself).
    pub actor: Option<String>,
    pub device: Option<Uuid>,
    pub address: Option<String>,
}

impl Origin {
    /// The account itself, from this address.
    #[must_use]
    pub fn from_address(address: String) -> Origin {
        Origin {
            actor: None,
            device: None,
            address: Some(address),
        }
    }
}

impl Store {
    /// Writes one audit line. An audit write failing fails the request: an
    /// account change that cannot be audited is not made.
    pub async fn audit(
        &self,
        user: &User,
        kind: AuditKind,
        origin: &Origin,
        detail: &str,
        at: DateTime<Utc>,
    ) -> Result<(), StoreError> {
        let event = AuditEvent {
            at,
            kind,
            user_id: Some(user.id),
            username: user.username.clone(),
            actor: origin.actor.clone(),
            device: origin.device,
            address: origin.address.clone(),
            detail: detail.to_owned(),
        };
        self.db
            .query("CREATE auth_event CONTENT { at: <datetime> $at, commune: $commune, user: $user, event: $event }")
            .bind(json!({
                "at": at.to_rfc3339(),
                "commune": user.commune_id.map(|c| c.to_string()),
                "user": user.id.to_string(),
                "event": event,
            }))
            .await?
            .check()?;
        Ok(())
    }

    /// A failed sign-in with a username that has no account: the name as
    /// typed (shortened), never the password. Kept with no commune, and
    /// shown in every commune admin's list (the attempts are against the
    /// server they all use).
    pub async fn audit_unknown_sign_in(
        &self,
        username: &str,
        origin: &Origin,
        at: DateTime<Utc>,
    ) -> Result<(), StoreError> {
        let event = AuditEvent {
            at,
            kind: AuditKind::SignInFailed,
            user_id: None,
            username: username.chars().take(64).collect(),
            actor: None,
            device: origin.device,
            address: origin.address.clone(),
            detail: String::new(),
        };
        self.db
            .query("CREATE auth_event CONTENT { at: <datetime> $at, commune: NULL, user: NULL, event: $event }")
            .bind(json!({ "at": at.to_rfc3339(), "event": event }))
            .await?
            .check()?;
        Ok(())
    }

    /// The newest `limit` events of a commune, or of one account in it.
    pub async fn audit_events(
        &self,
        commune: Uuid,
        user: Option<Uuid>,
        limit: u32,
    ) -> Result<Vec<AuditEvent>, StoreError> {
        let query = if user.is_some() {
            "SELECT VALUE event FROM auth_event WHERE user = $user AND commune = $commune ORDER BY at DESC LIMIT $limit"
        } else {
            "SELECT VALUE event FROM auth_event WHERE commune = $commune OR user = NULL ORDER BY at DESC LIMIT $limit"
        };
        let mut response = self
            .db
            .query(query)
            .bind(json!({
                "commune": commune.to_string(),
                "user": user.map(|u| u.to_string()),
                "limit": limit,
            }))
            .await?
            .check()?;
        let events: Vec<serde_json::Value> = response.take(0)?;
        events
            .into_iter()
            .map(|e| serde_json::from_value(e).map_err(|e| StoreError::Corrupt(e.to_string())))
            .collect()
    }
}
