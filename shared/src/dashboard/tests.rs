//! The dashboard's own tests (the properties are in tests/props).
#![allow(clippy::unwrap_used, clippy::expect_used)]
use super::*;
use crate::figures::CommuneRecords;
use chrono::NaiveDate;

fn demo_records() -> CommuneRecords {
    let d = crate::demo::thanh_mien();
    CommuneRecords {
        communes: vec![d.commune],
        units: d.units,
        campaigns: d.campaigns,
        models: d.models,
        progress: d.progress,
        reports: d.reports,
        evaluations: d.evaluations,
        arrivals: Vec::new(),
    }
}

#[test]
fn years_newest_first_named_by_commune_only_when_several() {
    let mut data = demo_records();
    let choices = year_choices(&data.campaigns, &data.communes);
    let names: Vec<&str> = choices.iter().map(|(_, n)| n.as_str()).collect();
    assert_eq!(names, ["Đợt thi đua 2025", "Đợt thi đua 2024"]);
    let mut other = data.communes[0].clone();
    other.id = crate::ids::CommuneId::new();
    other.name = "Đảng bộ xã Khác".to_owned();
    let mut year = data.campaigns[1].clone();
    year.id = CampaignId::new();
    year.commune_id = other.id;
    data.communes.push(other);
    data.campaigns.push(year);
    let choices = year_choices(&data.campaigns, &data.communes);
    let names: Vec<&str> = choices.iter().map(|(_, n)| n.as_str()).collect();
    assert_eq!(
        names,
        [
            "Đợt thi đua 2025 · Đảng bộ xã Khác",
            "Đợt thi đua 2025 · Đảng bộ xã Thanh Miện",
            "Đợt thi đua 2024 · Đảng bộ xã Thanh Miện"
        ]
    );
    assert!(year_choices(&[], &[]).is_empty());
}

#[test]
fn the_demo_year_reads_as_on_its_report_day_once_finished() {
    let data = demo_records();
    let campaign = data.campaigns.iter().max_by_key(|c| c.year).unwrap();
    let records = data.year(campaign.id).unwrap();
    let later = campaign.commune_report_deadline + chrono::Days::new(400);
    let d = dashboard(&records, &[], later);
    assert!(d.closed);
    assert_eq!(d.seen_on, campaign.commune_report_deadline);
    assert_eq!(
        d,
        dashboard(
            &records,
            &[],
            campaign.commune_report_deadline + chrono::Days::new(1)
        )
    );
    let open = dashboard(&records, &[], campaign.registration_deadline);
    assert!(!open.closed);
    // A deadline missed reads by days since it, never past the report day.
    let most = d
        .units
        .iter()
        .filter_map(|u| match u.report {
            DeadlineState::Overdue { days } => Some(days),
            _ => None,
        })
        .max();
    let cap = (campaign.commune_report_deadline - campaign.unit_report_deadline).num_days();
    assert!(most.is_none_or(|days| days <= cap), "{most:?}");
    assert!(d.count(&Figure::Registered) > 0);
    assert_eq!(d.target(&Figure::Registered), Some(campaign.commune_target));
    // A closed year has no next deadline; an open one has, with its days.
    assert_eq!(d.next, None);
    let next = open.next.expect("a deadline ahead");
    assert_eq!(next.kind, crate::campaign::DeadlineKind::Registration);
    assert_eq!(next.days_left, 0);
}

#[test]
fn a_unit_reads_its_newest_arrival_and_its_sub_units() {
    let mut data = demo_records();
    let parent = data.units[0].id;
    let mut child = data.units[0].clone();
    child.id = UnitId::new();
    child.parent = Some(parent);
    data.units.push(child.clone());
    let campaign = data.campaigns.iter().max_by_key(|c| c.year).unwrap();
    let records = data.year(campaign.id).unwrap();
    let at = |h: u32| {
        chrono::NaiveDate::from_ymd_opt(2025, 10, 1)
            .unwrap()
            .and_hms_opt(h, 0, 0)
            .unwrap()
            .and_utc()
    };
    let arrivals = [
        Arrival {
            unit_id: parent,
            at: at(8),
        },
        Arrival {
            unit_id: child.id,
            at: at(9),
        },
        Arrival {
            unit_id: parent,
            at: at(7),
        },
    ];
    let fresh = last_data(&data.units, &arrivals);
    assert_eq!(fresh.get(&child.id), Some(&at(9)));
    assert_eq!(fresh.get(&parent), Some(&at(9)));
    let d = dashboard(&records, &arrivals, campaign.unit_report_deadline);
    assert_eq!(d.last_data, Some(at(9)));
    let mut fields = crate::sync::Fields::new();
    fields.insert("unit_id".into(), serde_json::json!(child.id.to_string()));
    let kind = crate::sync::RecordKind::Model;
    assert_eq!(
        arrival_of(kind, &fields, Some(at(9))),
        Some(Arrival {
            unit_id: child.id,
            at: at(9)
        })
    );
    assert_eq!(arrival_of(kind, &fields, None), None);
    assert_eq!(
        arrival_of(crate::sync::RecordKind::Evaluation, &fields, Some(at(9))),
        None
    );
}

#[test]
fn the_communes_own_people_but_the_unit_officer_see_the_dashboard() {
    let seeing: Vec<Role> = Role::ALL.into_iter().filter(|r| may_see(*r)).collect();
    assert_eq!(seeing, [Role::Reviewer, Role::Leader, Role::Admin]);
}

#[test]
fn addresses_that_name_no_figure_are_refused() {
    for parts in [
        &[][..],
        &["khong-co"][..],
        &["linh-vuc", "x"][..],
        &["don-vi", "not-an-id"][..],
        &["dang-ky", "x"][..],
        &["giai-doan", "x", "xa"][..],
        &["giai-doan", "dang-ky", "xa", "x"][..],
        &["loai", "x"][..],
        &["trang-thai", "x"][..],
    ] {
        assert_eq!(Figure::parse(parts), None, "{parts:?}");
    }
    let d = dashboard(
        &demo_records().year(demo_records().campaigns[1].id).unwrap(),
        &[],
        NaiveDate::from_ymd_opt(2025, 9, 1).unwrap(),
    );
    assert_eq!(d.tally(&Figure::Unit(UnitId::new())), None);
    assert_eq!(d.count(&Figure::Unit(UnitId::new())), 0);
}
