//! One sync, as every client runs it: the browser app (over fetch), the
//! engine tests (over an in-memory server), the crash test (over HTTP) and
//! the simulation (over a faulty network). The engine plans each step
//! (`begin_push`, `cursor`); this drives the steps through a transport.
//!
//! A sync: take the right to sync (unless the caller already holds a lock),
//! push every waiting batch in order, then pull every page after the
//! cursor. A failed call keeps everything on the device: an answer from
//! the server that is an error backs off (2 s, 4 s … 5 min); no network at
//! all does not (the next sync waits for the network, not for a timer).
use std::cell::RefCell;

use chrono::{DateTime, Utc};

use super::engine::Engine;
use super::protocol::{MAX_PULL_PAGE, PullResponse, PushRequest, PushResponse};
use super::storage::{KeyValue, StorageError};
use crate::api::CallError;

/// Where the engine lives while a sync runs: borrowed only between
/// awaits, so the person can keep editing during a sync. A browser tab
/// shares one `RefCell<Engine>` with its views; a test lends its own.
pub trait EngineCell<S: KeyValue> {
    fn with<R>(&self, f: impl FnOnce(&mut Engine<S>) -> R) -> R;
}

impl<S: KeyValue> EngineCell<S> for RefCell<Engine<S>> {
    fn with<R>(&self, f: impl FnOnce(&mut Engine<S>) -> R) -> R {
        f(&mut self.borrow_mut())
    }
}

impl<S: KeyValue> EngineCell<S> for RefCell<&mut Engine<S>> {
    fn with<R>(&self, f: impl FnOnce(&mut Engine<S>) -> R) -> R {
        f(&mut self.borrow_mut())
    }
}

/// Moves requests to the server and answers back. Clients run one sync at
/// a time on one thread (a browser tab, a test task), so the futures need
/// not be `Send`.
#[allow(async_fn_in_trait)]
pub trait Transport {
    async fn push(&self, request: &PushRequest) -> Result<PushResponse, CallError>;
    async fn pull(&self, since: u64, limit: u32) -> Result<PullResponse, CallError>;
}

/// How the sync may start.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Lease<'a> {
    /// Take the lease in device storage as `holder` (a tab id), renewed
    /// before each request: one tab syncs at a time.
    Storage { holder: &'a str },
    /// The caller already holds the right to sync (a browser lock).
    Held,
}

#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub struct SyncOptions<'a> {
    pub lease: Lease<'a>,
    /// Ignore the retry timer (start-up, back online, "Đồng bộ ngay").
    pub forced: bool,
    /// Records per pulled page (1 to [`MAX_PULL_PAGE`]).
    pub page: u32,
}

impl<'a> SyncOptions<'a> {
    #[must_use]
    pub fn new(lease: Lease<'a>) -> Self {
        Self {
            lease,
            forced: false,
            page: MAX_PULL_PAGE,
        }
    }

    #[must_use]
    pub fn forced(mut self, forced: bool) -> Self {
        self.forced = forced;
        self
    }

    #[must_use]
    pub fn page(mut self, page: u32) -> Self {
        self.page = page.clamp(1, MAX_PULL_PAGE);
        self
    }
}

/// What a sync is doing, for the sync bar.
#[derive(Debug, Clone, Copy, PartialEq)]
pub enum Progress {
    /// Sending: ops answered so far in this sync, ops still waiting.
    Sending { sent: usize, waiting: usize },
    /// Receiving: the share (0.0–1.0) of the backlog pulled so far.
    Receiving { share: f64 },
}

/// How a sync ended.
#[derive(Debug, Clone, PartialEq)]
pub enum SyncOutcome {
    /// Waiting for the retry timer after errors.
    NotDue,
    /// Another tab holds the right to sync.
    Busy,
    /// Everything waiting was sent and everything new received.
    Synced { sent: usize, received: usize },
    /// A call failed; everything stays on the device.
    Failed(CallError),
    /// Device storage refused a write (quota): nothing was lost, but the
    /// sync stopped where it was.
    Storage(StorageError),
}

enum Stop {
    Call(CallError),
    Storage(StorageError),
    LostLease,
}

impl From<StorageError> for Stop {
    fn from(error: StorageError) -> Self {
        Stop::Storage(error)
    }
}

/// Runs one sync of `engine` through `transport`. `clock` is read when
/// needed (a long sync renews its lease); `progress` hears each step.
/// The engine is borrowed only between awaits, so the person can keep
/// editing while a sync is under way.
pub async fn sync_once<S: KeyValue, T: Transport>(
    engine: &impl EngineCell<S>,
    transport: &T,
    options: SyncOptions<'_>,
    clock: &dyn Fn() -> DateTime<Utc>,
    progress: &mut dyn FnMut(Progress),
) -> SyncOutcome {
    let start = engine.with(|engine| {
        if options.forced {
            engine.retry_now();
        }
        let now = clock();
        if !engine.due(now) {
            return Err(SyncOutcome::NotDue);
        }
        match options.lease {
            Lease::Storage { holder } => match engine.acquire_lease(holder, now) {
                Ok(true) => Ok(()),
                Ok(false) => Err(SyncOutcome::Busy),
                Err(error) => Err(SyncOutcome::Storage(error)),
            },
            Lease::Held => Ok(()),
        }
    });
    if let Err(outcome) = start {
        return outcome;
    }
    let result = exchange(engine, transport, options, clock, progress).await;
    engine.with(|engine| finish(engine, options, result, clock))
}

