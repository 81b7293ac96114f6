//! The model's heading: name, status, sync state, last year's model, and
//! the reviewer's comment or the stop reason.
use leptos::prelude::*;
use shared::model::Model;
use shared::status::ModelStatus;
use shared::sync::{RecordView, SyncStatus};

use crate::data;
use crate::strings;
use crate::sync;

#[component]
pub(super) fn Header(
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
