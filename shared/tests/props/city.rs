//! Property tests of the city view: on any day, each commune's row is its
//! dashboard's figures, the rows add up to the city's models counted
//! directly, records read back from the server's form give the same rows,
//! and sorting and filtering keep exactly the rows that match; rows kept
//! for the days ahead are the rows of those days; a commune's dashboard
//! sent by the server, read back, is its dashboard and opens the same lists.
use chrono::{Days, NaiveDate};
use proptest::prelude::*;
use serde::Serialize;
use shared::city::{
    Filter, SortKey, arrange, city_summary, commune_dashboard, commune_row, row_on, rows_ahead,
};
use shared::coverage::counts_toward;
use shared::dashboard::{Figure, dashboard, rows};
use shared::demo::{DemoData, arrivals, city};
use shared::figures::CommuneRecords;
use shared::status::ModelStatus;
use shared::sync::{RecordKind, RecordState, to_fields};

fn state<T: Serialize>(kind: RecordKind, id: uuid::Uuid, value: &T) -> RecordState {
    RecordState {
        kind,
        id,
        version: 1,
        fields: to_fields(value).unwrap(),
        deleted: false,
        conflicts: Vec::new(),
        arrived_at: None,
    }
}

/// The demo as the server's store holds it, with its arrivals.
fn states(data: &DemoData, today: NaiveDate) -> Vec<RecordState> {
    let mut out = vec![state(
        RecordKind::Commune,
        data.commune.id.as_uuid(),
        &data.commune,
    )];
    out.extend(
        data.units
            .iter()
            .map(|u| state(RecordKind::Unit, u.id.as_uuid(), u)),
    );
    out.extend(
        data.campaigns
            .iter()
            .map(|c| state(RecordKind::Campaign, c.id.as_uuid(), c)),
    );
    out.extend(
        data.models
            .iter()
            .map(|m| state(RecordKind::Model, m.id.as_uuid(), m)),
    );
    out.extend(
        data.progress
            .iter()
            .map(|p| state(RecordKind::Progress, p.id.as_uuid(), p)),
    );
    out.extend(
        data.reports
            .iter()
            .map(|r| state(RecordKind::Report, r.id.as_uuid(), r)),
    );
    out.extend(
        data.evaluations
            .iter()
            .map(|e| state(RecordKind::Evaluation, e.id.as_uuid(), e)),
    );
    let at: std::collections::HashMap<_, _> = arrivals(data, today).into_iter().collect();
    for s in &mut out {
        s.arrived_at = at.get(&s.id).copied();
    }
    out
}

proptest! {
    #[test]
    fn every_row_is_its_communes_dashboard(offset in 0u64..(3 * 366), text in "[a-zA-ZỳỲ ]{0,3}", behind: bool, late: bool) {
        let today = NaiveDate::from_ymd_opt(2025, 1, 1).unwrap() + Days::new(offset);
        let demo = city(today).unwrap();
        let all: Vec<RecordState> = demo.iter().flat_map(|d| states(d, today)).collect();
        let (records, unreadable) = CommuneRecords::from_states(all);
        prop_assert_eq!(unreadable, 0);
        let rows: Vec<_> = demo
            .iter()
            .map(|d| commune_row(&records, d.commune.id, today).unwrap())
            .collect();
        let mut direct_registered = 0;
        let mut direct_recognised = 0;
        for (d, row) in demo.iter().zip(&rows) {
            let current = d.current_campaign().unwrap();
            prop_assert_eq!(row.campaign_id, Some(current.id));
            let year = records.year(current.id).unwrap();
            let dash = dashboard(&year, &records.arrivals, today);
            prop_assert_eq!(row.registered, dash.count(&Figure::Registered));
            prop_assert_eq!(row.recognised, dash.count(&Figure::Recognised));
            prop_assert_eq!(row.late_units as usize, dash.late.len());
            prop_assert_eq!(row.closed, current.is_closed(today));
            prop_assert!(row.last_data.is_none_or(|at| at.date_naive() <= today));
            let mine = d.models.iter().filter(|m| counts_toward(current, m));
            direct_registered += mine.clone().count();
            direct_recognised += mine.filter(|m| m.status == ModelStatus::CongNhan).count();
        }
        // The rows add up to the city's models counted directly.
        prop_assert_eq!(rows.iter().map(|r| r.registered as usize).sum::<usize>(), direct_registered);
        prop_assert_eq!(rows.iter().map(|r| r.recognised as usize).sum::<usize>(), direct_recognised);

        let summary = city_summary("Hải Phòng", rows.clone(), today, today.and_hms_opt(8, 0, 0).unwrap().and_utc());
        prop_assert_eq!(summary.communes.len(), rows.len());
        let filter = Filter { text: text.clone(), behind_only: behind, late_only: late };
        for key in SortKey::ALL {
            prop_assert_eq!(SortKey::parse(key.slug()), Some(key));
            let kept = arrange(&summary.communes, key, &filter);
            let expected = summary.communes.iter().filter(|r| filter.keeps(r)).count();
            prop_assert_eq!(kept.len(), expected);
            if key == SortKey::Name {
                prop_assert!(kept.windows(2).all(|w| w[0].name <= w[1].name));
            }
            if key == SortKey::LateUnits {
                prop_assert!(kept.windows(2).all(|w| w[0].late_units >= w[1].late_units));
            }
        }
    }
}

