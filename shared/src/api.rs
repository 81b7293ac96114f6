//! API types shared by the server and the app.
use serde::{Deserialize, Serialize};

/// Body of `GET /api/health`.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub struct Health {
    pub status: String,
    pub version: String,
    pub store: String,
}

/// The one JSON error shape of the API: a stable machine code, and a
/// Vietnamese message fit to show a user.
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
}

/// `POST /api/auth/login`.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub struct LoginRequest {
    pub username: String,
    pub password: String,
    #[serde(default)]
    pub device_id: Option<uuid::Uuid>,
}

/// The answer to a sign-in: the token (send as `Authorization: Bearer`),
/// when it expires, and who signed in.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
pub struct LoginResponse {
    pub token: String,
    pub expires_at: chrono::DateTime<chrono::Utc>,
    pub user: crate::user::User,
}

/// `GET /api/auth/me`.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
pub struct Me {
    pub user: crate::user::User,
    pub expires_at: chrono::DateTime<chrono::Utc>,
}

/// `POST /api/auth/password`.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub struct PasswordChange {
    pub current: String,
    pub new: String,
}

/// `POST /api/admin/users`: a new account of the admin's commune.
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
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub struct PasswordReset {
    pub new: String,
}

/// What happened to an account.
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
}

impl AuditKind {
    #[must_use]
    pub fn label(&self) -> &'static str {
        match self {
            Self::SignIn => "Đăng nhập",
            Self::SignInFailed => "Đăng nhập sai mật khẩu",
            Self::SignOut => "Đăng xuất",
            Self::PasswordChanged => "Tự đổi mật khẩu",
            Self::PasswordReset => "Quản trị đặt lại mật khẩu",
            Self::UserCreated => "Tạo tài khoản",
            Self::RoleChanged => "Đổi vai trò",
            Self::UnitChanged => "Đổi đơn vị",
            Self::NameChanged => "Đổi họ tên",
            Self::Disabled => "Khoá tài khoản",
            Self::Enabled => "Mở khoá tài khoản",
        }
    }
}

/// One line of `GET /api/admin/audit`: who, what, when (server clock), from where.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub struct AuditEvent {
    pub at: chrono::DateTime<chrono::Utc>,
    pub kind: AuditKind,
    /// The account it happened to.
    pub user_id: crate::ids::UserId,
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
