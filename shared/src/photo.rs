//! Photos as evidence (progress entries, results reports): how a record
//! refers to a photo, what the server accepts, who may fetch one, and how
//! an upload in pieces goes on. The browser shrinks and hashes; the server
//! re-checks everything here.
use serde::{Deserialize, Serialize};

use crate::scope::Scope;
use crate::sync::protocol::Fields;
use crate::user::Role;
use crate::validate::{Checker, ErrorCode};

/// The most bytes one photo may have once shrunk (the server refuses more).
pub const MAX_BYTES: u64 = 1024 * 1024;
/// The most photos one progress entry or report carries.
pub const MAX_PER_RECORD: usize = 10;
/// The longest caption, in characters.
pub const CAPTION_MAX: usize = 200;
/// The long side of a shrunk photo, in pixels.
pub const LONG_SIDE: u32 = 1600;
/// The long side of a thumbnail, in pixels.
pub const THUMB_SIDE: u32 = 240;
/// JPEG quality of a shrunk photo (0–1, as `canvas.toBlob` takes it).
pub const JPEG_QUALITY: f64 = 0.8;
/// The bytes sent (and stored) per piece: a drop costs at most one piece.
pub const CHUNK_BYTES: usize = 256 * 1024;

/// The image formats taken, known by their first bytes (never by a name
/// or a declared content type).
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash, Serialize, Deserialize)]
pub enum MediaType {
    #[serde(rename = "image/jpeg")]
    Jpeg,
    #[serde(rename = "image/webp")]
    Webp,
    #[serde(rename = "image/png")]
    Png,
}

impl MediaType {
    #[must_use]
    pub fn as_str(self) -> &'static str {
        match self {
            Self::Jpeg => "image/jpeg",
            Self::Webp => "image/webp",
            Self::Png => "image/png",
        }
    }

    /// The type of a `Content-Type` value (parameters ignored).
    #[must_use]
    pub fn parse(text: &str) -> Option<Self> {
        let bare = text.split(';').next().unwrap_or_default().trim();
        [Self::Jpeg, Self::Webp, Self::Png]
            .into_iter()
            .find(|t| t.as_str().eq_ignore_ascii_case(bare))
    }

    /// The format the bytes are, by their magic numbers.
    #[must_use]
    pub fn sniff(bytes: &[u8]) -> Option<Self> {
        if bytes.starts_with(&[0xFF, 0xD8, 0xFF]) {
            Some(Self::Jpeg)
        } else if bytes.starts_with(b"\x89PNG\r\n\x1a\n") {
            Some(Self::Png)
        } else if bytes.len() >= 12 && &bytes[..4] == b"RIFF" && &bytes[8..12] == b"WEBP" {
            Some(Self::Webp)
        } else {
            None
        }
    }
}

fn default_media_type() -> MediaType {
    MediaType::Jpeg
}

/// A photo as a record refers to it: by the SHA-256 of its bytes.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
#[serde(from = "Stored")]
pub struct PhotoRef {
    /// Lower-case hex SHA-256 of the photo's bytes: its name everywhere.
    pub sha256: String,
    pub media_type: MediaType,
    pub bytes: u64,
    pub width: u32,
    pub height: u32,
    pub caption: String,
}

/// What older data holds: a bare reference text, or the full object.
#[derive(Deserialize)]
#[serde(untagged)]
enum Stored {
    Full {
        sha256: String,
        #[serde(default = "default_media_type")]
        media_type: MediaType,
        #[serde(default)]
        bytes: u64,
        #[serde(default)]
        width: u32,
        #[serde(default)]
        height: u32,
        #[serde(default)]
        caption: String,
    },
    Text(String),
}

impl From<Stored> for PhotoRef {
    fn from(stored: Stored) -> Self {
        match stored {
            Stored::Full {
                sha256,
                media_type,
                bytes,
                width,
                height,
                caption,
            } => PhotoRef {
                sha256,
                media_type,
                bytes,
                width,
                height,
                caption,
            },
            Stored::Text(sha256) => PhotoRef {
                sha256,
                media_type: MediaType::Jpeg,
                bytes: 0,
                width: 0,
                height: 0,
                caption: String::new(),
            },
        }
    }
}

