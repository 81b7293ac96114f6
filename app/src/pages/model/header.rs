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
            {move || previous.get().map(|p| {
                let own = model.with(|m| m.as_ref().is_none_or(|m| m.unit_id == p.unit_id));
                view! { <span class="chip chip--wrap" id="model-link">{link_label(&p, own)}</span> }
            })}
            {move || model.with(|m| m.as_ref().is_some_and(shared::replication::is_replicable)).then(|| view! {
                <span class="chip chip--ok" id="model-replicated">{strings::ON_THE_LIST}</span>
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

/// The earlier model in the header chip: "Tiếp tục mô hình năm 2024: <name>",
/// or for another unit's model "Áp dụng mô hình nhân rộng 2024 của <unit>: <name>".
fn link_label(model: &Model, own: bool) -> String {
    let syncer = sync::current();
    let year = syncer
        .as_ref()
        .and_then(|s| data::campaign(s, model.campaign_id))
        .map(|c| c.year.to_string())
        .unwrap_or_default();
    if own {
        return format!("{} {year}: {}", strings::CONTINUED_FROM, model.name);
    }
    let unit = syncer
        .as_ref()
        .and_then(|s| data::unit(s, model.unit_id))
        .map(|u| u.name)
        .unwrap_or_else(|| strings::UNKNOWN_UNIT.to_owned());
    strings::adopted_from(&year, &unit, &model.name)
}
