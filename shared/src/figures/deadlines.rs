//! A unit's two deadlines of the year (registration, results report): met,
//! late by some days, or still open.
//!
//! The same reading as the officer's home screen: registration is done
//! when the unit's first model was sent; the report when every registered
//! model has reported (the last report's day).
use chrono::NaiveDate;

use crate::campaign::CampaignYear;
use crate::deadline::{DeadlineState, deadline_state};
use crate::model::Model;
use crate::status::ModelStatus;

/// The day the unit first sent a registration, if it has.
fn first_sent(models: &[&Model]) -> Option<NaiveDate> {
    models
        .iter()
        .filter(|m| !matches!(m.status, ModelStatus::Nhap | ModelStatus::TraLaiDangKy))
        .filter_map(|m| m.submitted_on)
        .min()
}

/// The day the last registered model reported, once all have.
fn all_reported(models: &[&Model]) -> Option<NaiveDate> {
    let registered: Vec<&&Model> = models.iter().filter(|m| m.status.is_registered()).collect();
    if registered.is_empty() {
        return None;
    }
    registered
        .iter()
        .map(|m| {
            m.reported_on
                .filter(|_| m.status != ModelStatus::TraLaiBaoCao)
        })
        .collect::<Option<Vec<NaiveDate>>>()
        .and_then(|days| days.into_iter().max())
}

/// The unit's registration against the campaign's registration deadline.
#[must_use]
pub fn unit_registration(
    campaign: &CampaignYear,
    models: &[&Model],
    today: NaiveDate,
) -> DeadlineState {
    deadline_state(campaign.registration_deadline, today, first_sent(models))
}

/// The unit's results report against the campaign's unit report deadline.
#[must_use]
pub fn unit_report(campaign: &CampaignYear, models: &[&Model], today: NaiveDate) -> DeadlineState {
    deadline_state(campaign.unit_report_deadline, today, all_reported(models))
}
