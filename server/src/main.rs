//! `server`: runs DVK. Settings come from `dvk.toml` and `DVK_*` variables
//! (see docs/operations.md).
use std::process::ExitCode;

use server::config::LogFormat;
use server::setup::NewAdmin;
use server::{AppState, Settings, router};
use tracing_subscriber::EnvFilter;

/// jemalloc instead of the system's malloc: memory freed after a large
/// answer or a city summary goes back to the system within seconds, where
/// glibc's kept it (docs/bench.md, "Memory").
#[global_allocator]
static ALLOCATOR: tikv_jemallocator::Jemalloc = tikv_jemallocator::Jemalloc;

#[derive(Debug, clap::Parser)]
#[command(name = "server", version = shared::VERSION, about = "DVK: serves the app and its API")]
struct Cli {
    #[command(subcommand)]
    command: Option<Command>,
}

#[derive(Debug, clap::Subcommand)]
enum Command {
    /// Serve the app and the API (what runs without a command).
    Serve,
    /// Create a commune's first admin (and the commune, if no commune has
    /// that name). The password is read from DVK_ADMIN_PASSWORD, else from
    /// the first line of standard input; there is no default password.
    CreateAdmin {
        /// "Đảng bộ xã Thanh Miện".
        #[arg(long)]
        commune: String,
        /// The place written in document date lines: "Thanh Miện".
        #[arg(long)]
        place: String,
        /// The city above the commune: "Hải Phòng".
        #[arg(long, default_value = "")]
        city: String,
        #[arg(long)]
        username: String,
        #[arg(long)]
        full_name: String,
    },
    /// Write a backup of the whole store into FILE, while the server runs
    /// and devices push (through the server's control socket), or from a
    /// stopped server's data folder or a SurrealDB server directly.
    Backup {
        /// The backup file to write (replaced if it exists).
        file: std::path::PathBuf,
    },
    /// Restore a backup made by `server backup` into an empty store (a new
    /// data folder; the server stopped). Devices that synced after the
    /// backup start over and keep their unsent changes.
    Restore {
        /// The backup file to read.
        file: std::path::PathBuf,
    },
}

#[tokio::main]
async fn main() -> ExitCode {
    let cli = <Cli as clap::Parser>::parse();
    let settings = match Settings::load() {
        Ok(settings) => settings,
        Err(error) => {
            eprintln!("dvk: {error}");
            return ExitCode::from(2);
        }
    };
    init_logging(settings.log_format);
    match cli.command {
        Some(Command::Backup { file }) => return backup(&settings, &file).await,
        Some(Command::Restore { file }) => return restore(&settings, &file).await,
        _ => {}
    }
    if let Some(Command::CreateAdmin {
        commune,
        place,
        city,
        username,
        full_name,
    }) = cli.command
    {
        let new = NewAdmin {
            commune,
            place,
            city,
            username,
            full_name,
            password: read_password(),
        };
        return create_admin(settings, new).await;
    }
    match serve(settings).await {
        Ok(()) => ExitCode::SUCCESS,
        Err(error) => {
            tracing::error!(%error, "server stopped");
            eprintln!("dvk: {error}");
            ExitCode::FAILURE
        }
    }
}

fn read_password() -> String {
    if let Ok(password) = std::env::var("DVK_ADMIN_PASSWORD") {
        return password;
    }
    let mut line = String::new();
    let _ = std::io::stdin().read_line(&mut line);
    line.trim_end_matches(['\r', '\n']).to_owned()
}

async fn create_admin(settings: Settings, new: NewAdmin) -> ExitCode {
    let store = match server::store::Store::open(&settings).await {
        Ok(store) => store,
        Err(error) => {
            eprintln!("dvk: {error}");
            return ExitCode::FAILURE;
        }
    };
    let now = (server::state::system_clock())();
    match server::setup::create_admin(&store, &new, now).await {
        Ok((user, commune)) => {
            println!(
                "{}",
                shared::messages::admin_created(&user.username, &commune.name)
            );
            ExitCode::SUCCESS
        }
        Err(error) => {
            eprintln!("dvk: {}: {error}", shared::messages::ADMIN_NOT_CREATED);
            ExitCode::FAILURE
        }
    }
}

/// An absolute path (the server behind the socket has its own working
/// directory).
fn absolute(file: &std::path::Path) -> std::path::PathBuf {
    std::path::absolute(file).unwrap_or_else(|_| file.to_owned())
}

async fn backup(settings: &Settings, file: &std::path::Path) -> ExitCode {
    let file = absolute(file);
    let socket = server::control::socket_path(settings);
    let asked = match &socket {
        Some(socket) => server::control::ask_backup(socket, &file).await,
        None => Ok(None),
    };
    let done = match asked {
        Ok(Some(done)) => Ok(done),
        // No server listening: the store is ours to open (stopped, or remote).
        Ok(None) => server::store::Store::backup_unopened(settings, &file)
            .await
            .map_err(|e| e.to_string()),
        Err(error) => Err(error),
    };
    match done {
        Ok(done) => {
            println!(
                "{}",
                shared::messages::backup_written(
                    &done.file.display().to_string(),
                    done.bytes,
                    done.head
                )
            );
            ExitCode::SUCCESS
        }
        Err(error) => {
            eprintln!("dvk: {}: {error}", shared::messages::BACKUP_FAILED);
            ExitCode::FAILURE
        }
    }
}

