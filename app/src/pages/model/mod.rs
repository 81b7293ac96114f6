//! A model's registration (mẫu 04): the nine items in sections, each field
//! checked as you type by the shared rules and saved to the device at once;
//! sending only when the shared rules allow; the reviewer's comment on top.
mod actions;
mod header;
mod items;
mod review;

use leptos::prelude::*;
use shared::ids::ModelId;
use shared::model::Model;
use shared::status::{Part, can_edit};
use shared::sync::RecordKind;
use shared::validate::{Errors, ErrorsExt};

use actions::Actions;
pub use actions::move_to;
use header::Header;
use items::{Indicators, general, resources};
use review::Review;

use crate::data;
use crate::pages::edit::save;
use crate::pages::fields::{DateInput, NumberInput, NumberKind, TextInput};
use crate::pages::issues::SyncIssues;
use crate::route::Route;
use crate::strings;
use crate::sync;

/// What every field of the form reads: the model as on the device, its
/// errors, and whether it may be edited now. `Copy`, so closures share it.
#[derive(Clone, Copy)]
pub(super) struct Form {
    pub id: ModelId,
    pub model: Memo<Option<Model>>,
    pub errors: Memo<Errors>,
    pub editable: Memo<bool>,
}

impl Form {
    pub(super) fn get<T: Default>(&self, read: impl Fn(&Model) -> T) -> T {
        self.model
            .with(|m| m.as_ref().map(read).unwrap_or_default())
    }

    pub(super) fn error(&self, path: &str) -> Option<String> {
        self.errors
            .with(|e| e.for_field(path).map(|e| e.message.clone()))
    }

    pub(super) fn save(&self, field: &str, value: impl serde::Serialize) {
        save(RecordKind::Model, self.id.as_uuid(), field, value);
    }

    pub(super) fn text(
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

    pub(super) fn date(
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

    pub(super) fn money(
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
                <nav class="sections" aria-label=strings::SECTIONS_NAV>
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
