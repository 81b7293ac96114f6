//! Reading and writing a person's IndexedDB database from a test, and the
//! DevTools commands the device tests need (storage quota, CPU).
use fantoccini::Client;
use fantoccini::wd::WebDriverCompatibleCommand;
use serde_json::{Value, json};

use super::demo_user;

/// A DevTools command through ChromeDriver.
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

pub fn db_name(username: &str) -> String {
    format!("dvk-u-{}", demo_user(username).id)
}

/// Runs `body` with `db` (the person's open database) and `done(result)`
/// in scope; never creates the database if the app has not.
const OPEN: &str = "const [name, arg, done] = arguments; \
    const r = indexedDB.open(name); \
    r.onupgradeneeded = () => r.transaction.abort(); \
    r.onerror = () => done(null); \
    r.onsuccess = () => { const db = r.result; const finish = (v) => { db.close(); done(v); }; ";

async fn run(client: &Client, username: &str, arg: Value, body: &str) -> Value {
    let script = format!("{OPEN}{body} }};");
    client
        .execute_async(&script, vec![json!(db_name(username)), arg])
        .await
        .expect("IndexedDB script")
}

/// A value of the person's `kv` store as text (log segments are bytes).
pub async fn get(client: &Client, username: &str, key: &str) -> Option<String> {
    let value = run(
        client,
        username,
        json!(key),
        "const g = db.transaction('kv').objectStore('kv').get(arg); \
         g.onerror = () => finish(null); \
         g.onsuccess = () => { const v = g.result; \
           finish(v === undefined ? null : typeof v === 'string' ? v : new TextDecoder().decode(v)); };",
    )
    .await;
    value.as_str().map(str::to_owned)
}

/// Every key of the person's `kv` store starting with `prefix`.
pub async fn keys(client: &Client, username: &str, prefix: &str) -> Vec<String> {
    let value = run(
        client,
        username,
        json!(prefix),
        "const g = db.transaction('kv').objectStore('kv').getAllKeys(); \
         g.onerror = () => finish([]); \
         g.onsuccess = () => finish(g.result.filter((k) => k.startsWith(arg)));",
    )
    .await;
    serde_json::from_value(value).unwrap_or_default()
}

/// Writes a text value into the person's `kv` store.
pub async fn put(client: &Client, username: &str, key: &str, value: &str) {
    let done = run(
        client,
        username,
        json!([key, value]),
        "const tx = db.transaction('kv', 'readwrite'); \
         tx.objectStore('kv').put(arg[1], arg[0]); \
         tx.oncomplete = () => finish(true); tx.onabort = () => finish(false);",
    )
    .await;
    assert_eq!(done, json!(true), "written into IndexedDB");
}

/// Waits until the person's `kv` store holds `expected` under `key`.
pub async fn until_value(client: &Client, username: &str, key: &str, expected: &str) {
    let deadline = std::time::Instant::now() + super::WAIT;
    loop {
        if get(client, username, key).await.as_deref() == Some(expected) {
            return;
        }
        assert!(
            std::time::Instant::now() < deadline,
            "IndexedDB {key} never became {expected:?}"
        );
        tokio::time::sleep(std::time::Duration::from_millis(50)).await;
    }
}

/// Sets the site's storage quota (DevTools), as a full device would have.
pub async fn set_quota(client: &Client, origin: &str, bytes: Option<u64>) {
    let params = match bytes {
        Some(b) => json!({ "origin": origin, "quotaSize": b }),
        None => json!({ "origin": origin }),
    };
    client
        .issue_cmd(Cdp("Storage.overrideQuotaForOrigin", params))
        .await
        .expect("quota override");
}

/// The site's storage use and quota as the page sees them.
pub async fn estimate(client: &Client) -> (f64, f64) {
    let value = client
        .execute_async(
            "const done = arguments[0]; navigator.storage.estimate().then((e) => done([e.usage, e.quota]));",
            vec![],
        )
        .await
        .expect("estimate");
    (
        value[0].as_f64().unwrap_or_default(),
        value[1].as_f64().unwrap_or_default(),
    )
}
