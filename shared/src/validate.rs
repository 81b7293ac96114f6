//! Field errors and the small checks every validator is built from.
use serde::{Deserialize, Serialize};

use crate::messages;

/// Longest name (tên mô hình, đơn vị, chỉ tiêu...), in characters.
pub const NAME_MAX: usize = 200;
/// Longest free text (thực trạng, nội dung...), in characters.
pub const TEXT_MAX: usize = 10_000;

/// What is wrong with a field, as a stable code the UI and tests can match on.
#[cfg_attr(feature = "openapi", derive(utoipa::ToSchema))]
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash, Serialize, Deserialize)]
#[serde(rename_all = "snake_case")]
pub enum ErrorCode {
    Required,
    TooLong,
    TooShort,
    /// A password that is among the most used (or only digits).
    TooCommon,
    NotPositive,
    Negative,
    InvalidNumber,
    InvalidDate,
    InvalidFormat,
    EndBeforeStart,
    OutsideRange,
    OutOfOrder,
    NotHigherThanPrevious,
    PreviousMissing,
    Duplicate,
    UnknownReference,
    Inconsistent,
}

/// One problem with one field: the path (`name`, `indicators[2].target`), a
/// code, and the Vietnamese message shown next to the field.
#[cfg_attr(feature = "openapi", derive(utoipa::ToSchema))]
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize, thiserror::Error)]
#[error("{field}: {message}")]
pub struct FieldError {
    pub field: String,
    pub code: ErrorCode,
    pub message: String,
}

impl FieldError {
    #[must_use]
    pub fn new(field: impl Into<String>, code: ErrorCode, message: impl Into<String>) -> Self {
        Self {
            field: field.into(),
            code,
            message: message.into(),
        }
    }
}

/// The result of a validation: empty means valid.
pub type Errors = Vec<FieldError>;

/// Look-ups on a list of errors, for showing them next to fields.
pub trait ErrorsExt {
    /// The first error of a field, if any.
    fn for_field(&self, field: &str) -> Option<&FieldError>;
    /// Whether the field has an error with this code.
    fn has(&self, field: &str, code: ErrorCode) -> bool;
}

impl ErrorsExt for [FieldError] {
    fn for_field(&self, field: &str) -> Option<&FieldError> {
        self.iter().find(|e| e.field == field)
    }

    fn has(&self, field: &str, code: ErrorCode) -> bool {
        self.iter().any(|e| e.field == field && e.code == code)
    }
}

/// Blank means nothing a reader would see: Unicode whitespace, and the
/// zero-width characters that phone keyboards and copy-paste leave behind.
#[must_use]
pub fn is_blank(s: &str) -> bool {
    s.chars().all(|c| {
        c.is_whitespace() || matches!(c, '\u{200B}' | '\u{200C}' | '\u{200D}' | '\u{FEFF}')
    })
}

/// Length in characters, not bytes, so Vietnamese diacritics count once.
#[must_use]
pub fn char_len(s: &str) -> usize {
    s.chars().count()
}

/// Collects errors for one record; `field` paths are built by the caller.
#[derive(Debug, Default)]
pub struct Checker {
    errors: Errors,
}

impl Checker {
    #[must_use]
    pub fn new() -> Self {
        Self::default()
    }

    pub fn push(&mut self, field: impl Into<String>, code: ErrorCode, message: impl Into<String>) {
        self.errors.push(FieldError::new(field, code, message));
    }

    /// A text that must not be blank; `label` names it in the message.
    pub fn required(&mut self, field: &str, value: &str, label: &str) {
        if is_blank(value) {
            self.push(field, ErrorCode::Required, messages::required(label));
        }
    }

    /// A value that must be present.
    pub fn required_some<T>(&mut self, field: &str, value: Option<&T>, label: &str) {
        if value.is_none() {
            self.push(field, ErrorCode::Required, messages::required(label));
        }
    }

    /// At most `max` characters.
    pub fn max_len(&mut self, field: &str, value: &str, max: usize) {
        if char_len(value) > max {
            self.push(
                field,
                ErrorCode::TooLong,
                messages::too_long(&crate::format::integer(
                    i64::try_from(max).unwrap_or(i64::MAX),
                )),
            );
        }
    }

    /// A name: at most [`NAME_MAX`] characters.
    pub fn name(&mut self, field: &str, value: &str) {
        self.max_len(field, value, NAME_MAX);
    }

    /// A long text: at most [`TEXT_MAX`] characters.
    pub fn text(&mut self, field: &str, value: &str) {
        self.max_len(field, value, TEXT_MAX);
    }

    /// A finite number, not below zero.
    pub fn non_negative(&mut self, field: &str, value: f64) {
        if !value.is_finite() {
            self.push(field, ErrorCode::InvalidNumber, messages::INVALID_NUMBER);
        } else if value < 0.0 {
            self.push(field, ErrorCode::Negative, messages::NEGATIVE);
        }
    }

    /// A finite number above zero.
    pub fn positive(&mut self, field: &str, value: f64) {
        if !value.is_finite() {
            self.push(field, ErrorCode::InvalidNumber, messages::INVALID_NUMBER);
        } else if value <= 0.0 {
            self.push(field, ErrorCode::NotPositive, messages::NOT_POSITIVE);
        }
    }

    /// Adds errors found elsewhere (e.g. the draft rules under the submit rules).
    pub fn extend(&mut self, errors: Errors) {
        self.errors.extend(errors);
    }

    #[must_use]
    pub fn is_empty(&self) -> bool {
        self.errors.is_empty()
    }

    #[must_use]
    pub fn finish(self) -> Errors {
        self.errors
    }
}

/// Same text for comparison: trimmed, case-folded, inner whitespace collapsed.
#[must_use]
pub fn same_text(a: &str, b: &str) -> bool {
    normalize(a) == normalize(b)
}

fn normalize(s: &str) -> String {
    s.split_whitespace()
        .collect::<Vec<_>>()
        .join(" ")
        .to_lowercase()
}

// A typed number or date that was not understood, as an error next to its field.
impl crate::format::ParseNumberError {
    /// As an error shown next to `field`.
    #[must_use]
    pub fn to_field_error(&self, field: &str) -> FieldError {
        let code = match self {
            Self::Empty => ErrorCode::Required,
            Self::Invalid | Self::OutOfRange => ErrorCode::InvalidNumber,
        };
        FieldError::new(field, code, self.to_string())
    }
}

impl crate::format::ParseDateError {
    #[must_use]
    pub fn to_field_error(&self, field: &str) -> FieldError {
        FieldError::new(field, ErrorCode::InvalidDate, self.to_string())
    }
}
