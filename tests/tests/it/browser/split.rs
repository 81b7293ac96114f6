//! Screens as wasm modules of their own (app/src/pages/lazy.rs,
//! docs/build.md): the first screen needs the shell alone; the officer's
//! phone downloads its own screens past home (kept by the service worker
//! from its install on) and none of the other roles'; a role's screens open
//! offline after one sign-in with a network.
use serde_json::{Value, json};

use super::journey::{click, sign_in_as};
use super::*;

/// The split screens' files in the built app (`split_<name>-<hash>.wasm`)
/// and the modules they share (`chunk_<n>-<hash>.wasm`).
fn chunk_files() -> Vec<String> {
    let assets = built_dist().join("assets");
    let mut names: Vec<String> = std::fs::read_dir(&assets)
        .expect("dist/assets")
        .filter_map(|e| e.ok()?.file_name().into_string().ok())
        .filter(|n| (n.starts_with("split_") || n.starts_with("chunk_")) && n.ends_with(".wasm"))
        .collect();
    names.sort();
    names
}

/// What the page fetched: path and bytes as sent (brotli), in load order.
async fn fetched(client: &Client) -> Vec<(String, u64)> {
    let entries = eval(
        client,
        "const nav = performance.getEntriesByType('navigation').map((e) => [new URL(e.name).pathname, e.encodedBodySize]); \
         return nav.concat(performance.getEntriesByType('resource') \
           .map((e) => [new URL(e.name).pathname, e.encodedBodySize]));",
    )
    .await;
    serde_json::from_value(entries).expect("resource entries")
}

/// The paths in the service worker's cache.
async fn cached(client: &Client) -> Vec<String> {
    eval(client, "window.__keys = undefined; return true;").await;
    until(
        client,
        "cache listed",
        "if (window.__keys === undefined) { window.__keys = null; caches.keys().then(async (keys) => { \
           const all = []; for (const k of keys) { for (const r of await (await caches.open(k)).keys()) all.push(new URL(r.url).pathname); } \
           window.__keys = all; }); } return Array.isArray(window.__keys);",
    )
    .await;
    let keys = eval(client, "return window.__keys;").await;
    serde_json::from_value(keys).expect("cache keys")
}

/// Whether the page shows no "this screen is not on the device" notice.
async fn no_screen_unloaded(client: &Client) -> bool {
    eval(
        client,
        "return !document.getElementById('screen-not-loaded');",
    )
    .await
        == json!(true)
}

fn is_chunk(path: &str) -> bool {
    path.starts_with("/assets/split_") || path.starts_with("/assets/chunk_")
}

/// The files of one split point as the built service worker lists them
/// (`SPLITS`: its own module and the shared modules it needs).
fn split_files(name: &str) -> Vec<String> {
    let sw = std::fs::read_to_string(built_dist().join("sw.js")).expect("sw.js");
    let line = sw
        .lines()
        .find_map(|l| l.strip_prefix("const SPLITS = "))
        .expect("SPLITS in sw.js");
    let splits: Value =
        serde_json::from_str(line.trim_end_matches(';').replace('\'', "\"").as_str())
            .expect("SPLITS reads as JSON");
    serde_json::from_value(splits[name].clone()).expect("the split point's files")
}

