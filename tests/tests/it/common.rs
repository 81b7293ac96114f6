//! Helpers shared by the tests: settings, an in-process server on a free
//! loopback port, and response decoding.
use std::net::SocketAddr;
use std::path::{Path, PathBuf};
use std::sync::Arc;
use std::sync::atomic::{AtomicUsize, Ordering};

use axum::body::Body;
use axum::http::Request;
use axum::response::IntoResponse;
use http_body_util::BodyExt;
use server::{AppState, Settings, router};
use tokio::sync::oneshot;
use tokio::task::JoinHandle;

pub fn settings(store: &str, dist: &Path) -> Settings {
    Settings {
        store: store.to_owned(),
        dist: dist.to_owned(),
        demo_day: Some(demo_day()),
        ..Settings::default()
    }
}

/// The day test servers make the demo for: the commune report day of the
/// demo's story year, when the demo is exactly `shared::demo::thanh_mien()`
/// (a shared test says so), whatever day the tests run on.
pub fn demo_day() -> chrono::NaiveDate {
    chrono::NaiveDate::from_ymd_opt(shared::demo::STORY_YEAR, 12, 1).expect("day")
}

/// The built app: `DVK_DIST`, or `dist/` at the workspace root.
pub fn built_dist() -> PathBuf {
    let dist = std::env::var_os("DVK_DIST")
        .map(PathBuf::from)
        .unwrap_or_else(|| Path::new(env!("CARGO_MANIFEST_DIR")).join("../dist"));
    assert!(
        dist.join("index.html").exists(),
        "no built app at {}: run `cargo xtask dist` (cargo xtask test does it for you)",
        dist.display()
    );
    dist
}

/// Where tests leave screenshots for people to look at.
pub fn artifacts() -> PathBuf {
    let dir = std::env::var_os("DVK_ARTIFACTS")
        .map(PathBuf::from)
        .unwrap_or_else(|| Path::new(env!("CARGO_MANIFEST_DIR")).join("../artifacts"));
    std::fs::create_dir_all(&dir).expect("create artifacts dir");
    dir
}

/// A real server on 127.0.0.1 with a free port, counting the requests it
/// answers so a test can prove a page came from the service worker.
pub struct TestServer {
    pub addr: SocketAddr,
    pub requests: Arc<AtomicUsize>,
    /// While set, `/api/*` answers 503 as if the network were down:
    /// browser tests cut the network this way as well as with Chromium's
    /// emulation, which a loaded CI machine was seen to let requests through.
    pub api_cut: Arc<std::sync::atomic::AtomicBool>,
    /// Method, path and query of every request, in arrival order.
    log: Arc<std::sync::Mutex<Vec<(axum::http::Method, String)>>>,
    /// Requests matching a rule wait here until released, then answer 503
    /// without reaching the handler: a sync caught mid-request.
    pub hold: Arc<Hold>,
    pub state: AppState,
    stop: Option<oneshot::Sender<()>>,
    task: JoinHandle<()>,
}

impl TestServer {
    pub async fn start(settings: Settings) -> TestServer {
        let state = AppState::open(settings).await.expect("open store");
        let requests = Arc::new(AtomicUsize::new(0));
        let api_cut = Arc::new(std::sync::atomic::AtomicBool::new(false));
        let hold = Arc::new(Hold::default());
        let log = Arc::new(std::sync::Mutex::new(Vec::new()));
        let counter = requests.clone();
        let cut = api_cut.clone();
        let (held, logged) = (hold.clone(), log.clone());
        let app = router(state.clone()).layer(axum::middleware::from_fn(
            move |request: Request<Body>, next: axum::middleware::Next| {
                counter.fetch_add(1, Ordering::SeqCst);
                let api = request.uri().path().starts_with("/api/");
                let target = request
                    .uri()
                    .path_and_query()
                    .map_or_else(String::new, |p| p.to_string());
                let refuse = cut.load(Ordering::SeqCst) && api;
                let wait = api && held.matches(&target);
                logged
                    .lock()
                    .expect("log")
                    .push((request.method().clone(), target));
                let held = held.clone();
                async move {
                    if wait {
                        held.wait().await;
                    }
                    if refuse || wait {
                        return axum::http::StatusCode::SERVICE_UNAVAILABLE.into_response();
                    }
                    next.run(request).await
                }
            },
        ));
        let listener = tokio::net::TcpListener::bind("127.0.0.1:0")
            .await
            .expect("bind");
        let addr = listener.local_addr().expect("local addr");
        let (stop, stopped) = oneshot::channel::<()>();
        let task = tokio::spawn(async move {
            axum::serve(
                listener,
                app.into_make_service_with_connect_info::<SocketAddr>(),
            )
            .with_graceful_shutdown(async {
                let _ = stopped.await;
            })
            .await
            .expect("serve");
        });
        TestServer {
            addr,
            requests,
            api_cut,
            log,
            hold,
            state,
            stop: Some(stop),
            task,
        }
    }

    pub fn url(&self, path: &str) -> String {
        format!("http://{}{path}", self.addr)
    }

