//! Loads the Thanh Miện demo commune (from `shared::demo`) into an empty store.
use crate::store::{Store, StoreError};

pub async fn load(_store: &Store) -> Result<(), StoreError> {
    Ok(())
}
