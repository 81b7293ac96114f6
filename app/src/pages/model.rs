//! A model's registration (mẫu 04): the nine items in sections, each field
//! checked as you type by the shared rules and saved to the device at once;
//! sending only when the shared rules allow; the reviewer's comment on top.
use leptos::prelude::*;
use serde_json::json;
use shared::field::Field;
use shared::ids::{IndicatorId, ModelId};
use shared::lifecycle::{MoveContext, can_move};
use shared::model::{Indicator, Milestone, Model, ModelKind};
use shared::status::{ModelStatus, Part, allowed_moves, can_edit};
use shared::sync::{DELETED_FIELD, Fields, RecordKind, RecordView, SyncStatus};
use shared::validate::{Errors, ErrorsExt};

use crate::clock;
use crate::data;
use crate::pages::edit::{confirm, save, save_all};
use crate::pages::fields::{
    DateInput, NumberInput, NumberKind, SelectInput, TextInput, focus_field, from_wire_name,
    wire_name,
};
use crate::pages::issues::SyncIssues;
use crate::route::{self, Route};
use crate::strings;
use crate::sync;

/// What every field of the form reads: the model as on the device, its
/// errors, and whether it may be edited now. `Copy`, so closures share it.
#[derive(Clone, Copy)]
struct Form {
    id: ModelId,
    model: Memo<Option<Model>>,
    errors: Memo<Errors>,
    editable: Memo<bool>,
}

impl Form {
    fn get<T: Default>(&self, read: impl Fn(&Model) -> T) -> T {
        self.model
            .with(|m| m.as_ref().map(read).unwrap_or_default())
    }

    fn error(&self, path: &str) -> Option<String> {
        self.errors
            .with(|e| e.for_field(path).map(|e| e.message.clone()))
    }

    fn save(&self, field: &str, value: impl serde::Serialize) {
        save(RecordKind::Model, self.id.as_uuid(), field, value);
    }

    fn text(
        &self,
        path: &'static str,
        label: &'static str,
        multiline: bool,
        read: fn(&Model) -> String,
    ) -> impl IntoView + use<> {
        let form = *self;
        view! {
            <TextInput path=path label multiline
                value=Signal::derive(move || form.get(read))
                on_change=Callback::new(move |v: String| form.save(path, v))
                error=Signal::derive(move || form.error(path))
                disabled=Signal::derive(move || !form.editable.get())/>
        }
    }

    fn date(
        &self,
        path: &'static str,
        label: &'static str,
        read: fn(&Model) -> Option<chrono::NaiveDate>,
    ) -> impl IntoView + use<> {
        let form = *self;
        view! {
            <DateInput path=path label
                value=Signal::derive(move || form.get(read))
                on_change=Callback::new(move |v| form.save(path, v))
                error=Signal::derive(move || form.error(path))
                disabled=Signal::derive(move || !form.editable.get())/>
        }
    }

    fn money(
        &self,
        path: &'static str,
        label: &'static str,
        read: fn(&Model) -> Option<u64>,
    ) -> impl IntoView + use<> {
        let form = *self;
        view! {
            <NumberInput path=path label kind=NumberKind::Money
                value=Signal::derive(move || form.get(read).map(|v| v as f64))
                on_change=Callback::new(move |v: Option<f64>| form.save(path, v.map(|x| x as u64)))
                error=Signal::derive(move || form.error(path))
                disabled=Signal::derive(move || !form.editable.get())/>
        }
    }
}

fn section(id: &'static str, title: &'static str, body: impl IntoView) -> impl IntoView {
    view! {
        <section class="card section" id=id>
            <h3 class="section__title">{title}</h3>
            {body}
        </section>
    }
}

const SECTIONS: [(&str, &str); 9] = [
    ("s1", strings::SECTION_GENERAL),
    ("s2", strings::SECTION_SITUATION),
    ("s3", strings::SECTION_GOALS),
    ("s4", strings::SECTION_CONTENT),
    ("s5", strings::SECTION_AREA),
    ("s6", strings::SECTION_FORCES),
    ("s7", strings::SECTION_RESOURCES),
    ("s8", strings::SECTION_OUTPUTS),
    ("s9", strings::SECTION_SUSTAIN),
];