async fn restore(settings: &Settings, file: &std::path::Path) -> ExitCode {
    match server::store::Store::restore(settings, file).await {
        Ok(done) => {
            println!(
                "{}",
                shared::messages::restored(done.records, done.head, &done.epoch.id.to_string())
            );
            ExitCode::SUCCESS
        }
        Err(error) => {
            eprintln!("dvk: {}: {error}", shared::messages::RESTORE_FAILED);
            ExitCode::FAILURE
        }
    }
}

#[derive(Debug, thiserror::Error)]
enum ServeError {
    #[error(transparent)]
    Store(#[from] server::store::StoreError),
    #[error("cannot listen on {addr}: {source}")]
    Bind {
        addr: std::net::SocketAddr,
        source: std::io::Error,
    },
    #[error("cannot read the TLS certificate or key: {0}")]
    Tls(std::io::Error),
    #[error("server error: {0}")]
    Io(#[from] std::io::Error),
}

async fn serve(settings: Settings) -> Result<(), ServeError> {
    // A release carries the app inside (feature `embed`); only a
    // development build reads it from `dist/`.
    if cfg!(not(feature = "embed")) && !settings.dist.join("index.html").exists() {
        tracing::warn!(dist = %settings.dist.display(), "no built app found: run `cargo xtask dist`");
    }
    tracing::info!(?settings, "starting");
    let addr = settings.listen;
    let tls = settings
        .tls()
        .map(|(cert, key)| (cert.to_owned(), key.to_owned()));
    let state = AppState::open(settings).await?;
    if let Some(socket) = server::control::socket_path(&state.settings)
        && let Err(error) = server::control::listen(&socket, state.store.clone())
    {
        // Not fatal: the app works; only `server backup` cannot reach us.
        tracing::warn!(%error, socket = %socket.display(), "no control socket: online backup unavailable");
    }
    if !state.settings.demo && state.store.user_count().await? == 0 {
        tracing::warn!(
            "no accounts yet: create the first admin with `server create-admin --commune … --place … --username … --full-name …`"
        );
    }
    let app = router(state);
    // Listen for SIGTERM before saying we run: a supervisor (or a test)
    // that stops us right after the start line gets a graceful stop.
    let stop = shutdown_signal();
    let scheme = if tls.is_some() { "https" } else { "http" };
    let listener =
        std::net::TcpListener::bind(addr).map_err(|source| ServeError::Bind { addr, source })?;
    listener.set_nonblocking(true)?;
    let local = listener.local_addr()?;
    let shown = if local.ip().is_unspecified() {
        format!("{scheme}://127.0.0.1:{}", local.port())
    } else {
        format!("{scheme}://{local}")
    };
    // The one line on stdout (logs go to stderr); a closed pipe is no reason to stop.
    {
        use std::io::Write as _;
        let mut out = std::io::stdout();
        let written = writeln!(out, "{} {shown}", shared::messages::SERVER_RUNNING_AT)
            .and_then(|()| out.flush());
        if let Err(error) = written {
            tracing::warn!(%error, "cannot print the address on stdout");
        }
    }
    tracing::info!(url = %shown, "listening");

    match tls {
        Some((cert, key)) => {
            // Both providers are linked (SurrealDB brings aws-lc); pick one.
            let _ = rustls::crypto::ring::default_provider().install_default();
            let config = axum_server::tls_rustls::RustlsConfig::from_pem_file(cert, key)
                .await
                .map_err(ServeError::Tls)?;
            let handle = axum_server::Handle::new();
            let on_signal = handle.clone();
            tokio::spawn(async move {
                stop.await;
                on_signal.graceful_shutdown(Some(std::time::Duration::from_secs(10)));
            });
            axum_server::from_tcp_rustls(listener, config)
                .handle(handle)
                .serve(app.into_make_service_with_connect_info::<std::net::SocketAddr>())
                .await?;
        }
        None => {
            let listener = tokio::net::TcpListener::from_std(listener)?;
            axum::serve(
                listener,
                app.into_make_service_with_connect_info::<std::net::SocketAddr>(),
            )
            .with_graceful_shutdown(stop)
            .await?;
        }
    }
    Ok(())
}

/// Resolves on Ctrl-C or SIGTERM; the SIGTERM handler is installed when
/// this is called, not when first awaited.
fn shutdown_signal() -> impl std::future::Future<Output = ()> + Send {
    #[cfg(unix)]
    let sigterm = tokio::signal::unix::signal(tokio::signal::unix::SignalKind::terminate()).ok();
    async move {
        let ctrl_c = async {
            if tokio::signal::ctrl_c().await.is_err() {
                std::future::pending::<()>().await;
            }
        };
        let terminate = async move {
            #[cfg(unix)]
            if let Some(mut signal) = sigterm {
                signal.recv().await;
                return;
            }
            std::future::pending::<()>().await;
        };
        tokio::select! {
            () = ctrl_c => {},
            () = terminate => {},
        }
        tracing::info!("shutting down");
    }
}

fn init_logging(format: LogFormat) {
    let filter = EnvFilter::try_from_default_env()
        .unwrap_or_else(|_| EnvFilter::new("info,surrealdb=warn,surrealdb_core=warn"));
    let builder = tracing_subscriber::fmt()
        .with_env_filter(filter)
        .with_writer(std::io::stderr);
    match format {
        LogFormat::Json => builder.json().init(),
        LogFormat::Text => builder.init(),
    }
}
