//! The results report of a model (phụ lục 02): each indicator reached
//! against its target, results, lessons, proposals; then "Gửi báo cáo".
//! The report is saved to the device as it is typed, like the registration.
use leptos::prelude::*;
use shared::ids::ModelId;
use shared::lifecycle::{MoveContext, can_move};
use shared::model::Model;
use shared::report::{IndicatorResult, ResultsReport};
use shared::status::{ModelStatus, Part, allowed_moves};
use shared::sync::{RecordKind, to_fields};
use shared::validate::{Errors, ErrorsExt};

use crate::clock;
use crate::data;
use crate::pages::edit::{confirm, save, save_all};
use crate::pages::fields::{NumberInput, NumberKind, TextInput, focus_field};
use crate::pages::issues::SyncIssues;
use crate::pages::model::move_to;
use crate::pages::photo_picker::PhotoPicker;
use crate::route::Route;
use crate::strings;
use crate::sync;

/// Starts `model`'s report as the shared rule fills it from the progress
/// log; says so when it cannot be saved.
fn start_report(model: &Model) -> bool {
    let Some(syncer) = sync::current() else {
        return false;
    };
    let entries: Vec<_> = data::progress_of(&syncer, model.id)
        .into_iter()
        .map(|(e, _)| e)
        .collect();
    let report = ResultsReport::prefilled(model, &entries);
    match to_fields(&report) {
        Ok(fields) => save_all(RecordKind::Report, report.id.as_uuid(), fields),
        Err(error) => {
            syncer
                .notice
                .set(Some(format!("{} ({error})", strings::STORAGE_FAILED)));
            false
        }
    }
}

#[component]
pub fn ReportPage(id: ModelId) -> impl IntoView {
    let Some(syncer) = sync::current() else {
        return ().into_any();
    };
    let role = syncer.session.user.role;
    let version = syncer.data_version;
    let (model, editable) = data::watch_model(&syncer, id, Part::Report);
    let report = Memo::new(move |_| {
        version.track();
        sync::current()
            .and_then(|s| data::report_of(&s, id))
            .map(|(r, _)| r)
    });
    // The report exists from the first visit of a person who may write it.
    Effect::new(move |_| {
        if report.with(Option::is_none)
            && editable.get()
            && let Some(m) = model.get_untracked()
        {
            start_report(&m);
        }
    });
    let show_all = RwSignal::new(false);
    let errors = Memo::new(move |_| {
        let (Some(r), Some(m)) = (report.get(), model.get()) else {
            return Errors::new();
        };
        if show_all.get() {
            r.validate_for_submit(&m)
        } else {
            r.validate_draft()
        }
    });
    let error = move |path: String| {
        Signal::derive(move || errors.with(|e| e.for_field(&path).map(|e| e.message.clone())))
    };
    let disabled = Signal::derive(move || !editable.get());
    let indicators = Memo::new(move |_| model.with(|m| m.as_ref().map(|m| m.indicators.clone())));
    let report_id = Memo::new(move |_| report.with(|r| r.as_ref().map(|r| r.id.as_uuid())));
    let save_text = move |field: &'static str| {
        Callback::new(move |v: String| {
            if let Some(rid) = report_id.get_untracked() {
                save(RecordKind::Report, rid, field, v);
            }
        })
    };
    let can_send = move || {
        model.with(|m| {
            m.as_ref()
                .is_some_and(|m| allowed_moves(m.status, role).contains(&ModelStatus::DaBaoCao))
        })
    };
    let missing = Memo::new(move |_| {
        let (Some(m), Some(r)) = (model.get(), report.get()) else {
            return Vec::new();
        };
        match can_move(
            &m,
            ModelStatus::DaBaoCao,
            role,
            &MoveContext::new(clock::today()).report(&r),
        ) {
            Ok(_) => Vec::new(),
            Err(e) => e.field_errors().to_vec(),
        }
    });
    let send = move |_| {
        show_all.set(true);
        if missing.get_untracked().is_empty()
            && confirm(strings::CONFIRM_SEND_REPORT)
            && let (Some(m), Some(r)) = (model.get_untracked(), report.get_untracked())
        {
            move_to(
                &m,
                ModelStatus::DaBaoCao,
                &MoveContext::new(clock::today()).report(&r),
            );
        }
    };

    view! {
        <main class="page page--form">
            <a class="back" href=Route::Model(id).href()>{strings::BACK_MODEL}</a>
            <h2>{strings::RESULTS_REPORT}</h2>
            <p class="field__hint">{move || model.get().map(|m| format!("{} · {}", m.name, m.status.label()))}</p>
            {move || report_id.get().map(|rid| view! { <SyncIssues kind=RecordKind::Report id=rid/> })}
            {move || (!editable.get()).then(|| view! { <p class="field__hint">{strings::REPORT_LOCKED}</p> })}
            {move || {
                // Only a new report or a changed indicator list redraws the rows
                // (never a keystroke, a status change or a sync).
                match (indicators.get(), report_id.get(), model.get_untracked()) {
                    (Some(_), Some(_), Some(m)) => view! { <Reached model=m report errors disabled/> }.into_any(),
                    _ => ().into_any(),
                }
            }}
            <section class="card">
                <TextInput path="results" label=strings::REPORT_RESULTS multiline=true
                    value=Signal::derive(move || report.with(|r| r.as_ref().map(|r| r.results.clone()).unwrap_or_default()))
                    on_change=save_text("results") error=error("results".into()) disabled/>
                <TextInput path="lessons" label=strings::REPORT_LESSONS multiline=true
                    value=Signal::derive(move || report.with(|r| r.as_ref().map(|r| r.lessons.clone()).unwrap_or_default()))
                    on_change=save_text("lessons") error=error("lessons".into()) disabled/>
                <TextInput path="proposals" label=strings::REPORT_PROPOSALS multiline=true
                    value=Signal::derive(move || report.with(|r| r.as_ref().map(|r| r.proposals.clone()).unwrap_or_default()))
                    on_change=save_text("proposals") error=error("proposals".into()) disabled/>
            </section>
            <section class="card">
                <PhotoPicker id="report"
                    photos=Signal::derive(move || report.with(|r| r.as_ref().map(|r| r.photos.clone()).unwrap_or_default()))
                    on_change=Callback::new(move |list: Vec<shared::photo::PhotoRef>| {
                        if let Some(rid) = report_id.get_untracked() {
                            save(RecordKind::Report, rid, "photos", list);
                        }
                    })
                    disabled/>
            </section>
            {move || can_send().then(|| {
                let list = missing.get();
                let ready = list.is_empty();
                view! {
                    <section class="card actions">
                        {(!ready).then(|| view! {
                            <p class="send__missing" id="report-missing" data-count=list.len().to_string()>
                                <strong>{list.len()}</strong> " " {strings::REPORT_MISSING}
                            </p>
                            <ul class="missing">{list.iter().map(|e| {
                                let path = e.field.clone();
                                view! { <li><button class="link" on:click=move |_| { show_all.set(true); focus_field(&path); }>
                                    {e.message.clone()}
                                </button></li> }
                            }).collect_view()}</ul>
                        })}
                        <button id="send-report" class="button button--primary" disabled=!ready on:click=send>{strings::SEND_REPORT}</button>
                    </section>
                }
            })}
        </main>
    }
    .into_any()
}

