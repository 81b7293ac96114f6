//! A large city for the benchmarks (docs/bench.md, "City summary"): each
//! commune made from the demo's shapes, about `size` records as the
//! server's store holds them: the commune, its 2025 campaign year and
//! units, then 35 % models (every status in turn), 45 % progress entries,
//! 17 % results reports and 3 % evaluations. Fresh ids on every call.
use chrono::{DateTime, Days, NaiveDate, Utc};
use serde::Serialize;

use crate::ids::{CampaignId, CommuneId, EvaluationId, ModelId, ProgressId, ReportId, UnitId};
use crate::report::ResultsReport;
use crate::status::ModelStatus;
use crate::sync::{RecordKind, RecordState, to_fields};

fn state<T: Serialize>(
    kind: RecordKind,
    id: uuid::Uuid,
    value: &T,
    n: usize,
) -> Option<RecordState> {
    let first = NaiveDate::from_ymd_opt(2025, 10, 1)?
        .and_hms_opt(9, 0, 0)?
        .and_utc();
    let arrived: DateTime<Utc> = first + chrono::Duration::minutes(i64::try_from(n).ok()?);
    Some(RecordState {
        kind,
        id,
        version: n as u64,
        fields: to_fields(value).ok()?,
        deleted: false,
        conflicts: Vec::new(),
        arrived_at: Some(arrived),
    })
}

/// Commune number `k` of `city`, about `size` records.
#[must_use]
pub fn commune(k: usize, size: usize, city: &str) -> (CommuneId, Vec<RecordState>) {
    let demo = super::thanh_mien();
    let mut c = demo.commune.clone();
    c.id = CommuneId::new();
    c.name = format!("Đảng bộ xã Thử {k:03}");
    c.city = city.to_owned();
    let mut campaign = demo.campaigns[1].clone();
    campaign.id = CampaignId::new();
    campaign.commune_id = c.id;
    let units: Vec<_> = demo
        .units
        .iter()
        .map(|u| {
            let mut u = u.clone();
            u.id = UnitId::new();
            u.commune_id = c.id;
            u
        })
        .collect();
    let mut out = vec![
        state(RecordKind::Commune, c.id.as_uuid(), &c, 0),
        state(RecordKind::Campaign, campaign.id.as_uuid(), &campaign, 1),
    ];
    out.extend(
        units
            .iter()
            .map(|u| state(RecordKind::Unit, u.id.as_uuid(), u, 2)),
    );
    let models_n = size * 35 / 100;
    let start = campaign.registration_deadline - Days::new(30);
    let mut models = Vec::with_capacity(models_n);
    for i in 0..models_n {
        let mut m = demo.models[i % demo.models.len()].clone();
        m.id = ModelId::new();
        m.commune_id = c.id;
        m.campaign_id = campaign.id;
        m.unit_id = units[i % units.len()].id;
        m.continued_from = None;
        m.status = ModelStatus::ALL[i % ModelStatus::ALL.len()];
        m.submitted_on = Some(start + Days::new((i % 60) as u64));
        m.reported_on = Some(start + Days::new(90 + (i % 40) as u64));
        out.push(state(RecordKind::Model, m.id.as_uuid(), &m, i));
        models.push(m);
    }
    if models.is_empty() {
        return (c.id, out.into_iter().flatten().collect());
    }
    for i in 0..size * 45 / 100 {
        let mut p = demo.progress[i % demo.progress.len()].clone();
        let m = &models[i % models.len()];
        p.id = ProgressId::new();
        p.commune_id = c.id;
        p.unit_id = m.unit_id;
        p.model_id = m.id;
        out.push(state(RecordKind::Progress, p.id.as_uuid(), &p, i));
    }
    for i in 0..size * 17 / 100 {
        let m = &models[i % models.len()];
        let r = ResultsReport::new_for(ReportId::new(), m);
        out.push(state(RecordKind::Report, r.id.as_uuid(), &r, i));
    }
    for i in 0..size * 3 / 100 {
        let mut e = demo.evaluations[i % demo.evaluations.len()].clone();
        e.id = EvaluationId::new();
        e.commune_id = c.id;
        e.campaign_id = campaign.id;
        e.model_id = models[i % models.len()].id;
        out.push(state(RecordKind::Evaluation, e.id.as_uuid(), &e, i));
    }
    (c.id, out.into_iter().flatten().collect())
}

/// The dashboard benchmark's year (docs/bench.md, "The leaders'
/// dashboard"): `count` models of the demo's newest campaign year in the
/// demo commune, spread over its units and every status in turn, each with
/// a progress entry, and a results report for those reported; per model
/// its progress entry, its report, then the model. Version 0 and no
/// arrival time (the store sets both). Fresh ids on every call.
#[must_use]
pub fn busy_year(count: usize) -> Vec<RecordState> {
    let data = super::thanh_mien();
    let (Some(campaign), false, false) = (
        data.campaigns.last(),
        data.models.is_empty(),
        data.units.is_empty(),
    ) else {
        return Vec::new();
    };
    fn plain<T: Serialize>(kind: RecordKind, id: uuid::Uuid, value: &T) -> Option<RecordState> {
        Some(RecordState::new(kind, id, to_fields(value).ok()?))
    }
    let start = campaign.registration_deadline - Days::new(30);
    let mut out = Vec::with_capacity(count * 3);
    for i in 0..count {
        let mut model = data.models[i % data.models.len()].clone();
        model.id = ModelId::new();
        model.name = format!("{} ({})", model.name, i + 1);
        model.campaign_id = campaign.id;
        model.unit_id = data.units[i % data.units.len()].id;
        model.continued_from = None;
        model.status = ModelStatus::ALL[i % ModelStatus::ALL.len()];
        model.submitted_on = Some(start + Days::new((i % 45) as u64));
        model.reported_on = Some(start + Days::new(80 + (i % 40) as u64));
        let entry = crate::progress::ProgressEntry {
            id: ProgressId::new(),
            commune_id: model.commune_id,
            unit_id: model.unit_id,
            model_id: model.id,
            date: start + Days::new(40),
            activity: "Ra quân vệ sinh đường làng, ngõ xóm".repeat(4),
            participants: Some(40),
            resources: "Kinh phí do nhân dân đóng góp".into(),
            values: Vec::new(),
            photos: Vec::new(),
            note: String::new(),
        };
        out.extend(plain(RecordKind::Progress, entry.id.as_uuid(), &entry));
        if crate::figures::is_reported(model.status) {
            let report = ResultsReport::new_for(ReportId::new(), &model);
            out.extend(plain(RecordKind::Report, report.id.as_uuid(), &report));
        }
        out.extend(plain(RecordKind::Model, model.id.as_uuid(), &model));
    }
    out
}
