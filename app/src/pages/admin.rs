//! The commune admin's screens: units (with the "has a target" flag) and
//! the campaign year (deadlines, targets) are synced records, so they work
//! offline like everything else; accounts live on the server and need the
//! network.
use leptos::prelude::*;
use shared::api::{AuditEvent, NewUser, PasswordReset, UserUpdate};
use shared::campaign::CampaignYear;
use shared::ids::{CampaignId, UnitId, UserId};
use shared::org::{Unit, UnitKind};
use shared::sync::{RecordKind, to_fields};
use shared::user::{Role, User};
use shared::validate::{Errors, ErrorsExt};

use crate::api::{self, CallError};
use crate::data;
use crate::pages::edit::{confirm, save, save_all};
use crate::pages::fields::{
    DateInput, NumberInput, NumberKind, SelectInput, TextInput, from_wire_name, wire_name,
};
use crate::route::{AdminTab, Route};
use crate::strings;
use crate::sync;

fn tab_link(tab: AdminTab, current: AdminTab, label: &'static str) -> impl IntoView {
    view! {
        <a class="chip" class:chip--status=tab == current href=Route::Admin(tab).href()>{label}</a>
    }
}

#[component]
pub fn AdminPage(tab: AdminTab) -> impl IntoView {
    let admin = sync::current().is_some_and(|s| s.session.user.role == Role::Admin);
    if !admin {
        return view! { <main class="page"><p class="notice">{shared::sync::rules::MSG_ADMIN_ONLY}</p></main> }.into_any();
    }
    view! {
        <main class="page">
            <a class="back" href=Route::Home.href()>{strings::BACK_HOME}</a>
            <h2>{strings::ADMIN}</h2>
            <nav class="chips admin-tabs">
                {tab_link(AdminTab::Units, tab, strings::ADMIN_UNITS)}
                {tab_link(AdminTab::Users, tab, strings::ADMIN_USERS)}
                {tab_link(AdminTab::Campaign, tab, strings::ADMIN_CAMPAIGN)}
            </nav>
            {match tab {
                AdminTab::Units => view! { <Units/> }.into_any(),
                AdminTab::Users => view! { <Users/> }.into_any(),
                AdminTab::Campaign => view! { <Campaign/> }.into_any(),
            }}
        </main>
    }
    .into_any()
}

/// Units: rename, kind, parent and the target flag save as you go; a new
/// unit is added when its name is valid.
#[component]
fn Units() -> impl IntoView {
    let Some(syncer) = sync::current() else {
        return ().into_any();
    };
    let version = syncer.data_version;
    let commune = syncer.session.user.commune_id;
    let units = Memo::new(move |_| {
        version.track();
        // Creation order: renaming or flagging a unit never moves its row.
        let mut list = sync::current().map(|s| data::units(&s)).unwrap_or_default();
        list.sort_by_key(|u| u.id);
        list
    });
    let ids = move || units.with(|l| l.iter().map(|u| u.id).collect::<Vec<_>>());
    let new_name = RwSignal::new(String::new());
    let new_error = RwSignal::new(None::<String>);
    let add = move |_| {
        let Some(commune) = commune else { return };
        let unit = Unit {
            id: UnitId::new(),
            commune_id: commune,
            name: new_name.get_untracked().trim().to_owned(),
            kind: UnitKind::ChiBoThon,
            parent: None,
            has_target: false,
            sample: false,
        };
        let errors = unit.validate();
        if let Some(e) = errors.for_field("name") {
            new_error.set(Some(e.message.clone()));
            return;
        }
        new_error.set(None);
        if let Ok(fields) = to_fields(&unit)
            && save_all(RecordKind::Unit, unit.id.as_uuid(), fields)
        {
            new_name.set(String::new());
        }
    };
    view! {
        <section class="card" id="add-unit">
            <TextInput path="new-unit" label=strings::UNIT_NAME value=new_name
                on_change=Callback::new(move |v| new_name.set(v)) error=new_error disabled=Signal::derive(|| false)/>
            <button id="add-unit-button" class="button button--primary" on:click=add>{strings::ADD_UNIT}</button>
        </section>
        {move || units.with(Vec::is_empty).then(|| view! { <p class="models__empty">{strings::NO_UNITS}</p> })}
        <ul class="models" id="units">
            <For each=ids key=|id| *id let:id>
                <UnitRow id units/>
            </For>
        </ul>
    }
    .into_any()
}

