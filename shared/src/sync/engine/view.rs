//! What the UI reads from the engine: each record as the person sees it
//! (server copy plus local changes) and where it stands in sync.
use chrono::{DateTime, Utc};
use serde::de::DeserializeOwned;
use serde::{Deserialize, Serialize};
use uuid::Uuid;

use super::log::{Summarized, type_record};
use super::{Engine, KeyValue};
use crate::sync::protocol::{Conflict, Fields, RecordKind, marks_deleted};
use crate::validate::FieldError;

/// Where one record stands, most urgent first.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize, Deserialize)]
#[serde(rename_all = "snake_case")]
pub enum SyncStatus {
    /// The server refused a change; it is kept here with the reason.
    Rejected,
    /// Two sides changed the same field; a person must pick.
    Conflict,
    /// Never reached the server yet.
    LocalOnly,
    /// The server has it; newer changes wait to be sent.
    Pending,
    /// Same as the server's copy.
    Synced,
}

impl SyncStatus {
    pub fn label(self) -> &'static str {
        match self {
            SyncStatus::Rejected => "Bị từ chối",
            SyncStatus::Conflict => "Có xung đột",
            SyncStatus::LocalOnly => "Chỉ có trên máy này",
            SyncStatus::Pending => "Đang chờ gửi",
            SyncStatus::Synced => "Đã đồng bộ",
        }
    }
}

#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
pub struct Rejection {
    pub code: String,
    pub message: String,
    pub errors: Vec<FieldError>,
}

#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
pub struct RecordView {
    pub kind: RecordKind,
    pub id: Uuid,
    /// The server version the view is based on (0: never synced).
    pub version: u64,
    pub fields: Fields,
    pub status: SyncStatus,
    pub conflicts: Vec<Conflict>,
    pub rejections: Vec<Rejection>,
    /// When the unit's own data in the server's copy reached the server.
    pub arrived_at: Option<DateTime<Utc>>,
}

/// Where a record stands, without its fields: what a long list shows
/// next to each record (home's models).
#[derive(Debug, Clone, PartialEq)]
pub struct Standing {
    pub id: Uuid,
    pub status: SyncStatus,
    pub rejections: Vec<Rejection>,
}

/// What the screens read of the device's records, in brief: the history
/// pulled (its epoch and cursor), what waits to be sent, what the server
/// refused, the conflicts. Records change only through these (a pull moves
/// the cursor, an answered op leaves the outbox, a refusal or a conflict is
/// counted, an edit adds or folds into an op), so a sync that leaves the
/// mark as it was changed nothing a screen shows: the app moves its data
/// version only when the mark moves (`Engine::data_mark`). An edit folded
/// into an op still waiting keeps its key: the tab that edits says so
/// itself, and a tab told of another's writes re-reads without asking.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct DataMark {
    epoch: Option<Uuid>,
    cursor: u64,
    rebase: bool,
    outbox: Vec<String>,
    rejected: Vec<Uuid>,
    conflicts: usize,
}

/// The sync bar's numbers.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
pub struct Summary {
    pub pending_ops: usize,
    pub pending_records: usize,
    pub conflicts: usize,
    pub rejected: usize,
    pub sending: bool,
    pub last_synced_at: Option<DateTime<Utc>>,
    pub last_error: Option<String>,
    pub next_attempt: Option<DateTime<Utc>>,
    pub cursor: u64,
}

