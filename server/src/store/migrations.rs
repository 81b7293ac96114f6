//! Versioned schema migrations. Each runs once, in order, recorded in the
//! `migration` table; every statement is idempotent (`IF NOT EXISTS`) so a
//! crash between a migration and its record, or two servers starting at
//! once, is harmless. Never edit an applied migration: add a new one.
use serde_json::json;
use surrealdb::Surreal;
use surrealdb::engine::any::Any;

use super::{StoreError, is_not_executed};

pub struct Migration {
    pub version: i64,
    pub name: &'static str,
    pub sql: &'static str,
}

pub const MIGRATIONS: &[Migration] = &[
    Migration {
        version: 1,
        name: "records, ops, history, counters",
        sql: "
        DEFINE TABLE IF NOT EXISTS migration SCHEMAFULL;
        DEFINE FIELD IF NOT EXISTS version ON migration TYPE int;
        DEFINE FIELD IF NOT EXISTS name ON migration TYPE string;
        DEFINE FIELD IF NOT EXISTS applied_at ON migration TYPE datetime;

        DEFINE TABLE IF NOT EXISTS counter SCHEMAFULL;
        DEFINE FIELD IF NOT EXISTS value ON counter TYPE int DEFAULT 0;

        -- Every synced entity (model, unit, campaign, ...) is one row here:
        -- one table gives one server order (seq) for pulling by cursor.
        DEFINE TABLE IF NOT EXISTS record SCHEMALESS;
        DEFINE FIELD IF NOT EXISTS kind ON record TYPE string;
        DEFINE FIELD IF NOT EXISTS commune ON record TYPE string;
        DEFINE FIELD IF NOT EXISTS unit ON record TYPE null | string;
        DEFINE FIELD IF NOT EXISTS data ON record TYPE object;
        DEFINE FIELD IF NOT EXISTS seq ON record TYPE int;
        DEFINE FIELD IF NOT EXISTS deleted ON record TYPE bool DEFAULT false;
        DEFINE INDEX IF NOT EXISTS record_seq ON record FIELDS seq UNIQUE;
        DEFINE INDEX IF NOT EXISTS record_commune_seq ON record FIELDS commune, seq;
        DEFINE INDEX IF NOT EXISTS record_kind_commune ON record FIELDS kind, commune;

        -- Every op applied, by op id, with the result sent back: a retried
        -- op gets the same answer and is never applied twice.
        DEFINE TABLE IF NOT EXISTS op SCHEMALESS;
        DEFINE FIELD IF NOT EXISTS result ON op TYPE object;
        DEFINE FIELD IF NOT EXISTS at ON op TYPE datetime;

        -- Who changed what, when (server clock), for every applied op.
        DEFINE TABLE IF NOT EXISTS history SCHEMALESS;
        DEFINE FIELD IF NOT EXISTS seq ON history TYPE int;
        DEFINE FIELD IF NOT EXISTS record ON history TYPE string;
        DEFINE FIELD IF NOT EXISTS at ON history TYPE datetime;
        DEFINE INDEX IF NOT EXISTS history_record ON history FIELDS record, seq;
    ",
    },
    Migration {
        version: 2,
        name: "users and sessions",
        sql: "
        DEFINE TABLE IF NOT EXISTS app_user SCHEMALESS;
        DEFINE FIELD IF NOT EXISTS username ON app_user TYPE string;
        DEFINE INDEX IF NOT EXISTS app_user_username ON app_user FIELDS username UNIQUE;
        DEFINE TABLE IF NOT EXISTS session SCHEMALESS;
        DEFINE FIELD IF NOT EXISTS user ON session TYPE string;
        DEFINE INDEX IF NOT EXISTS session_user ON session FIELDS user;
    ",
    },
    Migration {
        version: 3,
        name: "children of a model by model id",
        sql: "
        DEFINE INDEX IF NOT EXISTS record_model ON record FIELDS data.model_id;
    ",
    },
    Migration {
        version: 4,
        name: "account audit",
        sql: "
        DEFINE TABLE IF NOT EXISTS auth_event SCHEMALESS;
        DEFINE FIELD IF NOT EXISTS at ON auth_event TYPE datetime;
        DEFINE FIELD IF NOT EXISTS commune ON auth_event TYPE null | string;
        DEFINE FIELD IF NOT EXISTS user ON auth_event TYPE string;
        DEFINE INDEX IF NOT EXISTS auth_event_commune ON auth_event FIELDS commune, at;
        DEFINE INDEX IF NOT EXISTS auth_event_user ON auth_event FIELDS user, at;
        DEFINE INDEX IF NOT EXISTS app_user_commune ON app_user FIELDS user.commune_id;
    ",
    },
    Migration {
        version: 5,
        name: "record fields as text, queried fields as columns",
        sql: "
        DEFINE FIELD OVERWRITE data ON record TYPE object | string;
        -- Indexes first: the updates below then fill them (an index defined
        -- after them in the same transaction would miss those rows).
        DEFINE INDEX IF NOT EXISTS record_model_id ON record FIELDS model_id;
        DEFINE INDEX IF NOT EXISTS record_commune_name ON record FIELDS kind, name;
        UPDATE record SET model_id = data.model_id WHERE data.model_id != NONE;
        UPDATE record SET name = data.name, city = data.city WHERE kind = 'commune';
        REMOVE INDEX IF EXISTS record_model ON record;
    ",
    },
    Migration {
        version: 6,
        name: "failed sign-ins of unknown usernames",
        sql: "
        -- A failed sign-in with a name that has no account is audited too,
        -- with no user and no commune.
        DEFINE FIELD OVERWRITE user ON auth_event TYPE null | string;
        DEFINE INDEX IF NOT EXISTS session_user_revoked ON session FIELDS user, revoked;
    ",
    },
    Migration {
        version: 7,
        name: "one index less on every record write",
        sql: "
        -- (kind, commune) served only a count; every record write paid for
        -- it. A commune's records are found by (commune, seq).
        REMOVE INDEX IF EXISTS record_kind_commune ON record;
    ",
    },
    Migration {
        version: 8,
        name: "store epoch",
        sql: "
        -- Names the store's history for devices (`store::epoch`): made once
        -- here, made again by `server restore`. Kept if it exists, so two
        -- servers starting at once agree.
        DEFINE TABLE IF NOT EXISTS store_meta SCHEMALESS;
        UPSERT store_meta:epoch SET
            epoch = epoch ?? <string> rand::uuid::v7(),
            forked_at = forked_at ?? 0
            RETURN NONE;
    ",
    },
    Migration {
        version: 9,
        name: "sign-in failures in the store",
        sql: "
        -- Every app server on one store counts the same failed sign-ins
        -- (`auth::limiter`); rows older than the window are deleted.
        DEFINE TABLE IF NOT EXISTS signin_failure SCHEMALESS;
        DEFINE FIELD IF NOT EXISTS key ON signin_failure TYPE string;
        DEFINE FIELD IF NOT EXISTS at ON signin_failure TYPE datetime;
        DEFINE INDEX IF NOT EXISTS signin_failure_key ON signin_failure FIELDS key, at;
        DEFINE INDEX IF NOT EXISTS signin_failure_at ON signin_failure FIELDS at;
    ",
    },
    Migration {
        version: 10,
        name: "photos: bytes in chunks, uploads in pieces, who refers to which",
        sql: "
        -- One row per photo, its id the SHA-256 of its bytes.
        DEFINE TABLE IF NOT EXISTS photo SCHEMALESS;
        DEFINE TABLE IF NOT EXISTS photo_chunk SCHEMALESS;
        DEFINE FIELD IF NOT EXISTS data ON photo_chunk TYPE bytes;
        DEFINE INDEX IF NOT EXISTS photo_chunk_hash ON photo_chunk FIELDS hash, n;
        -- Pieces of uploads not yet complete, per uploader.
        DEFINE TABLE IF NOT EXISTS photo_part SCHEMALESS;
        DEFINE FIELD IF NOT EXISTS data ON photo_part TYPE bytes;
        DEFINE INDEX IF NOT EXISTS photo_part_owner ON photo_part FIELDS hash, user;
        -- The hashes a record refers to (written with the record; rows
        -- before this had no photos): who may fetch a photo.
        DEFINE INDEX IF NOT EXISTS record_photos ON record FIELDS photos[*];
    ",
    },
    Migration {
        version: 11,
        name: "kept rows of the city summary",
        sql: "
        -- One row per commune: its city-summary rows for the days ahead
        -- (JSON text) and the newest sequence they were made at.
        DEFINE TABLE IF NOT EXISTS city_row SCHEMALESS;
        DEFINE INDEX IF NOT EXISTS city_row_city ON city_row FIELDS city;
        -- Each commune's newest sequence, written with its records: whether
        -- a commune changed is one short row, not a scan of its records. A
        -- commune not written since this migration has none and reads as 0,
        -- which stays true until its next write, so nothing needs filling.
        DEFINE TABLE IF NOT EXISTS commune_head SCHEMALESS;
    ",
    },
];

