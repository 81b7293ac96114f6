//! The communes of the city side by side, with the sort and the filters
//! above them; every figure is text, the ring beside the registered count
//! only draws it. Tapping a commune opens its dashboard as the server
//! computed it (read-only).
use leptos::prelude::*;
use shared::city::{CitySummary, Filter, SortKey, arrange};

use crate::pages::syncbar::local_time;
use crate::route::Route;
use crate::strings;

#[component]
pub fn CityTable(
    summary: CitySummary,
    filter: RwSignal<Filter>,
    sort: RwSignal<SortKey>,
) -> impl IntoView {
    let rows = summary.communes;
    let on_sort = move |e: leptos::ev::Event| {
        if let Some(key) = SortKey::parse(&event_target_value(&e)) {
            sort.set(key);
        }
    };
    view! {
        <section class="card city__controls">
            <label class="field">
                <span class="field__label">{strings::CITY_SEARCH}</span>
                <input id="city-search" class="field__input" type="search"
                    on:input=move |e| filter.update(|f| f.text = event_target_value(&e))/>
            </label>
            <label class="field">
                <span class="field__label">{strings::CITY_SORT}</span>
                <select id="city-sort" class="field__input" on:change=on_sort>
                    {SortKey::ALL.into_iter().map(|k| view! { <option value=k.slug()>{k.label()}</option> }).collect_view()}
                </select>
            </label>
            <label class="check">
                <input id="city-behind" type="checkbox" on:change=move |e| filter.update(|f| f.behind_only = event_target_checked(&e))/>
                {strings::CITY_BEHIND_ONLY}
            </label>
            <label class="check">
                <input id="city-late" type="checkbox" on:change=move |e| filter.update(|f| f.late_only = event_target_checked(&e))/>
                {strings::CITY_LATE_ONLY}
            </label>
        </section>
        <section class="card">
            <div class="grid__scroll">
                <table class="grid city" id="city-table">
                    <thead>
                        <tr>
                            <th scope="col">{strings::CITY_COL_COMMUNE}</th>
                            <th scope="col">{strings::DASHBOARD_COL_REGISTERED}</th>
                            <th scope="col">{strings::DASHBOARD_UNITS_MET}</th>
                            <th scope="col">{strings::CITY_COL_RECOGNISED}</th>
                            <th scope="col">{strings::DASHBOARD_LATE_UNITS}</th>
                            <th scope="col">{strings::DASHBOARD_COL_DATA}</th>
                        </tr>
                    </thead>
                    <tbody>
                        {move || filter.with(|f| arrange(&rows, sort.get(), f)).into_iter().map(|r| {
                            let href = Route::CityCommune(r.commune_id, None).href();
                            view! {
                                <tr data-commune=r.commune_id.to_string() data-registered=r.registered.to_string()
                                    data-recognised=r.recognised.to_string() data-late=r.late_units.to_string()>
                                    <th scope="row">
                                        <a class="figure city__open" href=href>{r.name.clone()}</a>
                                        {r.year.map(|y| view! { <span class="coverage__date">{shared::messages::campaign_year(y)}{r.closed.then_some(strings::CITY_CLOSED)}</span> })}
                                    </th>
                                    <td class:late=!r.target_met>{r.registered} " / " {r.target}</td>
                                    <td class:late={r.units_met < r.units_designated}>{r.units_met} " / " {r.units_designated}</td>
                                    <td>{r.recognised}</td>
                                    <td class:late={r.late_units > 0}>{r.late_units}</td>
                                    <td class="coverage__data">{r.last_data.map_or_else(|| strings::DASHBOARD_NO_DATA.to_owned(), local_time)}</td>
                                </tr>
                            }
                        }).collect_view()}
                    </tbody>
                </table>
            </div>
        </section>
    }
}