impl<S: KeyValue> Engine<S> {
    /// A record as the person sees it, or None if unknown or deleted.
    pub fn view(&self, kind: RecordKind, id: Uuid) -> Option<RecordView> {
        let base = self.log.get(kind, id);
        let mine = |k: RecordKind, i: Uuid| k == kind && i == id;
        let refused = self.rejected_of(kind, id);
        let pending: Vec<_> = self
            .outbox
            .values()
            .filter(|op| mine(op.kind, op.record_id))
            .collect();
        if base.is_none() && refused.is_empty() && pending.is_empty() {
            return None;
        }
        let mut fields = base.map(|b| b.fields.clone()).unwrap_or_default();
        for rejected in &refused {
            fields.extend(rejected.op.changes.clone());
        }
        for op in &pending {
            fields.extend(op.changes.clone());
        }
        if marks_deleted(&fields) {
            return None;
        }
        let conflicts: Vec<Conflict> = base
            .map(|b| {
                // A pending resolution hides the conflict it settles.
                b.conflicts
                    .iter()
                    .filter(|c| !pending.iter().any(|op| op.resolves.contains(&c.field)))
                    .cloned()
                    .collect()
            })
            .unwrap_or_default();
        let status = if !refused.is_empty() {
            SyncStatus::Rejected
        } else if !conflicts.is_empty() {
            SyncStatus::Conflict
        } else if base.is_none() {
            SyncStatus::LocalOnly
        } else if !pending.is_empty() {
            SyncStatus::Pending
        } else {
            SyncStatus::Synced
        };
        Some(RecordView {
            kind,
            id,
            version: base.map_or(0, |b| b.version),
            fields,
            status,
            conflicts,
            rejections: refused
                .iter()
                .map(|r| Rejection {
                    code: r.code.clone(),
                    message: r.message.clone(),
                    errors: r.errors.clone(),
                })
                .collect(),
            arrived_at: base.and_then(|b| b.arrived_at),
        })
    }

    /// Every visible record of a kind, in id order (UUIDv7: creation order).
    pub fn views(&self, kind: RecordKind) -> Vec<RecordView> {
        let mut ids: Vec<Uuid> = self
            .log
            .ids(kind)
            .chain(
                self.outbox
                    .values()
                    .filter(|op| op.kind == kind)
                    .map(|op| op.record_id),
            )
            .chain(
                self.rejected
                    .values()
                    .filter(|r| r.op.kind == kind)
                    .map(|r| r.op.record_id),
            )
            .collect();
        ids.sort();
        ids.dedup();
        ids.into_iter()
            .filter_map(|id| self.view(kind, id))
            .collect()
    }

    /// Every visible record of a kind, in id order, as `read` makes it of
    /// the record's fields and arrival ([`RecordView::fields`],
    /// [`RecordView::arrived_at`]); records `read` refuses are left out.
    /// The same records as [`Self::views`], but a record without local
    /// changes is read where it is held, not copied: the dashboard reads
    /// a whole commune this way on each open.
    pub fn read_all<T>(
        &self,
        kind: RecordKind,
        mut read: impl FnMut(&Fields, Option<DateTime<Utc>>) -> Option<T>,
    ) -> Vec<T> {
        let (ids, changed) = self.ids_and_changed(kind);
        ids.into_iter()
            .filter_map(|id| {
                if changed.contains(&id) {
                    let view = self.view(kind, id)?;
                    read(&view.fields, view.arrived_at)
                } else {
                    let base = self.log.get(kind, id)?;
                    if marks_deleted(&base.fields) {
                        return None;
                    }
                    read(&base.fields, base.arrived_at)
                }
            })
            .collect()
    }

    /// Every visible record of a kind as `T`, in id order, with where it
    /// stands: the records of [`Self::views`], typed as their fields. A
    /// record without local changes is typed straight from its stored
    /// text, without making (or keeping) the JSON value of the record:
    /// the reviewer's queue types a commune's thousands this way. Records
    /// that do not read as `T` are left out.
    pub fn typed_all<T: DeserializeOwned>(&self, kind: RecordKind) -> Vec<(T, Standing)> {
        let (ids, changed) = self.ids_and_changed(kind);
        ids.into_iter()
            .filter_map(|id| {
                if changed.contains(&id) {
                    return self.typed_view(kind, id);
                }
                let typed = self.log.raw(kind, id).and_then(type_record)?;
                Some((typed, self.standing_held(kind, id)))
            })
            .collect()
    }

