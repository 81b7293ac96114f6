//! The app in a real headless Chromium (Debian's, via ChromeDriver), served
//! by a real server on 127.0.0.1.
mod dashboard;
mod dashboard_city;
mod dashboard_grid;
mod dashboard_live;
mod dashboard_refresh;
mod device;
mod documents;
mod evidence;
mod fields;
mod idb;
mod journey;
mod photos;
mod photos_dropped;
mod photos_kept;
mod reconnect;
mod review;
mod review_screens;
mod review_typing;
mod security;
mod split;
mod syncbar;
use std::process::{Child, Command, Stdio};
use std::time::{Duration, Instant};

use fantoccini::wd::WebDriverCompatibleCommand;
use fantoccini::{Client, ClientBuilder, Locator};
use hyper_util::client::legacy::connect::HttpConnector;
use serde_json::{Value, json};
use tokio::sync::Semaphore;

use crate::common::{TestServer, artifacts, built_dist, settings};

/// Two cores: one browser at a time.
static ONE_BROWSER: Semaphore = Semaphore::const_new(1);

const WAIT: Duration = Duration::from_secs(30);

/// ChromeDriver on a free loopback port, killed on drop.
struct Driver {
    child: Child,
    port: u16,
    _profile: tempfile::TempDir,
}

impl Drop for Driver {
    fn drop(&mut self) {
        let _ = self.child.kill();
        let _ = self.child.wait();
    }
}

fn free_port() -> u16 {
    std::net::TcpListener::bind("127.0.0.1:0")
        .and_then(|l| l.local_addr())
        .map(|a| a.port())
        .expect("free port")
}

async fn start_driver() -> Driver {
    let binary = std::env::var("CHROMEDRIVER").unwrap_or_else(|_| "/usr/bin/chromedriver".into());
    let port = free_port();
    let child = Command::new(&binary)
        .arg(format!("--port={port}"))
        .stdout(Stdio::null())
        .stderr(Stdio::null())
        .spawn()
        .unwrap_or_else(|e| {
            panic!("cannot start {binary} ({e}): run `cargo xtask test`, which installs it")
        });
    let deadline = Instant::now() + WAIT;
    while tokio::net::TcpStream::connect(("127.0.0.1", port))
        .await
        .is_err()
    {
        assert!(Instant::now() < deadline, "chromedriver did not start");
        tokio::time::sleep(Duration::from_millis(25)).await;
    }
    Driver {
        child,
        port,
        _profile: tempfile::tempdir().expect("profile dir"),
    }
}

/// A phone's screen, in CSS pixels.
const PHONE: (u32, u32) = (360, 640);

/// A phone-sized headless Chromium with a fresh profile.
async fn phone(driver: &Driver) -> Client {
    chromium(driver, PHONE, None).await
}

/// What most browser tests start from: the one browser slot, a server with
/// the demo commune, ChromeDriver, and a fresh Chromium of `size` on the app.
async fn open_app(
    size: (u32, u32),
) -> (
    tokio::sync::SemaphorePermit<'static>,
    TestServer,
    Driver,
    Client,
) {
    let slot = ONE_BROWSER.acquire().await.expect("browser slot");
    let server = TestServer::start(demo_server_settings(&built_dist())).await;
    let driver = start_driver().await;
    let client = chromium(&driver, size, None).await;
    client.goto(&server.url("/")).await.expect("goto");
    (slot, server, driver, client)
}

/// A headless Chromium with a fresh profile, emulating a touch screen of
/// `size` CSS pixels; downloads land in `downloads` if given.
async fn chromium(
    driver: &Driver,
    size: (u32, u32),
    downloads: Option<&std::path::Path>,
) -> Client {
    let profile = driver._profile.path().display().to_string();
    let mut options = json!({
        "binary": std::env::var("CHROMIUM").unwrap_or_else(|_| "/usr/bin/chromium".into()),
        "args": [
            "--headless", "--no-sandbox", "--disable-gpu", "--disable-quic",
            "--no-first-run", "--disable-background-networking",
            "--disable-component-update", "--disable-sync",
            format!("--user-data-dir={profile}"),
        ],
        "mobileEmulation": { "deviceMetrics": { "width": size.0, "height": size.1, "pixelRatio": 2.0 } }
    });
    // Console messages (CSP violations among them) for `browser_log`.
    let logging = json!({ "browser": "ALL" });
    if let Some(dir) = downloads {
        options["prefs"] = json!({
            "download.default_directory": dir.display().to_string(),
            "download.prompt_for_download": false,
        });
    }
    let capabilities = json!({
        "browserName": "chrome",
        "goog:chromeOptions": options,
        "goog:loggingPrefs": logging,
    });
    let Value::Object(capabilities) = capabilities else {
        unreachable!("capabilities literal is an object")
    };
    ClientBuilder::new(HttpConnector::new())
        .capabilities(capabilities)
        .connect(&format!("http://127.0.0.1:{}", driver.port))
        .await
        .expect("connect to chromedriver")
}

