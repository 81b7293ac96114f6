//! The processes of the scale-out test: one SurrealDB server and two app
//! servers on it, each restartable.
use std::path::{Path, PathBuf};
use std::process::{Child, Command, Stdio};
use std::time::{Duration, Instant};

use crate::common::device::{Server, http};
use crate::common::{read_url, server_command};

pub const ROOT_PASS: &str = "scale-out-test-root";
/// How long a stopping SurrealDB server may take (its graceful shutdown
/// waits for every connection to close) before it is killed, as systemd's
/// `TimeoutStopSec` would.
const STOP_TIMEOUT: Duration = Duration::from_secs(10);
/// The one database every schedule shares (each on a commune of its own).
pub const DATABASE: &str = "scale";

/// The build directory this test binary runs from (`<target>/debug/deps/…`).
fn target_dir() -> PathBuf {
    if let Some(dir) = std::env::var_os("CARGO_TARGET_DIR") {
        return PathBuf::from(dir);
    }
    let exe = std::env::current_exe().expect("test binary path");
    exe.ancestors()
        .nth(3)
        .map(Path::to_path_buf)
        .expect("the target directory")
}

/// The `surreal` server binary: `DVK_SURREAL`, or tools/surreal built into
/// `<target>/surreal` (once; `cargo xtask test` builds it beforehand).
fn surreal_binary() -> PathBuf {
    if let Some(path) = std::env::var_os("DVK_SURREAL") {
        return PathBuf::from(path);
    }
    let out = target_dir().join("surreal");
    let binary = out.join("debug/surreal");
    if !binary.exists() {
        let manifest = Path::new(env!("CARGO_MANIFEST_DIR")).join("../tools/surreal/Cargo.toml");
        let cargo = std::env::var_os("CARGO").unwrap_or_else(|| "cargo".into());
        let status = Command::new(cargo)
            .args(["build", "--locked", "--manifest-path"])
            .arg(&manifest)
            .env("CARGO_TARGET_DIR", &out)
            .status()
            .expect("run cargo to build tools/surreal");
        assert!(status.success(), "tools/surreal did not build");
    }
    binary
}

/// A port free now and never handed to another SurrealDB server of this
/// run: the lanes start theirs at the same moment, and a port is free
/// between this call and the server's bind.
fn free_port() -> u16 {
    static GIVEN: std::sync::Mutex<Vec<u16>> = std::sync::Mutex::new(Vec::new());
    loop {
        let port = std::net::TcpListener::bind("127.0.0.1:0")
            .and_then(|l| l.local_addr())
            .map(|a| a.port())
            .expect("a free port");
        let mut given = GIVEN.lock().expect("ports handed out");
        if !given.contains(&port) {
            given.push(port);
            return port;
        }
    }
}

/// The SurrealDB server on a `surrealkv://` folder, at a fixed port so it
/// can be restarted under the app servers.
pub struct Surreal {
    /// Whether clients sign in as root (else it runs `--unauthenticated`).
    auth: bool,
    child: Option<Child>,
    binary: PathBuf,
    dir: tempfile::TempDir,
    port: u16,
}

impl Surreal {
    pub async fn start(auth: bool) -> Surreal {
        let mut surreal = Surreal {
            auth,
            child: None,
            binary: surreal_binary(),
            dir: tempfile::tempdir().expect("tempdir"),
            port: free_port(),
        };
        surreal.spawn().await;
        surreal
    }

    async fn spawn(&mut self) {
        let mut command = Command::new(&self.binary);
        command.args(["start", "--no-banner", "--log", "warn"]);
        if self.auth {
            command.args(["--username", "root", "--password", ROOT_PASS]);
        } else {
            command.arg("--unauthenticated");
        }
        let child = command
            .arg("--bind")
            .arg(format!("127.0.0.1:{}", self.port))
            .arg(format!(
                "surrealkv://{}",
                self.dir.path().join("db").display()
            ))
            .stdout(Stdio::null())
            .stderr(Stdio::null())
            .spawn()
            .expect("start surreal");
        self.child = Some(child);
        let deadline = Instant::now() + Duration::from_secs(60);
        let http = http();
        loop {
            let url = format!("http://127.0.0.1:{}/health", self.port);
            let request = http::Request::get(url)
                .body(http_body_util::Full::new(bytes::Bytes::new()))
                .expect("request");
            let answer = tokio::time::timeout(Duration::from_secs(2), http.request(request)).await;
            if let Ok(Ok(answer)) = answer
                && answer.status().is_success()
            {
                return;
            }
            assert!(Instant::now() < deadline, "surreal did not start");
            tokio::time::sleep(Duration::from_millis(20)).await;
        }
    }

    /// Stops the server as a service manager would (SIGTERM, then SIGKILL
    /// if it has not stopped within [`STOP_TIMEOUT`]) and starts it again.
    /// True when it had to be killed.
    pub async fn restart(&mut self) -> bool {
        let mut killed = false;
        if let Some(mut child) = self.child.take() {
            let _ = Command::new("kill").arg(child.id().to_string()).status();
            let deadline = Instant::now() + STOP_TIMEOUT;
            while matches!(child.try_wait(), Ok(None)) && Instant::now() < deadline {
                tokio::time::sleep(Duration::from_millis(20)).await;
            }
            if matches!(child.try_wait(), Ok(None)) {
                killed = true;
                let _ = child.kill();
            }
            let _ = child.wait();
        }
        self.spawn().await;
        killed
    }

    /// The server's process id (to freeze it with SIGSTOP).
    pub fn pid(&self) -> Option<u32> {
        self.child.as_ref().map(Child::id)
    }

    pub fn url(&self) -> String {
        format!("ws://127.0.0.1:{}", self.port)
    }

    /// The test's own connection to the shared database (seeding communes,
    /// reading history).
    pub async fn store(&self) -> server::store::Store {
        let settings = server::Settings {
            store: self.url(),
            store_user: self.auth.then(|| "root".into()),
            store_pass: self.auth.then(|| ROOT_PASS.into()),
            database: DATABASE.to_owned(),
            ..server::Settings::default()
        };
        server::store::Store::open(&settings)
            .await
            .expect("the store over ws://")
    }
}

impl Surreal {
    /// One app server process on the shared database (killed when
    /// dropped, like the other server tests' processes).
    pub fn app_server(&self) -> Server {
        self.app_server_with(&[])
    }

    /// [`Self::app_server`] with more settings (`DVK_*` variables).
    pub fn app_server_with(&self, settings: &[(&str, &str)]) -> Server {
        let mut command = server_command();
        command.envs(settings.iter().copied());
        if self.auth {
            command
                .env("DVK_STORE_USER", "root")
                .env("DVK_STORE_PASS", ROOT_PASS);
        }
        start_app_server(command, &self.url())
    }
}

impl Drop for Surreal {
    fn drop(&mut self) {
        if let Some(mut child) = self.child.take() {
            let _ = child.kill();
            let _ = child.wait();
        }
    }
}

fn start_app_server(mut command: Command, store: &str) -> Server {
    let mut child = command
        .env("DVK_STORE", store)
        .env("DVK_DATABASE", DATABASE)
        .env("DVK_LISTEN", "127.0.0.1:0")
        .stdout(Stdio::piped())
        .stderr(Stdio::null())
        .spawn()
        .expect("spawn server");
    let base = read_url(&mut child);
    Server { child, base }
}
