//! Photo bytes in the store, content-addressed by SHA-256: `photo` (one
//! row per photo, id = hash), `photo_chunk` (its bytes in pieces of
//! `shared::photo::CHUNK_BYTES`), and `photo_part` (pieces of an upload
//! not yet complete, per uploader, so a drop costs only the piece lost).
//! Who may fetch a photo is read from the `photos` column of the records
//! that refer to it (`store::write`).
use serde::Deserialize;
use serde_json::{Value, json};
use shared::photo::MediaType;
use shared::scope::Scope;
use surrealdb::types::Bytes;
use uuid::Uuid;

use super::{Store, StoreError, first_error};

/// A stored photo's description.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct StoredPhoto {
    pub media_type: MediaType,
    pub bytes: u64,
}

/// A held piece of an upload.
#[derive(Debug, Clone, Deserialize)]
pub struct Part {
    pub offset: u64,
    pub len: u64,
    pub total: u64,
}

fn part_id(hash: &str, user: Uuid, offset: u64) -> String {
    format!("{hash}_{user}_{offset}")
}

impl Store {
    /// The photo named `hash`, if stored whole.
    pub async fn photo(&self, hash: &str) -> Result<Option<StoredPhoto>, StoreError> {
        let response = self
            .db
            .query("SELECT media_type, bytes FROM ONLY type::record('photo', $hash)")
            .bind(json!({ "hash": hash }))
            .await?;
        let row: Option<Value> = first_error(response)?.take(0)?;
        let Some(row) = row.filter(|r| !r.is_null()) else {
            return Ok(None);
        };
        let media_type = row["media_type"]
            .as_str()
            .and_then(MediaType::parse)
            .ok_or_else(|| StoreError::Corrupt(format!("photo {hash}: media type")))?;
        let bytes = row["bytes"]
            .as_u64()
            .ok_or_else(|| StoreError::Corrupt(format!("photo {hash}: size")))?;
        Ok(Some(StoredPhoto { media_type, bytes }))
    }

    /// A stored photo's bytes, pieces in order.
    pub async fn photo_bytes(&self, hash: &str) -> Result<Vec<u8>, StoreError> {
        let response = self
            .db
            .query("SELECT VALUE data FROM photo_chunk WHERE hash = $hash ORDER BY n")
            .bind(json!({ "hash": hash }))
            .await?;
        let chunks: Vec<Bytes> = first_error(response)?.take(0)?;
        Ok(chunks.iter().flat_map(|c| c.iter().copied()).collect())
    }

    /// How many photos are stored, and how many chunk rows (tests: a photo
    /// sent twice is stored once).
    pub async fn photo_counts(&self, hash: &str) -> Result<(u64, u64), StoreError> {
        let response = self
            .db
            .query(
                "RETURN count(SELECT id FROM photo WHERE id = type::record('photo', $hash));
                 RETURN count(SELECT id FROM photo_chunk WHERE hash = $hash);",
            )
            .bind(json!({ "hash": hash }))
            .await?;
        let mut response = first_error(response)?;
        let photos: Option<i64> = response.take(0)?;
        let chunks: Option<i64> = response.take(1)?;
        let n = |v: Option<i64>| v.and_then(|c| u64::try_from(c).ok()).unwrap_or(0);
        Ok((n(photos), n(chunks)))
    }

    /// Where the live records that refer to `hash` are filed.
    pub async fn photo_scopes(&self, hash: &str) -> Result<Vec<Scope>, StoreError> {
        let response = self
            .db
            .query(
                "SELECT commune, unit FROM record WHERE photos[*] CONTAINS $hash AND deleted = false",
            )
            .bind(json!({ "hash": hash }))
            .await?;
        let rows: Vec<Value> = first_error(response)?.take(0)?;
        Ok(rows
            .iter()
            .filter_map(|r| {
                Some(Scope {
                    commune: r["commune"].as_str()?.parse().ok()?,
                    unit: r["unit"].as_str().and_then(|u| u.parse().ok()),
                })
            })
            .collect())
    }

