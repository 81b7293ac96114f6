//! What a call to the server came to, as the app and the sync driver see it.
use super::ApiError;

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

    /// The server's store was restored from a backup since the device's
    /// last pull (`409 epoch_changed`): pull again, then send.
    #[must_use]
    pub fn is_epoch_changed(&self) -> bool {
        matches!(self, CallError::Server(error) if error.code == crate::api::Code::EpochChanged.as_str())
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

#[cfg(test)]
mod tests {
    use super::*;
    use crate::api::Code;

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
