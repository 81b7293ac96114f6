//! Request budgets: every signed-in request spends one from its account's
//! budget (in the `Session` extractor) and every `/api` request one from
//! its network address's budget (a layer), so one device cannot starve the
//! rest. A budget is a bucket of `per_minute` requests refilled evenly;
//! an empty one answers 429 with `Retry-After`. Per account first: a
//! commune office puts all its tablets behind one address, so the
//! address ceiling is high (docs/security.md, settings in docs/operations.md).
//!
//! In memory: a restart refills everything, which only helps callers.
//! Real (monotonic) time, not the request clock: a budget is about how
//! fast requests arrive, and tests move the request clock by days.
use std::collections::HashMap;
use std::net::SocketAddr;
use std::sync::Mutex;
use std::time::{Duration, Instant};

use axum::extract::{ConnectInfo, Request, State};
use axum::http::HeaderValue;
use axum::http::header::RETRY_AFTER;
use axum::middleware::Next;
use axum::response::{IntoResponse, Response};
use shared::api::Code;

use crate::config::Settings;

/// Buckets kept before idle (full) ones are dropped.
const PRUNE_ABOVE: usize = 10_000;

/// A refused request: the code (`too_many_requests`, or `rate_limited`
/// for sign-in failures) and how long until a request would be taken.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub struct Limited {
    pub code: Code,
    pub retry_after: Duration,
}

impl Limited {
    /// Whole seconds for `Retry-After`, at least 1.
    #[must_use]
    pub fn retry_after_seconds(&self) -> u64 {
        let whole = self.retry_after.as_secs();
        let rounded = if self.retry_after.subsec_nanos() > 0 {
            whole + 1
        } else {
            whole
        };
        rounded.max(1)
    }
}

impl IntoResponse for Limited {
    fn into_response(self) -> Response {
        let mut response =
            crate::error::answer(self.code, self.code.message().to_owned(), Vec::new());
        response
            .headers_mut()
            .insert(RETRY_AFTER, HeaderValue::from(self.retry_after_seconds()));
        response
    }
}

#[derive(Debug)]
struct Bucket {
    tokens: f64,
    at: Instant,
    /// The last request was refused (so only the first refusal is logged).
    refusing: bool,
}

/// What one spend did.
#[derive(Debug, Clone, Copy, PartialEq)]
pub enum Spent {
    Taken,
    /// Refused; `first` when the previous request of this key was taken.
    Refused {
        wait: Duration,
        first: bool,
    },
}

/// Budgets of one kind (accounts or addresses), by key.
#[derive(Debug)]
pub struct Buckets {
    per_minute: u32,
    map: Mutex<HashMap<String, Bucket>>,
}

impl Buckets {
    #[must_use]
    pub fn new(per_minute: u32) -> Self {
        Buckets {
            per_minute: per_minute.max(1),
            map: Mutex::new(HashMap::new()),
        }
    }

    fn capacity(&self) -> f64 {
        f64::from(self.per_minute)
    }

    /// Per second.
    fn rate(&self) -> f64 {
        self.capacity() / 60.0
    }

    fn refill(&self, bucket: &mut Bucket, now: Instant) {
        let elapsed = now.saturating_duration_since(bucket.at).as_secs_f64();
        bucket.tokens = (bucket.tokens + elapsed * self.rate()).min(self.capacity());
        bucket.at = now;
    }

    /// Takes one request from `key`'s budget at `now`.
    pub fn spend(&self, key: &str, now: Instant) -> Spent {
        let mut map = self.map.lock().unwrap_or_else(|p| p.into_inner());
        if map.len() > PRUNE_ABOVE {
            map.retain(|_, b| {
                let idle = now.saturating_duration_since(b.at).as_secs_f64();
                b.tokens + idle * self.rate() < self.capacity()
            });
        }
        let bucket = map.entry(key.to_owned()).or_insert(Bucket {
            tokens: self.capacity(),
            at: now,
            refusing: false,
        });
        self.refill(bucket, now);
        if bucket.tokens >= 1.0 {
            bucket.tokens -= 1.0;
            bucket.refusing = false;
            return Spent::Taken;
        }
        let first = !bucket.refusing;
        bucket.refusing = true;
        Spent::Refused {
            wait: Duration::from_secs_f64((1.0 - bucket.tokens) / self.rate()),
            first,
        }
    }
}

/// Both budgets of a server.
#[derive(Debug)]
pub struct Budget {
    pub accounts: Buckets,
    pub addresses: Buckets,
}

impl Budget {
    #[must_use]
    pub fn from_settings(settings: &Settings) -> Self {
        Budget {
            accounts: Buckets::new(settings.budget_account_per_minute),
            addresses: Buckets::new(settings.budget_address_per_minute),
        }
    }

    /// One request of a signed-in account, now.
    pub fn spend_account(&self, account: uuid::Uuid) -> Result<(), Limited> {
        let key = account.to_string();
        refuse_or_take(&self.accounts.spend(&key, Instant::now()), "account", &key)
    }

    /// One request from a network address, now.
    pub fn spend_address(&self, address: &str) -> Result<(), Limited> {
        refuse_or_take(
            &self.addresses.spend(address, Instant::now()),
            "address",
            address,
        )
    }
}

fn refuse_or_take(spent: &Spent, kind: &str, key: &str) -> Result<(), Limited> {
    match *spent {
        Spent::Taken => Ok(()),
        Spent::Refused { wait, first } => {
            if first {
                tracing::warn!(kind, key, "request budget spent: answering 429");
            }
            Err(Limited {
                code: Code::TooManyRequests,
                retry_after: wait,
            })
        }
    }
}

/// The layer on `/api`: one request from the caller's address's budget.
pub async fn per_address(
    State(budget): State<std::sync::Arc<Budget>>,
    request: Request,
    next: Next,
) -> Response {
    let address = request
        .extensions()
        .get::<ConnectInfo<SocketAddr>>()
        .map_or_else(|| "unknown".to_owned(), |c| c.0.ip().to_string());
    match budget.spend_address(&address) {
        Ok(()) => next.run(request).await,
        Err(limited) => limited.into_response(),
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn a_burst_of_the_budget_then_an_even_refill() {
        let buckets = Buckets::new(60);
        let t0 = Instant::now();
        for _ in 0..60 {
            assert_eq!(buckets.spend("a", t0), Spent::Taken);
        }
        let Spent::Refused { wait, first } = buckets.spend("a", t0) else {
            panic!("the 61st request in the same instant is refused");
        };
        assert!(first);
        assert!(
            wait <= Duration::from_secs(1) && wait > Duration::ZERO,
            "{wait:?}"
        );
        assert!(matches!(
            buckets.spend("a", t0),
            Spent::Refused { first: false, .. }
        ));
        // Another key is not touched; a second later one request is back.
        assert_eq!(buckets.spend("b", t0), Spent::Taken);
        assert_eq!(
            buckets.spend("a", t0 + Duration::from_secs(1)),
            Spent::Taken
        );
        assert!(matches!(
            buckets.spend("a", t0 + Duration::from_secs(1)),
            Spent::Refused { .. }
        ));
    }

    #[test]
    fn retry_after_is_whole_seconds_rounded_up() {
        let limited = |ms| Limited {
            code: Code::TooManyRequests,
            retry_after: Duration::from_millis(ms),
        };
        assert_eq!(limited(0).retry_after_seconds(), 1);
        assert_eq!(limited(1).retry_after_seconds(), 1);
        assert_eq!(limited(1000).retry_after_seconds(), 1);
        assert_eq!(limited(1001).retry_after_seconds(), 2);
    }
}
