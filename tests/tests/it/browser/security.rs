//! Security in a real Chromium (docs/security.md): the app works online
//! and offline under its Content-Security-Policy while an injected inline
//! script is blocked and reported; the session's secret stays out of the
//! page's reach and out of the backup; signing out (online or not) leaves
//! nothing that works; and two people on one browser keep apart.
use fantoccini::wd::WebDriverCompatibleCommand;
use serde_json::{Value, json};

use super::journey::{click, listed_id, wait_for_download};
use super::*;

/// ChromeDriver's console log (`goog:loggingPrefs` asks for it).
#[derive(Debug)]
struct BrowserLog;

impl WebDriverCompatibleCommand for BrowserLog {
    fn endpoint(
        &self,
        base_url: &url::Url,
        session_id: Option<&str>,
    ) -> Result<url::Url, url::ParseError> {
        base_url.join(&format!(
            "session/{}/se/log",
            session_id.unwrap_or_default()
        ))
    }

    fn method_and_body(&self, _: &url::Url) -> (http::Method, Option<String>) {
        (
            http::Method::POST,
            Some(json!({ "type": "browser" }).to_string()),
        )
    }
}

/// Console lines since the last call that speak of the security policy.
async fn policy_messages(client: &Client) -> Vec<String> {
    let log = client.issue_cmd(BrowserLog).await.expect("browser log");
    log.as_array()
        .map(|lines| {
            lines
                .iter()
                .filter_map(|l| l["message"].as_str())
                .filter(|m| {
                    m.contains("Content Security Policy") || m.contains("Content-Security-Policy")
                })
                .map(str::to_owned)
                .collect()
        })
        .unwrap_or_default()
}

fn demo_user_id(username: &str) -> shared::ids::UserId {
    demo_user(username).id
}

async fn open_sessions(server: &TestServer, username: &str) -> usize {
    server
        .state
        .store
        .open_sessions_of(demo_user_id(username), chrono::Utc::now())
        .await
        .expect("sessions")
        .len()
}

/// The session cookie as the browser holds it (WebDriver sees HttpOnly ones).
async fn session_cookie(client: &Client) -> Option<fantoccini::cookies::Cookie<'static>> {
    client
        .get_all_cookies()
        .await
        .expect("cookies")
        .into_iter()
        .find(|c| c.name() == "__Host-dvk_session")
}

async fn stored_session(client: &Client) -> Value {
    let text = eval(client, "return localStorage.getItem('dvk/v1/session');").await;
    text.as_str()
        .map(|t| serde_json::from_str(t).expect("session json"))
        .unwrap_or(Value::Null)
}

/// Every value the app keeps in this browser, as one text.
async fn all_storage(client: &Client) -> String {
    eval(
        client,
        "let all = ''; for (let i = 0; i < localStorage.length; i++) { \
           const k = localStorage.key(i); all += k + '=' + localStorage.getItem(k) + '\\n'; } \
         return all + document.cookie;",
    )
    .await
    .as_str()
    .unwrap_or_default()
    .to_owned()
}

/// `fetch` from the page with this device key; the answer's status.
async fn page_fetch(client: &Client, path: &str, key: &str) -> u64 {
    let script = format!(
        "window.__status = null; fetch({}, {{ headers: {{ 'x-dvk-key': {} }} }}) \
           .then((r) => window.__status = r.status, () => window.__status = 0); return true;",
        json!(path),
        json!(key)
    );
    eval(client, &script).await;
    until(
        client,
        "the page's fetch",
        "return window.__status !== null;",
    )
    .await;
    eval(client, "return window.__status;")
        .await
        .as_u64()
        .expect("status")
}

