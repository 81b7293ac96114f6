//! Registered models by field (lĩnh vực), each count opening its models.
use leptos::prelude::*;

use super::DashData;
use super::figure_link::FigureLink;
use crate::strings;

#[component]
pub fn FieldCounts(data: DashData) -> impl IntoView {
    view! {
        <section class="dash__fields card">
            <h3>{strings::DASHBOARD_BY_FIELD}</h3>
            <ul class="field-counts" id="field-counts">
                {move || data.dash.with(|d| d.as_ref().map(|d| d.fields.clone())).unwrap_or_default()
                    .into_iter().map(|figure| view! {
                        <li>
                            <FigureLink data figure>
                                <span class="field-counts__label">{figure.label()}</span>
                                <span class="field-counts__number">
                                    {move || data.dash.with(|d| d.as_ref().map_or(0, |d| d.count(&figure)))}
                                </span>
                            </FigureLink>
                        </li>
                    }).collect_view()}
            </ul>
        </section>
    }
}
