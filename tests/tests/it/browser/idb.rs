//! Reading and writing a person's IndexedDB database from a test, and
//! making its writes fail.
use fantoccini::Client;
use serde_json::{Value, json};

use super::demo_user;

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

/// Whether any value in the person's `kv` store contains `text` (false
/// if the person has no database on this browser).
pub async fn holds(client: &Client, username: &str, text: &str) -> bool {
    let value = run(
        client,
        username,
        json!(text),
        "const g = db.transaction('kv').objectStore('kv').getAll(); \
         g.onerror = () => finish(false); \
         g.onsuccess = () => finish(g.result.some((v) => \
           (typeof v === 'string' ? v : new TextDecoder().decode(v)).includes(arg)));",
    )
    .await;
    value == json!(true)
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

/// Makes this page's IndexedDB writes fail as on a full disk (every
/// `put` throws `QuotaExceededError`), or lets them through again.
/// (DevTools' quota override was tried: Chromium applies it to writes only
/// now and then, and never to `navigator.storage.estimate()`.)
pub async fn refuse_writes(client: &Client, refuse: bool) {
    let script = "const refuse = arguments[0]; const p = IDBObjectStore.prototype; \
        if (!window.__put) window.__put = p.put; \
        p.put = refuse ? function () { throw new DOMException('full', 'QuotaExceededError'); } : window.__put; \
        return true;";
    let done = client
        .execute(script, vec![json!(refuse)])
        .await
        .expect("patch IndexedDB");
    assert_eq!(done, json!(true));
}

/// Makes the person's database as no build of the app would (its `kv`
/// store with in-line keys): the app opens it, but every write to it
/// fails, as a move into a full or broken store would.
pub async fn make_unwritable(client: &Client, username: &str) {
    let done = client
        .execute_async(
            "const [name, done] = arguments; const r = indexedDB.open(name, 1); \
             r.onupgradeneeded = () => { r.result.createObjectStore('kv', { keyPath: 'k' }); \
               r.result.createObjectStore('photos'); }; \
             r.onsuccess = () => { r.result.close(); done(true); }; r.onerror = () => done(false);",
            vec![json!(db_name(username))],
        )
        .await
        .expect("make the database");
    assert_eq!(done, json!(true));
}

/// Deletes the person's database (once a page of the app that has it
/// open has closed it: the app closes it when asked).
pub async fn delete(client: &Client, username: &str) {
    let done = client
        .execute_async(
            "const [name, done] = arguments; const r = indexedDB.deleteDatabase(name); \
             r.onsuccess = () => done(true); r.onerror = () => done(false);",
            vec![json!(db_name(username))],
        )
        .await
        .expect("delete the database");
    assert_eq!(done, json!(true));
}
