//! The queue's list: each waiting model with its unit, what waits, when it
//! was sent and how long it has waited, the reviewer's deadline, and
//! whether the unit sent it late. The open one is marked.
use leptos::prelude::*;
use shared::ids::ModelId;
use shared::queue::{Item, due_kind, step_label};

use super::QueueData;
use crate::pages::fields::wire_name;
use crate::route::Route;
use crate::strings;

fn row(data: QueueData, item: Item, open: bool) -> impl IntoView {
    let id = item.model_id;
    let due =
        due_kind(item.status)
            .zip(item.due.zip(item.due_state))
            .map(|(kind, (day, state))| {
                let late = state.is_late();
                let text = format!(
                    "{} {}: {}",
                    kind.label(),
                    shared::format::date(day),
                    state.label()
                );
                view! { <span class="queue__due" class:late=late>{text}</span> }
            });
    let since = item.since.map(|day| {
        format!(
            "{} {} · {}",
            strings::SENT_ON,
            shared::format::date(day),
            strings::waited(item.waiting_days)
        )
    });
    let sent_late = item
        .sent_state
        .filter(|s| s.is_late())
        .map(|s| format!("{}: {}", strings::UNIT_SENT, s.label()));
    view! {
        <li class="queue__item" class:queue__item--open=open data-id=id.to_string() data-status=wire_name(&item.status)>
            <a class="queue__link" href=Route::Review(Some(id)).href() aria-current=open.then_some("true")>
                <span class="queue__name">{data.model_name(id)}</span>
                <span class="queue__unit">{data.unit_name(item.unit_id)}</span>
                <span class="queue__tags">
                    <span class="chip chip--step">{step_label(item.status).unwrap_or_default()}</span>
                    {item.field.map(|f| view! { <span class="queue__field">{f.label()}</span> })}
                </span>
                {since.map(|s| view! { <span class="queue__since">{s}</span> })}
                {due}
                {sent_late.map(|s| view! { <span class="queue__since late">{s}</span> })}
            </a>
        </li>
    }
}

#[component]
pub(super) fn QueueList(data: QueueData, selected: Memo<Option<ModelId>>) -> impl IntoView {
    view! {
        <ul class="queue" id="queue" data-count=move || data.queue.with(|q| q.items.len().to_string())>
            {move || {
                let (items, total) = data.queue.with(|q| (q.items.clone(), q.total));
                if items.is_empty() {
                    let text = if total == 0 { strings::QUEUE_EMPTY } else { strings::QUEUE_EMPTY_FILTERED };
                    return view! { <li class="models__empty" id="queue-empty">{text}</li> }.into_any();
                }
                let open = selected.get();
                items.into_iter().map(|i| {
                    let here = Some(i.model_id) == open;
                    row(data, i, here)
                }).collect_view().into_any()
            }}
        </ul>
    }
}
