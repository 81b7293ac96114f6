//! Every live record of one commune, for the documents that read a year
//! and for the city summary.
use shared::sync::RecordState;
use uuid::Uuid;

use super::{Store, StoreError};

/// Records read per query.
const PAGE: u32 = 5_000;

impl Store {
    /// The commune's records that are not deleted, of every kind and year,
    /// read by sequence in pages.
    pub async fn live_records(&self, commune: Uuid) -> Result<Vec<RecordState>, StoreError> {
        let mut out = Vec::new();
        let mut since = 0;
        loop {
            let (page, _) = self.pull(&[commune], None, since, PAGE).await?;
            let full = page.len() == PAGE as usize;
            if let Some(last) = page.last() {
                since = last.version;
            }
            out.extend(page.into_iter().filter(|r| !r.deleted));
            if !full {
                return Ok(out);
            }
        }
    }
}
