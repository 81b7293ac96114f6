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
use std::cell::OnceCell;
use std::collections::BTreeMap;
use std::rc::Rc;

use uuid::Uuid;

use super::super::protocol::{RecordKind, RecordState};
use super::super::storage::{KeyValue, StorageError};

pub(crate) const LOG: &str = "log/";

/// A segment smaller than this is "small": merged with the others once
/// there are `SMALL_MERGE` of them.
const SMALL_BYTES: usize = 128 * 1024;
const SMALL_MERGE: usize = 8;
/// Rewritten segments are cut at about this size.
const SEGMENT_BYTES: usize = 512 * 1024;
/// Everything is rewritten when superseded bytes exceed live ones past this total.
const COMPACT_FLOOR: usize = 1024 * 1024;

struct Segment {
    text: Rc<str>,
    /// Bytes of lines that are no longer the newest copy of their record.
    dead: usize,
}

struct Slot {
    version: u64,
    conflicted: bool,
    segment: String,
    /// Byte range of the whole line (without the newline) and of its JSON.
    line: (usize, usize),
    json: usize,
    parsed: OnceCell<Option<RecordState>>,
}

/// A line moved by a rewrite: its record, new line range, JSON offset.
type Moved = ((RecordKind, Uuid), (usize, usize), usize);

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
}