/// ChromeDriver's own command for DevTools network emulation.
#[derive(Debug)]
struct NetworkConditions {
    offline: bool,
}

impl WebDriverCompatibleCommand for NetworkConditions {
    fn endpoint(
        &self,
        base_url: &url::Url,
        session_id: Option<&str>,
    ) -> Result<url::Url, url::ParseError> {
        base_url.join(&format!(
            "session/{}/chromium/network_conditions",
            session_id.unwrap_or_default()
        ))
    }

    fn method_and_body(&self, _: &url::Url) -> (http::Method, Option<String>) {
        let body = json!({ "network_conditions": {
            "offline": self.offline, "latency": 0,
            "download_throughput": -1, "upload_throughput": -1
        }});
        (http::Method::POST, Some(body.to_string()))
    }
}

/// The first element `locator` finds, waiting up to `WAIT` for it; a
/// test fails saying `what` is missing.
async fn element(
    client: &Client,
    locator: Locator<'_>,
    what: &str,
) -> fantoccini::elements::Element {
    client
        .wait()
        .at_most(WAIT)
        .for_element(locator)
        .await
        .unwrap_or_else(|e| panic!("no {what}: {e}"))
}

/// The text of the first element `css` finds, waiting for it. An element
/// drawn again between finding it and reading it is found again.
async fn text_of(client: &Client, css: &str) -> String {
    let deadline = std::time::Instant::now() + WAIT;
    loop {
        let found = element(client, Locator::Css(css), css).await;
        match found.text().await {
            Ok(text) => return text,
            Err(_) if std::time::Instant::now() < deadline => {
                tokio::time::sleep(std::time::Duration::from_millis(50)).await;
            }
            Err(error) => panic!("text of {css}: {error}"),
        }
    }
}

async fn eval(client: &Client, script: &str) -> Value {
    client.execute(script, vec![]).await.expect("script")
}

/// Polls a script until it returns `true`.
async fn until(client: &Client, what: &str, script: &str) {
    let deadline = Instant::now() + WAIT;
    loop {
        if eval(client, script).await == Value::Bool(true) {
            return;
        }
        assert!(Instant::now() < deadline, "timed out waiting for {what}");
        tokio::time::sleep(Duration::from_millis(50)).await;
    }
}

/// What a thumb must hit on most screens: buttons, fields, selects and
/// button links.
const TOUCH_TARGETS: &str = "button, input:not([type=file]), select, a.button";

/// Waits until `main` stops changing between two polls.
async fn until_settled(client: &Client, what: &str) {
    until(
        client,
        &format!("{what} settled"),
        "const n = document.querySelector('main').innerHTML.length; \
         const same = window.__dvkLast === n; window.__dvkLast = n; return same;",
    )
    .await;
}

/// The screen scrolls only up and down, and every visible element that
/// matches `targets` is at least 44 px tall. With `checkbox_by_label`, a
/// checkbox inside a label counts by its label (the label is what a thumb
/// hits).
async fn assert_fits(client: &Client, what: &str, targets: &str, checkbox_by_label: bool) {
    let overflow = eval(
        client,
        "return document.documentElement.scrollWidth - document.documentElement.clientWidth;",
    )
    .await;
    assert_eq!(overflow, json!(0), "{what}: no sideways scroll");
    let by_label = if checkbox_by_label {
        ".map((e) => e.type === 'checkbox' && e.closest('label') ? e.closest('label') : e)"
    } else {
        ""
    };
    let small = eval(
        client,
        &format!(
            "return [...document.querySelectorAll({})] \
               .filter((e) => e.offsetParent !== null){by_label} \
               .filter((e) => e.getBoundingClientRect().height < 44) \
               .map((e) => e.id || e.className || e.tagName);",
            json!(targets)
        ),
    )
    .await;
    assert_eq!(small, json!([]), "{what}: touch targets ≥ 44 px");
}

