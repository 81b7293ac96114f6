//! The OpenAPI 3 description of `/api`, served at `/api/openapi.json`.
//! Schemas come from the shared types themselves (`shared`'s `openapi`
//! feature derives them); each endpoint of the route table is described
//! once here, and a test checks the two list the same endpoints.
// The `fn`s below only carry their `#[utoipa::path]` descriptions (the
// handlers are in the route table); `needless_for_each` is inside the derive.
#![allow(dead_code, clippy::needless_for_each)]

use axum::Json;
use serde::Serialize;
use shared::api::{
    ApiError, AuditEvent, Health, LoginRequest, LoginResponse, Me, NewUser, PasswordChange,
    PasswordReset, SessionInfo, UserUpdate,
};
use shared::sync::{PullResponse, PushRequest, PushResponse, RecordState};
use shared::user::User;
use utoipa::openapi::security::{HttpAuthScheme, HttpBuilder, SecurityScheme};
use utoipa::{IntoResponses, Modify, OpenApi, ToSchema};

/// One line of `GET /api/records/{id}/history` (server time, who, what).
#[derive(Debug, Serialize, ToSchema)]
pub struct HistoryLine {
    pub seq: u64,
    pub kind: shared::sync::RecordKind,
    /// None for the server's own writes (demo, set-up).
    pub op_id: Option<uuid::Uuid>,
    pub device: Option<uuid::Uuid>,
    pub user: Option<uuid::Uuid>,
    #[schema(value_type = Object)]
    pub changes: serde_json::Value,
    /// `applied`, `merged`, `conflict` or `system`.
    pub outcome: String,
    #[serde(default)]
    pub conflicts: Option<Vec<String>>,
    pub at: chrono::DateTime<chrono::Utc>,
}

/// The errors any endpoint may answer, each `{"code","message"}`
/// (+`errors` on 422); `code` is one of `shared::api::Code`.
#[derive(IntoResponses)]
pub enum Errors {
    /// `bad_json` (malformed body), `bad_request` (query), `batch_too_large`, `device_mismatch`.
    #[response(status = 400)]
    BadRequest(ApiError),
    /// `unauthorized`, `session_expired`, `bad_credentials`: sign in again.
    #[response(status = 401)]
    Unauthorized(ApiError),
    /// `forbidden`, `account_disabled`, `read_only`.
    #[response(status = 403)]
    Forbidden(ApiError),
    /// `not_found`: no such record or account in the caller's scope.
    #[response(status = 404)]
    NotFound(ApiError),
    /// `method_not_allowed`.
    #[response(status = 405)]
    MethodNotAllowed(ApiError),
    /// `username_taken`, `cannot_change_self`, `op_reused`, `bad_offset`, `epoch_changed` (the store was restored: pull, then push again).
    #[response(status = 409)]
    Conflict(ApiError),
    /// `too_large`: the body is over the limit; `photo_too_large`.
    #[response(status = 413)]
    TooLarge(ApiError),
    /// `photo_type`: not JPEG, WebP or PNG by its bytes, or a lying content type.
    #[response(status = 415)]
    UnsupportedMediaType(ApiError),
    /// `invalid`: `errors` says what is wrong with which field.
    #[response(status = 422)]
    Invalid(ApiError),
    /// `too_many_requests` (a request budget is spent) or `rate_limited` (sign-in failures), with `Retry-After`.
    #[response(status = 429)]
    RateLimited(ApiError),
    /// `internal`: the detail is in the server log.
    #[response(status = 500)]
    Internal(ApiError),
    /// `unavailable`: busy, or the store did not answer within `store_timeout_secs` (both with `Retry-After` in seconds), or the store is down.
    #[response(status = 503)]
    Unavailable(ApiError),
}

#[utoipa::path(get, path = "/api/health", tag = "health",
    responses((status = 200, body = Health), Errors))]
fn health() {}

#[utoipa::path(post, path = "/api/auth/login", tag = "auth", request_body = LoginRequest,
    responses((status = 200, body = LoginResponse), Errors))]
fn login() {}

#[utoipa::path(post, path = "/api/auth/logout", tag = "auth", security(("bearer" = [])),
    responses((status = 204, description = "signed out"), Errors))]
fn logout() {}

#[utoipa::path(get, path = "/api/auth/me", tag = "auth", security(("bearer" = [])),
    responses((status = 200, body = Me), Errors))]
fn me() {}

#[utoipa::path(post, path = "/api/auth/password", tag = "auth", security(("bearer" = [])),
    request_body = PasswordChange,
    responses((status = 204, description = "changed; other sessions ended"), Errors))]
fn change_password() {}

#[utoipa::path(post, path = "/api/sync/push", tag = "sync", security(("bearer" = [])),
    request_body = PushRequest,
    responses((status = 200, body = PushResponse), Errors))]
