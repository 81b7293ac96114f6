//! Another tab wrote: read IndexedDB again into this tab's copy.
use std::collections::{BTreeMap, BTreeSet};

use shared::sync::{SharedText, StorageError};
use wasm_bindgen::JsValue;
use web_sys::IdbKeyRange;

use super::{IdbKv, Inner, LOG, read_error, read_range, to_text};
use crate::store::idb::{self, KV};

impl IdbKv {
    /// Re-reads what other tabs wrote: every entry but the log segments
    /// (few, small), and the segments this copy has not seen (they are
    /// never rewritten, only added and removed). Entries changed here and
    /// not yet written keep this tab's value. Returns whether segments changed
    /// (not their summaries).
    pub async fn refresh(&self) -> Result<bool, StorageError> {
        let db = self.0.borrow().db.clone();
        let before = IdbKeyRange::upper_bound_with_open(&JsValue::from_str(LOG), true)
            .map_err(|e| read_error(&e))?;
        let after =
            IdbKeyRange::lower_bound(&JsValue::from_str("log0")).map_err(|e| read_error(&e))?;
        let segments = IdbKeyRange::bound_with_lower_open_and_upper_open(
            &JsValue::from_str(LOG),
            &JsValue::from_str("log0"),
            false,
            true,
        )
        .map_err(|e| read_error(&e))?;
        let mut small = read_range(&db, Some(&before), true)
            .await
            .map_err(|e| read_error(&e))?;
        small.extend(
            read_range(&db, Some(&after), true)
                .await
                .map_err(|e| read_error(&e))?,
        );
        let logs: BTreeSet<String> = read_range(&db, Some(&segments), false)
            .await
            .map_err(|e| read_error(&e))?
            .into_iter()
            .map(|(k, _)| k)
            .collect();
        let fresh: Vec<String> = {
            let inner = self.0.borrow();
            logs.iter()
                .filter(|k| !inner.mirror.contains_key(*k))
                .cloned()
                .collect()
        };
        let mut loaded = Vec::new();
        for key in &fresh {
            let tx = db.transaction_with_str(KV).map_err(|e| read_error(&e))?;
            let store = tx.object_store(KV).map_err(|e| read_error(&e))?;
            let request = store
                .get(&JsValue::from_str(key))
                .map_err(|e| read_error(&e))?;
            let value = idb::request(&request).await.map_err(|e| read_error(&e))?;
            if let Some(text) = to_text(key, value) {
                loaded.push((key.clone(), text));
            }
        }
        let mut inner = self.0.borrow_mut();
        let Inner { mirror, dirty, .. } = &mut *inner;
        let small: BTreeMap<String, SharedText> = small
            .into_iter()
            .filter_map(|(k, v)| v.and_then(|v| to_text(&k, v)).map(|t| (k, t)))
            .collect();
        let gone_log: Vec<String> = mirror
            .keys()
            .filter(|k| k.starts_with(LOG) && !logs.contains(*k) && !dirty.contains(*k))
            .cloned()
            .collect();
        mirror.retain(|k, _| k.starts_with(LOG) || small.contains_key(k) || dirty.contains(k));
        for (k, v) in small {
            if !dirty.contains(&k) {
                mirror.insert(k, v);
            }
        }
        for k in &gone_log {
            mirror.remove(k);
        }
        // Summaries beside the segments (`log/side/…`) are a cache of
        // them: new or dropped ones change no record.
        let records = |k: &String| !k.starts_with(shared::sync::SIDE);
        let changed = gone_log.iter().any(records) || loaded.iter().map(|(k, _)| k).any(records);
        mirror.extend(loaded);
        Ok(changed)
    }
}
