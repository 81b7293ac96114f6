//! `surreal start …`: SurrealDB's own server, for DVK's scale-out tests.
fn main() -> std::process::ExitCode {
    surrealdb_server::init(surrealdb_server::core::CommunityComposer())
}