fn push() {}

#[utoipa::path(get, path = "/api/sync/pull", tag = "sync", security(("bearer" = [])),
    params(
        ("since" = Option<u64>, Query, description = "cursor from the last page; 0 at first"),
        ("limit" = Option<u32>, Query, minimum = 1, maximum = 1000, description = "page size, 1–1000 (default 1000)"),
    ),
    responses((status = 200, body = PullResponse), Errors))]
fn pull() {}

#[utoipa::path(get, path = "/api/records/{id}", tag = "records", security(("bearer" = [])),
    params(("id" = uuid::Uuid, Path)),
    responses((status = 200, body = RecordState), Errors))]
fn record() {}

#[utoipa::path(get, path = "/api/records/{id}/history", tag = "records", security(("bearer" = [])),
    params(("id" = uuid::Uuid, Path)),
    responses((status = 200, body = Vec<HistoryLine>), Errors))]
fn history() {}

#[utoipa::path(get, path = "/api/admin/users", tag = "admin", security(("bearer" = [])),
    responses((status = 200, body = Vec<User>), Errors))]
fn list_users() {}

#[utoipa::path(post, path = "/api/admin/users", tag = "admin", security(("bearer" = [])),
    request_body = NewUser,
    responses((status = 201, body = User), Errors))]
fn create_user() {}

#[utoipa::path(put, path = "/api/admin/users/{id}", tag = "admin", security(("bearer" = [])),
    params(("id" = uuid::Uuid, Path)), request_body = UserUpdate,
    responses((status = 200, body = User), Errors))]
fn update_user() {}

#[utoipa::path(post, path = "/api/admin/users/{id}/password", tag = "admin", security(("bearer" = [])),
    params(("id" = uuid::Uuid, Path)), request_body = PasswordReset,
    responses((status = 204, description = "reset; the account's sessions ended"), Errors))]
fn reset_password() {}

#[utoipa::path(get, path = "/api/admin/audit", tag = "admin", security(("bearer" = [])),
    params(
        ("user" = Option<uuid::Uuid>, Query, description = "one account only"),
        ("limit" = Option<u32>, Query, description = "newest first; clamped to 1–1000 (default 200)"),
    ),
    responses((status = 200, body = Vec<AuditEvent>), Errors))]
fn audit() {}

#[utoipa::path(get, path = "/api/admin/users/{id}/sessions", tag = "admin", security(("bearer" = [])),
    params(("id" = uuid::Uuid, Path)),
    responses((status = 200, body = Vec<SessionInfo>), Errors))]
fn list_sessions() {}

#[utoipa::path(delete, path = "/api/admin/users/{id}/sessions", tag = "admin", security(("bearer" = [])),
    params(("id" = uuid::Uuid, Path)),
    responses((status = 204, description = "every session of the account ended"), Errors))]
fn end_sessions() {}

#[utoipa::path(post, path = "/api/csp-report", tag = "health",
    request_body(content = Object, content_type = "application/json", description = "a browser's Content-Security-Policy violation report (browsers send it as `application/csp-report` or `application/reports+json`; any body is taken)"),
    responses((status = 204, description = "logged"), Errors))]
fn csp_report() {}

/// The answer of a document endpoint: the file.
const DOCX: &str = "application/vnd.openxmlformats-officedocument.wordprocessingml.document";

#[utoipa::path(get, path = "/api/documents/mau-04/{id}", tag = "documents", security(("bearer" = [])),
    params(("id" = uuid::Uuid, Path, description = "the model"), DocumentQuery),
    responses((status = 200, description = "mẫu 04, the model's registration (.docx)", content_type = DOCX), Errors))]
fn mau_04() {}

#[utoipa::path(get, path = "/api/documents/phu-luc-02/{id}", tag = "documents", security(("bearer" = [])),
    params(("id" = uuid::Uuid, Path, description = "the unit"), DocumentQuery),
    responses((status = 200, description = "phụ lục 02, the unit's results (.docx), with the photos of its models the caller may fetch in an evidence appendix", content_type = DOCX), Errors))]
fn phu_luc_02() {}

#[utoipa::path(get, path = "/api/documents/mau-01", tag = "documents", security(("bearer" = [])),
    params(DocumentQuery),
    responses((status = 200, description = "mẫu 01, the commune's registered models (.docx or .xlsx)"), Errors))]
fn mau_01() {}

#[utoipa::path(get, path = "/api/documents/bao-cao-xa", tag = "documents", security(("bearer" = [])),
    params(DocumentQuery),
    responses((status = 200, description = "the commune's year-end report (.docx)", content_type = DOCX), Errors))]
fn bao_cao_xa() {}