/// Opens a second tab (on `url`, or blank) and returns both handles.
async fn second_tab(
    client: &Client,
    url: Option<String>,
) -> (fantoccini::wd::WindowHandle, fantoccini::wd::WindowHandle) {
    let first = client.window().await.expect("first tab");
    let second = client.new_window(true).await.expect("second tab").handle;
    client
        .switch_to_window(second.clone())
        .await
        .expect("to second tab");
    if let Some(url) = url {
        client.goto(&url).await.expect("goto");
        until_home(client).await;
    }
    (first, second)
}

/// Waits until the service worker controls the page and has cached the
/// shell (app/static/sw.js: page, boot script, JS, wasm, CSS, manifest and
/// icons; at least the six the page needs to open offline) and every split
/// screen's chunk the page has loaded so far.
async fn until_offline_ready(client: &Client) {
    until(
        client,
        "service worker in control",
        "return !!navigator.serviceWorker && !!navigator.serviceWorker.controller;",
    )
    .await;
    until(
        client,
        "shell cached",
        "if (!window.__cached) { window.__cached = 'pending'; caches.keys().then(async (keys) => { \
           const cache = await caches.open(keys.find((k) => k.startsWith('dvk-shell-'))); \
           window.__cached = (await cache.keys()).length >= 6; }); } \
         return window.__cached === true;",
    )
    .await;
    until(client, "loaded chunks cached", CHUNKS_CACHED).await;
}

/// Every split screen's chunk the page loaded is in the worker's cache.
const CHUNKS_CACHED: &str = "if (!window.__chunks) { window.__chunks = 'pending'; (async () => { \
       const loaded = performance.getEntriesByType('resource').map((e) => new URL(e.name).pathname) \
         .filter((p) => /^\\/assets\\/(split|chunk)_/.test(p)); \
       const key = (await caches.keys()).find((k) => k.startsWith('dvk-shell-')); \
       const cached = (await (await caches.open(key)).keys()).map((r) => new URL(r.url).pathname); \
       window.__chunks = loaded.every((p) => cached.includes(p)) ? true : undefined; })(); } \
     return window.__chunks === true;";

fn demo_user(username: &str) -> shared::user::User {
    shared::demo::thanh_mien()
        .users
        .into_iter()
        .find(|u| u.username == username)
        .expect("demo user")
}

/// Where the home screen keeps the draft of a new model's name.
const DRAFT_KEY: &str = "draft/new-model-name";

async fn input_value(client: &Client) -> Value {
    eval(
        client,
        "return document.getElementById('draft-name').value;",
    )
    .await
}

/// Network down (or up) for the app: Chromium's emulation, and the API cut
/// at the server too (see `TestServer::api_cut`).
async fn network(client: &Client, server: &TestServer, up: bool) {
    server.cut_api(!up);
    set_offline(client, !up).await;
}

async fn set_offline(client: &Client, offline: bool) {
    client
        .issue_cmd(NetworkConditions { offline })
        .await
        .expect("network emulation");
}

/// Fills in the sign-in form with a demo account and sends it.
async fn submit_sign_in(client: &Client, username: &str) {
    let user = element(client, Locator::Id("username"), "sign-in form").await;
    user.send_keys(username).await.expect("type username");
    client
        .find(Locator::Id("password"))
        .await
        .expect("password field")
        .send_keys(server::demo::DEMO_PASSWORD)
        .await
        .expect("type password");
    client
        .find(Locator::Id("sign-in"))
        .await
        .expect("button")
        .click()
        .await
        .expect("click");
}

/// Signs in through the form and waits for the officer's home screen.
async fn sign_in(client: &Client, username: &str) {
    submit_sign_in(client, username).await;
    until_home(client).await;
}

/// Waits for the home screen (after a sign-in or a reload).
async fn until_home(client: &Client) {
    until(
        client,
        "home screen",
        "const h = document.querySelector('main h2'); return !!h && h.textContent === 'Mô hình của đơn vị';",
    )
    .await;
}

/// Waits until the sync bar says the last change is saved on the device.
async fn until_saved(client: &Client) {
    until(
        client,
        "the bar says saved",
        "return document.getElementById('save-state').dataset.state === 'saved';",
    )
    .await;
}

