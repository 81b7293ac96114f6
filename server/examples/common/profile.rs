//! Where a server process spends its CPU during one phase of a benchmark:
//! Linux `perf` attached to the process (`perf record -p`), stopped with
//! SIGINT, its samples read back with `perf script` and each one charged to
//! the innermost frame on its stack that belongs to a known component
//! (SurrealDB, DVK, HTTP...), so a `memcpy` or an allocation counts for
//! whoever called it. The figures in docs/bench.md were taken on a server
//! built with `CARGO_PROFILE_RELEASE_DEBUG=line-tables-only` (xtask does
//! not set it: changing it rebuilds SurrealDB in release).
use std::collections::BTreeMap;
use std::path::{Path, PathBuf};
use std::process::{Child, Command, Stdio};
use std::time::Duration;

/// Samples per second per busy thread.
const HZ: u32 = 200;

/// A phase's samples charged: (component, share of the samples), largest
/// first, and the CPU seconds they stand for.
pub struct Charged {
    pub shares: Vec<(String, f64)>,
    pub cpu_s: f64,
}

/// A `perf record` attached to a process.
pub struct Profile {
    perf: Child,
    file: PathBuf,
}

/// The components a sample can be charged to, tried in order against each
/// frame from the innermost out: (substring of the symbol, component).
const COMPONENTS: &[(&[&str], &str)] = &[
    (&["surrealkv::"], "SurrealKV: memtable, log, commit"),
    (
        &["surrealdb_core::syn", "surrealdb_syn", "surrealdb_sql"],
        "SurrealDB: parse SurrealQL",
    ),
    (
        &["surrealdb_kvs", "surrealdb_core::kvs"],
        "SurrealDB: transaction and key-value layer",
    ),
    (
        &["convert_value", "surrealdb_types", "surrealdb::"],
        "SurrealDB SDK: values to and from JSON",
    ),
    (
        &["surrealdb_", "reblessive", "revision::", "storekey"],
        "SurrealDB: execute statements (documents, indexes, encoding)",
    ),
    (&["server::store::write"], "DVK: rows to write"),
    (
        &["server::store::records::pull", "PulledRecord", "PullPage"],
        "DVK: a pull page's rows to its answer",
    ),
    (&["shared::sync::strict"], "DVK: op fingerprints"),
    (
        &["shared::", "server::"],
        "DVK: rules, merge, apply, handlers",
    ),
    (
        &["hyper::", "axum::", "tower", "h2::", "http_body"],
        "HTTP (hyper, axum, tower)",
    ),
    (&["tokio::", "mio::"], "tokio runtime"),
    (&["argon2"], "argon2 (sign-in)"),
];

impl Profile {
    /// Starts sampling `pid` into `file`; None (and a line on stderr) when
    /// perf is missing or refuses.
    pub fn start(pid: u32, file: &Path) -> Option<Profile> {
        let perf = Command::new("perf")
            .args(["record", "-q", "-F", &HZ.to_string()])
            .args(["--call-graph", "dwarf,65528", "-p", &pid.to_string(), "-o"])
            .arg(file)
            .stdout(Stdio::null())
            .stderr(Stdio::null())
            .spawn();
        match perf {
            Ok(perf) => {
                // perf needs a moment to attach to every thread.
                std::thread::sleep(Duration::from_millis(500));
                Some(Profile {
                    perf,
                    file: file.to_owned(),
                })
            }
            Err(e) => {
                eprintln!("profile: perf did not start ({e}); install Debian's linux-perf");
                None
            }
        }
    }

    /// Stops sampling and charges the samples.
    pub fn stop(mut self) -> Charged {
        let _ = Command::new("kill")
            .args(["-INT", &self.perf.id().to_string()])
            .status();
        let _ = self.perf.wait();
        let script = Command::new("perf")
            .args(["script", "-F", "ip,sym", "--no-inline", "-i"])
            .arg(&self.file)
            .stderr(Stdio::null())
            .output();
        let Ok(script) = script else {
            return Charged {
                shares: Vec::new(),
                cpu_s: 0.0,
            };
        };
        charge(&String::from_utf8_lossy(&script.stdout))
    }
}

/// `perf script -F ip,sym` output: samples as blocks of frames (innermost
/// first) separated by blank lines.
fn charge(script: &str) -> Charged {
    let mut counts: BTreeMap<&str, usize> = BTreeMap::new();
    let mut samples = 0usize;
    for sample in script.split("\n\n").filter(|s| !s.trim().is_empty()) {
        samples += 1;
        let mut kernel_only = true;
        let mut owner = None;
        for frame in sample.lines() {
            let (address, symbol) = frame.trim().split_once(' ').unwrap_or((frame.trim(), ""));
            if address.starts_with("ffffffff") {
                continue; // the kernel, working for whoever called it
            }
            kernel_only = false;
            owner = COMPONENTS
                .iter()
                .find(|(needles, _)| needles.iter().any(|n| symbol.contains(n)))
                .map(|(_, name)| *name);
            if owner.is_some() {
                break;
            }
        }
        let owner = owner.unwrap_or(if kernel_only {
            "kernel only"
        } else {
            "not attributed (stack cut short)"
        });
        *counts.entry(owner).or_default() += 1;
    }
    let mut shares: Vec<(String, f64)> = counts
        .into_iter()
        .map(|(name, n)| (name.to_owned(), n as f64 / samples.max(1) as f64))
        .collect();
    shares.sort_by(|a, b| b.1.total_cmp(&a.1));
    Charged {
        shares,
        cpu_s: samples as f64 / f64::from(HZ),
    }
}
