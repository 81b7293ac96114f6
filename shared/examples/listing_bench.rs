//! Home's model listing natively (results in docs/bench.md, "Home reads
//! summaries beside the log"): `DVK_BENCH_MODELS` models of a busy year
//! (default 10,000; `shared::demo::large::busy_year`, with their progress
//! and reports) held by a sync engine as on a device. Times
//! `Engine::listed::<ModelListing>`: the first listing of a new engine
//! (summaries made and stored), the first of a reopened one (the stored
//! summaries read and parsed: each listing before 2026-12-04 evening), and
//! listing again in the same session (the summaries kept in memory).
//! Wall clock, medians of `DVK_BENCH_RUNS` (default 9).
//!
//! `cargo run --release -p shared --example listing_bench`
#![allow(clippy::disallowed_methods, clippy::expect_used, clippy::unwrap_used)]
mod common;

use std::time::Instant;

use shared::model_listing::ModelListing;
use shared::sync::{Engine, MemoryStorage, RecordKind};

use common::{env, median};

/// Milliseconds `work` took, wall clock (one call is too short for the
/// kernel's CPU-time ticks of a few ms).
fn once<T>(work: impl FnOnce() -> T) -> (f64, T) {
    let t = Instant::now();
    let out = work();
    (t.elapsed().as_secs_f64() * 1000.0, out)
}

fn main() {
    let models = env("DVK_BENCH_MODELS", 10_000);
    let runs = env("DVK_BENCH_RUNS", 9);
    let mut states = shared::demo::large::busy_year(models);
    for (n, r) in states.iter_mut().enumerate() {
        r.version = n as u64 + 1;
    }
    let total = states.len();
    let mut engine = Engine::open(MemoryStorage::default(), uuid::Uuid::nil()).unwrap();
    engine.absorb(states).unwrap();
    let store = engine.storage().clone();

    let (mut made, mut read, mut again) = (Vec::new(), Vec::new(), Vec::new());
    let mut listed = 0;
    for _ in 0..runs {
        // A new engine on storage without summaries: made and stored.
        let mut fresh = Engine::open(store.clone(), uuid::Uuid::nil()).unwrap();
        let (ms, first) = once(|| fresh.listed::<ModelListing>(RecordKind::Model));
        made.push(ms);
        listed = first.len();
        // Reopened: the stored summaries read and parsed.
        let mut reopened = Engine::open(fresh.storage().clone(), uuid::Uuid::nil()).unwrap();
        let (ms, from_store) = once(|| reopened.listed::<ModelListing>(RecordKind::Model));
        read.push(ms);
        assert_eq!(from_store, first);
        // The same session again: from memory.
        let (ms, from_memory) = once(|| reopened.listed::<ModelListing>(RecordKind::Model));
        again.push(ms);
        assert_eq!(from_memory, first);
    }
    println!(
        "{models} models, {total} records, {listed} listed; wall clock, median (min–max) of {runs} runs:"
    );
    for (what, v) in [
        ("first listing, summaries made and stored", made),
        (
            "first listing after a reopen, stored summaries parsed",
            read,
        ),
        ("listing again in the session, summaries from memory", again),
    ] {
        let (m, lo, hi) = median(v);
        println!("  {what}: {m:.1} ms ({lo:.1}–{hi:.1})");
    }
}
