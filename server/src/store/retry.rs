//! Retrying a transaction that another writer's commit invalidated (a
//! write-write conflict on the sequence counter, which every writing
//! transaction bumps): a growing pause with jitter, so two server
//! processes do not retry in step, until a deadline. Past it the caller
//! answers 503 with `Retry-After`, never 500.
use std::hash::{BuildHasher, Hasher};
use std::time::{Duration, Instant};

/// How long a write keeps retrying before it answers "busy".
pub const WRITE_DEADLINE: Duration = Duration::from_secs(10);
/// The first pause; doubled each time up to [`MAX_PAUSE`].
const FIRST_PAUSE: Duration = Duration::from_millis(4);
const MAX_PAUSE: Duration = Duration::from_millis(400);

#[derive(Debug)]
pub struct Retry {
    attempt: u32,
    deadline: Instant,
}

impl Default for Retry {
    fn default() -> Self {
        Self::within(WRITE_DEADLINE)
    }
}

impl Retry {
    #[must_use]
    pub fn new() -> Self {
        Self::default()
    }

    #[must_use]
    pub fn within(limit: Duration) -> Self {
        Retry {
            attempt: 0,
            deadline: Instant::now() + limit,
        }
    }

    /// How many times [`Self::wait`] let the caller try again.
    #[must_use]
    pub fn attempts(&self) -> u32 {
        self.attempt
    }

    /// Waits before the next try; false (without waiting) when that try
    /// would start after the deadline.
    pub async fn wait(&mut self) -> bool {
        let pause = pause(self.attempt);
        if Instant::now() + pause > self.deadline {
            return false;
        }
        tokio::time::sleep(pause).await;
        self.attempt += 1;
        true
    }
}

/// Half the growing step plus a random share of the other half.
fn pause(attempt: u32) -> Duration {
    let step = FIRST_PAUSE
        .saturating_mul(2_u32.saturating_pow(attempt.min(16)))
        .min(MAX_PAUSE);
    let half = step / 2;
    let nanos = u64::try_from(half.as_nanos()).unwrap_or(u64::MAX).max(1);
    half + Duration::from_nanos(random() % nanos)
}

/// A random number from the standard library's per-process hash keys (no
/// generator crate needed for jitter).
fn random() -> u64 {
    let mut hasher = std::collections::hash_map::RandomState::new().build_hasher();
    hasher.write_u64(0);
    hasher.finish()
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn pauses_grow_are_jittered_and_bounded() {
        for attempt in 0..30 {
            let p = pause(attempt);
            let step = FIRST_PAUSE
                .saturating_mul(2_u32.saturating_pow(attempt.min(16)))
                .min(MAX_PAUSE);
            assert!(p >= step / 2 && p <= step, "{attempt}: {p:?}");
        }
        let spread: std::collections::BTreeSet<Duration> = (0..20).map(|_| pause(6)).collect();
        assert!(spread.len() > 1, "jittered");
    }

    #[tokio::test]
    async fn a_deadline_stops_the_retries() {
        let mut retry = Retry::within(Duration::from_millis(50));
        while retry.wait().await {}
        assert!(retry.attempts() >= 2, "{}", retry.attempts());
        assert!(retry.attempts() < 10, "{}", retry.attempts());
    }
}
