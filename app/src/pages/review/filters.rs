//! The queue's three filters (unit, field, status), each choice with the
//! number of models it would show (`shared::queue::Counts`).
use leptos::prelude::*;
use shared::field::Field;
use shared::queue::{Filter, step_label};
use shared::status::ModelStatus;

use super::QueueData;
use super::filter_select::FilterSelect;
use crate::pages::fields::{from_wire_name, wire_name};
use crate::strings;

/// "Tất cả (n)" followed by the choices.
fn with_all(choices: Vec<(String, String, usize)>) -> Vec<(String, String)> {
    let total: usize = choices.iter().map(|c| c.2).sum();
    with_total(total, choices)
}

fn with_total(total: usize, choices: Vec<(String, String, usize)>) -> Vec<(String, String)> {
    std::iter::once((
        String::new(),
        strings::with_count(strings::FILTER_ALL, total),
    ))
    .chain(
        choices
            .into_iter()
            .map(|(k, label, n)| (k, strings::with_count(&label, n))),
    )
    .collect()
}

#[component]
pub(super) fn QueueFilters(data: QueueData) -> impl IntoView {
    let filter = data.filter;
    let units = Signal::derive(move || {
        let counts = data.queue.with(|q| q.counts.units.clone());
        with_all(
            counts
                .into_iter()
                .map(|(u, n)| (u.to_string(), data.unit_name(u), n))
                .collect(),
        )
    });
    let fields = Signal::derive(move || {
        let counts = data.queue.with(|q| q.counts.fields.clone());
        // Models with no field are counted in "all" but are no choice of their own.
        let total = counts.iter().map(|(_, n)| n).sum();
        with_total(
            total,
            counts
                .into_iter()
                .filter_map(|(f, n)| f.map(|f| (wire_name(&f), f.label().to_owned(), n)))
                .collect(),
        )
    });
    let statuses = Signal::derive(move || {
        let counts = data.queue.with(|q| q.counts.statuses.clone());
        with_all(
            counts
                .into_iter()
                .map(|(s, n)| {
                    (
                        wire_name(&s),
                        step_label(s).unwrap_or(s.label()).to_owned(),
                        n,
                    )
                })
                .collect(),
        )
    });
    let set = move |change: fn(&mut Filter, &str)| {
        Callback::new(move |v: String| filter.update(|f| change(f, &v)))
    };
    view! {
        <div class="queue__filters" id="queue-filters">
            <FilterSelect path="filter-unit" label=strings::FILTER_UNIT options=units
                value=Signal::derive(move || filter.get().unit.map(|u| u.to_string()).unwrap_or_default())
                on_change=set(|f, v| f.unit = v.parse().ok())/>
            <FilterSelect path="filter-field" label=strings::FILTER_FIELD options=fields
                value=Signal::derive(move || filter.get().field.map(|f| wire_name(&f)).unwrap_or_default())
                on_change=set(|f, v| f.field = from_wire_name::<Field>(v))/>
            <FilterSelect path="filter-status" label=strings::FILTER_STATUS options=statuses
                value=Signal::derive(move || filter.get().status.map(|s| wire_name(&s)).unwrap_or_default())
                on_change=set(|f, v| f.status = from_wire_name::<ModelStatus>(v))/>
        </div>
    }
}
