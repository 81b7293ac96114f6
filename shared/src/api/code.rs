//! The API's machine codes: wire name, HTTP status, Vietnamese message.
use serde::{Deserialize, Serialize};

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
    // The store was restored from a backup (`sync` epochs).
    EpochChanged,
    // Uploading a photo (`/api/photos/*`, `crate::photo`).
    PhotoType,
    PhotoTooLarge,
    BadOffset,
    HashMismatch,
}

impl Code {
    pub const ALL: [Self; 51] = [
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
        Self::EpochChanged,
        Self::PhotoType,
        Self::PhotoTooLarge,
        Self::BadOffset,
        Self::HashMismatch,
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
            Self::EpochChanged => "epoch_changed",
            Self::PhotoType => "photo_type",
            Self::PhotoTooLarge => "photo_too_large",
            Self::BadOffset => "bad_offset",
            Self::HashMismatch => "hash_mismatch",
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
            | Self::HashMismatch
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
            Self::TooLarge | Self::PhotoTooLarge => 413,
            Self::PhotoType => 415,
            Self::UsernameTaken
            | Self::CannotChangeSelf
            | Self::Duplicate
            | Self::KindMismatch
            | Self::BadVersion
            | Self::UnknownRecord
            | Self::OpReused
            | Self::EpochChanged
            | Self::BadOffset => 409,
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
            Self::EpochChanged => m::EPOCH_CHANGED,
            Self::PhotoType => m::PHOTO_BAD_TYPE,
            Self::PhotoTooLarge => m::PHOTO_TOO_LARGE,
            Self::BadOffset => m::PHOTO_BAD_OFFSET,
            Self::HashMismatch => m::PHOTO_HASH_MISMATCH,
        }
    }
}

impl std::fmt::Display for Code {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        f.write_str(self.as_str())
    }
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
}
