//! Keeping the log small: small segments are merged, and everything is
//! rewritten once most bytes are superseded; each rewrite writes the live
//! lines into new segments before it removes the old ones.
use std::rc::Rc;

use uuid::Uuid;

use super::{RecordLog, Segment};
use crate::sync::protocol::RecordKind;
use crate::sync::storage::{KeyValue, StorageError};

/// A segment smaller than this is "small": merged with the others once
/// there are `SMALL_MERGE` of them.
const SMALL_BYTES: usize = 128 * 1024;
const SMALL_MERGE: usize = 8;
/// Rewritten segments are cut at about this size.
const SEGMENT_BYTES: usize = 512 * 1024;
/// Everything is rewritten when superseded bytes exceed live ones past this total.
const COMPACT_FLOOR: usize = 1024 * 1024;

/// A line moved by a rewrite: its record, new line range, JSON offset.
type Moved = ((RecordKind, Uuid), (usize, usize), usize);

impl RecordLog {
    /// Merges small segments; rewrites everything once most bytes are dead.
    pub(super) fn compact(
        &mut self,
        store: &mut impl KeyValue,
        writer: Uuid,
    ) -> Result<(), StorageError> {
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
    pub(super) fn rewrite(
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
            .filter(|(_, slot)| old.iter().any(|k| **k == *slot.segment))
            .map(|(k, _)| *k)
            .collect();
        let mut pieces: Vec<(String, Vec<Moved>)> = Vec::new();
        for slot_key in moving {
            let Some(slot) = self.slots.get(&slot_key) else {
                continue;
            };
            let Some(line) = self
                .segments
                .get(&*slot.segment)
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
            let name: Rc<str> = Rc::from(key.as_str());
            let text = Rc::new(text);
            store.set_shared(&key, text.clone())?;
            for (slot_key, line, json) in placed {
                if let Some(slot) = self.slots.get_mut(&slot_key) {
                    slot.segment = name.clone();
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
        self.drop_orphan_summaries(store);
        self.recount();
        Ok(())
    }
}