pub(super) async fn run(db: &Surreal<Any>) -> Result<(), StoreError> {
    // The migration table itself comes from migration 1, so read it leniently.
    let done = applied(db).await.unwrap_or_default();
    if let Some(error) = too_new(&done) {
        return Err(error);
    }
    for migration in MIGRATIONS.iter().filter(|m| !done.contains(&m.version)) {
        apply(db, migration).await?;
        tracing::info!(
            version = migration.version,
            name = migration.name,
            "migration applied"
        );
    }
    Ok(())
}

/// The refusal to run on a store that holds a migration this binary does
/// not know (written by a newer version), if it does.
fn too_new(done: &[i64]) -> Option<StoreError> {
    let known = MIGRATIONS.iter().map(|m| m.version).max().unwrap_or(0);
    let store = done.iter().copied().max().unwrap_or(0);
    (store > known).then_some(StoreError::TooNew { store, known })
}

async fn apply(db: &Surreal<Any>, migration: &Migration) -> Result<(), StoreError> {
    let fail = |source| StoreError::Migration {
        version: migration.version,
        name: migration.name,
        source: Box::new(source),
    };
    let sql = format!(
        "BEGIN TRANSACTION;
         {}
         UPSERT type::record('migration', $version) CONTENT {{
             version: $version, name: $name, applied_at: time::now()
         }};
         COMMIT TRANSACTION;",
        migration.sql
    );
    let mut response = db
        .query(sql)
        .bind(json!({ "version": migration.version, "name": migration.name }))
        .await
        .map_err(fail)?;
    let errors = response.take_errors();
    match errors.into_values().find(|e| !is_not_executed(e)) {
        Some(error) => Err(fail(error)),
        None => Ok(()),
    }
}

