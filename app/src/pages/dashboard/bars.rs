//! A bar chart: one row per figure, its label, an inline SVG bar sized
//! against the largest and its number as text; tapping a row lists its
//! models. No chart library: a `<rect>` per bar.
use leptos::prelude::*;
use shared::dashboard::Figure;

use super::DashData;
use super::figure_link::FigureLink;

#[component]
pub fn Bars(
    data: DashData,
    #[prop(into)] figures: Signal<Vec<Figure>>,
    id: &'static str,
) -> impl IntoView {
    let count = move |f: &Figure| data.dash.with(|d| d.as_ref().map_or(0, |d| d.count(f)));
    view! {
        <ul class="bars" id=id>
            {move || {
                let figures = figures.get();
                let most = figures.iter().map(count).max().unwrap_or(0).max(1);
                figures.into_iter().map(|figure| {
                    let n = count(&figure);
                    let width = format!("{:.1}", f64::from(n) * 100.0 / f64::from(most));
                    view! {
                        <li class="bars__row">
                            <FigureLink data figure>
                                <span class="bars__label">{figure.label()}</span>
                                <svg class="bars__bar" viewBox="0 0 100 10" preserveAspectRatio="none"
                                    aria-hidden="true" focusable="false">
                                    <rect x="0" y="0" height="10" width=width/>
                                </svg>
                                <span class="bars__number">{n}</span>
                            </FigureLink>
                        </li>
                    }
                }).collect_view()
            }}
        </ul>
    }
}
