//! One line of a segment: `<kind>\t<id>\t<version>\t<c|->\t<record JSON>`,
//! whose head is read without parsing the JSON, and its JSON typed as a
//! reader asks.
use serde::de::DeserializeOwned;
use uuid::Uuid;

use crate::sync::protocol::{RecordKind, RecordState, marks_deleted};
use crate::sync::storage::StorageError;

/// The head of one line: kind, id, version, conflicted, where the JSON starts.
pub(super) fn head(line: &str) -> Option<(RecordKind, Uuid, u64, bool, usize)> {
    let mut parts = line.splitn(5, '\t');
    let kind = RecordKind::parse(parts.next()?)?;
    let id = parts.next()?.parse().ok()?;
    let version = parts.next()?.parse().ok()?;
    let conflicted = match parts.next()? {
        "c" => true,
        "-" => false,
        _ => return None,
    };
    let json = parts.next()?;
    Some((kind, id, version, conflicted, line.len() - json.len()))
}

/// One line for a record.
pub(super) fn line_of(record: &RecordState) -> Result<String, StorageError> {
    let json = serde_json::to_string(record).map_err(|e| StorageError::Write(e.to_string()))?;
    let flag = if record.conflicts.is_empty() {
        '-'
    } else {
        'c'
    };
    Ok(format!(
        "{}\t{}\t{}\t{flag}\t{json}\n",
        record.kind.as_str(),
        record.id,
        record.version
    ))
}

/// A stored record with only the fields the reader asks for.
#[derive(serde::Deserialize)]
struct Held<T> {
    fields: T,
}

/// The stored text of a record that marks it deleted (checked the slow way).
const DELETED_KEY: &str = "\"_deleted\"";

/// A line's record JSON typed as `T`; None if it is deleted or does not
/// read as `T`.
pub(crate) fn type_record<T: DeserializeOwned>(json: &str) -> Option<T> {
    if json.contains(DELETED_KEY) {
        let record: RecordState = serde_json::from_str(json).ok()?;
        if marks_deleted(&record.fields) {
            return None;
        }
        return T::deserialize(&record.fields).ok();
    }
    serde_json::from_str::<Held<T>>(json).ok().map(|h| h.fields)
}