fn finish<S: KeyValue>(
    engine: &mut Engine<S>,
    options: SyncOptions<'_>,
    result: Result<(usize, usize), Stop>,
    clock: &dyn Fn() -> DateTime<Utc>,
) -> SyncOutcome {
    let released = match options.lease {
        Lease::Storage { holder } => engine.release_lease(holder),
        Lease::Held => Ok(()),
    };
    match (result, released) {
        (Ok((sent, received)), Ok(())) => SyncOutcome::Synced { sent, received },
        (Ok(_), Err(error)) | (Err(Stop::Storage(error)), _) => {
            engine.abort_push();
            SyncOutcome::Storage(error)
        }
        (Err(Stop::LostLease), _) => {
            engine.abort_push();
            SyncOutcome::Busy
        }
        (Err(Stop::Call(error)), _) => {
            let now = clock();
            let recorded = if error.server_answered() {
                engine.fail_after(&error.message(), now, error.retry_after_secs())
            } else {
                engine.went_offline(&error.message())
            };
            match recorded {
                Ok(()) => SyncOutcome::Failed(error),
                Err(storage) => SyncOutcome::Storage(storage),
            }
        }
    }
}

/// Push everything, then pull everything: (ops sent, records received).
async fn exchange<S: KeyValue, T: Transport>(
    engine: &impl EngineCell<S>,
    transport: &T,
    options: SyncOptions<'_>,
    clock: &dyn Fn() -> DateTime<Utc>,
    progress: &mut dyn FnMut(Progress),
) -> Result<(usize, usize), Stop> {
    let renew = || -> Result<(), Stop> {
        match options.lease {
            Lease::Storage { holder } => match engine.with(|e| e.acquire_lease(holder, clock())) {
                Ok(true) => Ok(()),
                Ok(false) => Err(Stop::LostLease),
                Err(error) => Err(Stop::Storage(error)),
            },
            Lease::Held => Ok(()),
        }
    };
    let mut sent = 0;
    let mut received = 0;
    // A push refused because the store was restored (`epoch_changed`)
    // pulls first (which moves the engine onto the new epoch; its waiting
    // ops are held until the new history is pulled whole, then rebased),
    // then sends again; once per sync.
    let repulled = match push_all(engine, transport, &renew, progress, &mut sent).await {
        Ok(()) => false,
        Err(Stop::Call(error)) if error.is_epoch_changed() => {
            engine.with(Engine::abort_push);
            true
        }
        Err(stop) => return Err(stop),
    };
    let (held, epoch) = engine.with(|e| (e.meta().rebase, e.meta().epoch));
    received += pull_all(engine, transport, options, &renew, progress).await?;
    let moved = engine.with(|e| e.meta().epoch) != epoch;
    if repulled || held || moved {
        // The ops held for the rebase go now.
        push_all(engine, transport, &renew, progress, &mut sent).await?;
    }
    Ok((sent, received))
}

/// Pushes every waiting batch in order (none while a rebase holds them).
async fn push_all<S: KeyValue, T: Transport>(
    engine: &impl EngineCell<S>,
    transport: &T,
    renew: &dyn Fn() -> Result<(), Stop>,
    progress: &mut dyn FnMut(Progress),
    sent: &mut usize,
) -> Result<(), Stop> {
    loop {
        renew()?;
        let request = engine.with(Engine::begin_push)?;
        let Some(request) = request else {
            return Ok(());
        };
        progress(Progress::Sending {
            sent: *sent,
            waiting: engine.with(|e| e.pending()),
        });
        let response = transport.push(&request).await.map_err(Stop::Call)?;
        *sent += request.ops.len();
        engine.with(|e| e.finish_push(response))?;
    }
}

/// Pulls every page after the cursor: the records received.
async fn pull_all<S: KeyValue, T: Transport>(
    engine: &impl EngineCell<S>,
    transport: &T,
    options: SyncOptions<'_>,
    renew: &dyn Fn() -> Result<(), Stop>,
    progress: &mut dyn FnMut(Progress),
) -> Result<usize, Stop> {
    let mut start = engine.with(|e| e.cursor());
    let mut received = 0;
    loop {
        renew()?;
        let since = engine.with(|e| e.cursor());
        let page = transport
            .pull(since, options.page)
            .await
            .map_err(Stop::Call)?;
        let head = page.head;
        let count = page.records.len();
        let before = engine.with(|e| e.meta().epoch);
        let (more, done) = engine.with(|e| e.finish_pull(page).map(|more| (more, e.cursor())))?;
        if before.is_some() && engine.with(|e| e.meta().epoch) != before {
            // The store's epoch changed: the engine starts again from 0
            // and the page was not taken.
            start = done;
        } else {
            received += count;
        }
        if head > start {
            #[allow(clippy::cast_precision_loss)] // a share for a progress bar
            let share = done.saturating_sub(start) as f64 / (head - start) as f64;
            progress(Progress::Receiving {
                share: share.min(1.0),
            });
        }
        if !more {
            return Ok(received);
        }
    }
}
