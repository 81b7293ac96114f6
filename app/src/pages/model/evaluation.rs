//! The evaluation of a reported model (the campaign year's criteria ×
//! levels, comment, decision, tiêu biểu, khen thưởng, nhân rộng): the
//! reviewer fills it in while the model is reported or evaluated, offline
//! like everything else; everyone who reads the model sees it afterwards,
//! with who evaluated and when as the server recorded it. The report's
//! figures and the photos of the entries and the report come first.
use leptos::prelude::*;
use serde::Serialize;
use shared::campaign::CampaignYear;
use shared::evaluation::{Decision, Evaluation, STAMPED_FIELDS};
use shared::ids::ModelId;
use shared::model::Model;
use shared::status::{ModelStatus, Part, can_edit};
use shared::sync::{RecordKind, RecordView, SyncStatus, to_fields};
use shared::validate::{Errors, ErrorsExt};

use super::achievements::Achievements;
use super::evaluation_moves::EvaluationMoves;
use super::evidence::Evidence;
use crate::data;
use crate::pages::edit::{save, save_all};
use crate::pages::fields::{
    CheckInput, SelectInput, TextInput, enum_options, from_wire_name, wire_name,
};
use crate::pages::issues::SyncIssues;
use crate::strings;
use crate::sync;

/// Saves one field of `model`'s evaluation. The first change writes the
/// whole record, without the fields only the server writes.
fn save_field(model: &Model, exists: bool, field: &str, value: impl Serialize) {
    let fresh = Evaluation::new_for(model);
    if exists {
        save(RecordKind::Evaluation, fresh.id.as_uuid(), field, value);
        return;
    }
    let (Ok(mut fields), Ok(value)) = (to_fields(&fresh), serde_json::to_value(value)) else {
        return;
    };
    fields.retain(|k, _| !STAMPED_FIELDS.contains(&k.as_str()));
    fields.insert(field.to_owned(), value);
    save_all(RecordKind::Evaluation, fresh.id.as_uuid(), fields);
}

/// "Người đánh giá: Trần Thị Lan · 28/11/2025", once the server has it.
fn stamp_line(evaluation: &Evaluation, view: &RecordView) -> String {
    match evaluation.evaluated_on {
        Some(day) if view.status != SyncStatus::LocalOnly => format!(
            "{}: {} · {}",
            strings::EVALUATED_BY,
            evaluation.evaluator_name,
            shared::format::date(day)
        ),
        _ => strings::NOT_STAMPED.to_owned(),
    }
}

