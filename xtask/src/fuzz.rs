//! `cargo xtask fuzz` (and the last step of `cargo xtask test`): the live
//! API fuzzed from its own OpenAPI description by schemathesis (PyPI,
//! pinned, in a venv under the target dir). A real server binary with the
//! demo commune on 127.0.0.1; every endpoint, a few hundred cases each,
//! signed in as the demo accounts. Passes when no answer is a 5xx, every
//! answer matches the description (status, JSON content type, schema: so
//! every error is `{"code","message"}`), and the demo data (records and
//! accounts) is intact after every run but the admin's account edits,
//! which run last since editing the demo accounts is what they are for.
use std::io::{Read, Write};
use std::net::{SocketAddr, TcpListener, TcpStream};
use std::path::{Path, PathBuf};
use std::process::{Child, Command, Stdio};
use std::time::{Duration, Instant};

use serde_json::{Value, json};

use crate::{Result, run_cmd, target_dir};

/// The schemathesis release the CI pins.
pub const SCHEMATHESIS: &str = "4.32.5";
/// Cases per endpoint and signed-in account.
const CASES: &str = "200";
/// Checks run on every answer.
const CHECKS: &str = "not_a_server_error,status_code_conformance,content_type_conformance,response_schema_conformance";
/// The demo accounts the fuzzer signs in as (the demo's one password).
const ACCOUNTS: &[&str] = &["quantri", "canbo.ubnd", "bxdd.lan"];
const DEMO_PASSWORD: &str = "dvk-demo-2025";

/// A venv with the pinned schemathesis; returns its executable.
pub fn ensure_schemathesis(root: &Path) -> Result<PathBuf> {
    let venv = target_dir(root).join(format!("tools/schemathesis-{SCHEMATHESIS}"));
    let exe = venv.join("bin/schemathesis");
    if exe.exists() {
        return Ok(exe);
    }
    run_cmd(Command::new("python3").arg("-m").arg("venv").arg(&venv))?;
    run_cmd(
        Command::new(venv.join("bin/pip"))
            .args(["install", "--quiet", "--disable-pip-version-check"])
            .arg(format!("schemathesis=={SCHEMATHESIS}")),
    )?;
    Ok(exe)
}

/// The server binary with the demo on a free loopback port, stopped on drop.
struct Server {
    child: Child,
    addr: SocketAddr,
}

impl Drop for Server {
    fn drop(&mut self) {
        let _ = self.child.kill();
        let _ = self.child.wait();
    }
}

fn start_server(binary: &Path, dist: &Path) -> Result<Server> {
    let addr = TcpListener::bind("127.0.0.1:0")
        .and_then(|l| l.local_addr())
        .map_err(|e| format!("no free port: {e}"))?;
    let child = Command::new(binary)
        .env("DVK_LISTEN", addr.to_string())
        .env("DVK_DEMO", "true")
        .env("DVK_STORE", "mem://")
        .env("DVK_DIST", dist)
        .env("RUST_LOG", "warn")
        // The fuzzer is about shapes of input, not request budgets (their
        // own tests are in tests/it/security): thousands of cases a minute
        // from one address and four accounts would only meet 429s.
        .env("DVK_BUDGET_ACCOUNT_PER_MINUTE", "10000000")
        .env("DVK_BUDGET_ADDRESS_PER_MINUTE", "10000000")
        .stdout(Stdio::null())
        .spawn()
        .map_err(|e| format!("cannot start {}: {e}", binary.display()))?;
    let server = Server { child, addr };
    let deadline = Instant::now() + Duration::from_secs(60);
    while Instant::now() < deadline {
        if let Ok((200, _)) = call(addr, "GET", "/api/health", None, None) {
            return Ok(server);
        }
        std::thread::sleep(Duration::from_millis(200));
    }
    Err("the server did not answer /api/health within 60 s".into())
}

/// One HTTP/1.1 request on a fresh connection: (status, JSON body).
fn call(
    addr: SocketAddr,
    method: &str,
    path: &str,
    token: Option<&str>,
    body: Option<&Value>,
) -> Result<(u16, Value)> {
    let mut stream =
        TcpStream::connect_timeout(&addr, Duration::from_secs(5)).map_err(|e| e.to_string())?;
    stream
        .set_read_timeout(Some(Duration::from_secs(60)))
        .map_err(|e| e.to_string())?;
    let body = body.map(Value::to_string).unwrap_or_default();
    let auth = token
        .map(|t| format!("Authorization: Bearer {t}\r\n"))
        .unwrap_or_default();
    let request = format!(
        "{method} {path} HTTP/1.1\r\nHost: {addr}\r\nConnection: close\r\n{auth}Content-Type: application/json\r\nContent-Length: {}\r\n\r\n{body}",
        body.len()
    );
    stream
        .write_all(request.as_bytes())
        .map_err(|e| e.to_string())?;
    let mut answer = Vec::new();
    stream.read_to_end(&mut answer).map_err(|e| e.to_string())?;
    let text = String::from_utf8_lossy(&answer);
    let (head, body) = text.split_once("\r\n\r\n").unwrap_or((&text, ""));
    let status = head
        .split_whitespace()
        .nth(1)
        .and_then(|s| s.parse().ok())
        .ok_or_else(|| format!("no status in the answer to {method} {path}"))?;
    if head
        .to_ascii_lowercase()
        .contains("transfer-encoding: chunked")
    {
        return Err(format!("{method} {path}: chunked answer not expected"));
    }
    Ok((status, serde_json::from_str(body).unwrap_or(Value::Null)))
}

