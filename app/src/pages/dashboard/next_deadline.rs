//! The deadline tiles: the next deadline of the year with its days left
//! and the units that have not met it yet, and the units already late
//! (each name opens that unit's models). A closed year has no next one.
use leptos::prelude::*;
use shared::dashboard::{Figure, UnitRef};
use shared::deadline::DeadlineState;

use super::DashData;
use super::figure_link::FigureLink;
use crate::strings;

#[component]
fn UnitLinks(data: DashData, units: Vec<UnitRef>, id: &'static str) -> impl IntoView {
    let count = units.len().to_string();
    view! {
        <ul class="tile__units" id=id data-count=count>
            {units.into_iter().map(|u| view! {
                <li><FigureLink data figure=Figure::Unit(u.unit_id)>{u.name}</FigureLink></li>
            }).collect_view()}
        </ul>
    }
}

#[component]
pub fn NextDeadline(data: DashData) -> impl IntoView {
    let next = move || data.dash.with(|d| d.as_ref().and_then(|d| d.next.clone()));
    let late = move || {
        data.dash
            .with(|d| d.as_ref().map(|d| d.late.clone()))
            .unwrap_or_default()
    };
    view! {
        {move || next().map(|n| {
            let waiting = !n.pending.is_empty();
            view! {
            <li class="tile tile--deadline" class:tile--late=waiting id="next-deadline"
                data-days=n.days_left.to_string()>
                <span class="tile__label">{strings::DASHBOARD_NEXT} ": " {n.kind.label()}</span>
                <span class="tile__number">{DeadlineState::DaysLeft(n.days_left).label()}</span>
                <span class="tile__note tile__note--plain">{shared::format::date(n.date)}</span>
                {if n.pending.is_empty() {
                    view! { <span class="tile__note tile__note--plain">{strings::DASHBOARD_ALL_DONE}</span> }.into_any()
                } else {
                    view! {
                        <span class="tile__note">{strings::DASHBOARD_PENDING}</span>
                        <UnitLinks data units=n.pending id="pending-units"/>
                    }.into_any()
                }}
            </li>
            }
        })}
        {move || {
            let late = late();
            let names: Vec<UnitRef> = late.iter().map(|l| l.unit.clone()).collect();
            view! {
                <li class="tile tile--deadline" class:tile--late=!late.is_empty() class:tile--ok=late.is_empty() id="late-units-tile">
                    <span class="tile__label">{strings::DASHBOARD_LATE_UNITS}</span>
                    <span class="tile__number">{late.len()}</span>
                    {if late.is_empty() {
                        view! { <span class="tile__note tile__note--plain">{strings::DASHBOARD_NO_LATE}</span> }.into_any()
                    } else {
                        view! { <UnitLinks data units=names id="late-units"/> }.into_any()
                    }}
                </li>
            }
        }}
    }
}
