//! `cargo xtask`: the project's build helper, so the README needs two commands.
//!
//! - `run`:  install what the build needs, build the app, start the server
//!   on the embedded store with the demo commune.
//! - `test`: install everything (wasm tools, Chromium), build the app, run
//!   every test: native, real-browser, and the shared crate in Chromium.
//! - `dist`: build the app into `dist/` only.
//! - `release`: one self-contained server binary (the app inside), a
//!   sample `dvk.toml` and a systemd unit in `release/`.
//! - `lint`: `cargo fmt --check` and clippy for native and wasm32.
//! - `surreal`: build (or find up to date) the SurrealDB server the
//!   scale-out test runs, and print its path for `DVK_SURREAL`.
//! - `bench`: sync throughput on `surrealkv://` (server/examples/bench.rs);
//!   `DVK_BENCH_RELEASE=1` builds it with the release profile.
//! - `fuzz`: the live API fuzzed from its OpenAPI description by
//!   schemathesis (also the last step of `test`).
//! - `bench devices`: many devices pushing at once (server/examples/devices.rs).
//! - `bench city`: the city summary of 114 communes and 200,000 records on
//!   the store (server/examples/city.rs).
//! - `bench load`: time to a usable screen in Chromium under a mobile
//!   profile, first visit and offline reload (tests/examples/load.rs).
//! - `bench device`: 3,000 models in a phone's IndexedDB: full pull,
//!   start-up, keystroke to "đã lưu" (tests/examples/device.rs).
//! - `bench slowlink`: first syncs and a day's push over the mobile
//!   profile's 1.6 Mbps / 150 ms (tests/examples/slowlink.rs).
//! - `bench dashboard`: a leader's phone opening the dashboard of 3,000
//!   models with progress and reports (tests/examples/dashboard.rs).
//! - `bench fleet`: a city's devices pushing and pulling at once against the
//!   release server, embedded and as two app servers on a SurrealDB server
//!   (server/examples/fleet.rs);
//! - `bench peers`: DVK's release server and PouchDB side by side, the same
//!   documents pushed and pulled in one run (server/examples/peers.rs).
mod dist;
mod fuzz;
mod icons;
mod release;
mod split;
mod tools;

use std::path::{Path, PathBuf};
use std::process::{Command, ExitCode};

fn main() -> ExitCode {
    let args: Vec<String> = std::env::args().skip(1).collect();
    let result = match args.first().map(String::as_str) {
        Some("dist") => dist::build(&root()).map(|_| ()),
        Some("run") => run(&args[1..]),
        Some("test") => test(),
        Some("lint") => lint(),
        Some("install") => tools::install(&root(), true),
        Some("surreal") => tools::surreal(&root()).map(|path| println!("{}", path.display())),
        Some("fuzz") => fuzz(),
        Some("release") => release::release(&root()),
        Some("bench") if args.get(1).map(String::as_str) == Some("load") => bench_browser("load"),
        Some("bench") if args.get(1).map(String::as_str) == Some("device") => {
            bench_browser("device")
        }
        Some("bench") if args.get(1).map(String::as_str) == Some("devices") => bench_devices(),
        Some("bench") if args.get(1).map(String::as_str) == Some("slowlink") => {
            bench_browser("slowlink")
        }
        Some("bench") if args.get(1).map(String::as_str) == Some("city") => bench_example("city"),
        Some("bench") if args.get(1).map(String::as_str) == Some("peers") => bench_peers(),
        Some("bench") if args.get(1).map(String::as_str) == Some("fleet") => bench_fleet(),
        Some("bench") if args.get(1).map(String::as_str) == Some("dashboard") => {
            bench_browser("dashboard")
        }
        Some("bench") => bench(),
        _ => {
            eprintln!(
                "usage: cargo xtask <run|test|dist|lint|install|surreal|fuzz|release|bench [load|device|devices|dashboard|city|slowlink|peers|fleet]>"
            );
            return ExitCode::from(2);
        }
    };
    match result {
        Ok(()) => ExitCode::SUCCESS,
        Err(error) => {
            eprintln!("xtask: {error}");
            ExitCode::FAILURE
        }
    }
}

pub type Result<T> = std::result::Result<T, String>;

/// Every native test of the workspace (the app is wasm-only).
const NATIVE_TESTS: &[&str] = &["test", "--workspace", "--exclude", "app", "--no-fail-fast"];

/// The workspace root (xtask lives one level below it). Read at run time
/// from what `cargo run` sets: the path baked in at compile time may be
/// another checkout's, since checkouts sharing a target dir share builds.
fn root() -> PathBuf {
    let manifest = std::env::var_os("CARGO_MANIFEST_DIR")
        .map(PathBuf::from)
        .unwrap_or_else(|| PathBuf::from(env!("CARGO_MANIFEST_DIR")));
    manifest.parent().map(Path::to_path_buf).unwrap_or(manifest)
}

