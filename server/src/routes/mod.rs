//! HTTP routes, one module per feature.
pub mod admin;
pub mod assets;
mod auth;
mod city;
mod csp;
mod documents;
mod health;
pub mod openapi;
mod photos;
mod records;
mod sessions;

use std::any::Any;

use axum::Router;
use axum::response::{IntoResponse, Response};
use axum::routing::{MethodRouter, delete, get, post, put};
use tower_http::compression::CompressionLayer;

use crate::error::AppError;
use crate::state::AppState;
use shared::api::Code;

/// Who may reach an endpoint at all (the finer rules are in the handler).
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Access {
    Public,
    SignedIn,
}

/// One API endpoint: the router is built from this table, and the
/// authorisation matrix test walks it, so an endpoint cannot be added
/// without being tested for every role.
pub struct Endpoint {
    pub method: axum::http::Method,
    /// The path under `/api`, in axum's syntax (`/records/{id}`).
    pub path: &'static str,
    pub access: Access,
    pub handler: MethodRouter<AppState>,
}

fn endpoint(
    method: axum::http::Method,
    path: &'static str,
    access: Access,
    handler: MethodRouter<AppState>,
) -> Endpoint {
    Endpoint {
        method,
        path,
        access,
        handler,
    }
}

/// Every endpoint under `/api`.
pub fn endpoints() -> Vec<Endpoint> {
    use Access::{Public, SignedIn};
    use axum::http::Method as M;
    vec![
        endpoint(M::GET, "/health", Public, get(health::health)),
        endpoint(M::POST, "/auth/login", Public, post(auth::login)),
        endpoint(M::POST, "/auth/logout", SignedIn, post(auth::logout)),
        endpoint(M::GET, "/auth/me", SignedIn, get(auth::me)),
        endpoint(
            M::POST,
            "/auth/password",
            SignedIn,
            post(auth::change_password),
        ),
        endpoint(
            M::POST,
            "/sync/push",
            SignedIn,
            post(crate::sync::routes::push),
        ),
        endpoint(
            M::GET,
            "/sync/pull",
            SignedIn,
            get(crate::sync::routes::pull),
        ),
        endpoint(M::GET, "/records/{id}", SignedIn, get(records::get)),
        endpoint(
            M::GET,
            "/records/{id}/history",
            SignedIn,
            get(records::history),
        ),
        endpoint(M::GET, "/admin/users", SignedIn, get(admin::list)),
        endpoint(M::POST, "/admin/users", SignedIn, post(admin::create)),
        endpoint(M::PUT, "/admin/users/{id}", SignedIn, put(admin::update)),
        endpoint(
            M::POST,
            "/admin/users/{id}/password",
            SignedIn,
            post(admin::reset_password),
        ),
        endpoint(M::GET, "/admin/audit", SignedIn, get(admin::audit)),
        endpoint(
            M::GET,
            "/documents/mau-04/{id}",
            SignedIn,
            get(documents::mau_04),
        ),
        endpoint(
            M::GET,
            "/documents/mau-01",
            SignedIn,
            get(documents::mau_01),
        ),
        endpoint(
            M::GET,
            "/documents/phu-luc-02/{id}",
            SignedIn,
            get(documents::phu_luc_02),
        ),
        endpoint(
            M::GET,
            "/documents/bao-cao-xa",
            SignedIn,
            get(documents::bao_cao_xa),
        ),
        endpoint(
            M::GET,
            "/documents/cong-nhan",
            SignedIn,
            get(documents::cong_nhan),
        ),
        endpoint(M::GET, "/openapi.json", Public, get(openapi::serve)),
        endpoint(
            M::GET,
            "/admin/users/{id}/sessions",
            SignedIn,
            get(sessions::list),
        ),
        endpoint(
            M::DELETE,
            "/admin/users/{id}/sessions",
            SignedIn,
            delete(sessions::end_all),
        ),
        endpoint(M::POST, "/csp-report", Public, post(csp::report)),
        endpoint(M::GET, "/city/summary", SignedIn, get(city::summary)),
        endpoint(M::GET, "/photos/{hash}", SignedIn, get(photos::get)),
        endpoint(M::PUT, "/photos/{hash}", SignedIn, put(photos::put)),
        endpoint(
            M::GET,
            "/photos/{hash}/upload",
            SignedIn,
            get(photos::status),
        ),
        endpoint(
            M::GET,
            "/city/communes/{id}/dashboard",
            SignedIn,
            get(city::commune),
        ),
    ]
}

/// Everything under `/api`.
pub fn api(state: AppState) -> Router {
    endpoints()
        .into_iter()
        .fold(Router::new(), |router, e| router.route(e.path, e.handler))
        .fallback(not_found)
        .method_not_allowed_fallback(method_not_allowed)
        .layer(CompressionLayer::new())
        .with_state(state)
}

/// Anything under `/api` that is not an endpoint (and `/api`, `/api/`
/// themselves, which the router in `app` sends here too).
pub async fn not_found() -> AppError {
    AppError::of(Code::NotFound)
}

async fn method_not_allowed() -> AppError {
    AppError::of(Code::MethodNotAllowed)
}

/// A handler that panicked answers like any other internal error.
pub fn panic_response(_: Box<dyn Any + Send + 'static>) -> Response {
    tracing::error!("handler panicked");
    AppError::of(Code::Internal).into_response()
}
