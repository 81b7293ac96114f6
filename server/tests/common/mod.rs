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
pub fn read_url(child: &mut Child) -> String {
    let mut line = String::new();
    BufReader::new(child.stdout.take().expect("stdout piped"))
        .read_line(&mut line)
        .expect("read the start line");
    assert!(line.starts_with("DVK đang chạy tại "), "{line}");
    line.trim()
        .rsplit(' ')
        .next()
        .unwrap_or_default()
        .to_owned()
}
