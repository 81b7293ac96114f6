//! Failed sign-ins, limited per account and per address over a sliding
//! window. In memory: a restart forgets, which only helps the owner.
use std::collections::HashMap;
use std::sync::Mutex;

use chrono::{DateTime, Duration, Utc};

pub const WINDOW_MINUTES: i64 = 15;
pub const PER_ACCOUNT: usize = 5;
pub const PER_ADDRESS: usize = 20;
const KEYS_KEPT: usize = 10_000;

#[derive(Debug, Default)]
pub struct Limiter {
    failures: Mutex<HashMap<String, Vec<DateTime<Utc>>>>,
}

impl Limiter {
    /// How long until a sign-in for `account` from `address` may be tried
    /// (None: now). Waits for the oldest failure of a full bucket to age out.
    pub fn wait(&self, account: &str, address: &str, now: DateTime<Utc>) -> Option<Duration> {
        let mut map = self.failures.lock().unwrap_or_else(|p| p.into_inner());
        let since = now - Duration::minutes(WINDOW_MINUTES);
        [
            (format!("u:{account}"), PER_ACCOUNT),
            (format!("a:{address}"), PER_ADDRESS),
        ]
        .into_iter()
        .filter_map(|(key, limit)| {
            let times = map.get_mut(&key)?;
            times.retain(|t| *t > since);
            let first_of_last = times.len().checked_sub(limit)?;
            let oldest = times.get(first_of_last)?;
            Some(*oldest + Duration::minutes(WINDOW_MINUTES) - now)
        })
        .max()
    }

    /// Whether a sign-in for `account` from `address` may be tried now.
    pub fn allowed(&self, account: &str, address: &str, now: DateTime<Utc>) -> bool {
        self.wait(account, address, now).is_none()
    }

    pub fn failed(&self, account: &str, address: &str, now: DateTime<Utc>) {
        let mut map = self.failures.lock().unwrap_or_else(|p| p.into_inner());
        // Unknown usernames are keys too: forget the stale ones before the
        // map can grow without end.
        if map.len() > KEYS_KEPT {
            let since = now - Duration::minutes(WINDOW_MINUTES);
            map.retain(|_, times| times.iter().any(|t| *t > since));
        }
        for key in [format!("u:{account}"), format!("a:{address}")] {
            map.entry(key).or_default().push(now);
        }
    }

    pub fn succeeded(&self, account: &str) {
        let mut map = self.failures.lock().unwrap_or_else(|p| p.into_inner());
        map.remove(&format!("u:{account}"));
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn five_failures_lock_the_account_for_the_window() {
        let limiter = Limiter::default();
        let t0 = DateTime::<Utc>::from_timestamp(1_760_000_000, 0).unwrap_or_default();
        for _ in 0..PER_ACCOUNT {
            assert!(limiter.allowed("lan", "1.2.3.4", t0));
            limiter.failed("lan", "1.2.3.4", t0);
        }
        assert!(!limiter.allowed("lan", "5.6.7.8", t0));
        assert_eq!(
            limiter.wait("lan", "5.6.7.8", t0 + Duration::minutes(1)),
            Some(Duration::minutes(WINDOW_MINUTES - 1))
        );
        assert!(limiter.allowed("hung", "5.6.7.8", t0));
        assert!(limiter.allowed("lan", "1.2.3.4", t0 + Duration::minutes(WINDOW_MINUTES + 1)));
    }
}