pub(super) async fn applied(db: &Surreal<Any>) -> Result<Vec<i64>, StoreError> {
    let mut response = db
        .query("SELECT VALUE version FROM migration ORDER BY version")
        .await?
        .check()?;
    let versions: Vec<i64> = response.take(0)?;
    Ok(versions)
}

#[cfg(test)]
mod tests {
    #![allow(clippy::disallowed_methods, clippy::expect_used)] // tests make ids freely
    use std::path::PathBuf;
    use std::time::{Duration, Instant};

    use serde_json::json;

    use super::super::Store;
    use crate::config::Settings;

    fn all_migrations() -> Vec<i64> {
        super::MIGRATIONS.iter().map(|m| m.version).collect()
    }

    async fn open_when_ready(url: &str) -> Store {
        let settings = Settings {
            store: url.to_owned(),
            dist: PathBuf::from("dist"),
            ..Settings::default()
        };
        let deadline = Instant::now() + Duration::from_secs(20);
        loop {
            match Store::open(&settings).await {
                Ok(store) => return store,
                Err(error) if Instant::now() < deadline => {
                    eprintln!("store not ready yet: {error}");
                    tokio::time::sleep(Duration::from_millis(50)).await;
                }
                Err(error) => panic!("cannot reopen {url}: {error}"),
            }
        }
    }

