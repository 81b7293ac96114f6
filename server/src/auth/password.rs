//! Password hashing with argon2id (the crate's defaults: 19 MiB, t = 2).
//! A hash takes tens of milliseconds of CPU: the `_blocking` forms run it
//! on tokio's blocking pool so sign-ins never stall other requests.
use std::sync::OnceLock;

use argon2::Argon2;
use argon2::password_hash::rand_core::OsRng;
use argon2::password_hash::{PasswordHash, PasswordHasher, PasswordVerifier, SaltString};

#[derive(Debug, thiserror::Error)]
pub enum PasswordError {
    #[error("password hashing failed: {0}")]
    Hash(String),
    #[error("password hashing task failed: {0}")]
    Task(String),
}

pub fn hash(password: &str) -> Result<String, PasswordError> {
    let salt = SaltString::generate(&mut OsRng);
    Argon2::default()
        .hash_password(password.as_bytes(), &salt)
        .map(|h| h.to_string())
        .map_err(|e| PasswordError::Hash(e.to_string()))
}

/// False for a wrong password and for a stored hash that does not parse.
pub fn verify(password: &str, stored: &str) -> bool {
    PasswordHash::new(stored)
        .map(|parsed| {
            Argon2::default()
                .verify_password(password.as_bytes(), &parsed)
                .is_ok()
        })
        .unwrap_or(false)
}

/// A hash of a random secret, made once: checked when the username does
/// not exist, so an unknown name costs the same argon2 work as a wrong
/// password (no timing tells which names exist).
fn dummy_hash() -> &'static str {
    static DUMMY: OnceLock<String> = OnceLock::new();
    DUMMY.get_or_init(|| {
        let mut bytes = [0u8; 24];
        argon2::password_hash::rand_core::RngCore::fill_bytes(&mut OsRng, &mut bytes);
        let secret: String = bytes.iter().map(|b| format!("{b:02x}")).collect();
        hash(&secret).unwrap_or_default()
    })
}

/// [`hash`] on the blocking pool.
pub async fn hash_blocking(password: &str) -> Result<String, PasswordError> {
    let password = password.to_owned();
    tokio::task::spawn_blocking(move || hash(&password))
        .await
        .map_err(|e| PasswordError::Task(e.to_string()))?
}

/// [`verify`] on the blocking pool; with no stored hash (an unknown
/// username) the same work is done against a dummy hash and the answer is
/// false.
pub async fn verify_blocking(password: &str, stored: Option<&str>) -> Result<bool, PasswordError> {
    let password = password.to_owned();
    let known = stored.is_some();
    let stored = stored.map(str::to_owned);
    tokio::task::spawn_blocking(move || {
        let valid = match &stored {
            Some(stored) => verify(&password, stored),
            None => verify(&password, dummy_hash()),
        };
        valid && known
    })
    .await
    .map_err(|e| PasswordError::Task(e.to_string()))
}

/// Makes the dummy hash now (at start-up), so the first unknown username
/// is not slower than the rest.
pub async fn warm_up() {
    let _ = tokio::task::spawn_blocking(dummy_hash).await;
}
