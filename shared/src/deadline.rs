//! Deadlines: on time or late, days left. Late work is accepted and marked, never blocked.
use chrono::NaiveDate;
use serde::{Deserialize, Serialize};

use crate::campaign::{CampaignYear, DeadlineKind};
use crate::messages;
use crate::model_listing::ModelFacts;
use crate::status::ModelStatus;

/// Where a piece of work stands against its deadline.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash, Serialize, Deserialize)]
#[serde(rename_all = "snake_case")]
pub enum DeadlineState {
    /// Done on or before the deadline day.
    DoneOnTime,
    /// Done after the deadline, by this many days.
    DoneLate { days: i64 },
    /// Not done; this many days left (0: today is the deadline, still on time).
    DaysLeft(i64),
    /// Not done and the deadline has passed by this many days.
    Overdue { days: i64 },
}

impl DeadlineState {
    /// "đúng hạn", "nộp muộn 2 ngày", "còn 3 ngày", "hôm nay là hạn cuối",
    /// "quá hạn 2 ngày". Owned because the number is part of the text.
    #[must_use]
    pub fn label(&self) -> String {
        match *self {
            Self::DoneOnTime => messages::DONE_ON_TIME.to_owned(),
            Self::DoneLate { days } => messages::done_late(days),
            Self::DaysLeft(0) => messages::DEADLINE_TODAY.to_owned(),
            Self::DaysLeft(days) => messages::days_left(days),
            Self::Overdue { days } => messages::overdue(days),
        }
    }

    /// Late: done late, or overdue.
    #[must_use]
    pub fn is_late(&self) -> bool {
        matches!(self, Self::DoneLate { .. } | Self::Overdue { .. })
    }

    #[must_use]
    pub fn is_done(&self) -> bool {
        matches!(self, Self::DoneOnTime | Self::DoneLate { .. })
    }
}

/// The state of work due on `deadline`, seen on `today`, done on `done_on`
/// if done. The deadline day itself is on time.
#[must_use]
pub fn deadline_state(
    deadline: NaiveDate,
    today: NaiveDate,
    done_on: Option<NaiveDate>,
) -> DeadlineState {
    match done_on {
        Some(done) if done <= deadline => DeadlineState::DoneOnTime,
        Some(done) => DeadlineState::DoneLate {
            days: (done - deadline).num_days(),
        },
        None if today <= deadline => DeadlineState::DaysLeft((deadline - today).num_days()),
        None => DeadlineState::Overdue {
            days: (today - deadline).num_days(),
        },
    }
}

/// The deadline a model faces now and where it stands on `today`: the
/// registration deadline until it is sent, the unit's results report
/// after it is registered; none for a stopped model. Work already done
/// counts from the day it was done (sent, reported).
#[must_use]
pub fn model_deadline(
    campaign: &CampaignYear,
    model: &impl ModelFacts,
    today: NaiveDate,
) -> Option<(DeadlineKind, DeadlineState)> {
    use ModelStatus as S;
    let (kind, done_on) = match model.status() {
        S::Nhap | S::TraLaiDangKy => (DeadlineKind::Registration, None),
        S::DaGui => (
            DeadlineKind::Registration,
            model.submitted_on().or(Some(today)),
        ),
        S::DaDangKy | S::DangThucHien | S::TraLaiBaoCao => (DeadlineKind::UnitReport, None),
        S::DaBaoCao | S::DaDanhGia | S::CongNhan | S::KhongCongNhan => (
            DeadlineKind::UnitReport,
            model.reported_on().or(Some(today)),
        ),
        S::Dung => return None,
    };
    Some((
        kind,
        deadline_state(campaign.deadline(kind), today, done_on),
    ))
}

/// When a unit met its two deadlines, if it did: registration on the day
/// its first model was sent (and not returned); the results report on the
/// day its last registered model reported, once all of them have.
#[must_use]
pub fn unit_done_on<'a, M: ModelFacts + 'a>(
    models: impl IntoIterator<Item = &'a M>,
) -> (Option<NaiveDate>, Option<NaiveDate>) {
    let mut sent = None::<NaiveDate>;
    let mut last_report = None::<NaiveDate>;
    let mut all_reported = true;
    let mut any_registered = false;
    for m in models {
        let status = m.status();
        if let Some(day) = m
            .submitted_on()
            .filter(|_| !matches!(status, ModelStatus::Nhap | ModelStatus::TraLaiDangKy))
        {
            sent = Some(sent.map_or(day, |s| s.min(day)));
        }
        if status.is_registered() {
            any_registered = true;
            match m
                .reported_on()
                .filter(|_| status != ModelStatus::TraLaiBaoCao)
            {
                Some(day) => last_report = Some(last_report.map_or(day, |l| l.max(day))),
                None => all_reported = false,
            }
        }
    }
    (sent, last_report.filter(|_| all_reported && any_registered))
}

/// A unit's state against the registration and the results-report
/// deadlines of `campaign` on `today`, from its models of that year.
#[must_use]
pub fn unit_deadlines<'a, M: ModelFacts + 'a>(
    campaign: &CampaignYear,
    models: impl IntoIterator<Item = &'a M>,
    today: NaiveDate,
) -> [(DeadlineKind, DeadlineState); 2] {
    let (registered, reported) = unit_done_on(models);
    [
        (
            DeadlineKind::Registration,
            deadline_state(campaign.registration_deadline, today, registered),
        ),
        (
            DeadlineKind::UnitReport,
            deadline_state(campaign.unit_report_deadline, today, reported),
        ),
    ]
}
