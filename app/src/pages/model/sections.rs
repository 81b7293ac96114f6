//! The registration's section navigation: the sections by name (a row of
//! chips on a phone, a list beside the form on a wide screen), each
//! scrolling its section into view.
use leptos::prelude::*;

use super::SECTIONS;
use crate::strings;

#[component]
pub(super) fn SectionsNav() -> impl IntoView {
    view! {
        <nav class="sections" aria-label=strings::SECTIONS_NAV>
            {SECTIONS.iter().zip(strings::SECTION_SHORT).map(|((anchor, title), short)| {
                let anchor = *anchor;
                view! {
                    <button class="chip sections__item" data-section=anchor title=*title on:click=move |_| {
                        if let Some(el) = document().get_element_by_id(anchor) { el.scroll_into_view(); }
                    }>
                        <span class="sections__short">{short}</span>
                        <span class="sections__full">{*title}</span>
                    </button>
                }
            }).collect_view()}
        </nav>
    }
}