#[tokio::test(flavor = "multi_thread", worker_threads = 2)]
async fn the_officers_first_screen_needs_the_shell_alone_and_no_other_roles_chunk() {
    let files = chunk_files();
    for screen in [
        "dvk_forms",
        "dvk_review",
        "dvk_dashboard",
        "dvk_city",
        "dvk_admin",
        "dvk_documents",
    ] {
        assert!(
            files
                .iter()
                .any(|f| f.starts_with(&format!("split_{screen}-"))),
            "the build has a chunk for {screen}: {files:?}"
        );
    }
    let forms = split_files("dvk_forms");
    assert!(forms.len() > 1, "forms: {forms:?}");
    let (_slot, server, _driver, client) = open_app(PHONE).await;
    // The first load is the sign-in screen from the network (signing in
    // reloads the page, then from the service worker's cache).
    element(&client, Locator::Id("username"), "sign-in form").await;
    let first = fetched(&client).await;
    let app_bytes: u64 = first
        .iter()
        .filter(|(p, _)| !p.starts_with("/api/"))
        .map(|(_, b)| b)
        .sum();
    let sizes: Value = serde_json::from_str(
        &std::fs::read_to_string(built_dist().join("sizes.json")).expect("sizes.json"),
    )
    .expect("sizes");
    println!(
        "officer's first load: {app_bytes} B over the wire ({} B shell in sizes.json), {} files: {first:?}",
        sizes["shell_total_brotli"],
        first.len()
    );
    // The shell as built (page, JS, loader, main wasm, CSS), plus the boot
    // script, manifest and icons: no split module at all.
    let shell = sizes["shell_total_brotli"].as_u64().expect("shell size");
    assert!(
        app_bytes <= shell + 16 * 1024,
        "the officer's first load is {app_bytes} B, the shell {shell} B"
    );
    assert!(
        !first.iter().any(|(p, _)| is_chunk(p)),
        "the sign-in form needs no split module: {first:?}"
    );

    sign_in(&client, "canbo.ubnd").await;
    until_synced(&client).await;
    until_offline_ready(&client).await;
    // The officer's own screens: "continue last year's model" and home.
    eval(&client, "location.hash = '#/tiep-tuc'; return true;").await;
    text_of(&client, "main h2").await;
    eval(&client, "location.hash = '#/'; return true;").await;
    until_home(&client).await;

    // No file reached the server twice: the worker's install takes the
    // content-hashed files the page has just downloaded from the HTTP cache.
    let mut assets = server.gets("/assets/");
    assets.sort();
    let twice: Vec<&String> = assets
        .windows(2)
        .filter(|w| w[0] == w[1])
        .map(|w| &w[0])
        .collect();
    assert!(twice.is_empty(), "downloaded twice: {twice:?}");
    assert!(
        forms.iter().all(|f| assets.contains(f)),
        "the officer's own screens were downloaded: {assets:?}"
    );

    // The officer's own screens past home, and nothing else.
    let loaded = [first, fetched(&client).await].concat();
    let chunks: Vec<&(String, u64)> = loaded.iter().filter(|(p, _)| is_chunk(p)).collect();
    assert!(
        chunks.iter().all(|(p, _)| forms.contains(p)),
        "the officer fetched {chunks:?}, of which only {forms:?} are theirs"
    );
    // As sent (brotli): the worker's answers report their decoded size.
    let brotli = |path: &str| {
        sizes["chunks"]
            .as_array()
            .into_iter()
            .flatten()
            .find(|c| c["file"].as_str().is_some_and(|f| path.ends_with(f)))
            .and_then(|c| c["brotli"].as_u64())
            .unwrap_or(0)
    };
    let own: u64 = forms.iter().map(|p| brotli(p)).sum();
    println!(
        "officer's own screens past home: {own} B brotli in {} files",
        forms.len()
    );
    let wasm: Vec<&(String, u64)> = loaded
        .iter()
        .filter(|(p, _)| p.ends_with(".wasm"))
        .collect();
    assert!(
        wasm.iter()
            .all(|(p, _)| p.starts_with("/assets/app_bg-") || forms.contains(p)),
        "the main module and the officer's own: {wasm:?}"
    );
    // The worker holds every file of the officer's own screens (fetched at
    // its install), and none of another role's.
    let in_cache: Vec<String> = cached(&client)
        .await
        .into_iter()
        .filter(|p| is_chunk(p))
        .collect();
    let mut held = in_cache.clone();
    held.sort();
    held.dedup();
    let mut wanted = forms.clone();
    wanted.sort();
    assert_eq!(held, wanted, "the worker's split files");

    // A role's screen opened offline before it was ever fetched: the app
    // says so (no abort), and the officer's own screens still work, after a
    // reload too (the modules from the worker's cache). The server stops
    // too: Chromium's offline emulation holds back the page's requests, not
    // the service worker's.
    server.stop().await;
    set_offline(&client, true).await;
    eval(&client, "location.hash = '#/tong-quan'; return true;").await;
    text_of(&client, "#screen-not-loaded").await;
    eval(&client, "location.hash = '#/'; return true;").await;
    until_home(&client).await;
    client.refresh().await.expect("offline reload");
    until_home(&client).await;
    eval(&client, "location.hash = '#/luu-tru'; return true;").await;
    text_of(&client, "main h2").await;
    assert!(
        no_screen_unloaded(&client).await,
        "the storage screen loaded offline"
    );
    client.close().await.expect("close");
}

#[tokio::test(flavor = "multi_thread", worker_threads = 2)]
async fn the_admins_screens_open_offline_after_one_online_visit() {
    let (_slot, server, _driver, client) = open_app(PHONE).await;
    sign_in_as(&client, "quantri").await;
    until_synced(&client).await;
    click(&client, "open-admin").await;
    text_of(&client, "#add-unit").await;
    let loaded = fetched(&client).await;
    assert!(
        loaded
            .iter()
            .any(|(p, _)| p.starts_with("/assets/split_dvk_admin-")),
        "the admin's chunk was fetched: {loaded:?}"
    );
    until_offline_ready(&client).await;

    // Server stopped and the browser offline (the emulation alone would let
    // the service worker reach the server).
    server.stop().await;
    set_offline(&client, true).await;
    client.refresh().await.expect("offline reload");
    text_of(&client, "#add-unit").await;
    assert_eq!(
        eval(&client, "return location.hash;").await,
        json!("#/quan-tri/don-vi")
    );
    // Also the dashboard, which the admin's sign-in fetched ahead.
    eval(&client, "location.hash = '#/tong-quan'; return true;").await;
    text_of(&client, "#dashboard-headline").await;
    assert!(no_screen_unloaded(&client).await, "every screen loaded");
    client.close().await.expect("close");
}

