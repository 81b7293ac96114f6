//! The coverage table: each unit held to the year (a target, or a model)
//! with its registered models against its target, and where it stands on
//! the registration and the results-report deadlines (đúng hạn, nộp muộn
//! N ngày, còn N ngày, quá hạn N ngày: `shared::deadline`).
use leptos::prelude::*;
use shared::dashboard::Figure;
use shared::deadline::DeadlineState;

use super::figure_link::FigureLink;
use super::{DashData, Source};
use crate::pages::syncbar::local_time;
use crate::strings;

#[component]
fn Due(state: DeadlineState) -> impl IntoView {
    let kind = match state {
        DeadlineState::DoneOnTime => "ok",
        DeadlineState::DoneLate { .. } | DeadlineState::Overdue { .. } => "late",
        DeadlineState::DaysLeft(_) => "due",
    };
    view! { <td class="due" data-state=kind class:late=state.is_late()>{state.label()}</td> }
}

#[component]
pub fn Coverage(data: DashData) -> impl IntoView {
    let dates = move || {
        let id = data.campaign.get()?;
        let of = |c: &shared::campaign::CampaignYear| {
            (
                shared::format::date(c.registration_deadline),
                shared::format::date(c.unit_report_deadline),
            )
        };
        match data.source {
            Source::Device(records) => {
                records.with(|r| r.campaigns.iter().find(|c| c.id == id).map(of))
            }
            Source::Served(_, served) => {
                served.with(|s| s.as_ref().and_then(|s| s.campaign.as_ref()).map(of))
            }
        }
    };
    view! {
        <section class="dash__units card">
            <h3>{strings::DASHBOARD_COVERAGE}</h3>
            <table class="coverage" id="coverage">
                <thead>
                    <tr>
                        <th scope="col">{strings::DASHBOARD_COL_UNIT}</th>
                        <th scope="col">{strings::DASHBOARD_COL_REGISTERED}</th>
                        <th scope="col">{strings::DASHBOARD_COL_REGISTRATION} <span class="coverage__date">{move || dates().map(|d| d.0)}</span></th>
                        <th scope="col">{strings::DASHBOARD_COL_REPORT} <span class="coverage__date">{move || dates().map(|d| d.1)}</span></th>
                        <th scope="col">{strings::DASHBOARD_COL_DATA}</th>
                    </tr>
                </thead>
                <tbody>
                    {move || data.dash.with(|d| d.as_ref().map(|d| d.units.clone())).unwrap_or_default()
                        .into_iter().map(|u| view! {
                            <tr data-unit=u.unit_id.to_string()>
                                <th scope="row">{u.name}</th>
                                <td class:late=u.met == Some(false)>
                                    <FigureLink data figure=Figure::Unit(u.unit_id)>
                                        {u.registered} {u.target.map(|t| format!(" / {t}"))}
                                    </FigureLink>
                                </td>
                                <Due state=u.registration/>
                                <Due state=u.report/>
                                <td class="coverage__data" data-at=u.last_data.map(|at| at.to_rfc3339()).unwrap_or_default()>
                                    {u.last_data.map_or_else(|| strings::DASHBOARD_NO_DATA.to_owned(), local_time)}
                                </td>
                            </tr>
                        }).collect_view()}
                </tbody>
            </table>
        </section>
    }
}