#[component]
pub fn ModelPage(id: ModelId) -> impl IntoView {
    let Some(syncer) = sync::current() else {
        return ().into_any();
    };
    let role = syncer.session.user.role;
    let version = syncer.data_version;
    let record = Memo::new(move |_| {
        version.track();
        sync::current().and_then(|s| data::model(&s, id))
    });
    let model = Memo::new(move |_| record.with(|r| r.as_ref().map(|(m, _)| m.clone())));
    let view = Memo::new(move |_| record.with(|r| r.as_ref().map(|(_, v)| v.clone())));
    let previous = Memo::new(move |_| {
        let prev = model.with(|m| m.as_ref().and_then(|m| m.continued_from))?;
        version.track();
        sync::current()
            .and_then(|s| data::model(&s, prev))
            .map(|(m, _)| m)
    });
    // Required items are shown once the person asks (or tried to send).
    let show_all = RwSignal::new(false);
    let errors = Memo::new(move |_| {
        let Some(m) = model.get() else {
            return Errors::new();
        };
        let mut errors = if show_all.get() {
            m.validate_for_submit(previous.get().as_ref())
        } else {
            m.validate_draft()
        };
        // The server's reasons for a refused change, next to the fields too.
        if let Some(v) = view.get() {
            for r in v.rejections {
                errors.extend(r.errors);
            }
        }
        errors
    });
    let editable = Memo::new(move |_| {
        model.with(|m| {
            m.as_ref()
                .is_some_and(|m| can_edit(m.status, role, Part::Registration))
        })
    });
    let form = Form {
        id,
        model,
        errors,
        editable,
    };

    let found = move || model.with(Option::is_some);
    view! {
        <main class="page page--form">
            <a class="back" href=Route::Home.href()>{strings::BACK_HOME}</a>
            <Show when=found fallback=|| view! { <p class="notice" role="alert">{strings::NOT_FOUND}</p> }>
                <Header model view previous/>
                <SyncIssues kind=RecordKind::Model id=id.as_uuid()/>
                <nav class="sections" aria-label="Mục lục">
                    {SECTIONS.iter().map(|(anchor, title)| {
                        let anchor = *anchor;
                        view! { <button class="chip" on:click=move |_| {
                            if let Some(el) = document().get_element_by_id(anchor) { el.scroll_into_view(); }
                        }>{title.split_once(". ").map_or(*title, |(n, _)| n)}</button> }
                    }).collect_view()}
                </nav>
                {move || (!editable.get()).then(|| view! { <p class="field__hint">{strings::READ_ONLY_NOTE}</p> })}
                {section("s1", strings::SECTION_GENERAL, general(form))}
                {section("s2", strings::SECTION_SITUATION, view! {
                    {form.text("situation", strings::L_SITUATION, true, |m| m.situation.clone())}
                    {form.text("advantages", strings::L_ADVANTAGES, true, |m| m.advantages.clone())}
                    {form.text("difficulties", strings::L_DIFFICULTIES, true, |m| m.difficulties.clone())}
                })}
                {section("s3", strings::SECTION_GOALS, view! {
                    {form.text("goals", strings::L_GOALS, true, |m| m.goals.clone())}
                    <Indicators form previous/>
                })}
                {section("s4", strings::SECTION_CONTENT, form.text("content_methods", strings::L_CONTENT, true, |m| m.content_methods.clone()))}
                {section("s5", strings::SECTION_AREA, view! {
                    {form.text("area", strings::L_AREA, true, |m| m.area.clone())}
                    {form.text("beneficiaries", strings::L_BENEFICIARIES, true, |m| m.beneficiaries.clone())}
                })}
                {section("s6", strings::SECTION_FORCES, view! {
                    {form.text("lead_force", strings::L_LEAD_FORCE, true, |m| m.lead_force.clone())}
                    {form.text("coordinating_forces", strings::L_COORDINATING, true, |m| m.coordinating_forces.clone())}
                    {form.text("participating_forces", strings::L_PARTICIPATING, true, |m| m.participating_forces.clone())}
                })}
                {section("s7", strings::SECTION_RESOURCES, resources(form))}
                {section("s8", strings::SECTION_OUTPUTS, form.text("outputs", strings::L_OUTPUTS, true, |m| m.outputs.clone()))}
                {section("s9", strings::SECTION_SUSTAIN, form.text("sustainability", strings::L_SUSTAIN, true, |m| m.sustainability.clone()))}
                <Actions form view previous show_all/>
                <Review form previous/>
            </Show>
        </main>
    }
    .into_any()
}

