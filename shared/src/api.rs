//! API types shared by the server and the app.
use serde::{Deserialize, Serialize};

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

/// Every machine code the API answers with, in one place: the server's
/// JSON `code`, the HTTP status it comes with and the default Vietnamese
/// message. Codes are stable: clients match on them.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash, Serialize, Deserialize)]
#[serde(rename_all = "snake_case")]
pub enum Code {
    NotFound,
    MethodNotAllowed,
    Unauthorized,
    SessionExpired,
    AccountDisabled,
    BadCredentials,
    RateLimited,
    Forbidden,
    Invalid,
    BadJson,
    BadRequest,
    TooLarge,
    Internal,
    Unavailable,
    BatchTooLarge,
    DeviceMismatch,
    UsernameTaken,
    CannotChangeSelf,
    TooManyRequests,
    CrossOrigin,
    // Why the shared rules refused a pushed op (`sync::rules::Refusal`).
    ReadOnly,
    BadData,
    CannotEdit,
    Immutable,
    NoModel,
    CannotDelete,
    Duplicate,
    KindMismatch,
    MoveNotAllowed,
    CommentRequired,
    ReasonRequired,
    MissingDocument,
    RegistrationIncomplete,
    ReportIncomplete,
    EvaluationIncomplete,
    DecisionMismatch,
    // Asking for a document (`/api/documents/*`).
    BadFormat,
    UnsupportedFormat,
    BadDate,
    BadNumber,
    CampaignRequired,
    // Pushed ops that break the protocol (`sync::strict`).
    BadId,
    UnknownField,
    BadVersion,
    UnknownRecord,
    OpReused,
}

impl Code {
    pub const ALL: [Self; 46] = [
        Self::NotFound,
        Self::MethodNotAllowed,
        Self::Unauthorized,
        Self::SessionExpired,
        Self::AccountDisabled,
        Self::BadCredentials,
        Self::RateLimited,
        Self::Forbidden,
        Self::Invalid,
        Self::BadJson,
        Self::BadRequest,
        Self::TooLarge,
        Self::Internal,
        Self::Unavailable,
        Self::BatchTooLarge,
        Self::DeviceMismatch,
        Self::UsernameTaken,
        Self::CannotChangeSelf,
        Self::TooManyRequests,
        Self::CrossOrigin,
        Self::ReadOnly,
        Self::BadData,
        Self::CannotEdit,
        Self::Immutable,
        Self::NoModel,
        Self::CannotDelete,
        Self::Duplicate,
        Self::KindMismatch,
        Self::MoveNotAllowed,
        Self::CommentRequired,
        Self::ReasonRequired,
        Self::MissingDocument,
        Self::RegistrationIncomplete,
        Self::ReportIncomplete,
        Self::EvaluationIncomplete,
        Self::DecisionMismatch,
        Self::BadFormat,
        Self::UnsupportedFormat,
        Self::BadDate,
        Self::BadNumber,
        Self::CampaignRequired,
        Self::BadId,
        Self::UnknownField,
        Self::BadVersion,
        Self::UnknownRecord,
        Self::OpReused,
    ];

