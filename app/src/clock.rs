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

/// As [`measured`], the first time only (work that runs again on every
/// data change: one entry, the start-up's, not one per sync).
pub fn measured_once<T>(name: &str, work: impl FnOnce() -> T) -> T {
    let done = leptos::prelude::window()
        .performance()
        .is_none_or(|p| p.get_entries_by_name(name).length() > 0);
    if done { work() } else { measured(name, work) }
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
