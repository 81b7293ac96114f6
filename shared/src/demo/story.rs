//! The demo as it stands on a given day. The fixed demo ([`super::thanh_mien`])
//! tells the whole of 2025 with 2024 before it; [`thanh_mien_on`] moves that
//! story to today's year (every date by whole years) and rolls each record
//! back to where its story stands on the day: steps dated after it have not
//! happened yet. So the demo tried on any day reads like a real commune on
//! that day, some deadlines met, some near, a few late, and a year whose
//! commune report day has passed reads as closed.
use std::collections::HashMap;

use chrono::{DateTime, Datelike, Days, Months, NaiveDate, NaiveTime, Utc};
use serde_json::Value;
use uuid::Uuid;

use crate::ids::ModelId;
use crate::model::Model;
use crate::status::ModelStatus as S;

use super::DemoData;

/// The city's three demo communes as they stand on `today`: Thanh Miện,
/// then two sample communes (one ahead of its targets, one behind).
///
/// # Errors
/// Only if the moved records do not read back as themselves.
pub fn city(today: NaiveDate) -> Result<Vec<DemoData>, DemoError> {
    let years = current_year(today) - STORY_YEAR;
    let mut out = vec![thanh_mien_on(today)?];
    for whole in [super::communes::hong_quang(), super::communes::tan_ky()] {
        let mut data = moved(whole, years).map_err(|source| DemoError { day: today, source })?;
        settle(&mut data, today);
        out.push(data);
    }
    Ok(out)
}

/// The year the fixed demo's "this year" is.
pub const STORY_YEAR: i32 = 2025;

/// A returned registration comes back this many days after it was sent.
const RETURN_AFTER: u64 = 2;

/// The demo could not be moved to another year (its records did not read
/// back: a bug in the demo, reported rather than hidden).
#[derive(Debug, thiserror::Error)]
#[error("demo data for {day}: {source}")]
pub struct DemoError {
    day: NaiveDate,
    source: serde_json::Error,
}

/// The campaign year the demo made on `today` works in: today's year.
#[must_use]
pub fn current_year(today: NaiveDate) -> i32 {
    today.year()
}

/// The demo commune as it stands on `today`.
///
/// # Errors
/// Only if the moved records do not read back as themselves.
pub fn thanh_mien_on(today: NaiveDate) -> Result<DemoData, DemoError> {
    let mut data = moved(super::thanh_mien(), current_year(today) - STORY_YEAR)
        .map_err(|source| DemoError { day: today, source })?;
    settle(&mut data, today);
    Ok(data)
}

/// `data` with every date (`YYYY-MM-DD` text) and every campaign's `year`
/// moved by `years` (29/02 becomes 28/02). Ids stay: they name records,
/// not years.
pub(crate) fn moved(data: DemoData, years: i32) -> Result<DemoData, serde_json::Error> {
    if years == 0 {
        return Ok(data);
    }
    let mut value = serde_json::to_value(&data)?;
    shift(&mut value, years);
    serde_json::from_value(value)
}

fn shift(value: &mut Value, years: i32) {
    match value {
        Value::String(text) => {
            if let Some(day) = as_day(text) {
                let months = Months::new(years.unsigned_abs() * 12);
                let moved = if years > 0 {
                    day.checked_add_months(months)
                } else {
                    day.checked_sub_months(months)
                };
                if let Some(moved) = moved {
                    *text = moved.format("%Y-%m-%d").to_string();
                }
            }
        }
        Value::Array(items) => items.iter_mut().for_each(|v| shift(v, years)),
        Value::Object(map) => {
            for (key, v) in map.iter_mut() {
                match (key.as_str(), v.as_i64()) {
                    ("year", Some(y)) => *v = Value::from(y + i64::from(years)),
                    _ => shift(v, years),
                }
            }
        }
        _ => {}
    }
}

/// A date as the records write it, and nothing else (not a timestamp).
fn as_day(text: &str) -> Option<NaiveDate> {
    (text.len() == 10)
        .then(|| NaiveDate::parse_from_str(text, "%Y-%m-%d").ok())
        .flatten()
}

fn after(day: Option<NaiveDate>, today: NaiveDate) -> bool {
    day.is_some_and(|d| d > today)
}

/// The model as it stood on `today`; `evaluated_on` is the day of its
/// evaluation, if it has one.
pub(crate) fn as_of(mut m: Model, evaluated_on: Option<NaiveDate>, today: NaiveDate) -> Model {
    if after(m.submitted_on, today) {
        m.status = S::Nhap;
        m.submitted_on = None;
        m.registered_on = None;
        m.reported_on = None;
        m.return_comment.clear();
        m.replicated = false;
        return m;
    }
    let returned_on = m
        .submitted_on
        .and_then(|d| d.checked_add_days(Days::new(RETURN_AFTER)));
    if m.status == S::TraLaiDangKy && after(returned_on, today) {
        m.status = S::DaGui;
        m.return_comment.clear();
    }
    if after(m.registered_on, today) {
        m.status = S::DaGui;
        m.registered_on = None;
        m.reported_on = None;
        m.replicated = false;
        return m;
    }
    if after(m.reported_on, today) {
        m.status = S::DangThucHien;
        m.reported_on = None;
    }
    if m.status.is_registered() && m.reported_on.is_none() && after(m.start_date, today) {
        m.status = S::DaDangKy;
    }
    let evaluated = matches!(m.status, S::DaDanhGia | S::CongNhan | S::KhongCongNhan);
    if evaluated && after(evaluated_on, today) {
        m.status = S::DaBaoCao;
    }
    if m.status != S::CongNhan {
        m.replicated = false;
    }
    m
}

