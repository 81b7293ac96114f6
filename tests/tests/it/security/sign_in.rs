//! Sign-in tells nothing about which usernames exist: the same answer,
//! the same work and time, and an audit line either way (never the
//! password). Password hashing runs off the async runtime.
use std::net::SocketAddr;
use std::time::{Duration, Instant};

use serde_json::json;

use super::{Call, status_and_json};
use crate::common::demo_api;

/// A made-up peer per try, so the per-address sign-in limit (20 failures
/// in 15 minutes) is never what answers. In-process: no packet is sent.
fn peer(n: u16) -> SocketAddr {
    SocketAddr::from(([192, 0, 2, (n % 250) as u8 + 1], 40_000 + n))
}

async fn failed_sign_in(api: &crate::common::Api, username: &str, n: u16) -> Duration {
    let call = Call::new("POST", "/api/auth/login")
        .json(json!({ "username": username, "password": format!("sai-mat-khau-{n}") }))
        .from(peer(n));
    let started = Instant::now();
    let (status, body) = status_and_json(call.send(api).await).await;
    let took = started.elapsed();
    assert_eq!(
        (status, body["code"].as_str()),
        (401, Some("bad_credentials")),
        "{username}"
    );
    took
}

fn median(mut times: Vec<Duration>) -> Duration {
    times.sort();
    times[times.len() / 2]
}

/// Two dozen tries of each, interleaved so machine load hits both alike:
/// the medians agree within a quarter, and both are argon2-sized (a path
/// that skipped the hash for unknown names would be ten times faster).
#[tokio::test(flavor = "multi_thread", worker_threads = 2)]
async fn unknown_and_known_usernames_take_the_same_time() {
    let api = demo_api().await;
    // Four tries per demo account keeps each under the 5-failure lock.
    let known = [
        "canbo.ubnd",
        "canbo.yte",
        "bxdd.lan",
        "thuongtruc.hung",
        "quantri",
        "thanhuy.hp",
    ];
    // Warm both paths once.
    failed_sign_in(&api, "nobody.warm", 900).await;
    failed_sign_in(&api, "quantri", 901).await;
    let (mut known_times, mut unknown_times) = (Vec::new(), Vec::new());
    for n in 0..24u16 {
        let name = known[usize::from(n) % known.len()];
        let unknown = format!("khong.co.{n}");
        if n % 2 == 0 {
            known_times.push(failed_sign_in(&api, name, n).await);
            unknown_times.push(failed_sign_in(&api, &unknown, 100 + n).await);
        } else {
            unknown_times.push(failed_sign_in(&api, &unknown, 100 + n).await);
            known_times.push(failed_sign_in(&api, name, n).await);
        }
    }
    let (k, u) = (median(known_times), median(unknown_times));
    println!("sign-in failure medians over 24 tries: known {k:?}, unknown {u:?}");
    let (low, high) = if k < u { (k, u) } else { (u, k) };
    assert!(
        low >= Duration::from_millis(5),
        "both pay for argon2: {k:?} / {u:?}"
    );
    assert!(
        high.as_secs_f64() <= low.as_secs_f64() * 1.25,
        "known {k:?} vs unknown {u:?}: more than 25% apart"
    );
}

#[tokio::test]
async fn failed_sign_ins_are_audited_for_unknown_names_too_without_the_password() {
    let api = demo_api().await;
    let secret = "mat-khau-go-nham-9431";
    for (username, n) in [("khong.ai.ca", 1), ("bxdd.lan", 2)] {
        let call = Call::new("POST", "/api/auth/login")
            .json(json!({ "username": username, "password": secret }))
            .from(peer(n));
        assert_eq!(call.send(&api).await.status().as_u16(), 401);
    }
    let admin = api.login("quantri").await;
    let (status, events) = api.get("/api/admin/audit", Some(&admin)).await;
    assert_eq!(status.as_u16(), 200, "{events}");
    let failed: Vec<&serde_json::Value> = events
        .as_array()
        .expect("events")
        .iter()
        .filter(|e| e["kind"] == "sign_in_failed")
        .collect();
    let unknown = failed
        .iter()
        .find(|e| e["username"] == "khong.ai.ca")
        .expect("the unknown name is audited");
    assert!(unknown["user_id"].is_null(), "{unknown}");
    assert_eq!(unknown["address"], "192.0.2.2");
    assert!(failed.iter().any(|e| e["username"] == "bxdd.lan"));
    assert!(
        !events.to_string().contains(secret),
        "no password in the audit"
    );
}

/// argon2 runs on the blocking pool (the sign-in handler and every
/// password change call these): on a one-thread runtime, other work goes
/// on while a hash is checked. Run inline, the check would finish in its
/// first poll and the other task would not move at all.
#[tokio::test(flavor = "current_thread")]
async fn hashing_never_stalls_other_requests() {
    use server::auth::password;
    let stored = password::hash("mot-mat-khau-bat-ky").expect("hash");
    let done = std::cell::Cell::new(false);
    let ticker = async {
        let mut ticks = 0u64;
        while !done.get() {
            tokio::task::yield_now().await;
            ticks += 1;
        }
        ticks
    };
    let checks = async {
        let valid = password::verify_blocking("sai-mat-khau", Some(&stored)).await;
        let unknown = password::verify_blocking("sai-mat-khau", None).await;
        let hashed = password::hash_blocking("mot-mat-khau-khac").await;
        done.set(true);
        (valid, unknown, hashed)
    };
    let ((valid, unknown, hashed), ticks) = tokio::join!(checks, ticker);
    assert!(!valid.expect("check"));
    assert!(!unknown.expect("check"), "an unknown name never signs in");
    assert!(hashed.expect("hash").starts_with("$argon2id$"));
    println!("other work went on {ticks} times during three argon2 runs");
    assert!(ticks >= 30, "the runtime was held up: {ticks} ticks");
}
