//! First-time set-up without demo data: the commune and its first admin,
//! made by `server create-admin` (there is no default password).
use chrono::{DateTime, Utc};
use shared::api::AuditKind;
use shared::ids::{CommuneId, UserId};
use shared::org::Commune;
use shared::sync::{RecordKind, RecordState, to_fields};
use shared::user::{Role, User, validate_password};
use shared::validate::FieldError;

use crate::auth::password;
use crate::store::audit::Origin;
use crate::store::records::Scope;
use crate::store::users::StoredUser;
use crate::store::{Store, StoreError};

/// What `create-admin` is given.
#[derive(Debug, Clone)]
pub struct NewAdmin {
    /// "Đảng bộ xã Thanh Miện": found by name, or created.
    pub commune: String,
    /// The place in document date lines ("Thanh Miện").
    pub place: String,
    pub city: String,
    pub username: String,
    pub full_name: String,
    pub password: String,
}

#[derive(Debug, thiserror::Error)]
pub enum SetupError {
    #[error("{}", .0.iter().map(|e| format!("{}: {}", e.field, e.message)).collect::<Vec<_>>().join("; "))]
    Invalid(Vec<FieldError>),
    #[error("{}", shared::messages::username_taken(.0))]
    Taken(String),
    #[error(transparent)]
    Store(#[from] StoreError),
    #[error(transparent)]
    Password(#[from] password::PasswordError),
}

/// Creates the admin (and the commune if no commune has that name).
pub async fn create_admin(
    store: &Store,
    new: &NewAdmin,
    now: DateTime<Utc>,
) -> Result<(User, Commune), SetupError> {
    let commune = match store.commune_by_name(new.commune.trim()).await? {
        Some(found) => found,
        None => Commune {
            id: CommuneId::new(),
            name: new.commune.trim().to_owned(),
            place_name: new.place.trim().to_owned(),
            city: new.city.trim().to_owned(),
            documents: Default::default(),
        },
    };
    let user = User {
        id: UserId::new(),
        commune_id: Some(commune.id),
        city: None,
        unit_id: None,
        username: new.username.trim().to_lowercase(),
        full_name: new.full_name.trim().to_owned(),
        role: Role::Admin,
        disabled: false,
    };
    let mut errors = commune.validate();
    errors.extend(user.validate());
    errors.extend(validate_password("password", &new.password));
    if !errors.is_empty() {
        return Err(SetupError::Invalid(errors));
    }
    if store.user_by_name(&user.username).await?.is_some() {
        return Err(SetupError::Taken(user.username));
    }
    let fields = to_fields(&commune).map_err(|e| StoreError::Corrupt(e.to_string()))?;
    if store.record(commune.id.as_uuid()).await?.is_none() {
        store
            .write_system(vec![(
                RecordState::new(RecordKind::Commune, commune.id.as_uuid(), fields),
                Scope {
                    commune: commune.id.as_uuid(),
                    unit: None,
                },
            )])
            .await?;
    }
    store
        .put_user(&StoredUser {
            user: user.clone(),
            password_hash: password::hash_blocking(&new.password).await?,
        })
        .await?;
    let origin = Origin {
        actor: Some("create-admin".into()),
        device: None,
        address: None,
    };
    store
        .audit(
            &user,
            AuditKind::UserCreated,
            &origin,
            Role::Admin.label(),
            now,
        )
        .await?;
    Ok((user, commune))
}
