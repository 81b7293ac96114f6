//! A number on the dashboard that opens the list of the models behind it.
use leptos::prelude::*;
use shared::dashboard::Figure;

use super::DashData;

#[component]
pub fn FigureLink(data: DashData, figure: Figure, children: Children) -> impl IntoView {
    let open = move || data.figure.get() == Some(figure);
    view! {
        <a class="figure" class:figure--open=open data-figure=figure.slug()
            data-count=move || data.dash.with(|d| d.as_ref().map_or(0, |d| d.count(&figure))).to_string()
            href=move || data.href(Some(figure))>
            {children()}
        </a>
    }
}
