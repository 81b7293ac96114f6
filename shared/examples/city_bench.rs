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
use std::time::Instant;

use chrono::{Days, NaiveDate, TimeZone, Utc};
use shared::city::{city_summary, commune_row};
use shared::figures::CommuneRecords;
use shared::ids::{CampaignId, CommuneId, EvaluationId, ModelId, ProgressId, ReportId, UnitId};
use shared::report::ResultsReport;
use shared::status::ModelStatus;
use shared::sync::{RecordKind, RecordState, to_fields};

fn env(name: &str, default: usize) -> usize {
    std::env::var(name)
        .ok()
        .and_then(|s| s.parse().ok())
        .unwrap_or(default)
}

fn state<T: serde::Serialize>(
    kind: RecordKind,
    id: uuid::Uuid,
    value: &T,
    n: usize,
) -> RecordState {
    RecordState {
        kind,
        id,
        version: n as u64,
        fields: to_fields(value).expect("fields"),
        deleted: false,
        conflicts: Vec::new(),
        arrived_at: Some(
            Utc.with_ymd_and_hms(2025, 10, 1, 9, 0, 0).unwrap()
                + chrono::Duration::minutes(n as i64),
        ),
    }
}

/// One commune of about `size` records, made from the demo's shapes.
fn commune(k: usize, size: usize) -> (CommuneId, Vec<RecordState>) {
    let demo = shared::demo::thanh_mien();
    let mut c = demo.commune.clone();
    c.id = CommuneId::new();
    c.name = format!("Đảng bộ xã Thử {k:03}");
    c.city = "Thành phố Thử".to_owned();
    let mut campaign = demo.campaigns[1].clone();
    campaign.id = CampaignId::new();
    campaign.commune_id = c.id;
    let units: Vec<_> = demo
        .units
        .iter()
        .map(|u| {
            let mut u = u.clone();
            u.id = UnitId::new();
            u.commune_id = c.id;
            u
        })
        .collect();
    let mut out = vec![
        state(RecordKind::Commune, c.id.as_uuid(), &c, 0),
        state(RecordKind::Campaign, campaign.id.as_uuid(), &campaign, 1),
    ];
    out.extend(
        units
            .iter()
            .map(|u| state(RecordKind::Unit, u.id.as_uuid(), u, 2)),
    );
    // Of the rest: 35% models, 45% progress entries, 17% reports, 3% evaluations.
    let models_n = size * 35 / 100;
    let start = NaiveDate::from_ymd_opt(2025, 8, 1).unwrap();
    let mut models = Vec::with_capacity(models_n);
    for i in 0..models_n {
        let mut m = demo.models[i % demo.models.len()].clone();
        m.id = ModelId::new();
        m.commune_id = c.id;
        m.campaign_id = campaign.id;
        m.unit_id = units[i % units.len()].id;
        m.continued_from = None;
        m.status = ModelStatus::ALL[i % ModelStatus::ALL.len()];
        m.submitted_on = Some(start + Days::new((i % 60) as u64));
        m.reported_on = Some(start + Days::new(90 + (i % 40) as u64));
        out.push(state(RecordKind::Model, m.id.as_uuid(), &m, i));
        models.push(m);
    }
    for i in 0..size * 45 / 100 {
        let mut p = demo.progress[i % demo.progress.len()].clone();
        let m = &models[i % models.len()];
        p.id = ProgressId::new();
        p.commune_id = c.id;
        p.unit_id = m.unit_id;
        p.model_id = m.id;
        out.push(state(RecordKind::Progress, p.id.as_uuid(), &p, i));
    }
    for i in 0..size * 17 / 100 {
        let m = &models[i % models.len()];
        let r = ResultsReport::new_for(ReportId::new(), m);
        out.push(state(RecordKind::Report, r.id.as_uuid(), &r, i));
    }
    for i in 0..size * 3 / 100 {
        let mut e = demo.evaluations[i % demo.evaluations.len()].clone();
        e.id = EvaluationId::new();
        e.commune_id = c.id;
        e.campaign_id = campaign.id;
        e.model_id = models[i % models.len()].id;
        out.push(state(RecordKind::Evaluation, e.id.as_uuid(), &e, i));
    }
    (c.id, out)
}

fn main() {
    let communes = env("DVK_BENCH_COMMUNES", 114);
    let records = env("DVK_BENCH_RECORDS", 200_000);
    let city: Vec<(CommuneId, Vec<RecordState>)> = (0..communes)
        .map(|k| commune(k, records / communes))
        .collect();
    let total: usize = city.iter().map(|(_, r)| r.len()).sum();
    let today = NaiveDate::from_ymd_opt(2025, 11, 25).unwrap();
    let (mut runs, mut reading) = (Vec::new(), Vec::new());
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
    }
    runs.sort_by(f64::total_cmp);
    reading.sort_by(f64::total_cmp);
    println!(
        "city summary: {communes} communes, {total} records: median {:.1} ms (min {:.1}, max {:.1}) of {} runs; \
         of it reading the JSON fields into typed records: median {:.1} ms",
        runs[runs.len() / 2],
        runs[0],
        runs[runs.len() - 1],
        runs.len(),
        reading[reading.len() / 2],
    );
}