#[component]
pub(super) fn EvaluationPanel(id: ModelId, model: Memo<Option<Model>>) -> impl IntoView {
    let Some(syncer) = sync::current() else {
        return ().into_any();
    };
    let role = syncer.session.user.role;
    let evaluations = syncer.kind_version(RecordKind::Evaluation);
    let campaigns = syncer.kind_version(RecordKind::Campaign);
    let stored = Memo::new(move |_| {
        evaluations.track();
        sync::current().and_then(|s| data::evaluation_of(&s, id))
    });
    let campaign: Memo<Option<CampaignYear>> = Memo::new(move |_| {
        campaigns.track();
        let year = model.with(|m| m.as_ref().map(|m| m.campaign_id))?;
        sync::current().and_then(|s| data::campaign(&s, year))
    });
    let editable = Memo::new(move |_| {
        model.with(|m| {
            m.as_ref()
                .is_some_and(|m| can_edit(m.status, role, Part::Evaluation))
        })
    });
    let reported = move || {
        model.with(|m| {
            m.as_ref().is_some_and(|m| {
                matches!(
                    m.status,
                    ModelStatus::DaBaoCao
                        | ModelStatus::DaDanhGia
                        | ModelStatus::CongNhan
                        | ModelStatus::KhongCongNhan
                )
            })
        })
    };
    // The evaluation as the form shows it: the one on the device, or a blank one.
    let current = Signal::derive(move || {
        stored
            .with(|s| s.as_ref().map(|(e, _)| e.clone()))
            .or_else(|| model.with(|m| m.as_ref().map(Evaluation::new_for)))
    });
    let evaluation = Signal::derive(move || stored.with(|s| s.as_ref().map(|(e, _)| e.clone())));
    let show_all = RwSignal::new(false);
    let errors = Memo::new(move |_| {
        let Some(e) = current.get() else {
            return Errors::new();
        };
        let mut errors = match (show_all.get(), campaign.get()) {
            (true, Some(c)) => e.validate_for_submit(&c),
            _ => e.validate_draft(),
        };
        if let Some((_, view)) = stored.get() {
            for r in view.rejections {
                errors.extend(r.errors);
            }
        }
        errors
    });
    let error = move |path: String| {
        Signal::derive(move || errors.with(|e| e.for_field(&path).map(|e| e.message.clone())))
    };
    let disabled = Signal::derive(move || !editable.get());
    let change = move |field: &'static str, value: serde_json::Value| {
        if let Some(m) = model.get_untracked() {
            save_field(&m, stored.with_untracked(Option::is_some), field, value);
        }
    };
    let shown = move || reported() && (editable.get() || stored.with(Option::is_some));
    let honour = move |path: &'static str, label: &'static str, read: fn(&Evaluation) -> bool| {
        view! {
            <CheckInput path label
                value=Signal::derive(move || current.get().is_some_and(|e| read(&e)))
                on_change=Callback::new(move |v: bool| change(path, serde_json::Value::Bool(v)))
                disabled=Signal::derive(move || {
                    !editable.get() || current.get().and_then(|e| e.decision) == Some(Decision::KhongCongNhan)
                })/>
        }
    };
    view! {
        {move || shown().then(|| view! {
            <section class="card evaluation" id="evaluation">
                <h3>{strings::EVALUATION}</h3>
                {move || stored.get().map(|(e, v)| view! {
                    <p class="field__hint" id="evaluated-by">{stamp_line(&e, &v)}</p>
                    <SyncIssues kind=RecordKind::Evaluation id=e.id.as_uuid()/>
                })}
                <Achievements id model/>
                <Evidence id/>
                {move || editable.get().then(|| view! { <p class="field__hint">{strings::EVALUATION_HELP}</p> })}
                {move || campaign.get().map(|c| c.criteria.iter().enumerate().map(|(i, criterion)| {
                    let cid = criterion.id;
                    let levels: Vec<(String, String)> = c.levels.iter().map(|l| (l.clone(), l.clone())).collect();
                    view! {
                        <SelectInput path=format!("criteria[{i}]") label=criterion.name.clone()
                            placeholder=strings::CHOOSE_LEVEL options=levels
                            value=Signal::derive(move || current.get().and_then(|e| e.level_of(cid).map(str::to_owned)).unwrap_or_default())
                            on_change=Callback::new(move |level: String| {
                                if let Some(Ok(scores)) = current.get_untracked().map(|e| serde_json::to_value(e.with_level(cid, &level))) {
                                    change("scores", scores);
                                }
                            })
                            error=error(format!("criteria[{i}]")) disabled/>
                    }
                }).collect_view())}
                <TextInput path="comment" label=strings::L_COMMENT multiline=true
                    value=Signal::derive(move || current.get().map(|e| e.comment).unwrap_or_default())
                    on_change=Callback::new(move |v: String| change("comment", serde_json::Value::String(v)))
                    error=error("comment".into()) disabled/>
                <SelectInput path="decision" label=strings::L_DECISION placeholder=strings::CHOOSE_DECISION
                    options=enum_options(&[Decision::CongNhan, Decision::KhongCongNhan], Decision::label)
                    value=Signal::derive(move || current.get().and_then(|e| e.decision).map(|d| wire_name(&d)).unwrap_or_default())
                    on_change=Callback::new(move |v: String| {
                        if let Ok(decision) = serde_json::to_value(from_wire_name::<Decision>(&v)) {
                            change("decision", decision);
                        }
                    })
                    error=error("decision".into()) disabled/>
                <div class="evaluation__honours">
                    {honour("exemplary", strings::L_EXEMPLARY, |e| e.exemplary)}
                    {honour("propose_reward", strings::L_REWARD, |e| e.propose_reward)}
                    {honour("replicate", strings::L_REPLICATE, |e| e.replicate)}
                </div>
                <EvaluationMoves model evaluation campaign show_all/>
            </section>
        })}
    }
    .into_any()
}