    /// The pieces `user` holds of an upload of `hash`.
    pub async fn photo_parts(&self, hash: &str, user: Uuid) -> Result<Vec<Part>, StoreError> {
        let response = self
            .db
            .query("SELECT offset, len, total FROM photo_part WHERE hash = $hash AND user = $user")
            .bind(json!({ "hash": hash, "user": user.to_string() }))
            .await?;
        let rows: Vec<Value> = first_error(response)?.take(0)?;
        rows.into_iter()
            .map(|r| {
                serde_json::from_value(r).map_err(|e| StoreError::Corrupt(format!("part: {e}")))
            })
            .collect()
    }

    /// Keeps a piece of an upload (the same piece again replaces itself).
    pub async fn put_photo_part(
        &self,
        hash: &str,
        user: Uuid,
        offset: u64,
        total: u64,
        data: Vec<u8>,
    ) -> Result<(), StoreError> {
        let len = data.len();
        let response = self
            .db
            .query(
                "UPSERT type::record('photo_part', $id) CONTENT {
                     hash: $hash, user: $user, offset: $offset, len: $len, total: $total,
                     data: $data, at: time::now()
                 } RETURN NONE",
            )
            .bind(json!({
                "id": part_id(hash, user, offset), "hash": hash, "user": user.to_string(),
                "offset": offset, "len": len, "total": total,
            }))
            .bind(("data".to_owned(), Bytes::from(data)))
            .await?;
        first_error(response)?;
        Ok(())
    }

    /// The held pieces of `user`'s upload, joined in order.
    pub async fn photo_part_bytes(&self, hash: &str, user: Uuid) -> Result<Vec<u8>, StoreError> {
        let response = self
            .db
            .query(
                "SELECT VALUE data FROM photo_part WHERE hash = $hash AND user = $user ORDER BY offset",
            )
            .bind(json!({ "hash": hash, "user": user.to_string() }))
            .await?;
        let pieces: Vec<Bytes> = first_error(response)?.take(0)?;
        Ok(pieces.iter().flat_map(|c| c.iter().copied()).collect())
    }

    /// Forgets `user`'s pieces of an upload.
    pub async fn drop_photo_parts(&self, hash: &str, user: Uuid) -> Result<(), StoreError> {
        let response = self
            .db
            .query("DELETE photo_part WHERE hash = $hash AND user = $user RETURN NONE")
            .bind(json!({ "hash": hash, "user": user.to_string() }))
            .await?;
        first_error(response)?;
        Ok(())
    }

    /// Stores a whole, checked photo and forgets the uploader's pieces, in
    /// one transaction. Every row has an id made from the hash, so storing
    /// the same photo twice (two uploaders at once) writes the same rows.
    pub async fn put_photo(
        &self,
        hash: &str,
        media_type: MediaType,
        bytes: &[u8],
        uploader: Uuid,
    ) -> Result<(), StoreError> {
        let chunks: Vec<&[u8]> = bytes.chunks(shared::photo::CHUNK_BYTES).collect();
        let mut sql = String::from(
            "BEGIN TRANSACTION;
             UPSERT type::record('photo', $hash) CONTENT {
                 media_type: $media_type, bytes: $bytes, chunks: $chunks, uploader: $uploader,
                 at: time::now()
             } RETURN NONE;",
        );
        for n in 0..chunks.len() {
            sql.push_str(&format!(
                "UPSERT type::record('photo_chunk', $hash + '_{n}') CONTENT {{ hash: $hash, n: {n}, data: $c{n} }} RETURN NONE;"
            ));
        }
        sql.push_str(
            "DELETE photo_part WHERE hash = $hash AND user = $uploader RETURN NONE;
             COMMIT TRANSACTION;",
        );
        let mut query = self.db.query(sql).bind(json!({
            "hash": hash, "media_type": media_type.as_str(), "bytes": bytes.len(),
            "chunks": chunks.len(), "uploader": uploader.to_string(),
        }));
        for (n, chunk) in chunks.iter().enumerate() {
            query = query.bind((format!("c{n}"), Bytes::from(chunk.to_vec())));
        }
        first_error(query.await?)?;
        Ok(())
    }
}
