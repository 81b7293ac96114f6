//! The server copies of records on the device, as a log of segments.
//!
//! A device of a reviewer holds a whole commune for years: tens of
//! thousands of records. Read one by one at start-up they take seconds; so
//! they are stored in segments of many records each (`log/<n>-<writer>`,
//! one storage entry each, which the browser reads in a few large pieces),
//! and a record is parsed only when it is first read. A segment is a text
//! of lines `<kind>\t<id>\t<version>\t<c|->\t<record JSON>`, so the index
//! (which version of which record, and whether it has conflicts) is built
//! by splitting lines, without parsing any JSON.
//!
//! Segments are never rewritten: new server copies go into a new segment;
//! the newest version of a record wins wherever it is. The writer part of
//! the key keeps two tabs from ever writing the same key. Small segments
//! are merged, and all segments rewritten once most of their bytes are
//! superseded (`compact`), each time as one batch of writes, so storage
//! that commits a batch at once (the browser's) never holds half of it.
//!
//! This file holds the index and its reads; `line` the text of one line,
//! `write` what adds and drops records, `compact` the rewrites, `side`
//! the typed summaries kept beside the segments.
use std::cell::OnceCell;
use std::collections::BTreeMap;
use std::collections::btree_map::Entry as Place;
use std::rc::Rc;

use uuid::Uuid;

use super::super::protocol::{RecordKind, RecordState};
use super::super::storage::{KeyValue, SharedText, StorageError};

mod compact;
mod line;
mod side;
mod write;

pub(crate) use line::type_record;
pub use side::{Entry, SIDE, Summarized, read_plain, write_plain};

use line::head;

pub(crate) const LOG: &str = "log/";
/// The key of the records held in memory only (`hold_unstored`).
const UNSTORED: &str = "log/unstored";

struct Segment {
    text: SharedText,
    /// Bytes of lines that are no longer the newest copy of their record.
    dead: usize,
}

struct Slot {
    version: u64,
    conflicted: bool,
    /// The segment's key, shared by its slots (not a copy each).
    segment: Rc<str>,
    /// Byte range of the whole line (without the newline) and of its JSON.
    line: (usize, usize),
    json: usize,
    parsed: OnceCell<Option<RecordState>>,
}

/// The records, by (kind, id).
#[derive(Default)]
pub(crate) struct RecordLog {
    segments: BTreeMap<String, Segment>,
    slots: BTreeMap<(RecordKind, Uuid), Slot>,
    conflicted: usize,
    /// Highest segment number seen, so new keys sort after old ones.
    last: u64,
    /// Segments with lines that did not read, for the engine to keep a
    /// copy aside and warn (the lines are dropped when the segment is
    /// rewritten).
    pub(crate) bad: Vec<String>,
    /// The summaries read this session (`side`), so listing again after a
    /// change parses none of the unchanged segments' again.
    read_summaries: side::ReadSummaries,
}

/// The segment number in a log key (`log/<n>-<writer>`), 0 if none.
fn number_of(key: &str) -> u64 {
    key.strip_prefix(LOG)
        .and_then(|rest| rest.split('-').next())
        .and_then(|n| n.parse().ok())
        .unwrap_or(0)
}

impl RecordLog {
    /// Reads every segment in storage and indexes its lines.
    pub(crate) fn load(store: &impl KeyValue) -> Result<RecordLog, StorageError> {
        let mut log = RecordLog::default();
        for key in store.keys(LOG)? {
            if key.starts_with(side::SIDE) {
                continue;
            }
            if let Some(text) = store.get_shared(&key)? {
                log.last = log.last.max(number_of(&key));
                log.index(key, text);
            }
        }
        log.recount();
        Ok(log)
    }

    fn index(&mut self, key: String, text: SharedText) {
        let name: Rc<str> = Rc::from(key.as_str());
        let mut bad = false;
        let mut start = 0;
        for line in text.split_inclusive('\n') {
            let body = line.strip_suffix('\n').unwrap_or(line);
            let range = (start, start + body.len());
            start += line.len();
            if body.is_empty() {
                continue;
            }
            let Some((kind, id, version, conflicted, json)) = head(body) else {
                bad = true;
                continue;
            };
            let slot = Slot {
                version,
                conflicted,
                segment: name.clone(),
                line: range,
                json: range.0 + json,
                parsed: OnceCell::new(),
            };
            self.place(kind, id, slot, None);
        }
        if bad {
            self.bad.push(key.clone());
        }
        self.segments.insert(key, Segment { text, dead: 0 });
    }