    /// The wire form: `"not_found"`.
    #[must_use]
    pub fn as_str(self) -> &'static str {
        match self {
            Self::NotFound => "not_found",
            Self::MethodNotAllowed => "method_not_allowed",
            Self::Unauthorized => "unauthorized",
            Self::SessionExpired => "session_expired",
            Self::AccountDisabled => "account_disabled",
            Self::BadCredentials => "bad_credentials",
            Self::RateLimited => "rate_limited",
            Self::Forbidden => "forbidden",
            Self::Invalid => "invalid",
            Self::BadJson => "bad_json",
            Self::BadRequest => "bad_request",
            Self::TooLarge => "too_large",
            Self::Internal => "internal",
            Self::Unavailable => "unavailable",
            Self::BatchTooLarge => "batch_too_large",
            Self::DeviceMismatch => "device_mismatch",
            Self::UsernameTaken => "username_taken",
            Self::CannotChangeSelf => "cannot_change_self",
            Self::TooManyRequests => "too_many_requests",
            Self::CrossOrigin => "cross_origin",
            Self::ReadOnly => "read_only",
            Self::BadData => "bad_data",
            Self::CannotEdit => "cannot_edit",
            Self::Immutable => "immutable",
            Self::NoModel => "no_model",
            Self::CannotDelete => "cannot_delete",
            Self::Duplicate => "duplicate",
            Self::KindMismatch => "kind_mismatch",
            Self::MoveNotAllowed => "move_not_allowed",
            Self::CommentRequired => "comment_required",
            Self::ReasonRequired => "reason_required",
            Self::MissingDocument => "missing_document",
            Self::RegistrationIncomplete => "registration_incomplete",
            Self::ReportIncomplete => "report_incomplete",
            Self::EvaluationIncomplete => "evaluation_incomplete",
            Self::DecisionMismatch => "decision_mismatch",
            Self::BadFormat => "bad_format",
            Self::UnsupportedFormat => "unsupported_format",
            Self::BadDate => "bad_date",
            Self::BadNumber => "bad_number",
            Self::CampaignRequired => "campaign_required",
            Self::BadId => "bad_id",
            Self::UnknownField => "unknown_field",
            Self::BadVersion => "bad_version",
            Self::UnknownRecord => "unknown_record",
            Self::OpReused => "op_reused",
        }
    }

    /// The code of a wire string, if it is one of ours.
    #[must_use]
    pub fn parse(text: &str) -> Option<Self> {
        Self::ALL.into_iter().find(|c| c.as_str() == text)
    }

    /// The HTTP status an answer with this code carries. Refusals of
    /// single ops travel inside a 200 push answer; standing alone (a
    /// document, an admin call) they read as 403 or 422.
    #[must_use]
    pub fn http_status(self) -> u16 {
        match self {
            Self::NotFound | Self::NoModel | Self::MissingDocument => 404,
            Self::MethodNotAllowed => 405,
            Self::Unauthorized | Self::SessionExpired | Self::BadCredentials => 401,
            Self::AccountDisabled | Self::Forbidden | Self::ReadOnly | Self::CrossOrigin => 403,
            Self::RateLimited | Self::TooManyRequests => 429,
            Self::Invalid
            | Self::CannotEdit
            | Self::Immutable
            | Self::CannotDelete
            | Self::MoveNotAllowed
            | Self::CommentRequired
            | Self::ReasonRequired
            | Self::RegistrationIncomplete
            | Self::ReportIncomplete
            | Self::EvaluationIncomplete
            | Self::DecisionMismatch
            | Self::BadId
            | Self::UnknownField => 422,
            Self::BadJson
            | Self::BadRequest
            | Self::BadData
            | Self::BatchTooLarge
            | Self::DeviceMismatch
            | Self::BadFormat
            | Self::UnsupportedFormat
            | Self::BadDate
            | Self::BadNumber
            | Self::CampaignRequired => 400,
            Self::TooLarge => 413,
            Self::UsernameTaken
            | Self::CannotChangeSelf
            | Self::Duplicate
            | Self::KindMismatch
            | Self::BadVersion
            | Self::UnknownRecord
            | Self::OpReused => 409,
            Self::Internal => 500,
            Self::Unavailable => 503,
        }
    }

    /// The Vietnamese message shown when nothing more precise is known.
    #[must_use]
    pub fn message(self) -> &'static str {
        use crate::messages as m;
        match self {
            Self::NotFound => m::NOT_FOUND,
            Self::MethodNotAllowed => m::METHOD_NOT_ALLOWED,
            Self::Unauthorized => m::UNAUTHORIZED,
            Self::SessionExpired => m::SESSION_EXPIRED,
            Self::AccountDisabled => m::ACCOUNT_DISABLED,
            Self::BadCredentials => m::BAD_CREDENTIALS,
            Self::RateLimited => m::RATE_LIMITED,
            Self::Forbidden => m::FORBIDDEN,
            Self::Invalid => m::INVALID_REQUEST,
            Self::BadJson | Self::BadRequest => m::BAD_JSON,
            Self::TooLarge => m::TOO_LARGE,
            Self::Internal => m::INTERNAL,
            Self::Unavailable => m::UNAVAILABLE,
            Self::BatchTooLarge => m::BATCH_TOO_LARGE,
            Self::DeviceMismatch => m::DEVICE_MISMATCH,
            Self::UsernameTaken => m::USERNAME_TAKEN,
            Self::CannotChangeSelf => m::CANNOT_CHANGE_SELF,
            Self::TooManyRequests => m::TOO_MANY_REQUESTS,
            Self::CrossOrigin => m::CROSS_ORIGIN,
            Self::ReadOnly => m::READ_ONLY,
            Self::BadData => m::BAD_DATA,
            Self::CannotEdit => m::CANNOT_EDIT,
            Self::Immutable => m::IMMUTABLE,
            Self::NoModel => m::NO_MODEL,
            Self::CannotDelete => m::CANNOT_DELETE,
            Self::Duplicate => m::DUPLICATE_REPORT,
            Self::KindMismatch => m::KIND_MISMATCH,
            Self::MoveNotAllowed => m::MOVE_NOT_ALLOWED,
            Self::CommentRequired => m::COMMENT_REQUIRED,
            Self::ReasonRequired => m::REASON_REQUIRED,
            Self::MissingDocument => m::MISSING_DOCUMENT,
            Self::RegistrationIncomplete => m::REGISTRATION_INCOMPLETE,
            Self::ReportIncomplete => m::REPORT_INCOMPLETE,
            Self::EvaluationIncomplete => m::EVALUATION_INCOMPLETE,
            Self::DecisionMismatch => m::DECISION_MISMATCH,
            Self::BadFormat => m::BAD_FORMAT,
            Self::UnsupportedFormat => m::UNSUPPORTED_FORMAT,
            Self::BadDate => m::INVALID_DATE,
            Self::BadNumber => m::BAD_DOCUMENT_NUMBER,
            Self::CampaignRequired => m::CAMPAIGN_REQUIRED,
            Self::BadId => m::BAD_ID,
            Self::UnknownField => m::UNKNOWN_FIELD,
            Self::BadVersion => m::BAD_VERSION,
            Self::UnknownRecord => m::UNKNOWN_RECORD,
            Self::OpReused => m::OP_REUSED,
        }
    }
}

