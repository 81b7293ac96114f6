//! No secret in the server's log or error answers: the real binary, at
//! debug verbosity, through a full round of sign-ins (bearer and cookie),
//! sync, account creation, password change and reset, failed sign-ins,
//! bad tokens and sign-outs; then its whole log and every answer are
//! searched for every token, key and password that went by.
#![allow(clippy::disallowed_methods)] // tests make their own ids and times
mod common;

use std::process::{Command, Stdio};

use common::{read_url, server_command};
use serde_json::{Value, json};

/// One HTTP exchange through curl: status, header block, body.
struct Answer {
    status: u16,
    headers: String,
    body: String,
}

impl Answer {
    fn json(&self) -> Value {
        serde_json::from_str(&self.body).unwrap_or(Value::Null)
    }
}

fn curl(base: &str, method: &str, path: &str, headers: &[String], body: Option<&Value>) -> Answer {
    let mut cmd = Command::new("curl");
    cmd.args(["--silent", "--show-error", "--include", "--request", method]);
    for header in headers {
        cmd.arg("--header").arg(header);
    }
    if let Some(body) = body {
        cmd.args([
            "--header",
            "content-type: application/json",
            "--data-binary",
        ])
        .arg(body.to_string());
    }
    let out = cmd
        .arg(format!("{base}{path}"))
        .output()
        .expect("curl (installed by cargo xtask install)");
    assert!(
        out.status.success(),
        "{}",
        String::from_utf8_lossy(&out.stderr)
    );
    let text = String::from_utf8_lossy(&out.stdout).into_owned();
    let (head, body) = text.split_once("\r\n\r\n").unwrap_or((&text, ""));
    let status = head
        .split_whitespace()
        .nth(1)
        .and_then(|s| s.parse().ok())
        .unwrap_or(0);
    Answer {
        status,
        headers: head.to_owned(),
        body: body.to_owned(),
    }
}

