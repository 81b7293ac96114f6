//! Accounts and sessions. Passwords are argon2id hashes; a session token is
//! `<session id>.<secret>` where only the secret's SHA-256 is stored, so a
//! leaked database does not leak live tokens. Tokens expire and are revoked
//! by sign-out, a password change or disabling the user.
pub mod limiter;
pub mod origin;
pub mod password;
pub mod session;

pub use session::Session;

/// How long a session lasts: long, so a tablet can work offline for weeks.
pub const SESSION_DAYS: i64 = 45;
