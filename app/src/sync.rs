//! Drives the shared sync engine from the browser: fetch as transport, a
//! lease so one tab syncs at a time, and triggers: start-up, the browser's
//! `online` event, a timer, the "Đồng bộ ngay" button and each edit.
use std::cell::RefCell;
use std::rc::Rc;
use std::time::Duration;

use leptos::prelude::*;
use shared::api::CallError;
use shared::sync::{
    Engine, Fields, Lease, Progress, PullResponse, PushRequest, PushResponse, RecordKind,
    StorageError, Summary, SyncOptions, SyncOutcome, Transport, sync_once,
};
use uuid::Uuid;

use crate::api;
use crate::clock;
use crate::session::{self, Session};
use crate::storage::UserStorage;
use crate::strings;

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

/// How often the app syncs on its own while open.
const TIMER: Duration = Duration::from_secs(30);

/// What the sync bar shows.
#[derive(Debug, Clone, PartialEq)]
pub struct SyncUi {
    pub online: bool,
    pub running: bool,
    /// 0.0–1.0 while pulling a long backlog.
    pub progress: Option<f64>,
    pub summary: Summary,
    pub error: Option<String>,
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
}

/// Quiet time after the last edit before sending, so typing a paragraph
/// online is one request, not one per key.
const AFTER_EDIT: Duration = Duration::from_millis(1500);

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
                progress: None,
                summary,
                error: None,
                signed_out: false,
            }),
            data_version: RwSignal::new(0),
            soon: RefCell::new(None),
            refresh: RefCell::new(None),
            notice: RwSignal::new(None),
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

    fn after_change(self: &Rc<Self>) {
        self.changed();
        if let Some(old) = self.soon.borrow_mut().take() {
            old.clear();
        }
        let this = self.clone();
        let handle = set_timeout_with_handle(
            move || {
                let this = this.clone();
                leptos::task::spawn_local(async move { this.run(false).await });
            },
            AFTER_EDIT,
        );
        *self.soon.borrow_mut() = handle.ok();
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

    /// One sync (`shared::sync::sync_once`): push everything waiting, then
    /// pull every page. `forced` ignores the retry timer (online event,
    /// button, start-up).
    pub async fn run(self: &Rc<Self>, forced: bool) {
        if self.ui.get_untracked().running || self.ui.get_untracked().signed_out {
            return;
        }
        self.reread();
        self.ui.update(|ui| {
            ui.running = true;
            ui.error = None;
        });
        let transport = Fetch;
        let options = SyncOptions::new(Lease::Storage { holder: &self.tab })
            .forced(forced)
            .page(PULL_PAGE);
        let mut heard = |step: Progress| {
            if let Progress::Receiving { share } = step {
                self.ui.update(|ui| ui.progress = Some(share));
            }
            self.changed();
        };
        let outcome = sync_once(&self.engine, &transport, options, &clock::now, &mut heard).await;
        match outcome {
            SyncOutcome::Synced { .. } | SyncOutcome::NotDue | SyncOutcome::Busy => {}
            SyncOutcome::Failed(error) => {
                let signed_out = matches!(error, CallError::SignedOut(_));
                self.ui.update(|ui| {
                    ui.error = Some(error.message());
                    ui.signed_out |= signed_out;
                });
            }
            SyncOutcome::Storage(error) => self.report(Err(error)),
        }
        self.changed();
        self.ui.update(|ui| {
            ui.running = false;
            ui.progress = None;
        });
    }

    /// Starts the triggers: now, on `online`, and on a timer.
    pub fn start(self: &Rc<Self>) {
        let this = self.clone();
        leptos::task::spawn_local(async move { this.run(true).await });
        let this = self.clone();
        let _online = window_event_listener(leptos::ev::online, move |_| {
            this.ui.update(|ui| ui.online = true);
            let this = this.clone();
            leptos::task::spawn_local(async move { this.run(true).await });
        });
        let ui = self.ui;
        let _offline = window_event_listener(leptos::ev::offline, move |_| {
            ui.update(|ui| ui.online = false);
        });
        // Another tab of this person wrote: show it here too (one re-read
        // per burst of writes).
        let this = self.clone();
        let _storage = window_event_listener(leptos::ev::storage, move |_| {
            if let Some(old) = this.refresh.borrow_mut().take() {
                old.clear();
            }
            let again = this.clone();
            let handle =
                set_timeout_with_handle(move || again.reread(), Duration::from_millis(300));
            *this.refresh.borrow_mut() = handle.ok();
        });
        let this = self.clone();
        let timer = set_interval_with_handle(
            move || {
                let this = this.clone();
                leptos::task::spawn_local(async move { this.run(false).await });
            },
            TIMER,
        );
        if timer.is_err() {
            // No timer: syncs still happen on edits, the button and `online`.
            self.notice.set(Some(strings::NO_TIMER.into()));
        }
    }
}

/// This tab's id (the sync lease's holder), made once per page load.
#[allow(clippy::disallowed_methods)] // an adapter: the browser's clock makes the id
fn tab_id() -> String {
    Uuid::now_v7().to_string()
}

/// Records a pulled page at a time; smaller than the server's largest so
/// a slow phone shows progress and a cut connection loses little.
const PULL_PAGE: u32 = 500;

/// The server over fetch (the session cookie and device key go with it).
struct Fetch;

impl Transport for Fetch {
    async fn push(&self, request: &PushRequest) -> Result<PushResponse, CallError> {
        api::push(request).await
    }

    async fn pull(&self, since: u64, limit: u32) -> Result<PullResponse, CallError> {
        api::pull(since, limit).await
    }
}