    /// Cuts (or restores) the API, as a network outage would.
    pub fn cut_api(&self, cut: bool) {
        self.api_cut.store(cut, Ordering::SeqCst);
    }

    /// Whether a request "METHOD /path" arrived (any query).
    pub fn saw(&self, request: &str) -> bool {
        self.log
            .lock()
            .expect("log")
            .iter()
            .any(|(method, target)| {
                let path = target.split_once('?').map_or(target.as_str(), |(p, _)| p);
                format!("{method} {path}") == request
            })
    }

    /// Path and query of the `/api/*` requests so far whose path starts
    /// with `prefix`, in arrival order.
    pub fn api_requests(&self, prefix: &str) -> Vec<String> {
        self.log
            .lock()
            .expect("log")
            .iter()
            .map(|(_, target)| target)
            .filter(|t| t.starts_with("/api/") && t.starts_with(prefix))
            .cloned()
            .collect()
    }

    /// Path (no query) of every GET whose path starts with `prefix`, in
    /// arrival order, repeats included.
    pub fn gets(&self, prefix: &str) -> Vec<String> {
        self.log
            .lock()
            .expect("log")
            .iter()
            .filter(|(method, _)| method == axum::http::Method::GET)
            .map(|(_, target)| target.split_once('?').map_or(target.as_str(), |(p, _)| p))
            .filter(|p| p.starts_with(prefix))
            .map(str::to_owned)
            .collect()
    }

    pub fn served(&self) -> usize {
        self.requests.load(Ordering::SeqCst)
    }

    /// Stops accepting and waits until the server task has ended.
    pub async fn stop(mut self) {
        if let Some(stop) = self.stop.take() {
            let _ = stop.send(());
        }
        let _ = tokio::time::timeout(std::time::Duration::from_secs(10), &mut self.task).await;
        self.task.abort();
        // Nothing may answer on the port any more.
        assert!(
            tokio::net::TcpStream::connect(self.addr).await.is_err(),
            "server still accepting after stop"
        );
    }
}

type HoldRule = Box<dyn FnMut(&str) -> bool + Send>;

/// Holds API requests that match a rule (see `TestServer::hold`).
#[derive(Default)]
pub struct Hold {
    rule: std::sync::Mutex<Option<HoldRule>>,
    /// How many requests have been held so far.
    pub held: AtomicUsize,
    released: tokio::sync::Notify,
}

impl Hold {
    /// From now on, requests whose path and query `rule` accepts are held.
    pub fn when(&self, rule: impl FnMut(&str) -> bool + Send + 'static) {
        *self.rule.lock().expect("rule") = Some(Box::new(rule));
    }

    /// Stops holding; the held requests answer 503.
    pub fn release(&self) {
        *self.rule.lock().expect("rule") = None;
        self.released.notify_waiters();
    }

    fn matches(&self, target: &str) -> bool {
        let hit = self
            .rule
            .lock()
            .expect("rule")
            .as_mut()
            .is_some_and(|rule| rule(target));
        if hit {
            self.held.fetch_add(1, Ordering::SeqCst);
        }
        hit
    }

    async fn wait(&self) {
        let released = self.released.notified();
        tokio::pin!(released);
        released.as_mut().enable();
        if self.rule.lock().expect("rule").is_some() {
            released.await;
        }
    }
}

pub async fn body_json(body: Body) -> serde_json::Value {
    let bytes = body.collect().await.expect("read body").to_bytes();
    serde_json::from_slice(&bytes).unwrap_or_else(|e| {
        panic!(
            "body is not JSON ({e}): {}",
            String::from_utf8_lossy(&bytes)
        )
    })
}

pub async fn body_text(body: Body) -> String {
    let bytes = body.collect().await.expect("read body").to_bytes();
    String::from_utf8_lossy(&bytes).into_owned()
}

/// The API in-process (`oneshot`), over a fresh `mem://` store.
#[derive(Clone)]
pub struct Api {
    pub app: axum::Router,
    state: AppState,
}

pub async fn demo_api() -> Api {
    Api::open(true, None).await
}

impl Api {
    pub async fn open(demo: bool, clock: Option<server::state::Clock>) -> Api {
        Self::open_at("mem://", demo, clock).await
    }

    /// The API over the store at `url` (`mem://`, `surrealkv://<dir>`).
    pub async fn open_at(url: &str, demo: bool, clock: Option<server::state::Clock>) -> Api {
        let mut settings = settings(url, Path::new("/nonexistent-dist"));
        settings.demo = demo;
        Api::with_settings(settings, clock).await
    }

    /// The demo commune under these settings (budgets, TLS…).
    pub async fn demo_with(mut settings: Settings) -> Api {
        settings.demo = true;
        Api::with_settings(settings, None).await
    }

    /// A second app server on the same store: its own process state (a
    /// writer, request budgets), nothing shared in memory with this one.
    pub fn second_server(&self) -> Api {
        let state = AppState {
            store: self.state.store.as_another_process(),
            budget: Arc::new(server::budget::Budget::from_settings(&self.state.settings)),
            city_rows: Arc::default(),
            ..self.state.clone()
        };
        Api {
            app: router(state.clone()),
            state,
        }
    }

