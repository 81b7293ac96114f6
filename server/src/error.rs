//! The one error type of the API and its JSON shape (`shared::api::ApiError`).
use axum::Json;
use axum::extract::rejection::JsonRejection;
use axum::http::StatusCode;
use axum::response::{IntoResponse, Response};
use shared::api::ApiError;

use crate::store::StoreError;

#[derive(Debug, thiserror::Error)]
pub enum AppError {
    #[error("not found")]
    NotFound,
    #[error("not signed in")]
    Unauthorized,
    #[error("session expired")]
    SessionExpired,
    #[error("account disabled")]
    Disabled,
    #[error("wrong username or password")]
    BadCredentials,
    #[error("too many failed sign-ins")]
    RateLimited,
    #[error("forbidden")]
    Forbidden,
    #[error("invalid: {0:?}")]
    Invalid(Vec<shared::validate::FieldError>),
    #[error("conflict: {code}")]
    Conflict { code: &'static str, message: String },
    #[error("bad request: {code}")]
    BadRequest { code: &'static str, message: String },
    #[error("bad request body: {0}")]
    BadJson(String),
    #[error("request body too large")]
    TooLarge,
    #[error(transparent)]
    Store(#[from] StoreError),
    #[error(transparent)]
    Password(#[from] crate::auth::password::PasswordError),
    #[error(transparent)]
    Document(#[from] documents::DocError),
}

impl AppError {
    fn errors(&self) -> Vec<shared::validate::FieldError> {
        match self {
            AppError::Invalid(errors) => errors.clone(),
            _ => Vec::new(),
        }
    }

    fn parts(&self) -> (StatusCode, &'static str, String) {
        match self {
            AppError::NotFound => (
                StatusCode::NOT_FOUND,
                "not_found",
                "Không tìm thấy địa chỉ yêu cầu.".into(),
            ),
            AppError::Unauthorized => (
                StatusCode::UNAUTHORIZED,
                "unauthorized",
                "Vui lòng đăng nhập.".into(),
            ),
            AppError::SessionExpired => (
                StatusCode::UNAUTHORIZED,
                "session_expired",
                "Phiên đăng nhập đã hết hạn, vui lòng đăng nhập lại. Dữ liệu trên máy vẫn được giữ.".into(),
            ),
            AppError::Disabled => (
                StatusCode::FORBIDDEN,
                "account_disabled",
                "Tài khoản đã bị khoá, vui lòng liên hệ quản trị viên.".into(),
            ),
            AppError::BadCredentials => (
                StatusCode::UNAUTHORIZED,
                "bad_credentials",
                "Tên đăng nhập hoặc mật khẩu không đúng.".into(),
            ),
            AppError::RateLimited => (
                StatusCode::TOO_MANY_REQUESTS,
                "rate_limited",
                "Đăng nhập sai quá nhiều lần, vui lòng thử lại sau 15 phút.".into(),
            ),
            AppError::Forbidden => (
                StatusCode::FORBIDDEN,
                "forbidden",
                "Bạn không có quyền thực hiện thao tác này.".into(),
            ),
            AppError::BadRequest { code, message } => (StatusCode::BAD_REQUEST, code, message.clone()),
            AppError::Invalid(_) => (
                StatusCode::UNPROCESSABLE_ENTITY,
                "invalid",
                "Dữ liệu chưa hợp lệ, xem các ô được đánh dấu.".into(),
            ),
            AppError::Conflict { code, message } => (StatusCode::CONFLICT, code, message.clone()),
            AppError::BadJson(detail) => (
                StatusCode::BAD_REQUEST,
                "bad_json",
                format!("Dữ liệu gửi lên không hợp lệ: {detail}"),
            ),
            AppError::TooLarge => (
                StatusCode::PAYLOAD_TOO_LARGE,
                "too_large",
                "Dữ liệu gửi lên quá lớn.".into(),
            ),
            // Store details go to the log, never to the client.
            AppError::Store(_) | AppError::Password(_) | AppError::Document(_) => (
                StatusCode::INTERNAL_SERVER_ERROR,
                "internal",
                "Máy chủ gặp sự cố, vui lòng thử lại sau.".into(),
            ),
        }
    }
}

impl IntoResponse for AppError {
    fn into_response(self) -> Response {
        let (status, code, message) = self.parts();
        let errors = self.errors();
        if status.is_server_error() {
            tracing::error!(error = %self, "request failed");
        }
        (
            status,
            Json(ApiError {
                code: code.into(),
                message,
                errors,
            }),
        )
            .into_response()
    }
}

impl From<JsonRejection> for AppError {
    fn from(rejection: JsonRejection) -> Self {
        if rejection.status() == StatusCode::PAYLOAD_TOO_LARGE {
            AppError::TooLarge
        } else {
            AppError::BadJson(rejection.body_text())
        }
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