#[component]
fn UnitRow(id: UnitId, units: Memo<Vec<Unit>>) -> impl IntoView {
    let unit = move || units.with(|l| l.iter().find(|u| u.id == id).cloned());
    let errors = Memo::new(move |_| unit().map(|u| u.validate()).unwrap_or_default());
    let error = move |field: &'static str| {
        Signal::derive(move || errors.with(|e| e.for_field(field).map(|e| e.message.clone())))
    };
    let enabled = Signal::derive(|| false);
    let rid = id.as_uuid();
    let parents = move || {
        units.with(|l| {
            l.iter()
                .filter(|u| u.id != id)
                .map(|u| (u.id.to_string(), u.name.clone()))
                .collect::<Vec<_>>()
        })
    };
    view! {
        <li class="models__item unit" data-id=id.to_string()>
            <TextInput path=format!("units[{id}].name") label=strings::UNIT_NAME
                value=Signal::derive(move || unit().map(|u| u.name).unwrap_or_default())
                on_change=Callback::new(move |v: String| save(RecordKind::Unit, rid, "name", v))
                error=error("name") disabled=enabled/>
            <SelectInput path=format!("units[{id}].kind") label=strings::UNIT_KIND
                options=UnitKind::ALL.iter().map(|k| (wire_name(k), k.label())).collect()
                value=Signal::derive(move || unit().map(|u| wire_name(&u.kind)).unwrap_or_default())
                on_change=Callback::new(move |v: String| if let Some(kind) = from_wire_name::<UnitKind>(&v) { save(RecordKind::Unit, rid, "kind", kind) })
                error=error("kind") disabled=enabled/>
            <label class="field">
                <span class="field__label">{strings::UNIT_PARENT}</span>
                <select class="field__input" on:change=move |e| {
                    let v = event_target_value(&e);
                    save(RecordKind::Unit, rid, "parent", v.parse::<UnitId>().ok());
                }>
                    <option value="" selected=move || unit().is_some_and(|u| u.parent.is_none())>{strings::UNIT_NO_PARENT}</option>
                    {move || parents().into_iter().map(|(pid, name)| {
                        let selected = unit().and_then(|u| u.parent).map(|p| p.to_string()) == Some(pid.clone());
                        view! { <option value=pid selected=selected>{name}</option> }
                    }).collect_view()}
                </select>
                <span class="field__error">{error("parent")}</span>
            </label>
            <label class="check">
                <input type="checkbox" class="unit__target" prop:checked=move || unit().is_some_and(|u| u.has_target)
                    on:change=move |e| save(RecordKind::Unit, rid, "has_target", event_target_checked(&e))/>
                <span>{strings::UNIT_HAS_TARGET}</span>
            </label>
            {move || unit().filter(|u| u.sample).map(|_| view! { <span class="chip">{strings::UNIT_SAMPLE}</span> })}
        </li>
    }
}

/// The current campaign year: deadlines and targets; and starting the next year.
#[component]
fn Campaign() -> impl IntoView {
    let Some(syncer) = sync::current() else {
        return ().into_any();
    };
    let version = syncer.data_version;
    let campaign = Memo::new(move |_| {
        version.track();
        sync::current().and_then(|s| data::current_campaign(&s))
    });
    let cid = Memo::new(move |_| campaign.with(|c| c.as_ref().map(|c| c.id)));
    view! {
        {move || cid.get().map(|id| view! { <CampaignForm id campaign/> })}
        {move || campaign.get().is_none().then(|| view! { <p class="notice">{strings::NO_CAMPAIGN}</p> })}
    }
    .into_any()
}

