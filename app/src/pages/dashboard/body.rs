//! The dashboard below its heading: when its data last arrived, whether
//! the year is closed, then every part (headline, grid, coverage, fields,
//! kinds, origin, statuses) and the list of the figure opened. Drawn from
//! the device's records or from a commune's dashboard the server sent.
use leptos::prelude::*;
use shared::dashboard::{Dashboard, Figure};
use shared::model::ModelKind;

use super::DashData;
use super::bars::Bars;
use super::coverage::Coverage;
use super::field_counts::FieldCounts;
use super::figure_list::FigureList;
use super::grid::Grid;
use super::headline::Headline;
use super::stacked::Stacked;
use crate::pages::syncbar::local_time;
use crate::strings;

#[component]
pub fn DashBody(data: DashData) -> impl IntoView {
    let dash = data.dash;
    let figure = data.figure;
    view! {
        <p class="field__hint" id="dashboard-data-until">{move || {
            let at = dash.with(|d| d.as_ref().and_then(|d| d.last_data)).map(local_time);
            strings::dashboard_data_until(at.as_deref())
        }}</p>
        {move || dash.with(|d| d.as_ref().is_some_and(|d| d.closed)).then(|| view! {
            <p class="field__hint" id="dashboard-closed">{strings::DASHBOARD_CLOSED}</p>
        })}
        {move || if dash.with(Option::is_none) {
            view! { <p class="notice" id="dashboard-empty">{strings::DASHBOARD_NO_YEAR}</p> }.into_any()
        } else {
            view! {
                <div class="dash" class:dash--open=move || figure.with(Option::is_some)>
                    <FigureList data/>
                    <Headline data/>
                    <Grid data/>
                    <Coverage data/>
                    <FieldCounts data/>
                    <div class="dash__parts">
                        <Stacked data parts=ModelKind::ALL.map(Figure::Kind).to_vec() title=strings::DASHBOARD_BY_KIND id="by-kind"/>
                        <Stacked data parts=vec![Figure::New, Figure::Continued] title=strings::DASHBOARD_BY_ORIGIN id="by-origin"/>
                        <section class="card">
                            <h3>{strings::DASHBOARD_BY_STATUS}</h3>
                            <Bars data figures=Signal::derive(move || dash.with(|d| d.as_ref().map(Dashboard::statuses).unwrap_or_default())) id="by-status"/>
                        </section>
                    </div>
                </div>
            }.into_any()
        }}
    }
}
