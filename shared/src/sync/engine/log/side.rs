//! Summaries beside the segments: the records of one kind in a segment,
//! typed as one reader wants them (home's model listing), stored under
//! `log/side/<name>/<segment>`. A segment is never rewritten, so its
//! summary stays true for as long as the segment exists: a start-up reads
//! a few small summaries instead of typing every record out of megabytes
//! of JSON (docs/device.md, "Summaries beside the segments").
//!
//! A summary is a cache: made on the first read of a segment that has
//! none, dropped with its segment, and one that does not read (or misses a
//! record) is made again from the segment. The reader's type decides the
//! summary's name and how it is written ([`Summarized`]).
use std::any::Any;
use std::cell::RefCell;
use std::collections::HashMap;
use std::rc::{Rc, Weak};

use serde::Serialize;
use serde::de::DeserializeOwned;
use uuid::Uuid;

use super::line::{head, type_record};
use super::{LOG, RecordLog, UNSTORED};
use crate::sync::protocol::RecordKind;
use crate::sync::storage::{KeyValue, SharedText};

/// Where the summaries live: inside the log's key range, so the browser's
/// storage keeps them as it keeps segments (bytes, never rewritten), and
/// clearing the log clears them.
pub const SIDE: &str = "log/side/";

/// One record of a segment: id, version, and the record typed (None: it
/// is deleted or does not read as `T`).
pub type Entry<T> = (Uuid, u64, Option<T>);

/// A type the records of a segment can be summarised as, and how such a
/// summary is written and read.
pub trait Summarized: DeserializeOwned + Clone + 'static {
    /// The summary's name: it names the kind of record and the shape of
    /// the text, so a new shape takes a new name (the old summaries are
    /// never read as the new, and go with their segments).
    const NAME: &'static str;
    /// The text of a segment's summary.
    fn write_summary(entries: &[Entry<Self>]) -> Option<String>;
    /// A summary read back (None: it does not read).
    fn read_summary(text: &str) -> Option<Vec<Entry<Self>>>;
}

/// A summary as a plain JSON array of entries (the shape a reader without
/// a better one uses).
pub fn write_plain<T: Serialize>(entries: &[Entry<T>]) -> Option<String> {
    serde_json::to_string(entries).ok()
}

/// [`write_plain`]'s text read back.
pub fn read_plain<T: DeserializeOwned>(text: &str) -> Option<Vec<Entry<T>>> {
    serde_json::from_str(text).ok()
}

/// The summaries read this session, by key: the entries as read, and the
/// segment's text they were read for. A segment's text never changes, so
/// while that same text is the segment's, the entries hold; a rewritten or
/// dropped segment has another text (or none), and its entry is not used.
#[derive(Default)]
pub(super) struct ReadSummaries(RefCell<HashMap<String, Read>>);

/// One summary as read: the segment's text it was read for, and its
/// entries (an `Rc<Vec<Entry<T>>>` for the reader's `T`).
type Read = (Weak<String>, Rc<dyn Any>);

impl ReadSummaries {
    fn get<T: Summarized>(&self, key: &str, text: &SharedText) -> Option<Rc<Vec<Entry<T>>>> {
        let map = self.0.borrow();
        let (of, entries) = map.get(key)?;
        if !Weak::ptr_eq(of, &Rc::downgrade(text)) {
            return None;
        }
        Rc::clone(entries).downcast::<Vec<Entry<T>>>().ok()
    }

    fn keep<T: Summarized>(&self, key: String, text: &SharedText, entries: Rc<Vec<Entry<T>>>) {
        self.0
            .borrow_mut()
            .insert(key, (Rc::downgrade(text), entries as Rc<dyn Any>));
    }

    /// Forgets the summaries of segments no longer held.
    fn forget_gone(&self) {
        self.0
            .borrow_mut()
            .retain(|_, (of, _)| of.strong_count() > 0);
    }
}

fn side_key(name: &str, segment: &str) -> String {
    format!(
        "{SIDE}{name}/{}",
        segment.strip_prefix(LOG).unwrap_or(segment)
    )
}