#[component]
fn CampaignForm(id: CampaignId, campaign: Memo<Option<CampaignYear>>) -> impl IntoView {
    let rid = id.as_uuid();
    let get = move |read: fn(&CampaignYear) -> chrono::NaiveDate| {
        Signal::derive(move || campaign.with(|c| c.as_ref().map(read)))
    };
    let errors = Memo::new(move |_| {
        campaign.with(|c| c.as_ref().map(CampaignYear::validate).unwrap_or_default())
    });
    let error = move |field: &'static str| {
        Signal::derive(move || errors.with(|e| e.for_field(field).map(|e| e.message.clone())))
    };
    let date_saver = move |field: &'static str| {
        Callback::new(move |d: Option<chrono::NaiveDate>| {
            if let Some(d) = d {
                save(RecordKind::Campaign, rid, field, d);
            }
        })
    };
    let target_saver = move |field: &'static str| {
        Callback::new(move |v: Option<f64>| {
            save(
                RecordKind::Campaign,
                rid,
                field,
                v.map_or(0, |x| x.max(0.0) as u32),
            )
        })
    };
    let enabled = Signal::derive(|| false);
    let next_year = move |_| {
        let Some(current) = campaign.get_untracked() else {
            return;
        };
        let Some(syncer) = sync::current() else {
            return;
        };
        if data::campaigns(&syncer)
            .iter()
            .any(|c| c.year == current.year + 1)
        {
            syncer.notice.set(Some(strings::NEXT_YEAR_EXISTS.into()));
            return;
        }
        if !confirm(strings::CONFIRM_NEXT_YEAR) {
            return;
        }
        let next = current.next_year(CampaignId::new());
        if let Ok(fields) = to_fields(&next) {
            save_all(RecordKind::Campaign, next.id.as_uuid(), fields);
        }
    };
    view! {
        <section class="card" id="campaign">
            <h3>{strings::CAMPAIGN} " " {move || campaign.with(|c| c.as_ref().map(|c| c.year))}</h3>
            <DateInput path="registration_deadline" label=strings::REGISTRATION_DEADLINE
                value=get(|c| c.registration_deadline) on_change=date_saver("registration_deadline")
                error=error("registration_deadline") disabled=enabled/>
            <DateInput path="unit_report_deadline" label=strings::REPORT_DEADLINE
                value=get(|c| c.unit_report_deadline) on_change=date_saver("unit_report_deadline")
                error=error("unit_report_deadline") disabled=enabled/>
            <DateInput path="commune_report_deadline" label=strings::COMMUNE_REPORT_DEADLINE
                value=get(|c| c.commune_report_deadline) on_change=date_saver("commune_report_deadline")
                error=error("commune_report_deadline") disabled=enabled/>
            <NumberInput path="commune_target" label=strings::COMMUNE_TARGET kind=NumberKind::Whole zero_is_empty=true
                value=Signal::derive(move || campaign.with(|c| c.as_ref().map(|c| f64::from(c.commune_target))))
                on_change=target_saver("commune_target") error=error("commune_target") disabled=enabled/>
            <NumberInput path="unit_target" label=strings::UNIT_TARGET kind=NumberKind::Whole zero_is_empty=true
                value=Signal::derive(move || campaign.with(|c| c.as_ref().map(|c| f64::from(c.unit_target))))
                on_change=target_saver("unit_target") error=error("unit_target") disabled=enabled/>
        </section>
        <button id="next-year" class="button" on:click=next_year>
            {strings::START_NEXT_YEAR} " " {move || campaign.with(|c| c.as_ref().map(|c| c.year + 1))}
        </button>
    }
}

