//! The headline: models registered against the commune's target, the
//! designated units that met their own, then how far the year has come
//! (reported, evaluated, recognised, tiêu biểu, khen thưởng, nhân rộng).
use leptos::prelude::*;
use shared::dashboard::Figure;

use super::DashData;
use super::figure_link::FigureLink;
use super::next_deadline::NextDeadline;
use super::ring::Ring;
use crate::strings;

#[component]
pub fn Headline(data: DashData) -> impl IntoView {
    let tile = move |figure: Figure| {
        let count = move || {
            data.dash
                .with(|d| d.as_ref().map_or(0, |d| d.count(&figure)))
        };
        let target = move || {
            data.dash
                .with(|d| d.as_ref().and_then(|d| d.target(&figure)))
        };
        let met = move || target().map(|t| count() >= t);
        view! {
            <li class="tile" class:tile--ok=move || met() == Some(true) class:tile--late=move || met() == Some(false)>
                <FigureLink data figure>
                    {move || target().map(|t| view! { <Ring count=Signal::derive(count) target=Signal::derive(move || t)/> })}
                    <span class="tile__number">{count}
                        {move || target().map(|t| view! { <span class="tile__of">" / " {t} " " {strings::DASHBOARD_TARGET}</span> })}
                    </span>
                    <span class="tile__label">{figure.label()}</span>
                </FigureLink>
            </li>
        }
    };
    let units = move || data.dash.with(|d| d.as_ref().map(|d| d.units_met.clone()));
    view! {
        <section class="dash__tiles" aria-label=strings::DASHBOARD_HEADLINE>
            <ul class="tiles" id="dashboard-headline">
                {tile(Figure::Registered)}
                {move || units().map(|u| view! {
                    <li class="tile tile--units" class:tile--ok=u.met == u.designated class:tile--late=u.met < u.designated
                        id="units-met" data-met=u.met.to_string() data-designated=u.designated.to_string()>
                        <span class="tile__number">{u.met} <span class="tile__of">" / " {u.designated}</span></span>
                        <span class="tile__label">{strings::DASHBOARD_UNITS_MET}</span>
                        {(!u.unmet.is_empty()).then(|| view! {
                            <span class="tile__note">{strings::DASHBOARD_UNMET} " " {u.unmet.join(", ")}</span>
                        })}
                    </li>
                })}
                <NextDeadline data/>
                {Figure::HEADLINE.iter().skip(1).map(|&f| tile(f)).collect_view()}
            </ul>
        </section>
    }
}
