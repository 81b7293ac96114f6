//! The reviewer's queue: what waits for Ban xây dựng Đảng (sent
//! registrations, sent reports, evaluated models awaiting the decision),
//! most overdue and oldest first, with filters by unit, field and status
//! and a count on every filter choice.
//!
//! A model waits when the status table gives the reviewer a move out of
//! its status other than stopping it. Each step has the reviewer's own
//! deadline: a registration should be settled by the registration deadline
//! (it counts toward the targets only once accepted), a report by the
//! commune report deadline (the commune's report needs the evaluations).
use chrono::NaiveDate;
use serde::{Deserialize, Serialize};

use crate::campaign::{CampaignYear, DeadlineKind};
use crate::deadline::{DeadlineState, deadline_state, model_deadline};
use crate::field::Field;
use crate::ids::{ModelId, UnitId};
use crate::messages;
use crate::model::Model;
use crate::org::Unit;
use crate::status::{MOVES, ModelStatus, MoveRequirement};
use crate::user::Role;

/// The statuses in which a model waits for the reviewer, in the order of the status filter.
pub const WAITING: [ModelStatus; 3] = [
    ModelStatus::DaGui,
    ModelStatus::DaBaoCao,
    ModelStatus::DaDanhGia,
];

/// Whether a model in `status` waits for the reviewer: the table gives
/// the reviewer a move out of it other than stopping.
#[must_use]
pub fn is_waiting(status: ModelStatus) -> bool {
    MOVES
        .iter()
        .any(|m| m.from == status && m.role == Role::Reviewer && m.needs != MoveRequirement::Reason)
}

/// What the reviewer has to do with a model in `status`, for the queue
/// ("Đăng ký chờ duyệt"...); None if it does not wait.
#[must_use]
pub fn step_label(status: ModelStatus) -> Option<&'static str> {
    match status {
        ModelStatus::DaGui => Some(messages::QUEUE_REGISTRATION),
        ModelStatus::DaBaoCao => Some(messages::QUEUE_REPORT),
        ModelStatus::DaDanhGia => Some(messages::QUEUE_DECISION),
        _ => None,
    }
}

/// The reviewer's deadline for a model waiting in `status`.
#[must_use]
pub fn due_kind(status: ModelStatus) -> Option<DeadlineKind> {
    match status {
        ModelStatus::DaGui => Some(DeadlineKind::Registration),
        ModelStatus::DaBaoCao | ModelStatus::DaDanhGia => Some(DeadlineKind::CommuneReport),
        _ => None,
    }
}

/// One model waiting for the reviewer.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
pub struct Item {
    pub model_id: ModelId,
    pub unit_id: UnitId,
    pub field: Option<Field>,
    pub status: ModelStatus,
    /// The day the unit sent what waits (registration or report).
    pub since: Option<NaiveDate>,
    /// Days it has waited by today (0 when the day is not known).
    pub waiting_days: i64,
    /// The reviewer's deadline for this step (None: campaign not on the device).
    pub due: Option<NaiveDate>,
    /// Where the reviewer stands against `due` today.
    pub due_state: Option<DeadlineState>,
    /// Whether the unit itself sent it on time ("nộp muộn 2 ngày").
    pub sent_state: Option<DeadlineState>,
}

impl Item {
    /// Most overdue first (earliest deadline), then oldest, then a stable tie-break.
    fn order(&self) -> (bool, Option<NaiveDate>, bool, Option<NaiveDate>, ModelId) {
        (
            self.due.is_none(),
            self.due,
            self.since.is_none(),
            self.since,
            self.model_id,
        )
    }
}

/// The choices of the queue's filters; `None` is "all".
#[derive(Debug, Clone, Copy, Default, PartialEq, Eq, Serialize, Deserialize)]
pub struct Filter {
    #[serde(default)]
    pub unit: Option<UnitId>,
    #[serde(default)]
    pub field: Option<Field>,
    #[serde(default)]
    pub status: Option<ModelStatus>,
}

impl Filter {
    fn unit_ok(&self, i: &Item) -> bool {
        self.unit.is_none_or(|u| u == i.unit_id)
    }

    fn field_ok(&self, i: &Item) -> bool {
        self.field.is_none_or(|f| Some(f) == i.field)
    }

    fn status_ok(&self, i: &Item) -> bool {
        self.status.is_none_or(|s| s == i.status)
    }
}

/// How many items each choice of a filter would show, the other two
/// filters as they are (so the numbers next to a choice are what picking
/// it gives). Choices with nothing are left out, except the one chosen.
#[derive(Debug, Clone, Default, PartialEq, Serialize, Deserialize)]
pub struct Counts {
    /// In the order of the units given (unknown units last).
    pub units: Vec<(UnitId, usize)>,
    /// In the order of [`Field::ALL`]; `None`: no field given.
    pub fields: Vec<(Option<Field>, usize)>,
    /// In the order of [`WAITING`].
    pub statuses: Vec<(ModelStatus, usize)>,
}

