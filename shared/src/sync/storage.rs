//! The engine's view of device storage: string values under string keys,
//! as browser localStorage offers. Errors (quota, disabled storage) are
//! returned, never swallowed, so the UI never says "saved" when it is not.
use std::collections::BTreeMap;
use std::rc::Rc;

#[derive(Debug, Clone, PartialEq, Eq, thiserror::Error)]
pub enum StorageError {
    /// The browser refused the write (usually the quota is used up).
    #[error("bộ nhớ trên máy đã đầy hoặc bị chặn: {0}")]
    Write(String),
    #[error("không đọc được bộ nhớ trên máy: {0}")]
    Read(String),
}

/// A stored value held once in memory and shared by the storage and its
/// reader: an `Rc<String>` (not `Rc<str>`), so text read or built as a
/// `String` goes in without a copy.
pub type SharedText = Rc<String>;

pub trait KeyValue {
    fn get(&self, key: &str) -> Result<Option<String>, StorageError>;
    fn set(&mut self, key: &str, value: &str) -> Result<(), StorageError>;
    fn remove(&mut self, key: &str) -> Result<(), StorageError>;
    /// Every key starting with `prefix`.
    fn keys(&self, prefix: &str) -> Result<Vec<String>, StorageError>;

    /// `get` for a value the caller keeps (a log segment, read at every
    /// start): shared, not copied, where the storage holds it as [`SharedText`].
    fn get_shared(&self, key: &str) -> Result<Option<SharedText>, StorageError> {
        Ok(self.get(key)?.map(Rc::new))
    }

    /// `set` of a value the caller keeps too: shared where the storage can.
    fn set_shared(&mut self, key: &str, value: SharedText) -> Result<(), StorageError> {
        self.set(key, &value)
    }
}

/// In-memory storage for tests and the simulation; `fail_writes` makes
/// every write fail, as a full quota does.
#[derive(Debug, Default, Clone)]
pub struct MemoryStorage {
    pub data: BTreeMap<String, String>,
    pub fail_writes: bool,
}

impl KeyValue for MemoryStorage {
    fn get(&self, key: &str) -> Result<Option<String>, StorageError> {
        Ok(self.data.get(key).cloned())
    }

    fn set(&mut self, key: &str, value: &str) -> Result<(), StorageError> {
        if self.fail_writes {
            return Err(StorageError::Write("quota exceeded".into()));
        }
        self.data.insert(key.to_owned(), value.to_owned());
        Ok(())
    }

    fn remove(&mut self, key: &str) -> Result<(), StorageError> {
        self.data.remove(key);
        Ok(())
    }

    fn keys(&self, prefix: &str) -> Result<Vec<String>, StorageError> {
        Ok(self
            .data
            .range(prefix.to_owned()..)
            .take_while(|(k, _)| k.starts_with(prefix))
            .map(|(k, _)| k.clone())
            .collect())
    }
}
