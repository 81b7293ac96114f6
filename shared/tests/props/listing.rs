//! A model typed for a list (`ModelListing`, home's start-up) reads the
//! same as the whole model, and the deadline and coverage rules answer
//! the same for both.
use chrono::{Days, NaiveDate};
use proptest::prelude::*;
use shared::campaign::CampaignYear;
use shared::coverage::counts_toward;
use shared::deadline::{model_deadline, unit_deadlines};
use shared::ids::{CampaignId, CommuneId, ModelId, UnitId};
use shared::model::Model;
use shared::model_listing::ModelListing;
use shared::status::ModelStatus;
use shared::sync::engine::{Entry, Summarized};

fn day(offset: u64) -> NaiveDate {
    NaiveDate::from_ymd_opt(2025, 1, 1).unwrap() + Days::new(offset)
}

fn id<T: From<uuid::Uuid>>(n: u128) -> T {
    T::from(uuid::Uuid::from_u128(n))
}

fn campaign() -> CampaignYear {
    CampaignYear {
        id: id(2),
        commune_id: id(1),
        year: 2025,
        registration_deadline: day(90),
        unit_report_deadline: day(170),
        commune_report_deadline: day(180),
        commune_target: 3,
        unit_target: 1,
        unit_targets: Vec::new(),
        criteria: Vec::new(),
        levels: Vec::new(),
    }
}

type Row = (usize, Option<u64>, Option<u64>, bool, String, String);

fn model(k: usize, (status, sent, reported, this_year, name, text): &Row) -> Model {
    let campaign: CampaignId = if *this_year { id(2) } else { id(3) };
    let mut m = Model::new_draft(
        ModelId::from(uuid::Uuid::from_u128(1000 + k as u128)),
        id::<CommuneId>(1),
        id::<UnitId>(100),
        campaign,
    );
    m.status = ModelStatus::ALL[status % ModelStatus::ALL.len()];
    m.submitted_on = sent.map(day);
    m.reported_on = reported.map(day);
    m.name = name.clone();
    m.situation = text.clone();
    m.goals = text.clone();
    m
}

proptest! {
    #[test]
    fn a_listing_reads_as_the_model_and_the_rules_agree(
        rows in prop::collection::vec(
            (0usize..20, prop::option::of(0u64..300), prop::option::of(0u64..300), any::<bool>(), "\\PC{0,20}", "\\PC{0,200}"),
            0..12,
        ),
        today in 0u64..400,
    ) {
        let campaign = campaign();
        let today = day(today);
        let models: Vec<Model> = rows.iter().enumerate().map(|(k, r)| model(k, r)).collect();
        let mut listings = Vec::new();
        for m in &models {
            let text = serde_json::to_string(m).unwrap();
            let listing: ModelListing = serde_json::from_str(&text).unwrap();
            prop_assert_eq!(&listing, &ModelListing::from(m));
            prop_assert_eq!(counts_toward(&campaign, &listing), counts_toward(&campaign, m));
            prop_assert_eq!(model_deadline(&campaign, &listing, today), model_deadline(&campaign, m, today));
            listings.push(listing);
        }
        prop_assert_eq!(unit_deadlines(&campaign, &listings, today), unit_deadlines(&campaign, &models, today));
        // As kept in a summary beside the device's log, with deleted
        // records among them, and read back.
        let entries: Vec<Entry<ModelListing>> = listings
            .into_iter()
            .enumerate()
            .map(|(k, l)| {
                // One record in four names a model id other than its own.
                let record = if k % 4 == 3 { uuid::Uuid::from_u128(k as u128) } else { l.id.as_uuid() };
                (record, k as u64 + 1, (k % 3 != 2).then_some(l))
            })
            .collect();
        let text = ModelListing::write_summary(&entries).unwrap();
        prop_assert_eq!(ModelListing::read_summary(&text), Some(entries));
    }
}

#[test]
fn a_summary_naming_an_id_it_does_not_hold_does_not_read() {
    let text = r#"{"ids":["00000000-0000-0000-0000-000000000001"],
        "rows":[["00000000-0000-0000-0000-000000000009",3,[0,1,0,"Tên","nhap",null,null,null]]]}"#;
    assert_eq!(ModelListing::read_summary(text), None);
    let fixed = text.replace("[0,1,0", "[0,0,0");
    let read = ModelListing::read_summary(&fixed).unwrap();
    assert_eq!(read.len(), 1);
    assert_eq!(read[0].2.as_ref().map(|l| l.name.as_str()), Some("Tên"));
}

#[test]
fn a_stored_model_with_only_its_ids_reads_with_the_same_defaults() {
    let text = r#"{"id":"00000000-0000-0000-0000-000000000009","commune_id":"00000000-0000-0000-0000-000000000001",
        "unit_id":"00000000-0000-0000-0000-000000000064","campaign_id":"00000000-0000-0000-0000-000000000002"}"#;
    let model: Model = serde_json::from_str(text).unwrap();
    let listing: ModelListing = serde_json::from_str(text).unwrap();
    assert_eq!(listing, ModelListing::from(&model));
    assert_eq!(listing.status, ModelStatus::Nhap);
}