#[utoipa::path(get, path = "/api/documents/cong-nhan", tag = "documents", security(("bearer" = [])),
    params(DocumentQuery),
    responses((status = 200, description = "the recognition list (.docx or .xlsx)"), Errors))]
fn cong_nhan() {}

/// The parameters every document takes (docs/api.md, "Documents").
#[derive(utoipa::IntoParams)]
#[into_params(parameter_in = Query)]
pub struct DocumentQuery {
    /// The campaign year's id; default the model's, else the commune's latest (a city viewer must give it).
    pub campaign: Option<uuid::Uuid>,
    /// `docx` (default) or `xlsx` (mẫu 01 and the recognition list only).
    pub format: Option<String>,
    /// The document number as the office typed it (≤ 40 characters); blank to fill by hand without it.
    pub so: Option<String>,
    /// The document's date, `dd/mm/yyyy` or `yyyy-mm-dd`; default the server's today.
    pub date: Option<String>,
}

#[utoipa::path(get, path = "/api/city/summary", tag = "city", security(("bearer" = [])),
    responses((status = 200, body = shared::city::CitySummary, description = "every commune of the city viewer's city in its newest year, computed by the server (others: 403 forbidden)"), Errors))]
fn city_summary() {}

#[utoipa::path(get, path = "/api/photos/{hash}", tag = "photos", security(("bearer" = [])),
    params(("hash" = String, Path, description = "the SHA-256 of the photo's bytes, 64 lower-case hex digits")),
    responses((status = 200, description = "the photo (`Cache-Control: private, max-age=31536000, immutable`), to those who may see a record referring to it; 404 to everyone else and while it has not arrived", content_type = "image/jpeg"), Errors))]
fn photo_get() {}

#[utoipa::path(put, path = "/api/photos/{hash}", tag = "photos", security(("bearer" = [])),
    params(
        ("hash" = String, Path, description = "the SHA-256 of the whole photo's bytes"),
        ("offset" = Option<u64>, Query, description = "where this piece starts (default 0); at most what the server holds"),
        ("total" = u64, Query, description = "the whole photo's size in bytes, 1 to 1 MiB"),
    ),
    request_body(content = Vec<u8>, content_type = "application/octet-stream", description = "a piece of the photo (JPEG, WebP or PNG, known by its first bytes; a declared image type must agree)"),
    responses((status = 200, body = shared::api::PhotoUpload), Errors))]
fn photo_put() {}

#[utoipa::path(get, path = "/api/photos/{hash}/upload", tag = "photos", security(("bearer" = [])),
    params(("hash" = String, Path, description = "the SHA-256 of the photo's bytes")),
    responses((status = 200, body = shared::api::PhotoUpload), Errors))]
fn photo_upload_status() {}

#[utoipa::path(get, path = "/api/city/communes/{id}/dashboard", tag = "city", security(("bearer" = [])),
    params(("id" = uuid::Uuid, Path, description = "a commune of the city viewer's city")),
    responses((status = 200, body = shared::city::CommuneDashboard, description = "the commune's dashboard of its newest year, computed by the server, with a row per model of the year (city viewer only: others 403 forbidden; a commune of another city 404 not_found)"), Errors))]
fn city_commune_dashboard() {}

#[utoipa::path(get, path = "/api/openapi.json", tag = "health",
    responses((status = 200, description = "this description", content_type = "application/json"), Errors))]
fn openapi_json() {}

struct Bearer;

impl Modify for Bearer {
    fn modify(&self, openapi: &mut utoipa::openapi::OpenApi) {
        let components = openapi.components.get_or_insert_with(Default::default);
        components.add_security_scheme(
            "bearer",
            SecurityScheme::Http(HttpBuilder::new().scheme(HttpAuthScheme::Bearer).build()),
        );
    }
}

#[derive(OpenApi)]
#[openapi(
    info(title = "DVK API", description = "Every error is {\"code\",\"message\"} JSON (+errors on 422); see docs/api.md and docs/sync.md."),
    paths(
        health, login, logout, me, change_password, push, pull, record, history,
        list_users, create_user, update_user, reset_password, audit, openapi_json,
        list_sessions, end_sessions, csp_report, mau_04, phu_luc_02, mau_01, bao_cao_xa, cong_nhan,
        city_summary, photo_get, photo_put, photo_upload_status, city_commune_dashboard
    ),
    components(schemas(ApiError, HistoryLine)),
    modifiers(&Bearer)
)]
struct Description;

/// The description as built from the code.
#[must_use]
pub fn description() -> utoipa::openapi::OpenApi {
    Description::openapi()
}

/// `GET /api/openapi.json`.
pub async fn serve() -> Json<utoipa::openapi::OpenApi> {
    Json(description())
}
