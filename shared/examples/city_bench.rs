//! The city summary's computation for a large city (results in
//! docs/bench.md): `DVK_BENCH_COMMUNES` communes (default 114) of about
//! `DVK_BENCH_RECORDS` records in all (default 200,000), each commune's
//! records as the server's store gives them (`RecordState`, JSON fields),
//! read into `CommuneRecords` and made into its row by `city::commune_row`,
//! one commune at a time as `GET /api/city/summary` does. The store's own
//! reading is not part of this measure.
//!
//! `cargo run --release -p shared --example city_bench`
#![allow(clippy::disallowed_methods, clippy::expect_used, clippy::unwrap_used)]
mod common;

use std::time::Instant;

use chrono::{NaiveDate, Utc};
use shared::city::{city_summary, commune_row, rows_ahead};
use shared::figures::CommuneRecords;
use shared::ids::CommuneId;
use shared::sync::RecordState;

use common::env;

fn main() {
    let communes = env("DVK_BENCH_COMMUNES", 114);
    let records = env("DVK_BENCH_RECORDS", 200_000);
    let city: Vec<(CommuneId, Vec<RecordState>)> = (0..communes)
        .map(|k| shared::demo::large::commune(k, records / communes, "Thành phố Thử"))
        .collect();
    let total: usize = city.iter().map(|(_, r)| r.len()).sum();
    let today = NaiveDate::from_ymd_opt(2025, 11, 25).unwrap();
    let (mut runs, mut reading, mut ahead) = (Vec::new(), Vec::new(), Vec::new());
    for _ in 0..5 {
        // The store hands the route owned records: copies made before the clock starts.
        let copy = city.clone();
        let started = Instant::now();
        let mut rows = Vec::with_capacity(communes);
        let mut read = 0.0;
        for (id, states) in copy {
            let t = Instant::now();
            let (records, _) = CommuneRecords::from_states(states);
            read += t.elapsed().as_secs_f64() * 1000.0;
            rows.extend(commune_row(&records, id, today));
        }
        let summary = city_summary("Thành phố Thử", rows, today, Utc::now());
        assert_eq!(summary.communes.len(), communes);
        runs.push(started.elapsed().as_secs_f64() * 1000.0);
        reading.push(read);
        // What the server keeps instead of one row: the rows for the days ahead.
        let typed: Vec<_> = city
            .iter()
            .take(10)
            .map(|(id, states)| (*id, CommuneRecords::from_states(states.clone()).0))
            .collect();
        let t = Instant::now();
        for (id, records) in &typed {
            assert!(!rows_ahead(records, *id, today).is_empty());
        }
        ahead.push(t.elapsed().as_secs_f64() * 1000.0 / typed.len() as f64);
    }
    ahead.sort_by(f64::total_cmp);
    runs.sort_by(f64::total_cmp);
    reading.sort_by(f64::total_cmp);
    println!(
        "city summary: {communes} communes, {total} records: median {:.1} ms (min {:.1}, max {:.1}) of {} runs; \
         of it reading the JSON fields into typed records: median {:.1} ms; \
         one commune's rows for the days ahead (`rows_ahead`), typed records given: median {:.2} ms",
        runs[runs.len() / 2],
        runs[0],
        runs[runs.len() - 1],
        runs.len(),
        reading[reading.len() / 2],
        ahead[ahead.len() / 2],
    );
}
