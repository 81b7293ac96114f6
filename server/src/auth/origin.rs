//! API writes come from the app's own origin. A browser names the page
//! that sent a request in `Origin`; a write naming another origin is
//! refused (403 `cross_origin`), whatever credentials it carries. A write
//! that names none and rides on the session cookie (an old browser, or a
//! forged form) must at least say `Sec-Fetch-Site: same-origin`. Bearer
//! callers (scripts, tests) send no cookie and no `Origin`, and pass.
use axum::extract::Request;
use axum::http::header::{AUTHORIZATION, HOST, ORIGIN};
use axum::http::{HeaderMap, Method, Uri};
use axum::middleware::Next;
use axum::response::{IntoResponse, Response};
use shared::api::Code;

use crate::error::AppError;

/// The layer on `/api`.
pub async fn same_origin_writes(request: Request, next: Next) -> Response {
    if matches!(
        *request.method(),
        Method::GET | Method::HEAD | Method::OPTIONS
    ) || is_csp_report(request.uri())
        || allowed(request.headers(), request.uri())
    {
        return next.run(request).await;
    }
    tracing::warn!(
        origin = ?request.headers().get(ORIGIN),
        path = %request.uri().path(),
        "cross-origin API write refused"
    );
    AppError::of(Code::CrossOrigin).into_response()
}

/// A browser's CSP violation report: a no-cors POST that, under
/// `Referrer-Policy: no-referrer`, carries `Origin: null`. It acts as
/// nobody (no session is read) and only writes a log line.
fn is_csp_report(uri: &Uri) -> bool {
    matches!(uri.path(), "/csp-report" | "/api/csp-report")
}

/// Whether a write may go on.
pub fn allowed(headers: &HeaderMap, uri: &Uri) -> bool {
    let host = headers
        .get(HOST)
        .and_then(|h| h.to_str().ok())
        .or_else(|| uri.authority().map(|a| a.as_str()));
    match headers.get(ORIGIN).map(|o| o.to_str()) {
        Some(Ok(origin)) => {
            let named = origin.split_once("://").map(|(_, rest)| rest);
            matches!((named, host), (Some(named), Some(host)) if named.eq_ignore_ascii_case(host))
        }
        Some(Err(_)) => false,
        None => {
            let on_cookie = headers.get(AUTHORIZATION).is_none()
                && super::session::cookie_token(headers).is_some();
            !on_cookie
                || headers
                    .get("sec-fetch-site")
                    .is_some_and(|v| v.as_bytes() == b"same-origin")
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    fn headers(pairs: &[(&'static str, &'static str)]) -> HeaderMap {
        let mut map = HeaderMap::new();
        for (name, value) in pairs {
            map.append(*name, axum::http::HeaderValue::from_static(value));
        }
        map
    }

    #[test]
    fn a_csp_report_is_taken_from_a_null_origin_and_nothing_else_is() {
        assert!(is_csp_report(&Uri::from_static("/csp-report")));
        assert!(is_csp_report(&Uri::from_static("/api/csp-report")));
        assert!(!is_csp_report(&Uri::from_static("/api/sync/push")));
        let null = headers(&[("host", "dvk.local:8443"), ("origin", "null")]);
        assert!(!allowed(&null, &Uri::from_static("/api/sync/push")));
    }

    #[test]
    fn only_the_own_origin_may_write() {
        let uri = Uri::from_static("/api/sync/push");
        let own = headers(&[
            ("host", "dvk.local:8443"),
            ("origin", "https://dvk.local:8443"),
        ]);
        assert!(allowed(&own, &uri));
        let other = headers(&[
            ("host", "dvk.local:8443"),
            ("origin", "https://evil.example"),
        ]);
        assert!(!allowed(&other, &uri));
        let null = headers(&[("host", "dvk.local:8443"), ("origin", "null")]);
        assert!(!allowed(&null, &uri));
        // No Origin: a bearer script passes; a cookie needs Sec-Fetch-Site.
        let script = headers(&[("host", "dvk.local"), ("authorization", "Bearer x.y")]);
        assert!(allowed(&script, &uri));
        let cookie = headers(&[("host", "dvk.local"), ("cookie", "__Host-dvk_session=x.y")]);
        assert!(!allowed(&cookie, &uri));
        let same = headers(&[
            ("host", "dvk.local"),
            ("cookie", "__Host-dvk_session=x.y"),
            ("sec-fetch-site", "same-origin"),
        ]);
        assert!(allowed(&same, &uri));
    }
}
