//! The one error type of the API and its JSON shape (`shared::api::ApiError`).
//! Codes, statuses and messages come from `shared::api::Code`; this adds
//! only the HTTP plumbing and keeps internal detail in the log.
use axum::Json;
use axum::extract::rejection::{JsonRejection, PathRejection, QueryRejection};
use axum::http::StatusCode;
use axum::response::{IntoResponse, Response};
use shared::api::{ApiError, Code};
use shared::validate::FieldError;

use crate::store::StoreError;

#[derive(Debug, thiserror::Error)]
pub enum AppError {
    /// An answer the caller can act on: a code, its message (the code's
    /// own unless something more precise is known) and field errors.
    #[error("{code}: {message}")]
    Refused {
        code: Code,
        message: String,
        errors: Vec<FieldError>,
    },
    /// The store is busy with other writers: try again after the pause.
    #[error("busy; retry after {retry_after_secs} s")]
    Busy { retry_after_secs: u32 },
    #[error(transparent)]
    Store(#[from] StoreError),
    #[error(transparent)]
    Password(#[from] crate::auth::password::PasswordError),
    /// A document that could not be made (packing it failed).
    #[error(transparent)]
    Document(#[from] documents::DocError),
    /// A write that ended without an answer (a panic in its group).
    #[error("write ended without an answer")]
    Lost,
}

/// The pause a busy server asks for (the client engine adds its own).
pub const BUSY_RETRY_AFTER_SECS: u32 = 2;

impl From<crate::sync::writer::PushError> for AppError {
    fn from(error: crate::sync::writer::PushError) -> Self {
        use crate::sync::writer::PushError;
        match error {
            PushError::Store(error) => AppError::Store(error),
            PushError::Busy => AppError::Busy {
                retry_after_secs: BUSY_RETRY_AFTER_SECS,
            },
            PushError::Lost => AppError::Lost,
        }
    }
}

impl AppError {
    /// The answer `code` with its own message.
    #[must_use]
    pub fn of(code: Code) -> Self {
        Self::with(code, code.message())
    }

    /// The answer `code` with a more precise message.
    #[must_use]
    pub fn with(code: Code, message: impl Into<String>) -> Self {
        AppError::Refused {
            code,
            message: message.into(),
            errors: Vec::new(),
        }
    }

    /// 422 with what is wrong with which field.
    #[must_use]
    pub fn invalid(errors: Vec<FieldError>) -> Self {
        AppError::Refused {
            code: Code::Invalid,
            message: Code::Invalid.message().to_owned(),
            errors,
        }
    }

    /// The code this answer carries (`internal` for store and hashing faults).
    #[must_use]
    pub fn code(&self) -> Code {
        match self {
            AppError::Refused { code, .. } => *code,
            AppError::Busy { .. } | AppError::Store(StoreError::TimedOut(_)) => Code::Unavailable,
            AppError::Store(_) | AppError::Password(_) | AppError::Document(_) | AppError::Lost => {
                Code::Internal
            }
        }
    }
}

impl From<shared::sync::rules::Refusal> for AppError {
    fn from(refusal: shared::sync::rules::Refusal) -> Self {
        AppError::Refused {
            code: refusal.code,
            message: refusal.message,
            errors: refusal.errors,
        }
    }
}

/// 503 with `message` and `Retry-After`: the client engine waits, then
/// sends again.
fn unavailable(message: &str, retry_after_secs: u32) -> Response {
    let mut response = answer(Code::Unavailable, message.to_owned(), Vec::new());
    response.headers_mut().insert(
        axum::http::header::RETRY_AFTER,
        axum::http::HeaderValue::from(retry_after_secs),
    );
    response
}

/// The JSON answer for an error code, message and field errors.
pub fn answer(code: Code, message: String, errors: Vec<FieldError>) -> Response {
    let status =
        StatusCode::from_u16(code.http_status()).unwrap_or(StatusCode::INTERNAL_SERVER_ERROR);
    let body = ApiError {
        code: code.as_str().to_owned(),
        message,
        errors,
    };
    (status, Json(body)).into_response()
}

impl IntoResponse for AppError {
    fn into_response(self) -> Response {
        match self {
            AppError::Refused {
                code,
                message,
                errors,
            } => answer(code, message, errors),
            AppError::Busy { retry_after_secs } => {
                unavailable(shared::messages::BUSY_WRITING, retry_after_secs)
            }
            AppError::Store(StoreError::TimedOut(waited)) => {
                tracing::warn!(?waited, "the store did not answer in time");
                unavailable(shared::messages::STORE_NOT_ANSWERING, BUSY_RETRY_AFTER_SECS)
            }
            // Store and hashing details go to the log, never to the client.
            internal => {
                tracing::error!(error = %internal, "request failed");
                AppError::of(Code::Internal).into_response()
            }
        }
    }
}

impl From<JsonRejection> for AppError {
    fn from(rejection: JsonRejection) -> Self {
        if rejection.status() == StatusCode::PAYLOAD_TOO_LARGE {
            AppError::of(Code::TooLarge)
        } else {
            AppError::with(
                Code::BadJson,
                format!("{}: {}", Code::BadJson.message(), rejection.body_text()),
            )
        }
    }
}

impl From<QueryRejection> for AppError {
    fn from(rejection: QueryRejection) -> Self {
        AppError::with(
            Code::BadRequest,
            format!("{}: {}", shared::messages::BAD_QUERY, rejection.body_text()),
        )
    }
}

impl From<PathRejection> for AppError {
    fn from(rejection: PathRejection) -> Self {
        // A path id that is not an id names nothing.
        tracing::debug!(reason = %rejection.body_text(), "bad path");
        AppError::of(Code::NotFound)
    }
}

/// `Json` whose rejection answers with the API's error shape.
#[derive(Debug, axum::extract::FromRequest)]
#[from_request(via(axum::Json), rejection(AppError))]
pub struct ApiJson<T>(pub T);

impl<T: serde::Serialize> IntoResponse for ApiJson<T> {
    fn into_response(self) -> Response {
        Json(self.0).into_response()
    }
}

/// `Query` whose rejection answers with the API's error shape.
#[derive(Debug, axum::extract::FromRequestParts)]
#[from_request(via(axum::extract::Query), rejection(AppError))]
pub struct ApiQuery<T>(pub T);

/// `Path` whose rejection answers with the API's error shape.
#[derive(Debug, axum::extract::FromRequestParts)]
#[from_request(via(axum::extract::Path), rejection(AppError))]
pub struct ApiPath<T>(pub T);