    /// Puts `slot` in place if it is newer; the loser's bytes count as dead.
    fn place(&mut self, kind: RecordKind, id: Uuid, slot: Slot, parsed: Option<RecordState>) {
        let new_conflicted = slot.conflicted;
        let set = |slot: &Slot| {
            if let Some(parsed) = parsed {
                let _ = slot.parsed.set(Some(parsed));
            }
        };
        match self.slots.entry((kind, id)) {
            Place::Occupied(mut held) => {
                if held.get().version >= slot.version {
                    return;
                }
                set(&slot);
                if held.insert(slot).conflicted {
                    self.conflicted -= 1;
                }
            }
            Place::Vacant(free) => {
                set(&slot);
                free.insert(slot);
            }
        }
        if new_conflicted {
            self.conflicted += 1;
        }
    }

    /// Dead bytes per segment: everything not a current slot's line.
    fn recount(&mut self) {
        let mut live: BTreeMap<&str, usize> = BTreeMap::new();
        for slot in self.slots.values() {
            *live.entry(&*slot.segment).or_default() += slot.line.1 - slot.line.0 + 1;
        }
        let dead: Vec<(String, usize)> = self
            .segments
            .iter()
            .map(|(key, s)| {
                let alive = live.get(key.as_str()).copied().unwrap_or(0);
                (key.clone(), s.text.len().saturating_sub(alive))
            })
            .collect();
        for (key, dead) in dead {
            if let Some(segment) = self.segments.get_mut(&key) {
                segment.dead = dead;
            }
        }
    }

    pub(crate) fn len(&self) -> usize {
        self.slots.len()
    }

    pub(crate) fn conflicted(&self) -> usize {
        self.conflicted
    }

    pub(crate) fn version(&self, kind: RecordKind, id: Uuid) -> Option<u64> {
        self.slots.get(&(kind, id)).map(|s| s.version)
    }

    /// Whether the held copy of the record has conflicts.
    pub(crate) fn is_conflicted(&self, kind: RecordKind, id: Uuid) -> bool {
        self.slots.get(&(kind, id)).is_some_and(|s| s.conflicted)
    }

    pub(crate) fn contains(&self, kind: RecordKind, id: Uuid) -> bool {
        self.slots.contains_key(&(kind, id))
    }

    /// The record, parsed on first read (None if unknown or unreadable).
    pub(crate) fn get(&self, kind: RecordKind, id: Uuid) -> Option<&RecordState> {
        let slot = self.slots.get(&(kind, id))?;
        slot.parsed
            .get_or_init(|| {
                let text = &self.segments.get(&*slot.segment)?.text;
                serde_json::from_str(text.get(slot.json..slot.line.1)?).ok()
            })
            .as_ref()
    }

    /// The stored JSON of a record, as the server sent it (for backups).
    pub(crate) fn raw(&self, kind: RecordKind, id: Uuid) -> Option<&str> {
        let slot = self.slots.get(&(kind, id))?;
        self.segments
            .get(&*slot.segment)?
            .text
            .get(slot.json..slot.line.1)
    }

    /// The ids of every record of `kind`, in id order.
    pub(crate) fn ids(&self, kind: RecordKind) -> impl Iterator<Item = Uuid> + '_ {
        self.slots
            .range((kind, Uuid::nil())..=(kind, Uuid::max()))
            .map(|((_, id), _)| *id)
    }

    pub(crate) fn keys(&self) -> impl Iterator<Item = (RecordKind, Uuid)> + '_ {
        self.slots.keys().copied()
    }

    /// Bytes stored: (live, superseded).
    pub(crate) fn bytes(&self) -> (usize, usize) {
        let total: usize = self.segments.values().map(|s| s.text.len()).sum();
        let dead: usize = self.segments.values().map(|s| s.dead).sum();
        (total - dead, dead)
    }
}
