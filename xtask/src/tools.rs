//! Installs what the build and the tests need, each from a registry this
//! machine reaches, at a pinned version: the wasm32 target (rustup),
//! wasm-bindgen-cli at exactly Cargo.lock's version (crates.io), wasm-opt
//! from npm's binaryen (Debian's breaks the module), Chromium and
//! ChromeDriver from Debian, and LibreOffice (writer and calc, no GUI),
//! poppler-utils and the Liberation fonts from Debian for rendering the
//! documents. Anything already present is left alone.
use std::path::{Path, PathBuf};
use std::process::Command;

use crate::{Result, run_cmd};

pub const CHROMIUM: &str = "/usr/bin/chromium";
pub const CHROMEDRIVER: &str = "/usr/bin/chromedriver";

pub fn install(root: &Path, browser: bool) -> Result<()> {
    ensure_wasm_target()?;
    ensure_wasm_bindgen(root)?;
    wasm_opt(root)?;
    if browser {
        ensure_chromium()?;
        ensure_office()?;
    }
    Ok(())
}

/// What the documents' render tests convert and read PDFs with; the
/// Liberation fonts are the Times-compatible ones a document must embed.
fn ensure_office() -> Result<()> {
    let wanted = [
        ("/usr/bin/soffice", "libreoffice-writer-nogui"),
        (
            "/usr/lib/libreoffice/program/libsclo.so",
            "libreoffice-calc-nogui",
        ),
        ("/usr/bin/pdftoppm", "poppler-utils"),
        (
            "/usr/share/fonts/truetype/liberation2/LiberationSerif-Regular.ttf",
            "fonts-liberation2",
        ),
    ];
    let missing: Vec<&str> = wanted
        .iter()
        .filter(|(path, _)| !Path::new(path).exists())
        .map(|(_, package)| *package)
        .collect();
    if missing.is_empty() {
        return Ok(());
    }
    install_debian(&missing)
}

pub fn ensure_wasm_target() -> Result<()> {
    let out = Command::new("rustup")
        .args(["target", "list", "--installed"])
        .output()
        .map_err(|e| format!("rustup not found ({e}); install Rust with rustup first"))?;
    if String::from_utf8_lossy(&out.stdout).contains("wasm32-unknown-unknown") {
        return Ok(());
    }
    run_cmd(Command::new("rustup").args(["target", "add", "wasm32-unknown-unknown"]))
}

/// The wasm-bindgen version Cargo.lock pins; the CLI must match it exactly.
pub fn locked_wasm_bindgen(root: &Path) -> Result<String> {
    let lock = std::fs::read_to_string(root.join("Cargo.lock"))
        .map_err(|e| format!("cannot read Cargo.lock: {e}"))?;
    let mut lines = lock.lines();
    while let Some(line) = lines.next() {
        if line.trim() == "name = \"wasm-bindgen\""
            && let Some(version) = lines
                .next()
                .and_then(|l| l.trim().strip_prefix("version = "))
        {
            return Ok(version.trim_matches('"').to_owned());
        }
    }
    Err("wasm-bindgen is not in Cargo.lock".into())
}

fn ensure_wasm_bindgen(root: &Path) -> Result<()> {
    let want = locked_wasm_bindgen(root)?;
    let have = Command::new("wasm-bindgen")
        .arg("--version")
        .output()
        .ok()
        .map(|o| String::from_utf8_lossy(&o.stdout).trim().to_owned());
    let runner = Command::new("wasm-bindgen-test-runner")
        .arg("--version")
        .output()
        .is_ok();
    if have.as_deref() == Some(&format!("wasm-bindgen {want}")) && runner {
        return Ok(());
    }
    // Not --locked: its lockfile wants a crate version this registry lacks.
    run_cmd(Command::new("cargo").args([
        "install",
        "wasm-bindgen-cli",
        "--version",
        &format!("={want}"),
        "--no-default-features",
        "--force",
    ]))
}

/// Path of npm binaryen's wasm-opt, installed under tools/ on first use.
pub fn wasm_opt(root: &Path) -> Result<PathBuf> {
    let tools = root.join("tools");
    let bin = tools.join("node_modules/.bin/wasm-opt");
    if bin.exists() {
        return Ok(bin);
    }
    if Command::new("npm").arg("--version").output().is_err() {
        install_debian(&["nodejs", "npm"])?;
    }
    run_cmd(
        Command::new("npm")
            .current_dir(&tools)
            .args(["ci", "--no-audit", "--no-fund"]),
    )?;
    if bin.exists() {
        Ok(bin)
    } else {
        Err(format!("npm did not install {}", bin.display()))
    }
}

/// The SurrealDB server for the scale-out tests (tools/surreal: the
/// registry's `surrealdb-server` at the version DVK uses, a workspace of its
/// own), built into `<target>/surreal` and kept there with the other build
/// outputs. The first build compiles SurrealDB's engine a second time.
pub fn surreal(root: &Path) -> Result<PathBuf> {
    surreal_built(root, false)
}