#[component]
fn Header(
    model: Memo<Option<Model>>,
    view: Memo<Option<RecordView>>,
    previous: Memo<Option<Model>>,
) -> impl IntoView {
    let title = move || {
        model
            .with(|m| m.as_ref().map(|m| m.name.trim().to_owned()))
            .filter(|n| !n.is_empty())
            .unwrap_or_else(|| strings::UNNAMED.to_owned())
    };
    let status = move || {
        model
            .with(|m| m.as_ref().map(|m| m.status))
            .unwrap_or(ModelStatus::Nhap)
    };
    let sync_state = move || {
        view.with(|v| v.as_ref().map(|v| v.status))
            .unwrap_or(SyncStatus::LocalOnly)
    };
    view! {
        <h2 id="model-title">{title}</h2>
        <p class="chips">
            <span class="chip chip--status" id="model-status" data-status=move || format!("{:?}", status())>{move || status().label()}</span>
            <span class="chip" id="model-sync" data-sync=move || format!("{:?}", sync_state())>{move || sync_state().label()}</span>
            {move || previous.get().map(|p| view! {
                <span class="chip">{strings::CONTINUED_FROM} " " {year_and_name(&p)}</span>
            })}
        </p>
        {move || model.get().filter(|m| matches!(m.status, ModelStatus::TraLaiDangKy | ModelStatus::TraLaiBaoCao)).map(|m| view! {
            <div class="notice" id="return-comment" role="alert"><strong>{strings::RETURNED}</strong> " " {m.return_comment}</div>
        })}
        {move || model.get().filter(|m| m.status == ModelStatus::Dung).map(|m| view! {
            <div class="notice" role="status"><strong>{strings::STOPPED}</strong> " " {m.stop_reason}</div>
        })}
    }
}

/// Last year's model in the header chip: "2024: <name>".
fn year_and_name(model: &Model) -> String {
    let year = sync::current()
        .and_then(|s| {
            data::campaigns(&s)
                .into_iter()
                .find(|c| c.id == model.campaign_id)
        })
        .map(|c| c.year.to_string())
        .unwrap_or_default();
    format!("{year}: {}", model.name)
}

fn general(form: Form) -> impl IntoView {
    let topics = move || {
        form.get(|m| m.field)
            .map(|f| f.topics().to_vec())
            .unwrap_or_default()
    };
    view! {
        {form.text("name", strings::L_NAME, false, |m| m.name.clone())}
        <SelectInput path="field" label=strings::L_FIELD placeholder=strings::CHOOSE
            options=Field::ALL.iter().map(|f| (wire_name(f), f.label())).collect()
            value=Signal::derive(move || form.get(|m| m.field).map(|f| wire_name(&f)).unwrap_or_default())
            on_change=Callback::new(move |v: String| {
                form.save("field", from_wire_name::<Field>(&v));
            })
            error=Signal::derive(move || form.error("field"))
            disabled=Signal::derive(move || !form.editable.get())/>
        <datalist id="topics">{move || topics().into_iter().map(|t| view! { <option value=t></option> }).collect_view()}</datalist>
        <TextInput path="topic" label=strings::L_TOPIC list="topics".to_owned()
            value=Signal::derive(move || form.get(|m| m.topic.clone()))
            on_change=Callback::new(move |v: String| form.save("topic", v))
            error=Signal::derive(move || form.error("topic"))
            disabled=Signal::derive(move || !form.editable.get())/>
        <SelectInput path="kind" label=strings::L_KIND
            options=ModelKind::ALL.iter().map(|k| (wire_name(k), k.label())).collect()
            value=Signal::derive(move || wire_name(&form.get(|m| m.kind)))
            on_change=Callback::new(move |v: String| {
                if let Some(kind) = from_wire_name::<ModelKind>(&v) {
                    form.save("kind", kind);
                }
            })
            error=Signal::derive(move || form.error("kind"))
            disabled=Signal::derive(move || !form.editable.get())/>
        {form.text("sub_unit", strings::L_SUB_UNIT, false, |m| m.sub_unit.clone())}
        {form.text("registrant", strings::L_REGISTRANT, false, |m| m.registrant.clone())}
        {form.text("responsible_leader", strings::L_LEADER, false, |m| m.responsible_leader.clone())}
    }
}

