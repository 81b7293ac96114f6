//! API types shared by the server and the app.
use serde::{Deserialize, Serialize};

mod call;
mod code;

pub use call::CallError;
pub use code::Code;

/// Body of `GET /api/health`.
#[cfg_attr(feature = "openapi", derive(utoipa::ToSchema))]
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub struct Health {
    pub status: String,
    pub version: String,
    pub store: String,
    /// The server runs the demo commune, whose password is public: the
    /// app shows a "Dữ liệu mẫu" banner.
    #[serde(default)]
    pub demo: bool,
}

/// The one JSON error shape of the API: a stable machine code, and a
/// Vietnamese message fit to show a user.
#[cfg_attr(feature = "openapi", derive(utoipa::ToSchema))]
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub struct ApiError {
    pub code: String,
    pub message: String,
    /// For `invalid` (422): what is wrong with which field.
    #[serde(default, skip_serializing_if = "Vec::is_empty")]
    pub errors: Vec<crate::validate::FieldError>,
}

impl ApiError {
    #[must_use]
    pub fn new(code: impl Into<String>, message: impl Into<String>) -> Self {
        ApiError {
            code: code.into(),
            message: message.into(),
            errors: Vec::new(),
        }
    }

    /// The error with its code's own message.
    #[must_use]
    pub fn of(code: Code) -> Self {
        Self::new(code.as_str(), code.message())
    }
}

/// `POST /api/auth/login`.
#[cfg_attr(feature = "openapi", derive(utoipa::ToSchema))]
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub struct LoginRequest {
    pub username: String,
    pub password: String,
    #[serde(default)]
    pub device_id: Option<uuid::Uuid>,
    /// The app asks for a cookie session (docs/security.md): the secret
    /// goes into an HttpOnly cookie the page's scripts cannot read, and the
    /// answer carries only the device key. Without it (scripts, tests) the
    /// answer carries a bearer token.
    #[serde(default)]
    pub cookie: bool,
}

/// The header that carries a cookie session's device key.
pub const KEY_HEADER: &str = "x-dvk-key";

/// The answer to a sign-in: the bearer token (send as `Authorization:
/// Bearer`) or, for a cookie session, the device key (send as
/// [`KEY_HEADER`]); when it expires, who signed in, and whether this is
/// the demo server.
#[cfg_attr(feature = "openapi", derive(utoipa::ToSchema))]
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
pub struct LoginResponse {
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub token: Option<String>,
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub key: Option<String>,
    pub expires_at: chrono::DateTime<chrono::Utc>,
    pub user: crate::user::User,
    #[serde(default)]
    pub demo: bool,
}

/// One open session of an account, as its admin sees it
/// (`GET /api/admin/users/{id}/sessions`). Never the secret.
#[cfg_attr(feature = "openapi", derive(utoipa::ToSchema))]
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub struct SessionInfo {
    /// The device's own id (made by the app once per browser profile).
    #[serde(default)]
    pub device: Option<uuid::Uuid>,
    /// The browser as it named itself at sign-in (User-Agent, shortened).
    #[serde(default)]
    pub agent: String,
    pub created_at: chrono::DateTime<chrono::Utc>,
    /// The last request made with it (updated at most every few minutes).
    pub last_used_at: chrono::DateTime<chrono::Utc>,
    pub expires_at: chrono::DateTime<chrono::Utc>,
}

/// `GET /api/auth/me`.
#[cfg_attr(feature = "openapi", derive(utoipa::ToSchema))]
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
pub struct Me {
    pub user: crate::user::User,
    pub expires_at: chrono::DateTime<chrono::Utc>,
}

/// `POST /api/auth/password`.
#[cfg_attr(feature = "openapi", derive(utoipa::ToSchema))]
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub struct PasswordChange {
    pub current: String,
    pub new: String,
}

/// `POST /api/admin/users`: a new account of the admin's commune.
#[cfg_attr(feature = "openapi", derive(utoipa::ToSchema))]
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub struct NewUser {
    pub username: String,
    pub full_name: String,
    pub role: crate::user::Role,
    #[serde(default)]
    pub unit_id: Option<crate::ids::UnitId>,
    pub password: String,
}

/// `PUT /api/admin/users/{id}`: what an admin may change of an account.
#[cfg_attr(feature = "openapi", derive(utoipa::ToSchema))]
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub struct UserUpdate {
    pub full_name: String,
    pub role: crate::user::Role,
    #[serde(default)]
    pub unit_id: Option<crate::ids::UnitId>,
    #[serde(default)]
    pub disabled: bool,
}

/// `POST /api/admin/users/{id}/password`: a new password set by the admin.
#[cfg_attr(feature = "openapi", derive(utoipa::ToSchema))]
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub struct PasswordReset {
    pub new: String,
}

/// What happened to an account.
#[cfg_attr(feature = "openapi", derive(utoipa::ToSchema))]
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash, Serialize, Deserialize)]
#[serde(rename_all = "snake_case")]
pub enum AuditKind {
    SignIn,
    SignInFailed,
    SignOut,
    PasswordChanged,
    PasswordReset,
    UserCreated,
    RoleChanged,
    UnitChanged,
    NameChanged,
    Disabled,
    Enabled,
    /// The admin ended every session of the account.
    SessionsEnded,
}

impl AuditKind {
    #[must_use]
    pub fn label(&self) -> &'static str {
        match self {
            Self::SignIn => "Đăng nhập",
            Self::SignInFailed => "Đăng nhập không thành công",
            Self::SignOut => "Đăng xuất",
            Self::PasswordChanged => "Tự đổi mật khẩu",
            Self::PasswordReset => "Quản trị đặt lại mật khẩu",
            Self::UserCreated => "Tạo tài khoản",
            Self::RoleChanged => "Đổi vai trò",
            Self::UnitChanged => "Đổi đơn vị",
            Self::NameChanged => "Đổi họ tên",
            Self::Disabled => "Khoá tài khoản",
            Self::Enabled => "Mở khoá tài khoản",
            Self::SessionsEnded => "Quản trị kết thúc mọi phiên đăng nhập",
        }
    }
}

/// One line of `GET /api/admin/audit`: who, what, when (server clock), from where.
#[cfg_attr(feature = "openapi", derive(utoipa::ToSchema))]
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub struct AuditEvent {
    pub at: chrono::DateTime<chrono::Utc>,
    pub kind: AuditKind,
    /// The account it happened to; none for a sign-in with a username
    /// that does not exist (`username` is then the name as typed).
    #[serde(default)]
    pub user_id: Option<crate::ids::UserId>,
    pub username: String,
    /// Who did it, when not the account itself (an admin).
    #[serde(default)]
    pub actor: Option<String>,
    #[serde(default)]
    pub device: Option<uuid::Uuid>,
    #[serde(default)]
    pub address: Option<String>,
    /// "Cán bộ đơn vị → Ban xây dựng Đảng".
    #[serde(default)]
    pub detail: String,
}

/// `GET /api/photos/{sha256}/upload` and the answer to each piece sent
/// with `PUT /api/photos/{sha256}`: how much of the photo the server
/// holds from this uploader, and whether it is stored whole.
#[cfg_attr(feature = "openapi", derive(utoipa::ToSchema))]
#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize, Deserialize)]
pub struct PhotoUpload {
    /// Bytes held from the start: send the rest from here.
    pub received: u64,
    /// Stored whole (checked): nothing more to send.
    pub complete: bool,
}
