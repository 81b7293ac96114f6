//! The built app from `dist/`: hashed files under `/assets/` are cached
//! forever, everything else (index.html, sw.js, manifest) is revalidated on
//! every load so a new build reaches users. Unknown paths get index.html,
//! so the app's own routes survive a reload. A release binary carries the
//! same files inside it (`embedded`, feature `embed`).
#[cfg(feature = "embed")]
pub mod embedded;
#[cfg(any(feature = "embed", test))]
mod negotiate;

use std::path::Path;

use axum::Router;
use axum::http::header::CACHE_CONTROL;
use axum::http::{HeaderValue, Response};
use tower_http::services::{ServeDir, ServeFile};
use tower_http::set_header::SetResponseHeaderLayer;

pub const IMMUTABLE: &str = "public, max-age=31536000, immutable";
pub const REVALIDATE: &str = "no-cache";

pub fn router(dist: &Path) -> Router {
    let hashed = ServeDir::new(dist.join("assets"))
        .precompressed_br()
        .precompressed_gzip();
    let shell = ServeDir::new(dist)
        .precompressed_br()
        .precompressed_gzip()
        .fallback(ServeFile::new(dist.join("index.html")));
    Router::new()
        .nest_service(
            "/assets",
            tower::ServiceBuilder::new()
                .layer(SetResponseHeaderLayer::overriding(
                    CACHE_CONTROL,
                    cache_for_hashed,
                ))
                .service(hashed),
        )
        .fallback_service(
            tower::ServiceBuilder::new()
                .layer(SetResponseHeaderLayer::overriding(
                    CACHE_CONTROL,
                    HeaderValue::from_static(REVALIDATE),
                ))
                .service(shell),
        )
}

// Only a file that was found may be cached for a year.
fn cache_for_hashed<B>(response: &Response<B>) -> Option<HeaderValue> {
    let value = if response.status().is_success() {
        IMMUTABLE
    } else {
        REVALIDATE
    };
    Some(HeaderValue::from_static(value))
}