fn resources(form: Form) -> impl IntoView {
    view! {
        {form.money("budget_vnd", strings::L_BUDGET, |m| m.budget_vnd)}
        {form.money("socialized_vnd", strings::L_SOCIALIZED, |m| m.socialized_vnd)}
        {form.text("facilities", strings::L_FACILITIES, true, |m| m.facilities.clone())}
        {form.text("manpower", strings::L_MANPOWER, true, |m| m.manpower.clone())}
        <NumberInput path="workdays" label=strings::L_WORKDAYS kind=NumberKind::Whole
            value=Signal::derive(move || form.get(|m| m.workdays).map(f64::from))
            on_change=Callback::new(move |v: Option<f64>| form.save("workdays", v.map(|x| x as u32)))
            error=Signal::derive(move || form.error("workdays"))
            disabled=Signal::derive(move || !form.editable.get())/>
        <div class="grid-2">
            {form.date("start_date", strings::L_START, |m| m.start_date)}
            {form.date("end_date", strings::L_END, |m| m.end_date)}
        </div>
        <Milestones form/>
        <div class="grid-3">
            {form.date("survey_date", strings::L_SURVEY, |m| m.survey_date)}
            {form.date("inspection_date", strings::L_INSPECTION, |m| m.inspection_date)}
            {form.date("summary_date", strings::L_SUMMARY, |m| m.summary_date)}
        </div>
    }
}

