//! The control socket: a Unix socket beside the data folder (mode 0600,
//! so only the account the server runs as may use it) through which
//! `server backup FILE` asks the running server for an online backup. An
//! embedded store is locked by the process that has it open, so the backup
//! must be made by that process; over the socket it is, while devices push.
//!
//! One request per connection, one JSON line each way:
//! `{"backup":"/abs/file"}` → `{"ok":{"file":…,"bytes":…,"head":…}}` or
//! `{"error":"…"}`.
use std::path::{Path, PathBuf};

use serde::{Deserialize, Serialize};

use crate::config::Settings;
use crate::store::Store;
use crate::store::backup::Backup;

#[derive(Debug, Serialize, Deserialize)]
#[serde(rename_all = "snake_case")]
enum Request {
    Backup(PathBuf),
}

#[derive(Debug, Serialize, Deserialize)]
#[serde(rename_all = "snake_case")]
enum Answer {
    Ok(Backup),
    Error(String),
}

/// Where the control socket is: the `control_socket` setting, else beside
/// an embedded store's folder (`<folder>.sock`); none for `mem://` and a
/// SurrealDB server (`server backup` reaches those directly).
pub fn socket_path(settings: &Settings) -> Option<PathBuf> {
    if let Some(path) = &settings.control_socket {
        return Some(path.clone());
    }
    let dir = settings.store.trim().strip_prefix("surrealkv://")?;
    let dir = dir.split('?').next().unwrap_or(dir).trim_end_matches('/');
    (!dir.is_empty()).then(|| PathBuf::from(format!("{dir}.sock")))
}

/// Starts answering on the control socket (replacing a stale socket file a
/// killed server left).
#[cfg(unix)]
pub fn listen(path: &Path, store: Store) -> std::io::Result<()> {
    use std::os::unix::fs::PermissionsExt;
    use tokio::io::{AsyncBufReadExt, AsyncReadExt, AsyncWriteExt, BufReader};

    if path.exists() {
        std::fs::remove_file(path)?;
    }
    let listener = tokio::net::UnixListener::bind(path)?;
    std::fs::set_permissions(path, std::fs::Permissions::from_mode(0o600))?;
    tokio::spawn(async move {
        loop {
            let Ok((stream, _)) = listener.accept().await else {
                continue;
            };
            let store = store.clone();
            tokio::spawn(async move {
                let (read, mut write) = stream.into_split();
                let mut line = String::new();
                let mut reader = BufReader::new(read).take(64 * 1024);
                if reader.read_line(&mut line).await.is_err() {
                    return;
                }
                let answer = match serde_json::from_str::<Request>(&line) {
                    Ok(Request::Backup(file)) => {
                        tracing::info!(file = %file.display(), "backup asked for");
                        match store.backup(&file).await {
                            Ok(done) => {
                                tracing::info!(
                                    bytes = done.bytes,
                                    head = done.head,
                                    "backup written"
                                );
                                Answer::Ok(done)
                            }
                            Err(error) => {
                                tracing::error!(%error, "backup failed");
                                Answer::Error(error.to_string())
                            }
                        }
                    }
                    Err(error) => Answer::Error(format!("bad request: {error}")),
                };
                let mut text = serde_json::to_string(&answer).unwrap_or_default();
                text.push('\n');
                let _ = write.write_all(text.as_bytes()).await;
            });
        }
    });
    Ok(())
}

#[cfg(not(unix))]
pub fn listen(_path: &Path, _store: Store) -> std::io::Result<()> {
    Ok(())
}

/// Asks the server listening on `socket` for a backup into `file`.
/// `Ok(None)`: no server is listening there.
#[cfg(unix)]
pub async fn ask_backup(socket: &Path, file: &Path) -> Result<Option<Backup>, String> {
    use tokio::io::{AsyncBufReadExt, AsyncWriteExt, BufReader};

    let Ok(stream) = tokio::net::UnixStream::connect(socket).await else {
        return Ok(None);
    };
    let (read, mut write) = stream.into_split();
    let mut text =
        serde_json::to_string(&Request::Backup(file.to_owned())).map_err(|e| e.to_string())?;
    text.push('\n');
    write
        .write_all(text.as_bytes())
        .await
        .map_err(|e| format!("{}: {e}", socket.display()))?;
    let mut line = String::new();
    BufReader::new(read)
        .read_line(&mut line)
        .await
        .map_err(|e| format!("{}: {e}", socket.display()))?;
    match serde_json::from_str::<Answer>(&line) {
        Ok(Answer::Ok(done)) => Ok(Some(done)),
        Ok(Answer::Error(error)) => Err(error),
        Err(_) => Err(format!(
            "{}: the server closed the connection without an answer",
            socket.display()
        )),
    }
}

#[cfg(not(unix))]
pub async fn ask_backup(_socket: &Path, _file: &Path) -> Result<Option<Backup>, String> {
    Ok(None)
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn the_socket_sits_beside_an_embedded_store() {
        let at = |store: &str| {
            socket_path(&Settings {
                store: store.into(),
                ..Settings::default()
            })
        };
        assert_eq!(
            at("surrealkv:///var/lib/dvk/data"),
            Some(PathBuf::from("/var/lib/dvk/data.sock"))
        );
        assert_eq!(at("surrealkv://data/"), Some(PathBuf::from("data.sock")));
        assert_eq!(at("mem://"), None);
        assert_eq!(at("ws://127.0.0.1:8000"), None);
        let set = Settings {
            control_socket: Some(PathBuf::from("/run/dvk/control.sock")),
            store: "mem://".into(),
            ..Settings::default()
        };
        assert_eq!(
            socket_path(&set),
            Some(PathBuf::from("/run/dvk/control.sock"))
        );
    }
}
