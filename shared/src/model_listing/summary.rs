//! Listings as the device keeps them beside its log (`Engine::listed`),
//! read at every start-up: one row per model as a JSON array, and the
//! commune, unit and campaign ids (the same few for thousands of models)
//! written once per summary and named by their place: about 140 bytes a
//! model where a plain JSON array of listings took 380, and a quarter of
//! the UUIDs to read (docs/device.md, "Summaries beside the segments").
use chrono::NaiveDate;
use serde::{Deserialize, Serialize};
use uuid::Uuid;

use super::ModelListing;
use crate::ids::{CampaignId, CommuneId, ModelId, UnitId};
use crate::status::ModelStatus;
use crate::sync::engine::{Entry, Summarized};

/// A model's listing with its shared ids by place in [`Compact::ids`]:
/// commune, unit, campaign, name, status, sent on, reported on, and the
/// model's own id where it is not the record's (null in every record the
/// app makes).
type Row = (
    u32,
    u32,
    u32,
    String,
    ModelStatus,
    Option<NaiveDate>,
    Option<NaiveDate>,
    Option<Uuid>,
);

#[derive(Serialize, Deserialize)]
struct Compact {
    ids: Vec<Uuid>,
    /// Id, version, and the listing (null: deleted, or not a model).
    rows: Vec<(Uuid, u64, Option<Row>)>,
}

impl Summarized for ModelListing {
    const NAME: &'static str = "model-listing-2";

    fn write_summary(entries: &[Entry<Self>]) -> Option<String> {
        let mut ids: Vec<Uuid> = Vec::new();
        let mut place = |id: Uuid| -> u32 {
            let at = ids.iter().position(|i| *i == id).unwrap_or_else(|| {
                ids.push(id);
                ids.len() - 1
            });
            at as u32
        };
        let rows = entries
            .iter()
            .map(|(id, version, listing)| {
                let row = listing.as_ref().map(|m| {
                    (
                        place(m.commune_id.as_uuid()),
                        place(m.unit_id.as_uuid()),
                        place(m.campaign_id.as_uuid()),
                        m.name.clone(),
                        m.status,
                        m.submitted_on,
                        m.reported_on,
                        (m.id.as_uuid() != *id).then(|| m.id.as_uuid()),
                    )
                });
                (*id, *version, row)
            })
            .collect();
        serde_json::to_string(&Compact { ids, rows }).ok()
    }

    fn read_summary(text: &str) -> Option<Vec<Entry<Self>>> {
        let Compact { ids, rows } = serde_json::from_str(text).ok()?;
        let at = |n: u32| ids.get(n as usize).copied();
        rows.into_iter()
            .map(|(id, version, row)| {
                let listing = match row {
                    None => None,
                    Some((
                        commune,
                        unit,
                        campaign,
                        name,
                        status,
                        submitted_on,
                        reported_on,
                        own,
                    )) => Some(ModelListing {
                        id: ModelId::from_uuid(own.unwrap_or(id)),
                        commune_id: CommuneId::from_uuid(at(commune)?),
                        unit_id: UnitId::from_uuid(at(unit)?),
                        campaign_id: CampaignId::from_uuid(at(campaign)?),
                        name,
                        status,
                        submitted_on,
                        reported_on,
                    }),
                };
                Some((id, version, listing))
            })
            .collect()
    }
}