/// The queue as filtered, and the counts of every filter choice.
#[derive(Debug, Clone, Default, PartialEq, Serialize, Deserialize)]
pub struct Queue {
    /// Waiting models matching the filter, in order.
    pub items: Vec<Item>,
    pub counts: Counts,
    /// Every waiting model, whatever the filter.
    pub total: usize,
}

fn item(model: &Model, campaigns: &[CampaignYear], today: NaiveDate) -> Item {
    let campaign = campaigns.iter().find(|c| c.id == model.campaign_id);
    let since = match model.status {
        ModelStatus::DaGui => model.submitted_on,
        _ => model.reported_on,
    };
    let due = campaign
        .zip(due_kind(model.status))
        .map(|(c, kind)| c.deadline(kind));
    Item {
        model_id: model.id,
        unit_id: model.unit_id,
        field: model.field,
        status: model.status,
        since,
        waiting_days: since.map_or(0, |s| (today - s).num_days().max(0)),
        due,
        due_state: due.map(|d| deadline_state(d, today, None)),
        sent_state: campaign
            .and_then(|c| model_deadline(c, model, today))
            .map(|(_, state)| state),
    }
}

/// Counts `items` by `key`, in the order of `order`, then any others by value.
fn count_by<K: Copy + PartialEq + Ord>(
    items: &[&Item],
    key: impl Fn(&Item) -> K,
    order: &[K],
    chosen: Option<K>,
) -> Vec<(K, usize)> {
    let mut out: Vec<(K, usize)> = order.iter().map(|&k| (k, 0)).collect();
    let mut others: Vec<(K, usize)> = Vec::new();
    for i in items {
        let k = key(i);
        match out
            .iter_mut()
            .chain(others.iter_mut())
            .find(|(o, _)| *o == k)
        {
            Some((_, n)) => *n += 1,
            None => others.push((k, 1)),
        }
    }
    if let Some(k) = chosen
        && !out.iter().chain(&others).any(|(o, _)| *o == k)
    {
        others.push((k, 0));
    }
    others.sort();
    out.extend(others);
    out.retain(|&(k, n)| n > 0 || Some(k) == chosen);
    out
}

/// The reviewer's queue over the models on the device: those waiting
/// (see [`is_waiting`]), filtered, most overdue and oldest first. `units`
/// give the order of the unit filter's choices.
#[must_use]
pub fn queue(
    models: &[Model],
    campaigns: &[CampaignYear],
    units: &[Unit],
    filter: &Filter,
    today: NaiveDate,
) -> Queue {
    let mut all: Vec<Item> = models
        .iter()
        .filter(|m| is_waiting(m.status))
        .map(|m| item(m, campaigns, today))
        .collect();
    all.sort_by_key(Item::order);
    let unit_order: Vec<UnitId> = units.iter().map(|u| u.id).collect();
    let mut fields: Vec<Option<Field>> = Field::ALL.iter().copied().map(Some).collect();
    fields.push(None);
    let pick = |keep: &dyn Fn(&Item) -> bool| all.iter().filter(|i| keep(i)).collect::<Vec<_>>();
    let counts = Counts {
        units: count_by(
            &pick(&|i| filter.field_ok(i) && filter.status_ok(i)),
            |i| i.unit_id,
            &unit_order,
            filter.unit,
        ),
        fields: count_by(
            &pick(&|i| filter.unit_ok(i) && filter.status_ok(i)),
            |i| i.field,
            &fields,
            filter.field.map(Some),
        ),
        statuses: count_by(
            &pick(&|i| filter.unit_ok(i) && filter.field_ok(i)),
            |i| i.status,
            &WAITING,
            filter.status,
        ),
    };
    let total = all.len();
    let items = all
        .into_iter()
        .filter(|i| filter.unit_ok(i) && filter.field_ok(i) && filter.status_ok(i))
        .collect();
    Queue {
        items,
        counts,
        total,
    }
}

impl Queue {
    /// Where `model` is in the queue, if it waits.
    #[must_use]
    pub fn position(&self, model: ModelId) -> Option<usize> {
        self.items.iter().position(|i| i.model_id == model)
    }

    /// The model to open after `current`: the one after it; if `current`
    /// has left the queue (the reviewer just acted on it), the one now
    /// where it was (`last_position`); after the end, the first. Never
    /// `current` itself; None when nothing else waits.
    #[must_use]
    pub fn next_after(&self, current: ModelId, last_position: Option<usize>) -> Option<ModelId> {
        let start = match self.position(current) {
            Some(i) => i + 1,
            None => last_position.unwrap_or(0),
        };
        let start = start.checked_rem(self.items.len()).unwrap_or(0);
        self.items
            .iter()
            .cycle()
            .skip(start)
            .take(self.items.len())
            .find(|i| i.model_id != current)
            .map(|i| i.model_id)
    }
}