/// Indicators reached against target, with the percentage. Rendered once
/// per report and indicator list, so typing never loses the cursor.
#[component]
fn Reached(
    model: Model,
    report: Memo<Option<ResultsReport>>,
    errors: Memo<Errors>,
    disabled: Signal<bool>,
) -> impl IntoView {
    view! {
        <section class="card" id="reached">
            <h3>{strings::REPORT_REACHED}</h3>
            {model.indicators.iter().enumerate().map(|(i, ind)| {
                let ind_id = ind.id;
                let target = ind.target;
                let label = format!("{} ({}) – {} {}", ind.name, ind.unit, strings::REPORT_TARGET, shared::format::number(target));
                let reached = move || report.with(|r| r.as_ref().and_then(|r| r.reached.iter().find(|x| x.indicator_id == ind_id).and_then(|x| x.reached)));
                let path = format!("indicators[{i}].reached");
                let err_path = path.clone();
                view! {
                    <NumberInput path label kind=NumberKind::Decimal
                        value=Signal::derive(reached)
                        on_change=Callback::new(move |v: Option<f64>| {
                            let Some(mut current) = report.get_untracked() else { return };
                            match current.reached.iter_mut().find(|r| r.indicator_id == ind_id) {
                                Some(r) => r.reached = v,
                                None => current.reached.push(IndicatorResult { indicator_id: ind_id, reached: v }),
                            }
                            save(RecordKind::Report, current.id.as_uuid(), "reached", current.reached);
                        })
                        error=Signal::derive(move || errors.with(|e| e.for_field(&err_path).map(|e| e.message.clone())))
                        disabled/>
                    <p class="field__hint percent">{move || reached()
                        .filter(|_| target > 0.0)
                        .map(|r| format!("{} {}", strings::REPORT_RESULT, shared::format::percent(r / target * 100.0)))}</p>
                }
            }).collect_view()}
        </section>
    }
}
