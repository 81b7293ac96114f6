//! Slow-link benchmark (`cargo xtask bench slowlink`): syncs over the
//! mobile profile (1.6 Mbps down, 750 kbps up, 150 ms latency, 4× CPU) in
//! Debian's headless Chromium at 360×640, against the server (debug build,
//! `mem://`) on 127.0.0.1. A commune of `DVK_BENCH_MODELS` models (default
//! 3,000) spread over its units, each with a progress entry and a results
//! report:
//! - a fresh officer's first sync (their unit's share, and the commune's
//!   units and campaigns), sign-in click to the sync bar's "done";
//! - a day's push: 50 changes made offline (one field of 50 models), then
//!   the network back, to "done" with nothing waiting;
//! - a reviewer's first sync of the whole commune, into a fresh profile.
//!
//! Bytes are the sync answers' as the browser saw them (resource timing:
//! on the wire, and decoded). Prints a table; writes `target/bench/slowlink.json`.
#![allow(clippy::disallowed_methods)] // benchmarks make their own ids and times
mod common;

use std::time::Instant;

use common::*;
use fantoccini::{Client, Locator};
use serde_json::{Value, json};

const OFFICER: &str = "canbo.yte";
const REVIEWER: &str = "bxdd.lan";
const DAY_OPS: usize = 50;

/// Sync calls so far: [calls, bytes on the wire, bytes decoded].
async fn sync_bytes(client: &Client) -> Result<Value, Error> {
    Ok(client
        .execute(
            "const e = performance.getEntriesByType('resource').filter(e => e.name.includes('/api/sync/')); \
             return [e.length, e.reduce((s, x) => s + (x.transferSize || 0), 0), \
                     e.reduce((s, x) => s + (x.decodedBodySize || 0), 0)];",
            vec![],
        )
        .await?)
}

async fn fresh_phone(port: u16, base: &str) -> Result<(Client, tempfile::TempDir), Error> {
    let profile = tempfile::tempdir()?;
    let client = phone(port, profile.path()).await?;
    throttle(&client).await?;
    client.goto(base).await?;
    client
        .wait()
        .at_most(WAIT)
        .for_element(Locator::Id("username"))
        .await?;
    client
        .execute(
            "performance.setResourceTimingBufferSize(100000); performance.clearResourceTimings(); return true;",
            vec![],
        )
        .await?;
    Ok((client, profile))
}

/// Signs in and waits for the first sync: milliseconds from the click.
async fn first_sync(client: &Client, username: &str) -> Result<f64, Error> {
    let start = Instant::now();
    sign_in(client, username).await?;
    wait_for(client, SYNCED).await?;
    Ok(start.elapsed().as_secs_f64() * 1000.0)
}

#[tokio::main]
async fn main() -> Result<(), Error> {
    let (root, dist, models) = bench_settings()?;
    let records = seeded(models, Spread::AllUnits, true)?;
    let officer_unit = shared::demo::thanh_mien()
        .users
        .iter()
        .find(|u| u.username == OFFICER)
        .and_then(|u| u.unit_id)
        .ok_or("no demo officer")?
        .as_uuid();
    let mine: Vec<uuid::Uuid> = records
        .iter()
        .filter(|(r, scope)| {
            r.kind == shared::sync::RecordKind::Model && scope.unit == Some(officer_unit)
        })
        .map(|(r, _)| r.id)
        .take(DAY_OPS)
        .collect();
    let base = format!("http://{}/", demo_server(dist, &records).await?);
    let (_driver, port) = start_driver().await?;

    // A fresh officer's first sync.
    let (officer, _profile) = fresh_phone(port, &base).await?;
    let officer_ms = first_sync(&officer, OFFICER).await?;
    let officer_bytes = sync_bytes(&officer).await?;
    eprintln!("officer's first sync: {officer_ms:.0} ms, {officer_bytes}");

    // A day's work offline, then back online.
    network(&officer, true).await?;
    for (i, id) in mine.iter().enumerate() {
        officer
            .execute(
                &format!("location.hash = '#/mo-hinh/{id}'; return true;"),
                vec![],
            )
            .await?;
        wait_for(&officer, "return !!document.getElementById('f-area');").await?;
        officer
            .find(Locator::Id("f-area"))
            .await?
            .send_keys(&format!(" {i}"))
            .await?;
        wait_for(
            &officer,
            "const b = document.getElementById('save-state'); return !!b && b.dataset.state === 'saved';",
        )
        .await?;
    }
    officer
        .execute("performance.clearResourceTimings(); return true;", vec![])
        .await?;
    let start = Instant::now();
    network(&officer, false).await?;
    wait_for(
        &officer,
        "const s = document.querySelector('.syncbar__state'); \
         const p = document.querySelector('.syncbar__pending'); \
         return !!s && s.dataset.state === 'done' && !!p && p.dataset.pending === '0';",
    )
    .await?;
    let push_ms = start.elapsed().as_secs_f64() * 1000.0;
    let push_bytes = sync_bytes(&officer).await?;
    eprintln!(
        "a day's push ({} changes): {push_ms:.0} ms, {push_bytes}",
        mine.len()
    );
    officer.close().await?;

    // A reviewer's first sync of the whole commune.
    let (reviewer, _profile2) = fresh_phone(port, &base).await?;
    let reviewer_ms = first_sync(&reviewer, REVIEWER).await?;
    let reviewer_bytes = sync_bytes(&reviewer).await?;
    eprintln!("reviewer's first sync: {reviewer_ms:.0} ms, {reviewer_bytes}");
    reviewer.close().await?;

    let kb = |v: &Value, i: usize| v[i].as_f64().unwrap_or(f64::NAN) / 1024.0;
    println!(
        "| mobile profile (1.6 Mbps / 750 kbps, 150 ms, 4x CPU); {models} models + progress + reports | time | sync calls | KiB on the wire | KiB decoded | aim |"
    );
    println!("|---|---|---|---|---|---|");
    for (name, ms, bytes, aim) in [
        ("fresh officer's first sync", officer_ms, &officer_bytes, ""),
        (
            "a day's push (50 changes made offline)",
            push_ms,
            &push_bytes,
            "≤ 2 s",
        ),
        (
            "reviewer's first sync (whole commune)",
            reviewer_ms,
            &reviewer_bytes,
            "≤ 10 s",
        ),
    ] {
        println!(
            "| {name} | {ms:.0} ms | {} | {:.0} | {:.0} | {aim} |",
            bytes[0],
            kb(bytes, 1),
            kb(bytes, 2)
        );
    }
    let out = root.join("target/bench");
    std::fs::create_dir_all(&out)?;
    std::fs::write(
        out.join("slowlink.json"),
        serde_json::to_string_pretty(&json!({
            "models": models,
            "officer_first_sync_ms": officer_ms, "officer_first_sync_bytes": officer_bytes,
            "day_push_ms": push_ms, "day_push_ops": mine.len(), "day_push_bytes": push_bytes,
            "reviewer_first_sync_ms": reviewer_ms, "reviewer_first_sync_bytes": reviewer_bytes,
        }))?,
    )?;
    Ok(())
}