/// Whether `text` is a photo's name: 64 lower-case hex digits.
#[must_use]
pub fn is_hash(text: &str) -> bool {
    text.len() == 64 && text.bytes().all(|b| matches!(b, b'0'..=b'9' | b'a'..=b'f'))
}

/// The rules on a record's photos (`field` is `photos`): at most
/// [`MAX_PER_RECORD`], each named by a hash, none twice, within the size
/// limit, a caption of at most [`CAPTION_MAX`] characters.
pub fn check(c: &mut Checker, field: &str, photos: &[PhotoRef]) {
    if photos.len() > MAX_PER_RECORD {
        c.push(field, ErrorCode::OutsideRange, too_many());
    }
    let mut seen = std::collections::HashSet::new();
    for (i, p) in photos.iter().enumerate() {
        if !is_hash(&p.sha256) {
            c.push(
                format!("{field}[{i}].sha256"),
                ErrorCode::InvalidFormat,
                crate::messages::PHOTO_BAD_REFERENCE,
            );
        } else if !seen.insert(p.sha256.as_str()) {
            c.push(
                format!("{field}[{i}].sha256"),
                ErrorCode::Duplicate,
                crate::messages::PHOTO_TWICE,
            );
        }
        if p.bytes > MAX_BYTES {
            c.push(
                format!("{field}[{i}].bytes"),
                ErrorCode::OutsideRange,
                too_large(),
            );
        }
        c.max_len(&format!("{field}[{i}].caption"), &p.caption, CAPTION_MAX);
    }
}

/// The hashes a record's fields refer to (objects or old bare texts);
/// what the server indexes to decide who may fetch a photo.
#[must_use]
pub fn hashes_in(fields: &Fields) -> Vec<String> {
    let Some(list) = fields.get("photos").and_then(serde_json::Value::as_array) else {
        return Vec::new();
    };
    let mut out: Vec<String> = list
        .iter()
        .filter_map(|p| p.get("sha256").unwrap_or(p).as_str())
        .filter(|h| is_hash(h))
        .map(str::to_owned)
        .collect();
    out.sort();
    out.dedup();
    out
}

/// Whether a person may fetch a photo: iff they may see a live record
/// that refers to it (`referenced_in`: where those records are filed).
/// Anything else reads as missing, so hashes do not leak.
#[must_use]
pub fn may_fetch(
    actor: &crate::sync::rules::Actor,
    city_communes: &[uuid::Uuid],
    referenced_in: &[Scope],
) -> bool {
    referenced_in
        .iter()
        .any(|scope| crate::scope::may_see(actor, city_communes, scope))
}

/// Whether `role` may upload photos: those who write records with photos
/// (read-only roles may not).
#[must_use]
pub fn may_upload(role: Role) -> bool {
    matches!(role, Role::UnitOfficer | Role::Reviewer | Role::Admin)
}

/// Why a piece of an upload is refused.
#[derive(Debug, Clone, Copy, PartialEq, Eq, thiserror::Error)]
pub enum UploadError {
    /// The whole photo is over [`MAX_BYTES`] (or empty).
    #[error("photo too large")]
    TooLarge,
    /// The bytes are not JPEG, WebP or PNG, or the declared type lies.
    #[error("not an accepted image type")]
    BadType,
    /// The piece starts after what the server holds (a gap), or runs past
    /// the total.
    #[error("piece does not follow what is held")]
    BadOffset,
    /// The whole photo's SHA-256 is not its name.
    #[error("hash mismatch")]
    HashMismatch,
}

/// What to do with a piece of `len` bytes at `offset` of a `total`-byte
/// photo when `received` bytes are held.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Piece {
    /// Everything in it is held already (a resent piece): nothing to store.
    Held,
    /// Store its bytes from `skip` on (the start may overlap what is held).
    Append { skip: usize },
}

/// Decides a piece: bounded by [`MAX_BYTES`], contiguous with what is held.
pub fn plan_piece(received: u64, offset: u64, len: u64, total: u64) -> Result<Piece, UploadError> {
    if total == 0 || total > MAX_BYTES {
        return Err(UploadError::TooLarge);
    }
    let end = offset.checked_add(len).ok_or(UploadError::BadOffset)?;
    if end > total || offset > received {
        return Err(UploadError::BadOffset);
    }
    if end <= received {
        return Ok(Piece::Held);
    }
    let skip = usize::try_from(received - offset).map_err(|_| UploadError::BadOffset)?;
    Ok(Piece::Append { skip })
}

