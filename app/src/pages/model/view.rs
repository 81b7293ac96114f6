//! A model as one block, wherever it is opened: its own page, or beside
//! the reviewer's queue. Heading, sync problems, the evaluation and the
//! reviewer's decisions, then the registration's nine sections with their
//! navigation, then the officer's actions.
use leptos::prelude::*;
use shared::ids::ModelId;
use shared::status::{Part, can_edit};
use shared::sync::RecordKind;
use shared::validate::Errors;

use super::actions::Actions;
use super::evaluation::EvaluationPanel;
use super::header::Header;
use super::items::{Indicators, general, resources};
use super::mau_04::Mau04;
use super::review::Review;
use super::sections::SectionsNav;
use super::{Form, section};
use crate::data;
use crate::pages::issues::SyncIssues;
use crate::strings;
use crate::sync;

#[component]
pub fn ModelView(id: ModelId) -> impl IntoView {
    let Some(syncer) = sync::current() else {
        return ().into_any();
    };
    let role = syncer.session.user.role;
    // A model's page reads models only (an edit elsewhere on the device
    // does not re-read it; its evaluation's panel tracks its own kind).
    let version = syncer.kind_version(RecordKind::Model);
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
        <div class="model-view">
            <Show when=found fallback=|| view! { <p class="notice" role="alert">{strings::NOT_FOUND}</p> }>
                <Header model view previous/>
                <Mau04 id view/>
                <SyncIssues kind=RecordKind::Model id=id.as_uuid()/>
                <EvaluationPanel id model/>
                <Review form previous/>
                <div class="model-view__body">
                    <SectionsNav/>
                    <div class="model-view__sections">
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
                    </div>
                </div>
            </Show>
        </div>
    }
    .into_any()
}
