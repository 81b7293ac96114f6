//! The store: SurrealDB chosen by one URL (`surrealkv://dir`, `mem://`,
//! `ws://host:port`), with the schema brought up to date by migrations.
pub mod audit;
pub mod backup;
pub mod city;
pub mod epoch;
mod floor;
mod live;
mod meta;
mod migrations;
pub mod photos;
pub mod records;
mod retry;
mod signin;
pub mod users;
pub mod write;

use std::time::Duration;

use surrealdb::Surreal;
use surrealdb::engine::any::{self, Any};
use surrealdb::opt::auth::Root;

use crate::config::Settings;
pub use migrations::MIGRATIONS;
pub use retry::{Retry, WRITE_DEADLINE};

#[derive(Debug, thiserror::Error)]
pub enum StoreError {
    #[error("unsupported store URL {0:?}: use surrealkv://<dir>, mem:// or ws://host:port")]
    BadUrl(String),
    #[error("cannot create the data directory {path}: {source}")]
    DataDir {
        path: String,
        source: std::io::Error,
    },
    #[error("database error: {0}")]
    Db(Box<surrealdb::Error>),
    #[error("migration {version} ({name}) failed: {source}")]
    Migration {
        version: i64,
        name: &'static str,
        source: Box<surrealdb::Error>,
    },
    /// The store did not answer within `Settings::store_timeout_secs`.
    #[error("the store did not answer within {0:?}")]
    TimedOut(Duration),
    #[error("unexpected data in the store: {0}")]
    Corrupt(String),
    #[error("backup: {0}")]
    Backup(String),
    #[error(
        "the store is not empty: restore only into an empty store (a new data folder, or a new \
         database on the SurrealDB server)"
    )]
    NotEmpty,
    /// A rollback onto a store a newer binary already migrated: running on
    /// it could misread what the newer version wrote (docs/operations.md).
    #[error(
        "the store was migrated by a newer DVK (migration {store}; this binary knows up to \
         {known}): start the newer binary, or restore the data folder copied before the upgrade"
    )]
    TooNew { store: i64, known: i64 },
}

impl From<surrealdb::Error> for StoreError {
    fn from(error: surrealdb::Error) -> Self {
        StoreError::Db(Box::new(error))
    }
}

/// A handle on the database; cheap to clone. Clones share the process's
/// one writer (`sync::writer`).
#[derive(Clone)]
pub struct Store {
    db: Surreal<Any>,
    kind: &'static str,
    epoch: epoch::Epoch,
    pub(crate) writer: std::sync::Arc<crate::sync::writer::Writer>,
    /// Pull pages being read from the store at once (`Settings::pull_readers`):
    /// a page is read whole into memory, so a city's devices pulling at
    /// once wait here instead of each holding a megabyte of rows.
    readers: std::sync::Arc<tokio::sync::Semaphore>,
    pull_readers: usize,
    /// Pushes admitted at once (`Settings::pushes_in_flight`): a push
    /// waits here before its body is read, so a city's devices pushing at
    /// once do not each hold a parsed batch in the write queue.
    pushers: std::sync::Arc<tokio::sync::Semaphore>,
    pushes_in_flight: usize,
    /// `Settings::store_timeout_secs`.
    timeout: Duration,
}

impl std::fmt::Debug for Store {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        f.debug_struct("Store").field("kind", &self.kind).finish()
    }
}

impl Store {
    /// Connects to the store the settings name and brings its schema up to date.
    pub async fn open(settings: &Settings) -> Result<Self, StoreError> {
        let (db, kind) = connect(settings).await?;
        migrations::run(&db).await?;
        let epoch = epoch::read(&db).await?;
        let pull_readers = settings.pull_readers();
        let pushes_in_flight = settings.pushes_in_flight.max(1) as usize;
        let timeout = Duration::from_secs(settings.store_timeout_secs.max(1).into());
        Ok(Store {
            db,
            kind,
            epoch,
            writer: std::sync::Arc::default(),
            readers: std::sync::Arc::new(tokio::sync::Semaphore::new(pull_readers)),
            pull_readers,
            pushers: std::sync::Arc::new(tokio::sync::Semaphore::new(pushes_in_flight)),
            pushes_in_flight,
            timeout,
        })
    }

    /// Runs `work` (the session check, a pull page, a write group) within
    /// `Settings::store_timeout_secs`. The `ws://` client holds a query
    /// sent while its server restarts or hangs until it answers; bounded
    /// here, the caller answers 503 and frees the turn or slot it holds
    /// instead of holding it for as long. A write cut short may still
    /// commit: the device sends the same ops again and the server answers
    /// them from what it remembered (docs/sync.md).
    pub async fn within<T>(
        &self,
        work: impl Future<Output = Result<T, StoreError>>,
    ) -> Result<T, StoreError> {
        tokio::time::timeout(self.timeout, work)
            .await
            .unwrap_or(Err(StoreError::TimedOut(self.timeout)))
    }

    /// The store's epoch (read when it opened).
    pub fn epoch(&self) -> epoch::Epoch {
        self.epoch
    }

