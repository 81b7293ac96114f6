//! The app's files embedded in the binary (`cargo xtask release`, feature
//! `embed`): one self-contained server whose app always matches its API.
//! The same answers as the `dist/` directory: precompressed copies, hashed
//! files cached for a year, the shell revalidated, ETags from the content.
use axum::Router;
use axum::body::Body;
use axum::http::header::{
    ACCEPT_ENCODING, CACHE_CONTROL, CONTENT_ENCODING, CONTENT_TYPE, ETAG, IF_NONE_MATCH, VARY,
};
use axum::http::{HeaderMap, HeaderValue, StatusCode, Uri};
use axum::response::{IntoResponse, Response};

use super::negotiate::pick;
use super::{IMMUTABLE, REVALIDATE};

#[derive(rust_embed::Embed)]
#[folder = "$DVK_EMBED_DIST"]
struct App;

pub fn router() -> Router {
    Router::new().fallback(serve)
}

async fn serve(uri: Uri, headers: HeaderMap) -> Response {
    let accept = headers
        .get(ACCEPT_ENCODING)
        .and_then(|v| v.to_str().ok())
        .unwrap_or("");
    let Some(choice) = pick(uri.path(), accept, |name| App::get(name).is_some()) else {
        return StatusCode::NOT_FOUND.into_response();
    };
    let Some(file) = App::get(&choice.file) else {
        return StatusCode::NOT_FOUND.into_response();
    };
    let etag = format!("\"{}\"", hex(&file.metadata.sha256_hash()[..12]));
    let cache = if choice.immutable {
        IMMUTABLE
    } else {
        REVALIDATE
    };
    let mut response = if headers
        .get(IF_NONE_MATCH)
        .and_then(|v| v.to_str().ok())
        .is_some_and(|v| v == etag)
    {
        StatusCode::NOT_MODIFIED.into_response()
    } else {
        Body::from(file.data.into_owned()).into_response()
    };
    let set = response.headers_mut();
    let mime = mime_guess::from_path(&choice.path).first_or_octet_stream();
    if let Ok(value) = HeaderValue::from_str(mime.as_ref()) {
        set.insert(CONTENT_TYPE, value);
    }
    if let Some(encoding) = choice.encoding {
        set.insert(CONTENT_ENCODING, HeaderValue::from_static(encoding));
    }
    set.insert(VARY, HeaderValue::from_static("accept-encoding"));
    set.insert(CACHE_CONTROL, HeaderValue::from_static(cache));
    if let Ok(value) = HeaderValue::from_str(&etag) {
        set.insert(ETAG, value);
    }
    response
}

fn hex(bytes: &[u8]) -> String {
    bytes.iter().map(|b| format!("{b:02x}")).collect()
}
