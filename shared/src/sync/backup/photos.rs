//! Photos in a backup file: only those the server does not have yet (a
//! photo on the server comes back from there), each with its bytes and
//! thumbnail as base64. Read back, each photo is checked against its name
//! (SHA-256), size and type; a damaged one is left out and counted, the
//! rest of the file still restores.
use base64::Engine as _;
use base64::engine::general_purpose::STANDARD;
use serde::{Deserialize, Serialize};
use sha2::{Digest, Sha256};

use super::Backup;
use crate::messages;
use crate::photo::{self, MediaType};

/// One unsent photo as the backup file holds it.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub struct BackupPhoto {
    /// The SHA-256 of the photo's bytes, lower-case hex: its name.
    pub sha256: String,
    pub media_type: MediaType,
    /// The photo's bytes, base64 (standard alphabet, padded).
    pub data: String,
    /// Its thumbnail's bytes, base64; empty where the device had none.
    #[serde(default)]
    pub thumb: String,
}

/// A photo read back from a backup file, checked.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct PhotoBytes {
    pub sha256: String,
    pub media_type: MediaType,
    pub full: Vec<u8>,
    /// Empty where the file had no thumbnail (the photo then stands in).
    pub thumb: Vec<u8>,
}

/// Why a photo in a backup file is not restored.
#[derive(Debug, Clone, Copy, PartialEq, Eq, thiserror::Error)]
pub enum PhotoProblem {
    #[error("{}", messages::BACKUP_PHOTO_BAD_NAME)]
    BadName,
    #[error("{}", messages::BACKUP_PHOTO_NOT_BASE64)]
    NotBase64,
    #[error("{}", messages::PHOTO_TOO_LARGE)]
    TooLarge,
    #[error("{}", messages::PHOTO_BAD_TYPE)]
    NotImage,
    #[error("{}", messages::BACKUP_PHOTO_HASH_MISMATCH)]
    HashMismatch,
}

fn sha256_hex(bytes: &[u8]) -> String {
    Sha256::digest(bytes)
        .iter()
        .map(|b| format!("{b:02x}"))
        .collect()
}

impl BackupPhoto {
    /// A photo and its thumbnail for the file (the type read from the
    /// bytes; the name as the device knows it, checked on restore).
    #[must_use]
    pub fn new(sha256: &str, full: &[u8], thumb: &[u8]) -> Self {
        Self {
            sha256: sha256.to_owned(),
            media_type: MediaType::sniff(full).unwrap_or(MediaType::Jpeg),
            data: STANDARD.encode(full),
            thumb: STANDARD.encode(thumb),
        }
    }

    /// The photo's bytes once checked: named by a hash that is theirs,
    /// within the size limit, an accepted image type.
    pub fn decode(&self) -> Result<PhotoBytes, PhotoProblem> {
        if !photo::is_hash(&self.sha256) {
            return Err(PhotoProblem::BadName);
        }
        let full = STANDARD
            .decode(self.data.as_bytes())
            .map_err(|_| PhotoProblem::NotBase64)?;
        let thumb = STANDARD
            .decode(self.thumb.as_bytes())
            .map_err(|_| PhotoProblem::NotBase64)?;
        if full.is_empty() || full.len() as u64 > photo::MAX_BYTES {
            return Err(PhotoProblem::TooLarge);
        }
        let media_type = MediaType::sniff(&full).ok_or(PhotoProblem::NotImage)?;
        if !thumb.is_empty() && MediaType::sniff(&thumb).is_none() {
            return Err(PhotoProblem::NotImage);
        }
        if sha256_hex(&full) != self.sha256 {
            return Err(PhotoProblem::HashMismatch);
        }
        Ok(PhotoBytes {
            sha256: self.sha256.clone(),
            media_type,
            full,
            thumb,
        })
    }
}

/// The photos of a backup file: those that check out, and the names of
/// those that do not with the reason.
#[derive(Debug, Clone, Default, PartialEq, Eq)]
pub struct Photos {
    pub good: Vec<PhotoBytes>,
    pub damaged: Vec<(String, PhotoProblem)>,
}

/// Reads every photo of `backup` (none in a file of records only); a
/// photo listed twice counts once.
#[must_use]
pub fn photos_of(backup: &Backup) -> Photos {
    let mut out = Photos::default();
    let mut seen = std::collections::HashSet::new();
    for listed in &backup.photos {
        if !seen.insert(listed.sha256.as_str()) {
            continue;
        }
        match listed.decode() {
            Ok(bytes) => out.good.push(bytes),
            Err(problem) => out.damaged.push((listed.sha256.clone(), problem)),
        }
    }
    out
}

/// The bytes a photo adds to the file (base64 is 4 bytes per 3), for the
/// size shown before choosing.
#[must_use]
pub fn file_bytes(photo_bytes: u64) -> u64 {
    photo_bytes.div_ceil(3) * 4
}
