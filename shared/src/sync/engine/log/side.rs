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
use serde::Serialize;
use serde::de::DeserializeOwned;
use uuid::Uuid;

use super::line::{head, type_record};
use super::{LOG, RecordLog, UNSTORED};
use crate::sync::protocol::RecordKind;
use crate::sync::storage::KeyValue;

/// Where the summaries live: inside the log's key range, so the browser's
/// storage keeps them as it keeps segments (bytes, never rewritten), and
/// clearing the log clears them.
pub const SIDE: &str = "log/side/";

/// One record of a segment: id, version, and the record typed (None: it
/// is deleted or does not read as `T`).
pub type Entry<T> = (Uuid, u64, Option<T>);

/// A type the records of a segment can be summarised as, and how such a
/// summary is written and read.
pub trait Summarized: DeserializeOwned {
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
        let mut typed = Vec::new();
        for (segment, live) in by_segment {
            let key = side_key(T::NAME, segment);
            let stored = store
                .get_shared(&key)
                .ok()
                .flatten()
                .and_then(|text| T::read_summary(&text));
            let before = typed.len();
            if let Some(entries) = stored
                && self.take_current(entries, kind, segment, &mut typed) == live
            {
                continue;
            }
            // None stored, or one that misses a record: made again.
            typed.truncate(before);
            let entries = self.summarize::<T>(segment, kind);
            if self.is_stored(segment)
                && let Some(text) = T::write_summary(&entries)
            {
                let _ = store.set_shared(&key, std::rc::Rc::new(text));
            }
            self.take_current(entries, kind, segment, &mut typed);
        }
        typed.sort_by_key(|(id, _)| *id);
        typed
    }

    /// Moves the entries that are the current copy of their record (this
    /// version, in this segment) and typed into `typed`; returns how many
    /// were current, typed or not.
    fn take_current<T>(
        &self,
        entries: Vec<Entry<T>>,
        kind: RecordKind,
        segment: &str,
        typed: &mut Vec<(Uuid, T)>,
    ) -> usize {
        let mut current = 0;
        for (id, version, record) in entries {
            let slot = self.slots.get(&(kind, id));
            if slot.is_some_and(|s| s.version == version && *s.segment == *segment) {
                current += 1;
                if let Some(record) = record {
                    typed.push((id, record));
                }
            }
        }
        current
    }

    /// Every line of `kind` in `segment`, typed.
    fn summarize<T: DeserializeOwned>(&self, segment: &str, kind: RecordKind) -> Vec<Entry<T>> {
        let Some(text) = self.segments.get(segment).map(|s| s.text.clone()) else {
            return Vec::new();
        };
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
