//! The `server` binary itself: clear errors on bad settings, and a clean
//! start and stop on `mem://`.
use std::io::{BufRead, BufReader};
use std::process::{Command, Stdio};

/// The server binary with none of the caller's `DVK_*` settings (the test
/// runner sets some of its own, which the server would rightly refuse).
fn clean_command() -> Command {
    let mut cmd = Command::new(env!("CARGO_BIN_EXE_server"));
    for (key, _) in std::env::vars_os() {
        if key.to_string_lossy().starts_with("DVK_") {
            cmd.env_remove(key);
        }
    }
    cmd
}

fn server() -> Command {
    let mut cmd = clean_command();
    cmd.env_remove("DVK_CONFIG")
        .env("DVK_STORE", "mem://")
        .env("DVK_LISTEN", "127.0.0.1:0")
        .env("DVK_DIST", "/nonexistent-dist")
        .current_dir(std::env::temp_dir());
    cmd
}

#[test]
fn bad_settings_exit_2_with_a_message() {
    let out = server()
        .env("DVK_LISTEN", "not-an-address")
        .output()
        .expect("run server");
    assert_eq!(out.status.code(), Some(2));
    let stderr = String::from_utf8_lossy(&out.stderr);
    assert!(stderr.contains("invalid settings"), "{stderr}");
    assert!(!stderr.contains("panicked"), "{stderr}");

    let out = server()
        .env("DVK_CONFIG", "/nonexistent/dvk.toml")
        .output()
        .expect("run server");
    assert_eq!(out.status.code(), Some(2));
    assert!(String::from_utf8_lossy(&out.stderr).contains("does not exist"));
}

#[test]
fn bad_store_url_fails_cleanly() {
    let out = server()
        .env("DVK_STORE", "postgres://nope")
        .output()
        .expect("run server");
    assert_eq!(out.status.code(), Some(1));
    let stderr = String::from_utf8_lossy(&out.stderr);
    assert!(stderr.contains("unsupported store URL"), "{stderr}");
    assert!(!stderr.contains("panicked"), "{stderr}");
}

#[test]
fn starts_prints_its_url_and_stops_on_sigterm() {
    let mut child = server()
        .stdout(Stdio::piped())
        .stderr(Stdio::null())
        .spawn()
        .expect("spawn server");
    let stdout = child.stdout.take().expect("stdout");
    let mut line = String::new();
    BufReader::new(stdout)
        .read_line(&mut line)
        .expect("read line");
    assert!(
        line.starts_with("DVK đang chạy tại http://127.0.0.1:"),
        "{line}"
    );
    let port: u16 = line
        .trim()
        .rsplit(':')
        .next()
        .and_then(|p| p.parse().ok())
        .expect("port in the line");
    assert_ne!(port, 0);
    std::net::TcpStream::connect(("127.0.0.1", port)).expect("server accepts");
    let pid = child.id().to_string();
    let killed = Command::new("kill")
        .args(["-TERM", &pid])
        .status()
        .expect("kill");
    assert!(killed.success());
    let status = child.wait().expect("wait");
    assert_eq!(status.code(), Some(0), "graceful stop exits 0");
}

/// HTTPS with a certificate and key (a LAN address needs it for offline
/// mode): a self-signed pair made with openssl, checked with curl.
#[test]
fn serves_https_when_given_a_certificate() {
    let dir = tempfile::tempdir().expect("tempdir");
    let (cert, key) = (dir.path().join("cert.pem"), dir.path().join("key.pem"));
    let made = Command::new("openssl")
        .args([
            "req",
            "-x509",
            "-newkey",
            "rsa:2048",
            "-nodes",
            "-days",
            "2",
            "-subj",
            "/CN=127.0.0.1",
        ])
        .arg("-keyout")
        .arg(&key)
        .arg("-out")
        .arg(&cert)
        .stderr(Stdio::null())
        .status()
        .expect("openssl (installed by cargo xtask install)");
    assert!(made.success());
    let mut child = server()
        .env("DVK_TLS_CERT", &cert)
        .env("DVK_TLS_KEY", &key)
        .stdout(Stdio::piped())
        .stderr(Stdio::null())
        .spawn()
        .expect("spawn server");
    let mut line = String::new();
    BufReader::new(child.stdout.take().expect("stdout"))
        .read_line(&mut line)
        .expect("read line");
    let url = line
        .trim()
        .rsplit(' ')
        .next()
        .unwrap_or_default()
        .to_owned();
    assert!(url.starts_with("https://127.0.0.1:"), "{line}");
    let out = Command::new("curl")
        .args(["--silent", "--show-error", "--cacert"])
        .arg(&cert)
        .arg(format!("{url}/api/health"))
        .output()
        .expect("curl (installed by cargo xtask install)");
    let _ = child.kill();
    let _ = child.wait();
    let body = String::from_utf8_lossy(&out.stdout);
    assert!(
        out.status.success(),
        "{}",
        String::from_utf8_lossy(&out.stderr)
    );
    assert!(body.contains("\"status\":\"ok\""), "{body}");
}