fn login(addr: SocketAddr, username: &str) -> Result<String> {
    let body = json!({ "username": username, "password": DEMO_PASSWORD });
    match call(addr, "POST", "/api/auth/login", None, Some(&body))? {
        (200, answer) => answer["token"]
            .as_str()
            .map(str::to_owned)
            .ok_or_else(|| format!("no token for {username}")),
        (status, answer) => Err(format!("sign-in as {username}: {status} {answer}")),
    }
}

/// The demo commune as the admin sees it: every record and every account.
fn snapshot(addr: SocketAddr, token: &str) -> Result<(Vec<Value>, Vec<Value>)> {
    let mut records = Vec::new();
    let mut cursor = 0;
    loop {
        let path = format!("/api/sync/pull?since={cursor}&limit=1000");
        let (status, page) = call(addr, "GET", &path, Some(token), None)?;
        if status != 200 {
            return Err(format!("pull: {status} {page}"));
        }
        records.extend(page["records"].as_array().cloned().unwrap_or_default());
        cursor = page["cursor"].as_u64().unwrap_or(cursor);
        if page["more"] != Value::Bool(true) {
            break;
        }
    }
    let (status, users) = call(addr, "GET", "/api/admin/users", Some(token), None)?;
    if status != 200 {
        return Err(format!("users: {status} {users}"));
    }
    Ok((records, users.as_array().cloned().unwrap_or_default()))
}

/// Which endpoints one fuzzer run covers.
#[derive(Clone, Copy)]
enum Part {
    /// Everything but signing out and the admin's account edits.
    Main,
    /// The admin's edits of existing accounts: the fuzzer reuses ids it
    /// read from answers, so as the admin it really edits, locks and
    /// resets the demo accounts (as an admin may). Run after the check.
    AccountEdits,
    /// Signing out (it ends the session the run uses).
    Logout,
}

/// Ending an account's sessions is one of them: it would end the very
/// sessions the check after the main run signs in with.
const ACCOUNT_EDITS: &[&str] = &[
    "/api/admin/users/{id}",
    "/api/admin/users/{id}/password",
    "/api/admin/users/{id}/sessions",
];

fn schemathesis(exe: &Path, addr: SocketAddr, token: Option<&str>, part: Part) -> Result<()> {
    let mut cmd = Command::new(exe);
    // Its cache goes beside the venv, not into the checkout.
    if let Some(venv) = exe.parent().and_then(Path::parent) {
        cmd.current_dir(venv);
    }
    cmd.arg("run")
        .arg(format!("http://{addr}/api/openapi.json"))
        .args(["--checks", CHECKS, "--max-examples", CASES, "--seed", "11"])
        // One worker: with two threads, hypothesis's lambda-source parsing
        // hit CPython 3.11's "AST constructor recursion depth mismatch"
        // (a SystemError inside the tool, not an answer of ours).
        .args(["--workers", "1", "--no-color", "--warnings", "off"])
        .args(["--request-timeout", "30", "--suppress-health-check", "all"])
        .args(["--generation-database", "none"])
        // No stateful phase (chains of calls): single calls, many of them.
        .args(["--phases", "examples,coverage,fuzzing"]);
    if let Some(token) = token {
        cmd.args(["--header", &format!("Authorization: Bearer {token}")]);
    }
    match part {
        Part::Main => {
            cmd.args(["--exclude-path", "/api/auth/logout"]);
            for path in ACCOUNT_EDITS {
                cmd.args(["--exclude-path", path]);
            }
        }
        Part::AccountEdits => {
            for path in ACCOUNT_EDITS {
                cmd.args(["--include-path", path]);
            }
        }
        Part::Logout => {
            cmd.args(["--include-path", "/api/auth/logout"]);
        }
    }
    run_cmd(&mut cmd)
}

/// Runs the fuzzer against a fresh demo server built from this checkout.
pub fn run(root: &Path, dist: &Path) -> Result<()> {
    let exe = ensure_schemathesis(root)?;
    let server = start_server(&target_dir(root).join("debug/server"), dist)?;
    let addr = server.addr;
    // Every session first: the fuzzer's failed sign-ins soon rate-limit
    // this address (as they should).
    let admin = login(addr, "quantri")?;
    let tokens = ACCOUNTS
        .iter()
        .map(|account| login(addr, account))
        .collect::<Result<Vec<_>>>()?;
    let throwaway = login(addr, "canbo.yte")?;
    let before = snapshot(addr, &admin)?;
    schemathesis(&exe, addr, None, Part::Main)?;
    for token in &tokens {
        schemathesis(&exe, addr, Some(token), Part::Main)?;
    }
    let (records, users) = snapshot(addr, &admin)?;
    let (records_before, users_before) = before;
    for record in &records_before {
        if !records.contains(record) {
            return Err(format!("demo record changed or gone: {record}"));
        }
    }
    if records.len() != records_before.len() {
        return Err(format!(
            "the fuzzer added records: {} → {}",
            records_before.len(),
            records.len()
        ));
    }
    for user in &users_before {
        if !users.contains(user) {
            return Err(format!("demo account changed or gone: {user}"));
        }
    }
    for token in &tokens {
        schemathesis(&exe, addr, Some(token), Part::AccountEdits)?;
    }
    schemathesis(&exe, addr, Some(&throwaway), Part::Logout)?;
    eprintln!(
        "xtask: fuzzing passed: no 5xx, every answer as described, {} demo records and {} accounts intact",
        records.len(),
        users_before.len()
    );
    Ok(())
}
