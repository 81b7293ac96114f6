//! Photos as evidence: uploaded in pieces, content-addressed (the path
//! names the SHA-256 of the bytes, checked once all are in), served to
//! those who may see a record that refers to the photo. The rules are
//! `shared::photo`; a photo the caller may not fetch reads as missing.
use axum::body::Bytes;
use axum::extract::State;
use axum::extract::rejection::BytesRejection;
use axum::http::{HeaderMap, header};
use axum::response::{IntoResponse, Response};
use serde::Deserialize;
use sha2::{Digest, Sha256};
use shared::api::{Code, PhotoUpload};
use shared::photo::{self, MediaType, Piece, UploadError};

use crate::auth::Session;
use crate::error::{ApiJson, ApiPath, ApiQuery, AppError};
use crate::state::AppState;

/// Where a piece goes: its first byte's offset and the photo's whole size.
#[derive(Debug, Deserialize)]
pub struct PieceQuery {
    #[serde(default)]
    offset: u64,
    total: u64,
}

/// What a photo is served with: private (it is someone's evidence), and
/// never changing (its name is its content).
pub const CACHE: &str = "private, max-age=31536000, immutable";

fn refused(error: UploadError) -> AppError {
    AppError::with(photo::upload_code(error), photo::upload_message(error))
}

/// A path that is not a hash names nothing.
fn named(hash: &str) -> Result<(), AppError> {
    if photo::is_hash(hash) {
        Ok(())
    } else {
        Err(AppError::of(Code::NotFound))
    }
}

/// Whether the caller may see a live record that refers to `hash`.
async fn may_fetch(state: &AppState, session: &Session, hash: &str) -> Result<bool, AppError> {
    let scopes = state.store.photo_scopes(hash).await?;
    if scopes.is_empty() {
        return Ok(false);
    }
    let actor = session.actor();
    let city = state.store.city_communes(&actor).await?;
    Ok(photo::may_fetch(&actor, &city, &scopes))
}

fn uploader(session: &Session) -> Result<uuid::Uuid, AppError> {
    if photo::may_upload(session.user.role) {
        Ok(session.user.id.as_uuid())
    } else {
        Err(AppError::of(Code::Forbidden))
    }
}

/// Already stored and visible to the caller: nothing to send. (A caller
/// who may not see it sends the bytes, proving they have them, before
/// hearing that it is stored.)
async fn stored_for(
    state: &AppState,
    session: &Session,
    hash: &str,
) -> Result<Option<PhotoUpload>, AppError> {
    match state.store.photo(hash).await? {
        Some(stored) if may_fetch(state, session, hash).await? => Ok(Some(PhotoUpload {
            received: stored.bytes,
            complete: true,
        })),
        _ => Ok(None),
    }
}

/// `GET /photos/{sha256}/upload`: how much to send still.
pub async fn status(
    State(state): State<AppState>,
    session: Session,
    ApiPath(hash): ApiPath<String>,
) -> Result<ApiJson<PhotoUpload>, AppError> {
    named(&hash)?;
    let user = uploader(&session)?;
    if let Some(done) = stored_for(&state, &session, &hash).await? {
        return Ok(ApiJson(done));
    }
    let parts = state.store.photo_parts(&hash, user).await?;
    let held: Vec<(u64, u64)> = parts.iter().map(|p| (p.offset, p.len)).collect();
    Ok(ApiJson(PhotoUpload {
        received: photo::contiguous(&held),
        complete: false,
    }))
}