/// Waits until the sync bar says nothing waits and the last sync is recent.
async fn until_synced(client: &Client) {
    until(
        client,
        "everything sent",
        "const p = document.querySelector('.syncbar__pending'); \
         const b = document.getElementById('sync-now'); \
         return !!p && p.dataset.pending === '0' && !!b && !b.disabled \
           && !document.querySelector('.syncbar__last').textContent.includes('Chưa');",
    )
    .await;
}

fn demo_server_settings(dist: &std::path::Path) -> server::Settings {
    let mut settings = settings("mem://", dist);
    settings.demo = true;
    settings
}

#[tokio::test(flavor = "multi_thread", worker_threads = 2)]
async fn app_loads_keeps_a_draft_and_opens_offline() {
    let _slot = ONE_BROWSER.acquire().await.expect("browser slot");
    let dist = built_dist();
    let server = TestServer::start(demo_server_settings(&dist)).await;
    let driver = start_driver().await;
    let client = phone(&driver).await;

    // 1. The page loads and shows the Vietnamese title; sign in once online.
    client.goto(&server.url("/")).await.expect("goto");
    assert_eq!(client.title().await.expect("title"), "DVK – Dân vận khéo");
    assert!(
        text_of(&client, ".topbar__title")
            .await
            .contains("Dân vận khéo")
    );
    sign_in(&client, "canbo.ubnd").await;
    until_synced(&client).await;

    // 2. Typing is kept as a draft across a reload.
    let draft = "Dân vận khéo trong phân loại rác thải tại nguồn – thôn Đông";
    client
        .find(Locator::Id("draft-name"))
        .await
        .expect("input")
        .send_keys(draft)
        .await
        .expect("type");
    idb::until_value(&client, "canbo.ubnd", DRAFT_KEY, &json!(draft).to_string()).await;
    client.refresh().await.expect("reload");
    text_of(&client, "main h2").await;
    assert_eq!(input_value(&client).await, json!(draft));

    // 3. The service worker has the shell and controls the page.
    until_offline_ready(&client).await;

    // 4. Server stopped and the browser offline: a reload still shows the
    //    app, signed in, with the draft, and the server answered nothing.
    let served_before = server.served();
    let requests = server.requests.clone();
    server.stop().await;
    set_offline(&client, true).await;
    client.refresh().await.expect("offline reload");
    assert!(
        text_of(&client, ".topbar__title")
            .await
            .contains("Dân vận khéo")
    );
    assert_eq!(text_of(&client, "main h2").await, "Mô hình của đơn vị");
    assert_eq!(input_value(&client).await, json!(draft));
    until(
        &client,
        "offline badge",
        "const b = document.querySelector('.badge[data-online]'); return !!b && b.dataset.online === 'false';",
    )
    .await;
    assert_eq!(
        requests.load(std::sync::atomic::Ordering::SeqCst),
        served_before,
        "the offline reload must be served by the service worker alone"
    );

    let png = client.screenshot().await.expect("screenshot");
    assert!(png.starts_with(b"\x89PNG"), "screenshot is a PNG");
    std::fs::write(artifacts().join("home-offline-phone.png"), png).expect("save screenshot");
    client.close().await.expect("close");
}

#[tokio::test(flavor = "multi_thread", worker_threads = 2)]
async fn corrupt_local_data_is_kept_aside_and_the_app_starts() {
    let (_slot, server, _driver, client) = open_app(PHONE).await;
    sign_in(&client, "canbo.ubnd").await;
    until_synced(&client).await;
    idb::put(&client, "canbo.ubnd", DRAFT_KEY, "{not json").await;
    client.refresh().await.expect("reload");
    let notice = text_of(&client, ".notice").await;
    assert!(notice.contains("bản gốc đã được cất riêng"), "{notice}");
    let kept = idb::get(&client, "canbo.ubnd", &format!("corrupt/{DRAFT_KEY}")).await;
    assert_eq!(kept.as_deref(), Some("{not json"), "the raw copy is kept");
    client.close().await.expect("close");
    server.stop().await;
}

async fn model_names(client: &Client) -> Vec<String> {
    let names = eval(
        client,
        "return [...document.querySelectorAll('.models__name')].map((e) => e.textContent);",
    )
    .await;
    serde_json::from_value(names).expect("names")
}

