//! The city summary for a large city on the real store (run by `cargo xtask
//! bench city`, results in docs/bench.md): `DVK_BENCH_COMMUNES` communes
//! (default 114) of about `DVK_BENCH_RECORDS` records in all (default
//! 200,000), made from the demo's shapes (`shared::demo::large`), written
//! to `surrealkv://` in a temporary folder; then `server::city::summary`
//! (what `GET /api/city/summary` does) timed:
//! - cold: nothing kept anywhere, every commune's rows made from its records;
//! - warm: the rows kept in memory;
//! - a restart: memory empty, the rows kept in the store;
//! - the first call of the next day, and of the day after a deadline;
//! - after one commune's record changed.
#![allow(clippy::disallowed_methods, clippy::expect_used, clippy::unwrap_used)]
use std::sync::Arc;
use std::time::Instant;

use chrono::{DateTime, Days, NaiveDate, Utc};
use server::city::{CityRows, summary};
use server::store::records::Scope;
use server::{AppState, Settings};
use shared::sync::RecordState;

const CITY: &str = "Thành phố Thử";

fn env(name: &str, default: usize) -> usize {
    std::env::var(name)
        .ok()
        .and_then(|s| s.parse().ok())
        .unwrap_or(default)
}

fn at(day: NaiveDate) -> DateTime<Utc> {
    day.and_hms_opt(9, 0, 0).unwrap().and_utc()
}

fn ms(started: Instant) -> f64 {
    started.elapsed().as_secs_f64() * 1000.0
}

/// Median, min and max of runs in ms.
fn spread(mut runs: Vec<f64>) -> String {
    runs.sort_by(f64::total_cmp);
    format!(
        "median {:.1} ms (min {:.1}, max {:.1}, {} runs)",
        runs[runs.len() / 2],
        runs[0],
        runs[runs.len() - 1],
        runs.len()
    )
}

/// The state with `clock` at `now` and, if `fresh`, nothing kept in memory
/// (what a restarted server has).
fn state_at(base: &AppState, now: DateTime<Utc>, fresh: bool) -> AppState {
    let mut state = base.clone().with_clock(Arc::new(move || now));
    if fresh {
        state.city_rows = Arc::new(CityRows::default());
    }
    state
}

async fn timed(state: &AppState, now: DateTime<Utc>, communes: usize) -> f64 {
    let started = Instant::now();
    let s = summary(state, CITY, now).await.expect("summary");
    let took = ms(started);
    assert_eq!(s.communes.len(), communes);
    took
}

#[tokio::main]
async fn main() {
    let communes = env("DVK_BENCH_COMMUNES", 114);
    let records = env("DVK_BENCH_RECORDS", 200_000);
    let runs = env("DVK_BENCH_RUNS", 5);
    let dir = tempfile::tempdir().expect("tempdir");
    let settings = Settings {
        store: format!("surrealkv://{}", dir.path().join("data").display()),
        dist: "/nonexistent-dist".into(),
        ..Settings::default()
    };
    let base = AppState::open(settings).await.expect("open");
    let started = Instant::now();
    let mut ids = Vec::new();
    let mut total = 0;
    for k in 0..communes {
        let (id, states) = shared::demo::large::commune(k, records / communes, CITY);
        total += states.len();
        let scoped: Vec<(RecordState, Scope)> = states
            .into_iter()
            .map(|s| {
                let scope = shared::scope::scope_of(s.kind, &s.fields, None).expect("scope");
                (s, scope)
            })
            .collect();
        for chunk in scoped.chunks(2_000) {
            base.store
                .write_system(chunk.to_vec())
                .await
                .expect("write");
        }
        ids.push(id);
    }
    println!(
        "city: {communes} communes, {total} records written in {:.1} s",
        started.elapsed().as_secs_f64()
    );
    // Between the unit report deadline (20/11) and the commune's (01/12).
    let today = NaiveDate::from_ymd_opt(2025, 11, 25).unwrap();
    let now = at(today);

    // The store read alone, for scale.
    let started = Instant::now();
    let mut read = 0;
    for id in &ids {
        read += base
            .store
            .live_records(id.as_uuid())
            .await
            .expect("read")
            .len();
    }
    println!(
        "store read alone, every record of the city ({read}): {:.1} ms",
        ms(started)
    );

    let uuids: Vec<uuid::Uuid> = ids.iter().map(|c| c.as_uuid()).collect();
    let mut h = Vec::new();
    for _ in 0..runs {
        let started = Instant::now();
        base.store.commune_heads(&uuids).await.expect("heads");
        h.push(ms(started));
    }
    println!("the communes' heads alone: {}", spread(h));

    let warm = state_at(&base, now, true);
    let cold = timed(&warm, now, communes).await;
    println!("cold, nothing kept (every commune made from its records): {cold:.1} ms");

    let mut w = Vec::new();
    for _ in 0..runs {
        w.push(timed(&warm, now, communes).await);
    }
    println!("warm, rows kept in memory: {}", spread(w));

    let mut r = Vec::new();
    for _ in 0..runs {
        r.push(timed(&state_at(&base, now, true), now, communes).await);
    }
    println!("after a restart (rows kept in the store): {}", spread(r));

    let next = at(today + Days::new(1));
    let mut d = Vec::new();
    for _ in 0..runs {
        d.push(timed(&state_at(&base, next, true), next, communes).await);
    }
    println!("first call of the next day, after a restart: {}", spread(d));

    // 02/12: the commune report day (01/12) has passed; the year closes.
    let closed = at(NaiveDate::from_ymd_opt(2025, 12, 2).unwrap());
    let mut c = Vec::new();
    for _ in 0..runs {
        c.push(timed(&state_at(&base, closed, true), closed, communes).await);
    }
    println!(
        "first call of the day after a deadline, after a restart: {}",
        spread(c)
    );

    // One commune's record changes: that commune is made again.
    let (_, changed) = shared::demo::large::commune(0, 40, CITY);
    let mut o = Vec::new();
    for _ in 0..runs {
        let mut model = changed
            .iter()
            .find(|s| s.kind == shared::sync::RecordKind::Model)
            .cloned()
            .expect("a model");
        model.id = uuid::Uuid::now_v7();
        model
            .fields
            .insert("id".into(), model.id.to_string().into());
        model
            .fields
            .insert("commune_id".into(), ids[0].to_string().into());
        let scope = shared::scope::scope_of(model.kind, &model.fields, None).expect("scope");
        base.store
            .write_system(vec![(model, scope)])
            .await
            .expect("write");
        o.push(timed(&warm, now, communes).await);
    }
    println!(
        "one commune changed (made again), the rest kept: {}",
        spread(o)
    );
}
