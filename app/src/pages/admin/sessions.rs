//! An account's open sessions for its admin: which device and browser,
//! when last used; and "end them all" (a lost tablet, a person who left).
use leptos::prelude::*;
use shared::api::SessionInfo;
use shared::ids::UserId;

use crate::api;
use crate::pages::syncbar::local_time;
use crate::strings;

#[component]
pub(super) fn Sessions(id: UserId) -> impl IntoView {
    let list = RwSignal::new(None::<Vec<SessionInfo>>);
    let message = RwSignal::new(None::<String>);
    let path = format!("/api/admin/users/{id}/sessions");
    let load = {
        let path = path.clone();
        move || {
            let path = path.clone();
            leptos::task::spawn_local(async move {
                match api::get::<Vec<SessionInfo>>(&path).await {
                    Ok(found) => list.set(Some(found)),
                    Err(error) => message.set(Some(error.message())),
                }
            });
        }
    };
    let load = StoredValue::new(load);
    let end_all = move |_| {
        if !window()
            .confirm_with_message(strings::END_SESSIONS_CONFIRM)
            .unwrap_or(false)
        {
            return;
        }
        let path = path.clone();
        leptos::task::spawn_local(async move {
            match api::delete(&path).await {
                Ok(()) => {
                    message.set(Some(strings::SESSIONS_ENDED.into()));
                    load.with_value(|l| l());
                }
                Err(error) => message.set(Some(error.message())),
            }
        });
    };
    view! {
        <div class="account__sessions">
            <div class="buttons">
                <button class="button button--quiet account__show-sessions" on:click=move |_| load.with_value(|l| l())>
                    {strings::SESSIONS}</button>
                <button class="button account__end-sessions" on:click=end_all>{strings::END_SESSIONS}</button>
            </div>
            {move || message.get().map(|m| view! { <p class="field__hint" role="status">{m}</p> })}
            {move || list.get().map(|found| {
                if found.is_empty() {
                    return view! { <p class="field__hint sessions__none">{strings::NO_SESSIONS}</p> }.into_any();
                }
                view! {
                    <ul class="sessions">
                        {found.into_iter().map(|s| view! {
                            <li class="sessions__item">
                                <span class="sessions__agent">{describe(&s)}</span>
                                <span class="field__hint">{strings::LAST_USED} " " {local_time(s.last_used_at)}
                                    " · " {strings::SIGNED_IN_AT} " " {local_time(s.created_at)}</span>
                            </li>
                        }).collect_view()}
                    </ul>
                }.into_any()
            })}
        </div>
    }
}

/// "Chrome trên Android · máy 0190f0a0": what a person can recognise.
fn describe(session: &SessionInfo) -> String {
    let browser = if session.agent.is_empty() {
        strings::UNKNOWN_BROWSER.to_owned()
    } else {
        session.agent.clone()
    };
    match session.device {
        Some(device) => {
            let short: String = device.simple().to_string().chars().take(8).collect();
            format!("{browser} · {} {short}", strings::DEVICE)
        }
        None => browser,
    }
}
