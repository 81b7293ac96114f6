//! The sync engine's storage in IndexedDB: every entry of one person in
//! the `kv` store of their database, with a copy in memory that the engine
//! reads synchronously (read once at start-up). Writes change the copy at
//! once and are written to IndexedDB in order, a batch per transaction, by
//! one flush at a time: a batch commits whole or not at all, and a batch
//! that fails stops the ones after it until it is written, so storage never
//! holds a later state without an earlier one. `durable` tells when a
//! write is in IndexedDB: the app says "đã lưu" only then.
//!
//! Record log segments (`log/…`, hundreds of kilobytes each) are stored as
//! UTF-8 bytes (`ArrayBuffer`), which the browser reads back several times
//! faster than strings; everything else as strings.
use std::cell::RefCell;
use std::collections::{BTreeMap, BTreeSet};
use std::rc::Rc;

use js_sys::{Array, Function, Promise, Uint8Array};
use shared::sync::{KeyValue, SharedText, StorageError};
use wasm_bindgen::{JsCast, JsValue};
use wasm_bindgen_futures::JsFuture;
use web_sys::{IdbDatabase, IdbKeyRange, IdbTransactionMode};

use super::idb::{self, KV};

mod refresh;

const LOG: &str = "log/";

fn write_error(error: &JsValue) -> StorageError {
    StorageError::Write(idb::describe(error))
}

fn read_error(error: &JsValue) -> StorageError {
    StorageError::Read(idb::describe(error))
}

/// Called with the keys of each committed batch.
pub type OnCommit = Rc<dyn Fn(&[String])>;

struct Waiter {
    generation: u64,
    resolve: Function,
    reject: Function,
}

struct Inner {
    db: IdbDatabase,
    /// Every entry, as in IndexedDB; shared with the engine's log
    /// segments (`KeyValue::get_shared`), not copied.
    mirror: BTreeMap<String, SharedText>,
    /// Keys changed in memory and not yet in IndexedDB.
    dirty: BTreeSet<String>,
    /// Counts writes; `durable` is the count IndexedDB has caught up with.
    written: u64,
    durable: u64,
    flushing: bool,
    /// Flushes start on their own once the engine has opened (not during a migration).
    auto: bool,
    last_error: Option<StorageError>,
    waiters: Vec<Waiter>,
    /// Told after each commit, so other tabs re-read.
    on_commit: Option<OnCommit>,
}

/// A handle on one person's entries; clones share them.
#[derive(Clone)]
pub struct IdbKv(Rc<RefCell<Inner>>);

/// The stored value as text, moved into its `Rc` without another copy.
fn to_text(key: &str, value: JsValue) -> Option<SharedText> {
    if key.starts_with(LOG) {
        let bytes = Uint8Array::new(&value).to_vec();
        String::from_utf8(bytes).ok().map(Rc::new)
    } else {
        value.as_string().map(Rc::new)
    }
}

fn to_js(key: &str, value: &str) -> JsValue {
    if key.starts_with(LOG) {
        Uint8Array::from(value.as_bytes()).buffer().into()
    } else {
        JsValue::from_str(value)
    }
}

/// Every key (and value) of the store in `range`, in key order.
async fn read_range(
    db: &IdbDatabase,
    range: Option<&IdbKeyRange>,
    values: bool,
) -> Result<Vec<(String, Option<JsValue>)>, JsValue> {
    let tx = db.transaction_with_str(KV)?;
    let store = tx.object_store(KV)?;
    let keys = match range {
        Some(r) => store.get_all_keys_with_key(r)?,
        None => store.get_all_keys()?,
    };
    let keys: Array = idb::request(&keys).await?.dyn_into()?;
    let values: Option<Array> = if values {
        let all = match range {
            Some(r) => store.get_all_with_key(r)?,
            None => store.get_all()?,
        };
        Some(idb::request(&all).await?.dyn_into()?)
    } else {
        None
    };
    Ok(keys
        .iter()
        .enumerate()
        .filter_map(|(i, k)| {
            let value = values.as_ref().map(|v| v.get(i as u32));
            k.as_string().map(|k| (k, value))
        })
        .collect())
}

