//! A stacked bar: the parts of one whole (tập thể / cá nhân, mới / tiếp
//! tục) as segments of one inline SVG bar, with a legend that gives each
//! part's number as text and opens its models.
use leptos::prelude::*;
use shared::dashboard::Figure;

use super::DashData;
use super::figure_link::FigureLink;

#[component]
pub fn Stacked(
    data: DashData,
    parts: Vec<Figure>,
    title: &'static str,
    id: &'static str,
) -> impl IntoView {
    let counts = {
        let parts = parts.clone();
        move || {
            data.dash.with(|d| {
                parts
                    .iter()
                    .map(|f| d.as_ref().map_or(0, |d| d.count(f)))
                    .collect::<Vec<u32>>()
            })
        }
    };
    let segments = {
        let counts = counts.clone();
        move || {
            let counts = counts();
            let total = counts.iter().sum::<u32>().max(1);
            let mut x = 0.0;
            counts
                .into_iter()
                .enumerate()
                .map(|(i, n)| {
                    let w = f64::from(n) * 100.0 / f64::from(total);
                    let at = x;
                    x += w;
                    view! { <rect class=format!("stacked__part stacked__part--{i}") x=format!("{at:.1}") y="0" height="10" width=format!("{w:.1}")/> }
                })
                .collect_view()
        }
    };
    view! {
        <section class="stacked card" id=id>
            <h3>{title}</h3>
            <svg class="stacked__bar" viewBox="0 0 100 10" preserveAspectRatio="none" aria-hidden="true" focusable="false">
                {segments}
            </svg>
            <ul class="stacked__legend">
                {parts.into_iter().enumerate().map(|(i, figure)| view! {
                    <li>
                        <FigureLink data figure>
                            <span class=format!("stacked__key stacked__part--{i}") aria-hidden="true"></span>
                            <span>{figure.label()}</span>
                            <span class="stacked__number">{move || data.dash.with(|d| d.as_ref().map_or(0, |d| d.count(&figure)))}</span>
                        </FigureLink>
                    </li>
                }).collect_view()}
            </ul>
        </section>
    }
}