/// `PUT /photos/{sha256}?offset&total`: one piece of the photo's bytes.
pub async fn put(
    State(state): State<AppState>,
    session: Session,
    ApiPath(hash): ApiPath<String>,
    ApiQuery(piece): ApiQuery<PieceQuery>,
    headers: HeaderMap,
    body: Result<Bytes, BytesRejection>,
) -> Result<ApiJson<PhotoUpload>, AppError> {
    named(&hash)?;
    let user = uploader(&session)?;
    let body = body.map_err(|_| AppError::of(Code::TooLarge))?;
    if piece.total > photo::MAX_BYTES || piece.total == 0 {
        return Err(refused(UploadError::TooLarge));
    }
    if let Some(done) = stored_for(&state, &session, &hash).await? {
        return Ok(ApiJson(done));
    }
    let declared = headers
        .get(header::CONTENT_TYPE)
        .and_then(|v| v.to_str().ok());
    if piece.offset == 0 {
        let sniffed = MediaType::sniff(&body).ok_or_else(|| refused(UploadError::BadType))?;
        photo::check_declared(declared, sniffed).map_err(refused)?;
    }
    let mut parts = state.store.photo_parts(&hash, user).await?;
    // Pieces of an upload of another size are of another attempt: gone.
    if parts.iter().any(|p| p.total != piece.total) {
        state.store.drop_photo_parts(&hash, user).await?;
        parts.clear();
    }
    let held: Vec<(u64, u64)> = parts.iter().map(|p| (p.offset, p.len)).collect();
    let received = photo::contiguous(&held);
    let len = body.len() as u64;
    let received =
        match photo::plan_piece(received, piece.offset, len, piece.total).map_err(refused)? {
            Piece::Held => received,
            Piece::Append { skip } => {
                let tail = body.slice(skip..).to_vec();
                let added = tail.len() as u64;
                state
                    .store
                    .put_photo_part(&hash, user, received, piece.total, tail)
                    .await?;
                received + added
            }
        };
    if received < piece.total {
        return Ok(ApiJson(PhotoUpload {
            received,
            complete: false,
        }));
    }
    complete(&state, &hash, user, declared).await?;
    Ok(ApiJson(PhotoUpload {
        received,
        complete: true,
    }))
}

/// Checks the joined pieces (hash, type) and stores the photo once; a
/// photo that fails is not kept, pieces and all.
async fn complete(
    state: &AppState,
    hash: &str,
    user: uuid::Uuid,
    declared: Option<&str>,
) -> Result<(), AppError> {
    let whole = state.store.photo_part_bytes(hash, user).await?;
    let checked = check_whole(&whole, hash, declared);
    let media_type = match checked {
        Ok(media_type) => media_type,
        Err(error) => {
            state.store.drop_photo_parts(hash, user).await?;
            return Err(refused(error));
        }
    };
    if state.store.photo(hash).await?.is_some() {
        state.store.drop_photo_parts(hash, user).await?;
    } else {
        state
            .store
            .put_photo(hash, media_type, &whole, user)
            .await?;
    }
    Ok(())
}

fn check_whole(whole: &[u8], hash: &str, declared: Option<&str>) -> Result<MediaType, UploadError> {
    if whole.len() as u64 > photo::MAX_BYTES {
        return Err(UploadError::TooLarge);
    }
    if format!("{:x}", Sha256::digest(whole)) != hash {
        return Err(UploadError::HashMismatch);
    }
    let media_type = MediaType::sniff(whole).ok_or(UploadError::BadType)?;
    photo::check_declared(declared, media_type)?;
    Ok(media_type)
}

/// `GET /photos/{sha256}`: the photo's bytes, to those who may see a
/// record that refers to it; 404 to everyone else, and while it has not
/// arrived (`ảnh đang chờ tải lên`).
pub async fn get(
    State(state): State<AppState>,
    session: Session,
    ApiPath(hash): ApiPath<String>,
) -> Result<Response, AppError> {
    named(&hash)?;
    if !may_fetch(&state, &session, &hash).await? {
        return Err(AppError::of(Code::NotFound));
    }
    let Some(stored) = state.store.photo(&hash).await? else {
        return Err(AppError::with(
            Code::NotFound,
            shared::messages::PHOTO_PENDING,
        ));
    };
    let bytes = state.store.photo_bytes(&hash).await?;
    if bytes.len() as u64 != stored.bytes {
        return Err(AppError::Store(crate::store::StoreError::Corrupt(format!(
            "photo {hash}: {} of {} bytes",
            bytes.len(),
            stored.bytes
        ))));
    }
    Ok((
        [
            (header::CONTENT_TYPE, stored.media_type.as_str().to_owned()),
            (header::CACHE_CONTROL, CACHE.to_owned()),
            (header::ETAG, format!("\"{hash}\"")),
        ],
        bytes,
    )
        .into_response())
}
