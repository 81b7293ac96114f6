//! Failed sign-ins, limited per account and per address over a sliding
//! window. The failures are kept in the store (`Store::signin_failures`),
//! so every app server in front of one store counts the same attempts; a
//! brute force spread over several servers meets the same limit.
use chrono::{DateTime, Duration, Utc};

pub const WINDOW_MINUTES: i64 = 15;
pub const PER_ACCOUNT: usize = 5;
pub const PER_ADDRESS: usize = 20;

/// The keys a sign-in is counted under: the account, the address.
pub fn keys(account: &str, address: &str) -> [String; 2] {
    [format!("u:{account}"), format!("a:{address}")]
}

/// The start of the window that counts at `now`.
pub fn window_start(now: DateTime<Utc>) -> DateTime<Utc> {
    now - Duration::minutes(WINDOW_MINUTES)
}

/// How long until a sign-in may be tried, given the failures in the
/// window under each of [`keys`] (None: now). Waits for the oldest
/// failure of a full bucket to age out.
pub fn wait(failures: &[(String, DateTime<Utc>)], now: DateTime<Utc>) -> Option<Duration> {
    let since = window_start(now);
    [("u:", PER_ACCOUNT), ("a:", PER_ADDRESS)]
        .into_iter()
        .filter_map(|(prefix, limit)| {
            let mut times: Vec<DateTime<Utc>> = failures
                .iter()
                .filter(|(key, at)| key.starts_with(prefix) && *at > since)
                .map(|(_, at)| *at)
                .collect();
            times.sort();
            let first_of_last = times.len().checked_sub(limit)?;
            let oldest = times.get(first_of_last)?;
            Some(*oldest + Duration::minutes(WINDOW_MINUTES) - now)
        })
        .max()
}

#[cfg(test)]
mod tests {
    use super::*;

    fn failed(
        list: &mut Vec<(String, DateTime<Utc>)>,
        account: &str,
        address: &str,
        at: DateTime<Utc>,
    ) {
        for key in keys(account, address) {
            list.push((key, at));
        }
    }

    fn of(
        list: &[(String, DateTime<Utc>)],
        account: &str,
        address: &str,
    ) -> Vec<(String, DateTime<Utc>)> {
        let keys = keys(account, address);
        list.iter()
            .filter(|(k, _)| keys.contains(k))
            .cloned()
            .collect()
    }

    #[test]
    fn five_failures_lock_the_account_for_the_window() {
        let mut list = Vec::new();
        let t0 = DateTime::<Utc>::from_timestamp(1_760_000_000, 0).unwrap_or_default();
        for _ in 0..PER_ACCOUNT {
            assert!(wait(&of(&list, "lan", "1.2.3.4"), t0).is_none());
            failed(&mut list, "lan", "1.2.3.4", t0);
        }
        assert!(wait(&of(&list, "lan", "5.6.7.8"), t0).is_some());
        assert_eq!(
            wait(&of(&list, "lan", "5.6.7.8"), t0 + Duration::minutes(1)),
            Some(Duration::minutes(WINDOW_MINUTES - 1))
        );
        assert!(wait(&of(&list, "hung", "5.6.7.8"), t0).is_none());
        let later = t0 + Duration::minutes(WINDOW_MINUTES + 1);
        assert!(wait(&of(&list, "lan", "1.2.3.4"), later).is_none());
    }

    #[test]
    fn twenty_failures_from_one_address_lock_the_address() {
        let mut list = Vec::new();
        let t0 = DateTime::<Utc>::from_timestamp(1_760_000_000, 0).unwrap_or_default();
        for i in 0..PER_ADDRESS {
            failed(&mut list, &format!("user{i}"), "9.9.9.9", t0);
        }
        assert!(wait(&of(&list, "someone", "9.9.9.9"), t0).is_some());
        assert!(wait(&of(&list, "someone", "1.1.1.1"), t0).is_none());
    }
}
