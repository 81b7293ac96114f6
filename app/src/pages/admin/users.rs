//! Accounts of the commune: on the server, so these need the network.
use leptos::prelude::*;
use shared::api::{AuditEvent, NewUser, PasswordReset, UserUpdate};
use shared::ids::{UnitId, UserId};
use shared::org::Unit;
use shared::user::{Role, User, validate_password};
use shared::validate::Errors;

use super::sessions::Sessions;
use super::{error_of, role_options, show_failure, unit_options};
use crate::api::{self, CallError};
use crate::data;
use crate::pages::fields::{SelectInput, TextInput, from_wire_name, wire_name};
use crate::strings;
use crate::sync;

/// Accounts: on the server, so this screen needs the network.
#[component]
pub(super) fn Users() -> impl IntoView {
    let Some(syncer) = sync::current() else {
        return ().into_any();
    };
    let users = RwSignal::new(None::<Result<Vec<User>, String>>);
    let reload = move || {
        leptos::task::spawn_local(async move {
            let answer = api::get::<Vec<User>>("/api/admin/users").await;
            users.set(Some(answer.map_err(|e| match e {
                CallError::Offline => strings::NEEDS_NETWORK.to_owned(),
                other => other.message(),
            })));
        });
    };
    reload();
    let version = syncer.data_version;
    let units = Memo::new(move |_| {
        version.track();
        sync::current().map(|s| data::units(&s)).unwrap_or_default()
    });
    let reload = StoredValue::new(reload);
    view! {
        <NewAccount units on_created=Callback::new(move |()| reload.with_value(|r| r()))/>
        {move || match users.get() {
            None => view! { <p class="field__hint">{strings::LOADING}</p> }.into_any(),
            Some(Err(message)) => view! { <p class="notice" id="users-error">{message}</p> }.into_any(),
            Some(Ok(list)) => view! {
                <ul class="models" id="users">
                    {list.into_iter().map(|u| view! { <Account user=u units/> }).collect_view()}
                </ul>
            }.into_any(),
        }}
    }
    .into_any()
}

#[component]
fn NewAccount(units: Memo<Vec<Unit>>, on_created: Callback<()>) -> impl IntoView {
    let form = RwSignal::new(NewUser {
        username: String::new(),
        full_name: String::new(),
        role: Role::UnitOfficer,
        unit_id: None,
        password: String::new(),
    });
    let errors = RwSignal::new(Errors::new());
    let message = RwSignal::new(None::<String>);
    let enabled = Signal::derive(|| false);
    let create = move |_| {
        let body = form.get_untracked();
        // The shared password rule first: no round trip for a weak one.
        let weak = validate_password("password", &body.password);
        errors.set(weak.clone());
        if !weak.is_empty() {
            return;
        }
        leptos::task::spawn_local(async move {
            match api::send::<_, User>(gloo_net::http::Method::POST, "/api/admin/users", &body)
                .await
            {
                Ok(_) => {
                    message.set(Some(format!(
                        "{}: {}",
                        strings::USER_CREATED,
                        body.username
                    )));
                    form.update(|f| {
                        f.username.clear();
                        f.full_name.clear();
                        f.password.clear();
                    });
                    on_created.run(());
                }
                Err(error) => show_failure(error, errors, message),
            }
        });
    };
    view! {
        <details class="card" id="new-account">
            <summary id="open-new-account" class="field__label">{strings::CREATE_USER}</summary>
            {move || message.get().map(|m| view! { <p class="notice notice--ok" role="status">{m}</p> })}
            <TextInput path="username" label=strings::USERNAME hint=strings::USERNAME_HINT
                value=Signal::derive(move || form.with(|f| f.username.clone()))
                on_change=Callback::new(move |v| form.update(|f| f.username = v))
                error=error_of(errors, "username") disabled=enabled/>
            <TextInput path="full_name" label=strings::FULL_NAME
                value=Signal::derive(move || form.with(|f| f.full_name.clone()))
                on_change=Callback::new(move |v| form.update(|f| f.full_name = v))
                error=error_of(errors, "full_name") disabled=enabled/>
            <SelectInput path="role" label=strings::ROLE options=role_options()
                value=Signal::derive(move || form.with(|f| wire_name(&f.role)))
                on_change=Callback::new(move |v: String| if let Some(r) = from_wire_name(&v) { form.update(|f| f.role = r) })
                error=error_of(errors, "role") disabled=enabled/>
            {move || form.with(|f| f.role == Role::UnitOfficer).then(|| view! {
                <UnitSelect path="unit_id" units value=Signal::derive(move || form.with(|f| f.unit_id))
                    on_change=Callback::new(move |u| form.update(|f| f.unit_id = u)) error=error_of(errors, "unit_id")/>
            })}
            <TextInput path="password" label=strings::NEW_PASSWORD secret=true
                value=Signal::derive(move || form.with(|f| f.password.clone()))
                on_change=Callback::new(move |v: String| {
                    errors.update(|e| {
                        e.retain(|f| f.field != "password");
                        if !v.is_empty() {
                            e.extend(validate_password("password", &v));
                        }
                    });
                    form.update(|f| f.password = v);
                })
                error=error_of(errors, "password") disabled=enabled/>
            <button id="create-user" class="button button--primary" on:click=create>{strings::CREATE_USER}</button>
        </details>
    }
}

