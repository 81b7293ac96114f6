//! When this tab syncs, and one sync (`shared::sync::sync_once`) under the
//! Web Lock.
//!
//! - Start-up, the `online` event and "Đồng bộ ngay" sync at once, waiting
//!   only for another tab's sync to end (never for a backoff timer: failures
//!   while offline start none, and these triggers clear the server's one).
//! - An edit syncs after the quiet time that ends typing.
//! - Another tab's changes: if changes wait once that tab had time to send
//!   them, this tab queues for the lock; if that tab dies mid-sync, the
//!   browser frees its lock and this tab takes over at once.
//! - A timer every 30 s, skipped while another tab syncs and while someone
//!   types (their edit's sync is due when they stop).
//! - The `online` and `offline` events cut a request under way: begun on
//!   the old network, it may hang on a dead connection.
use std::rc::Rc;
use std::time::Duration;

use leptos::prelude::*;
use shared::api::CallError;
use shared::sync::{Lease, Progress, RecordKind, SyncOptions, SyncOutcome, sync_once};

use super::fetch::Fetch;
use super::lock::{self, Asked};
use super::{Phase, Syncer};
use crate::clock;
use crate::strings;

/// Why a sync starts; the stronger reason wins when two meet.
#[derive(Debug, Clone, Copy, PartialEq, Eq, PartialOrd, Ord)]
pub enum Why {
    /// Another tab's changes may be stranded: sync only if some still wait.
    OtherTab,
    /// The periodic timer: not worth waiting for another tab.
    Timer,
    /// An edit, after the quiet time.
    Edit,
    /// Start-up, back online, the button: at once, whatever the retry timer says.
    Now,
}

impl Why {
    fn forced(self) -> bool {
        self == Why::Now
    }

    /// Whether to wait in line for the lock when another tab holds it.
    fn waits(self) -> bool {
        self != Why::Timer
    }
}

/// How often the app syncs on its own while open.
const TIMER: Duration = Duration::from_secs(30);

/// Quiet time after the last edit before sending, so typing a paragraph
/// online is one request, not one per key.
const AFTER_EDIT: Duration = Duration::from_millis(1500);

/// How long another tab gets to send its own changes before this one
/// checks they went.
const OTHER_TAB_GRACE: Duration = Duration::from_millis(2000);

/// "Đồng bộ ngay" cuts a request that has waited this long (a dead link).
const STALE_MS: f64 = 15_000.0;

/// While a long pull lands, the screens redraw with the records so far at
/// most this often (the bar follows every page): a redraw of a commune's
/// lists costs a slow phone a second or two, so a reviewer's first sync of
/// about ten pages draws once, at its end (measured: 50.0 s with a redraw
/// per 256 KiB page, 15.0 s every 5 s, 10.1 s at the end only).
const REDRAW_MS: f64 = 15_000.0;

/// Records a pulled page at a time: the server's largest; its bound of
/// 1 MiB of fields (about 550 models) keeps a page on a slow link short.
const PULL_PAGE: u32 = 1000;

fn later(f: impl FnOnce() + 'static, after: Duration) -> Option<TimeoutHandle> {
    set_timeout_with_handle(f, after).ok()
}

/// The Web Lock of one person's sync (and of opening their storage).
pub(super) fn lock_name(user: uuid::Uuid) -> String {
    format!("dvk-sync-{user}")
}

impl Syncer {
    /// Starts a sync for `why`, or queues it behind the one under way.
    pub fn trigger(self: &Rc<Self>, why: Why) {
        let this = self.clone();
        leptos::task::spawn_local(async move { this.run(why).await });
    }

    /// "Đồng bộ ngay": at once, cutting a request stuck on a dead link.
    pub fn sync_now(self: &Rc<Self>) {
        if self.in_flight.waited_ms().is_some_and(|ms| ms > STALE_MS) {
            self.in_flight.abort();
        }
        self.trigger(Why::Now);
    }

    async fn run(self: &Rc<Self>, why: Why) {
        if self.ui.get_untracked().signed_out {
            return;
        }
        if self.busy.get() {
            self.again.set(self.again.get().max(Some(why)));
            return;
        }
        self.busy.set(true);
        let mut why = why;
        loop {
            self.one(why).await;
            match self.again.take() {
                Some(next) if !self.ui.get_untracked().signed_out => why = next,
                _ => break,
            }
        }
        self.busy.set(false);
    }

    /// One sync under the lock (or the storage lease where Web Locks are missing).
    async fn one(self: &Rc<Self>, why: Why) {
        let name = lock_name(self.session.user.id.as_uuid());
        let mut asked = lock::ask(&name, false).await;
        if matches!(asked, Ok(Asked::Taken)) {
            if !why.waits() {
                return;
            }
            self.ui.update(|ui| ui.phase = Phase::OtherTab);
            asked = lock::ask(&name, true).await;
        }
        let (held, lease) = match asked {
            Ok(Asked::Held(held)) => (Some(held), Lease::Held),
            Ok(Asked::Taken) => return,
            Ok(Asked::Unsupported) => (None, Lease::Storage { holder: &self.tab }),
            Err(error) => {
                leptos::logging::warn!("sync lock refused, using the storage lease: {error:?}");
                (None, Lease::Storage { holder: &self.tab })
            }
        };
        // Another tab may have sent and received meanwhile.
        self.reread(false).await;
        if why == Why::OtherTab && self.pending() == 0 {
            self.ui.update(|ui| {
                if ui.phase == Phase::OtherTab {
                    ui.phase = Phase::Idle;
                }
            });
            return;
        }
        self.ui.update(|ui| ui.running = true);
        let outcome = self.exchange(lease, why.forced()).await;
        self.persist();
        // The next tab to take the lock re-reads IndexedDB: what this sync
        // wrote must be there first (else it would send again what was sent).
        if let Some(kv) = &self.kv {
            let written = kv.written();
            if let Err(error) = kv.durable(written).await {
                leptos::logging::warn!("sync's writes not yet stored: {error}");
            }
        }
        drop(held);
        // The records went first: now the photos they refer to.
        if matches!(outcome, SyncOutcome::Synced { .. }) {
            crate::photos::after_sync();
        }
        self.settle(outcome);
        self.synced();
        self.ui.update(|ui| ui.running = false);
    }

