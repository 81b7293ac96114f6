//! The campaign year chooser: newest first, the newest by default; choosing
//! one changes the address, so a reload keeps it.
use leptos::prelude::*;
use shared::ids::CampaignId;

use super::DashData;
use crate::route::{self, Route};
use crate::strings;

#[component]
pub fn YearSelect(data: DashData, choices: Memo<Vec<(CampaignId, String)>>) -> impl IntoView {
    let change = move |e: leptos::ev::Event| {
        if let Ok(id) = event_target_value(&e).parse() {
            route::go(Route::Dashboard(Some(id), None));
        }
    };
    view! {
        <label class="field dash__year">
            <span class="field__label">{strings::DASHBOARD_YEAR}</span>
            <select id="dashboard-year" class="field__input" on:change=change>
                {move || {
                    let current = data.campaign.get();
                    choices.get().into_iter().map(|(id, label)| view! {
                        <option value=id.to_string() selected=Some(id) == current>{label}</option>
                    }).collect_view()
                }}
            </select>
        </label>
    }
}
