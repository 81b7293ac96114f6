//! A model as lists and the deadline and coverage rules read it: its ids,
//! name, status and the two days the deadlines look at, without the
//! registration's texts. Home types every model on the device at
//! start-up (10,000 and more on a big unit's phone); typed as a
//! [`ModelListing`] the texts are skipped, not copied (docs/bench.md,
//! "Start-up"); `summary` how the device keeps listings beside its log.
use chrono::NaiveDate;
use serde::Deserialize;

use crate::ids::{CampaignId, CommuneId, ModelId, UnitId};
use crate::model::Model;
use crate::status::ModelStatus;

mod summary;

/// What the rules of [`crate::deadline`] and [`crate::coverage`] read of
/// a model, whether it is typed whole ([`Model`]) or for a list
/// ([`ModelListing`]): the same rules answer the same for both.
pub trait ModelFacts {
    fn campaign_id(&self) -> CampaignId;
    fn commune_id(&self) -> CommuneId;
    fn status(&self) -> ModelStatus;
    /// The day the registration was sent.
    fn submitted_on(&self) -> Option<NaiveDate>;
    /// The day the results report was sent.
    fn reported_on(&self) -> Option<NaiveDate>;
}

/// A model for a list: read from a stored model's JSON like [`Model`]
/// (the same names and defaults), every other field skipped.
#[derive(Debug, Clone, PartialEq, Deserialize)]
pub struct ModelListing {
    pub id: ModelId,
    pub commune_id: CommuneId,
    pub unit_id: UnitId,
    pub campaign_id: CampaignId,
    #[serde(default)]
    pub name: String,
    #[serde(default = "crate::model::draft")]
    pub status: ModelStatus,
    #[serde(default)]
    pub submitted_on: Option<NaiveDate>,
    #[serde(default)]
    pub reported_on: Option<NaiveDate>,
}

impl From<&Model> for ModelListing {
    fn from(m: &Model) -> Self {
        Self {
            id: m.id,
            commune_id: m.commune_id,
            unit_id: m.unit_id,
            campaign_id: m.campaign_id,
            name: m.name.clone(),
            status: m.status,
            submitted_on: m.submitted_on,
            reported_on: m.reported_on,
        }
    }
}

/// Both types hold the facts as fields of the same names.
macro_rules! facts_from_fields {
    ($($t:ty),*) => {$(
        impl ModelFacts for $t {
            fn campaign_id(&self) -> CampaignId {
                self.campaign_id
            }
            fn commune_id(&self) -> CommuneId {
                self.commune_id
            }
            fn status(&self) -> ModelStatus {
                self.status
            }
            fn submitted_on(&self) -> Option<NaiveDate> {
                self.submitted_on
            }
            fn reported_on(&self) -> Option<NaiveDate> {
                self.reported_on
            }
        }
    )*};
}

facts_from_fields!(Model, ModelListing);

/// A reference reads as what it points to (`iter().filter(|m| …)` hands
/// the rules `&&Model`).
impl<T: ModelFacts + ?Sized> ModelFacts for &T {
    fn campaign_id(&self) -> CampaignId {
        (**self).campaign_id()
    }
    fn commune_id(&self) -> CommuneId {
        (**self).commune_id()
    }
    fn status(&self) -> ModelStatus {
        (**self).status()
    }
    fn submitted_on(&self) -> Option<NaiveDate> {
        (**self).submitted_on()
    }
    fn reported_on(&self) -> Option<NaiveDate> {
        (**self).reported_on()
    }
}