#[tokio::test(flavor = "multi_thread", worker_threads = 2)]
async fn a_new_build_keeps_the_split_screens_this_device_had() {
    let _slot = ONE_BROWSER.acquire().await.expect("browser slot");
    // Serve a copy of the build, so the test can publish a "new version".
    let copy = tempfile::tempdir().expect("tempdir");
    copy_dir(&built_dist(), copy.path());
    let server = TestServer::start(demo_server_settings(copy.path())).await;
    let driver = start_driver().await;
    let client = phone(&driver).await;
    client.goto(&server.url("/")).await.expect("goto");
    sign_in_as(&client, "quantri").await;
    until_synced(&client).await;
    click(&client, "open-admin").await;
    text_of(&client, "#add-unit").await;
    until_offline_ready(&client).await;
    let admin = |paths: Vec<String>| {
        paths
            .into_iter()
            .any(|p| p.starts_with("/assets/split_dvk_admin-"))
    };
    assert!(admin(cached(&client).await), "the admin's module is kept");

    // A new build: a new service worker version whose shared modules are
    // numbered differently (as any change to the code may do). Its install
    // fetches again every file of the screens the old cache held, before
    // the old cache goes.
    let assets = copy.path().join("assets");
    for entry in std::fs::read_dir(&assets).expect("assets") {
        let name = entry
            .expect("entry")
            .file_name()
            .into_string()
            .expect("name");
        if name.starts_with("chunk_") {
            std::fs::rename(assets.join(&name), assets.join(renumbered(&name))).expect("rename");
        }
    }
    let loader = std::fs::read_dir(&assets)
        .expect("assets")
        .filter_map(|e| e.ok()?.file_name().into_string().ok())
        .find(|n| n.starts_with("split-") && n.ends_with(".js"))
        .expect("the loader");
    let sw = copy.path().join("sw.js");
    let text = std::fs::read_to_string(&sw).expect("sw.js");
    let version_line = text
        .lines()
        .find(|l| l.starts_with("const VERSION"))
        .expect("VERSION line")
        .to_owned();
    let next = text.replace(&version_line, "const VERSION = 'next-build';");
    assert_ne!(renumbered(&next), next, "sw.js names shared modules");
    for (file, text) in [
        (sw, next),
        (
            assets.join(&loader),
            std::fs::read_to_string(assets.join(&loader)).expect("loader"),
        ),
    ] {
        std::fs::write(&file, renumbered(&text)).expect("write");
        for compressed in ["br", "gz"] {
            let _ = std::fs::remove_file(file.with_extension(format!("js.{compressed}")));
        }
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
    let now = cached(&client).await;
    assert!(admin(now.clone()), "the new cache has it too");
    // And everyone's own screens, fetched by every install.
    assert!(
        now.iter()
            .any(|p| p.starts_with("/assets/split_dvk_forms-")),
        "the new cache has the officer's screens: {now:?}"
    );
    let number = |p: &String| {
        let n = p.strip_prefix("/assets/chunk_")?.split('-').next()?;
        n.parse::<u32>().ok()
    };
    assert!(
        now.iter().any(|p| number(p) >= Some(100)),
        "and the shared modules it needs, as the new build numbers them: {now:?}"
    );

    // Offline with the server stopped, the admin's screen still opens.
    server.stop().await;
    set_offline(&client, true).await;
    client.refresh().await.expect("offline reload");
    text_of(&client, "#add-unit").await;
    client.close().await.expect("close");
}

/// `text` with every shared module's number moved up by 100
/// (`chunk_7-1a2b.wasm` → `chunk_107-1a2b.wasm`).
fn renumbered(text: &str) -> String {
    let mut out = String::new();
    let mut rest = text;
    while let Some(at) = rest.find("chunk_") {
        let (before, after) = rest.split_at(at + "chunk_".len());
        out.push_str(before);
        let digits = after.bytes().take_while(u8::is_ascii_digit).count();
        match after[digits..].starts_with('-') {
            true if digits > 0 => {
                let n: u32 = after[..digits].parse().expect("a number");
                out.push_str(&(n + 100).to_string());
                rest = &after[digits..];
            }
            _ => rest = after,
        }
    }
    out.push_str(rest);
    out
}
