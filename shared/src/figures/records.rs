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
use crate::sync::{RecordKind, RecordState};

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

fn typed<T: serde::de::DeserializeOwned>(fields: crate::sync::Fields) -> Option<T> {
    T::deserialize(serde_json::Value::Object(fields)).ok()
}

impl CommuneRecords {
    /// From records as the server holds them (deleted ones left out), with
    /// when each unit's data arrived. Returns the records and how many no
    /// longer read as their kind (left out of the figures; the caller says
    /// so). Takes the records by value: their fields are moved, not copied.
    #[must_use]
    pub fn from_states(states: impl IntoIterator<Item = RecordState>) -> (Self, usize) {
        let mut out = Self::default();
        let mut unreadable = 0;
        for state in states.into_iter().filter(|s| !s.deleted) {
            if let Some(a) =
                crate::dashboard::arrival_of(state.kind, &state.fields, state.arrived_at)
            {
                out.arrivals.push(a);
            }
            let fields = state.fields;
            let read = match state.kind {
                RecordKind::Commune => typed(fields).map(|c| out.communes.push(c)),
                RecordKind::Unit => typed(fields).map(|u| out.units.push(u)),
                RecordKind::Campaign => typed(fields).map(|c| out.campaigns.push(c)),
                RecordKind::Model => typed(fields).map(|m| out.models.push(m)),
                RecordKind::Progress => typed(fields).map(|p| out.progress.push(p)),
                RecordKind::Report => typed(fields).map(|r| out.reports.push(r)),
                RecordKind::Evaluation => typed(fields).map(|e| out.evaluations.push(e)),
            };
            if read.is_none() {
                unreadable += 1;
            }
        }
        (out, unreadable)
    }

    /// Every live record a device's engine holds (server copy plus local
    /// changes), typed, with when each unit's records arrived; records that
    /// no longer read as their kind are left out (the screens show them by
    /// their sync state). Campaign years newest first, the rest in id
    /// order.
    #[must_use]
    pub fn from_engine<S: crate::sync::KeyValue>(engine: &crate::sync::Engine<S>) -> Self {
        fn only<T: serde::de::DeserializeOwned, S: crate::sync::KeyValue>(
            engine: &crate::sync::Engine<S>,
            kind: RecordKind,
        ) -> Vec<T> {
            engine
                .views(kind)
                .into_iter()
                .filter_map(|v| {
                    serde_json::from_value(serde_json::Value::Object(v.fields.clone())).ok()
                })
                .collect()
        }
        let mut campaigns: Vec<CampaignYear> = only(engine, RecordKind::Campaign);
        campaigns.sort_by_key(|c| std::cmp::Reverse(c.year));
        Self {
            communes: only(engine, RecordKind::Commune),
            units: only(engine, RecordKind::Unit),
            campaigns,
            models: only(engine, RecordKind::Model),
            progress: only(engine, RecordKind::Progress),
            reports: only(engine, RecordKind::Report),
            evaluations: only(engine, RecordKind::Evaluation),
            arrivals: [RecordKind::Model, RecordKind::Progress, RecordKind::Report]
                .into_iter()
                .flat_map(|kind| engine.views(kind))
                .filter_map(|v| crate::dashboard::arrival_of(v.kind, &v.fields, v.arrived_at))
                .collect(),
        }
    }

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
