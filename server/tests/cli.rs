//! The `server` binary itself: clear errors on bad settings, and a clean
//! start and stop on `mem://`.
#![allow(clippy::disallowed_methods)] // tests make their own ids and times
mod common;

use std::process::{Command, Stdio};

use common::{read_url, server_command};

fn server() -> Command {
    let mut cmd = server_command();
    cmd.env("DVK_STORE", "mem://")
        .env("DVK_LISTEN", "127.0.0.1:0");
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

    // A store timeout of 0 would answer every request 503.
    let out = server()
        .env("DVK_STORE_TIMEOUT_SECS", "0")
        .output()
        .expect("run server");
    assert_eq!(out.status.code(), Some(2));
    let stderr = String::from_utf8_lossy(&out.stderr);
    assert!(stderr.contains("store_timeout_secs"), "{stderr}");
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
    let url = read_url(&mut child);
    assert!(url.starts_with("http://127.0.0.1:"), "{url}");
    let port: u16 = url
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
    let url = read_url(&mut child);
    assert!(url.starts_with("https://127.0.0.1:"), "{url}");
    let curl = |path: &str| {
        Command::new("curl")
            .args(["--silent", "--show-error", "--include", "--cacert"])
            .arg(&cert)
            .arg(format!("{url}{path}"))
            .output()
            .expect("curl (installed by cargo xtask install)")
    };
    let health = curl("/api/health");
    // The app's page (no build here: the fallback answer) and an API error.
    let page = curl("/");
    let missing = curl("/api/no/such/path");
    let _ = child.kill();
    let _ = child.wait();
    for out in [&health, &page, &missing] {
        assert!(
            out.status.success(),
            "{}",
            String::from_utf8_lossy(&out.stderr)
        );
        let text = String::from_utf8_lossy(&out.stdout).to_lowercase();
        for header in [
            "strict-transport-security: max-age=31536000",
            "content-security-policy: default-src 'none'; script-src 'self' 'wasm-unsafe-eval';",
            "frame-ancestors 'none'",
            "x-content-type-options: nosniff",
            "referrer-policy: no-referrer",
            "permissions-policy: camera=(self)",
        ] {
            assert!(
                text.contains(header),
                "{header} missing over HTTPS:\n{text}"
            );
        }
    }
    let body = String::from_utf8_lossy(&health.stdout);
    assert!(body.contains("\"status\":\"ok\""), "{body}");
}

/// Demo mode's password is in the README: the binary refuses to serve it
/// on a network address unless told the operator knows.
#[test]
fn demo_mode_refuses_a_network_address() {
    let out = server()
        .env("DVK_DEMO", "true")
        .env("DVK_LISTEN", "0.0.0.0:0")
        .output()
        .expect("run server");
    assert_eq!(out.status.code(), Some(2));
    let stderr = String::from_utf8_lossy(&out.stderr);
    assert!(stderr.contains("loopback"), "{stderr}");
    assert!(
        stderr.contains("DVK_DEMO_PUBLIC_PASSWORD_ACCEPTED"),
        "{stderr}"
    );
    assert!(!stderr.contains("panicked"), "{stderr}");
}

/// The first admin of a real deployment: made by a command, with the
/// password from the environment, never a default one; refused when weak
/// or already there.
#[test]
fn create_admin_makes_the_first_account_once() {
    let dir = tempfile::tempdir().expect("tempdir");
    let store = format!("surrealkv://{}", dir.path().join("data").display());
    let run = |password: &str| {
        server()
            .env("DVK_STORE", &store)
            .env("DVK_ADMIN_PASSWORD", password)
            .args([
                "create-admin",
                "--commune",
                "Đảng bộ xã Thử Nghiệm",
                "--place",
                "Thử Nghiệm",
                "--city",
                "Hải Phòng",
                "--username",
                "quantri.thu",
                "--full-name",
                "Nguyễn Văn Quản",
            ])
            .output()
            .expect("run create-admin")
    };
    let weak = run("ngan");
    assert_eq!(weak.status.code(), Some(1));
    let stderr = String::from_utf8_lossy(&weak.stderr);
    assert!(stderr.contains("ít nhất 10 ký tự"), "{stderr}");

    let made = run("mat-khau-quan-tri");
    assert_eq!(
        made.status.code(),
        Some(0),
        "{}",
        String::from_utf8_lossy(&made.stderr)
    );
    let stdout = String::from_utf8_lossy(&made.stdout);
    assert!(
        stdout.contains("Đã tạo quản trị viên quantri.thu"),
        "{stdout}"
    );

    let again = run("mat-khau-quan-tri");
    assert_eq!(again.status.code(), Some(1));
    assert!(String::from_utf8_lossy(&again.stderr).contains("đã có"));
}
