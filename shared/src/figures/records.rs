//! The records a device (or the store) holds, typed, from which any of its
//! communes' campaign years can be figured.
use crate::campaign::CampaignYear;
use crate::dashboard::Arrival;
use crate::evaluation::Evaluation;
use crate::ids::CampaignId;
use crate::model::Model;
use crate::org::{Commune, Unit};
use crate::progress::ProgressEntry;
use crate::report::ResultsReport;

use super::YearRecords;

/// Live records by kind, of one commune or several (a city viewer's).
#[derive(Debug, Clone, PartialEq, Default)]
pub struct CommuneRecords {
    pub communes: Vec<Commune>,
    pub units: Vec<Unit>,
    pub campaigns: Vec<CampaignYear>,
    pub models: Vec<Model>,
    pub progress: Vec<ProgressEntry>,
    pub reports: Vec<ResultsReport>,
    pub evaluations: Vec<Evaluation>,
    /// When each unit's records reached the server ("dữ liệu đến …").
    pub arrivals: Vec<Arrival>,
}

impl CommuneRecords {
    /// The records of one campaign year, for the figures; none if the
    /// campaign or its commune is not among the records.
    #[must_use]
    pub fn year(&self, campaign: CampaignId) -> Option<YearRecords<'_>> {
        let campaign = self.campaigns.iter().find(|c| c.id == campaign)?;
        Some(YearRecords {
            commune: self.communes.iter().find(|c| c.id == campaign.commune_id)?,
            campaign,
            units: &self.units,
            models: &self.models,
            progress: &self.progress,
            reports: &self.reports,
            evaluations: &self.evaluations,
        })
    }
}
