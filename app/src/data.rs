//! Typed reads of what is on the device: the engine's records (server copy
//! plus local changes) as domain types. A record that no longer parses as
//! its type is skipped here and still shown by its sync state elsewhere.
use std::cell::RefCell;
use std::sync::Arc;

use serde::de::DeserializeOwned;
use shared::campaign::CampaignYear;
use shared::evaluation::Evaluation;
use shared::figures::CommuneRecords;
use shared::ids::{CampaignId, ModelId, UnitId, UserId};
use shared::model::Model;
use shared::model_listing::ModelListing;
use shared::org::{Commune, Unit};
use shared::progress::ProgressEntry;
use shared::report::ResultsReport;
use shared::sync::{RecordKind, RecordView, Standing};
use uuid::Uuid;

use crate::sync::Syncer;

pub fn typed<T: DeserializeOwned>(view: &RecordView) -> Option<T> {
    // Straight from the fields (serde_json's `&Map` deserializer), no copy.
    T::deserialize(&view.fields).ok()
}

fn all<T: DeserializeOwned>(syncer: &Syncer, kind: RecordKind) -> Vec<(T, RecordView)> {
    syncer
        .with_engine(|engine| engine.views(kind))
        .into_iter()
        .filter_map(|view| typed(&view).map(|t| (t, view)))
        .collect()
}

/// Campaign years on the device, newest first.
pub fn campaigns(syncer: &Syncer) -> Vec<CampaignYear> {
    let mut years: Vec<CampaignYear> = all(syncer, RecordKind::Campaign)
        .into_iter()
        .map(|(c, _)| c)
        .collect();
    years.sort_by_key(|c| std::cmp::Reverse(c.year));
    years
}

/// The campaign year people work in: the newest one.
pub fn current_campaign(syncer: &Syncer) -> Option<CampaignYear> {
    campaigns(syncer).into_iter().next()
}

pub fn units(syncer: &Syncer) -> Vec<Unit> {
    all(syncer, RecordKind::Unit)
        .into_iter()
        .map(|(u, _)| u)
        .collect()
}

pub fn unit(syncer: &Syncer, id: UnitId) -> Option<Unit> {
    units(syncer).into_iter().find(|u| u.id == id)
}

pub fn models(syncer: &Syncer) -> Vec<(Model, RecordView)> {
    all(syncer, RecordKind::Model)
}

/// Every model on the device, typed straight from the stored text where
/// it has no local changes (the reviewer's queue: a commune's thousands).
pub fn model_records(syncer: &Syncer) -> Vec<Model> {
    syncer
        .with_engine(|engine| engine.typed_all::<Model>(RecordKind::Model))
        .into_iter()
        .map(|(m, _)| m)
        .collect()
}

/// Every model on the device as a list reads it, with where it stands:
/// from the listings kept beside the log where it has no local changes
/// (home's list: thousands at start-up, see docs/device.md).
pub fn model_list(syncer: &Syncer) -> Vec<(ModelListing, Standing)> {
    syncer.with_engine_mut(|engine| engine.listed(RecordKind::Model))
}

pub fn model(syncer: &Syncer, id: ModelId) -> Option<(Model, RecordView)> {
    let view = syncer.with_engine(|engine| engine.view(RecordKind::Model, id.as_uuid()))?;
    typed(&view).map(|m| (m, view))
}

/// The progress entries of a model, newest first.
pub fn progress_of(syncer: &Syncer, id: ModelId) -> Vec<(ProgressEntry, RecordView)> {
    let mut entries: Vec<_> = all::<ProgressEntry>(syncer, RecordKind::Progress)
        .into_iter()
        .filter(|(e, _)| e.model_id == id)
        .collect();
    entries.sort_by(|a, b| b.0.date.cmp(&a.0.date).then(b.1.id.cmp(&a.1.id)));
    entries
}

