//! Users and sessions in the store (`app_user`, `session` tables).
use chrono::{DateTime, Utc};
use serde::{Deserialize, Serialize};
use serde_json::{Value, json};
use shared::ids::UserId;
use shared::user::User;
use uuid::Uuid;

use super::{Store, StoreError};

#[derive(Debug, Clone, Serialize, Deserialize)]
pub struct StoredUser {
    pub user: User,
    pub password_hash: String,
}

/// A session row: digests of its secrets, never the secrets.
#[derive(Debug, Clone, Serialize, Deserialize)]
pub struct StoredSession {
    pub user: Uuid,
    pub secret_hash: String,
    /// A cookie session's device key digest; none for a bearer token.
    #[serde(default)]
    pub key_hash: Option<String>,
    pub device: Option<Uuid>,
    /// The browser's User-Agent at sign-in, shortened.
    #[serde(default)]
    pub agent: String,
    pub created_at: DateTime<Utc>,
    /// None in sessions made before it was kept: read as `created_at`.
    #[serde(default)]
    pub last_used_at: Option<DateTime<Utc>>,
    pub expires_at: DateTime<Utc>,
    pub revoked: bool,
}

fn take_one<T: serde::de::DeserializeOwned>(
    mut response: surrealdb::IndexedResults,
) -> Result<Option<T>, StoreError> {
    let value: Option<Value> = response.take(0)?;
    match value {
        None | Some(Value::Null) => Ok(None),
        Some(v) => serde_json::from_value(v)
            .map(Some)
            .map_err(|e| StoreError::Corrupt(e.to_string())),
    }
}

impl Store {
    pub async fn user_by_name(&self, username: &str) -> Result<Option<StoredUser>, StoreError> {
        let response = self
            .db
            .query("SELECT user, password_hash FROM ONLY app_user WHERE username = $u LIMIT 1")
            .bind(json!({ "u": username }))
            .await?
            .check()?;
        take_one(response)
    }

    pub async fn user(&self, id: UserId) -> Result<Option<StoredUser>, StoreError> {
        let response = self
            .db
            .query("SELECT user, password_hash FROM ONLY type::record('app_user', $id)")
            .bind(json!({ "id": id.to_string() }))
            .await?
            .check()?;
        take_one(response)
    }

    /// Creates or replaces a user (the username index keeps names unique).
    pub async fn put_user(&self, stored: &StoredUser) -> Result<(), StoreError> {
        self.db
            .query("UPSERT type::record('app_user', $id) CONTENT { username: $username, user: $user, password_hash: $hash }")
            .bind(json!({
                "id": stored.user.id.to_string(),
                "username": stored.user.username,
                "user": stored.user,
                "hash": stored.password_hash,
            }))
            .await?
            .check()?;
        Ok(())
    }

    /// Changes an account's details (role, unit, name, lock), not its password.
    pub async fn set_user_details(&self, user: &User) -> Result<(), StoreError> {
        self.db
            .query("UPDATE type::record('app_user', $id) SET user = $user")
            .bind(json!({ "id": user.id.to_string(), "user": user }))
            .await?
            .check()?;
        Ok(())
    }

    /// Changes an account's password hash only.
    pub async fn set_password_hash(&self, user: UserId, hash: &str) -> Result<(), StoreError> {
        self.db
            .query("UPDATE type::record('app_user', $id) SET password_hash = $hash")
            .bind(json!({ "id": user.to_string(), "hash": hash }))
            .await?
            .check()?;
        Ok(())
    }

    pub async fn user_count(&self) -> Result<u64, StoreError> {
        let mut response = self
            .db
            .query("RETURN count(SELECT id FROM app_user)")
            .await?
            .check()?;
        let count: Option<i64> = response.take(0)?;
        Ok(count.and_then(|c| u64::try_from(c).ok()).unwrap_or(0))
    }

    pub async fn put_session(&self, id: Uuid, session: &StoredSession) -> Result<(), StoreError> {
        self.db
            .query("CREATE type::record('session', $id) CONTENT $content")
            .bind(json!({ "id": id.to_string(), "content": session }))
            .await?
            .check()?;
        Ok(())
    }

    pub async fn session(&self, id: Uuid) -> Result<Option<StoredSession>, StoreError> {
        let response = self
            .db
            .query("SELECT user, secret_hash, key_hash, device, agent, created_at, last_used_at, expires_at, revoked FROM ONLY type::record('session', $id)")
            .bind(json!({ "id": id.to_string() }))
            .await?
            .check()?;
        take_one(response)
    }

    /// Notes that a session was just used.
    pub async fn touch_session(&self, id: Uuid, at: DateTime<Utc>) -> Result<(), StoreError> {
        self.db
            .query("UPDATE type::record('session', $id) SET last_used_at = $at")
            .bind(json!({ "id": id.to_string(), "at": at }))
            .await?
            .check()?;
        Ok(())
    }

    /// A user's sessions that still work at `now` (not revoked, not
    /// expired), the most recently used first.
    pub async fn open_sessions_of(
        &self,
        user: UserId,
        now: DateTime<Utc>,
    ) -> Result<Vec<StoredSession>, StoreError> {
        let mut response = self
            .db
            .query("SELECT user, secret_hash, key_hash, device, agent, created_at, last_used_at, expires_at, revoked FROM session WHERE user = $user AND revoked = false")
            .bind(json!({ "user": user.to_string() }))
            .await?
            .check()?;
        let rows: Vec<Value> = response.take(0)?;
        let mut sessions = rows
            .into_iter()
            .map(|r| {
                serde_json::from_value::<StoredSession>(r)
                    .map_err(|e| StoreError::Corrupt(e.to_string()))
            })
            .collect::<Result<Vec<_>, _>>()?;
        sessions.retain(|s| s.expires_at > now);
        sessions.sort_by_key(|s| std::cmp::Reverse(s.last_used_at.unwrap_or(s.created_at)));
        Ok(sessions)
    }

    pub async fn revoke_session(&self, id: Uuid) -> Result<(), StoreError> {
        self.db
            .query("UPDATE type::record('session', $id) SET revoked = true")
            .bind(json!({ "id": id.to_string() }))
            .await?
            .check()?;
        Ok(())
    }

    /// Revokes every session of a user except `keep`.
    pub async fn revoke_sessions_of(
        &self,
        user: UserId,
        keep: Option<Uuid>,
    ) -> Result<(), StoreError> {
        self.db
            .query("UPDATE session SET revoked = true WHERE user = $user AND record::id(id) != $keep")
            .bind(json!({ "user": user.to_string(), "keep": keep.map(|k| k.to_string()).unwrap_or_default() }))
            .await?
            .check()?;
        Ok(())
    }
}

impl Store {
    /// The accounts of a commune, by username.
    pub async fn users_of_commune(&self, commune: Uuid) -> Result<Vec<User>, StoreError> {
        let mut response = self
            .db
            .query("SELECT VALUE user FROM app_user WHERE user.commune_id = $commune ORDER BY username")
            .bind(json!({ "commune": commune.to_string() }))
            .await?
            .check()?;
        let users: Vec<Value> = response.take(0)?;
        users
            .into_iter()
            .map(|u| serde_json::from_value(u).map_err(|e| StoreError::Corrupt(e.to_string())))
            .collect()
    }
}
