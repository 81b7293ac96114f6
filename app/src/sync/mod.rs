//! Drives the shared sync engine from the browser: fetch as transport, a
//! Web Lock so one tab syncs at a time, and triggers: start-up, the
//! browser's `online` event, a timer, the "Đồng bộ ngay" button, each edit
//! and another tab's changes (see `run`).
mod fetch;
mod lock;
mod open;
mod retain;
mod run;
mod tabs;

use std::cell::{Cell, RefCell};
use std::rc::Rc;

use leptos::prelude::*;
use shared::sync::{DataMark, Engine, Fields, KeyValue, RecordKind, StorageError, Summary};
use uuid::Uuid;

use crate::clock;
use crate::session::Session;
use crate::store::{Backend, IdbKv, Loaded};
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

/// Whether the latest change is in device storage yet ("đã lưu").
#[derive(Debug, Clone, PartialEq)]
pub enum Saved {
    /// Nothing changed since the page opened, or everything is written.
    Yes,
    /// In memory, being written.
    Saving,
    /// The browser refused the write (full storage): kept in memory and
    /// tried again; closing the page now would lose it.
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
    pub saved: Saved,
}

pub struct Syncer {
    pub session: Session,
    engine: RefCell<Engine<Backend>>,
    /// The IndexedDB side of the engine's storage (None: localStorage).
    kv: Option<IdbKv>,
    tab: String,
    pub ui: RwSignal<SyncUi>,
    /// Bumped whenever local data changes, so views re-read the engine;
    /// a sync moves it only when it changed the records (`mark`).
    pub data_version: RwSignal<u64>,
    /// One version per record kind, bumped with `data_version` for the
    /// kinds a change touched: a keystroke in a model's form moves only
    /// the models' one, so the screens of its evaluation, progress and
    /// report (each a scan of that kind) are not read again for it.
    kinds: [RwSignal<u64>; RecordKind::ALL.len()],
    /// The records' mark at the last bump of `data_version`
    /// (`shared::sync::DataMark`).
    mark: RefCell<Option<DataMark>>,
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
    /// Tells this person's other tabs that storage changed.
    channel: Option<web_sys::BroadcastChannel>,
}

impl Syncer {
    pub fn warnings(&self) -> Vec<String> {
        self.engine.borrow().warnings().to_vec()
    }

    /// The version of the records of `kind` (see `kinds`); a screen that
    /// reads only that kind tracks it instead of `data_version`.
    pub fn kind_version(&self, kind: RecordKind) -> RwSignal<u64> {
        let at = RecordKind::ALL.iter().position(|k| *k == kind).unwrap_or(0);
        self.kinds[at]
    }

    pub fn with_engine<T>(&self, f: impl FnOnce(&Engine<Backend>) -> T) -> T {
        f(&self.engine.borrow())
    }

    pub fn with_engine_mut<T>(&self, f: impl FnOnce(&mut Engine<Backend>) -> T) -> T {
        f(&mut self.engine.borrow_mut())
    }

    /// This person's IndexedDB storage (None where localStorage is used).
    pub fn kv(&self) -> Option<&IdbKv> {
        self.kv.as_ref()
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
        self.persist();
        self.after_change(Some(kind));
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
        self.persist();
        self.after_change(Some(kind));
        Ok(())
    }

    /// A draft kept with this person's data (a new model's name, a progress
    /// entry being written). One that no longer reads is kept aside
    /// under `corrupt/` and reported as such.
    pub fn draft<T: serde::de::DeserializeOwned>(self: &Rc<Self>, name: &str) -> Loaded<T> {
        let key = format!("draft/{name}");
        let raw = self.with_engine(|e| e.storage().get(&key));
        let Ok(Some(text)) = raw else {
            return Loaded::Missing;
        };
        if let Ok(value) = serde_json::from_str(&text) {
            return Loaded::Value(value);
        }
        let kept = self.with_engine_mut(|e| {
            e.storage_mut().set(&format!("corrupt/{key}"), &text)?;
            e.storage_mut().remove(&key)
        });
        self.report(kept);
        self.persist();
        Loaded::Corrupt
    }

