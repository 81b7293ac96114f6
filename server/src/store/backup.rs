//! Online backup and restore of the whole store.
//!
//! A backup is SurrealDB's own export (every table's definitions and rows,
//! read in one read transaction, so it is one consistent moment even while
//! devices push) written to `FILE.partial`, then checked and closed by a
//! last line of our own, `-- dvk-backup v1 sha256=… bytes=… head=… epoch=…`,
//! then renamed to `FILE`: a file without that line, or whose bytes do not
//! match it, is not a backup, and `restore` refuses it before touching the
//! store. A restore goes into an empty store only; afterwards the store has
//! a new epoch forked at the backup's newest sequence, so devices that
//! synced after the backup start over instead of skipping changes
//! (docs/operations.md, docs/sync.md).
use std::io::{BufRead, BufReader, Read, Write};
use std::path::{Path, PathBuf};

use base64::Engine as _;
use base64::engine::general_purpose::URL_SAFE_NO_PAD;
use sha2::{Digest, Sha256};
use surrealdb::Surreal;
use surrealdb::engine::any::Any;

use super::epoch::{self, Epoch};
use super::{StoreError, first_error, migrations, records};

const TRAILER: &str = "-- dvk-backup v1 ";

/// What a backup wrote.
#[derive(Debug, Clone, serde::Serialize, serde::Deserialize)]
pub struct Backup {
    pub file: PathBuf,
    pub bytes: u64,
    /// The store's sequence just before the export began (the export holds
    /// at least everything up to it).
    pub head: u64,
}

/// What a restore brought back.
#[derive(Debug, Clone)]
pub struct Restored {
    pub records: u64,
    pub head: u64,
    pub epoch: Epoch,
}

fn io(path: &Path, error: &std::io::Error) -> StoreError {
    StoreError::Backup(format!("{}: {error}", path.display()))
}

/// Exports the database `db` (in use by this process) into `file`.
pub(super) async fn write(db: &Surreal<Any>, file: &Path) -> Result<Backup, StoreError> {
    let head = head(db).await?;
    let epoch = epoch::read(db).await?;
    let partial = partial_of(file);
    db.export(&partial).await?;
    let (digest, bytes) = digest_of(&partial, None)?;
    let mut out = std::fs::OpenOptions::new()
        .append(true)
        .open(&partial)
        .map_err(|e| io(&partial, &e))?;
    writeln!(
        out,
        "\n{TRAILER}sha256={digest} bytes={bytes} head={head} epoch={}",
        epoch.id
    )
    .and_then(|()| out.sync_all())
    .map_err(|e| io(&partial, &e))?;
    std::fs::rename(&partial, file).map_err(|e| io(file, &e))?;
    let bytes = std::fs::metadata(file).map_err(|e| io(file, &e))?.len();
    Ok(Backup {
        file: file.to_owned(),
        bytes,
        head,
    })
}

fn partial_of(file: &Path) -> PathBuf {
    let mut name = file.file_name().unwrap_or_default().to_os_string();
    name.push(".partial");
    file.with_file_name(name)
}

/// The SHA-256 (base64url) and length of the first `limit` bytes of a file
/// (all of it when None).
fn digest_of(path: &Path, limit: Option<u64>) -> Result<(String, u64), StoreError> {
    let file = std::fs::File::open(path).map_err(|e| io(path, &e))?;
    let mut reader: Box<dyn Read> = match limit {
        Some(n) => Box::new(file.take(n)),
        None => Box::new(file),
    };
    let mut hasher = Sha256::new();
    let mut buf = vec![0; 1 << 16];
    let mut total = 0u64;
    loop {
        let n = reader.read(&mut buf).map_err(|e| io(path, &e))?;
        if n == 0 {
            break;
        }
        hasher.update(&buf[..n]);
        total += n as u64;
    }
    Ok((URL_SAFE_NO_PAD.encode(hasher.finalize()), total))
}

/// Checks that `file` is a whole backup: its last line is our trailer and
/// the bytes before it are the ones it names.
pub fn verify(file: &Path) -> Result<(), StoreError> {
    let bad = |why: &str| StoreError::Backup(format!("{}: {why}", file.display()));
    let handle = std::fs::File::open(file).map_err(|e| io(file, &e))?;
    let mut offset = 0u64;
    let mut trailer = None;
    let mut line = String::new();
    let mut reader = BufReader::new(handle);
    loop {
        line.clear();
        let n = reader.read_line(&mut line).map_err(|e| io(file, &e))?;
        if n == 0 {
            break;
        }
        if line.starts_with(TRAILER) {
            trailer = Some((offset, line.trim_end().to_owned()));
        } else if !line.trim().is_empty() {
            trailer = None;
        }
        offset += n as u64;
    }
    let Some((at, trailer)) = trailer else {
        return Err(bad(
            "not a whole DVK backup (its last line is missing: cut short?)",
        ));
    };
    let field = |name: &str| {
        trailer
            .split_whitespace()
            .find_map(|part| part.strip_prefix(name))
            .map(str::to_owned)
    };
    let (Some(digest), Some(bytes)) = (field("sha256="), field("bytes=")) else {
        return Err(bad("its last line is not a DVK backup's"));
    };
    let bytes: u64 = bytes.parse().map_err(|_| bad("its last line is damaged"))?;
    // The export, then the newline written before the trailer.
    if bytes + 1 != at {
        return Err(bad(
            "its length does not match its last line (damaged or cut)",
        ));
    }
    let (actual, _) = digest_of(file, Some(bytes))?;
    if actual != digest {
        return Err(bad("its content does not match its checksum (damaged)"));
    }
    Ok(())
}

/// Restores `file` into the empty database `db`: checks the file, imports
/// it, brings the schema up to date (an older backup into a newer DVK) and
/// starts a new epoch.
pub(super) async fn restore(db: &Surreal<Any>, file: &Path) -> Result<Restored, StoreError> {
    verify(file)?;
    if !is_empty(db).await? {
        return Err(StoreError::NotEmpty);
    }
    db.import(file).await?;
    migrations::run(db).await?;
    let epoch = epoch::fork(db).await?;
    let mut response = db
        .query("RETURN count(SELECT VALUE id FROM record)")
        .await?;
    response = first_error(response)?;
    let records: Option<i64> = response.take(0)?;
    Ok(Restored {
        records: records.and_then(|n| u64::try_from(n).ok()).unwrap_or(0),
        head: head(db).await?,
        epoch,
    })
}

async fn head(db: &Surreal<Any>) -> Result<u64, StoreError> {
    records::take_head(db.query(records::HEAD).await?)
}

/// Whether the database holds no table at all (not even our migrations).
async fn is_empty(db: &Surreal<Any>) -> Result<bool, StoreError> {
    let mut response = db.query("INFO FOR DB").await?;
    response = first_error(response)?;
    let info: Option<serde_json::Value> = response.take(0)?;
    Ok(info
        .as_ref()
        .and_then(|i| i.get("tables"))
        .and_then(serde_json::Value::as_object)
        .is_none_or(serde_json::Map::is_empty))
}