impl IdbKv {
    /// Opens the person's database and reads every entry into memory.
    pub async fn open(user: uuid::Uuid) -> Result<IdbKv, JsValue> {
        crate::clock::begin("dvk-idb-open");
        let db = idb::open(user).await?;
        crate::clock::measure("dvk-idb-open");
        crate::clock::begin("dvk-idb-read");
        let read = read_range(&db, None, true).await?;
        crate::clock::measure("dvk-idb-read");
        let mut mirror = BTreeMap::new();
        crate::clock::measured("dvk-idb-text", || {
            for (key, value) in read {
                if let Some(text) = value.and_then(|v| to_text(&key, v)) {
                    mirror.insert(key, text);
                }
            }
        });
        Ok(IdbKv(Rc::new(RefCell::new(Inner {
            db,
            mirror,
            dirty: BTreeSet::new(),
            written: 0,
            durable: 0,
            flushing: false,
            auto: false,
            last_error: None,
            waiters: Vec::new(),
            on_commit: None,
        }))))
    }

    /// From now on, writes are flushed as they come.
    pub fn start(&self, on_commit: OnCommit) {
        {
            let mut inner = self.0.borrow_mut();
            inner.auto = true;
            inner.on_commit = Some(on_commit);
        }
        self.schedule();
    }

    /// The count of writes so far (to wait for with `durable`).
    pub fn written(&self) -> u64 {
        self.0.borrow().written
    }

    /// Bytes held (keys and values, as UTF-8): this person's part.
    pub fn bytes(&self) -> usize {
        self.0
            .borrow()
            .mirror
            .iter()
            .map(|(k, v)| k.len() + v.len())
            .sum()
    }

    /// Tries again to write what IndexedDB refused (the app's timer).
    pub fn retry(&self) {
        self.schedule();
    }

    fn mark(&self, key: &str) {
        {
            let mut inner = self.0.borrow_mut();
            inner.dirty.insert(key.to_owned());
            inner.written += 1;
        }
        self.schedule();
    }

    fn schedule(&self) {
        let start = {
            let inner = self.0.borrow();
            inner.auto && !inner.flushing && !inner.dirty.is_empty()
        };
        if start {
            self.0.borrow_mut().flushing = true;
            let this = self.clone();
            leptos::task::spawn_local(async move { this.flush_loop().await });
        }
    }

    async fn flush_loop(&self) {
        loop {
            let result = self.flush_once().await;
            let again = {
                let mut inner = self.0.borrow_mut();
                let again = result.is_ok() && !inner.dirty.is_empty();
                if !again {
                    inner.flushing = false;
                }
                again
            };
            if !again {
                return;
            }
        }
    }

    /// Writes every dirty entry in one transaction.
    async fn flush_once(&self) -> Result<(), StorageError> {
        let (tx, keys, generation) = {
            let mut inner = self.0.borrow_mut();
            let keys: Vec<String> = std::mem::take(&mut inner.dirty).into_iter().collect();
            let generation = inner.written;
            match Self::write_batch(&inner, &keys) {
                Ok(tx) => (tx, keys, generation),
                Err(error) => {
                    inner.dirty.extend(keys);
                    return Err(self.failed(&mut inner, write_error(&error)));
                }
            }
        };
        let result = idb::done(&tx).await;
        let mut inner = self.0.borrow_mut();
        match result {
            Ok(()) => {
                inner.durable = generation;
                inner.last_error = None;
                let (ready, waiting): (Vec<Waiter>, Vec<Waiter>) =
                    std::mem::take(&mut inner.waiters)
                        .into_iter()
                        .partition(|w| w.generation <= generation);
                inner.waiters = waiting;
                let notify = inner.on_commit.clone();
                drop(inner);
                for waiter in ready {
                    let _ = waiter.resolve.call0(&JsValue::NULL);
                }
                if let Some(notify) = notify {
                    notify(&keys);
                }
                Ok(())
            }
            Err(error) => {
                // Written again with the next batch (the copy in memory
                // has the newest value of each).
                inner.dirty.extend(keys.iter().cloned());
                let error = if idb::is_quota(&error) {
                    StorageError::Write(format!(
                        "{} ({})",
                        crate::strings::STORAGE_FULL,
                        idb::describe(&error)
                    ))
                } else {
                    write_error(&error)
                };
                Err(self.failed(&mut inner, error))
            }
        }
    }

