//! Device benchmark (`cargo xtask bench device`): a phone holding a large
//! commune's worth of records in IndexedDB, in Debian's headless Chromium at
//! 360×640 with a 4× CPU slowdown (the network not throttled: the server
//! is on 127.0.0.1):
//! - full pull: sign-in to the first sync done, `DVK_BENCH_MODELS` models
//!   (default 3,000) with a progress entry each, into an empty profile;
//! - start-up: reload to the app's `dvk-ready` mark (home drawn after the
//!   person's data is read from IndexedDB), five times;
//! - keystroke to "đã lưu": a character typed into a model's field until
//!   the bar says saved (the outbox op's transaction complete), 30 times.
//!
//! Prints a table and writes `target/bench/device.json`.
#![allow(clippy::disallowed_methods)] // benchmarks make their own ids and times
mod common;

use common::*;
use fantoccini::{Client, Locator};
use serde_json::json;
use shared::sync::RecordState;

const RELOADS: usize = 5;
const KEYSTROKES: usize = 30;

/// The officer whose device is measured: every seeded model is their
/// unit's (a commune's worth on one device), a draft they may edit.
const OFFICER: &str = "canbo.ubnd";

/// `count` draft models of the officer's unit with a progress entry each.
fn records(count: usize) -> Result<Vec<(RecordState, shared::scope::Scope)>, Error> {
    seeded(count, Spread::OneUnit(OFFICER), false)
}

/// Milliseconds per keystroke, from the key's `keydown` to the bar's
/// `saved` after it said `saving`.
async fn keystrokes(client: &Client) -> Result<Vec<f64>, Error> {
    client
        .execute(
            "window.__lat = []; window.__t0 = null; \
             document.addEventListener('keydown', () => { window.__t0 = performance.now(); }, true); \
             const bar = document.getElementById('save-state'); \
             new MutationObserver(() => { if (bar.dataset.state === 'saved' && window.__t0 !== null) { \
               window.__lat.push(performance.now() - window.__t0); window.__t0 = null; } }) \
               .observe(bar, { attributes: true }); return true;",
            vec![],
        )
        .await?;
    client
        .execute(
            "document.getElementById('f-area').scrollIntoView({ block: 'center' }); return true;",
            vec![],
        )
        .await?;
    let field = client.find(Locator::Id("f-area")).await?;
    for i in 0..KEYSTROKES {
        field.send_keys("a").await?;
        wait_for(client, &format!("return window.__lat.length > {i};")).await?;
    }
    let lat: Vec<f64> =
        serde_json::from_value(client.execute("return window.__lat;", vec![]).await?)?;
    Ok(lat)
}

fn percentile(mut values: Vec<f64>, p: f64) -> f64 {
    values.sort_by(f64::total_cmp);
    let at = ((values.len() as f64 - 1.0) * p).round() as usize;
    values.get(at).copied().unwrap_or(f64::NAN)
}

#[tokio::main]
async fn main() -> Result<(), Error> {
    let (root, dist, models) = bench_settings()?;
    let seeded = records(models)?;
    let addr = demo_server(dist, &seeded).await?;

    let (_driver, port) = start_driver().await?;
    let profile = tempfile::tempdir()?;
    let client = phone(port, profile.path()).await?;
    client
        .issue_cmd(Cdp(
            "Emulation.setCPUThrottlingRate",
            json!({ "rate": CPU_SLOWDOWN }),
        ))
        .await?;
    client.goto(&format!("http://{addr}/")).await?;
    sign_in(&client, OFFICER).await?;
    let start = std::time::Instant::now();
    wait_for(&client, SYNCED).await?;
    let pull_ms = start.elapsed().as_secs_f64() * 1000.0;
    client
        .execute("location.hash = '#/luu-tru'; return true;", vec![])
        .await?;
    wait_for(&client, "return !!document.getElementById('local-usage');").await?;
    let usage = client
        .execute(
            "const e = document.getElementById('local-usage'); return [Number(e.dataset.records), Number(e.dataset.bytes)];",
            vec![],
        )
        .await?;
    eprintln!("full pull {pull_ms:.0} ms: {usage}");

    let mut startups = Vec::new();
    for i in 0..RELOADS {
        client
            .execute("location.hash = ''; return true;", vec![])
            .await?;
        client.refresh().await?;
        let ms = ready_ms(&client).await?;
        // Where the time went: the app's start-up marks and measures.
        tokio::time::sleep(std::time::Duration::from_millis(500)).await;
        let phases = client
            .execute(
                "return performance.getEntries().filter(e => e.entryType === 'mark' || e.entryType === 'measure' \
                   || (e.entryType === 'resource' && /wasm|\\.js/.test(e.name))) \
                   .map(e => `${e.name.split('/').pop()} ${e.entryType[0]} ${e.startTime.toFixed(0)}+${e.duration.toFixed(0)}`).join('; ');",
                vec![],
            )
            .await?;
        eprintln!(
            "reload {}: {ms:.0} ms: {}",
            i + 1,
            phases.as_str().unwrap_or_default()
        );
        startups.push(ms);
    }
    wait_for(&client, SYNCED).await?;
    let model = seeded.first().map(|(r, _)| r.id).ok_or("nothing seeded")?;
    client
        .execute(
            &format!("location.hash = '#/mo-hinh/{model}'; return true;"),
            vec![],
        )
        .await?;
    wait_for(&client, "return !!document.getElementById('f-area');").await?;
    let lat = keystrokes(&client).await?;
    client.close().await?;

    let startup = median(startups.clone());
    let (p50, p95) = (percentile(lat.clone(), 0.5), percentile(lat.clone(), 0.95));
    println!("| measure ({models} models + {models} progress entries, 4x CPU) | value | aim |");
    println!("|---|---|---|");
    println!("| full pull into an empty profile | {pull_ms:.0} ms | |");
    println!(
        "| start-up: reload → home usable (median of {RELOADS}) | {startup:.0} ms | ≤ 1000 ms |"
    );
    println!(
        "| keystroke → \"đã lưu\" p50 / p95 ({KEYSTROKES}) | {p50:.0} / {p95:.0} ms | p95 ≤ 50 ms |"
    );
    println!("| stored (records, bytes) | {usage} | |");
    let out = root.join("target/bench");
    std::fs::create_dir_all(&out)?;
    std::fs::write(
        out.join("device.json"),
        serde_json::to_string_pretty(&json!({
            "models": models, "cpu_slowdown": CPU_SLOWDOWN, "full_pull_ms": pull_ms,
            "startup_ms": startups, "keystroke_ms": lat, "stored": usage,
        }))?,
    )?;
    Ok(())
}
