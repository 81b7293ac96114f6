//! The leaders' dashboard natively (results in docs/bench.md, "The
//! leaders' dashboard"): the demo commune with `DVK_BENCH_MODELS` more
//! models of its newest year (default 3,000; `shared::demo::large::busy_year`,
//! the browser benchmark's records), held by a sync engine as on a device.
//! Times reading the engine's records into typed ones (what the app does
//! when the dashboard opens) and `shared::dashboard::dashboard` over them,
//! on a day after the year closed (as in the browser benchmark) and on a
//! day inside it. `DVK_BENCH_RUNS` samples each (default 9), medians printed;
//! CPU time of the thread (a machine shared with other builds disturbs it
//! less than the wall clock).
//!
//! `cargo run --release -p shared --example dashboard_bench`
#![allow(clippy::disallowed_methods, clippy::expect_used, clippy::unwrap_used)]
mod common;

use std::time::Instant;

use chrono::{DateTime, NaiveDate, Utc};
use serde::Serialize;
use shared::dashboard::dashboard;
use shared::figures::CommuneRecords;
use shared::sync::{Engine, MemoryStorage, RecordKind, RecordState, to_fields};

use common::{env, median};

fn state<T: Serialize>(kind: RecordKind, id: uuid::Uuid, value: &T) -> RecordState {
    RecordState::new(kind, id, to_fields(value).unwrap())
}

/// The demo commune and the busy year, as a server would send them.
fn records(models: usize) -> Vec<RecordState> {
    let d = shared::demo::thanh_mien();
    let mut out = vec![state(
        RecordKind::Commune,
        d.commune.id.as_uuid(),
        &d.commune,
    )];
    out.extend(
        d.units
            .iter()
            .map(|u| state(RecordKind::Unit, u.id.as_uuid(), u)),
    );
    out.extend(
        d.campaigns
            .iter()
            .map(|c| state(RecordKind::Campaign, c.id.as_uuid(), c)),
    );
    out.extend(
        d.models
            .iter()
            .map(|m| state(RecordKind::Model, m.id.as_uuid(), m)),
    );
    out.extend(
        d.progress
            .iter()
            .map(|p| state(RecordKind::Progress, p.id.as_uuid(), p)),
    );
    out.extend(
        d.reports
            .iter()
            .map(|r| state(RecordKind::Report, r.id.as_uuid(), r)),
    );
    out.extend(
        d.evaluations
            .iter()
            .map(|e| state(RecordKind::Evaluation, e.id.as_uuid(), e)),
    );
    out.extend(shared::demo::large::busy_year(models));
    let first: DateTime<Utc> = "2025-10-01T09:00:00Z".parse().unwrap();
    for (n, r) in out.iter_mut().enumerate() {
        r.version = n as u64 + 1;
        r.arrived_at = Some(first + chrono::Duration::seconds(n as i64));
    }
    out
}

/// This thread's CPU time in ms (Linux), which a machine busy with other
/// builds disturbs far less than the wall clock; the wall clock elsewhere.
fn cpu_ms() -> Option<f64> {
    let text = std::fs::read_to_string("/proc/thread-self/schedstat").ok()?;
    let ns: f64 = text.split_whitespace().next()?.parse().ok()?;
    Some(ns / 1e6)
}

/// Median (min–max) over `runs` samples of the time of one call of
/// `work`. The kernel counts CPU time here in ticks of a few ms, so each
/// sample is a batch of calls lasting about 100 ms, divided by its size.
fn time<T>(runs: usize, mut work: impl FnMut() -> T) -> (f64, f64, f64) {
    let t = Instant::now();
    std::hint::black_box(work());
    let once = t.elapsed().as_secs_f64() * 1000.0;
    let batch = (100.0 / once.max(0.01)).clamp(1.0, 1000.0) as usize;
    let mut out = Vec::with_capacity(runs);
    for _ in 0..runs {
        let (t, cpu) = (Instant::now(), cpu_ms());
        for _ in 0..batch {
            std::hint::black_box(work());
        }
        let wall = t.elapsed().as_secs_f64() * 1000.0;
        out.push(cpu.and_then(|c| Some(cpu_ms()? - c)).unwrap_or(wall) / batch as f64);
    }
    median(out)
}

fn main() {
    let models = env("DVK_BENCH_MODELS", 3000);
    let runs = env("DVK_BENCH_RUNS", 9);
    let states = records(models);
    let total = states.len();
    let mut engine = Engine::open(MemoryStorage::default(), uuid::Uuid::nil()).unwrap();
    engine.absorb(states).unwrap();
    // A fresh engine as at start-up: records parsed on first read.
    let engine = Engine::open(engine.storage().clone(), uuid::Uuid::nil()).unwrap();

    let (t, cpu) = (Instant::now(), cpu_ms());
    let records = CommuneRecords::from_engine(&engine);
    let first = cpu
        .and_then(|c| Some(cpu_ms()? - c))
        .unwrap_or(t.elapsed().as_secs_f64() * 1000.0);
    let read = time(runs, || CommuneRecords::from_engine(&engine));

    let campaign = shared::dashboard::year_choices(&records.campaigns, &records.communes)
        .first()
        .map(|(id, _)| *id)
        .unwrap();
    let year = records.year(campaign).unwrap();
    let closed = NaiveDate::from_ymd_opt(2025, 12, 2).unwrap();
    let open = NaiveDate::from_ymd_opt(2025, 10, 15).unwrap();
    let dash = dashboard(&year, &records.arrivals, closed);
    if std::env::var("DVK_BENCH_ONLY").is_ok_and(|w| w == "dashboard") {
        // For a profiler: the figures alone, many times.
        for _ in 0..runs * 100 {
            std::hint::black_box(dashboard(&year, &records.arrivals, closed));
        }
        return;
    }
    let closed_t = time(runs, || dashboard(&year, &records.arrivals, closed));
    let open_t = time(runs, || dashboard(&year, &records.arrivals, open));
    let figures_t = time(runs, || shared::figures::commune_year(&year, closed));

    println!(
        "{models} models, {total} records ({} models, {} progress, {} reports typed); \
         registered {}; CPU time of this thread{}, median (min–max) of {runs} runs:",
        records.models.len(),
        records.progress.len(),
        records.reports.len(),
        dash.count(&shared::dashboard::Figure::Registered),
        if cpu_ms().is_some() {
            ""
        } else {
            " (wall clock here)"
        },
    );
    let row = |what: &str, (m, lo, hi): (f64, f64, f64)| {
        println!("  {what}: {m:.2} ms ({lo:.2}–{hi:.2})");
    };
    println!("  records read into typed ones, first read (JSON parsed): {first:.1} ms");
    row("records read into typed ones, again", read);
    row("dashboard, year closed", closed_t);
    row("dashboard, inside the year", open_t);
    row(
        "figures::commune_year, with each model's results (the documents')",
        figures_t,
    );
}