#[tokio::test(flavor = "multi_thread", worker_threads = 2)]
async fn the_app_works_under_its_policy_online_and_offline_and_injected_script_is_blocked() {
    let (_slot, server, _driver, client) = open_app(PHONE).await;
    // Demo mode says so on the first screen.
    until(
        &client,
        "demo banner",
        "const b = document.getElementById('demo-banner'); return !!b && b.textContent.trim() === 'Dữ liệu mẫu';",
    )
    .await;
    sign_in(&client, "canbo.ubnd").await;
    until_synced(&client).await;
    assert_eq!(text_of(&client, "#demo-banner").await, "Dữ liệu mẫu");
    eval(&client, "location.hash = '#/luu-tru'; return true;").await;
    text_of(&client, "#download-backup").await;
    eval(&client, "location.hash = '#/'; return true;").await;
    until_home(&client).await;
    until_offline_ready(&client).await;
    assert_eq!(
        policy_messages(&client).await,
        Vec::<String>::new(),
        "online: nothing blocked"
    );

    // Offline: the service worker's shell boots under the same policy.
    network(&client, &server, false).await;
    client.refresh().await.expect("offline reload");
    until_home(&client).await;
    assert_eq!(
        policy_messages(&client).await,
        Vec::<String>::new(),
        "offline: nothing blocked"
    );
    network(&client, &server, true).await;
    client.refresh().await.expect("online reload");
    until_home(&client).await;
    assert!(
        !server.saw("POST /api/csp-report"),
        "no report while the app just works"
    );

    // An injected inline script, and eval: both refused, the first reported.
    eval(
        &client,
        "window.__violations = []; \
         document.addEventListener('securitypolicyviolation', (e) => \
           window.__violations.push(e.effectiveDirective + ' ' + e.blockedURI)); \
         const s = document.createElement('script'); \
         s.textContent = 'window.__injected = true;'; \
         document.body.appendChild(s); \
         return true;",
    )
    .await;
    until(
        &client,
        "the violation event",
        "return window.__violations.some((v) => v === 'script-src-elem inline');",
    )
    .await;
    assert_eq!(
        eval(&client, "return window.__injected === undefined;").await,
        json!(true)
    );
    let deadline = Instant::now() + WAIT;
    while !server.saw("POST /api/csp-report") {
        assert!(
            Instant::now() < deadline,
            "the violation was not reported to the server"
        );
        tokio::time::sleep(Duration::from_millis(50)).await;
    }
    assert!(
        !policy_messages(&client).await.is_empty(),
        "the console names it too"
    );
    client.close().await.expect("close");
    server.stop().await;
}

/// The secret is an HttpOnly cookie: not in storage, not in document.cookie,
/// not in the backup; signing out removes it; the next person sees nothing
/// of the first and cannot reach it through the server.
#[tokio::test(flavor = "multi_thread", worker_threads = 2)]
async fn the_secret_stays_out_of_scripts_and_backups_and_sign_out_leaves_nothing() {
    let _slot = ONE_BROWSER.acquire().await.expect("browser slot");
    let server = TestServer::start(demo_server_settings(&built_dist())).await;
    let downloads = tempfile::tempdir().expect("downloads");
    let driver = start_driver().await;
    let client = chromium(&driver, PHONE, Some(downloads.path())).await;
    client.goto(&server.url("/")).await.expect("goto");
    sign_in(&client, "canbo.ubnd").await;
    until_synced(&client).await;

    let cookie = session_cookie(&client).await.expect("a session cookie");
    assert_eq!(cookie.http_only(), Some(true));
    assert_eq!(cookie.secure(), Some(true));
    assert_eq!(format!("{:?}", cookie.same_site()), "Some(Strict)");
    let secret = cookie.value().to_owned();
    let session = stored_session(&client).await;
    assert!(session.get("token").is_none(), "{session}");
    let key = session["key"].as_str().expect("device key").to_owned();
    let kept = all_storage(&client).await;
    assert!(
        !kept.contains(&secret),
        "the cookie's secret is nowhere scripts can read"
    );
    assert!(
        !kept.contains("dvk_session"),
        "document.cookie does not show it"
    );

    // A model of this unit, made offline, and the backup file.
    network(&client, &server, false).await;
    let draft = "Mô hình riêng của cán bộ UBND";
    create_draft(&client, draft).await;
    let model_id = listed_id(&client, draft).await;
    eval(&client, "location.hash = '#/luu-tru'; return true;").await;
    click(&client, "download-backup").await;
    let file = wait_for_download(downloads.path()).await;
    let backup = std::fs::read_to_string(&file).expect("backup");
    assert!(backup.contains(draft), "the backup has the data");
    for secret_text in [secret.as_str(), key.as_str(), server::demo::DEMO_PASSWORD] {
        let part = secret_text.split('.').next_back().unwrap_or(secret_text);
        assert!(!backup.contains(part), "the backup holds a secret");
    }
    network(&client, &server, true).await;
    until_synced(&client).await;
    assert_eq!(
        page_fetch(&client, &format!("/api/records/{model_id}"), &key).await,
        200
    );

    // Sign out online: the cookie and the key are gone, the session is over.
    eval(&client, "location.hash = '#/'; return true;").await;
    until_home(&client).await;
    click(&client, "sign-out").await;
    text_of(&client, "#username").await;
    assert!(
        session_cookie(&client).await.is_none(),
        "the browser dropped the cookie"
    );
    assert_eq!(stored_session(&client).await, Value::Null);
    assert_eq!(page_fetch(&client, "/api/auth/me", &key).await, 401);
    assert_eq!(open_sessions(&server, "canbo.ubnd").await, 0);

    // The next person on the same browser: nothing of the first.
    sign_in(&client, "canbo.yte").await;
    until_synced(&client).await;
    assert!(!model_names(&client).await.iter().any(|n| n == draft));
    let second_key = stored_session(&client).await["key"]
        .as_str()
        .expect("key")
        .to_owned();
    let record = format!("/api/records/{model_id}");
    assert_eq!(
        page_fetch(&client, &record, &second_key).await,
        404,
        "another unit's model"
    );
    assert_eq!(
        page_fetch(&client, &record, &key).await,
        401,
        "the old key is no way in"
    );
    // The first person's data is still here, in their own database only.
    assert!(super::idb::holds(&client, "canbo.ubnd", draft).await);
    assert!(!super::idb::holds(&client, "canbo.yte", draft).await);
    client.close().await.expect("close");
    server.stop().await;
}

