//! Device benchmark (`cargo xtask bench device`): a phone holding a large
//! commune's worth of records in IndexedDB, in Debian's headless Chromium at
//! 360×640 with a 4× CPU slowdown (the network not throttled: the server
//! is on 127.0.0.1):
//! - two people on one device (issue #19): a second officer of another
//!   unit signs in first, pulls their unit's records and signs out; their
//!   database stays on the device (`DVK_BENCH_PEOPLE=1`: only the measured one);
//! - full pull: sign-in to the first sync done, `DVK_BENCH_MODELS` models
//!   (default 10,000) with a progress entry each (20,000 records), into
//!   the profile;
//! - storage: each person's records and bytes, the browser's estimate
//!   for the site, and no write refused (the bar never said "failed", no
//!   quota warning);
//! - start-up: reload to the app's `dvk-ready` mark (home drawn after the
//!   person's data is read from IndexedDB), five times;
//! - keystroke to "đã lưu": a character typed into a model's field until
//!   the bar says saved (the outbox op's transaction complete), 30 times.
//!
//! Prints a table and writes `target/bench/device.json`; with
//! `DVK_BENCH_PROFILE=1`, also a Chromium CPU profile of the keystrokes
//! (`DVK_BENCH_PROFILE=startup`: of the reloads instead;
//! `target/bench/device.cpuprofile`; build the app with
//! `DVK_WASM_NAMES=1 cargo xtask dist` for the functions' names); with
//! `DVK_BENCH_TRACE=1`, the browser's trace of the keystrokes summed by
//! event (its own time: script, editing, style, layout, paint).
#![allow(clippy::disallowed_methods)] // benchmarks make their own ids and times
mod common;

use common::*;
use fantoccini::{Client, Locator};
use serde_json::json;
use shared::sync::RecordState;

const RELOADS: usize = 5;
const KEYSTROKES: usize = 30;
/// Between two keys: a quick typist on a phone (about four a second).
/// Not a whole number of 60 Hz frames (250 ms is 15 of them): each key
/// lands at another point of the frame, as a person's keys do, instead of
/// every key of a run at the same one.
const TYPING_GAP: std::time::Duration = std::time::Duration::from_millis(263);

/// The officer whose device is measured: every seeded model is their
/// unit's (a commune's worth on one device), a draft they may edit.
const OFFICER: &str = "canbo.ubnd";
/// The other person on the same device, an officer of another unit.
const OTHER: &str = "canbo.yte";
/// `DVK_BENCH_REVIEWER=1`: the commune's reviewer instead, on a tablet
/// holding the whole commune (`DVK_BENCH_MODELS` models of every unit,
/// each reported, with a progress entry and a results report), typing an
/// evaluation's comment.
const REVIEWER: &str = "bxdd.lan";

/// The reviewer's records: every model reported (so its evaluation may
/// be written), with its progress entry and results report.
fn reported(count: usize) -> Result<Vec<(RecordState, shared::scope::Scope)>, Error> {
    let mut out = seeded(count, Spread::AllUnits, true)?;
    for (record, _) in &mut out {
        if record.kind == shared::sync::RecordKind::Model {
            for (field, value) in [
                ("status", json!("da_bao_cao")),
                ("submitted_on", json!("2026-03-20")),
                ("registered_on", json!("2026-03-25")),
                ("reported_on", json!("2026-10-10")),
            ] {
                record.fields.insert(field.into(), value);
            }
        }
    }
    Ok(out)
}

