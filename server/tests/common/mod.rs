//! Running the `server` binary in tests.
pub mod device;

use std::io::{BufRead, BufReader};
use std::process::{Child, Command};

/// The server binary with only the settings a test gives it: none of the
/// caller's `DVK_*` variables (the test runner sets some of its own).
pub fn server_command() -> Command {
    let mut cmd = Command::new(env!("CARGO_BIN_EXE_server"));
    for (key, _) in std::env::vars_os() {
        if key.to_string_lossy().starts_with("DVK_") {
            cmd.env_remove(key);
        }
    }
    cmd.env("DVK_DIST", "/nonexistent-dist")
        .current_dir(std::env::temp_dir());
    cmd
}

/// The URL from the server's one stdout line, "DVK đang chạy tại <url>".
/// A server that has printed nothing after a minute fails the test
/// instead of holding it.
pub fn read_url(child: &mut Child) -> String {
    let stdout = child.stdout.take().expect("stdout piped");
    let (sent, line) = std::sync::mpsc::channel();
    std::thread::spawn(move || {
        let mut line = String::new();
        let read = BufReader::new(stdout).read_line(&mut line).map(|_| line);
        let _ = sent.send(read);
    });
    let Ok(line) = line.recv_timeout(std::time::Duration::from_secs(60)) else {
        let _ = child.kill();
        let _ = child.wait();
        panic!("the server printed no address within a minute");
    };
    let line = line.expect("read the start line");
    assert!(line.starts_with("DVK đang chạy tại "), "{line}");
    line.trim()
        .rsplit(' ')
        .next()
        .unwrap_or_default()
        .to_owned()
}
