//! Calls to the server's JSON API (fetch).
use gloo_net::http::{Request, Response};
use serde::de::DeserializeOwned;
pub use shared::api::CallError;
use shared::api::{ApiError, LoginRequest, LoginResponse};
use shared::sync::{PullResponse, PushRequest, PushResponse};

/// An answer read as `T`: a 2xx body that does not decode is a bad answer
/// (a captive portal's page, a server of another version), never "offline";
/// an error answer carries the server's code and Vietnamese message.
async fn read<T: DeserializeOwned>(response: Response) -> Result<T, CallError> {
    if response.ok() {
        return response
            .json::<T>()
            .await
            .map_err(|e| CallError::BadAnswer(e.to_string()));
    }
    let status = response.status();
    let error = response
        .json::<ApiError>()
        .await
        .unwrap_or_else(|_| ApiError::new("http", shared::messages::server_status(status)));
    if status == 401 {
        Err(CallError::SignedOut(error.message))
    } else {
        Err(CallError::Server(error))
    }
}

pub async fn login(request: &LoginRequest) -> Result<LoginResponse, CallError> {
    let response = Request::post("/api/auth/login")
        .json(request)
        .map_err(|_| CallError::Offline)?
        .send()
        .await
        .map_err(|_| CallError::Offline)?;
    read(response).await
}

/// Ends the session on the server when it can be reached. Signing out
/// happens on the device either way (the token is forgotten there), so a
/// failure here is logged, not shown.
pub async fn logout(token: &str) {
    let sent = Request::post("/api/auth/logout")
        .header("Authorization", &format!("Bearer {token}"))
        .send()
        .await;
    if let Err(error) = sent {
        leptos::logging::warn!("sign-out not sent to the server: {error}");
    }
}

pub async fn push(
    token: &str,
    request: &PushRequest,
    signal: Option<&web_sys::AbortSignal>,
) -> Result<PushResponse, CallError> {
    let response = Request::post("/api/sync/push")
        .header("Authorization", &format!("Bearer {token}"))
        .abort_signal(signal)
        .json(request)
        .map_err(|_| CallError::Offline)?
        .send()
        .await
        .map_err(|_| CallError::Offline)?;
    read(response).await
}

pub async fn pull(
    token: &str,
    since: u64,
    limit: u32,
    signal: Option<&web_sys::AbortSignal>,
) -> Result<PullResponse, CallError> {
    let response = Request::get(&format!("/api/sync/pull?since={since}&limit={limit}"))
        .header("Authorization", &format!("Bearer {token}"))
        .abort_signal(signal)
        .send()
        .await
        .map_err(|_| CallError::Offline)?;
    read(response).await
}

fn with_token(
    request: gloo_net::http::RequestBuilder,
    token: &str,
) -> gloo_net::http::RequestBuilder {
    request.header("Authorization", &format!("Bearer {token}"))
}

/// `GET` a JSON answer.
pub async fn get<T: DeserializeOwned>(token: &str, path: &str) -> Result<T, CallError> {
    let response = with_token(Request::get(path), token)
        .send()
        .await
        .map_err(|_| CallError::Offline)?;
    read(response).await
}

/// `POST` or `PUT` a JSON body; an empty answer (204) reads as `()`.
pub async fn send<B: serde::Serialize, T: DeserializeOwned>(
    method: gloo_net::http::Method,
    token: &str,
    path: &str,
    body: &B,
) -> Result<Option<T>, CallError> {
    let response = with_token(
        gloo_net::http::RequestBuilder::new(path).method(method),
        token,
    )
    .json(body)
    .map_err(|_| CallError::Offline)?
    .send()
    .await
    .map_err(|_| CallError::Offline)?;
    if response.status() == 204 {
        return Ok(None);
    }
    read(response).await.map(Some)
}
