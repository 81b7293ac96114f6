//! Opening a person's data at start-up: IndexedDB read once into memory
//! (records as a few large log segments), the engine built on it, and the
//! one-time move of data from localStorage, all under the sync lock so two
//! tabs starting together do not both move it.
use std::cell::{Cell, RefCell};
use std::rc::Rc;

use leptos::prelude::*;
use shared::sync::{Engine, StorageError};
use uuid::Uuid;

use super::{Phase, Saved, SyncUi, Syncer, fetch, lock};
use crate::clock;
use crate::session::{self, Session};
use crate::store::{self, Backend, IdbKv, UserStorage};
use crate::strings;

type Opened = (Engine<Backend>, Option<IdbKv>, Option<String>);

/// The engine on IndexedDB, moving localStorage data in if there is any;
/// on localStorage if IndexedDB cannot be used or the move cannot commit
/// (the old data is then untouched and used as before).
async fn open_engine(user: Uuid, device: Uuid, scope: &str) -> Result<Opened, StorageError> {
    clock::begin("dvk-store-open");
    let opened = store::open(user, clock::now()).await;
    clock::measure("dvk-store-open");
    let opened = match opened {
        Ok(opened) => opened,
        Err(error) => {
            let engine = local_engine(user, device, scope)?;
            return Ok((
                engine,
                None,
                Some(format!("{} ({error})", strings::NO_INDEXED_DB)),
            ));
        }
    };
    let kv = opened.kv;
    let mut engine = clock::measured("dvk-engine-open", || {
        Engine::open(Backend::Idb(kv.clone()), device)
    })?;
    engine.set_scope(scope)?;
    clock::begin("dvk-flush");
    let flushed = kv.flush_now().await;
    clock::measure("dvk-flush");
    match flushed {
        Ok(()) => {
            store::forget_moved(user, &opened.moved);
            Ok((engine, Some(kv), None))
        }
        Err(error) if !opened.moved.is_empty() => {
            let engine = local_engine(user, device, scope)?;
            Ok((
                engine,
                None,
                Some(format!("{} ({error})", strings::MOVE_FAILED)),
            ))
        }
        // Nothing to move, the write failed (a full storage): it is tried again.
        Err(error) => Ok((
            engine,
            Some(kv),
            Some(format!("{} ({error})", strings::STORAGE_FAILED)),
        )),
    }
}

fn local_engine(user: Uuid, device: Uuid, scope: &str) -> Result<Engine<Backend>, StorageError> {
    let mut engine = Engine::open(Backend::Local(UserStorage::for_user(user)), device)?;
    engine.set_scope(scope)?;
    Ok(engine)
}

impl Syncer {
    pub async fn open(session: Session) -> Result<Rc<Syncer>, StorageError> {
        let user = session.user.id.as_uuid();
        // A new role or unit (set by the admin) means other records: pull afresh.
        let u = &session.user;
        let scope = serde_json::to_string(&(u.role, u.commune_id, u.unit_id, &u.city))
            .map_err(|e| StorageError::Write(e.to_string()))?;
        // Moving data out of localStorage happens under the sync lock (two
        // tabs starting together must not both move it); without any there,
        // start-up does not wait for another tab's sync.
        let held = if store::has_local_data(user) {
            Some(lock::ask(&super::run::lock_name(user), true).await)
        } else {
            None
        };
        let (engine, kv, notice) = open_engine(user, session::device_id(), &scope).await?;
        drop(held);
        let summary = engine.summary();
        let syncer = Rc::new(Syncer {
            session,
            engine: RefCell::new(engine),
            kv,
            tab: tab_id(),
            ui: RwSignal::new(SyncUi {
                online: window().navigator().on_line(),
                running: false,
                phase: Phase::Idle,
                summary,
                signed_out: false,
                saved: Saved::Yes,
            }),
            data_version: RwSignal::new(0),
            kinds: std::array::from_fn(|_| RwSignal::new(0)),
            mark: RefCell::new(None),
            soon: RefCell::new(None),
            refresh: RefCell::new(None),
            other_tab: RefCell::new(None),
            notice: RwSignal::new(notice),
            busy: Cell::new(false),
            again: Cell::new(None),
            in_flight: fetch::InFlight::default(),
            channel: super::tabs::channel(user),
        });
        Ok(syncer)
    }
}

/// This tab's id (the storage lease's holder where Web Locks are missing),
/// made once per page load.
#[allow(clippy::disallowed_methods)] // an adapter: the browser's clock makes the id
fn tab_id() -> String {
    Uuid::now_v7().to_string()
}
