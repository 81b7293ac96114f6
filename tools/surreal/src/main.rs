//! `surreal start …`: SurrealDB's own server, for DVK's scale-out tests.
// The release build computes the layout of SurrealDB's deepest async
// functions here, past the default limit of 128.
#![recursion_limit = "256"]
fn main() -> std::process::ExitCode {
    surrealdb_server::init(surrealdb_server::core::CommunityComposer())
}
