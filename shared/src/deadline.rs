//! Deadlines: on time or late, days left. Late work is accepted and marked, never blocked.
use chrono::NaiveDate;
use serde::{Deserialize, Serialize};

use crate::messages;

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