/// The declared content type of a piece against its sniffed type: none
/// or `application/octet-stream` says nothing; any other must agree.
pub fn check_declared(declared: Option<&str>, actual: MediaType) -> Result<(), UploadError> {
    match declared.map(str::trim) {
        None | Some("") => Ok(()),
        Some(d) if d.starts_with("application/octet-stream") => Ok(()),
        Some(d) if MediaType::parse(d) == Some(actual) => Ok(()),
        Some(_) => Err(UploadError::BadType),
    }
}

/// How many bytes from the start the held pieces (offset, length) cover
/// without a gap.
#[must_use]
pub fn contiguous(pieces: &[(u64, u64)]) -> u64 {
    let mut sorted = pieces.to_vec();
    sorted.sort_unstable();
    let mut end = 0u64;
    for (offset, len) in sorted {
        if offset > end {
            break;
        }
        end = end.max(offset.saturating_add(len));
    }
    end
}

/// The size of a photo shrunk so its long side is at most `long_side`
/// (never enlarged; each side at least 1 px).
#[must_use]
pub fn shrunk_size(width: u32, height: u32, long_side: u32) -> (u32, u32) {
    let long = width.max(height);
    if long <= long_side || long == 0 {
        return (width.max(1), height.max(1));
    }
    let scale = |side: u32| {
        let scaled = u64::from(side) * u64::from(long_side) / u64::from(long);
        u32::try_from(scaled).unwrap_or(long_side).max(1)
    };
    (scale(width), scale(height))
}

/// "Tối đa 10 ảnh cho mỗi mục".
#[must_use]
pub fn too_many() -> String {
    format!(
        "{} {MAX_PER_RECORD} {}",
        crate::messages::PHOTO_TOO_MANY_A,
        crate::messages::PHOTO_TOO_MANY_B
    )
}

/// "Ảnh quá lớn: tối đa 1 MB sau khi thu nhỏ."
#[must_use]
pub fn too_large() -> String {
    crate::messages::PHOTO_TOO_LARGE.to_owned()
}

/// The Vietnamese message of an upload refusal.
#[must_use]
pub fn upload_message(error: UploadError) -> String {
    match error {
        UploadError::TooLarge => too_large(),
        UploadError::BadType => crate::messages::PHOTO_BAD_TYPE.to_owned(),
        UploadError::BadOffset => crate::messages::PHOTO_BAD_OFFSET.to_owned(),
        UploadError::HashMismatch => crate::messages::PHOTO_HASH_MISMATCH.to_owned(),
    }
}

/// The API code of an upload refusal.
#[must_use]
pub fn upload_code(error: UploadError) -> crate::api::Code {
    use crate::api::Code;
    match error {
        UploadError::TooLarge => Code::PhotoTooLarge,
        UploadError::BadType => Code::PhotoType,
        UploadError::BadOffset => Code::BadOffset,
        UploadError::HashMismatch => Code::HashMismatch,
    }
}

/// What a photo on a screen says about where it is.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Where {
    /// On this device and on the server.
    Synced,
    /// On this device, not yet on the server.
    Waiting,
    /// Not on this device; the server may have it (fetched when online).
    Server,
    /// Neither here nor on the server yet: another device has not sent it.
    Pending,
}

/// Where a photo is, from what the device knows: whether it holds the
/// bytes, whether they reached the server, and (for one it does not
/// hold) whether the server answered that it has none yet.
#[must_use]
pub fn where_is(held: bool, uploaded: bool, server_missing: bool) -> Where {
    match (held, uploaded, server_missing) {
        (true, true, _) => Where::Synced,
        (true, false, _) => Where::Waiting,
        (false, _, true) => Where::Pending,
        (false, _, false) => Where::Server,
    }
}

/// The line under a photo, if any.
#[must_use]
pub fn status_text(place: Where) -> Option<&'static str> {
    match place {
        Where::Synced | Where::Server => None,
        Where::Waiting => Some(crate::messages::PHOTO_NOT_SENT),
        Where::Pending => Some(crate::messages::PHOTO_PENDING),
    }
}

pub mod guard;

#[cfg(test)]
mod tests;
