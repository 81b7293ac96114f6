//! Saving from a screen: one field of one record into the device's outbox.
use leptos::prelude::Set;
use serde::Serialize;
use shared::sync::{Fields, RecordKind};
use uuid::Uuid;

use crate::strings;
use crate::sync;

/// Saves `value` as `field` of the record; says so if the device refused
/// (or the value could not be written down, which is never saved as null).
pub fn save(kind: RecordKind, id: Uuid, field: &str, value: impl Serialize) {
    let value = match serde_json::to_value(value) {
        Ok(value) => value,
        Err(error) => {
            if let Some(syncer) = sync::current() {
                syncer
                    .notice
                    .set(Some(format!("{} ({error})", strings::STORAGE_FAILED)));
            }
            return;
        }
    };
    let mut changes = Fields::new();
    changes.insert(field.to_owned(), value);
    save_all(kind, id, changes);
}

/// Saves several fields at once (a new record, a status move with its note).
pub fn save_all(kind: RecordKind, id: Uuid, changes: Fields) -> bool {
    let Some(syncer) = sync::current() else {
        return false;
    };
    match syncer.edit(kind, id, changes) {
        Ok(()) => true,
        Err(error) => {
            syncer
                .notice
                .set(Some(format!("{} ({error})", strings::STORAGE_FAILED)));
            false
        }
    }
}

/// Asks before something that cannot be undone.
pub fn confirm(question: &str) -> bool {
    leptos::prelude::window()
        .confirm_with_message(question)
        .unwrap_or(false)
}
