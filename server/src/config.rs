//! Settings: built-in defaults, then an optional TOML file, then `DVK_*`
//! environment variables (the last one wins).
use std::fmt;
use std::net::SocketAddr;
use std::path::{Path, PathBuf};

use figment::Figment;
use figment::providers::{Env, Format, Serialized, Toml};
use serde::{Deserialize, Serialize};

/// The settings read from `DVK_*` variables. Other `DVK_*` variables
/// (test switches, `DVK_CONFIG`) are not settings and are left alone.
pub const ENV_KEYS: &[&str] = &[
    "listen",
    "store",
    "store_user",
    "store_pass",
    "namespace",
    "database",
    "dist",
    "tls_cert",
    "tls_key",
    "body_limit",
    "control_socket",
    "demo",
    "demo_public_password_accepted",
    "demo_day",
    "log_format",
    "budget_account_per_minute",
    "budget_address_per_minute",
    "pull_readers",
    "pushes_in_flight",
    "store_timeout_secs",
];

/// Where the settings file is looked for when `DVK_CONFIG` is not set.
pub const DEFAULT_CONFIG_FILE: &str = "dvk.toml";

#[derive(Clone, Serialize, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct Settings {
    /// Address to listen on, e.g. `127.0.0.1:8080` or `0.0.0.0:8443`.
    pub listen: SocketAddr,
    /// `surrealkv://<dir>` (default), `mem://`, or `ws://host:port`.
    pub store: String,
    /// Root credentials for a remote (`ws://`) SurrealDB; unused when embedded.
    pub store_user: Option<String>,
    pub store_pass: Option<String>,
    pub namespace: String,
    pub database: String,
    /// Directory holding the built app (`cargo xtask dist` writes `dist/`).
    pub dist: PathBuf,
    /// PEM certificate chain and key: when both are set the server speaks HTTPS.
    pub tls_cert: Option<PathBuf>,
    pub tls_key: Option<PathBuf>,
    /// Largest request body accepted, in bytes.
    pub body_limit: usize,
    /// The Unix socket `server backup` reaches the running server through;
    /// default: beside an embedded store's folder (`<folder>.sock`).
    pub control_socket: Option<PathBuf>,
    /// Load the Thanh Miện demo commune at start-up if the store has none.
    pub demo: bool,
    /// The demo's password is printed in the README, so a demo server
    /// listens on loopback only unless this says the operator knows.
    pub demo_public_password_accepted: bool,
    /// The day the demo is made for (`2026-10-15`); default the server's
    /// today, so the demo's year is this year. Tests pin it; a trainer can
    /// show any moment of the year.
    pub demo_day: Option<chrono::NaiveDate>,
    /// `text` or `json` log lines.
    pub log_format: LogFormat,
    /// Requests one account may make per minute (a burst of this many,
    /// refilled evenly), over all its devices.
    pub budget_account_per_minute: u32,
    /// Requests one network address may make per minute: a commune office
    /// puts all its tablets behind one address, so this is high.
    pub budget_address_per_minute: u32,
    /// Pull pages read from the store at once; the others wait their turn.
    /// Each page (≤ 1,000 records, ≤ 1 MiB of fields) is held whole while
    /// it is read, so this bounds the memory of many devices pulling at
    /// once. 0: twice the server's CPU cores.
    pub pull_readers: usize,
    /// Pushes whose body is read and held at once; the others wait their
    /// turn before their body is read. A city's devices pushing at once
    /// otherwise each hold their parsed batch in the write queue.
    pub pushes_in_flight: u32,
    /// Longest wait for the store's answer in each round trip of the session check, a pull
    /// page or a write group, in seconds. A `ws://` SurrealDB server that restarts or
    /// hangs holds the queries sent to it until it is back; past this the
    /// request answers 503 with `Retry-After` instead of never, and the
    /// write turn or read slot it held is free again.
    pub store_timeout_secs: u32,
}

#[derive(Clone, Copy, Debug, PartialEq, Eq, Serialize, Deserialize)]
#[serde(rename_all = "lowercase")]
pub enum LogFormat {
    Text,
    Json,
}

impl Default for Settings {
    fn default() -> Self {
        Self {
            listen: SocketAddr::from(([127, 0, 0, 1], 8080)),
            store: "surrealkv://data".into(),
            store_user: None,
            store_pass: None,
            namespace: "dvk".into(),
            database: "main".into(),
            dist: PathBuf::from("dist"),
            tls_cert: None,
            tls_key: None,
            body_limit: 2 * 1024 * 1024,
            control_socket: None,
            demo: false,
            demo_public_password_accepted: false,
            demo_day: None,
            log_format: LogFormat::Text,
            budget_account_per_minute: 600,
            budget_address_per_minute: 6000,
            pull_readers: 0,
            pushes_in_flight: 64,
            store_timeout_secs: 20,
        }
    }
}

