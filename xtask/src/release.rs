//! `cargo xtask release`: one self-contained server binary with the built
//! app inside it (already compressed), a sample `dvk.toml` and a systemd
//! unit, in `release/`. The app and the server carry the same version
//! ("0.1.0+<commit>"), shown by `/api/health` and on the app's storage screen.
//! Then a smoke check: the binary starts from an empty directory, serves the
//! app and reports its version.
use std::io::{BufRead, BufReader};
use std::path::Path;
use std::process::{Command, Stdio};

use crate::{Result, cargo, dist, run_cmd, target_dir, tools};

pub fn release(root: &Path) -> Result<()> {
    tools::install(root, false)?;
    let version = version(root)?;
    let dist = dist::build_as(root, Some(&version))?;
    run_cmd(
        cargo()
            .current_dir(root)
            .args([
                "build",
                "--release",
                "--package",
                "server",
                "--features",
                "embed",
            ])
            .env("DVK_EMBED_DIST", &dist.dir)
            .env("DVK_BUILD_VERSION", &version),
    )?;
    let out = root.join("release");
    std::fs::create_dir_all(&out).map_err(|e| format!("cannot create release/: {e}"))?;
    let binary = out.join("dvk-server");
    copy(&target_dir(root).join("release/server"), &binary)?;
    copy(&root.join("deploy/dvk.toml"), &out.join("dvk.toml"))?;
    copy(&root.join("deploy/dvk.service"), &out.join("dvk.service"))?;
    smoke(&binary, &version)?;
    let size = std::fs::metadata(&binary).map_or(0, |m| m.len());
    eprintln!(
        "xtask: release {version} in {}: dvk-server {:.1} MB (app inside), dvk.toml, dvk.service",
        out.display(),
        size as f64 / 1_048_576.0
    );
    Ok(())
}

/// "0.1.0+3f9c2ab" (and "-dirty" when the work tree has changes).
fn version(root: &Path) -> Result<String> {
    let git = |args: &[&str]| -> Result<String> {
        let out = Command::new("git")
            .current_dir(root)
            .args(args)
            .output()
            .map_err(|e| format!("cannot run git: {e}"))?;
        Ok(String::from_utf8_lossy(&out.stdout).trim().to_owned())
    };
    let commit = git(&["rev-parse", "--short=7", "HEAD"])?;
    let dirty = if git(&["status", "--porcelain"])?.is_empty() {
        ""
    } else {
        "-dirty"
    };
    Ok(format!(
        "{}+{}{dirty}",
        env!("CARGO_PKG_VERSION"),
        if commit.is_empty() {
            "unknown"
        } else {
            &commit
        }
    ))
}

fn copy(from: &Path, to: &Path) -> Result<()> {
    std::fs::copy(from, to)
        .map(|_| ())
        .map_err(|e| format!("cannot copy {} to {}: {e}", from.display(), to.display()))
}

/// Starts the binary from an empty directory on a free loopback port with
/// an in-memory store, and checks the app and the version it serves.
fn smoke(binary: &Path, version: &str) -> Result<()> {
    let empty = std::env::temp_dir().join(format!("dvk-release-smoke-{}", std::process::id()));
    std::fs::create_dir_all(&empty).map_err(|e| e.to_string())?;
    // An empty directory and environment: nothing but the binary.
    let mut child = Command::new(binary)
        .current_dir(&empty)
        .env_clear()
        .env("DVK_STORE", "mem://")
        .env("DVK_LISTEN", "127.0.0.1:0")
        .stdout(Stdio::piped())
        .stderr(Stdio::null())
        .spawn()
        .map_err(|e| format!("cannot start {}: {e}", binary.display()))?;
    let result = (|| {
        let stdout = child.stdout.take().ok_or("no stdout")?;
        let mut line = String::new();
        BufReader::new(stdout)
            .read_line(&mut line)
            .map_err(|e| e.to_string())?;
        let url = line
            .split_whitespace()
            .last()
            .ok_or_else(|| format!("no address printed: {line:?}"))?
            .to_owned();
        let health = curl(&format!("{url}/api/health"))?;
        if !health.contains(&format!("\"version\":\"{version}\"")) {
            return Err(format!("health does not report {version}: {health}"));
        }
        let page = curl(&format!("{url}/mo-hinh/abc"))?;
        if !page.contains("<html") {
            return Err("the app's shell is not served".into());
        }
        eprintln!("xtask: smoke check passed at {url}");
        Ok(())
    })();
    let _stopped = child.kill();
    let _reaped = child.wait();
    let _removed = std::fs::remove_dir_all(&empty);
    result
}

fn curl(url: &str) -> Result<String> {
    let out = Command::new("curl")
        .args(["-sf", "--compressed", url])
        .output()
        .map_err(|e| format!("cannot run curl: {e}"))?;
    if !out.status.success() {
        return Err(format!("GET {url} failed"));
    }
    Ok(String::from_utf8_lossy(&out.stdout).into_owned())
}