/// Creates a draft from home: the app opens its form; back home, it is listed.
async fn create_draft(client: &Client, name: &str) {
    client
        .find(Locator::Id("draft-name"))
        .await
        .expect("input")
        .send_keys(name)
        .await
        .expect("type");
    client
        .find(Locator::Id("create-draft"))
        .await
        .expect("button")
        .click()
        .await
        .expect("click");
    until(
        client,
        "the new model's form",
        &format!(
            "const t = document.getElementById('model-title'); return !!t && t.textContent === {};",
            json!(name)
        ),
    )
    .await;
    eval(client, "location.hash = '#/'; return true;").await;
    until_home(client).await;
    let deadline = Instant::now() + WAIT;
    while !model_names(client).await.iter().any(|n| n == name) {
        assert!(Instant::now() < deadline, "{name} not listed");
        tokio::time::sleep(Duration::from_millis(50)).await;
    }
}

async fn server_has_model(server: &TestServer, name: &str) -> bool {
    let commune = shared::demo::thanh_mien().commune.id.as_uuid();
    let (records, _) = server
        .state
        .store
        .pull(&[commune], None, 0, 1000)
        .await
        .expect("pull");
    records.iter().any(|r| {
        r.kind == shared::sync::RecordKind::Model && r.fields.get("name") == Some(&json!(name))
    })
}

#[tokio::test(flavor = "multi_thread", worker_threads = 2)]
async fn offline_edits_reach_the_server_after_reconnecting_without_another_edit() {
    let (_slot, server, _driver, client) = open_app(PHONE).await;
    sign_in(&client, "canbo.ubnd").await;
    until_synced(&client).await;

    network(&client, &server, false).await;
    until(
        &client,
        "offline badge",
        "return document.querySelector('.badge[data-online]').dataset.online === 'false';",
    )
    .await;
    let name = "Mô hình tạo khi mất mạng";
    create_draft(&client, name).await;
    until(
        &client,
        "one change waiting",
        "return document.querySelector('.syncbar__pending').dataset.pending === '1';",
    )
    .await;
    assert_eq!(
        eval(&client, "return document.querySelector('.models__item[data-sync=\"LocalOnly\"] .models__sync').textContent;").await,
        json!("Chỉ có trên máy này")
    );
    // A reload while offline keeps it, still waiting.
    client.refresh().await.expect("offline reload");
    text_of(&client, "main h2").await;
    assert!(model_names(&client).await.iter().any(|n| n == name));
    until(
        &client,
        "still waiting after reload",
        "return document.querySelector('.syncbar__pending').dataset.pending === '1';",
    )
    .await;
    assert!(
        !server_has_model(&server, name).await,
        "nothing left the device while offline"
    );

    // Back online: it arrives with no further edit, and the bar says so.
    network(&client, &server, true).await;
    until_synced(&client).await;
    assert!(
        server_has_model(&server, name).await,
        "the offline draft reached the server"
    );
    assert_eq!(
        eval(&client, "return [...document.querySelectorAll('.models__item')].find((e) => e.querySelector('.models__name').textContent === 'Mô hình tạo khi mất mạng').dataset.sync;").await,
        json!("Synced")
    );
    client.close().await.expect("close");
    server.stop().await;
}