// The store password must never reach a log line.
impl fmt::Debug for Settings {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.debug_struct("Settings")
            .field("listen", &self.listen)
            .field("store", &self.store)
            .field("store_user", &self.store_user)
            .field("store_pass", &self.store_pass.as_ref().map(|_| "<hidden>"))
            .field("namespace", &self.namespace)
            .field("database", &self.database)
            .field("dist", &self.dist)
            .field("tls_cert", &self.tls_cert)
            .field("tls_key", &self.tls_key)
            .field("body_limit", &self.body_limit)
            .field("control_socket", &self.control_socket)
            .field("demo", &self.demo)
            .field(
                "demo_public_password_accepted",
                &self.demo_public_password_accepted,
            )
            .field("demo_day", &self.demo_day)
            .field("log_format", &self.log_format)
            .field("budget_account_per_minute", &self.budget_account_per_minute)
            .field("budget_address_per_minute", &self.budget_address_per_minute)
            .field("pull_readers", &self.pull_readers)
            .field("pushes_in_flight", &self.pushes_in_flight)
            .field("store_timeout_secs", &self.store_timeout_secs)
            .finish()
    }
}

#[derive(Debug, thiserror::Error)]
pub enum ConfigError {
    #[error("settings file {path} does not exist")]
    MissingFile { path: PathBuf },
    #[error("invalid settings: {0}")]
    Invalid(Box<figment::Error>),
    #[error("tls_cert and tls_key must be set together")]
    HalfTls,
    #[error(
        "demo mode listens on loopback only (127.0.0.1, ::1), not {listen}: its password is public. \
         To serve it on a network anyway, also set DVK_DEMO_PUBLIC_PASSWORD_ACCEPTED=true"
    )]
    DemoOnNetwork { listen: SocketAddr },
    #[error("{key} must be at least 1")]
    ZeroBudget { key: &'static str },
}

impl Settings {
    /// Reads the settings from the process environment: `DVK_CONFIG` names
    /// the file (it must exist then), else `dvk.toml` is used if present.
    pub fn load() -> Result<Self, ConfigError> {
        let explicit = std::env::var_os("DVK_CONFIG").map(PathBuf::from);
        Self::load_from(explicit.as_deref(), Env::prefixed("DVK_"))
    }

    pub fn load_from(file: Option<&Path>, env: Env) -> Result<Self, ConfigError> {
        let mut figment = Figment::from(Serialized::defaults(Settings::default()));
        match file {
            Some(path) if !path.exists() => {
                return Err(ConfigError::MissingFile {
                    path: path.to_owned(),
                });
            }
            Some(path) => figment = figment.merge(Toml::file(path)),
            None => figment = figment.merge(Toml::file(DEFAULT_CONFIG_FILE)),
        }
        let settings: Settings = figment
            .merge(env.only(ENV_KEYS))
            .extract()
            .map_err(|e| ConfigError::Invalid(Box::new(e)))?;
        settings.check()?;
        Ok(settings)
    }

    /// The rules between settings that no single value shows.
    pub fn check(&self) -> Result<(), ConfigError> {
        if self.tls_cert.is_some() != self.tls_key.is_some() {
            return Err(ConfigError::HalfTls);
        }
        if self.demo && !self.listen.ip().is_loopback() && !self.demo_public_password_accepted {
            return Err(ConfigError::DemoOnNetwork {
                listen: self.listen,
            });
        }
        for (key, value) in [
            ("budget_account_per_minute", self.budget_account_per_minute),
            ("budget_address_per_minute", self.budget_address_per_minute),
            ("pushes_in_flight", self.pushes_in_flight),
            ("store_timeout_secs", self.store_timeout_secs),
        ] {
            if value == 0 {
                return Err(ConfigError::ZeroBudget { key });
            }
        }
        Ok(())
    }

    /// [`Self::pull_readers`], with 0 read as twice the CPU cores.
    pub fn pull_readers(&self) -> usize {
        match self.pull_readers {
            0 => std::thread::available_parallelism().map_or(2, |n| n.get()) * 2,
            n => n,
        }
    }

    pub fn tls(&self) -> Option<(&Path, &Path)> {
        Some((self.tls_cert.as_deref()?, self.tls_key.as_deref()?))
    }
}
