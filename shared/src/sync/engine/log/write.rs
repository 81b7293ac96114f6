//! Adding and dropping records: new server copies go into a new segment;
//! forgotten ones leave by a rewrite of the segments that held them.
use std::cell::OnceCell;
use std::rc::Rc;

use uuid::Uuid;

use super::line::{head, line_of};
use super::{LOG, RecordLog, Segment, Slot, UNSTORED};
use crate::sync::protocol::{RecordKind, RecordState};
use crate::sync::storage::{KeyValue, SharedText, StorageError};

impl RecordLog {
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
        let name: Rc<str> = Rc::from(key.as_str());
        let text = Rc::new(text);
        store.set_shared(&key, text.clone())?;
        let count = newer.len();
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
                segment: name.clone(),
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

    pub(super) fn new_key(&mut self, writer: Uuid) -> String {
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
        let texts: Vec<SharedText> = touched
            .iter()
            .filter_map(|k: &Rc<str>| self.segments.get(&**k).map(|s| s.text.clone()))
            .collect();
        self.rewrite(store, writer, |s| {
            texts.iter().any(|t| Rc::ptr_eq(t, &s.text))
        })
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
        self.index(UNSTORED.to_owned(), Rc::from(text));
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
}
