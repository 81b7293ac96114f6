//! The campaign year: deadlines and targets; starting the next year.
use leptos::prelude::*;
use shared::campaign::CampaignYear;
use shared::ids::CampaignId;
use shared::sync::{RecordKind, to_fields};
use shared::validate::ErrorsExt;

use crate::data;
use crate::pages::edit::{confirm, save, save_all};
use crate::pages::fields::{DateInput, NumberInput, NumberKind};
use crate::strings;
use crate::sync;

/// The current campaign year: deadlines and targets; and starting the next year.
#[component]
pub(super) fn Campaign() -> impl IntoView {
    let Some(syncer) = sync::current() else {
        return ().into_any();
    };
    let version = syncer.data_version;
    let campaign = Memo::new(move |_| {
        version.track();
        sync::current().and_then(|s| data::current_campaign(&s))
    });
    let cid = Memo::new(move |_| campaign.with(|c| c.as_ref().map(|c| c.id)));
    view! {
        {move || cid.get().map(|id| view! { <CampaignForm id campaign/> })}
        {move || campaign.get().is_none().then(|| view! { <p class="notice">{strings::NO_CAMPAIGN}</p> })}
    }
    .into_any()
}

#[component]
fn CampaignForm(id: CampaignId, campaign: Memo<Option<CampaignYear>>) -> impl IntoView {
    let rid = id.as_uuid();
    let get = move |read: fn(&CampaignYear) -> chrono::NaiveDate| {
        Signal::derive(move || campaign.with(|c| c.as_ref().map(read)))
    };
    let errors = Memo::new(move |_| {
        campaign.with(|c| c.as_ref().map(CampaignYear::validate).unwrap_or_default())
    });
    let error = move |field: &'static str| {
        Signal::derive(move || errors.with(|e| e.for_field(field).map(|e| e.message.clone())))
    };
    let date_saver = move |field: &'static str| {
        Callback::new(move |d: Option<chrono::NaiveDate>| {
            if let Some(d) = d {
                save(RecordKind::Campaign, rid, field, d);
            }
        })
    };
    let target_saver = move |field: &'static str| {
        Callback::new(move |v: Option<f64>| {
            save(
                RecordKind::Campaign,
                rid,
                field,
                v.map_or(0, |x| x.max(0.0) as u32),
            )
        })
    };
    let enabled = Signal::derive(|| false);
    let next_year = move |_| {
        let Some(current) = campaign.get_untracked() else {
            return;
        };
        let Some(syncer) = sync::current() else {
            return;
        };
        if data::campaigns(&syncer)
            .iter()
            .any(|c| c.year == current.year + 1)
        {
            syncer.notice.set(Some(strings::NEXT_YEAR_EXISTS.into()));
            return;
        }
        if !confirm(strings::CONFIRM_NEXT_YEAR) {
            return;
        }
        let next = current.next_year(CampaignId::new());
        if let Ok(fields) = to_fields(&next) {
            save_all(RecordKind::Campaign, next.id.as_uuid(), fields);
        }
    };
    view! {
        <section class="card" id="campaign">
            <h3>{strings::CAMPAIGN} " " {move || campaign.with(|c| c.as_ref().map(|c| c.year))}</h3>
            <DateInput path="registration_deadline" label=strings::REGISTRATION_DEADLINE
                value=get(|c| c.registration_deadline) on_change=date_saver("registration_deadline")
                error=error("registration_deadline") disabled=enabled/>
            <DateInput path="unit_report_deadline" label=strings::REPORT_DEADLINE
                value=get(|c| c.unit_report_deadline) on_change=date_saver("unit_report_deadline")
                error=error("unit_report_deadline") disabled=enabled/>
            <DateInput path="commune_report_deadline" label=strings::COMMUNE_REPORT_DEADLINE
                value=get(|c| c.commune_report_deadline) on_change=date_saver("commune_report_deadline")
                error=error("commune_report_deadline") disabled=enabled/>
            <NumberInput path="commune_target" label=strings::COMMUNE_TARGET kind=NumberKind::Whole zero_is_empty=true
                value=Signal::derive(move || campaign.with(|c| c.as_ref().map(|c| f64::from(c.commune_target))))
                on_change=target_saver("commune_target") error=error("commune_target") disabled=enabled/>
            <NumberInput path="unit_target" label=strings::UNIT_TARGET kind=NumberKind::Whole zero_is_empty=true
                value=Signal::derive(move || campaign.with(|c| c.as_ref().map(|c| f64::from(c.unit_target))))
                on_change=target_saver("unit_target") error=error("unit_target") disabled=enabled/>
        </section>
        <button id="next-year" class="button" on:click=next_year>
            {strings::START_NEXT_YEAR} " " {move || campaign.with(|c| c.as_ref().map(|c| c.year + 1))}
        </button>
    }
}
