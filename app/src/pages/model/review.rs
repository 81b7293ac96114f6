//! The reviewer's decision panel on a model: the moves of the status table
//! made "via decision" (accept a sent registration, return a registration
//! or a report with a comment, stop a model with a reason), each enabled
//! only when the shared rules allow it with the note as typed.
use leptos::prelude::*;
use shared::lifecycle::{MoveContext, can_move};
use shared::model::Model;
use shared::status::{ModelStatus, Via, moves_via};

use super::Form;
use super::actions::move_to;
use crate::clock;
use crate::pages::edit::confirm;
use crate::pages::fields::{TextInput, wire_name};
use crate::strings;
use crate::sync;

/// The reviewer's decisions that need no evaluation: accept a sent
/// registration, return a registration or a report with a comment, stop a
/// model with a reason. The same table and checks as the server's.
#[component]
pub(super) fn Review(form: Form, previous: Memo<Option<Model>>) -> impl IntoView {
    let role = sync::current()
        .map(|s| s.session.user.role)
        .unwrap_or(shared::user::Role::Leader);
    let note = RwSignal::new(String::new());
    let choices = Memo::new(move |_| {
        let status = form.model.with(|m| m.as_ref().map(|m| m.status))?;
        let moves = moves_via(status, role, Via::Decision);
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
        let Some(m) = form.model.get_untracked() else {
            return;
        };
        if !confirm(&format!("{}: {}?", strings::CONFIRM_DECISION, label(to))) {
            return;
        }
        let text = note.get_untracked();
        let prev = previous.get_untracked();
        let ctx = MoveContext::new(clock::today())
            .note(&text)
            .previous(prev.as_ref());
        if move_to(&m, to, &ctx) {
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
