//! The officer's actions on a model: send the registration (with what is
//! still missing), start work, open progress and report, delete a draft.
use leptos::prelude::*;
use serde_json::json;
use shared::lifecycle::{MoveContext, can_delete, can_move, move_changes};
use shared::model::Model;
use shared::status::{ModelStatus, allowed_moves};
use shared::sync::{DELETED_FIELD, Fields, RecordKind, RecordView, SyncStatus};

use super::Form;
use crate::clock;
use crate::pages::edit::{confirm, save_all};
use crate::pages::fields::focus_field;
use crate::route::{self, Route};
use crate::strings;
use crate::sync;

/// Makes a move of the status table, as the shared rules make it, and
/// saves the fields it changes as one change (the server makes the same
/// move again and dates it). Says why when the rules refuse.
pub fn move_to(model: &Model, to: ModelStatus, ctx: &MoveContext<'_>) -> bool {
    let Some(syncer) = sync::current() else {
        return false;
    };
    match move_changes(model, to, syncer.session.user.role, ctx) {
        Ok(changes) => save_all(RecordKind::Model, model.id.as_uuid(), changes),
        Err(error) => {
            syncer.notice.set(Some(error.to_string()));
            false
        }
    }
}

#[component]
pub(super) fn Actions(
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
            && let Some(m) = form.model.get_untracked()
        {
            let prev = previous.get_untracked();
            let ctx = MoveContext::new(clock::today()).previous(prev.as_ref());
            move_to(&m, ModelStatus::DaGui, &ctx);
        }
    };
    let start = move |_| {
        if let Some(m) = form.model.get_untracked() {
            move_to(
                &m,
                ModelStatus::DangThucHien,
                &MoveContext::new(clock::today()),
            );
        }
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
            {move || can_delete(status(), role).then(|| view! {
                <button id="delete-draft" class="button button--danger" on:click=delete>{strings::DELETE_DRAFT}</button>
            })}
        </section>
    }
}