/// The indicator list: edited row by row, saved as one field.
#[component]
fn Indicators(form: Form, previous: Memo<Option<Model>>) -> impl IntoView {
    let ids = move || form.get(|m| m.indicators.iter().map(|i| i.id).collect::<Vec<_>>());
    let update = move |id: IndicatorId, change: Box<dyn FnOnce(&mut Indicator)>| {
        let mut list = form.get(|m| m.indicators.clone());
        if let Some(ind) = list.iter_mut().find(|i| i.id == id) {
            change(ind);
            form.save("indicators", list);
        }
    };
    let add = move |_| {
        let mut list = form.get(|m| m.indicators.clone());
        let id = IndicatorId::new();
        list.push(Indicator {
            id,
            name: String::new(),
            unit: String::new(),
            target: 0.0,
            previous_target: None,
        });
        form.save("indicators", list);
        let path = format!(
            "indicators[{}].name",
            form.get(|m| m.indicators.len()).saturating_sub(1)
        );
        request_animation_frame(move || focus_field(&path));
    };
    let list_error = Signal::derive(move || form.error("indicators"));
    view! {
        <div class="field" data-field="indicators" id="f-indicators">
            <span class="field__label">{strings::L_INDICATORS}</span>
            <ol class="rows">
                <For each=ids key=|id| *id let:id>
                    {
                        let index = move || form.get(move |m| m.indicators.iter().position(|i| i.id == id)).unwrap_or(0);
                        let ind = move || form.model.with(|m| m.as_ref().and_then(|m| m.indicators.iter().find(|i| i.id == id).cloned()));
                        let path = move |leaf: &str| format!("indicators[{}].{leaf}", index());
                        let last_year = move || {
                            let mine = ind()?;
                            mine.previous_target.or_else(|| previous.with(|p| p.as_ref().and_then(|p| {
                                p.indicators.iter().find(|o| shared::validate::same_text(&o.name, &mine.name)).map(|o| o.target)
                            })))
                        };
                        view! {
                            <li class="row">
                                <TextInput path=path("name") label=strings::L_IND_NAME
                                    value=Signal::derive(move || ind().map(|i| i.name).unwrap_or_default())
                                    on_change=Callback::new(move |v: String| update(id, Box::new(move |i| i.name = v)))
                                    error=Signal::derive(move || form.error(&path("name")))
                                    disabled=Signal::derive(move || !form.editable.get())/>
                                <div class="grid-2">
                                    <TextInput path=path("unit") label=strings::L_IND_UNIT
                                        value=Signal::derive(move || ind().map(|i| i.unit).unwrap_or_default())
                                        on_change=Callback::new(move |v: String| update(id, Box::new(move |i| i.unit = v)))
                                        error=Signal::derive(move || form.error(&path("unit")))
                                        disabled=Signal::derive(move || !form.editable.get())/>
                                    <NumberInput path=path("target") label=strings::L_IND_TARGET kind=NumberKind::Decimal zero_is_empty=true
                                        value=Signal::derive(move || ind().map(|i| i.target))
                                        on_change=Callback::new(move |v: Option<f64>| update(id, Box::new(move |i| i.target = v.unwrap_or(0.0))))
                                        error=Signal::derive(move || form.error(&path("target")))
                                        disabled=Signal::derive(move || !form.editable.get())/>
                                </div>
                                {move || last_year().map(|t| view! {
                                    <p class="field__hint">{strings::LAST_YEAR_TARGET} ": " {shared::format::number(t)} " – " {strings::MUST_BE_HIGHER}</p>
                                })}
                                <button class="button button--quiet row__remove" disabled=move || !form.editable.get()
                                    on:click=move |_| {
                                        let list: Vec<Indicator> = form.get(|m| m.indicators.clone()).into_iter().filter(|i| i.id != id).collect();
                                        form.save("indicators", list);
                                    }>{strings::REMOVE}</button>
                            </li>
                        }
                    }
                </For>
            </ol>
            <span class="field__error" role="alert">{move || list_error.get()}</span>
            <button id="add-indicator" class="button" on:click=add disabled=move || !form.editable.get()>{strings::ADD_INDICATOR}</button>
        </div>
    }
}

/// Milestones: a date and what must be done by then.
#[component]
fn Milestones(form: Form) -> impl IntoView {
    let count = move || form.get(|m| m.milestones.len());
    let update = move |i: usize, change: Box<dyn FnOnce(&mut Milestone)>| {
        let mut list = form.get(|m| m.milestones.clone());
        if let Some(m) = list.get_mut(i) {
            change(m);
            form.save("milestones", list);
        }
    };
    let add = move |_| {
        let mut list = form.get(|m| m.milestones.clone());
        let date = form.get(|m| m.start_date).unwrap_or_else(clock::today);
        list.push(Milestone {
            date,
            title: String::new(),
        });
        form.save("milestones", list);
    };
    view! {
        <div class="field" data-field="milestones">
            <span class="field__label">{strings::L_MILESTONES}</span>
            <ol class="rows">
                <For each=move || 0..count() key=|i| *i let:i>
                    {
                        let item = move || form.model.with(|m| m.as_ref().and_then(|m| m.milestones.get(i).cloned()));
                        view! {
                            <li class="row">
                                <div class="grid-2">
                                    <DateInput path=format!("milestones[{i}].date") label=strings::L_MILESTONE_DATE
                                        value=Signal::derive(move || item().map(|m| m.date))
                                        on_change=Callback::new(move |v: Option<chrono::NaiveDate>| {
                                            if let Some(d) = v { update(i, Box::new(move |m| m.date = d)); }
                                        })
                                        error=Signal::derive(move || form.error(&format!("milestones[{i}].date")))
                                        disabled=Signal::derive(move || !form.editable.get())/>
                                    <TextInput path=format!("milestones[{i}].title") label=strings::L_MILESTONE_TITLE
                                        value=Signal::derive(move || item().map(|m| m.title).unwrap_or_default())
                                        on_change=Callback::new(move |v: String| update(i, Box::new(move |m| m.title = v)))
                                        error=Signal::derive(move || form.error(&format!("milestones[{i}].title")))
                                        disabled=Signal::derive(move || !form.editable.get())/>
                                </div>
                                <button class="button button--quiet row__remove" disabled=move || !form.editable.get()
                                    on:click=move |_| {
                                        let mut list = form.get(|m| m.milestones.clone());
                                        if i < list.len() { list.remove(i); }
                                        form.save("milestones", list);
                                    }>{strings::REMOVE}</button>
                            </li>
                        }
                    }
                </For>
            </ol>
            <button id="add-milestone" class="button" on:click=add disabled=move || !form.editable.get()>{strings::ADD_MILESTONE}</button>
        </div>
    }
}

