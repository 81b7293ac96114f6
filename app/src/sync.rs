//! Drives the shared sync engine from the browser: fetch as transport, a
//! lease so one tab syncs at a time, and triggers: start-up, the browser's
//! `online` event, a timer, the "Đồng bộ ngay" button and each edit.
use std::cell::RefCell;
use std::rc::Rc;
use std::time::Duration;

use leptos::prelude::*;
use shared::sync::{Engine, Fields, RecordKind, StorageError, Summary};
use uuid::Uuid;

use crate::api::{self, CallError};
use crate::clock;
use crate::session::{self, Session};
use crate::storage::UserStorage;

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
            .unwrap_or_default();
        engine.set_scope(&scope)?;
        let summary = engine.summary();
        Ok(Rc::new(Syncer {
            session,
            engine: RefCell::new(engine),
            tab: Uuid::now_v7().to_string(),
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

    fn fail(&self, error: &CallError) {
        let _ = self
            .engine
            .borrow_mut()
            .fail(&error.message(), clock::now());
        let signed_out = matches!(error, CallError::SignedOut(_));
        self.ui.update(|ui| {
            ui.error = Some(error.message());
            ui.signed_out |= signed_out;
        });
    }

    /// One sync: push everything waiting, then pull every page. `forced`
    /// ignores the retry timer (online event, button).
    pub async fn run(self: &Rc<Self>, forced: bool) {
        if self.ui.get_untracked().running || self.ui.get_untracked().signed_out {
            return;
        }
        let now = clock::now();
        {
            let mut engine = self.engine.borrow_mut();
            let _ = engine.reload();
            if forced {
                engine.retry_now();
            }
            if !engine.due(now) || !engine.acquire_lease(&self.tab, now).unwrap_or(false) {
                return;
            }
        }
        self.ui.update(|ui| {
            ui.running = true;
            ui.error = None;
        });
        let result = self.exchange().await;
        if let Err(error) = &result {
            self.fail(error);
        }
        let _ = self.engine.borrow_mut().release_lease(&self.tab);
        self.changed();
        self.ui.update(|ui| {
            ui.running = false;
            ui.progress = None;
        });
    }

    async fn exchange(&self) -> Result<(), CallError> {
        let token = self.session.token.clone();
        loop {
            let request = self
                .engine
                .borrow_mut()
                .begin_push()
                .map_err(storage_error)?;
            let Some(request) = request else { break };
            match api::push(&token, &request).await {
                Ok(response) => self
                    .engine
                    .borrow_mut()
                    .finish_push(response)
                    .map_err(storage_error)?,
                Err(error) => return Err(error),
            }
            self.changed();
        }
        let start = self.engine.borrow().cursor();
        loop {
            let since = self.engine.borrow().cursor();
            let page = api::pull(&token, since).await?;
            let head = page.head;
            let more = self
                .engine
                .borrow_mut()
                .finish_pull(page)
                .map_err(storage_error)?;
            let done = self.engine.borrow().cursor();
            if head > start {
                let share = (done.saturating_sub(start)) as f64 / (head - start) as f64;
                self.ui.update(|ui| ui.progress = Some(share.min(1.0)));
            }
            self.changed();
            if !more {
                return Ok(());
            }
        }
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
            let handle = set_timeout_with_handle(
                move || {
                    let _ = again.engine.borrow_mut().reload();
                    again.changed();
                },
                Duration::from_millis(300),
            );
            *this.refresh.borrow_mut() = handle.ok();
        });
        let this = self.clone();
        let _ = set_interval_with_handle(
            move || {
                let this = this.clone();
                leptos::task::spawn_local(async move { this.run(false).await });
            },
            TIMER,
        );
    }
}

fn storage_error(error: StorageError) -> CallError {
    CallError::Server(shared::api::ApiError::new("storage", error.to_string()))
}
