//! One writer per server process, with group commit. Every push joins a
//! queue; whoever gets the writer's turn applies everything queued (up to
//! [`MAX_GROUP_OPS`]) in one transaction, so a room of devices syncing at
//! once shares the transaction, its sequence bump and its fsync instead of
//! conflicting on the counter and retrying. Conflicts with other server
//! processes on the same database are retried with a jittered, growing
//! pause until a deadline; past it the push answers 503 with
//! `Retry-After`, which the client engine honours.
use std::collections::VecDeque;
use std::sync::atomic::{AtomicUsize, Ordering};
use std::sync::{Arc, Mutex, PoisonError};

use shared::sync::PushResponse;
use tokio::sync::oneshot::{self, error::TryRecvError};
use tokio::sync::{Mutex as Gate, OwnedMutexGuard};

use super::apply::{Batch, apply_group};
use crate::store::records::retryable;
use crate::store::{Retry, Store, StoreError};

/// Ops applied in one transaction at most (at least one whole batch).
pub const MAX_GROUP_OPS: usize = 1000;

#[derive(Debug, thiserror::Error)]
pub enum PushError {
    #[error(transparent)]
    Store(#[from] StoreError),
    /// Other server processes kept winning the database until the deadline.
    #[error("the store stayed busy with other writers")]
    Busy,
    /// The group applying this batch stopped without an answer (a panic).
    #[error("the write group ended without an answer")]
    Lost,
}

struct Job {
    batch: Batch,
    reply: oneshot::Sender<Result<PushResponse, PushError>>,
}

/// The process's write queue and the turn to write.
pub struct Writer {
    queue: Mutex<VecDeque<Job>>,
    gate: Arc<Gate<()>>,
    /// [`MAX_GROUP_OPS`]; lower only to measure (1: no group commit).
    group_ops: AtomicUsize,
}

impl Default for Writer {
    fn default() -> Self {
        Writer {
            queue: Mutex::default(),
            gate: Arc::default(),
            group_ops: AtomicUsize::new(MAX_GROUP_OPS),
        }
    }
}

impl std::fmt::Debug for Writer {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        f.debug_struct("Writer").finish_non_exhaustive()
    }
}

impl Writer {
    /// The turn to write: other writes of this process wait meanwhile.
    pub async fn turn(&self) -> OwnedMutexGuard<()> {
        Arc::clone(&self.gate).lock_owned().await
    }

    fn queue(&self) -> std::sync::MutexGuard<'_, VecDeque<Job>> {
        self.queue.lock().unwrap_or_else(PoisonError::into_inner)
    }

    /// Caps the ops of one transaction (benchmarks compare group sizes).
    pub fn limit_groups(&self, ops: usize) {
        self.group_ops.store(ops.max(1), Ordering::Relaxed);
    }

    /// The jobs of the next group, oldest first.
    fn take(&self) -> Vec<Job> {
        let limit = self.group_ops.load(Ordering::Relaxed);
        let mut queue = self.queue();
        let mut ops = 0;
        let mut jobs = Vec::new();
        while let Some(job) = queue.front() {
            let size = job.batch.ops.len();
            if !jobs.is_empty() && ops + size > limit {
                break;
            }
            ops += size;
            jobs.extend(queue.pop_front());
        }
        jobs
    }

    /// Applies one request's batch, with whatever else is queued.
    pub async fn push(&self, store: &Store, batch: Batch) -> Result<PushResponse, PushError> {
        let (reply, mut answer) = oneshot::channel();
        self.queue().push_back(Job { batch, reply });
        loop {
            let turn = self.turn().await;
            // A group that held the turn before may have answered already.
            match answer.try_recv() {
                Ok(result) => return result,
                Err(TryRecvError::Closed) => return Err(PushError::Lost),
                Err(TryRecvError::Empty) => {}
            }
            let jobs = self.take();
            if jobs.is_empty() {
                // Ours was taken by a group that ended without answering.
                return Err(PushError::Lost);
            }
            let store = store.clone();
            // Spawned, so a caller that goes away (a dropped connection)
            // does not abort the others' writes; the turn is held until
            // every reply of the group is sent.
            let group = tokio::spawn(async move {
                run(&store, jobs).await;
                drop(turn);
            });
            if let Err(error) = group.await {
                tracing::error!(%error, "write group stopped");
            }
        }
    }
}

/// Applies a group and answers each job. A group that fails for a reason
/// other than contention is applied again batch by batch, so one batch's
/// fault does not fail the others.
async fn run(store: &Store, jobs: Vec<Job>) {
    let (batches, replies): (Vec<Batch>, Vec<_>) =
        jobs.into_iter().map(|j| (j.batch, j.reply)).unzip();
    match with_retries(store, &batches).await {
        Ok(responses) => {
            for (reply, response) in replies.into_iter().zip(responses) {
                // A caller that went away does not need its answer.
                let _ = reply.send(Ok(response));
            }
        }
        Err(PushError::Busy) => {
            for reply in replies {
                let _ = reply.send(Err(PushError::Busy));
            }
        }
        // The store did not answer: trying each batch alone would wait as
        // long again for each, with the turn held.
        Err(PushError::Store(StoreError::TimedOut(waited))) => {
            for reply in replies {
                let _ = reply.send(Err(PushError::Store(StoreError::TimedOut(waited))));
            }
        }
        Err(error) if batches.len() == 1 => {
            if let Some(reply) = replies.into_iter().next() {
                let _ = reply.send(Err(error));
            }
        }
        Err(error) => {
            tracing::warn!(%error, batches = batches.len(), "group failed; applying its batches one by one");
            for (batch, reply) in batches.into_iter().zip(replies) {
                let result = with_retries(store, std::slice::from_ref(&batch))
                    .await
                    .and_then(|r| r.into_iter().next().ok_or(PushError::Lost));
                let _ = reply.send(result);
            }
        }
    }
}

async fn with_retries(store: &Store, batches: &[Batch]) -> Result<Vec<PushResponse>, PushError> {
    let mut retry = Retry::new();
    loop {
        match store.within(apply_group(store, batches)).await {
            Err(error) if retryable(&error) => {
                tracing::debug!(
                    attempt = retry.attempts(),
                    "write conflicted with another process"
                );
                if !retry.wait().await {
                    tracing::warn!(
                        attempts = retry.attempts(),
                        "write still conflicting at its deadline: busy"
                    );
                    return Err(PushError::Busy);
                }
            }
            other => return other.map_err(PushError::from),
        }
    }
}