    /// Every waiter fails, not only those of this batch: a later write
    /// cannot be stored before this one, and the flushes stop until the
    /// next write or the app's retry.
    fn failed(&self, inner: &mut Inner, error: StorageError) -> StorageError {
        inner.last_error = Some(error.clone());
        let failed = std::mem::take(&mut inner.waiters);
        let text = JsValue::from_str(&error.to_string());
        for waiter in failed {
            let _ = waiter.reject.call1(&JsValue::NULL, &text);
        }
        error
    }

    fn write_batch(inner: &Inner, keys: &[String]) -> Result<web_sys::IdbTransaction, JsValue> {
        let tx = inner
            .db
            .transaction_with_str_and_mode(KV, IdbTransactionMode::Readwrite)?;
        let store = tx.object_store(KV)?;
        for key in keys {
            match inner.mirror.get(key) {
                Some(value) => store.put_with_key(&to_js(key, value), &JsValue::from_str(key))?,
                None => store.delete(&JsValue::from_str(key))?,
            };
        }
        Ok(tx)
    }

    /// Waits until every write up to `generation` is in IndexedDB; Err if
    /// IndexedDB refused it (it stays in memory and is tried again).
    pub async fn durable(&self, generation: u64) -> Result<(), StorageError> {
        let promise = {
            let mut inner = self.0.borrow_mut();
            if inner.durable >= generation {
                return Ok(());
            }
            let mut parts = None;
            let promise = Promise::new(&mut |resolve, reject| parts = Some((resolve, reject)));
            let Some((resolve, reject)) = parts else {
                return Err(StorageError::Write("Promise".into()));
            };
            inner.waiters.push(Waiter {
                generation,
                resolve,
                reject,
            });
            promise
        };
        self.schedule();
        JsFuture::from(promise)
            .await
            .map(|_| ())
            .map_err(|e| StorageError::Write(e.as_string().unwrap_or_else(|| idb::describe(&e))))
    }

    /// Writes everything dirty now and waits (start-up, migration).
    pub async fn flush_now(&self) -> Result<(), StorageError> {
        let generation = self.written();
        let was = std::mem::replace(&mut self.0.borrow_mut().auto, true);
        let result = self.durable(generation).await;
        self.0.borrow_mut().auto = was;
        result
    }
}

impl KeyValue for IdbKv {
    fn get(&self, key: &str) -> Result<Option<String>, StorageError> {
        Ok(self
            .0
            .borrow()
            .mirror
            .get(key)
            .map(|v| v.as_str().to_owned()))
    }

    fn get_shared(&self, key: &str) -> Result<Option<SharedText>, StorageError> {
        Ok(self.0.borrow().mirror.get(key).cloned())
    }

    fn set(&mut self, key: &str, value: &str) -> Result<(), StorageError> {
        self.set_shared(key, Rc::new(value.to_owned()))
    }

    fn set_shared(&mut self, key: &str, value: SharedText) -> Result<(), StorageError> {
        self.0.borrow_mut().mirror.insert(key.to_owned(), value);
        self.mark(key);
        Ok(())
    }

    fn remove(&mut self, key: &str) -> Result<(), StorageError> {
        let had = self.0.borrow_mut().mirror.remove(key).is_some();
        if had {
            self.mark(key);
        }
        Ok(())
    }

    fn keys(&self, prefix: &str) -> Result<Vec<String>, StorageError> {
        Ok(self
            .0
            .borrow()
            .mirror
            .range(prefix.to_owned()..)
            .take_while(|(k, _)| k.starts_with(prefix))
            .map(|(k, _)| k.clone())
            .collect())
    }
}
