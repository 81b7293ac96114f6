//! The moves the status table makes "via evaluation": finish the
//! evaluation (Đã báo cáo → Đã đánh giá, with what is still missing), then
//! recognise or not (Đã đánh giá → Được công nhận / Không công nhận, only
//! the one the evaluation's decision says). Checked by the shared rules
//! with the evaluation on the device; the server makes them again.
use leptos::prelude::*;
use shared::campaign::CampaignYear;
use shared::evaluation::Evaluation;
use shared::lifecycle::{MoveContext, can_move};
use shared::model::Model;
use shared::status::{ModelStatus, MoveError, Via, moves_via};
use shared::validate::FieldError;

use super::actions::move_to;
use crate::clock;
use crate::pages::edit::confirm;
use crate::pages::fields::{focus_field, wire_name};
use crate::strings;
use crate::sync;

fn label(to: ModelStatus) -> &'static str {
    match to {
        ModelStatus::CongNhan => strings::RECOGNISE,
        ModelStatus::KhongCongNhan => strings::NOT_RECOGNISE,
        _ => strings::FINISH_EVALUATION,
    }
}

#[component]
pub(super) fn EvaluationMoves(
    model: Memo<Option<Model>>,
    evaluation: Signal<Option<Evaluation>>,
    campaign: Memo<Option<CampaignYear>>,
    show_all: RwSignal<bool>,
) -> impl IntoView {
    let role = sync::current()
        .map(|s| s.session.user.role)
        .unwrap_or(shared::user::Role::Leader);
    let moves = Memo::new(move |_| {
        model.with(|m| {
            m.as_ref()
                .map(|m| moves_via(m.status, role, Via::Evaluation))
                .unwrap_or_default()
        })
    });
    // What the shared rules say about each move now.
    let check = move |to: ModelStatus| -> Result<(), MoveError> {
        let (Some(m), Some(e), Some(c)) = (model.get(), evaluation.get(), campaign.get()) else {
            return Err(MoveError::MissingDocument);
        };
        let ctx = MoveContext::new(clock::today()).evaluation(&e, &c);
        can_move(&m, to, role, &ctx).map(|_| ())
    };
    let missing = Memo::new(move |_| -> Vec<FieldError> {
        if !moves.get().contains(&ModelStatus::DaDanhGia) {
            return Vec::new();
        }
        match check(ModelStatus::DaDanhGia) {
            Ok(()) => Vec::new(),
            // Nothing filled in yet: everything a blank sheet lacks.
            Err(MoveError::MissingDocument) => match (model.get(), campaign.get()) {
                (Some(m), Some(c)) => Evaluation::new_for(&m).validate_for_submit(&c),
                _ => Vec::new(),
            },
            Err(e) => e.field_errors().to_vec(),
        }
    });
    let make = move |to: ModelStatus| {
        show_all.set(true);
        let question = match to {
            ModelStatus::DaDanhGia => strings::CONFIRM_EVALUATE.to_owned(),
            _ => format!("{}: {}?", strings::CONFIRM_DECISION, label(to)),
        };
        if check(to).is_err() || !confirm(&question) {
            return;
        }
        let (Some(m), Some(e), Some(c)) = (
            model.get_untracked(),
            evaluation.get_untracked(),
            campaign.get_untracked(),
        ) else {
            return;
        };
        move_to(&m, to, &MoveContext::new(clock::today()).evaluation(&e, &c));
    };
    view! {
        {move || (!moves.get().is_empty()).then(|| view! {
            <div class="evaluation__moves actions">
                {move || {
                    let list = missing.get();
                    (!list.is_empty()).then(|| view! {
                        <p class="send__missing" id="evaluation-missing" data-count=list.len().to_string()>
                            <strong>{list.len()}</strong> " " {strings::EVALUATION_MISSING}
                        </p>
                        <ul class="missing">{list.into_iter().map(|e| {
                            let path = e.field.clone();
                            view! { <li><button class="link" on:click=move |_| { show_all.set(true); focus_field(&path); }>
                                {strings::field_label(&e.field)} ": " {e.message}
                            </button></li> }
                        }).collect_view()}</ul>
                    })
                }}
                <div class="buttons">
                    {move || moves.get().into_iter().map(|to| view! {
                        <button class="button evaluation__move" data-to=wire_name(&to)
                            class:button--primary=to != ModelStatus::KhongCongNhan
                            disabled=move || check(to).is_err()
                            on:click=move |_| make(to)>{label(to)}</button>
                    }).collect_view()}
                </div>
            </div>
        })}
    }
}
