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
    /// order. Reads each record where the engine holds it, without copying.
    #[must_use]
    pub fn from_engine<S: crate::sync::KeyValue>(engine: &crate::sync::Engine<S>) -> Self {
        fn only<T: serde::de::DeserializeOwned, S: crate::sync::KeyValue>(
            engine: &crate::sync::Engine<S>,
            kind: RecordKind,
            arrivals: Option<&mut Vec<Arrival>>,
        ) -> Vec<T> {
            let mut arrivals = arrivals;
            engine.read_all(kind, |fields, arrived_at| {
                if let Some(out) = arrivals.as_deref_mut() {
                    out.extend(crate::dashboard::arrival_of(kind, fields, arrived_at));
                }
                T::deserialize(fields).ok()
            })
        }
        let mut arrivals = Vec::new();
        let mut campaigns: Vec<CampaignYear> = only(engine, RecordKind::Campaign, None);
        campaigns.sort_by_key(|c| std::cmp::Reverse(c.year));
        Self {
            communes: only(engine, RecordKind::Commune, None),
            units: only(engine, RecordKind::Unit, None),
            campaigns,
            models: only(engine, RecordKind::Model, Some(&mut arrivals)),
            progress: only(engine, RecordKind::Progress, Some(&mut arrivals)),
            reports: only(engine, RecordKind::Report, Some(&mut arrivals)),
            evaluations: only(engine, RecordKind::Evaluation, None),
            arrivals,
        }
    }

    /// Adds `other`'s records after this one's: `from_states` of two runs
    /// of records appended is `from_states` of the runs joined, so a large
    /// commune is typed a page at a time (the server), never held as
    /// untyped JSON all at once.
    pub fn append(&mut self, other: Self) {
        let Self {
            communes,
            units,
            campaigns,
            models,
            progress,
            reports,
            evaluations,
            arrivals,
        } = other;
        self.communes.extend(communes);
        self.units.extend(units);
        self.campaigns.extend(campaigns);
        self.models.extend(models);
        self.progress.extend(progress);
        self.reports.extend(reports);
        self.evaluations.extend(evaluations);
        self.arrivals.extend(arrivals);
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

#[cfg(test)]
#[allow(clippy::unwrap_used, clippy::expect_used)]
mod tests {
    use chrono::{DateTime, Utc};
    use serde::Serialize;
    use serde_json::{Value, json};

    use super::CommuneRecords;
    use crate::campaign::CampaignYear;
    use crate::sync::{
        DELETED_FIELD, Engine, Fields, MemoryStorage, RecordKind, RecordState, to_fields,
    };

    fn state<T: Serialize>(kind: RecordKind, id: uuid::Uuid, value: &T, n: i64) -> RecordState {
        let first: DateTime<Utc> = "2025-10-01T09:00:00Z".parse().unwrap();
        RecordState {
            kind,
            id,
            version: 1,
            fields: to_fields(value).unwrap(),
            deleted: false,
            conflicts: Vec::new(),
            arrived_at: Some(first + chrono::Duration::minutes(n)),
        }
    }

    /// The definition before `from_engine` read records in place: every
    /// view copied, its fields copied again into a JSON value, then typed.
    fn copied<S: crate::sync::KeyValue>(engine: &Engine<S>) -> CommuneRecords {
        fn only<T: serde::de::DeserializeOwned, S: crate::sync::KeyValue>(
            engine: &Engine<S>,
            kind: RecordKind,
        ) -> Vec<T> {
            engine
                .views(kind)
                .into_iter()
                .filter_map(|v| serde_json::from_value(Value::Object(v.fields.clone())).ok())
                .collect()
        }
        let mut campaigns: Vec<CampaignYear> = only(engine, RecordKind::Campaign);
        campaigns.sort_by_key(|c| std::cmp::Reverse(c.year));
        CommuneRecords {
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

    fn fields(value: Value) -> Fields {
        match value {
            Value::Object(map) => map,
            _ => Fields::new(),
        }
    }

    #[test]
    fn records_typed_page_by_page_are_those_typed_at_once() {
        let first: DateTime<Utc> = "2025-10-01T09:00:00Z".parse().unwrap();
        let mut states = crate::demo::large::busy_year(60);
        for (n, s) in states.iter_mut().enumerate() {
            s.arrived_at = Some(first + chrono::Duration::minutes(n as i64));
        }
        let (whole, unreadable) = CommuneRecords::from_states(states.clone());
        assert!(whole.models.len() >= 60 && !whole.arrivals.is_empty());
        for page in [1, 7, 50, states.len()] {
            let (mut paged, mut bad) = (CommuneRecords::default(), 0);
            for chunk in states.chunks(page) {
                let (part, n) = CommuneRecords::from_states(chunk.to_vec());
                paged.append(part);
                bad += n;
            }
            assert_eq!(paged, whole, "pages of {page}");
            assert_eq!(bad, unreadable);
        }
    }

    #[test]
    fn records_read_in_place_are_the_copied_ones() {
        let d = crate::demo::thanh_mien();
        let mut held = vec![state(
            RecordKind::Commune,
            d.commune.id.as_uuid(),
            &d.commune,
            0,
        )];
        held.extend(
            d.units
                .iter()
                .map(|u| state(RecordKind::Unit, u.id.as_uuid(), u, 1)),
        );
        held.extend(
            d.campaigns
                .iter()
                .map(|c| state(RecordKind::Campaign, c.id.as_uuid(), c, 2)),
        );
        for (n, m) in d.models.iter().enumerate() {
            held.push(state(RecordKind::Model, m.id.as_uuid(), m, n as i64));
        }
        held.extend(
            d.progress
                .iter()
                .map(|p| state(RecordKind::Progress, p.id.as_uuid(), p, 3)),
        );
        held.extend(
            d.reports
                .iter()
                .map(|r| state(RecordKind::Report, r.id.as_uuid(), r, 4)),
        );
        held.extend(
            d.evaluations
                .iter()
                .map(|e| state(RecordKind::Evaluation, e.id.as_uuid(), e, 5)),
        );
        // A record that no longer reads as its kind.
        let mut broken = state(RecordKind::Model, uuid::Uuid::from_u128(7), &d.models[0], 6);
        broken
            .fields
            .insert("status".into(), json!("no such status"));
        held.push(broken);
        let mut engine = Engine::open(MemoryStorage::default(), uuid::Uuid::nil())
            .unwrap()
            .with_id_source(|| uuid::Uuid::from_u128(99));
        engine.absorb(held).unwrap();
        let now: DateTime<Utc> = "2025-10-02T09:00:00Z".parse().unwrap();
        // Local changes: an edit, a deletion, a record made on the device.
        let (edited, gone) = (d.models[1].id.as_uuid(), d.models[2].id.as_uuid());
        engine
            .edit(
                RecordKind::Model,
                edited,
                fields(json!({"name": "Tên mới"})),
                now,
            )
            .unwrap();
        engine
            .edit(
                RecordKind::Model,
                gone,
                fields(json!({ DELETED_FIELD: true })),
                now,
            )
            .unwrap();
        let mut local = d.models[3].clone();
        local.id = crate::ids::ModelId::from_uuid(uuid::Uuid::from_u128(8));
        engine
            .edit(
                RecordKind::Model,
                local.id.as_uuid(),
                to_fields(&local).unwrap(),
                now,
            )
            .unwrap();

        let read = CommuneRecords::from_engine(&engine);
        assert_eq!(read, copied(&engine));
        assert!(read.models.iter().any(|m| m.name == "Tên mới"));
        assert!(read.models.iter().any(|m| m.id == local.id));
        assert!(!read.models.iter().any(|m| m.id.as_uuid() == gone));
        assert_eq!(read.models.len(), d.models.len());
        assert!(!read.arrivals.is_empty());
    }
}