/// The head of one line: kind, id, version, conflicted, where the JSON starts.
fn head(line: &str) -> Option<(RecordKind, Uuid, u64, bool, usize)> {
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
fn line_of(record: &RecordState) -> Result<String, StorageError> {
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
            if let Some(text) = store.get(&key)? {
                log.last = log.last.max(number_of(&key));
                log.index(key, Rc::from(text));
            }
        }
        log.recount();
        Ok(log)
    }

    fn index(&mut self, key: String, text: Rc<str>) {
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
                segment: key.clone(),
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
        if let Some(old) = self.slots.get(&(kind, id))
            && old.version >= slot.version
        {
            return;
        }
        if let Some(parsed) = parsed {
            let _ = slot.parsed.set(Some(parsed));
        }
        let new_conflicted = slot.conflicted;
        if let Some(old) = self.slots.insert((kind, id), slot)
            && old.conflicted
        {
            self.conflicted -= 1;
        }
        if new_conflicted {
            self.conflicted += 1;
        }
    }

    /// Dead bytes per segment: everything not a current slot's line.
    fn recount(&mut self) {
        let mut live: BTreeMap<&str, usize> = BTreeMap::new();
        for slot in self.slots.values() {
            *live.entry(slot.segment.as_str()).or_default() += slot.line.1 - slot.line.0 + 1;
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
                let text = &self.segments.get(&slot.segment)?.text;
                serde_json::from_str(text.get(slot.json..slot.line.1)?).ok()
            })
            .as_ref()
    }

    /// The stored JSON of a record, as the server sent it (for backups).
    pub(crate) fn raw(&self, kind: RecordKind, id: Uuid) -> Option<&str> {
        let slot = self.slots.get(&(kind, id))?;
        self.segments
            .get(&slot.segment)?
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

    /// Stores the records newer than the copies held, as one new segment
    /// named with `writer`; returns how many were newer.
    pub(crate) fn put(
        &mut self,
        store: &mut impl KeyValue,
        records: Vec<RecordState>,
        writer: Uuid,
    ) -> Result<usize, StorageError> {
        let mut text = String::new();
        let mut newer = Vec::new();
        for record in records {
            if self
                .version(record.kind, record.id)
                .is_some_and(|v| v >= record.version)
                || newer.iter().any(|(r, _): &(RecordState, _)| {
                    r.kind == record.kind && r.id == record.id && r.version >= record.version
                })
            {
                continue;
            }
            let line = line_of(&record)?;
            let start = text.len();
            text.push_str(&line);
            newer.push((record, (start, text.len() - 1)));
        }
        if newer.is_empty() {
            return Ok(0);
        }
        let key = self.new_key(writer);
        store.set(&key, &text)?;
        let count = newer.len();
        let text: Rc<str> = Rc::from(text);
        self.segments.insert(
            key.clone(),
            Segment {
                text: text.clone(),
                dead: 0,
            },
        );
        for (record, range) in newer {
            let json = head(&text[range.0..range.1]).map_or(range.0, |h| range.0 + h.4);
            let slot = Slot {
                version: record.version,
                conflicted: !record.conflicts.is_empty(),
                segment: key.clone(),
                line: range,
                json,
                parsed: OnceCell::new(),
            };
            self.place(record.kind, record.id, slot, Some(record));
        }
        self.recount();
        self.compact(store, writer)?;
        Ok(count)
    }

    fn new_key(&mut self, writer: Uuid) -> String {
        self.last += 1;
        let tag = writer.as_u128() as u32;
        format!("{LOG}{:016}-{tag:08x}", self.last)
    }

    /// Forgets records (a new scope, old campaign years): their segments
    /// are rewritten without them.
    pub(crate) fn remove(
        &mut self,
        store: &mut impl KeyValue,
        which: &[(RecordKind, Uuid)],
        writer: Uuid,
    ) -> Result<(), StorageError> {
        let mut touched = Vec::new();
        for key in which {
            if let Some(slot) = self.slots.remove(key) {
                if slot.conflicted {
                    self.conflicted -= 1;
                }
                touched.push(slot.segment);
            }
        }
        if touched.is_empty() {
            return Ok(());
        }
        self.recount();
        let texts: Vec<Rc<str>> = touched
            .iter()
            .filter_map(|k| self.segments.get(k).map(|s| s.text.clone()))
            .collect();
        self.rewrite(store, writer, |s| {
            texts.iter().any(|t| Rc::ptr_eq(t, &s.text))
        })
    }

    /// Merges small segments; rewrites everything once most bytes are dead.
    fn compact(&mut self, store: &mut impl KeyValue, writer: Uuid) -> Result<(), StorageError> {
        let total: usize = self.segments.values().map(|s| s.text.len()).sum();
        let dead: usize = self.segments.values().map(|s| s.dead).sum();
        if total > COMPACT_FLOOR && dead * 2 > total {
            return self.rewrite(store, writer, |_| true);
        }
        let small = self
            .segments
            .values()
            .filter(|s| s.text.len() < SMALL_BYTES)
            .count();
        if small >= SMALL_MERGE {
            return self.rewrite(store, writer, |s| s.text.len() < SMALL_BYTES);
        }
        Ok(())
    }

    /// Writes the live lines of the segments `which` picks into new
    /// segments and removes those segments.
    fn rewrite(
        &mut self,
        store: &mut impl KeyValue,
        writer: Uuid,
        which: impl Fn(&Segment) -> bool,
    ) -> Result<(), StorageError> {
        let old: Vec<String> = self
            .segments
            .iter()
            .filter(|(_, s)| which(s))
            .map(|(k, _)| k.clone())
            .collect();
        let moving: Vec<(RecordKind, Uuid)> = self
            .slots
            .iter()
            .filter(|(_, slot)| old.contains(&slot.segment))
            .map(|(k, _)| *k)
            .collect();
        let mut pieces: Vec<(String, Vec<Moved>)> = Vec::new();
        for slot_key in moving {
            let Some(slot) = self.slots.get(&slot_key) else {
                continue;
            };
            let Some(line) = self
                .segments
                .get(&slot.segment)
                .and_then(|s| s.text.get(slot.line.0..slot.line.1))
            else {
                continue;
            };
            if pieces.last().is_none_or(|(t, _)| t.len() >= SEGMENT_BYTES) {
                pieces.push((String::new(), Vec::new()));
            }
            if let Some((text, placed)) = pieces.last_mut() {
                let start = text.len();
                text.push_str(line);
                text.push('\n');
                placed.push((
                    slot_key,
                    (start, start + line.len()),
                    slot.json - slot.line.0,
                ));
            }
        }
        for (text, placed) in pieces {
            let key = self.new_key(writer);
            store.set(&key, &text)?;
            let text: Rc<str> = Rc::from(text);
            for (slot_key, line, json) in placed {
                if let Some(slot) = self.slots.get_mut(&slot_key) {
                    slot.segment = key.clone();
                    slot.line = line;
                    slot.json = line.0 + json;
                }
            }
            self.segments.insert(key, Segment { text, dead: 0 });
        }
        for key in old {
            store.remove(&key)?;
            self.segments.remove(&key);
        }
        self.recount();
        Ok(())
    }

    /// Holds records that could not be written (read from older entries
    /// that stay in storage) as a segment in memory only: they read like
    /// any others, and move into real segments with the next rewrite.
    pub(crate) fn hold_unstored(&mut self, records: Vec<RecordState>) {
        let mut text = String::new();
        for record in &records {
            if let Ok(line) = line_of(record) {
                text.push_str(&line);
            }
        }
        self.index(format!("{LOG}unstored"), Rc::from(text));
        self.recount();
    }

    /// Removes every segment (a new scope pulls everything again).
    pub(crate) fn clear(&mut self, store: &mut impl KeyValue) -> Result<(), StorageError> {
        for key in store.keys(LOG)? {
            store.remove(&key)?;
        }
        self.segments.clear();
        self.slots.clear();
        self.conflicted = 0;
        Ok(())
    }

    /// Bytes stored: (live, superseded).
    pub(crate) fn bytes(&self) -> (usize, usize) {
        let total: usize = self.segments.values().map(|s| s.text.len()).sum();
        let dead: usize = self.segments.values().map(|s| s.dead).sum();
        (total - dead, dead)
    }
}