/// Saves a status move (the server checks it again and stamps its date).
pub fn move_to(id: ModelId, to: ModelStatus) -> bool {
    let mut changes = Fields::new();
    changes.insert("status".into(), json!(to));
    save_all(RecordKind::Model, id.as_uuid(), changes)
}

#[component]
fn Actions(
    form: Form,
    view: Memo<Option<RecordView>>,
    previous: Memo<Option<Model>>,
    show_all: RwSignal<bool>,
) -> impl IntoView {
    let role = sync::current()
        .map(|s| s.session.user.role)
        .unwrap_or(shared::user::Role::Leader);
    let id = form.id;
    let status = move || {
        form.model
            .with(|m| m.as_ref().map_or(ModelStatus::Nhap, |m| m.status))
    };
    let moves = move || allowed_moves(status(), role);
    // None: sending is not a move this person can make now.
    let send_check = Memo::new(move |_| {
        if !moves().contains(&ModelStatus::DaGui) {
            return None;
        }
        let m = form.model.get()?;
        let prev = previous.get();
        let ctx = MoveContext::new(clock::today()).previous(prev.as_ref());
        Some(match can_move(&m, ModelStatus::DaGui, role, &ctx) {
            Ok(_) => Vec::new(),
            Err(e) => e.field_errors().to_vec(),
        })
    });
    let send = move |_| {
        show_all.set(true);
        if send_check.get_untracked().is_some_and(|e| e.is_empty())
            && confirm(strings::CONFIRM_SEND)
        {
            move_to(id, ModelStatus::DaGui);
        }
    };
    let start = move |_| {
        move_to(id, ModelStatus::DangThucHien);
    };
    let delete = move |_| {
        if !confirm(strings::CONFIRM_DELETE) {
            return;
        }
        let Some(syncer) = sync::current() else {
            return;
        };
        let local_only = view
            .get_untracked()
            .is_some_and(|v| v.status == SyncStatus::LocalOnly);
        let done = if local_only {
            syncer
                .discard_local(RecordKind::Model, id.as_uuid())
                .unwrap_or(false)
        } else {
            false
        };
        // Already on the server (or being sent): deleting is a synced change.
        let done = done || {
            let mut changes = Fields::new();
            changes.insert(DELETED_FIELD.into(), json!(true));
            save_all(RecordKind::Model, id.as_uuid(), changes)
        };
        if done {
            route::go(Route::Home);
        }
    };
    let registered = move || status().is_registered() || status() == ModelStatus::Dung;
    view! {
        <section class="card actions" id="actions">
            {move || send_check.get().map(|missing| {
                let ready = missing.is_empty();
                view! {
                    <div class="send">
                        {if ready {
                            view! { <p class="field__hint" id="send-ready">{strings::READY_TO_SEND}</p> }.into_any()
                        } else {
                            view! {
                                <p class="send__missing" id="send-missing" data-count=missing.len().to_string()>
                                    <strong>{missing.len()}</strong> " " {strings::MISSING_ITEMS}
                                </p>
                                <ul class="missing">
                                    {missing.iter().take(12).map(|e| {
                                        let path = e.field.clone();
                                        view! { <li><button class="link" on:click=move |_| { show_all.set(true); focus_field(&path); }>
                                            {strings::field_label(&e.field)} ": " {e.message.clone()}
                                        </button></li> }
                                    }).collect_view()}
                                </ul>
                                <button id="check-missing" class="button" on:click=move |_| show_all.set(true)>{strings::CHECK_BEFORE_SEND}</button>
                            }.into_any()
                        }}
                        <button id="send-registration" class="button button--primary" disabled=!ready on:click=send>
                            {strings::SEND_REGISTRATION}
                        </button>
                    </div>
                }
            })}
            {move || moves().contains(&ModelStatus::DangThucHien).then(|| view! {
                <button id="start-work" class="button button--primary" on:click=start>{strings::START_WORK}</button>
            })}
            {move || registered().then(|| view! {
                <nav class="links">
                    <a id="open-progress" class="button" href=Route::Progress(id).href()>{strings::PROGRESS_LOG}</a>
                    <a id="open-report" class="button" href=Route::Report(id).href()>{strings::RESULTS_REPORT}</a>
                </nav>
            })}
            {move || (status() == ModelStatus::Nhap && role == shared::user::Role::UnitOfficer).then(|| view! {
                <button id="delete-draft" class="button button--danger" on:click=delete>{strings::DELETE_DRAFT}</button>
            })}
        </section>
    }
}