#[component]
fn UnitSelect(
    #[prop(into)] path: String,
    units: Memo<Vec<Unit>>,
    #[prop(into)] value: Signal<Option<UnitId>>,
    on_change: Callback<Option<UnitId>>,
    error: Signal<Option<String>>,
) -> impl IntoView {
    view! {
        <label class="field" data-field=path.clone()>
            <span class="field__label">{strings::UNIT}</span>
            <select class="field__input" id=crate::pages::fields::dom_id(&path) on:change=move |e| on_change.run(event_target_value(&e).parse().ok())>
                <option value="" selected=move || value.get().is_none()>{strings::CHOOSE}</option>
                {move || unit_options(&units.get()).into_iter().map(|(id, name)| {
                    let selected = value.get().map(|u| u.to_string()) == Some(id.clone());
                    view! { <option value=id selected=selected>{name}</option> }
                }).collect_view()}
            </select>
            <span class="field__error" role="alert">{move || error.get()}</span>
        </label>
    }
}

#[component]
fn Account(user: User, units: Memo<Vec<Unit>>) -> impl IntoView {
    let id: UserId = user.id;
    let state = RwSignal::new(UserUpdate {
        full_name: user.full_name.clone(),
        role: user.role,
        unit_id: user.unit_id,
        disabled: user.disabled,
    });
    let errors = RwSignal::new(Errors::new());
    let message = RwSignal::new(None::<String>);
    let events = RwSignal::new(None::<Vec<AuditEvent>>);
    let put = move |change: UserUpdate| {
        errors.set(Errors::new());
        leptos::task::spawn_local(async move {
            let path = format!("/api/admin/users/{id}");
            match api::send::<_, User>(gloo_net::http::Method::PUT, &path, &change).await {
                Ok(Some(saved)) => {
                    state.set(UserUpdate {
                        full_name: saved.full_name,
                        role: saved.role,
                        unit_id: saved.unit_id,
                        disabled: saved.disabled,
                    });
                    message.set(Some(strings::SAVED.into()));
                }
                Ok(None) => {}
                Err(error) => show_failure(error, errors, message),
            }
        });
    };
    let reset = move |_| {
        let Ok(Some(new)) = window().prompt_with_message(strings::RESET_PROMPT) else {
            return;
        };
        if let Some(weak) = validate_password("new", &new).first() {
            message.set(Some(weak.message.clone()));
            return;
        }
        leptos::task::spawn_local(async move {
            let path = format!("/api/admin/users/{id}/password");
            match api::send::<_, ()>(gloo_net::http::Method::POST, &path, &PasswordReset { new })
                .await
            {
                Ok(_) => message.set(Some(strings::PASSWORD_RESET_DONE.into())),
                Err(CallError::Server(e)) if !e.errors.is_empty() => {
                    message.set(e.errors.first().map(|f| f.message.clone()))
                }
                Err(error) => message.set(Some(error.message())),
            }
        });
    };
    let show_audit = move |_| {
        leptos::task::spawn_local(async move {
            let path = format!("/api/admin/audit?user={id}&limit=50");
            match api::get::<Vec<AuditEvent>>(&path).await {
                Ok(list) => events.set(Some(list)),
                Err(error) => message.set(Some(error.message())),
            }
        });
    };
    let enabled = Signal::derive(|| false);
    view! {
        <li class="models__item account" data-username=user.username.clone() data-disabled=move || state.with(|s| s.disabled).to_string()>
            <span class="models__name">{user.username.clone()}
                {move || state.with(|s| s.disabled).then(|| view! { " · " <span class="late">{strings::LOCKED}</span> })}</span>
            {move || message.get().map(|m| view! { <span class="field__hint account__message" role="status">{m}</span> })}
            <TextInput path=format!("users[{id}].full_name") label=strings::FULL_NAME
                value=Signal::derive(move || state.with(|s| s.full_name.clone()))
                on_change=Callback::new(move |v| state.update(|s| s.full_name = v))
                error=error_of(errors, "full_name") disabled=enabled/>
            <SelectInput path=format!("users[{id}].role") label=strings::ROLE options=role_options()
                value=Signal::derive(move || state.with(|s| wire_name(&s.role)))
                on_change=Callback::new(move |v: String| if let Some(r) = from_wire_name(&v) { state.update(|s| s.role = r) })
                error=error_of(errors, "role") disabled=enabled/>
            {move || state.with(|s| s.role == Role::UnitOfficer).then(|| view! {
                <UnitSelect path=format!("users[{id}].unit_id") units value=Signal::derive(move || state.with(|s| s.unit_id))
                    on_change=Callback::new(move |u| state.update(|s| s.unit_id = u)) error=error_of(errors, "unit_id")/>
            })}
            <div class="buttons">
                <button class="button button--primary account__save" on:click=move |_| put(state.get_untracked())>{strings::SAVE}</button>
                <button class="button account__lock" on:click=move |_| {
                    let mut change = state.get_untracked();
                    change.disabled = !change.disabled;
                    put(change);
                }>{move || if state.with(|s| s.disabled) { strings::UNLOCK } else { strings::LOCK }}</button>
                <button class="button account__reset" on:click=reset>{strings::RESET_PASSWORD}</button>
                <button class="button button--quiet account__audit" on:click=show_audit>{strings::AUDIT}</button>
            </div>
            <Sessions id/>
            {move || events.get().map(|list| {
                if list.is_empty() {
                    return view! { <p class="field__hint">{strings::NO_AUDIT}</p> }.into_any();
                }
                view! {
                    <ol class="audit">
                        {list.into_iter().map(|e| view! {
                            <li data-kind=wire_name(&e.kind)>
                                <span class="field__hint">{crate::pages::syncbar::local_time(e.at)}</span> " "
                                {e.kind.label()}
                                {(!e.detail.is_empty()).then(|| format!(": {}", e.detail))}
                                {e.actor.map(|a| format!(" ({a})"))}
                            </li>
                        }).collect_view()}
                    </ol>
                }.into_any()
            })}
        </li>
    }
}