    /// [`Self::typed_all`], with the records without local changes read
    /// from the summaries kept beside the log's segments ([`Summarized`]),
    /// made and stored on the first read of a segment. Home's list at
    /// start-up: small summaries read instead of every model typed from
    /// megabytes of JSON (docs/device.md).
    pub fn listed<T: Summarized>(&mut self, kind: RecordKind) -> Vec<(T, Standing)> {
        let (ids, changed) = self.ids_and_changed(kind);
        let mut held = self
            .log
            .summarized::<T>(&mut self.store, kind)
            .into_iter()
            .peekable();
        ids.into_iter()
            .filter_map(|id| {
                // Both in id order: skip what is changed here or unknown.
                while held.next_if(|(h, _)| *h < id).is_some() {}
                let stored = held.next_if(|(h, _)| *h == id).map(|(_, t)| t);
                if changed.contains(&id) {
                    return self.typed_view(kind, id);
                }
                Some((stored?, self.standing_held(kind, id)))
            })
            .collect()
    }

    /// A record with local changes, typed from its view.
    fn typed_view<T: DeserializeOwned>(&self, kind: RecordKind, id: Uuid) -> Option<(T, Standing)> {
        let view = self.view(kind, id)?;
        let typed = T::deserialize(&view.fields).ok()?;
        Some((
            typed,
            Standing {
                id,
                status: view.status,
                rejections: view.rejections,
            },
        ))
    }

    /// Where a record without local changes stands.
    fn standing_held(&self, kind: RecordKind, id: Uuid) -> Standing {
        let status = if self.log.is_conflicted(kind, id) {
            SyncStatus::Conflict
        } else {
            SyncStatus::Synced
        };
        Standing {
            id,
            status,
            rejections: Vec::new(),
        }
    }

    /// Every id of a kind held or changed here, in id order, and those
    /// with changes not yet sent or refused.
    fn ids_and_changed(&self, kind: RecordKind) -> (Vec<Uuid>, std::collections::BTreeSet<Uuid>) {
        let changed = self.changed_ids(kind);
        let mut ids: Vec<Uuid> = self.log.ids(kind).chain(changed.iter().copied()).collect();
        if !changed.is_empty() {
            ids.sort();
            ids.dedup();
        }
        (ids, changed)
    }

    /// The records of a kind with changes not yet sent or refused.
    fn changed_ids(&self, kind: RecordKind) -> std::collections::BTreeSet<Uuid> {
        self.outbox
            .values()
            .filter(|op| op.kind == kind)
            .map(|op| op.record_id)
            .chain(
                self.rejected
                    .values()
                    .filter(|r| r.op.kind == kind)
                    .map(|r| r.op.record_id),
            )
            .collect()
    }

    /// The records' mark now ([`DataMark`]).
    #[must_use]
    pub fn data_mark(&self) -> DataMark {
        DataMark {
            epoch: self.meta.epoch,
            cursor: self.meta.cursor,
            rebase: self.meta.rebase,
            outbox: self.outbox.keys().cloned().collect(),
            rejected: self.rejected.keys().copied().collect(),
            conflicts: self.log.conflicted(),
        }
    }

    pub fn summary(&self) -> Summary {
        let mut pending_records: Vec<(RecordKind, Uuid)> = self
            .outbox
            .values()
            .map(|op| (op.kind, op.record_id))
            .collect();
        pending_records.sort();
        pending_records.dedup();
        Summary {
            pending_ops: self.outbox.len(),
            pending_records: pending_records.len(),
            conflicts: self.log.conflicted(),
            rejected: self.rejected.len(),
            sending: !self.in_flight.is_empty(),
            last_synced_at: self.meta.last_synced_at,
            last_error: self.meta.last_error.clone(),
            next_attempt: self.meta.next_attempt,
            cursor: self.meta.cursor,
        }
    }
}