    /// Writes a backup of the whole store into `file` while it is in use
    /// (`store::backup`).
    pub async fn backup(&self, file: &std::path::Path) -> Result<backup::Backup, StoreError> {
        backup::write(&self.db, file).await
    }

    /// A backup of a store no server has open (a stopped server's data
    /// folder, or a SurrealDB server): connects without migrating.
    pub async fn backup_unopened(
        settings: &Settings,
        file: &std::path::Path,
    ) -> Result<backup::Backup, StoreError> {
        let (db, _) = connect(settings).await?;
        backup::write(&db, file).await
    }

    /// Restores `file` into the empty store the settings name.
    pub async fn restore(
        settings: &Settings,
        file: &std::path::Path,
    ) -> Result<backup::Restored, StoreError> {
        let (db, _) = connect(settings).await?;
        backup::restore(&db, file).await
    }
}

/// Connects to the store the settings name, without touching its schema.
async fn connect(settings: &Settings) -> Result<(Surreal<Any>, &'static str), StoreError> {
    let url = settings.store.trim();
    let kind = store_kind(url)?;
    if let Some(dir) = url.strip_prefix("surrealkv://") {
        let dir = dir.split('?').next().unwrap_or(dir);
        std::fs::create_dir_all(dir).map_err(|source| StoreError::DataDir {
            path: dir.to_owned(),
            source,
        })?;
    }
    let db = any::connect(url).await?;
    if kind == "ws"
        && let (Some(username), Some(password)) = (&settings.store_user, &settings.store_pass)
    {
        db.signin(Root {
            username: username.clone(),
            password: password.clone(),
        })
        .await?;
    }
    db.use_ns(&settings.namespace)
        .use_db(&settings.database)
        .await?;
    Ok((db, kind))
}

impl Store {
    /// The same database with a writer of its own, as a second server
    /// process would have (tests of writes from several processes).
    #[must_use]
    pub fn as_another_process(&self) -> Store {
        Store {
            writer: std::sync::Arc::default(),
            readers: std::sync::Arc::new(tokio::sync::Semaphore::new(self.pull_readers)),
            pushers: std::sync::Arc::new(tokio::sync::Semaphore::new(self.pushes_in_flight)),
            ..self.clone()
        }
    }

    /// A turn to push: held from before the push's body is read until its
    /// answer is ready. The semaphore is never closed; None would only
    /// mean no wait.
    pub async fn push_turn(&self) -> Option<tokio::sync::OwnedSemaphorePermit> {
        std::sync::Arc::clone(&self.pushers)
            .acquire_owned()
            .await
            .ok()
    }

    /// Caps the ops this process applies in one transaction (benchmarks:
    /// 1 turns group commit off).
    pub fn limit_write_groups(&self, ops: usize) {
        self.writer.limit_groups(ops);
    }

    /// Which engine is behind this store: `surrealkv`, `mem` or `ws`.
    pub fn kind(&self) -> &'static str {
        self.kind
    }

    /// A round trip to the database, bounded so a hung remote answers "down".
    pub async fn ping(&self) -> bool {
        let query = self.db.query("RETURN 1");
        matches!(
            tokio::time::timeout(Duration::from_secs(2), query).await,
            Ok(Ok(_))
        )
    }

    /// Versions of the migrations applied, in order.
    pub async fn applied_migrations(&self) -> Result<Vec<i64>, StoreError> {
        migrations::applied(&self.db).await
    }
}

/// In a failed multi-statement transaction every other statement reports
/// "not executed"; the real cause is the one that does not.
pub(crate) fn is_not_executed(error: &surrealdb::Error) -> bool {
    error.to_string().contains("not executed")
}

/// The answer to a query, or the first of its errors that is a real
/// cause (not a statement merely "not executed" after it).
fn first_error(
    mut response: surrealdb::IndexedResults,
) -> Result<surrealdb::IndexedResults, StoreError> {
    let errors = response.take_errors();
    match errors.into_values().find(|e| !is_not_executed(e)) {
        Some(error) => Err(StoreError::from(error)),
        None => Ok(response),
    }
}

fn store_kind(url: &str) -> Result<&'static str, StoreError> {
    if url.starts_with("surrealkv://") && url.len() > "surrealkv://".len() {
        Ok("surrealkv")
    } else if url == "mem://" || url == "memory" {
        Ok("mem")
    } else if url.starts_with("ws://") || url.starts_with("wss://") {
        Ok("ws")
    } else {
        Err(StoreError::BadUrl(url.to_owned()))
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn store_urls() {
        assert_eq!(store_kind("surrealkv://data").ok(), Some("surrealkv"));
        assert_eq!(store_kind("mem://").ok(), Some("mem"));
        assert_eq!(store_kind("ws://127.0.0.1:8000").ok(), Some("ws"));
        assert!(store_kind("surrealkv://").is_err());
        assert!(store_kind("postgres://x").is_err());
        assert!(store_kind("").is_err());
    }
}
