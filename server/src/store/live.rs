//! Every live record of one commune, for the documents that read a year
//! and for the city summary.
use shared::sync::RecordState;
use uuid::Uuid;

use super::{Store, StoreError};

/// Records read per query: a page's parsed JSON is about ten times its
/// text, so a page stays a few megabytes.
const PAGE: u32 = 500;

impl Store {
    /// One page of the commune's records after `since` (deleted ones
    /// included), and where the next page starts if there is one: for
    /// callers that fold a large commune a page at a time.
    pub async fn live_page(
        &self,
        commune: Uuid,
        since: u64,
    ) -> Result<(Vec<RecordState>, Option<u64>), StoreError> {
        let (page, _) = self.pull(&[commune], None, since, PAGE).await?;
        let next = (page.len() == PAGE as usize)
            .then(|| page.last().map(|r| r.version))
            .flatten();
        Ok((page, next))
    }

    /// The commune's records that are not deleted, of every kind and year,
    /// read by sequence in pages.
    pub async fn live_records(&self, commune: Uuid) -> Result<Vec<RecordState>, StoreError> {
        let (mut out, mut since) = (Vec::new(), 0);
        loop {
            let (page, next) = self.live_page(commune, since).await?;
            out.extend(page.into_iter().filter(|r| !r.deleted));
            match next {
                Some(next) => since = next,
                None => return Ok(out),
            }
        }
    }
}