/// The record of `kind` that belongs to model `id` (its report, its
/// evaluation): first by the id the app gives it (`derived`: one
/// look-up), else (one made with another id, which the server also
/// accepts) by a scan of the kind.
fn of_model<T: DeserializeOwned>(
    syncer: &Syncer,
    kind: RecordKind,
    derived: Uuid,
    id: ModelId,
    model_of: fn(&T) -> ModelId,
) -> Option<(T, RecordView)> {
    let found = view(syncer, kind, derived)
        .and_then(|v| typed::<T>(&v).map(|t| (t, v)))
        .filter(|(t, _)| model_of(t) == id);
    found.or_else(|| {
        all::<T>(syncer, kind)
            .into_iter()
            .find(|(t, _)| model_of(t) == id)
    })
}

/// The results report of a model, if one was started.
pub fn report_of(syncer: &Syncer, id: ModelId) -> Option<(ResultsReport, RecordView)> {
    let derived = ResultsReport::id_for(id).as_uuid();
    of_model(
        syncer,
        RecordKind::Report,
        derived,
        id,
        |r: &ResultsReport| r.model_id,
    )
}

/// The evaluation of a model, if one was started.
pub fn evaluation_of(syncer: &Syncer, id: ModelId) -> Option<(Evaluation, RecordView)> {
    let derived = Evaluation::id_for(id).as_uuid();
    of_model(
        syncer,
        RecordKind::Evaluation,
        derived,
        id,
        |e: &Evaluation| e.model_id,
    )
}

/// A commune by id.
pub fn commune(syncer: &Syncer, id: shared::ids::CommuneId) -> Option<Commune> {
    all::<Commune>(syncer, RecordKind::Commune)
        .into_iter()
        .map(|(c, _)| c)
        .find(|c| c.id == id)
}

/// A campaign year by id.
pub fn campaign(syncer: &Syncer, id: CampaignId) -> Option<CampaignYear> {
    campaigns(syncer).into_iter().find(|c| c.id == id)
}

/// Any record's view (for its sync state).
pub fn view(syncer: &Syncer, kind: RecordKind, id: Uuid) -> Option<RecordView> {
    syncer.with_engine(|engine| engine.view(kind, id))
}

/// What a screen about one part of a model reads, kept current: the model
/// as on the device, and whether this person may edit `part` of it now.
pub fn watch_model(
    syncer: &Syncer,
    id: ModelId,
    part: shared::status::Part,
) -> (
    leptos::prelude::Memo<Option<Model>>,
    leptos::prelude::Memo<bool>,
) {
    use leptos::prelude::{Memo, Track, With};
    let role = syncer.session.user.role;
    let version = syncer.kind_version(RecordKind::Model);
    let model = Memo::new(move |_| {
        version.track();
        crate::sync::current()
            .and_then(|s| model(&s, id))
            .map(|(m, _)| m)
    });
    let editable = Memo::new(move |_| {
        model.with(|m| {
            m.as_ref()
                .is_some_and(|m| shared::status::can_edit(m.status, role, part))
        })
    });
    (model, editable)
}

thread_local! {
    /// The records the figures were last read from: whose, at which data
    /// version, and the records.
    static FIGURED: RefCell<Option<(UserId, u64, Arc<CommuneRecords>)>> = const { RefCell::new(None) };
}

/// Everything on the device the figures are computed from (the dashboard),
/// at the syncer's data version `version`. Kept until the data changes, so
/// opening the dashboard again reads nothing again; a read is timed as the
/// performance measure `dvk-dashboard-records` (docs/bench.md).
pub fn commune_records(syncer: &Syncer, version: u64) -> Arc<CommuneRecords> {
    let user = syncer.session.user.id;
    let kept = FIGURED.with_borrow(|kept| {
        kept.as_ref()
            .filter(|(who, at, _)| *who == user && *at == version)
            .map(|(_, _, records)| records.clone())
    });
    kept.unwrap_or_else(|| {
        let read = Arc::new(crate::clock::measured("dvk-dashboard-records", || {
            syncer.with_engine(CommuneRecords::from_engine)
        }));
        FIGURED.set(Some((user, version, read.clone())));
        read
    })
}
