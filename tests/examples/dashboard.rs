//! Dashboard benchmark (`cargo xtask bench dashboard`): a leader's phone
//! holding a large commune, in Debian's headless Chromium at 360×640 with a
//! 4× CPU slowdown. `DVK_BENCH_MODELS` models (default 3,000) of the
//! current year in the demo commune, spread over its units and every
//! status, each with a progress entry, and a results report for those
//! reported; the leader signs in, the pull lands, then the dashboard
//! (`#/tong-quan`) is opened five times (`DVK_BENCH_OPENS` to change). Measured in the page (the app's
//! performance measures): `dvk-dashboard`, `shared::dashboard::dashboard`
//! over the typed records (the issue's ≤ 20 ms), `dvk-dashboard-records`,
//! reading the device's records into typed ones (the app keeps them until
//! its data changes, so an open after the first reads them only if a sync
//! came between); and from the tap to the headline drawn.
//!
//! Prints a table and writes `target/bench/dashboard.json`. With
//! `DVK_BENCH_PROFILE=1`, also a Chromium CPU profile of the opens
//! (`target/bench/dashboard.cpuprofile`; build the app with
//! `DVK_WASM_NAMES=1 cargo xtask dist` for the functions' names).
#![allow(clippy::disallowed_methods)] // benchmarks make their own ids and times
mod common;

use common::*;
use fantoccini::Client;
use serde_json::json;
use shared::sync::RecordState;

/// Opens of the dashboard, unless `DVK_BENCH_OPENS` says.
const OPENS: usize = 5;
const LEADER: &str = "thuongtruc.hung";

/// `count` models of the current year with their progress and reports
/// (`shared::demo::large::busy_year`), each in its unit's scope.
fn records(count: usize) -> Result<Vec<(RecordState, shared::scope::Scope)>, Error> {
    let id = |r: &RecordState, field: &str| -> Result<uuid::Uuid, Error> {
        let text = r
            .fields
            .get(field)
            .and_then(|v| v.as_str())
            .ok_or("no id")?;
        Ok(text.parse()?)
    };
    shared::demo::large::busy_year(count)
        .into_iter()
        .map(|r| {
            let scope = shared::scope::Scope {
                commune: id(&r, "commune_id")?,
                unit: Some(id(&r, "unit_id")?),
            };
            Ok((r, scope))
        })
        .collect()
}

/// Opens the dashboard from the models' list; returns (dashboard ms, records ms if
/// they were read, tap → drawn ms).
async fn open(client: &Client) -> Result<(f64, Option<f64>, f64), Error> {
    client
        .execute("location.hash = '#/mo-hinh'; return true;", vec![])
        .await?;
    wait_for(client, "return !document.getElementById('dashboard-headline') && !!document.getElementById('open-dashboard');").await?;
    client
        .execute(
            "performance.clearMeasures(); window.__drawn = null; const t0 = performance.now(); \
             new MutationObserver((_, o) => { if (document.getElementById('dashboard-headline')) { \
               window.__drawn = performance.now() - t0; o.disconnect(); } }) \
               .observe(document.body, { childList: true, subtree: true }); \
             location.hash = '#/tong-quan'; return true;",
            vec![],
        )
        .await?;
    wait_for(client, "return window.__drawn !== null;").await?;
    let got = client
        .execute(
            "const d = (n) => { const m = performance.getEntriesByName(n); return m.length ? m[0].duration : null; }; \
             return [d('dvk-dashboard'), d('dvk-dashboard-records'), window.__drawn];",
            vec![],
        )
        .await?;
    let [dash, records, drawn]: [Option<f64>; 3] = serde_json::from_value(got)?;
    Ok((
        dash.ok_or("no dvk-dashboard measure")?,
        records,
        drawn.ok_or("never drawn")?,
    ))
}

#[tokio::main]
async fn main() -> Result<(), Error> {
    let (root, dist, models) = bench_settings()?;
    let seeded = records(models)?;
    let total = seeded.len();
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
    sign_in(&client, LEADER).await?;
    let start = std::time::Instant::now();
    wait_for(&client, SYNCED).await?;
    eprintln!(
        "pull of {total} seeded records: {:.0} ms",
        start.elapsed().as_secs_f64() * 1000.0
    );
    let profile_opens = start_profile(&client).await?;
    let opens = std::env::var("DVK_BENCH_OPENS")
        .ok()
        .and_then(|n| n.parse().ok())
        .filter(|n: &usize| *n >= 2)
        .unwrap_or(OPENS);
    let (mut dash, mut typed, mut drawn) = (Vec::new(), Vec::new(), Vec::new());
    for i in 0..opens {
        let (d, r, w) = open(&client).await?;
        let read = r.map_or_else(|| "kept".to_owned(), |r| format!("{r:.1} ms"));
        eprintln!(
            "open {}: dashboard {d:.1} ms, records {read}, drawn {w:.0} ms",
            i + 1
        );
        dash.push(d);
        typed.extend(r);
        drawn.push(w);
    }
    let profile = stop_profile(&client, profile_opens).await?;
    client.close().await?;
    println!(
        "| measure ({models} models, {total} seeded records, 4x CPU, median of {opens}) | value | aim |"
    );
    println!("|---|---|---|");
    println!(
        "| `shared::dashboard::dashboard` in the page | {:.1} ms | ≤ 20 ms |",
        median(dash.clone())
    );
    println!(
        "| the same, first open (the split module's code not yet optimised by V8) | {:.1} ms | |",
        dash[0]
    );
    println!(
        "| the same, later opens | {:.1} ms | |",
        median(dash[1..].to_vec())
    );
    println!(
        "| the device's records read into typed ones ({} of {opens} opens read them) | {:.1} ms | |",
        typed.len(),
        median(typed.clone())
    );
    println!(
        "| tap → dashboard drawn, first open | {:.0} ms | |",
        drawn[0]
    );
    println!(
        "| tap → dashboard drawn, later opens | {:.0} ms | |",
        median(drawn[1..].to_vec())
    );
    let out = root.join("target/bench");
    std::fs::create_dir_all(&out)?;
    std::fs::write(
        out.join("dashboard.json"),
        serde_json::to_string_pretty(&json!({
            "models": models, "records": total, "cpu_slowdown": CPU_SLOWDOWN,
            "dashboard_ms": dash, "records_ms": typed, "drawn_ms": drawn,
        }))?,
    )?;
    if let Some(profile) = profile {
        std::fs::write(out.join("dashboard.cpuprofile"), profile.to_string())?;
    }
    Ok(())
}