/// Where cargo puts build output, honouring `CARGO_TARGET_DIR`.
pub fn target_dir(root: &Path) -> PathBuf {
    std::env::var_os("CARGO_TARGET_DIR")
        .map(PathBuf::from)
        .map(|p| if p.is_absolute() { p } else { root.join(p) })
        .unwrap_or_else(|| root.join("target"))
}

/// Runs a command to completion, failing with its name if it fails.
pub fn run_cmd(cmd: &mut Command) -> Result<()> {
    let shown = format!("{cmd:?}");
    eprintln!("xtask: $ {shown}");
    let status = cmd
        .status()
        .map_err(|e| format!("cannot start {shown}: {e}"))?;
    if status.success() {
        Ok(())
    } else {
        Err(format!("{shown} failed ({status})"))
    }
}

/// A cargo command without the variables `cargo run` set for xtask itself:
/// some build scripts (ring's) rerun when `CARGO_MANIFEST_DIR` changes, and
/// inheriting xtask's (which names the clone's path) would rebuild ring and
/// everything above it, SurrealDB included, in every fresh clone.
pub fn cargo() -> Command {
    let mut cmd = Command::new(std::env::var_os("CARGO").unwrap_or_else(|| "cargo".into()));
    for (key, _) in std::env::vars_os() {
        let name = key.to_string_lossy();
        if name.starts_with("CARGO_PKG_")
            || name.starts_with("CARGO_MANIFEST_")
            || matches!(
                name.as_ref(),
                "CARGO_CRATE_NAME" | "CARGO_BIN_NAME" | "CARGO_PRIMARY_PACKAGE"
            )
        {
            cmd.env_remove(&key);
        }
    }
    cmd
}

/// Tools (and Chromium if `browser`), the app, and the native binaries and
/// examples. Built exactly as `test` builds them, so dependencies (SurrealDB
/// above all) are compiled once for all: a plain `cargo build -p server`
/// unifies features differently and would compile them all again.
fn build_all(root: &Path, browser: bool) -> Result<()> {
    tools::install(root, browser)?;
    dist::build(root)?;
    run_cmd(cargo().current_dir(root).args(NATIVE_TESTS).arg("--no-run"))
}

fn run(extra: &[String]) -> Result<()> {
    let root = root();
    build_all(&root, false)?;
    let server = target_dir(&root).join("debug").join("server");
    let mut cmd = Command::new(&server);
    cmd.current_dir(&root)
        .args(extra)
        .env("DVK_DIST", root.join("dist"));
    for (key, value) in [("DVK_DEMO", "true"), ("DVK_STORE", "surrealkv://data")] {
        if std::env::var_os(key).is_none() {
            cmd.env(key, value);
        }
    }
    run_cmd(&mut cmd)
}

fn test() -> Result<()> {
    let root = root();
    tools::install(&root, true)?;
    let dist = dist::build(&root)?;
    let surreal = tools::surreal(&root)?;
    let artifacts = root.join("artifacts");
    std::fs::create_dir_all(&artifacts).map_err(|e| format!("cannot create artifacts/: {e}"))?;

    // Native: unit, store, API, simulation and real-browser tests.
    run_cmd(
        cargo()
            .current_dir(&root)
            .args(NATIVE_TESTS)
            .env("DVK_DIST", &dist.dir)
            .env("DVK_ARTIFACTS", &artifacts)
            .env("DVK_SURREAL", &surreal)
            .env("CHROMEDRIVER", tools::CHROMEDRIVER),
    )?;
    // The same shared rules, compiled to wasm32, in headless Chromium.
    run_cmd(
        cargo()
            .current_dir(root.join("shared"))
            .args([
                "test",
                "--package",
                "shared",
                "--target",
                "wasm32-unknown-unknown",
            ])
            .env(
                "CARGO_TARGET_WASM32_UNKNOWN_UNKNOWN_RUNNER",
                "wasm-bindgen-test-runner",
            )
            .env("CHROMEDRIVER", tools::CHROMEDRIVER)
            .env("WASM_BINDGEN_TEST_TIMEOUT", "120")
            // The runner gives ChromeDriver 5 s to listen by default; a
            // loaded 2-core machine was seen to need more ("driver failed
            // to bind port during startup").
            .env("WASM_BINDGEN_TEST_DRIVER_TIMEOUT", "60"),
    )?;
    // The live API, fuzzed from its OpenAPI description.
    fuzz::run(&root, &dist.dir)?;
    eprintln!(
        "xtask: all tests passed; screenshots in {}",
        artifacts.display()
    );
    Ok(())
}

/// The fuzzer alone, on a fresh build of the server.
fn fuzz() -> Result<()> {
    let root = root();
    build_all(&root, false)?;
    fuzz::run(&root, &root.join("dist"))
}

