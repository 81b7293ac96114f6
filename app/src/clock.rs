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