/// Rolls every record of `data` back to `today`: models to their status
/// on that day; progress, reports and evaluations not made yet dropped.
pub(crate) fn settle(data: &mut DemoData, today: NaiveDate) {
    let evaluated: HashMap<ModelId, NaiveDate> = data
        .evaluations
        .iter()
        .filter_map(|e| Some((e.model_id, e.evaluated_on?)))
        .collect();
    let models: Vec<Model> = std::mem::take(&mut data.models)
        .into_iter()
        .map(|m| {
            let day = evaluated.get(&m.id).copied();
            as_of(m, day, today)
        })
        .collect();
    let status: HashMap<ModelId, &Model> = models.iter().map(|m| (m.id, m)).collect();
    let running = |id: &ModelId| status.get(id).is_some_and(|m| m.status.is_registered());
    data.progress
        .retain(|p| p.date <= today && running(&p.model_id));
    data.reports.retain(|r| {
        status
            .get(&r.model_id)
            .is_some_and(|m| m.reported_on.is_some())
    });
    data.evaluations.retain(|e| {
        e.evaluated_on.is_none_or(|d| d <= today)
            && status
                .get(&e.model_id)
                .is_some_and(|m| matches!(m.status, S::DaDanhGia | S::CongNhan | S::KhongCongNhan))
    });
    data.models = models;
}

/// Demo data reached the server at half past four in the afternoon in
/// Vietnam (09:30 UTC) of the day it was entered.
fn afternoon(day: NaiveDate) -> DateTime<Utc> {
    day.and_time(NaiveTime::from_hms_opt(9, 30, 0).unwrap_or_default())
        .and_utc()
}

/// When each unit-filed record last reached the server from the unit's
/// own people, as the demo tells it on `today`: a model when it was last
/// sent or reported (a draft: a month before the registration deadline,
/// at most today), a progress entry on its day, a report when it was sent.
#[must_use]
pub fn arrivals(data: &DemoData, today: NaiveDate) -> Vec<(Uuid, DateTime<Utc>)> {
    let mut out = Vec::new();
    let campaign_start = |m: &Model| {
        data.campaigns
            .iter()
            .find(|c| c.id == m.campaign_id)
            .and_then(|c| c.registration_deadline.checked_sub_days(Days::new(30)))
    };
    for m in &data.models {
        let day = [m.submitted_on, m.reported_on]
            .into_iter()
            .flatten()
            .max()
            .or_else(|| campaign_start(m))
            .map(|d| d.min(today));
        if let Some(day) = day {
            out.push((m.id.as_uuid(), afternoon(day)));
        }
    }
    for p in &data.progress {
        out.push((p.id.as_uuid(), afternoon(p.date.min(today))));
    }
    for r in &data.reports {
        if let Some(day) = r.report_date {
            out.push((r.id.as_uuid(), afternoon(day.min(today))));
        }
    }
    out
}

#[cfg(test)]
#[allow(clippy::unwrap_used, clippy::expect_used)]
mod tests {
    use super::*;

    fn day(y: i32, m: u32, d: u32) -> NaiveDate {
        NaiveDate::from_ymd_opt(y, m, d).unwrap()
    }

    #[test]
    fn on_the_story_years_report_day_the_demo_is_the_fixed_one() {
        // Test servers load the demo of this day, so every test that knows
        // the fixed demo reads the same records.
        assert_eq!(
            thanh_mien_on(day(2025, 12, 1)).unwrap(),
            super::super::thanh_mien()
        );
    }

    #[test]
    fn a_year_later_the_story_is_the_same_a_year_later() {
        let fixed = super::super::thanh_mien();
        let later = thanh_mien_on(day(2026, 12, 2)).unwrap();
        let years: Vec<i32> = later.campaigns.iter().map(|c| c.year).collect();
        assert_eq!(years, [2025, 2026]);
        assert_eq!(later.models.len(), fixed.models.len());
        for (a, b) in fixed.models.iter().zip(&later.models) {
            assert_eq!(a.status, b.status, "{}", a.name);
            assert_eq!(
                a.submitted_on
                    .map(|d| d.checked_add_months(Months::new(12)).unwrap()),
                b.submitted_on
            );
        }
        assert!(
            later
                .current_campaign()
                .unwrap()
                .is_closed(day(2026, 12, 2))
        );
    }

    #[test]
    fn early_in_the_year_nothing_has_happened_after_today() {
        let today = day(2026, 8, 20);
        let data = thanh_mien_on(today).unwrap();
        let current = data.current_campaign().unwrap();
        assert_eq!(current.year, 2026);
        assert!(!current.is_closed(today));
        let this_year: Vec<&Model> = data
            .models
            .iter()
            .filter(|m| m.campaign_id == current.id)
            .collect();
        assert!(!this_year.is_empty());
        assert!(
            this_year
                .iter()
                .all(|m| !m.status.is_registered() || m.registered_on <= Some(today))
        );
        assert!(
            this_year
                .iter()
                .all(|m| m.reported_on.is_none_or(|d| d <= today))
        );
        assert!(data.progress.iter().all(|p| p.date <= today));
        assert!(
            arrivals(&data, today)
                .iter()
                .all(|(_, at)| at.date_naive() <= today)
        );
    }
}
