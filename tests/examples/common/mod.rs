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
    let Value::Object(capabilities) = capabilities else {
        return Err("capabilities".into());
    };
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