    async fn exchange(self: &Rc<Self>, lease: Lease<'_>, forced: bool) -> SyncOutcome {
        let transport = Fetch {
            in_flight: self.in_flight.clone(),
        };
        let options = SyncOptions::new(lease).forced(forced).page(PULL_PAGE);
        let mut drawn = js_sys::Date::now();
        let mut heard = |step: Progress| {
            let phase = match step {
                Progress::Sending { waiting, .. } => Phase::Sending(waiting),
                // A bar only once the backlog is more than the first page.
                Progress::Receiving { share } => Phase::Receiving((share < 1.0).then_some(share)),
            };
            self.ui.update(|ui| ui.phase = phase);
            let now = js_sys::Date::now();
            if now - drawn >= REDRAW_MS {
                drawn = now;
                self.synced();
            } else {
                self.show_summary();
            }
        };
        let waiting = self.pending();
        self.ui.update(|ui| {
            ui.phase = if waiting > 0 {
                Phase::Sending(waiting)
            } else {
                Phase::Receiving(None)
            };
        });
        sync_once(&self.engine, &transport, options, &clock::now, &mut heard).await
    }

    fn settle(&self, outcome: SyncOutcome) {
        let phase = match outcome {
            SyncOutcome::Synced { .. } => Phase::Done,
            SyncOutcome::Busy => Phase::OtherTab,
            // Still waiting for the retry time after a server error.
            SyncOutcome::NotDue => match self.engine.borrow().meta().last_error.clone() {
                Some(error) => Phase::Failed(error),
                None => Phase::Idle,
            },
            SyncOutcome::Failed(CallError::Offline) => Phase::Unreachable,
            SyncOutcome::Failed(CallError::SignedOut(message)) => {
                self.ui.update(|ui| ui.signed_out = true);
                Phase::Failed(message)
            }
            SyncOutcome::Failed(error) => Phase::Failed(error.message()),
            SyncOutcome::Storage(error) => {
                let text = format!("{} ({error})", strings::STORAGE_FAILED);
                self.notice.set(Some(text.clone()));
                Phase::Failed(text)
            }
        };
        self.ui.update(|ui| ui.phase = phase);
    }

    /// After a change made in this tab: show it, send it once typing stops.
    pub(super) fn after_change(self: &Rc<Self>, kind: Option<RecordKind>) {
        self.changed(kind);
        if let Some(old) = self.soon.borrow_mut().take() {
            old.clear();
        }
        let this = self.clone();
        *self.soon.borrow_mut() = later(
            move || {
                this.soon.borrow_mut().take();
                this.trigger(Why::Edit);
            },
            AFTER_EDIT,
        );
    }

    /// Another tab wrote: show it here too (one re-read per burst), and
    /// make sure its changes do not stay behind if that tab goes away.
    pub(super) fn other_tab_wrote(self: &Rc<Self>) {
        if let Some(old) = self.refresh.borrow_mut().take() {
            old.clear();
        }
        let this = self.clone();
        *self.refresh.borrow_mut() = later(
            move || leptos::task::spawn_local(async move { this.reread(true).await }),
            Duration::from_millis(300),
        );
        if let Some(old) = self.other_tab.borrow_mut().take() {
            old.clear();
        }
        let this = self.clone();
        *self.other_tab.borrow_mut() = later(
            move || {
                if this.pending() > 0 {
                    this.trigger(Why::OtherTab);
                }
            },
            OTHER_TAB_GRACE,
        );
    }

    /// The network changed: a request under way belongs to the old one.
    fn network_changed(self: &Rc<Self>, online: bool) {
        self.ui.update(|ui| ui.online = online);
        self.in_flight.abort();
        if online {
            self.trigger(Why::Now);
        }
    }

    /// Starts the triggers: now, on `online`, on other tabs' writes, and on a timer.
    pub fn start(self: &Rc<Self>) {
        self.trigger(Why::Now);
        let this = self.clone();
        let _online = window_event_listener(leptos::ev::online, move |_| {
            this.network_changed(true);
        });
        let this = self.clone();
        let _offline = window_event_listener(leptos::ev::offline, move |_| {
            this.network_changed(false);
        });
        self.listen_to_other_tabs();
        let this = self.clone();
        let timer = set_interval_with_handle(
            move || {
                // A write the browser refused is tried again.
                if let Some(kv) = this.kv() {
                    kv.retry();
                }
                // Someone is typing: their edit's own sync comes when they
                // stop, and a sync now would redraw the screen under the
                // keys (each key waited behind it for "đã lưu").
                if this.soon.borrow().is_none() {
                    this.trigger(Why::Timer);
                }
            },
            TIMER,
        );
        if timer.is_err() {
            // No timer: syncs still happen on edits, the button and `online`.
            self.notice.set(Some(strings::NO_TIMER.into()));
        }
    }
}