#[test]
fn no_token_key_or_password_reaches_the_log_or_an_error_answer() {
    let dir = tempfile::tempdir().expect("tempdir");
    let log = dir.path().join("server.log");
    let mut child = server_command()
        .env("DVK_STORE", "mem://")
        .env("DVK_LISTEN", "127.0.0.1:0")
        .env("DVK_DEMO", "true")
        .env("DVK_LOG_FORMAT", "json")
        .env("RUST_LOG", "debug")
        .stdout(Stdio::piped())
        .stderr(std::fs::File::create(&log).expect("log file"))
        .spawn()
        .expect("spawn server");
    let base = read_url(&mut child);
    let demo = "dvk-demo-2025";
    let passwords = [
        "mot cau mat khau cua Hoa",
        "doi sang mat khau thu hai",
        "quan tri dat lai lan ba",
        "go nham mat khau 4471",
        "ten khong ton tai 5582",
    ];
    let mut secrets: Vec<String> = passwords.iter().map(|p| (*p).to_owned()).collect();
    secrets.push(demo.to_owned());
    let mut answers = Vec::new();
    let mut call = |method: &str, path: &str, headers: &[String], body: Option<Value>| {
        let answer = curl(&base, method, path, headers, body.as_ref());
        answers.push(answer.body.clone());
        answer
    };
    let bearer = |token: &str| vec![format!("authorization: Bearer {token}")];

    // An admin by bearer token; an officer as the app signs in (cookie + key).
    let admin = call(
        "POST",
        "/api/auth/login",
        &[],
        Some(json!({ "username": "quantri", "password": demo })),
    );
    let admin_token = admin.json()["token"].as_str().expect("token").to_owned();
    let app = call(
        "POST",
        "/api/auth/login",
        &[format!("origin: {base}")],
        Some(json!({ "username": "canbo.ubnd", "password": demo, "cookie": true })),
    );
    let cookie = app
        .headers
        .lines()
        .find_map(|l| {
            let (name, value) = l.split_once(": ")?;
            name.eq_ignore_ascii_case("set-cookie").then_some(value)
        })
        .and_then(|c| c.split(';').next())
        .expect("cookie")
        .to_owned();
    let key = app.json()["key"].as_str().expect("key").to_owned();
    let app_headers = vec![
        format!("cookie: {cookie}"),
        format!("x-dvk-key: {key}"),
        format!("origin: {base}"),
    ];
    assert_eq!(
        call("GET", "/api/sync/pull", &app_headers, None).status,
        200
    );
    let push = json!({ "device_id": uuid::Uuid::now_v7(), "ops": [] });
    assert_eq!(
        call("POST", "/api/sync/push", &app_headers, Some(push)).status,
        200
    );

    // A new account, its own password change, the admin's reset.
    let unit = shared::demo::thanh_mien().units[0].id;
    let made = call(
        "POST",
        "/api/admin/users",
        &bearer(&admin_token),
        Some(
            json!({ "username": "hoa.moi", "full_name": "Lê Thị Hoa", "role": "unit_officer", "unit_id": unit, "password": passwords[0] }),
        ),
    );
    assert_eq!(made.status, 201, "{}", made.body);
    let id = made.json()["id"].as_str().expect("id").to_owned();
    let hoa = call(
        "POST",
        "/api/auth/login",
        &[],
        Some(json!({ "username": "hoa.moi", "password": passwords[0] })),
    );
    let hoa_token = hoa.json()["token"].as_str().expect("token").to_owned();
    let changed = call(
        "POST",
        "/api/auth/password",
        &bearer(&hoa_token),
        Some(json!({ "current": passwords[0], "new": passwords[1] })),
    );
    assert_eq!(changed.status, 204, "{}", changed.body);
    let reset = call(
        "POST",
        &format!("/api/admin/users/{id}/password"),
        &bearer(&admin_token),
        Some(json!({ "new": passwords[2] })),
    );
    assert_eq!(reset.status, 204, "{}", reset.body);

    // Failures: wrong password, unknown name, a weak password, tokens that do not work.
    for (name, password) in [("bxdd.lan", passwords[3]), ("khong.co.ai", passwords[4])] {
        let failed = call(
            "POST",
            "/api/auth/login",
            &[],
            Some(json!({ "username": name, "password": password })),
        );
        assert_eq!(failed.status, 401);
    }
    let weak = call(
        "POST",
        &format!("/api/admin/users/{id}/password"),
        &bearer(&admin_token),
        Some(json!({ "new": "matkhau123456" })),
    );
    assert_eq!(weak.status, 422);
    let (id_part, secret_part) = admin_token.split_once('.').expect("token shape");
    let forged = format!("{id_part}.{}x", &secret_part[1..]);
    assert_eq!(
        call("GET", "/api/auth/me", &bearer(&forged), None).status,
        401
    );
    assert_eq!(
        call("GET", "/api/auth/me", &[format!("cookie: {cookie}")], None).status,
        401
    );

    // Sign-outs.
    assert_eq!(
        call("POST", "/api/auth/logout", &bearer(&hoa_token), None).status,
        204
    );
    assert_eq!(
        call("POST", "/api/auth/logout", &app_headers, None).status,
        204
    );
    assert_eq!(
        call("POST", "/api/auth/logout", &bearer(&admin_token), None).status,
        204
    );

    let pid = child.id().to_string();
    let _ = Command::new("kill").args(["-TERM", &pid]).status();
    let _ = child.wait();
    let text = std::fs::read_to_string(&log).expect("read log");
    assert!(
        text.contains("signed in") && text.contains("sign-in failed"),
        "a real log:\n{text}"
    );
    assert!(
        text.lines().count() > 40,
        "debug verbosity: {} lines",
        text.lines().count()
    );

    let cookie_value = cookie
        .split_once('=')
        .map(|(_, v)| v.to_owned())
        .unwrap_or_default();
    for token in [&admin_token, &hoa_token, &cookie_value, &forged] {
        secrets.push(token.clone());
        secrets.push(
            token
                .split_once('.')
                .map(|(_, s)| s.to_owned())
                .unwrap_or_default(),
        );
    }
    secrets.push(key);
    for secret in secrets.iter().filter(|s| s.len() >= 10) {
        assert!(
            !text.contains(secret.as_str()),
            "the log holds a secret: {secret}"
        );
        for (n, answer) in answers.iter().enumerate() {
            // A sign-in answer carries its own new token or key, once.
            if n == 0 || n == 1 || answer.contains("\"expires_at\"") {
                continue;
            }
            assert!(
                !answer.contains(secret.as_str()),
                "answer {n} holds a secret: {answer}"
            );
        }
    }
}
