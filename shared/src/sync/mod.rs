//! Offline sync: the wire protocol, the server's field-level merge, and the
//! client engine. Plain Rust with no I/O of its own: the engine is driven by
//! the app (browser storage, fetch) and by the simulation test alike.
//! The protocol is written up in docs/sync.md.
pub mod backup;
pub mod driver;
pub mod engine;
pub mod merge;
pub mod protocol;
pub mod rules;
pub mod storage;
pub mod strict;

pub use driver::{EngineCell, Lease, Progress, SyncOptions, SyncOutcome, Transport, sync_once};
pub use engine::{DataMark, Engine, RecordView, SIDE, Standing, Summarized, Summary, SyncStatus};
pub use protocol::*;
pub use storage::{KeyValue, MemoryStorage, SharedText, StorageError};
