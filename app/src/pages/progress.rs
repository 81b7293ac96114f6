//! The progress log of a model: quick dated entries (activity, people,
//! resources, indicator values reached so far), newest first.
use leptos::prelude::*;
use shared::ids::{ModelId, ProgressId};
use shared::model::Model;
use shared::progress::{IndicatorValue, ProgressEntry};
use shared::status::Part;
use shared::sync::{RecordKind, to_fields};
use shared::validate::{Errors, ErrorsExt};

use crate::clock;
use crate::data;
use crate::pages::edit::save_all;
use crate::pages::fields::{DateInput, NumberInput, NumberKind, TextInput};
use crate::pages::issues::SyncIssues;
use crate::pages::photo_picker::PhotoPicker;
use crate::pages::photo_thumb::PhotoThumb;
use crate::route::Route;
use crate::store::Loaded;
use crate::strings;
use crate::sync;

fn blank(model: &Model) -> ProgressEntry {
    ProgressEntry {
        id: ProgressId::new(),
        commune_id: model.commune_id,
        unit_id: model.unit_id,
        model_id: model.id,
        date: clock::today(),
        activity: String::new(),
        participants: None,
        resources: String::new(),
        values: Vec::new(),
        photos: Vec::new(),
        note: String::new(),
    }
}

#[component]
pub fn ProgressPage(id: ModelId) -> impl IntoView {
    let Some(syncer) = sync::current() else {
        return ().into_any();
    };
    let version = syncer.data_version;
    let (model, editable) = data::watch_model(&syncer, id, Part::Progress);
    let entries = Memo::new(move |_| {
        version.track();
        sync::current()
            .map(|s| data::progress_of(&s, id))
            .unwrap_or_default()
    });
    let can_add = Memo::new(move |_| model.with(Option::is_some) && editable.get());
    view! {
        <main class="page page--form">
            <a class="back" href=Route::Model(id).href()>{strings::BACK_MODEL}</a>
            <h2>{strings::PROGRESS_LOG}</h2>
            <p class="field__hint">{move || model.get().map(|m| m.name)}</p>
            // Drawn once while entries may be added: a change to the model
            // (a sync, another tab) must not wipe what is being typed.
            {move || match model.get_untracked().filter(|_| can_add.get()) {
                Some(m) => view! { <NewEntry model=m/> }.into_any(),
                None => view! { <p class="notice">{strings::PROGRESS_LOCKED}</p> }.into_any(),
            }}
            <ul class="entries" id="entries">
                {move || {
                    let list = entries.get();
                    if list.is_empty() {
                        return view! { <li class="models__empty">{strings::NO_PROGRESS}</li> }.into_any();
                    }
                    let m = model.get();
                    list.into_iter().map(|(e, v)| {
                        let values = e.values.iter().filter_map(|val| {
                            let ind = m.as_ref()?.indicators.iter().find(|i| i.id == val.indicator_id)?;
                            Some(format!("{}: {} {}", ind.name, shared::format::number(val.value), ind.unit))
                        }).collect::<Vec<_>>().join("; ");
                        view! {
                            <li class="entry" data-id=e.id.to_string() data-sync=format!("{:?}", v.status)>
                                <span class="entry__date">{shared::format::date(e.date)}</span>
                                <span class="chip">{v.status.label()}</span>
                                <p class="entry__activity">{e.activity.clone()}</p>
                                {e.participants.map(|n| view! { <p class="field__hint">{strings::PROGRESS_PARTICIPANTS} ": " {shared::format::integer(i64::from(n))} " " {strings::PEOPLE}</p> })}
                                {(!e.resources.trim().is_empty()).then(|| view! { <p class="field__hint">{e.resources.clone()}</p> })}
                                {(!values.is_empty()).then(|| view! { <p class="field__hint">{values}</p> })}
                                {(!e.photos.is_empty()).then(|| view! {
                                    <ul class="photos__list">{e.photos.iter().cloned().map(|p| view! { <li class="photos__item"><PhotoThumb photo=p/></li> }).collect_view()}</ul>
                                })}
                                <SyncIssues kind=RecordKind::Progress id=e.id.as_uuid()/>
                            </li>
                        }
                    }).collect_view().into_any()
                }}
            </ul>
        </main>
    }
    .into_any()
}

