//! `POST /api/csp-report`: where browsers report what the
//! Content-Security-Policy blocked (an injected script, a stray frame).
//! Logged as a warning for the operator; the body is the browser's JSON
//! (`application/csp-report`), read leniently and shortened.
use axum::body::Bytes;
use axum::http::StatusCode;
use serde_json::Value;
use shared::api::Code;

use crate::error::AppError;

/// Largest report read; browsers send well under this.
const REPORT_MAX: usize = 16 * 1024;

pub async fn report(body: Bytes) -> Result<StatusCode, AppError> {
    if body.len() > REPORT_MAX {
        return Err(AppError::of(Code::TooLarge));
    }
    let value: Value = serde_json::from_slice(&body).map_err(|_| AppError::of(Code::BadJson))?;
    let report = value.get("csp-report").unwrap_or(&value);
    let field = |name: &str| -> String {
        report
            .get(name)
            .and_then(Value::as_str)
            .unwrap_or_default()
            .chars()
            .take(200)
            .collect()
    };
    tracing::warn!(
        directive = ?field("effective-directive"),
        blocked = ?field("blocked-uri"),
        page = ?field("document-uri"),
        "content security policy violation"
    );
    Ok(StatusCode::NO_CONTENT)
}