/// The segment a summary key belongs to.
fn segment_of(key: &str) -> Option<String> {
    let (_, segment) = key.strip_prefix(SIDE)?.split_once('/')?;
    Some(format!("{LOG}{segment}"))
}

impl RecordLog {
    /// The held records of `kind` that are not deleted and read as `T`,
    /// in id order, from each segment's summary. A segment without one
    /// (or with one that does not read) is typed from its text and its
    /// summary stored. A summary goes into storage like any other write:
    /// where storage refuses it (a full disk), it waits with the writes
    /// after it, as an edit would (docs/device.md).
    pub(crate) fn summarized<T: Summarized>(
        &self,
        store: &mut impl KeyValue,
        kind: RecordKind,
    ) -> Vec<(Uuid, T)> {
        // How many records of `kind` each segment holds the current copy of.
        let mut by_segment: std::collections::BTreeMap<&str, usize> = Default::default();
        for slot in self
            .slots
            .range((kind, Uuid::nil())..=(kind, Uuid::max()))
            .map(|(_, slot)| slot)
        {
            *by_segment.entry(&*slot.segment).or_default() += 1;
        }
        self.read_summaries.forget_gone();
        let mut typed = Vec::new();
        for (segment, live) in by_segment {
            let Some(text) = self.segments.get(segment).map(|s| s.text.clone()) else {
                continue;
            };
            let key = side_key(T::NAME, segment);
            let before = typed.len();
            // Read before this session, from this same text.
            if let Some(entries) = self.read_summaries.get::<T>(&key, &text)
                && self.take_current(&entries, kind, segment, &mut typed) == live
            {
                continue;
            }
            typed.truncate(before);
            let stored = store
                .get_shared(&key)
                .ok()
                .flatten()
                .and_then(|summary| T::read_summary(&summary))
                .map(Rc::new);
            if let Some(entries) = stored
                && self.take_current(&entries, kind, segment, &mut typed) == live
            {
                self.read_summaries.keep(key, &text, entries);
                continue;
            }
            // None stored, or one that misses a record: made again.
            typed.truncate(before);
            let entries = Rc::new(self.summarize::<T>(&text, kind));
            if self.is_stored(segment)
                && let Some(summary) = T::write_summary(&entries)
            {
                let _ = store.set_shared(&key, Rc::new(summary));
            }
            self.take_current(&entries, kind, segment, &mut typed);
            self.read_summaries.keep(key, &text, entries);
        }
        typed.sort_by_key(|(id, _)| *id);
        typed
    }

    /// Copies the entries that are the current copy of their record (this
    /// version, in this segment) and typed into `typed`; returns how many
    /// were current, typed or not.
    fn take_current<T: Clone>(
        &self,
        entries: &[Entry<T>],
        kind: RecordKind,
        segment: &str,
        typed: &mut Vec<(Uuid, T)>,
    ) -> usize {
        let mut current = 0;
        for (id, version, record) in entries {
            let slot = self.slots.get(&(kind, *id));
            if slot.is_some_and(|s| s.version == *version && *s.segment == *segment) {
                current += 1;
                if let Some(record) = record {
                    typed.push((*id, record.clone()));
                }
            }
        }
        current
    }

    /// Every line of `kind` in a segment's `text`, typed.
    fn summarize<T: DeserializeOwned>(&self, text: &str, kind: RecordKind) -> Vec<Entry<T>> {
        text.lines()
            .filter_map(|line| {
                let (k, id, version, _, json) = head(line)?;
                (k == kind).then(|| (id, version, type_record(&line[json..])))
            })
            .collect()
    }

    /// Whether `segment` is in storage (not the records held in memory
    /// only, `hold_unstored`).
    fn is_stored(&self, segment: &str) -> bool {
        segment != UNSTORED
    }

    /// Removes the summaries whose segment is gone.
    pub(crate) fn drop_orphan_summaries(&self, store: &mut impl KeyValue) {
        let Ok(keys) = store.keys(SIDE) else {
            return;
        };
        for key in keys {
            let gone = segment_of(&key).is_none_or(|s| !self.segments.contains_key(&s));
            if gone {
                let _ = store.remove(&key);
            }
        }
    }
}