/// Signing out with no connection forgets the key at once; the cookie
/// left behind does nothing, and the sign-in screen ends it once online.
#[tokio::test(flavor = "multi_thread", worker_threads = 2)]
async fn signing_out_offline_leaves_nothing_that_works() {
    let (_slot, server, _driver, client) = open_app(PHONE).await;
    sign_in(&client, "canbo.ubnd").await;
    until_synced(&client).await;
    let key = stored_session(&client).await["key"]
        .as_str()
        .expect("key")
        .to_owned();
    network(&client, &server, false).await;
    click(&client, "sign-out").await;
    text_of(&client, "#username").await;
    assert_eq!(
        stored_session(&client).await,
        Value::Null,
        "the key is gone at once"
    );
    assert!(
        session_cookie(&client).await.is_some(),
        "the cookie could not be cleared offline"
    );
    assert_eq!(open_sessions(&server, "canbo.ubnd").await, 1);

    // Online again: the leftover cookie is refused without its key, and
    // the sign-in screen ends the session and drops the cookie.
    network(&client, &server, true).await;
    let status = page_fetch(&client, "/api/sync/pull", "").await;
    assert_eq!(status, 401, "a cookie alone opens nothing");
    client.refresh().await.expect("reload");
    text_of(&client, "#username").await;
    let deadline = Instant::now() + WAIT;
    while open_sessions(&server, "canbo.ubnd").await > 0 || session_cookie(&client).await.is_some()
    {
        assert!(
            Instant::now() < deadline,
            "the leftover session was not ended"
        );
        tokio::time::sleep(Duration::from_millis(100)).await;
    }
    assert_eq!(page_fetch(&client, "/api/auth/me", &key).await, 401);
    let pending = eval(
        &client,
        "return localStorage.getItem('dvk/v1/sign-out-pending');",
    )
    .await;
    assert_eq!(pending, Value::Null);
    client.close().await.expect("close");
    server.stop().await;
}

/// A tab left open for someone who signed out elsewhere never syncs as
/// the next person to sign in on the same browser (the cookie and the
/// stored key are the browser's, so they are theirs now): it asks its own
/// person to sign in again, and that never signs the next person out.
#[tokio::test]
async fn a_tab_left_open_never_syncs_as_the_next_person_on_the_browser() {
    let (_slot, server, _driver, client) = open_app(PHONE).await;
    sign_in(&client, "canbo.ubnd").await;
    until_synced(&client).await;
    let (first, second) = second_tab(&client, Some(server.url("/"))).await;
    click(&client, "sign-out").await;
    if client.get_alert_text().await.is_ok() {
        client.accept_alert().await.expect("accept");
    }
    sign_in(&client, "canbo.yte").await;
    until_synced(&client).await;
    let pushes_before = server.api_requests("/api/sync/").len();

    // The first tab, still drawn for canbo.ubnd, is asked to sync.
    client
        .switch_to_window(first.clone())
        .await
        .expect("to first tab");
    click(&client, "sync-now").await;
    until(
        &client,
        "the first tab asks its own person to sign in again",
        "return !!document.getElementById('signed-out');",
    )
    .await;
    assert!(
        server.api_requests("/api/sync/").len() > pushes_before,
        "the first tab did ask the server (and was refused)"
    );
    // Signing in again from there finds the next person still signed in.
    click(&client, "sign-in-again").await;
    until_home(&client).await;
    client
        .switch_to_window(second.clone())
        .await
        .expect("to second tab");
    click(&client, "sync-now").await;
    until_synced(&client).await;
    assert!(
        eval(&client, "return !document.getElementById('signed-out');").await == json!(true),
        "the next person was not signed out"
    );
}
