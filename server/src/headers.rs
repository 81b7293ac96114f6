//! Security headers on every answer, the app's and the API's alike
//! (docs/security.md): a Content-Security-Policy that lets the page load
//! only this origin's own scripts (and compile its wasm), styles, images
//! (and `blob:` photos), connections and service worker, and reports what
//! it blocks to `/api/csp-report`; no framing, no MIME sniffing, no
//! referrer, the camera for this origin only; and on HTTPS,
//! Strict-Transport-Security.
use axum::Router;
use axum::http::HeaderValue;
use axum::http::header::{
    CONTENT_SECURITY_POLICY, REFERRER_POLICY, STRICT_TRANSPORT_SECURITY, X_CONTENT_TYPE_OPTIONS,
    X_FRAME_OPTIONS,
};
use axum::response::Response;

/// `'wasm-unsafe-eval'` lets the page compile WebAssembly (the app, and
/// chunks fetched later from `/assets/`) without allowing `eval` of text.
/// No `'unsafe-inline'` anywhere: the boot script is a file.
pub const CONTENT_SECURITY: &str = "default-src 'none'; \
    script-src 'self' 'wasm-unsafe-eval'; \
    style-src 'self'; \
    img-src 'self' blob:; \
    connect-src 'self'; \
    worker-src 'self'; \
    manifest-src 'self'; \
    font-src 'self'; \
    media-src 'self' blob:; \
    form-action 'self'; \
    frame-ancestors 'none'; \
    base-uri 'none'; \
    object-src 'none'; \
    report-uri /api/csp-report";

/// The camera (photos of progress) for this origin only; nothing else.
pub const PERMISSIONS: &str = "camera=(self), microphone=(), geolocation=(), payment=(), \
    usb=(), serial=(), bluetooth=(), midi=(), display-capture=()";

/// One year; no `preload` (a commune server's name is its own business).
pub const TRANSPORT_SECURITY: &str = "max-age=31536000";

/// Adds the headers to every answer of `router` (outermost layer, so the
/// 404s, panics and static files get them too).
pub fn layer(router: Router, https: bool) -> Router {
    router.layer(axum::middleware::map_response(
        move |response: Response| async move { secure(response, https) },
    ))
}

fn secure(mut response: Response, https: bool) -> Response {
    let headers = response.headers_mut();
    let fixed = [
        (CONTENT_SECURITY_POLICY, CONTENT_SECURITY),
        (X_CONTENT_TYPE_OPTIONS, "nosniff"),
        (REFERRER_POLICY, "no-referrer"),
        (X_FRAME_OPTIONS, "DENY"),
    ];
    for (name, value) in fixed {
        headers.insert(name, HeaderValue::from_static(value));
    }
    headers.insert("permissions-policy", HeaderValue::from_static(PERMISSIONS));
    headers.insert(
        "cross-origin-opener-policy",
        HeaderValue::from_static("same-origin"),
    );
    headers.insert(
        "cross-origin-resource-policy",
        HeaderValue::from_static("same-origin"),
    );
    if https {
        headers.insert(
            STRICT_TRANSPORT_SECURITY,
            HeaderValue::from_static(TRANSPORT_SECURITY),
        );
    }
    response
}
