//! One commune's dashboard as the server computes it for a city viewer
//! (`GET /api/city/communes/{id}/dashboard`): the dashboard's own figures
//! ([`crate::dashboard::dashboard`]) of the commune's newest year, with a
//! row per model of that year, so every figure's list opens on a device
//! that holds none of the commune's records. Read-only; the device keeps
//! the last answer for offline reading and shows when it was computed.
use std::collections::HashMap;

use chrono::{DateTime, NaiveDate, Utc};
use serde::{Deserialize, Serialize};

use crate::campaign::CampaignYear;
use crate::dashboard::{Dashboard, Figure, Row, dashboard, rows};
use crate::figures::CommuneRecords;
use crate::ids::{CommuneId, ModelId};

use super::newest_year;

/// A commune's dashboard, computed by the server.
#[cfg_attr(feature = "openapi", derive(utoipa::ToSchema))]
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
pub struct CommuneDashboard {
    pub commune_id: CommuneId,
    pub name: String,
    /// The year shown (the commune's newest); none without a campaign.
    #[cfg_attr(feature = "openapi", schema(value_type = Option<Object>))]
    pub campaign: Option<CampaignYear>,
    /// The day the deadlines were read on.
    pub today: NaiveDate,
    /// When the server computed it (the device shows it).
    pub computed_at: DateTime<Utc>,
    /// `shared::dashboard::Dashboard` of the year; none without a campaign.
    #[cfg_attr(feature = "openapi", schema(value_type = Option<Object>))]
    pub dashboard: Option<Dashboard>,
    /// Every model of the year (drafts included), as the lists show it.
    #[cfg_attr(feature = "openapi", schema(value_type = Vec<Object>))]
    pub models: Vec<Row>,
}

/// The dashboard of `commune`'s newest year from records holding it, seen
/// on `today`; none without the commune's own record.
#[must_use]
pub fn commune_dashboard(
    records: &CommuneRecords,
    commune: CommuneId,
    today: NaiveDate,
    computed_at: DateTime<Utc>,
) -> Option<CommuneDashboard> {
    let c = records.communes.iter().find(|c| c.id == commune)?;
    let campaign = newest_year(records, commune);
    let (dash, models) = match campaign.and_then(|y| records.year(y.id)) {
        Some(year) => {
            let d = dashboard(&year, &records.arrivals, today);
            let models = rows(&year, &d.year.all.total);
            (Some(d), models)
        }
        None => (None, Vec::new()),
    };
    Some(CommuneDashboard {
        commune_id: c.id,
        name: c.name.clone(),
        campaign: campaign.cloned(),
        today,
        computed_at,
        dashboard: dash,
        models,
    })
}

impl CommuneDashboard {
    /// The list behind `figure`: exactly the ids of its tally, in its order,
    /// each as sent (what [`rows`] gives from the records); none for a
    /// figure the dashboard does not have.
    #[must_use]
    pub fn rows(&self, figure: &Figure) -> Option<Vec<Row>> {
        let tally = self.dashboard.as_ref()?.tally(figure)?;
        let sent: HashMap<ModelId, &Row> = self.models.iter().map(|r| (r.model_id, r)).collect();
        Some(
            tally
                .ids()
                .iter()
                .map(|&id| {
                    sent.get(&id)
                        .map_or_else(|| Row::unknown(id), |r| (*r).clone())
                })
                .collect(),
        )
    }
}
