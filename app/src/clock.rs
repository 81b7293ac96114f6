//! The app's one reading of the wall clock (the browser's), passed on as a
//! parameter everywhere else. Shown to people, never trusted for order.
use chrono::{DateTime, Utc};

pub fn now() -> DateTime<Utc> {
    let millis = js_sys::Date::now() as i64;
    DateTime::from_timestamp_millis(millis).unwrap_or_default()
}

/// Today on the device's calendar (deadlines are read in local days).
pub fn today() -> chrono::NaiveDate {
    let offset_min = -(js_sys::Date::new_0().get_timezone_offset() as i64);
    (now() + chrono::Duration::minutes(offset_min)).date_naive()
}

/// Runs `work` and records how long it took as the performance measure
/// `name` (the benchmarks read it, docs/bench.md); without the browser's
/// performance timeline it only runs it.
pub fn measured<T>(name: &str, work: impl FnOnce() -> T) -> T {
    let performance = leptos::prelude::window().performance();
    let start = format!("{name}-start");
    if let Some(p) = &performance {
        let _ = p.mark(&start);
    }
    let out = work();
    if let Some(p) = &performance {
        let _ = p.measure_with_start_mark(name, &start);
    }
    out
}

/// As [`measured`]: the first time as `first`; each later time as
/// `again`, of which the timeline keeps the latest only (work that runs
/// again on every data change and every return to a screen).
pub fn measured_first_then_latest<T>(first: &str, again: &str, work: impl FnOnce() -> T) -> T {
    let Some(p) = leptos::prelude::window().performance() else {
        return work();
    };
    if p.get_entries_by_name(first).length() == 0 {
        return measured(first, work);
    }
    p.clear_marks_with_mark_name(&format!("{again}-start"));
    p.clear_measures_with_measure_name(again);
    measured(again, work)
}

/// Marks the start of the performance measure `name`; [`measure`] ends it
/// (for work that awaits in between, which [`measured`] cannot wrap).
pub fn begin(name: &str) {
    if let Some(p) = leptos::prelude::window().performance() {
        let _ = p.mark(&format!("{name}-start"));
    }
}

/// Ends the performance measure `name` begun with [`begin`].
pub fn measure(name: &str) {
    if let Some(p) = leptos::prelude::window().performance() {
        let _ = p.measure_with_start_mark(name, &format!("{name}-start"));
    }
}

/// A performance mark `name` now (start-up phases, docs/bench.md).
pub fn mark(name: &str) {
    if let Some(p) = leptos::prelude::window().performance() {
        let _ = p.mark(name);
    }
}