/// [`surreal`] in the release profile, for the load benchmarks (`cargo
/// xtask bench fleet`); its first build takes tens of minutes here.
pub fn surreal_release(root: &Path) -> Result<PathBuf> {
    surreal_built(root, true)
}

fn surreal_built(root: &Path, release: bool) -> Result<PathBuf> {
    let out = crate::target_dir(root).join("surreal");
    let binary = out
        .join(if release { "release" } else { "debug" })
        .join("surreal");
    // Cargo rebuilds the wrapper crate whenever the checkout's path
    // changes (every CI clone: 50 s of relinking a 140 MB binary), so a
    // binary built from the same sources by the same compiler is kept.
    let source = root.join("tools/surreal");
    let stamp = binary.with_extension("stamp");
    let key = surreal_key(&source, release)?;
    if binary.exists() && std::fs::read_to_string(&stamp).ok().as_deref() == Some(key.as_str()) {
        eprintln!("xtask: SurrealDB server up to date ({})", binary.display());
        return Ok(binary);
    }
    let mut build = crate::cargo();
    build
        .current_dir(&source)
        .args(["build", "--locked"])
        .env("CARGO_TARGET_DIR", &out);
    if release {
        build.arg("--release");
    }
    run_cmd(&mut build)?;
    crate::dist::write(&stamp, key.as_bytes())?;
    Ok(binary)
}

/// What the SurrealDB server's build depends on: the compiler, the
/// profile and tools/surreal's files, as one SHA-256.
fn surreal_key(source: &Path, release: bool) -> Result<String> {
    use sha2::{Digest, Sha256};
    let rustc = Command::new(std::env::var_os("RUSTC").unwrap_or_else(|| "rustc".into()))
        .arg("-vV")
        .output()
        .map_err(|e| format!("cannot run rustc -vV: {e}"))?;
    let mut hash = Sha256::new();
    hash.update(&rustc.stdout);
    hash.update([u8::from(release)]);
    let mut files = vec![source.join("Cargo.toml"), source.join("Cargo.lock")];
    files_under(&source.join("src"), &mut files)?;
    for path in files {
        let bytes = crate::dist::read(&path)?;
        let name = path.strip_prefix(source).unwrap_or(&path);
        hash.update(name.to_string_lossy().as_bytes());
        hash.update((bytes.len() as u64).to_le_bytes());
        hash.update(&bytes);
    }
    Ok(format!("{:x}\n", hash.finalize()))
}

/// Every file under `dir`, sorted.
fn files_under(dir: &Path, files: &mut Vec<PathBuf>) -> Result<()> {
    let mut entries: Vec<PathBuf> = std::fs::read_dir(dir)
        .map_err(|e| format!("cannot read {}: {e}", dir.display()))?
        .filter_map(|entry| entry.ok().map(|entry| entry.path()))
        .collect();
    entries.sort();
    for path in entries {
        if path.is_dir() {
            files_under(&path, files)?;
        } else {
            files.push(path);
        }
    }
    Ok(())
}

/// tools/peers with pouchdb-server and pouchdb-node installed from npm at
/// the versions its lock file pins (for `cargo xtask bench peers` only).
pub fn pouchdb(root: &Path) -> Result<PathBuf> {
    let peers = root.join("tools/peers");
    if peers.join("node_modules/.bin/pouchdb-server").exists()
        && peers.join("node_modules/pouchdb-node").exists()
    {
        return Ok(peers);
    }
    if Command::new("npm").arg("--version").output().is_err() {
        install_debian(&["nodejs", "npm"])?;
    }
    run_cmd(
        Command::new("npm")
            .current_dir(&peers)
            .args(["ci", "--no-audit", "--no-fund"]),
    )?;
    Ok(peers)
}

/// Chromium and ChromeDriver for the browser tests; openssl and curl for
/// the HTTPS test.
fn ensure_chromium() -> Result<()> {
    let wanted = [
        (CHROMIUM, "chromium"),
        (CHROMEDRIVER, "chromium-driver"),
        ("/usr/bin/openssl", "openssl"),
        ("/usr/bin/curl", "curl"),
    ];
    let missing: Vec<&str> = wanted
        .iter()
        .filter(|(path, _)| !Path::new(path).exists())
        .map(|(_, package)| *package)
        .collect();
    if missing.is_empty() {
        return Ok(());
    }
    install_debian(&missing)
}

fn install_debian(packages: &[&str]) -> Result<()> {
    let root_user = Command::new("id")
        .arg("-u")
        .output()
        .map(|o| String::from_utf8_lossy(&o.stdout).trim() == "0")
        .unwrap_or(false);
    let apt = |args: &[&str]| {
        let mut cmd = if root_user {
            Command::new("apt-get")
        } else {
            let mut sudo = Command::new("sudo");
            sudo.arg("apt-get");
            sudo
        };
        cmd.args(args).env("DEBIAN_FRONTEND", "noninteractive");
        cmd
    };
    run_cmd(&mut apt(&["update", "-q"]))?;
    let mut install = apt(&["install", "-y", "-q", "--no-install-recommends"]);
    install.args(packages);
    run_cmd(&mut install)
}