/// `count` draft models of each officer's unit with a progress entry each.
fn records(
    count: usize,
    people: &[&'static str],
) -> Result<Vec<(RecordState, shared::scope::Scope)>, Error> {
    let mut out = Vec::new();
    for officer in people {
        out.extend(seeded(count, Spread::OneUnit(officer), false)?);
    }
    Ok(out)
}

/// Signs `username` in on the sign-in screen and waits for their first
/// sync to finish: its milliseconds.
async fn first_sync(client: &Client, username: &str) -> Result<f64, Error> {
    sign_in(client, username).await?;
    let start = std::time::Instant::now();
    wait_for(client, SYNCED).await?;
    Ok(start.elapsed().as_secs_f64() * 1000.0)
}

/// The storage panel's figures: this person's records and bytes, the
/// browser's estimate for the site (used, quota), and whether anything
/// was refused (the bar's save state failed, or the quota warning shows).
async fn storage(client: &Client) -> Result<serde_json::Value, Error> {
    client
        .execute("location.hash = '#/luu-tru'; return true;", vec![])
        .await?;
    wait_for(
        client,
        "return !!document.getElementById('local-usage') && !!document.getElementById('site-usage');",
    )
    .await?;
    Ok(client
        .execute(
            "const e = document.getElementById('local-usage'); const s = document.getElementById('site-usage'); \
             const bar = document.getElementById('save-state'); \
             return { records: Number(e.dataset.records), bytes: Number(e.dataset.bytes), store: e.dataset.store, \
               site_used: Number(s.dataset.used), site_quota: Number(s.dataset.quota), \
               refused: (!!bar && bar.dataset.state === 'failed') || !!document.querySelector('#storage-usage [role=alert]') };",
            vec![],
        )
        .await?)
}

/// Milliseconds per keystroke, from the key's `keydown` to the bar's
/// `saved` after it, typed at a person's pace (`TYPING_GAP` between keys).
/// Keys go to the browser over the DevTools protocol and nothing of the
/// harness runs in the page while a keystroke is measured (polling the
/// page from WebDriver every 50 ms, as an earlier version did, ran its
/// scripts on the same main thread as the save and added to it). A key
/// pressed before the previous one was saved counts as `overlapped`.
async fn keystrokes(client: &Client, field: &str) -> Result<(Vec<f64>, u64), Error> {
    client
        .execute(
            &"window.__lat = []; window.__t0 = null; window.__overlap = 0; window.__marks = []; \
             document.addEventListener('keydown', () => { \
               if (window.__t0 !== null) window.__overlap++; const t0 = performance.now(); window.__t0 = t0; \
               const m = { t0 }; window.__marks.push(m); \
               requestAnimationFrame(() => { m.frame = performance.now() - t0; \
                 setTimeout(() => { m.painted = performance.now() - t0; }, 0); }); }, true); \
             document.addEventListener('input', () => { const m = window.__marks[window.__marks.length - 1]; \
               if (m) { m.input = performance.now() - m.t0; queueMicrotask(() => { m.handled = performance.now() - m.t0; }); } }, true); \
             window.__typing_from = performance.now(); \
             const bar = document.getElementById('save-state'); \
             new MutationObserver(() => { const m = window.__marks[window.__marks.length - 1]; \
               if (bar.dataset.state === 'saving' && m && m.saving === undefined) m.saving = performance.now() - m.t0; \
               if (bar.dataset.state === 'saved' && window.__t0 !== null) { \
               if (m) m.saved = performance.now() - m.t0; \
               window.__lat.push(performance.now() - window.__t0); window.__t0 = null; } }) \
               .observe(bar, { attributes: true }); \
             const f = document.getElementById('__FIELD__'); f.scrollIntoView({ block: 'center' }); f.focus(); \
             return document.activeElement === f;"
                .replace("__FIELD__", field),
            vec![],
        )
        .await?;
    for _ in 0..KEYSTROKES {
        for kind in ["keyDown", "keyUp"] {
            let mut key =
                json!({ "type": kind, "key": "a", "code": "KeyA", "windowsVirtualKeyCode": 65 });
            if kind == "keyDown" {
                key["text"] = json!("a");
            }
            client.issue_cmd(Cdp("Input.dispatchKeyEvent", key)).await?;
        }
        tokio::time::sleep(TYPING_GAP).await;
    }
    wait_for(
        client,
        &format!("return window.__lat.length + window.__overlap >= {KEYSTROKES};"),
    )
    .await?;
    let marks = client.execute("return window.__marks;", vec![]).await?;
    eprintln!("keystroke timeline (ms after keydown): {marks}");
    // A sync during the keys redraws the screen under them: counted from
    // the page's own record of its requests.
    let syncs = client
        .execute(
            "return performance.getEntriesByType('resource') \
               .filter(e => e.name.includes('/api/sync/') && e.startTime >= window.__typing_from).length;",
            vec![],
        )
        .await?;
    eprintln!("sync requests while the keys were typed: {syncs}");
    let got = client
        .execute("return [window.__lat, window.__overlap];", vec![])
        .await?;
    let (lat, overlapped): (Vec<f64>, u64) = serde_json::from_value(got)?;
    Ok((lat, overlapped))
}

/// The floor under a keystroke: the same number of bare IndexedDB
/// transactions (a small string put into a scratch database) from the
/// page's script, each timed from its start to `complete`, after a
/// `keydown` as a keystroke is.
async fn bare_writes(client: &Client) -> Result<Vec<f64>, Error> {
    let out = client
        .execute_async(
            &format!(
                "const done = arguments[arguments.length - 1]; \
                 const open = indexedDB.open('dvk-bench-scratch', 1); \
                 open.onupgradeneeded = () => open.result.createObjectStore('kv'); \
                 open.onsuccess = async () => {{ const db = open.result; const lat = []; \
                   for (let i = 0; i < {KEYSTROKES}; i++) {{ \
                     await new Promise(r => setTimeout(r, 30)); \
                     const t0 = performance.now(); \
                     await new Promise((ok, fail) => {{ const tx = db.transaction('kv', 'readwrite'); \
                       tx.objectStore('kv').put('op ' + i, 'outbox/' + i); tx.objectStore('kv').put(String(i), 'clock'); \
                       tx.oncomplete = ok; tx.onabort = fail; }}); \
                     lat.push(performance.now() - t0); }} \
                   db.close(); indexedDB.deleteDatabase('dvk-bench-scratch'); done(lat); }}; \
                 open.onerror = () => done(null);"
            ),
            vec![],
        )
        .await?;
    Ok(serde_json::from_value(out)?)
}

/// The browser's own counters for the page (`Performance.getMetrics`:
/// durations in seconds of its main thread's work so far, counts, sizes).
async fn page_work(client: &Client) -> Result<std::collections::BTreeMap<String, f64>, Error> {
    let got = client
        .issue_cmd(Cdp("Performance.getMetrics", json!({})))
        .await?;
    Ok(got["metrics"]
        .as_array()
        .into_iter()
        .flatten()
        .filter_map(|m| Some((m["name"].as_str()?.to_owned(), m["value"].as_f64()?)))
        .collect())
}

fn percentile(mut values: Vec<f64>, p: f64) -> f64 {
    values.sort_by(f64::total_cmp);
    let at = ((values.len() as f64 - 1.0) * p).round() as usize;
    values.get(at).copied().unwrap_or(f64::NAN)
}

/// Opens `model` on `page` (its registration, or the queue beside it) and
/// waits for `field`, where the keys go.
async fn open_model(
    client: &Client,
    page: &str,
    model: uuid::Uuid,
    field: &str,
) -> Result<(), Error> {
    client
        .execute(
            &format!("location.hash = '{page}/{model}'; return true;"),
            vec![],
        )
        .await?;
    wait_for(
        client,
        &format!("return !!document.getElementById('{field}');"),
    )
    .await
}

#[tokio::main]
async fn main() -> Result<(), Error> {
    let reviewer = std::env::var("DVK_BENCH_REVIEWER").is_ok_and(|v| v == "1");
    let (root, dist, models) = bench_settings_or(if reviewer { 3_000 } else { 10_000 })?;
    let people: &[&'static str] = match std::env::var("DVK_BENCH_PEOPLE").as_deref() {
        _ if reviewer => &[REVIEWER],
        Ok("1") => &[OFFICER],
        _ => &[OTHER, OFFICER],
    };
    let seeded = if reviewer {
        reported(models)?
    } else {
        records(models, people)?
    };
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
    let mut pulls = Vec::new();
    let mut stored = Vec::new();
    for (i, person) in people.iter().enumerate() {
        let pull_ms = first_sync(&client, person).await?;
        let usage = storage(&client).await?;
        eprintln!("{person}: full pull {pull_ms:.0} ms: {usage}");
        pulls.push(pull_ms);
        stored.push(usage);
        if i + 1 < people.len() {
            client.find(Locator::Id("sign-out")).await?.click().await?;
            wait_for(&client, "return !!document.getElementById('username');").await?;
        }
    }
    let pull_ms = pulls.last().copied().unwrap_or(f64::NAN);

    let mut startups = Vec::new();
    // `DVK_BENCH_PROFILE=startup`: the profile covers the reloads instead.
    let startup_profile = std::env::var("DVK_BENCH_PROFILE").is_ok_and(|v| v == "startup");
    let profiling = startup_profile && start_profile(&client).await?;
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
    let startup_cpu = stop_profile(&client, profiling).await?;
    wait_for(&client, SYNCED).await?;
    // Where the keys go: the reviewer's first model in the queue with the
    // model beside it (as on the office's tablet), its evaluation's
    // comment; the measured officer's first model (theirs come last), a
    // field of its registration.
    let (model, page, field) = if reviewer {
        (seeded.first(), "#/duyet", "f-comment")
    } else {
        (
            seeded.get(seeded.len().saturating_sub(2 * models)),
            "#/mo-hinh",
            "f-area",
        )
    };
    let model = model.map(|(r, _)| r.id).ok_or("nothing seeded")?;
    open_model(&client, page, model, field).await?;
    client
        .issue_cmd(Cdp("Performance.enable", json!({})))
        .await?;
    let work_before = page_work(&client).await?;
    let profiling = !startup_profile && start_profile(&client).await?;
    let (lat, overlapped) = keystrokes(&client, field).await?;
    let work_after = page_work(&client).await?;
    let traced = trace_events(&client).await?;
    if !traced.is_empty() {
        eprintln!("the renderer's main thread per key, by trace event (own ms, count):");
        for (name, ms, count) in trace_summary(&traced, KEYSTROKES as f64).iter().take(20) {
            eprintln!("  {name}: {ms:.2} ({count})");
        }
    }
    // The browser's main-thread work per key: durations in ms, counts.
    let per_key = |name: &str| {
        let delta =
            work_after.get(name).unwrap_or(&f64::NAN) - work_before.get(name).unwrap_or(&f64::NAN);
        let scale = if name.ends_with("Duration") {
            1000.0
        } else {
            1.0
        };
        delta * scale / KEYSTROKES as f64
    };
    let counters: Vec<String> = work_after
        .keys()
        .filter(|k| k.ends_with("Duration") || k.ends_with("Count"))
        .map(|k| format!("{k} {:.2}", per_key(k)))
        .collect();
    eprintln!(
        "per key: {}; page now: {} nodes, {} layout objects",
        counters.join(", "),
        work_after.get("Nodes").unwrap_or(&f64::NAN),
        work_after.get("LayoutObjects").unwrap_or(&f64::NAN)
    );
    let per_key: Vec<f64> = [
        "ScriptDuration",
        "RecalcStyleDuration",
        "LayoutDuration",
        "TaskDuration",
    ]
    .iter()
    .map(|k| per_key(k))
    .collect();
    let profile = stop_profile(&client, profiling).await?;
    let bare = bare_writes(&client).await?;
    // Back to home from the model, as an officer does between models: the
    // whole list again (`dvk-home-relist`, the latest listing's measure).
    let mut relists = Vec::new();
    for _ in 0..RELOADS {
        client
            .execute(
                "performance.clearMeasures('dvk-home-relist'); location.hash = '#/'; return true;",
                vec![],
            )
            .await?;
        wait_for(
            &client,
            "return performance.getEntriesByName('dvk-home-relist').length > 0 \
               && !!document.getElementById('models');",
        )
        .await?;
        let ms = client
            .execute(
                "return performance.getEntriesByName('dvk-home-relist')[0].duration;",
                vec![],
            )
            .await?
            .as_f64()
            .unwrap_or(f64::NAN);
        relists.push(ms);
        open_model(&client, page, model, field).await?;
    }
    eprintln!("home listed again, back from a model, ms: {relists:?}");
    if overlapped > 0 {
        eprintln!("{overlapped} keys came before the previous one was saved");
    }
    let after = storage(&client).await?;
    client.close().await?;

    let startup = median(startups.clone());
    let (p50, p95) = (percentile(lat.clone(), 0.5), percentile(lat.clone(), 0.95));
    let mut sorted = lat.clone();
    sorted.sort_by(f64::total_cmp);
    let sorted: Vec<String> = sorted.iter().map(|ms| format!("{ms:.0}")).collect();
    eprintln!("keystrokes, ms, sorted: {}", sorted.join(" "));
    let refused = stored
        .iter()
        .chain([&after])
        .any(|u| u["refused"] == json!(true));
    let what = if reviewer {
        format!(
            "the reviewer, {models} reported models + progress entries + reports, typing an evaluation's comment"
        )
    } else {
        format!(
            "{} people, each {models} models + {models} progress entries",
            people.len()
        )
    };
    println!("| measure ({what}, 4x CPU) | value | aim |");
    println!("|---|---|---|");
    println!("| full pull of the measured person | {pull_ms:.0} ms | |");
    println!(
        "| start-up: reload → home usable (median of {RELOADS}) | {startup:.0} ms | ≤ 1000 ms |"
    );
    println!(
        "| keystroke → \"đã lưu\" p50 / p95 ({KEYSTROKES}) | {p50:.0} / {p95:.0} ms | p95 ≤ 50 ms |"
    );
    println!(
        "| the page's main thread per key: script / style / layout / all its tasks | {:.1} / {:.1} / {:.1} / {:.1} ms | |",
        per_key[0], per_key[1], per_key[2], per_key[3]
    );
    println!(
        "| home's list again, back from a model (median of {RELOADS}) | {:.0} ms | |",
        median(relists.clone())
    );
    println!(
        "| a bare IndexedDB write from the page, p50 / p95 ({KEYSTROKES}) | {:.0} / {:.0} ms | |",
        percentile(bare.clone(), 0.5),
        percentile(bare.clone(), 0.95)
    );
    for (person, usage) in people.iter().zip(&stored) {
        println!(
            "| {person}: records, MB in IndexedDB | {}, {:.1} | |",
            usage["records"],
            usage["bytes"].as_f64().unwrap_or(f64::NAN) / 1e6
        );
    }
    println!(
        "| the site's use / the browser's quota (estimate) | {:.1} MB / {:.0} MB | |",
        after["site_used"].as_f64().unwrap_or(f64::NAN) / 1e6,
        after["site_quota"].as_f64().unwrap_or(f64::NAN) / 1e6
    );
    println!(
        "| a write refused for quota | {} | none |",
        if refused { "yes" } else { "none" }
    );
    let out = root.join("target/bench");
    std::fs::create_dir_all(&out)?;
    std::fs::write(
        out.join("device.json"),
        serde_json::to_string_pretty(&json!({
            "models": models, "people": people, "reviewer": reviewer, "cpu_slowdown": CPU_SLOWDOWN, "full_pull_ms": pulls,
            "startup_ms": startups, "keystroke_ms": lat, "per_key_script_style_layout_tasks_ms": per_key, "keystrokes_overlapped": overlapped, "bare_write_ms": bare, "stored": stored, "after": after,
            "refused": refused,
        }))?,
    )?;
    if let Some(profile) = profile.or(startup_cpu) {
        std::fs::write(out.join("device.cpuprofile"), profile.to_string())?;
    }
    if refused {
        return Err("a write was refused (see the storage figures above)".into());
    }
    Ok(())
}
