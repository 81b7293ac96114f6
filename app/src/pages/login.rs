//! Sign-in (needs the network once; the session then lasts for weeks).
use leptos::prelude::*;
use shared::api::LoginRequest;

use crate::api;
use crate::session::{self, Session};
use crate::strings;

#[component]
pub fn Login() -> impl IntoView {
    let username = RwSignal::new(String::new());
    let password = RwSignal::new(String::new());
    let error = RwSignal::new(None::<String>);
    let busy = RwSignal::new(false);
    // A sign-out that happened offline: end that session now (the cookie
    // still in this browser is useless without the forgotten key, but the
    // server should not keep it open).
    if session::sign_out_pending() {
        leptos::task::spawn_local(async {
            if api::logout().await {
                session::set_sign_out_pending(false);
            }
        });
    }

    let submit = move |event: leptos::ev::SubmitEvent| {
        event.prevent_default();
        let (user, pass) = (username.get_untracked(), password.get_untracked());
        if user.trim().is_empty() || pass.is_empty() {
            error.set(Some(strings::FIELDS_REQUIRED.into()));
            return;
        }
        busy.set(true);
        error.set(None);
        leptos::task::spawn_local(async move {
            let request = LoginRequest {
                username: user.trim().to_owned(),
                password: pass,
                device_id: Some(session::device_id()),
                cookie: true,
            };
            match api::login(&request).await {
                Ok(answer) => {
                    session::set_sign_out_pending(false);
                    session::set_demo(answer.demo);
                    let stored = Session {
                        key: answer.key.unwrap_or_default(),
                        expires_at: answer.expires_at,
                        user: answer.user,
                    };
                    match session::store(&stored) {
                        Ok(()) => {
                            let _ = window().location().reload();
                        }
                        Err(_) => error.set(Some(strings::STORAGE_FAILED.into())),
                    }
                }
                Err(failure) => error.set(Some(failure.message())),
            }
            busy.set(false);
        });
    };

    view! {
        <main class="page page--narrow">
            <h2>{strings::SIGN_IN_TITLE}</h2>
            <p class="field__hint">{strings::SIGN_IN_HINT}</p>
            <form class="card" on:submit=submit>
                <label class="field">
                    <span class="field__label">{strings::USERNAME}</span>
                    <input id="username" class="field__input" type="text" autocomplete="username"
                        autocapitalize="none" prop:value=move || username.get()
                        on:input=move |e| username.set(event_target_value(&e))/>
                </label>
                <label class="field">
                    <span class="field__label">{strings::PASSWORD}</span>
                    <input id="password" class="field__input" type="password" autocomplete="current-password"
                        prop:value=move || password.get()
                        on:input=move |e| password.set(event_target_value(&e))/>
                </label>
                {move || error.get().map(|text| view! { <p class="field__error" role="alert">{text}</p> })}
                <button id="sign-in" class="button button--primary" type="submit" disabled=move || busy.get()>
                    {move || if busy.get() { strings::SIGNING_IN } else { strings::SIGN_IN }}
                </button>
            </form>
        </main>
    }
}
