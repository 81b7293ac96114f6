//! The commune admin's screens: units (with the "has a target" flag) and
//! the campaign year (deadlines, targets) are synced records, so they work
//! offline like everything else; accounts live on the server and need the
//! network.
mod campaign;
mod sessions;
mod units;
mod users;

use leptos::prelude::*;
use shared::org::Unit;
use shared::user::Role;
use shared::validate::{Errors, ErrorsExt};

use crate::api::CallError;
use crate::pages::back_home::BackHome;
use crate::pages::fields::enum_options;
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
        return view! { <main class="page"><p class="notice">{shared::messages::ADMIN_ONLY}</p></main> }.into_any();
    }
    view! {
        <main class="page">
            <BackHome/>
            <h2>{strings::ADMIN}</h2>
            <nav class="chips admin-tabs">
                {tab_link(AdminTab::Units, tab, strings::ADMIN_UNITS)}
                {tab_link(AdminTab::Users, tab, strings::ADMIN_USERS)}
                {tab_link(AdminTab::Campaign, tab, strings::ADMIN_CAMPAIGN)}
            </nav>
            {match tab {
                AdminTab::Units => view! { <units::Units/> }.into_any(),
                AdminTab::Users => view! { <users::Users/> }.into_any(),
                AdminTab::Campaign => view! { <campaign::Campaign/> }.into_any(),
            }}
        </main>
    }
    .into_any()
}

pub(super) fn role_options() -> Vec<(String, String)> {
    enum_options(&Role::COMMUNE, Role::label)
}

pub(super) fn unit_options(units: &[Unit]) -> Vec<(String, String)> {
    units
        .iter()
        .map(|u| (u.id.to_string(), u.name.clone()))
        .collect()
}

pub(super) fn error_of(errors: RwSignal<Errors>, field: &'static str) -> Signal<Option<String>> {
    Signal::derive(move || errors.with(|e| e.for_field(field).map(|e| e.message.clone())))
}

/// What a failed call says: field errors next to fields, the rest on top.
pub(super) fn show_failure(
    error: CallError,
    errors: RwSignal<Errors>,
    message: RwSignal<Option<String>>,
) {
    match error {
        CallError::Server(api) if !api.errors.is_empty() => errors.set(api.errors),
        CallError::Offline => message.set(Some(strings::NEEDS_NETWORK.into())),
        other => message.set(Some(other.message())),
    }
}
