//! A model's registration (mẫu 04): the nine items in sections, each field
//! checked as you type by the shared rules and saved to the device at once;
//! sending only when the shared rules allow; the reviewer's comment on top;
//! the evaluation and the reviewer's decisions.
mod achievements;
mod actions;
mod evaluation;
mod evaluation_moves;
mod evidence;
mod header;
mod items;
mod mau_04;
mod review;
mod sections;
mod view;

use leptos::prelude::*;
use shared::ids::ModelId;
use shared::model::Model;
use shared::sync::RecordKind;
use shared::validate::{Errors, ErrorsExt};

pub use actions::move_to;
pub use view::ModelView;

use crate::pages::back_home::BackHome;
use crate::pages::edit::save;
use crate::pages::fields::{DateInput, NumberInput, NumberKind, TextInput};
use crate::strings;

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

pub(super) fn section(id: &'static str, title: &'static str, body: impl IntoView) -> impl IntoView {
    view! {
        <section class="card section" id=id>
            <h3 class="section__title">{title}</h3>
            {body}
        </section>
    }
}

/// The nine sections of mẫu 04: anchor and title.
pub(super) const SECTIONS: [(&str, &str); 9] = [
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

/// A model on its own page (`#/mo-hinh/<id>`).
#[component]
pub fn ModelPage(id: ModelId) -> impl IntoView {
    view! {
        <main class="page page--form">
            <BackHome/>
            <ModelView id/>
        </main>
    }
}