/// `value` with every float rounded to six decimals.
fn rounded(value: serde_json::Value) -> serde_json::Value {
    use serde_json::Value;
    match value {
        Value::Number(n) if n.is_f64() => {
            serde_json::json!((n.as_f64().unwrap() * 1e6).round() / 1e6)
        }
        Value::Array(a) => Value::Array(a.into_iter().map(rounded).collect()),
        Value::Object(o) => Value::Object(o.into_iter().map(|(k, v)| (k, rounded(v))).collect()),
        other => other,
    }
}

proptest! {
    #[test]
    fn rows_kept_for_the_days_ahead_are_the_rows_of_those_days(offset in 0u64..(3 * 366), ahead in 0u64..500) {
        let today = NaiveDate::from_ymd_opt(2025, 1, 1).unwrap() + Days::new(offset);
        let later = today + Days::new(ahead);
        let demo = city(today).unwrap();
        let all: Vec<RecordState> = demo.iter().flat_map(|d| states(d, today)).collect();
        let (records, _) = CommuneRecords::from_states(all);
        for d in &demo {
            let spans = rows_ahead(&records, d.commune.id, today);
            prop_assert!(!spans.is_empty() && spans.len() <= 4, "{} spans", spans.len());
            prop_assert_eq!(spans[0].from, today);
            prop_assert!(spans.windows(2).all(|w| w[0].through.and_then(|t| t.succ_opt()) == Some(w[1].from)));
            prop_assert_eq!(spans.last().unwrap().through, None);
            prop_assert_eq!(row_on(&spans, later), Some(commune_row(&records, d.commune.id, later)));
            if let Some(before) = today.pred_opt() {
                prop_assert_eq!(row_on(&spans, before), None, "nothing kept before the day it was made");
            }
        }
    }

    #[test]
    fn a_served_commune_dashboard_is_its_dashboard_with_the_same_lists(offset in 0u64..(3 * 366)) {
        let today = NaiveDate::from_ymd_opt(2025, 1, 1).unwrap() + Days::new(offset);
        let at = today.and_hms_opt(8, 0, 0).unwrap().and_utc();
        let demo = city(today).unwrap();
        let all: Vec<RecordState> = demo.iter().flat_map(|d| states(d, today)).collect();
        let (records, _) = CommuneRecords::from_states(all);
        for d in &demo {
            let made = commune_dashboard(&records, d.commune.id, today, at).unwrap();
            let current = d.current_campaign().unwrap();
            prop_assert_eq!(made.campaign.as_ref().map(|c| c.id), Some(current.id));
            let year = records.year(current.id).unwrap();
            let dash = dashboard(&year, &records.arrivals, today);
            prop_assert_eq!(made.dashboard.as_ref(), Some(&dash));
            // As the device reads it: through JSON, the same but for the
            // last bits of a float (percentages; serde_json's default parse).
            let sent: shared::city::CommuneDashboard =
                serde_json::from_str(&serde_json::to_string(&made).unwrap()).unwrap();
            prop_assert_eq!(rounded(serde_json::to_value(&sent).unwrap()), rounded(serde_json::to_value(&made).unwrap()));
            for figure in dash.figures() {
                let tally = dash.tally(&figure).unwrap();
                let list = sent.rows(&figure).unwrap();
                prop_assert_eq!(list.len(), tally.count() as usize, "{:?}", figure);
                prop_assert_eq!(list, rows(&year, tally), "{:?}", figure);
            }
        }
    }
}