/// The reviewer's decisions that need no evaluation: accept a sent
/// registration, return a registration or a report with a comment, stop a
/// model with a reason. The same table and checks as the server's.
#[component]
fn Review(form: Form, previous: Memo<Option<Model>>) -> impl IntoView {
    let role = sync::current()
        .map(|s| s.session.user.role)
        .unwrap_or(shared::user::Role::Leader);
    let note = RwSignal::new(String::new());
    let choices = Memo::new(move |_| {
        let status = form.model.with(|m| m.as_ref().map(|m| m.status))?;
        let moves: Vec<ModelStatus> = allowed_moves(status, role)
            .into_iter()
            .filter(|to| {
                matches!(
                    to,
                    ModelStatus::DaDangKy
                        | ModelStatus::TraLaiDangKy
                        | ModelStatus::TraLaiBaoCao
                        | ModelStatus::Dung
                )
            })
            .collect();
        (!moves.is_empty()).then_some(moves)
    });
    let label = |to: ModelStatus| match to {
        ModelStatus::DaDangKy => strings::ACCEPT_REGISTRATION,
        ModelStatus::Dung => strings::STOP_MODEL,
        _ => strings::RETURN_FOR_EDIT,
    };
    // Whether the shared rules allow the move with the note as typed.
    let allowed = move |to: ModelStatus| {
        let Some(m) = form.model.get() else {
            return false;
        };
        let text = note.get();
        let prev = previous.get();
        let ctx = MoveContext::new(clock::today())
            .note(&text)
            .previous(prev.as_ref());
        can_move(&m, to, role, &ctx).is_ok()
    };
    let decide = move |to: ModelStatus| {
        if !confirm(&format!("{}: {}?", strings::CONFIRM_DECISION, label(to))) {
            return;
        }
        let text = note.get_untracked().trim().to_owned();
        let mut changes = Fields::new();
        changes.insert("status".into(), json!(to));
        match to {
            ModelStatus::Dung => {
                changes.insert("stop_reason".into(), json!(text));
            }
            ModelStatus::TraLaiDangKy | ModelStatus::TraLaiBaoCao => {
                changes.insert("return_comment".into(), json!(text));
            }
            _ => {}
        }
        if save_all(RecordKind::Model, form.id.as_uuid(), changes) {
            note.set(String::new());
        }
    };
    view! {
        {move || choices.get().map(|moves| view! {
            <section class="card actions" id="review">
                <h3>{strings::REVIEW}</h3>
                <TextInput path="review-note" label=strings::REVIEW_NOTE multiline=true
                    value=note on_change=Callback::new(move |v| note.set(v))
                    error=Signal::derive(|| None::<String>) disabled=Signal::derive(|| false)/>
                <div class="buttons">
                    {moves.into_iter().map(|to| view! {
                        <button class="button review__move" data-to=wire_name(&to)
                            class:button--primary=to == ModelStatus::DaDangKy
                            disabled=move || !allowed(to)
                            on:click=move |_| decide(to)>{label(to)}</button>
                    }).collect_view()}
                </div>
            </section>
        })}
    }
}