/// Many devices pushing at once against a release build on `surrealkv://`
/// (server/examples/devices.rs; `DVK_BENCH_DEV=1` for the dev profile).
fn bench_devices() -> Result<()> {
    bench_example("devices")
}

/// A server benchmark of `server/examples/` in the release build
/// (`DVK_BENCH_DEV=1`: the dev profile).
fn bench_example(example: &str) -> Result<()> {
    let root = root();
    let dev = std::env::var_os("DVK_BENCH_DEV").is_some();
    let mut build = cargo();
    build.current_dir(&root);
    let binary = if dev {
        build.args(NATIVE_TESTS).arg("--no-run");
        target_dir(&root).join("debug/examples").join(example)
    } else {
        build.args([
            "build",
            "--release",
            "--package",
            "server",
            "--example",
            example,
        ]);
        target_dir(&root).join("release/examples").join(example)
    };
    run_cmd(&mut build)?;
    run_cmd(&mut Command::new(binary))
}

/// Builds the release server and `example` (of server/examples) together;
/// the release folder holding both.
fn release_server_with(root: &Path, example: &str) -> Result<PathBuf> {
    run_cmd(cargo().current_dir(root).args([
        "build",
        "--release",
        "--package",
        "server",
        "--bin",
        "server",
        "--example",
        example,
    ]))?;
    Ok(target_dir(root).join("release"))
}

/// DVK against PouchDB (server/examples/peers.rs): PouchDB from npm at the
/// versions pinned in tools/peers, the server and the driver in release.
fn bench_peers() -> Result<()> {
    let root = root();
    let peers = tools::pouchdb(&root)?;
    let release = release_server_with(&root, "peers")?;
    run_cmd(
        Command::new(release.join("examples/peers"))
            .env("DVK_PEERS_SERVER", release.join("server"))
            .env("DVK_PEERS_DIR", &peers)
            .env("DVK_BENCH_OUT", target_dir(&root).join("bench")),
    )
}

/// A city's devices at once (server/examples/fleet.rs) against the release
/// server: one on `surrealkv://`, then two on a release SurrealDB server
/// over `ws://` (`DVK_FLEET_WS=0` skips these, and building SurrealDB's
/// server in release).
fn bench_fleet() -> Result<()> {
    let root = root();
    let release = release_server_with(&root, "fleet")?;
    let fleet = || {
        let mut command = Command::new(release.join("examples/fleet"));
        command.env("DVK_PEERS_SERVER", release.join("server"));
        command
    };
    run_cmd(&mut fleet())?;
    if std::env::var("DVK_FLEET_WS").is_ok_and(|v| v == "0") {
        return Ok(());
    }
    let surreal = tools::surreal_release(&root)?;
    run_cmd(fleet().env("DVK_BENCH_SURREAL", surreal))
}

/// The load benchmark in Chromium (tests/examples/load.rs), on a fresh build.
/// A browser benchmark of `tests/examples/` (`load`, `device`, `slowlink`,
/// `dashboard`).
fn bench_browser(example: &str) -> Result<()> {
    let root = root();
    build_all(&root, true)?;
    run_cmd(
        Command::new(target_dir(&root).join("debug/examples").join(example))
            .env("DVK_ROOT", &root)
            .env("DVK_DIST", root.join("dist")),
    )
}

fn bench() -> Result<()> {
    let root = root();
    let release = std::env::var_os("DVK_BENCH_RELEASE").is_some();
    let binary = if release {
        run_cmd(cargo().current_dir(&root).args([
            "build",
            "--release",
            "--package",
            "server",
            "--example",
            "bench",
        ]))?;
        target_dir(&root).join("release/examples/bench")
    } else {
        // The test build compiles the example with the test feature set, so
        // SurrealDB is not compiled a second time.
        run_cmd(
            cargo()
                .current_dir(&root)
                .args(NATIVE_TESTS)
                .arg("--no-run"),
        )?;
        target_dir(&root).join("debug/examples/bench")
    };
    eprintln!(
        "xtask: bench with the {} profile",
        if release {
            "release"
        } else {
            "dev (dependencies at opt-level 1)"
        }
    );
    run_cmd(&mut Command::new(binary))
}

fn lint() -> Result<()> {
    let root = root();
    tools::ensure_wasm_target()?;
    run_cmd(
        cargo()
            .current_dir(&root)
            .args(["fmt", "--all", "--", "--check"]),
    )?;
    run_cmd(cargo().current_dir(&root).args([
        "clippy",
        "--workspace",
        "--exclude",
        "app",
        "--all-targets",
        "--",
        "-D",
        "warnings",
    ]))?;
    run_cmd(cargo().current_dir(&root).args([
        "clippy",
        "--package",
        "app",
        "--package",
        "shared",
        "--target",
        "wasm32-unknown-unknown",
        "--all-targets",
        "--",
        "-D",
        "warnings",
    ]))
}