    /// A store written before migration 5 (fields and field metadata as
    /// objects) still reads after it, and its children are found by the new
    /// `model_id` column.
    #[tokio::test]
    async fn rows_written_before_migration_5_read_after_it() {
        let dir = tempfile::tempdir().expect("tempdir");
        let url = format!("surrealkv://{}", dir.path().join("db").display());
        let store = open_when_ready(&url).await;
        let model = uuid::Uuid::now_v7();
        let report = uuid::Uuid::now_v7();
        let commune = uuid::Uuid::now_v7();
        // Back to the old schema, with one old-style report row.
        store
            .db
            .query(
                "DELETE type::record('migration', 5);
                 DEFINE FIELD OVERWRITE data ON record TYPE object;
                 REMOVE INDEX IF EXISTS record_model_id ON record;
                 CREATE type::record('record', $id) CONTENT {
                     kind: 'report', commune: $commune, unit: NULL, seq: 7, deleted: false, conflicts: [],
                     data: { id: $id, model_id: $model, results: 'Kết quả' },
                     meta: { results: { seq: 7, device: $nil, clock: 1 } }
                 };
                 CREATE type::record('record', $commune) CONTENT {
                     kind: 'commune', commune: $commune, unit: NULL, seq: 8, deleted: false, conflicts: [],
                     data: { id: $commune, name: 'Đảng bộ xã Cũ', place_name: 'Cũ', city: 'Thành phố Cũ' }, meta: {}
                 };",
            )
            .bind(json!({
                "id": report.to_string(), "model": model.to_string(), "commune": commune.to_string(),
                "nil": uuid::Uuid::nil().to_string(),
            }))
            .await
            .expect("old rows")
            .check()
            .expect("old rows ok");
        drop(store);

        let store = open_when_ready(&url).await;
        assert_eq!(
            store.applied_migrations().await.expect("migrations"),
            all_migrations()
        );
        let record = store
            .record(report)
            .await
            .expect("read")
            .expect("still there");
        assert_eq!(record.state.fields["results"], json!("Kết quả"));
        assert_eq!(record.meta["results"].seq, 7);
        let mut response = store
            .db
            .query(
                "SELECT VALUE record::id(id) FROM record WHERE kind = 'report' AND model_id = $model",
            )
            .bind(json!({ "model": model.to_string() }))
            .await
            .expect("query");
        let found: Vec<String> = response.take(0).expect("ids");
        assert_eq!(found, vec![report.to_string()]);
        assert_eq!(
            store
                .communes_of_city("Thành phố Cũ")
                .await
                .expect("communes"),
            vec![commune]
        );
    }

    /// A rollback onto a store a newer binary migrated is refused with a
    /// message, not run on; the store's own migrations are fine.
    #[tokio::test]
    async fn a_store_migrated_by_a_newer_binary_is_refused() {
        let store = open_when_ready("mem://").await;
        assert!(super::too_new(&all_migrations()).is_none());
        super::run(&store.db)
            .await
            .expect("an up-to-date store opens");
        let known = all_migrations().into_iter().max().expect("migrations");
        store
            .db
            .query("UPSERT type::record('migration', $v) CONTENT { version: $v, name: 'from the future', applied_at: time::now() }")
            .bind(json!({ "v": known + 1 }))
            .await
            .expect("write")
            .check()
            .expect("written");
        let refused = super::run(&store.db).await.expect_err("refused");
        let message = refused.to_string();
        assert!(
            matches!(refused, super::StoreError::TooNew { store, known: k } if store == known + 1 && k == known),
            "{message}"
        );
        assert!(message.contains("newer DVK"), "{message}");
    }

    /// An upgrade whose migration fails leaves the store as it was: no
    /// half-made schema, no record of the migration, the server refuses
    /// to start rather than run on it.
    #[tokio::test]
    async fn a_failed_migration_changes_nothing() {
        let store = open_when_ready("mem://").await;
        let broken = super::Migration {
            version: 999,
            name: "broken on purpose",
            sql: "DEFINE TABLE IF NOT EXISTS half_made SCHEMALESS;
                  CREATE half_made:one CONTENT { n: 1 };
                  THROW 'broken on purpose';",
        };
        let failed = super::apply(&store.db, &broken).await;
        assert!(failed.is_err(), "the migration reports its failure");
        assert!(
            !super::applied(&store.db)
                .await
                .expect("read")
                .contains(&999)
        );
        let mut info = store
            .db
            .query("INFO FOR DB")
            .await
            .expect("info")
            .check()
            .expect("info ok");
        let info: Option<serde_json::Value> = info.take(0).expect("info value");
        let tables = info.as_ref().and_then(|i| i.get("tables")).cloned();
        assert!(
            tables.is_none_or(|t| t.get("half_made").is_none()),
            "the table it began to define is not there"
        );
    }
}
