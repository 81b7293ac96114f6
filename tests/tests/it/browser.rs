//! The app in a real headless Chromium (Debian's, via ChromeDriver), served
//! by a real server on 127.0.0.1.
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

/// A phone-sized headless Chromium with a fresh profile.
async fn phone(driver: &Driver) -> Client {
    let profile = driver._profile.path().display().to_string();
    let capabilities = json!({
        "browserName": "chrome",
        "goog:chromeOptions": {
            "binary": std::env::var("CHROMIUM").unwrap_or_else(|_| "/usr/bin/chromium".into()),
            "args": [
                "--headless", "--no-sandbox", "--disable-gpu", "--disable-quic",
                "--no-first-run", "--disable-background-networking",
                "--disable-component-update", "--disable-sync",
                format!("--user-data-dir={profile}"),
            ],
            "mobileEmulation": { "deviceMetrics": { "width": 360, "height": 640, "pixelRatio": 2.0 } }
        }
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

async fn text_of(client: &Client, css: &str) -> String {
    client
        .wait()
        .at_most(WAIT)
        .for_element(Locator::Css(css))
        .await
        .unwrap_or_else(|e| panic!("no {css}: {e}"))
        .text()
        .await
        .expect("text")
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

async fn input_value(client: &Client) -> Value {
    eval(
        client,
        "return document.getElementById('draft-name').value;",
    )
    .await
}

#[tokio::test(flavor = "multi_thread", worker_threads = 2)]
async fn app_loads_keeps_a_draft_and_opens_offline() {
    let _slot = ONE_BROWSER.acquire().await.expect("browser slot");
    let dist = built_dist();
    let server = TestServer::start(settings("mem://", &dist)).await;
    let driver = start_driver().await;
    let client = phone(&driver).await;

    // 1. The page loads and shows the Vietnamese title.
    client.goto(&server.url("/")).await.expect("goto");
    assert_eq!(client.title().await.expect("title"), "DVK – Dân vận khéo");
    assert!(
        text_of(&client, ".topbar__title")
            .await
            .contains("Dân vận khéo")
    );
    assert_eq!(text_of(&client, "main h2").await, "Mô hình của đơn vị");

    // 2. Typing is kept as a draft across a reload.
    let draft = "Dân vận khéo trong phân loại rác thải tại nguồn – thôn Đông";
    let input = client
        .wait()
        .at_most(WAIT)
        .for_element(Locator::Id("draft-name"))
        .await
        .expect("input");
    input.send_keys(draft).await.expect("type");
    until(
        &client,
        "draft saved to storage",
        &format!(
            "return localStorage.getItem('dvk/v1/draft/home-model-name') === {};",
            json!(json!(draft).to_string())
        ),
    )
    .await;
    client.refresh().await.expect("reload");
    text_of(&client, "main h2").await;
    assert_eq!(input_value(&client).await, json!(draft));

    // 3. The service worker has the shell and controls the page.
    until(
        &client,
        "service worker in control",
        "return !!navigator.serviceWorker && !!navigator.serviceWorker.controller;",
    )
    .await;
    until(
        &client,
        "shell cached",
        "if (!window.__cached) { window.__cached = 'pending'; caches.keys().then(async (keys) => { \
           const cache = await caches.open(keys.find((k) => k.startsWith('dvk-shell-'))); \
           window.__cached = (await cache.keys()).length >= 5; }); } \
         return window.__cached === true;",
    )
    .await;

    // 4. Server stopped and the browser offline: a reload still shows the
    //    app and the draft, and the server answered nothing.
    let served_before = server.served();
    let requests = server.requests.clone();
    server.stop().await;
    client
        .issue_cmd(NetworkConditions { offline: true })
        .await
        .expect("emulate offline");
    client.refresh().await.expect("offline reload");
    assert!(
        text_of(&client, ".topbar__title")
            .await
            .contains("Dân vận khéo")
    );
    assert_eq!(input_value(&client).await, json!(draft));
    until(
        &client,
        "offline badge",
        "const b = document.querySelector('.badge'); return !!b && b.dataset.online === 'false';",
    )
    .await;
    assert_eq!(
        requests.load(std::sync::atomic::Ordering::SeqCst),
        served_before,
        "the offline reload must be served by the service worker alone"
    );

    let png = client.screenshot().await.expect("screenshot");
    assert!(png.starts_with(b"\x89PNG"), "screenshot is a PNG");
    std::fs::write(artifacts().join("skeleton-offline-phone.png"), png).expect("save screenshot");
    client.close().await.expect("close");
}

#[tokio::test(flavor = "multi_thread", worker_threads = 2)]
async fn corrupt_draft_is_kept_aside_and_the_app_starts() {
    let _slot = ONE_BROWSER.acquire().await.expect("browser slot");
    let dist = built_dist();
    let server = TestServer::start(settings("mem://", &dist)).await;
    let driver = start_driver().await;
    let client = phone(&driver).await;
    client.goto(&server.url("/")).await.expect("goto");
    text_of(&client, "main h2").await;
    eval(
        &client,
        "localStorage.setItem('dvk/v1/draft/home-model-name', '{not json'); return true;",
    )
    .await;
    client.refresh().await.expect("reload");
    let notice = text_of(&client, ".notice").await;
    assert!(notice.contains("bản gốc đã được cất riêng"), "{notice}");
    let kept = eval(
        &client,
        "for (let i = 0; i < localStorage.length; i++) { const k = localStorage.key(i); \
           if (k.startsWith('dvk/v1/corrupt/')) return localStorage.getItem(k); } return null;",
    )
    .await;
    assert_eq!(kept, json!("{not json"), "the raw copy is kept");
    client.close().await.expect("close");
    server.stop().await;
}