    pub fn set_draft<T: serde::Serialize>(
        self: &Rc<Self>,
        name: &str,
        value: &T,
    ) -> Result<(), StorageError> {
        let text = serde_json::to_string(value).map_err(|e| StorageError::Write(e.to_string()))?;
        self.engine
            .borrow_mut()
            .storage_mut()
            .set(&format!("draft/{name}"), &text)?;
        self.persist();
        Ok(())
    }

    /// Waits for what was just written to reach IndexedDB, then says
    /// "đã lưu" (or that it could not be kept).
    pub(crate) fn persist(self: &Rc<Self>) {
        let Some(kv) = self.kv.clone() else {
            // localStorage wrote synchronously: saved already.
            self.ui.update(|ui| ui.saved = Saved::Yes);
            return;
        };
        let generation = kv.written();
        self.ui.update(|ui| ui.saved = Saved::Saving);
        let this = self.clone();
        leptos::task::spawn_local(async move {
            let result = kv.durable(generation).await;
            // A later write's own wait reports for it.
            if kv.written() != generation && result.is_ok() {
                return;
            }
            this.ui.update(|ui| {
                ui.saved = match &result {
                    Ok(()) => Saved::Yes,
                    Err(error) => Saved::Failed(error.to_string()),
                };
            });
            this.report(result);
        });
    }

    /// Deletes a record that never left this device; false if it did.
    pub fn discard_local(
        self: &Rc<Self>,
        kind: RecordKind,
        id: Uuid,
    ) -> Result<bool, StorageError> {
        let done = self.engine.borrow_mut().discard_local(kind, id)?;
        self.persist();
        self.changed(Some(kind));
        Ok(done)
    }

    /// Gives up the refused changes of a record.
    pub fn discard_rejected(
        self: &Rc<Self>,
        kind: RecordKind,
        id: Uuid,
    ) -> Result<(), StorageError> {
        self.engine.borrow_mut().discard_rejected(kind, id)?;
        self.persist();
        self.changed(Some(kind));
        Ok(())
    }

    /// After a restore or a drop of old years: keep it and send what waits.
    pub fn stored(self: &Rc<Self>) {
        self.persist();
        self.after_change(None);
    }

    pub fn pending(&self) -> usize {
        self.engine.borrow().pending()
    }

    /// This tab or another changed the data (records of `kind` only, or
    /// of any kind: None): show it.
    fn changed(&self, kind: Option<RecordKind>) {
        self.show_summary();
        let mark = self.engine.borrow().data_mark();
        *self.mark.borrow_mut() = Some(mark);
        self.bump(kind);
    }

    fn bump(&self, kind: Option<RecordKind>) {
        match kind {
            Some(kind) => self.kind_version(kind).update(|v| *v += 1),
            None => {
                for version in &self.kinds {
                    version.update(|v| *v += 1);
                }
            }
        }
        self.data_version.update(|v| *v += 1);
    }

    /// A step of a sync: the sync bar always shows it, the screens re-read
    /// only if the records' mark moved (a sync every 30 s that brings
    /// nothing leaves an open dashboard as it is).
    fn synced(&self) {
        self.show_summary();
        let mark = self.engine.borrow().data_mark();
        if self.mark.borrow().as_ref() != Some(&mark) {
            *self.mark.borrow_mut() = Some(mark);
            self.bump(None);
        }
    }

    /// The bar's counts (waiting, refused, conflicts) without redrawing
    /// the screens that read records (a long pull between its redraws).
    fn show_summary(&self) {
        let summary = self.engine.borrow().summary();
        if self.ui.with_untracked(|ui| ui.summary != summary) {
            self.ui.update(|ui| ui.summary = summary);
        }
    }

    /// Says so when device storage refused something (quota, blocked).
    fn report(&self, result: Result<(), StorageError>) {
        if let Err(error) = result {
            self.notice
                .set(Some(format!("{} ({error})", strings::STORAGE_FAILED)));
            // Photos already on the server make room first.
            crate::photos::guard_space();
        }
    }
}