#[tokio::test(flavor = "multi_thread", worker_threads = 2)]
async fn two_people_on_one_browser_keep_their_drafts_apart_and_sign_out_warns() {
    let (_slot, server, _driver, client) = open_app(PHONE).await;
    sign_in(&client, "canbo.ubnd").await;
    until_synced(&client).await;
    let first_models = model_names(&client).await;

    // A change that cannot be sent yet, then sign out: a warning, and "cancel" keeps us in.
    network(&client, &server, false).await;
    create_draft(&client, "Bản nháp của cán bộ UBND").await;
    client
        .find(Locator::Id("sign-out"))
        .await
        .expect("button")
        .click()
        .await
        .expect("click");
    let warning = client
        .get_alert_text()
        .await
        .expect("a warning before signing out");
    assert!(warning.contains("chưa gửi"), "{warning}");
    client.dismiss_alert().await.expect("cancel");
    assert_eq!(text_of(&client, "main h2").await, "Mô hình của đơn vị");

    // Type a draft name, then sign out for real (accept) and let the next person in.
    client
        .find(Locator::Id("draft-name"))
        .await
        .expect("input")
        .send_keys("nháp riêng của Hoa")
        .await
        .expect("type");
    network(&client, &server, true).await;
    // Out from under the sticky top bar (the demo badge makes it taller).
    eval(
        &client,
        "document.getElementById('sign-out').scrollIntoView({block: 'center'}); return true;",
    )
    .await;
    client
        .find(Locator::Id("sign-out"))
        .await
        .expect("button")
        .click()
        .await
        .expect("click");
    if client.get_alert_text().await.is_ok() {
        client.accept_alert().await.expect("accept");
    }
    sign_in(&client, "canbo.yte").await;
    until_synced(&client).await;
    assert_eq!(
        input_value(&client).await,
        json!(""),
        "the first person's draft is not shown"
    );
    let second_models = model_names(&client).await;
    assert!(
        !second_models
            .iter()
            .any(|n| n == "Bản nháp của cán bộ UBND")
    );
    assert_ne!(first_models, second_models);

    // The first person's data is still on the device, in their own space.
    let kept = idb::get(&client, "canbo.ubnd", DRAFT_KEY).await;
    assert_eq!(kept, Some(json!("nháp riêng của Hoa").to_string()));
    client.close().await.expect("close");
    server.stop().await;
}

fn copy_dir(from: &std::path::Path, to: &std::path::Path) {
    std::fs::create_dir_all(to).expect("mkdir");
    for entry in std::fs::read_dir(from).expect("read dist") {
        let entry = entry.expect("entry");
        let target = to.join(entry.file_name());
        if entry.file_type().expect("type").is_dir() {
            copy_dir(&entry.path(), &target);
        } else {
            std::fs::copy(entry.path(), target).expect("copy");
        }
    }
}

#[tokio::test(flavor = "multi_thread", worker_threads = 2)]
async fn a_new_build_replaces_the_cache_and_keeps_the_users_data() {
    let _slot = ONE_BROWSER.acquire().await.expect("browser slot");
    // Serve a copy of the build, so the test can publish a "new version".
    let copy = tempfile::tempdir().expect("tempdir");
    copy_dir(&built_dist(), copy.path());
    let server = TestServer::start(demo_server_settings(copy.path())).await;
    let driver = start_driver().await;
    let client = phone(&driver).await;
    client.goto(&server.url("/")).await.expect("goto");
    sign_in(&client, "canbo.ubnd").await;
    until_synced(&client).await;
    let draft = "giữ qua bản cập nhật";
    client
        .find(Locator::Id("draft-name"))
        .await
        .expect("input")
        .send_keys(draft)
        .await
        .expect("type");
    until(
        &client,
        "old shell cached",
        "caches.keys().then((k) => window.__keys = k); \
         return Array.isArray(window.__keys) && window.__keys.length === 1;",
    )
    .await;
    let old_cache = eval(&client, "return window.__keys[0];").await;

    // Publish a new build: a new service worker version.
    let sw = copy.path().join("sw.js");
    let text = std::fs::read_to_string(&sw).expect("sw.js");
    let version_line = text
        .lines()
        .find(|l| l.starts_with("const VERSION"))
        .expect("VERSION line")
        .to_owned();
    std::fs::write(
        &sw,
        text.replace(&version_line, "const VERSION = 'next-build';"),
    )
    .expect("write sw.js");
    for compressed in ["sw.js.br", "sw.js.gz"] {
        let _ = std::fs::remove_file(copy.path().join(compressed));
    }
    eval(
        &client,
        "navigator.serviceWorker.getRegistration().then((r) => r.update()); return true;",
    )
    .await;
    until(
        &client,
        "new cache in place of the old",
        "caches.keys().then((k) => window.__after = k); \
         return Array.isArray(window.__after) && window.__after.length === 1 \
           && window.__after[0] === 'dvk-shell-next-build';",
    )
    .await;
    assert_ne!(old_cache, json!("dvk-shell-next-build"));

    // The person's data is untouched, and the new shell opens offline.
    client.refresh().await.expect("reload");
    until_home(&client).await;
    assert_eq!(input_value(&client).await, json!(draft));
    server.stop().await;
    set_offline(&client, true).await;
    client.refresh().await.expect("offline reload");
    until_home(&client).await;
    assert_eq!(input_value(&client).await, json!(draft));
    client.close().await.expect("close");
}
