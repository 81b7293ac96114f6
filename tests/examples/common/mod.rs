//! What the browser benchmarks share (`load`, `device`): ChromeDriver, a
//! phone-sized headless Chromium, the mobile test profile, the app's
//! `dvk-ready` mark.
#![allow(dead_code)] // each example uses its part
use std::process::{Child, Command, Stdio};
use std::time::{Duration, Instant};

use fantoccini::wd::WebDriverCompatibleCommand;
use fantoccini::{Client, ClientBuilder};
use hyper_util::client::legacy::connect::HttpConnector;
use serde_json::{Value, json};

pub const WAIT: Duration = Duration::from_secs(60);

/// The mobile test profile.
pub const CPU_SLOWDOWN: f64 = 4.0;
pub const DOWN_BYTES_PER_S: u64 = 1_600_000 / 8;
pub const UP_BYTES_PER_S: u64 = 750_000 / 8;
pub const LATENCY_MS: u64 = 150;

pub type Error = Box<dyn std::error::Error>;

pub struct Driver(Child);

impl Drop for Driver {
    fn drop(&mut self) {
        let _ = self.0.kill();
        let _ = self.0.wait();
    }
}

#[derive(Debug)]
pub struct Cdp(pub &'static str, pub Value);

impl WebDriverCompatibleCommand for Cdp {
    fn endpoint(
        &self,
        base: &url::Url,
        session: Option<&str>,
    ) -> Result<url::Url, url::ParseError> {
        base.join(&format!(
            "session/{}/goog/cdp/execute",
            session.unwrap_or_default()
        ))
    }

    fn method_and_body(&self, _: &url::Url) -> (http::Method, Option<String>) {
        let body = json!({ "cmd": self.0, "params": self.1 });
        (http::Method::POST, Some(body.to_string()))
    }
}

pub async fn network(client: &Client, offline: bool) -> Result<(), Error> {
    client.issue_cmd(Cdp("Network.enable", json!({}))).await?;
    client
        .issue_cmd(Cdp(
            "Network.emulateNetworkConditions",
            json!({
                "offline": offline,
                "latency": LATENCY_MS,
                "downloadThroughput": DOWN_BYTES_PER_S,
                "uploadThroughput": UP_BYTES_PER_S,
            }),
        ))
        .await?;
    Ok(())
}

pub async fn throttle(client: &Client) -> Result<(), Error> {
    client
        .issue_cmd(Cdp(
            "Emulation.setCPUThrottlingRate",
            json!({ "rate": CPU_SLOWDOWN }),
        ))
        .await?;
    network(client, false).await
}

pub fn free_port() -> Result<u16, Error> {
    Ok(std::net::TcpListener::bind("127.0.0.1:0")?
        .local_addr()?
        .port())
}

pub async fn start_driver() -> Result<(Driver, u16), Error> {
    let port = free_port()?;
    let binary = std::env::var("CHROMEDRIVER").unwrap_or_else(|_| "/usr/bin/chromedriver".into());
    let child = Command::new(binary)
        .arg(format!("--port={port}"))
        .stdout(Stdio::null())
        .stderr(Stdio::null())
        .spawn()?;
    let driver = Driver(child);
    let deadline = Instant::now() + WAIT;
    while tokio::net::TcpStream::connect(("127.0.0.1", port))
        .await
        .is_err()
    {
        if Instant::now() > deadline {
            return Err("chromedriver did not start".into());
        }
        tokio::time::sleep(Duration::from_millis(25)).await;
    }
    Ok((driver, port))
}

pub async fn phone(port: u16, profile: &std::path::Path) -> Result<Client, Error> {
    let capabilities = json!({
        "browserName": "chrome",
        "goog:chromeOptions": {
            "binary": std::env::var("CHROMIUM").unwrap_or_else(|_| "/usr/bin/chromium".into()),
            "args": [
                "--headless", "--no-sandbox", "--disable-gpu", "--disable-quic",
                "--no-first-run", "--disable-background-networking",
                "--disable-component-update", "--disable-sync",
                format!("--user-data-dir={}", profile.display()),
            ],
            "mobileEmulation": { "deviceMetrics": { "width": 360, "height": 640, "pixelRatio": 2.0 } }
        }
    });
    let Value::Object(mut capabilities) = capabilities else {
        return Err("capabilities".into());
    };
    if tracing() {
        // ChromeDriver records the browser's trace into its performance
        // log; `trace_summary` reads it.
        capabilities.insert("goog:loggingPrefs".into(), json!({ "performance": "ALL" }));
        if let Some(Value::Object(chrome)) = capabilities.get_mut("goog:chromeOptions") {
            chrome.insert(
                "perfLoggingPrefs".into(),
                json!({ "enableNetwork": false, "enablePage": false,
                        "traceCategories": "devtools.timeline,disabled-by-default-devtools.timeline" }),
            );
        }
    }
    Ok(ClientBuilder::new(HttpConnector::new())
        .capabilities(capabilities)
        .connect(&format!("http://127.0.0.1:{port}"))
        .await?)
}

/// Milliseconds from navigation start to the app's `dvk-ready` mark.
pub async fn ready_ms(client: &Client) -> Result<f64, Error> {
    let deadline = Instant::now() + WAIT;
    loop {
        let at = client
            .execute(
                "const m = performance.getEntriesByName('dvk-ready'); return m.length ? m[0].startTime : null;",
                vec![],
            )
            .await?;
        if let Some(ms) = at.as_f64() {
            return Ok(ms);
        }
        if Instant::now() > deadline {
            return Err("the app never became ready".into());
        }
        tokio::time::sleep(Duration::from_millis(20)).await;
    }
}

/// `DVK_BENCH_TRACE=1`: the browser's trace (its own work by event:
/// style, layout, paint, compositing, script) is recorded.
pub fn tracing() -> bool {
    std::env::var("DVK_BENCH_TRACE").is_ok_and(|v| v == "1")
}

/// ChromeDriver's log of one type (`performance`: the trace events
/// collected since the last read).
#[derive(Debug)]
pub struct Log(pub &'static str);

impl WebDriverCompatibleCommand for Log {
    fn endpoint(
        &self,
        base: &url::Url,
        session: Option<&str>,
    ) -> Result<url::Url, url::ParseError> {
        base.join(&format!("session/{}/se/log", session.unwrap_or_default()))
    }

    fn method_and_body(&self, _: &url::Url) -> (http::Method, Option<String>) {
        (
            http::Method::POST,
            Some(json!({ "type": self.0 }).to_string()),
        )
    }
}

/// The trace events recorded since the session began (none unless
/// `tracing`). Read once: ChromeDriver does not trace again after a read.
pub async fn trace_events(client: &Client) -> Result<Vec<Value>, Error> {
    if !tracing() {
        return Ok(Vec::new());
    }
    let got = client.issue_cmd(Log("performance")).await?;
    let mut events = Vec::new();
    for entry in got.as_array().into_iter().flatten() {
        let Some(text) = entry["message"].as_str() else {
            continue;
        };
        let message: Value = serde_json::from_str(text)?;
        if message["message"]["method"] == "Tracing.dataCollected" {
            events.push(message["message"]["params"].clone());
        }
    }
    Ok(events)
}

/// The renderer's main-thread work in `events` from the first of the last
/// `per` keys (`keydown`) to 300 ms after the last, by event (an event
/// dispatch by its type): its own milliseconds (not those of the events
/// inside it) divided by `per`, and the count, largest first.
pub fn trace_summary(events: &[Value], per: f64) -> Vec<(String, f64, u64)> {
    let main_threads: std::collections::HashSet<(i64, i64)> = events
        .iter()
        .filter(|e| e["ph"] == "M" && e["name"] == "thread_name")
        .filter(|e| e["args"]["name"] == "CrRendererMain")
        .filter_map(|e| Some((e["pid"].as_i64()?, e["tid"].as_i64()?)))
        .collect();
    let mut keys: Vec<f64> = events
        .iter()
        .filter(|e| e["name"] == "EventDispatch" && e["args"]["data"]["type"] == "keydown")
        .filter_map(|e| e["ts"].as_f64())
        .collect();
    keys.sort_by(f64::total_cmp);
    // The last `per` keys (the sign-in's were typed before them).
    let keys = &keys[keys.len().saturating_sub(per as usize)..];
    let (Some(&from), Some(&last)) = (keys.first(), keys.last()) else {
        return Vec::new();
    };
    let to = last + 300_000.0;
    // Complete events of the main thread in the window: (start, length, name).
    let mut spans: Vec<(f64, f64, String)> = events
        .iter()
        .filter(|e| e["ph"] == "X")
        .filter(|e| {
            main_threads.contains(&(
                e["pid"].as_i64().unwrap_or_default(),
                e["tid"].as_i64().unwrap_or_default(),
            ))
        })
        .filter_map(|e| {
            let ts = e["ts"].as_f64()?;
            let name = match e["args"]["data"]["type"].as_str() {
                Some(kind) if e["name"] == "EventDispatch" => format!("EventDispatch {kind}"),
                _ => e["name"].as_str()?.to_owned(),
            };
            Some((ts, e["dur"].as_f64().unwrap_or(0.0), name))
        })
        .filter(|(ts, _, _)| *ts >= from && *ts <= to)
        .collect();
    spans.sort_by(|a, b| a.0.total_cmp(&b.0).then(b.1.total_cmp(&a.1)));
    let mut by_name: std::collections::HashMap<String, (f64, u64)> = Default::default();
    // The events still open at each start, innermost last: an event's
    // length is taken off the one it sits in.
    let mut open: Vec<(f64, String)> = Vec::new();
    for (ts, dur, name) in spans {
        while open.last().is_some_and(|(end, _)| *end <= ts) {
            open.pop();
        }
        if let Some((_, outer)) = open.last() {
            by_name.entry(outer.clone()).or_default().0 -= dur / 1000.0;
        }
        let slot = by_name.entry(name.clone()).or_default();
        slot.0 += dur / 1000.0;
        slot.1 += 1;
        open.push((ts + dur, name));
    }
    let mut out: Vec<(String, f64, u64)> = by_name
        .into_iter()
        .map(|(name, (ms, n))| (name, ms / per, n))
        .collect();
    out.sort_by(|a, b| b.1.total_cmp(&a.1));
    out
}

/// With `DVK_BENCH_PROFILE` set, starts a Chromium CPU profile of the
/// page (sampled every 100 µs): whether it started.
pub async fn start_profile(client: &Client) -> Result<bool, Error> {
    if std::env::var_os("DVK_BENCH_PROFILE").is_none() {
        return Ok(false);
    }
    client.issue_cmd(Cdp("Profiler.enable", json!({}))).await?;
    client
        .issue_cmd(Cdp(
            "Profiler.setSamplingInterval",
            json!({ "interval": 100 }),
        ))
        .await?;
    client.issue_cmd(Cdp("Profiler.start", json!({}))).await?;
    Ok(true)
}

/// Stops the profile `start_profile` started, and returns it (a
/// `.cpuprofile`'s JSON); None if none was started.
pub async fn stop_profile(client: &Client, started: bool) -> Result<Option<Value>, Error> {
    if !started {
        return Ok(None);
    }
    let got = client.issue_cmd(Cdp("Profiler.stop", json!({}))).await?;
    Ok(Some(got.get("profile").cloned().unwrap_or(got)))
}

pub async fn wait_for(client: &Client, script: &str) -> Result<(), Error> {
    let deadline = Instant::now() + WAIT;
    while client.execute(script, vec![]).await? != Value::Bool(true) {
        if Instant::now() > deadline {
            return Err(format!("timed out: {script}").into());
        }
        tokio::time::sleep(Duration::from_millis(50)).await;
    }
    Ok(())
}

pub fn median(mut values: Vec<f64>) -> f64 {
    values.sort_by(f64::total_cmp);
    values.get(values.len() / 2).copied().unwrap_or(f64::NAN)
}

/// Signs in on the app's sign-in screen with the demo password.
pub async fn sign_in(client: &Client, username: &str) -> Result<(), Error> {
    use fantoccini::Locator;
    let field = client
        .wait()
        .at_most(WAIT)
        .for_element(Locator::Id("username"))
        .await?;
    field.send_keys(username).await?;
    client
        .find(Locator::Id("password"))
        .await?
        .send_keys(server::demo::DEMO_PASSWORD)
        .await?;
    client.find(Locator::Id("sign-in")).await?.click().await?;
    Ok(())
}

/// The sync bar says the last sync is done.
pub const SYNCED: &str = "const s = document.querySelector('.syncbar__state'); \
    return !!s && s.dataset.state === 'done';";

/// Whose unit the seeded models belong to.
#[derive(Debug, Clone, Copy)]
pub enum Spread {
    /// All of them the unit of this demo officer.
    OneUnit(&'static str),
    /// Round the commune's units in turn.
    AllUnits,
}

/// `count` draft models of the demo commune's current year, copied from
/// the demo's texts, each with a progress entry and (with `reports`) a
/// results report, ready for `Store::write_system`.
pub fn seeded(
    count: usize,
    spread: Spread,
    reports: bool,
) -> Result<Vec<(shared::sync::RecordState, shared::scope::Scope)>, Error> {
    use shared::ids::{ModelId, ProgressId};
    use shared::model::Model;
    use shared::progress::ProgressEntry;
    use shared::report::ResultsReport;
    use shared::sync::{RecordKind, RecordState, to_fields};

    let data = shared::demo::thanh_mien();
    let units: Vec<shared::ids::UnitId> = match spread {
        Spread::OneUnit(officer) => vec![
            data.users
                .iter()
                .find(|u| u.username == officer)
                .and_then(|u| u.unit_id)
                .ok_or("no such demo officer")?,
        ],
        Spread::AllUnits => data.units.iter().map(|u| u.id).collect(),
    };
    // The current year's: a draft of it can be edited.
    let campaign = data.campaigns.last().ok_or("no campaign")?.id;
    let mut out = Vec::new();
    for i in 0..count {
        let template = &data.models[i % data.models.len()];
        let unit = units[i % units.len()];
        let mut model = Model::new_draft(ModelId::new(), data.commune.id, unit, campaign);
        model.name = format!("{} ({})", template.name, i + 1);
        model.field = template.field;
        model.topic.clone_from(&template.topic);
        model.kind = template.kind;
        model.registrant.clone_from(&template.registrant);
        model
            .responsible_leader
            .clone_from(&template.responsible_leader);
        model.goals.clone_from(&template.goals);
        let scope = shared::scope::Scope {
            commune: model.commune_id.as_uuid(),
            unit: Some(model.unit_id.as_uuid()),
        };
        let entry = ProgressEntry {
            id: ProgressId::new(),
            commune_id: model.commune_id,
            unit_id: model.unit_id,
            model_id: model.id,
            date: chrono::NaiveDate::from_ymd_opt(2025, 6, 1).ok_or("date")?,
            activity: "Ra quân vệ sinh đường làng, ngõ xóm".repeat(4),
            participants: Some(40),
            resources: "Kinh phí do nhân dân đóng góp".into(),
            values: Vec::new(),
            photos: Vec::new(),
            note: String::new(),
        };
        let progress =
            RecordState::new(RecordKind::Progress, entry.id.as_uuid(), to_fields(&entry)?);
        out.push((
            RecordState::new(RecordKind::Model, model.id.as_uuid(), to_fields(&model)?),
            scope,
        ));
        out.push((progress, scope));
        if reports {
            let report = ResultsReport {
                id: ResultsReport::id_for(model.id),
                commune_id: model.commune_id,
                unit_id: model.unit_id,
                campaign_id: campaign,
                model_id: model.id,
                reached: Vec::new(),
                results: "Đường làng sạch đẹp, nhân dân đồng thuận hưởng ứng".repeat(3),
                lessons: "Phát huy vai trò người có uy tín trong cộng đồng".into(),
                proposals: "Nhân rộng ra các thôn khác".into(),
                report_date: None,
                photos: Vec::new(),
            };
            out.push((
                RecordState::new(RecordKind::Report, report.id.as_uuid(), to_fields(&report)?),
                scope,
            ));
        }
    }
    Ok(out)
}

/// The workspace root (`DVK_ROOT`, else this crate's parent), the built app
/// (`DVK_DIST`, else `dist/` in it) and the models to seed
/// (`DVK_BENCH_MODELS`, default 3,000).
pub fn bench_settings() -> Result<(std::path::PathBuf, std::path::PathBuf, usize), Error> {
    bench_settings_or(3000)
}

/// As `bench_settings`, with another default count of models.
pub fn bench_settings_or(
    default_models: usize,
) -> Result<(std::path::PathBuf, std::path::PathBuf, usize), Error> {
    let root = match std::env::var_os("DVK_ROOT") {
        Some(root) => std::path::PathBuf::from(root),
        None => std::path::PathBuf::from(env!("CARGO_MANIFEST_DIR"))
            .parent()
            .ok_or("no workspace root")?
            .to_path_buf(),
    };
    let dist = std::env::var_os("DVK_DIST").map_or_else(|| root.join("dist"), Into::into);
    let models = std::env::var("DVK_BENCH_MODELS")
        .ok()
        .and_then(|n| n.parse().ok())
        .unwrap_or(default_models);
    Ok((root, dist, models))
}

/// The demo commune on `mem://` with `records` written too, serving the
/// app in `dist` on 127.0.0.1: its address.
pub async fn demo_server(
    dist: std::path::PathBuf,
    records: &[(shared::sync::RecordState, shared::scope::Scope)],
) -> Result<std::net::SocketAddr, Error> {
    let settings = server::Settings {
        store: "mem://".into(),
        dist,
        demo: true,
        ..server::Settings::default()
    };
    let state = server::AppState::open(settings).await?;
    for chunk in records.chunks(500) {
        state.store.write_system(chunk.to_vec()).await?;
    }
    let app = server::router(state);
    let listener = tokio::net::TcpListener::bind("127.0.0.1:0").await?;
    let addr = listener.local_addr()?;
    tokio::spawn(async move {
        let _ = axum::serve(listener, app).await;
    });
    Ok(addr)
}