/// Accounts: on the server, so this screen needs the network.
#[component]
fn Users() -> impl IntoView {
    let Some(syncer) = sync::current() else {
        return ().into_any();
    };
    let token = syncer.session.token.clone();
    let users = RwSignal::new(None::<Result<Vec<User>, String>>);
    let reload = {
        let token = token.clone();
        move || {
            let token = token.clone();
            leptos::task::spawn_local(async move {
                let answer = api::get::<Vec<User>>(&token, "/api/admin/users").await;
                users.set(Some(answer.map_err(|e| match e {
                    CallError::Offline => strings::NEEDS_NETWORK.to_owned(),
                    other => other.message(),
                })));
            });
        }
    };
    reload();
    let version = syncer.data_version;
    let units = Memo::new(move |_| {
        version.track();
        sync::current().map(|s| data::units(&s)).unwrap_or_default()
    });
    let token = StoredValue::new(token);
    let reload = StoredValue::new(reload);
    view! {
        <NewAccount token units on_created=Callback::new(move |()| reload.with_value(|r| r()))/>
        {move || match users.get() {
            None => view! { <p class="field__hint">{strings::LOADING}</p> }.into_any(),
            Some(Err(message)) => view! { <p class="notice" id="users-error">{message}</p> }.into_any(),
            Some(Ok(list)) => view! {
                <ul class="models" id="users">
                    {list.into_iter().map(|u| view! { <Account user=u token units/> }).collect_view()}
                </ul>
            }.into_any(),
        }}
    }
    .into_any()
}

fn role_options() -> Vec<(String, &'static str)> {
    [Role::UnitOfficer, Role::Reviewer, Role::Leader, Role::Admin]
        .iter()
        .map(|r| (wire_name(r), r.label()))
        .collect()
}

fn unit_options(units: &[Unit]) -> Vec<(String, String)> {
    units
        .iter()
        .map(|u| (u.id.to_string(), u.name.clone()))
        .collect()
}

fn error_of(errors: RwSignal<Errors>, field: &'static str) -> Signal<Option<String>> {
    Signal::derive(move || errors.with(|e| e.for_field(field).map(|e| e.message.clone())))
}

/// What a failed call says: field errors next to fields, the rest on top.
fn show_failure(error: CallError, errors: RwSignal<Errors>, message: RwSignal<Option<String>>) {
    match error {
        CallError::Server(api) if !api.errors.is_empty() => errors.set(api.errors),
        CallError::Offline => message.set(Some(strings::NEEDS_NETWORK.into())),
        other => message.set(Some(other.message())),
    }
}

#[component]
fn NewAccount(
    token: StoredValue<String>,
    units: Memo<Vec<Unit>>,
    on_created: Callback<()>,
) -> impl IntoView {
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
        let token = token.get_value();
        errors.set(Errors::new());
        leptos::task::spawn_local(async move {
            match api::send::<_, User>(
                gloo_net::http::Method::POST,
                &token,
                "/api/admin/users",
                &body,
            )
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
                on_change=Callback::new(move |v| form.update(|f| f.password = v))
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
fn Account(user: User, token: StoredValue<String>, units: Memo<Vec<Unit>>) -> impl IntoView {
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
        let token = token.get_value();
        errors.set(Errors::new());
        leptos::task::spawn_local(async move {
            let path = format!("/api/admin/users/{id}");
            match api::send::<_, User>(gloo_net::http::Method::PUT, &token, &path, &change).await {
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
        let token = token.get_value();
        leptos::task::spawn_local(async move {
            let path = format!("/api/admin/users/{id}/password");
            match api::send::<_, ()>(
                gloo_net::http::Method::POST,
                &token,
                &path,
                &PasswordReset { new },
            )
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
        let token = token.get_value();
        leptos::task::spawn_local(async move {
            let path = format!("/api/admin/audit?user={id}&limit=50");
            match api::get::<Vec<AuditEvent>>(&token, &path).await {
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