/// The quick form: kept on the device as a draft (a reload loses nothing)
/// until "Lưu" makes it one new record.
#[component]
fn NewEntry(model: Model) -> impl IntoView {
    let key = format!("progress/{}", model.id);
    let kept = match sync::current().map(|s| s.draft::<ProgressEntry>(&key)) {
        Some(Loaded::Value(entry)) if entry.model_id == model.id => Some(entry),
        _ => None,
    };
    let entry = RwSignal::new(kept.unwrap_or_else(|| blank(&model)));
    Effect::new(move |_| {
        let current = entry.get();
        if let Some(syncer) = sync::current()
            && let Err(error) = syncer.set_draft(&key, &current)
        {
            syncer
                .notice
                .set(Some(format!("{} ({error})", strings::STORAGE_FAILED)));
        }
    });
    let errors = RwSignal::new(Errors::new());
    let model = StoredValue::new(model);
    let error = move |path: &'static str| {
        Signal::derive(move || errors.with(|e| e.for_field(path).map(|e| e.message.clone())))
    };
    let enabled = Signal::derive(|| false);
    let save = move |_| {
        let e = entry.get_untracked();
        let found = model.with_value(|m| e.validate_for_model(m));
        if !found.is_empty() {
            errors.set(found);
            return;
        }
        errors.set(Errors::new());
        let Ok(fields) = to_fields(&e) else { return };
        if save_all(RecordKind::Progress, e.id.as_uuid(), fields) {
            model.with_value(|m| entry.set(blank(m)));
        }
    };
    let indicators = model.with_value(|m| m.indicators.clone());
    view! {
        <section class="card" id="new-entry">
            <h3>{strings::ADD_PROGRESS}</h3>
            <DateInput path="date" label=strings::PROGRESS_DATE
                value=Signal::derive(move || Some(entry.get().date))
                on_change=Callback::new(move |d: Option<chrono::NaiveDate>| if let Some(d) = d { entry.update(|e| e.date = d) })
                error=error("date") disabled=enabled/>
            <TextInput path="activity" label=strings::PROGRESS_ACTIVITY multiline=true
                value=Signal::derive(move || entry.get().activity)
                on_change=Callback::new(move |v: String| entry.update(|e| e.activity = v))
                error=error("activity") disabled=enabled/>
            <NumberInput path="participants" label=strings::PROGRESS_PARTICIPANTS kind=NumberKind::Whole
                value=Signal::derive(move || entry.get().participants.map(f64::from))
                on_change=Callback::new(move |v: Option<f64>| entry.update(|e| e.participants = v.map(|x| x.max(0.0) as u32)))
                error=error("participants") disabled=enabled/>
            <TextInput path="resources" label=strings::PROGRESS_RESOURCES
                value=Signal::derive(move || entry.get().resources)
                on_change=Callback::new(move |v: String| entry.update(|e| e.resources = v))
                error=error("resources") disabled=enabled/>
            {(!indicators.is_empty()).then(|| view! { <p class="field__label">{strings::PROGRESS_VALUES}</p> })}
            {indicators.into_iter().enumerate().map(|(i, ind)| {
                let ind_id = ind.id;
                let label = format!("{} ({}) – {} {}", ind.name, ind.unit, strings::REPORT_TARGET, shared::format::number(ind.target));
                view! {
                    <NumberInput path=format!("values[{i}].value") label kind=NumberKind::Decimal
                        value=Signal::derive(move || entry.get().values.iter().find(|v| v.indicator_id == ind_id).map(|v| v.value))
                        on_change=Callback::new(move |v: Option<f64>| entry.update(|e| {
                            e.values.retain(|x| x.indicator_id != ind_id);
                            if let Some(value) = v { e.values.push(IndicatorValue { indicator_id: ind_id, value }); }
                        }))
                        error=Signal::derive(move || {
                            let at = entry.with(|e| e.values.iter().position(|v| v.indicator_id == ind_id))?;
                            errors.with(|e| e.for_field(&format!("values[{at}].value")).map(|e| e.message.clone()))
                        })
                        disabled=enabled/>
                }
            }).collect_view()}
            <TextInput path="note" label=strings::PROGRESS_NOTE
                value=Signal::derive(move || entry.get().note)
                on_change=Callback::new(move |v: String| entry.update(|e| e.note = v))
                error=error("note") disabled=enabled/>
            <PhotoPicker id="progress"
                photos=Signal::derive(move || entry.with(|e| e.photos.clone()))
                on_change=Callback::new(move |list| entry.update(|e| e.photos = list))
                disabled=enabled/>
            <button id="save-entry" class="button button--primary" on:click=save>{strings::SAVE_ENTRY}</button>
        </section>
    }
}
