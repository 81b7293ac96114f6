//! A count that carries the models behind it, so a dashboard can drill down
//! from any figure to exactly that list.
use serde::{Deserialize, Deserializer, Serialize};

use crate::ids::ModelId;
use crate::model::Model;

/// A number of models and which ones. The count is derived from the list
/// when the tally is made and the fields are private, so the two can never
/// disagree: read back (a dashboard the server computed), the count is
/// made again from the ids and any count sent is ignored.
#[derive(Debug, Clone, PartialEq, Eq, Default, Serialize)]
pub struct Tally {
    count: u32,
    ids: Vec<ModelId>,
}

impl Tally {
    /// The models of `models` (in their order) for which `keep` holds.
    #[must_use]
    pub fn of<'a>(models: &[&'a Model], keep: impl Fn(&'a Model) -> bool) -> Self {
        Self::from_ids(models.iter().filter(|m| keep(m)).map(|m| m.id).collect())
    }

    #[must_use]
    pub fn from_ids(ids: Vec<ModelId>) -> Self {
        Self {
            count: u32::try_from(ids.len()).unwrap_or(u32::MAX),
            ids,
        }
    }

    #[must_use]
    pub fn count(&self) -> u32 {
        self.count
    }

    /// The models counted, in the order of the records given.
    #[must_use]
    pub fn ids(&self) -> &[ModelId] {
        &self.ids
    }

    #[must_use]
    pub fn is_empty(&self) -> bool {
        self.ids.is_empty()
    }

    #[must_use]
    pub fn contains(&self, id: ModelId) -> bool {
        self.ids.contains(&id)
    }
}

impl<'de> Deserialize<'de> for Tally {
    fn deserialize<D: Deserializer<'de>>(deserializer: D) -> Result<Self, D::Error> {
        #[derive(Deserialize)]
        struct Sent {
            ids: Vec<ModelId>,
        }
        Ok(Self::from_ids(Sent::deserialize(deserializer)?.ids))
    }
}
