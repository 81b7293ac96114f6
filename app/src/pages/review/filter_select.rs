//! One filter of the queue: a select whose choices carry their counts,
//! "Tất cả" first; `""` is "all".
use leptos::prelude::*;

use crate::pages::fields::dom_id;

#[component]
pub(super) fn FilterSelect(
    path: &'static str,
    label: &'static str,
    /// (value, label with its count); the first is "all".
    options: Signal<Vec<(String, String)>>,
    value: Signal<String>,
    on_change: Callback<String>,
) -> impl IntoView {
    let id = dom_id(path);
    view! {
        <div class="field queue__filter" data-field=path>
            <label class="field__label" for=id.clone()>{label}</label>
            <select id=id class="field__input" on:change=move |e| on_change.run(event_target_value(&e))>
                {move || options.get().into_iter().map(|(key, text)| {
                    let k = key.clone();
                    view! { <option value=key selected=move || value.get() == k>{text}</option> }
                }).collect_view()}
            </select>
        </div>
    }
}
