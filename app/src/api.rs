//! Calls to the server's JSON API (fetch). The session cookie goes with
//! every same-origin request by itself; each call adds the device key
//! (read from storage each time, so a sign-out in another tab counts).
use gloo_net::http::{Request, RequestBuilder, Response};
use serde::de::DeserializeOwned;
pub use shared::api::CallError;
use shared::api::{ApiError, Health, KEY_HEADER, LoginRequest, LoginResponse};
use shared::sync::{PullResponse, PushRequest, PushResponse};

use crate::session;

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
    Err(error_of(response).await)
}

/// An error answer: the server's code and Vietnamese message.
async fn error_of(response: Response) -> CallError {
    let status = response.status();
    // A busy server says when to come back (503 + Retry-After).
    let retry_after = response.headers().get("retry-after");
    let body = response.json::<ApiError>().await.ok();
    CallError::from_answer(status, retry_after.as_deref(), body)
}

fn with_key(request: RequestBuilder) -> RequestBuilder {
    match session::key() {
        Some(key) => request.header(KEY_HEADER, &key),
        None => request,
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

/// Ends the session on the server (which also drops the cookie). True
/// when it is ended: 204, or 401 (there was nothing left to end). False
/// when the server could not be reached or could not do it now (429, 5xx):
/// the sign-out stays pending and is sent again from the sign-in screen.
pub async fn logout() -> bool {
    match Request::post("/api/auth/logout").send().await {
        Ok(response) => matches!(response.status(), 204 | 401),
        Err(error) => {
            leptos::logging::warn!("sign-out not sent to the server: {error}");
            false
        }
    }
}

/// `GET /api/health` (public): is the server up, is it the demo.
pub async fn health() -> Result<Health, CallError> {
    let response = Request::get("/api/health")
        .send()
        .await
        .map_err(|_| CallError::Offline)?;
    read(response).await
}

pub async fn push(
    request: &PushRequest,
    signal: Option<&web_sys::AbortSignal>,
) -> Result<PushResponse, CallError> {
    let response = with_key(Request::post("/api/sync/push"))
        .abort_signal(signal)
        .json(request)
        .map_err(|_| CallError::Offline)?
        .send()
        .await
        .map_err(|_| CallError::Offline)?;
    read(response).await
}

pub async fn pull(
    since: u64,
    limit: u32,
    signal: Option<&web_sys::AbortSignal>,
) -> Result<PullResponse, CallError> {
    let response = with_key(Request::get(&format!(
        "/api/sync/pull?since={since}&limit={limit}"
    )))
    .abort_signal(signal)
    .send()
    .await
    .map_err(|_| CallError::Offline)?;
    read(response).await
}

/// `GET` a JSON answer.
pub async fn get<T: DeserializeOwned>(path: &str) -> Result<T, CallError> {
    let response = with_key(Request::get(path))
        .send()
        .await
        .map_err(|_| CallError::Offline)?;
    read(response).await
}

/// `DELETE`; an empty answer (204) is success.
pub async fn delete(path: &str) -> Result<(), CallError> {
    let response = with_key(Request::delete(path))
        .send()
        .await
        .map_err(|_| CallError::Offline)?;
    if response.status() == 204 {
        return Ok(());
    }
    read::<serde_json::Value>(response).await.map(|_| ())
}

/// `POST` or `PUT` a JSON body; an empty answer (204) reads as `()`.
pub async fn send<B: serde::Serialize, T: DeserializeOwned>(
    method: gloo_net::http::Method,
    path: &str,
    body: &B,
) -> Result<Option<T>, CallError> {
    let response = with_key(RequestBuilder::new(path).method(method))
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

/// `GET` a file (a document): its bytes as a `Blob` and its name from
/// `Content-Disposition` (`shared::document::file_name`). The device key
/// goes with it, which is why a plain link cannot download.
pub async fn download(path: &str) -> Result<(web_sys::Blob, String), CallError> {
    let response = with_key(Request::get(path))
        .send()
        .await
        .map_err(|_| CallError::Offline)?;
    if !response.ok() {
        return Err(error_of(response).await);
    }
    let name = response
        .headers()
        .get("content-disposition")
        .and_then(|h| shared::document::file_name(&h))
        .ok_or_else(|| CallError::BadAnswer("Content-Disposition".to_owned()))?;
    let raw = web_sys::Response::from(response);
    let promise = raw
        .blob()
        .map_err(|e| CallError::BadAnswer(format!("{e:?}")))?;
    // The body arrives after the headers: a cut here is the connection.
    let blob = wasm_bindgen_futures::JsFuture::from(promise)
        .await
        .map_err(|_| CallError::Offline)?;
    let blob = wasm_bindgen::JsCast::dyn_into::<web_sys::Blob>(blob)
        .map_err(|e| CallError::BadAnswer(format!("{e:?}")))?;
    Ok((blob, name))
}

/// `PUT` a piece of a photo (`/api/photos/{sha256}?offset&total`): the
/// server's count of what it holds.
pub async fn put_piece(
    path: &str,
    content_type: &str,
    bytes: &[u8],
) -> Result<shared::api::PhotoUpload, CallError> {
    let body = js_sys::Uint8Array::from(bytes);
    let response = with_key(RequestBuilder::new(path).method(gloo_net::http::Method::PUT))
        .header("content-type", content_type)
        .body(body)
        .map_err(|_| CallError::Offline)?
        .send()
        .await
        .map_err(|_| CallError::Offline)?;
    read(response).await
}

/// `GET` a photo's bytes as a `Blob` (the device key goes with it, which
/// is why an `<img>` cannot point at the server).
pub async fn photo(hash: &str) -> Result<web_sys::Blob, CallError> {
    let response = with_key(Request::get(&format!("/api/photos/{hash}")))
        .send()
        .await
        .map_err(|_| CallError::Offline)?;
    if !response.ok() {
        return Err(error_of(response).await);
    }
    let raw = web_sys::Response::from(response);
    let promise = raw
        .blob()
        .map_err(|e| CallError::BadAnswer(format!("{e:?}")))?;
    let blob = wasm_bindgen_futures::JsFuture::from(promise)
        .await
        .map_err(|_| CallError::Offline)?;
    wasm_bindgen::JsCast::dyn_into::<web_sys::Blob>(blob)
        .map_err(|e| CallError::BadAnswer(format!("{e:?}")))
}
