//! Drives the shared sync engine from the browser: fetch as transport, a
//! Web Lock so one tab syncs at a time, and triggers: start-up, the
//! browser's `online` event, a timer, the "Đồng bộ ngay" button, each edit
//! and another tab's changes (see `run`).
mod fetch;
mod lock;
mod run;

use std::cell::{Cell, RefCell};
use std::rc::Rc;

use leptos::prelude::*;
use shared::sync::{Engine, Fields, RecordKind, StorageError, Summary};
use uuid::Uuid;

use crate::clock;
use crate::session::{self, Session};
use crate::storage::UserStorage;
use crate::strings;

pub use run::Why;

thread_local! {
    static CURRENT: RefCell<Option<Rc<Syncer>>> = const { RefCell::new(None) };
}

/// Makes `syncer` the page's one syncer (a sign-in or sign-out reloads the page).
pub fn install(syncer: Rc<Syncer>) {
    CURRENT.with(|c| *c.borrow_mut() = Some(syncer));
}

/// The page's syncer. Views call this instead of capturing it, because
/// reactive closures must be `Send` and an `Rc` is not.
pub fn current() -> Option<Rc<Syncer>> {
    CURRENT.with(|c| c.borrow().clone())
}

/// What the sync is doing right now, for the sync bar.
#[derive(Debug, Clone, PartialEq)]
pub enum Phase {
    /// Nothing under way (changes may wait for the quiet time after typing).
    Idle,
    /// The server could not be reached (no network, or a dead link).
    Unreachable,
    /// Another tab of this person is syncing; this one waits its turn.
    OtherTab,
    /// Sending: ops still waiting (including the batch on its way).
    Sending(usize),
    /// Receiving; the share pulled so far once more than a page is due.
    Receiving(Option<f64>),
    /// The last sync went through.
    Done,
    /// The server answered with an error (in Vietnamese), or device
    /// storage refused a write.
    Failed(String),
}

/// What the sync bar shows.
#[derive(Debug, Clone, PartialEq)]
pub struct SyncUi {
    pub online: bool,
    pub running: bool,
    pub phase: Phase,
    pub summary: Summary,
    /// The server no longer accepts the session: sign in again (data kept).
    pub signed_out: bool,
}

pub struct Syncer {
    pub session: Session,
    engine: RefCell<Engine<UserStorage>>,
    tab: String,
    pub ui: RwSignal<SyncUi>,
    /// Bumped whenever local data changes, so views re-read the engine.
    pub data_version: RwSignal<u64>,
    /// A message for the person (storage full, restore done...).
    pub notice: RwSignal<Option<String>>,
    /// The pending "send soon" after an edit (typing restarts it).
    soon: RefCell<Option<TimeoutHandle>>,
    /// The pending re-read after another tab wrote.
    refresh: RefCell<Option<TimeoutHandle>>,
    /// The pending take-over check after another tab's changes.
    other_tab: RefCell<Option<TimeoutHandle>>,
    /// A sync is under way or waiting for the lock in this tab.
    busy: Cell<bool>,
    /// A trigger that came while busy: run once more afterwards.
    again: Cell<Option<Why>>,
    /// The request under way, cut when the network changes under it.
    in_flight: fetch::InFlight,
}

impl Syncer {
    pub fn open(session: Session) -> Result<Rc<Syncer>, StorageError> {
        let storage = UserStorage::for_user(session.user.id.as_uuid());
        let mut engine = Engine::open(storage, session::device_id())?;
        // A new role or unit (set by the admin) means other records: pull afresh.
        let user = &session.user;
        let scope = serde_json::to_string(&(user.role, user.commune_id, user.unit_id, &user.city))
            .map_err(|e| StorageError::Write(e.to_string()))?;
        engine.set_scope(&scope)?;
        let summary = engine.summary();
        Ok(Rc::new(Syncer {
            session,
            engine: RefCell::new(engine),
            tab: tab_id(),
            ui: RwSignal::new(SyncUi {
                online: window().navigator().on_line(),
                running: false,
                phase: Phase::Idle,
                summary,
                signed_out: false,
            }),
            data_version: RwSignal::new(0),
            soon: RefCell::new(None),
            refresh: RefCell::new(None),
            other_tab: RefCell::new(None),
            notice: RwSignal::new(None),
            busy: Cell::new(false),
            again: Cell::new(None),
            in_flight: fetch::InFlight::default(),
        }))
    }

    pub fn warnings(&self) -> Vec<String> {
        self.engine.borrow().warnings().to_vec()
    }

    pub fn with_engine<T>(&self, f: impl FnOnce(&Engine<UserStorage>) -> T) -> T {
        f(&self.engine.borrow())
    }

    /// Saves a change on the device (Ok means it is stored), then sends it
    /// once the person pauses.
    pub fn edit(
        self: &Rc<Self>,
        kind: RecordKind,
        id: Uuid,
        changes: Fields,
    ) -> Result<(), StorageError> {
        self.engine
            .borrow_mut()
            .edit(kind, id, changes, clock::now())?;
        self.after_change();
        Ok(())
    }

    /// Settles a conflict on `field` with the value the person chose.
    pub fn resolve(
        self: &Rc<Self>,
        kind: RecordKind,
        id: Uuid,
        field: &str,
        value: serde_json::Value,
    ) -> Result<(), StorageError> {
        self.engine
            .borrow_mut()
            .resolve(kind, id, field, value, clock::now())?;
        self.after_change();
        Ok(())
    }

    /// Deletes a record that never left this device; false if it did.
    pub fn discard_local(&self, kind: RecordKind, id: Uuid) -> Result<bool, StorageError> {
        let done = self.engine.borrow_mut().discard_local(kind, id)?;
        self.changed();
        Ok(done)
    }

    /// Gives up the refused changes of a record.
    pub fn discard_rejected(&self, kind: RecordKind, id: Uuid) -> Result<(), StorageError> {
        self.engine.borrow_mut().discard_rejected(kind, id)?;
        self.changed();
        Ok(())
    }

    /// Re-reads device storage (after a restore) and sends what it holds.
    pub fn reload(self: &Rc<Self>) -> Result<(), StorageError> {
        self.engine.borrow_mut().reload()?;
        self.after_change();
        Ok(())
    }

    pub fn pending(&self) -> usize {
        self.engine.borrow().pending()
    }

    fn changed(&self) {
        let summary = self.engine.borrow().summary();
        self.ui.update(|ui| ui.summary = summary);
        self.data_version.update(|v| *v += 1);
    }

    /// Says so when device storage refused something (quota, blocked).
    fn report(&self, result: Result<(), StorageError>) {
        if let Err(error) = result {
            self.notice
                .set(Some(format!("{} ({error})", strings::STORAGE_FAILED)));
        }
    }

    /// Re-reads device storage (another tab may have written).
    fn reread(&self) {
        let result = self.engine.borrow_mut().reload();
        self.report(result);
        self.changed();
    }
}

/// This tab's id (the storage lease's holder where Web Locks are missing),
/// made once per page load.
#[allow(clippy::disallowed_methods)] // an adapter: the browser's clock makes the id
fn tab_id() -> String {
    Uuid::now_v7().to_string()
}
