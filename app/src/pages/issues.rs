//! A record's sync problems, on the record itself: a change the server
//! refused (with its reasons, next to the fields too) and conflicts (both
//! values, pick one). Picking is a normal synced change.
use leptos::prelude::*;
use serde_json::Value;
use shared::sync::{RecordKind, RecordView, SyncStatus};
use uuid::Uuid;

use crate::pages::edit::confirm;
use crate::strings;
use crate::sync;

/// A field's value in words.
pub fn show_value(value: &Value) -> String {
    match value {
        Value::Null => strings::EMPTY_VALUE.to_owned(),
        Value::String(s) if s.trim().is_empty() => strings::EMPTY_VALUE.to_owned(),
        Value::String(s) => s.clone(),
        Value::Number(n) => n.as_f64().map(shared::format::number).unwrap_or_default(),
        Value::Bool(b) => if *b { strings::YES } else { strings::NO }.to_owned(),
        Value::Array(items) => items
            .iter()
            .map(
                |item| match item.get("name").or_else(|| item.get("title")) {
                    Some(name) => show_value(name),
                    None => show_value(item),
                },
            )
            .collect::<Vec<_>>()
            .join("; "),
        Value::Object(_) => value.to_string(),
    }
}

#[component]
pub fn SyncIssues(kind: RecordKind, id: Uuid) -> impl IntoView {
    let Some(syncer) = sync::current() else {
        return ().into_any();
    };
    let version = syncer.kind_version(kind);
    let view = Memo::new(move |_| {
        version.track();
        sync::current().and_then(|s| crate::data::view(&s, kind, id))
    });
    let discard = move |_| {
        if !confirm(strings::CONFIRM_DISCARD) {
            return;
        }
        if let Some(syncer) = sync::current()
            && let Err(error) = syncer.discard_rejected(kind, id)
        {
            syncer.notice.set(Some(error.to_string()));
        }
    };
    view! {
        {move || view.get().filter(|v| v.status == SyncStatus::Rejected).map(|v| view! {
            <section class="card card--danger" id="rejected" role="alert">
                <h3>{strings::REJECTED_TITLE}</h3>
                <ul class="issues">
                    {v.rejections.iter().map(|r| view! {
                        <li>
                            <strong class="issues__reason">{r.message.clone()}</strong>
                            <ul>{r.errors.iter().map(|e| view! {
                                <li data-field=e.field.clone()>{strings::field_label(&e.field)} ": " {e.message.clone()}</li>
                            }).collect_view()}</ul>
                        </li>
                    }).collect_view()}
                </ul>
                <p class="field__hint">{strings::REJECTED_HELP}</p>
                <button id="discard-rejected" class="button" on:click=discard>{strings::DISCARD_REJECTED}</button>
            </section>
        })}
        {move || view.get().filter(|v| !v.conflicts.is_empty()).map(conflicts)}
    }
    .into_any()
}

fn conflicts(v: RecordView) -> impl IntoView {
    let (kind, id) = (v.kind, v.id);
    view! {
        <section class="card card--warn" id="conflicts">
            <h3>{strings::CONFLICT_TITLE}</h3>
            <p class="field__hint">{strings::CONFLICT_HELP}</p>
            {v.conflicts.into_iter().map(|c| {
                let field = c.field.clone();
                let pick = move |value: Value| {
                    let field = field.clone();
                    move |_| {
                        if let Some(syncer) = sync::current()
                            && let Err(error) = syncer.resolve(kind, id, &field, value.clone())
                        {
                            syncer.notice.set(Some(error.to_string()));
                        }
                    }
                };
                view! {
                    <div class="conflict" data-field=c.field.clone()>
                        <h4>{strings::field_label(&c.field)}</h4>
                        <div class="conflict__side">
                            <span class="field__hint">{strings::CONFLICT_SERVER}</span>
                            <p class="conflict__value">{show_value(&c.server_value)}</p>
                            <button class="button conflict__keep-server" on:click=pick(c.server_value.clone())>{strings::KEEP_THIS}</button>
                        </div>
                        <div class="conflict__side">
                            <span class="field__hint">{strings::CONFLICT_OTHER}</span>
                            <p class="conflict__value">{show_value(&c.client_value)}</p>
                            <button class="button conflict__keep-other" on:click=pick(c.client_value.clone())>{strings::KEEP_THIS}</button>
                        </div>
                    </div>
                }
            }).collect_view()}
        </section>
    }
}