impl std::fmt::Display for Code {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        f.write_str(self.as_str())
    }
}

/// Why a call to the server did not give an answer the app can use.
#[derive(Debug, Clone, PartialEq)]
pub enum CallError {
    /// No connection, or the server did not answer.
    Offline,
    /// The session is over: sign in again (local data is kept).
    SignedOut(String),
    /// The server answered with an error.
    Server(ApiError),
    /// The server is busy (503 with `Retry-After`): try again, not before
    /// that many seconds.
    Busy {
        error: ApiError,
        retry_after_secs: u32,
    },
    /// The server answered 2xx with something the app cannot read (a
    /// captive portal's page, a newer server's format): not "offline".
    BadAnswer(String),
}

impl CallError {
    /// In words for the person using the app.
    #[must_use]
    pub fn message(&self) -> String {
        match self {
            CallError::Offline => crate::messages::OFFLINE.to_owned(),
            CallError::SignedOut(message) => message.clone(),
            CallError::Server(error) | CallError::Busy { error, .. } => error.message.clone(),
            CallError::BadAnswer(detail) => format!("{}: {detail}", crate::messages::BAD_ANSWER),
        }
    }

    /// The server was reached and answered: worth backing off before the
    /// next try (no network is not: the next try waits for the network).
    #[must_use]
    pub fn server_answered(&self) -> bool {
        !matches!(self, CallError::Offline)
    }

    /// The pause the server asked for before the next try, in seconds.
    #[must_use]
    pub fn retry_after_secs(&self) -> Option<u32> {
        match self {
            CallError::Busy {
                retry_after_secs, ..
            } => Some(*retry_after_secs),
            _ => None,
        }
    }

    /// An error answer: its HTTP status, `Retry-After` header (seconds, as
    /// this server sends it) and JSON body (None when it was not ours).
    #[must_use]
    pub fn from_answer(status: u16, retry_after: Option<&str>, body: Option<ApiError>) -> Self {
        let error =
            body.unwrap_or_else(|| ApiError::new("http", crate::messages::server_status(status)));
        let retry_after_secs = retry_after.and_then(|v| v.trim().parse::<u32>().ok());
        match (status, retry_after_secs) {
            (401, _) => CallError::SignedOut(error.message),
            (503 | 429, Some(retry_after_secs)) => CallError::Busy {
                error,
                retry_after_secs,
            },
            _ => CallError::Server(error),
        }
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

#[cfg(test)]
mod tests {
    use super::*;

    #[cfg_attr(not(target_arch = "wasm32"), test)]
    #[cfg_attr(target_arch = "wasm32", wasm_bindgen_test::wasm_bindgen_test)]
    fn every_code_is_distinct_and_reads_back() {
        let mut seen = std::collections::BTreeSet::new();
        for code in Code::ALL {
            assert!(seen.insert(code.as_str()), "{code} twice");
            assert_eq!(Code::parse(code.as_str()), Some(code));
            let wire = serde_json::to_value(code).expect("json");
            assert_eq!(
                wire,
                serde_json::json!(code.as_str()),
                "serde and as_str agree"
            );
            assert!(!code.message().is_empty());
            assert!((400..=599).contains(&code.http_status()), "{code}");
        }
        assert_eq!(Code::parse("made_up"), None);
    }

    #[cfg_attr(not(target_arch = "wasm32"), test)]
    #[cfg_attr(target_arch = "wasm32", wasm_bindgen_test::wasm_bindgen_test)]
    fn an_error_answer_becomes_the_right_call_error() {
        let busy = CallError::from_answer(503, Some("3"), Some(ApiError::of(Code::Unavailable)));
        assert_eq!(busy.retry_after_secs(), Some(3));
        assert_eq!(busy.message(), Code::Unavailable.message());
        let down = CallError::from_answer(503, None, None);
        assert!(matches!(down, CallError::Server(_)), "{down:?}");
        assert_eq!(down.retry_after_secs(), None);
        let out = CallError::from_answer(401, None, Some(ApiError::of(Code::SessionExpired)));
        assert!(matches!(out, CallError::SignedOut(_)));
        let bad = CallError::from_answer(400, Some("junk"), Some(ApiError::of(Code::BadJson)));
        assert!(matches!(bad, CallError::Server(e) if e.code == "bad_json"));
    }
}
