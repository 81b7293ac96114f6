//! The demo tells a consistent story on any day: whatever day it is made
//! for, its records are valid and nothing in them happens after that day.
use chrono::{Days, NaiveDate};
use proptest::prelude::*;
use shared::demo::{DemoData, arrivals, city};

fn check(data: &DemoData, today: NaiveDate) -> Result<(), TestCaseError> {
    let model = |id| data.models.iter().find(|m| m.id == id);
    for m in &data.models {
        prop_assert!(m.validate_draft().is_empty(), "{}", m.name);
        for day in [m.submitted_on, m.registered_on, m.reported_on]
            .into_iter()
            .flatten()
        {
            prop_assert!(day <= today, "{} on {day}", m.name);
        }
        prop_assert!(m.submitted_on <= m.registered_on.or(m.submitted_on));
        if m.status.is_registered() {
            prop_assert!(m.registered_on.is_some(), "{}", m.name);
            let previous = m.continued_from.and_then(model);
            prop_assert_eq!(m.validate_for_submit(previous), vec![], "{}", m.name);
        }
        // Last year's models are there as recognised, without their reports.
        let this_year = data
            .current_campaign()
            .is_some_and(|c| c.id == m.campaign_id);
        if this_year && m.reported_on.is_some() {
            prop_assert!(
                data.reports.iter().any(|r| r.model_id == m.id),
                "{}",
                m.name
            );
        }
    }
    for p in &data.progress {
        let m = model(p.model_id).expect("progress of a demo model");
        prop_assert!(p.date <= today && m.status.is_registered());
        prop_assert!(p.validate_for_model(m).is_empty());
    }
    for r in &data.reports {
        let m = model(r.model_id).expect("report of a demo model");
        prop_assert!(r.validate_for_submit(m).is_empty(), "{}", m.name);
    }
    for e in &data.evaluations {
        let year = data
            .campaigns
            .iter()
            .find(|c| c.id == e.campaign_id)
            .expect("campaign");
        prop_assert!(e.evaluated_on.is_some_and(|d| d <= today));
        prop_assert!(e.validate_for_submit(year).is_empty());
    }
    for (_, at) in arrivals(data, today) {
        prop_assert!(at.date_naive() <= today);
    }
    Ok(())
}

proptest! {
    #[test]
    fn the_demo_is_valid_on_any_day(offset in 0u64..(5 * 366)) {
        let today = NaiveDate::from_ymd_opt(2024, 1, 1).unwrap() + Days::new(offset);
        for data in city(today).unwrap() {
            let current = data.current_campaign().unwrap();
            prop_assert_eq!(current.year, shared::demo::current_year(today));
            check(&data, today)?;
        }
    }
}