    pub fn from_state(app: axum::Router, state: AppState) -> Api {
        Api { app, state }
    }

    pub async fn with_settings(settings: Settings, clock: Option<server::state::Clock>) -> Api {
        let mut state = AppState::open(settings).await.expect("open");
        if let Some(clock) = clock {
            state = state.with_clock(clock);
        }
        Api {
            app: router(state.clone()),
            state,
        }
    }

    pub async fn demo_with_clock(
        time: Arc<std::sync::Mutex<chrono::DateTime<chrono::Utc>>>,
    ) -> Api {
        let clock: server::state::Clock = Arc::new(move || *time.lock().expect("clock"));
        Api::open(true, Some(clock)).await
    }

    /// The same database served by a second server process (its own
    /// writer), as several app servers on one SurrealDB would be.
    pub fn another_process(&self) -> Api {
        let mut state = self.state.clone();
        state.store = state.store.as_another_process();
        Api {
            app: router(state.clone()),
            state,
        }
    }

    /// Any request; the answer's status, headers and body as they came.
    pub async fn raw(
        &self,
        request: Request<Body>,
    ) -> (
        axum::http::StatusCode,
        axum::http::HeaderMap,
        axum::body::Bytes,
    ) {
        use tower::ServiceExt;
        let response = self.app.clone().oneshot(request).await.expect("response");
        let (parts, body) = response.into_parts();
        let bytes = body.collect().await.expect("body").to_bytes();
        (parts.status, parts.headers, bytes)
    }

    async fn send(&self, request: Request<Body>) -> (axum::http::StatusCode, serde_json::Value) {
        use tower::ServiceExt;
        let response = self.app.clone().oneshot(request).await.expect("response");
        let status = response.status();
        let bytes = response
            .into_body()
            .collect()
            .await
            .expect("body")
            .to_bytes();
        let value = if bytes.is_empty() {
            serde_json::Value::Null
        } else {
            serde_json::from_slice(&bytes)
                .unwrap_or_else(|e| panic!("not JSON ({e}): {}", String::from_utf8_lossy(&bytes)))
        };
        (status, value)
    }

    fn request(method: &str, uri: &str, token: Option<&str>) -> axum::http::request::Builder {
        let mut builder = Request::builder().method(method).uri(uri);
        if let Some(token) = token {
            builder = builder.header("authorization", format!("Bearer {token}"));
        }
        builder
    }

    pub async fn get(
        &self,
        uri: &str,
        token: Option<&str>,
    ) -> (axum::http::StatusCode, serde_json::Value) {
        self.send(
            Self::request("GET", uri, token)
                .body(Body::empty())
                .expect("request"),
        )
        .await
    }

    /// A GET whose answer may be a file: status, headers and raw body.
    pub async fn get_bytes(
        &self,
        uri: &str,
        token: Option<&str>,
    ) -> (axum::http::StatusCode, axum::http::HeaderMap, Vec<u8>) {
        use tower::ServiceExt;
        let request = Self::request("GET", uri, token)
            .body(Body::empty())
            .expect("request");
        let response = self.app.clone().oneshot(request).await.expect("response");
        let (parts, body) = response.into_parts();
        let bytes = body.collect().await.expect("body").to_bytes().to_vec();
        (parts.status, parts.headers, bytes)
    }

    pub async fn post(
        &self,
        uri: &str,
        token: Option<&str>,
        body: serde_json::Value,
    ) -> (axum::http::StatusCode, serde_json::Value) {
        self.post_raw(uri, token, &body.to_string()).await
    }

    pub async fn post_raw(
        &self,
        uri: &str,
        token: Option<&str>,
        body: &str,
    ) -> (axum::http::StatusCode, serde_json::Value) {
        self.send(
            Self::request("POST", uri, token)
                .header("content-type", "application/json")
                .body(Body::from(body.to_owned()))
                .expect("request"),
        )
        .await
    }

    pub async fn put(
        &self,
        uri: &str,
        token: Option<&str>,
        body: serde_json::Value,
    ) -> (axum::http::StatusCode, serde_json::Value) {
        self.send(
            Self::request("PUT", uri, token)
                .header("content-type", "application/json")
                .body(Body::from(body.to_string()))
                .expect("request"),
        )
        .await
    }

    pub async fn delete(
        &self,
        uri: &str,
        token: Option<&str>,
    ) -> (axum::http::StatusCode, serde_json::Value) {
        self.send(
            Self::request("DELETE", uri, token)
                .body(Body::empty())
                .expect("request"),
        )
        .await
    }

    pub fn store(&self) -> &server::Store {
        &self.state.store
    }

    /// Signs a demo user in; returns the token.
    pub async fn login(&self, username: &str) -> String {
        let (status, body) = self
            .post(
                "/api/auth/login",
                None,
                serde_json::json!({ "username": username, "password": server::demo::DEMO_PASSWORD }),
            )
            .await;
        assert_eq!(
            status,
            axum::http::StatusCode::OK,
            "login {username}: {body}"
        );
        body["token"].as_str().expect("token").to_owned()
    }
}
