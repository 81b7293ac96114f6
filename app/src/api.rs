//! Calls to the server's JSON API (fetch).
use gloo_net::http::{Request, Response};
use serde::de::DeserializeOwned;
use shared::api::{ApiError, LoginRequest, LoginResponse};
use shared::sync::{PullResponse, PushRequest, PushResponse};

use crate::strings;

/// Why a call failed, in words for the person using the app.
#[derive(Debug, Clone, PartialEq)]
pub enum CallError {
    /// No connection, or the server did not answer.
    Offline,
    /// The session is over: sign in again (local data is kept).
    SignedOut(String),
    /// The server answered with an error.
    Server(ApiError),
}

impl CallError {
    pub fn message(&self) -> String {
        match self {
            CallError::Offline => strings::OFFLINE_SHORT.to_owned(),
            CallError::SignedOut(message) => message.clone(),
            CallError::Server(error) => error.message.clone(),
        }
    }
}

async fn read<T: DeserializeOwned>(response: Response) -> Result<T, CallError> {
    if response.ok() {
        return response.json::<T>().await.map_err(|_| CallError::Offline);
    }
    let error = response.json::<ApiError>().await.unwrap_or_else(|_| {
        ApiError::new(
            "http",
            format!("{} ({})", strings::SERVER_ERROR, response.status()),
        )
    });
    if response.status() == 401 {
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

pub async fn logout(token: &str) {
    let _ = Request::post("/api/auth/logout")
        .header("Authorization", &format!("Bearer {token}"))
        .send()
        .await;
}

pub async fn push(token: &str, request: &PushRequest) -> Result<PushResponse, CallError> {
    let response = Request::post("/api/sync/push")
        .header("Authorization", &format!("Bearer {token}"))
        .json(request)
        .map_err(|_| CallError::Offline)?
        .send()
        .await
        .map_err(|_| CallError::Offline)?;
    read(response).await
}

pub async fn pull(token: &str, since: u64) -> Result<PullResponse, CallError> {
    let response = Request::get(&format!("/api/sync/pull?since={since}&limit=500"))
        .header("Authorization", &format!("Bearer {token}"))
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
