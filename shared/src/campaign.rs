//! The campaign year (đợt thi đua): deadlines, targets and evaluation scheme.
use std::collections::HashSet;

use chrono::NaiveDate;
use serde::{Deserialize, Serialize};

use crate::ids::{CampaignId, CommuneId, CriterionId, UnitId};
use crate::messages;
use crate::org::Unit;
use crate::validate::{Checker, ErrorCode, Errors, same_text};

/// A per-unit target that differs from the campaign's default.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
pub struct UnitTarget {
    pub unit_id: UnitId,
    pub target: u32,
}

/// An evaluation criterion, configurable per year.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
pub struct Criterion {
    pub id: CriterionId,
    pub name: String,
    #[serde(default)]
    pub description: String,
}

/// One campaign year of a commune. All dates and targets are editable per year.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
pub struct CampaignYear {
    pub id: CampaignId,
    pub commune_id: CommuneId,
    pub year: i32,
    /// Units register their models by this day (01/9 in the plan).
    pub registration_deadline: NaiveDate,
    /// Units report results by this day (20/11).
    pub unit_report_deadline: NaiveDate,
    /// The commune's report is done by this day (01/12).
    pub commune_report_deadline: NaiveDate,
    /// Registered models the commune needs in total (≥ 3 in the plan).
    #[serde(default)]
    pub commune_target: u32,
    /// Registered models each unit with `has_target` needs (≥ 1).
    #[serde(default)]
    pub unit_target: u32,
    /// Exceptions to `unit_target`.
    #[serde(default)]
    pub unit_targets: Vec<UnitTarget>,
    #[serde(default)]
    pub criteria: Vec<Criterion>,
    /// Evaluation levels, best first ("Tốt", "Khá", "Đạt", "Chưa đạt").
    #[serde(default)]
    pub levels: Vec<String>,
}

/// The three deadlines of a year.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash, Serialize, Deserialize)]
#[serde(rename_all = "snake_case")]
pub enum DeadlineKind {
    Registration,
    UnitReport,
    CommuneReport,
}

impl DeadlineKind {
    pub const ALL: [Self; 3] = [Self::Registration, Self::UnitReport, Self::CommuneReport];

    #[must_use]
    pub fn label(&self) -> &'static str {
        match self {
            Self::Registration => "Hạn đăng ký mô hình",
            Self::UnitReport => "Hạn báo cáo kết quả của đơn vị",
            Self::CommuneReport => "Hạn báo cáo của xã",
        }
    }
}

/// The same day one year later (29/02 becomes 28/02).
fn a_year_later(d: NaiveDate) -> NaiveDate {
    use chrono::Datelike;
    d.with_year(d.year() + 1)
        .or_else(|| d.pred_opt().and_then(|p| p.with_year(d.year() + 1)))
        .unwrap_or(d)
}

impl CampaignYear {
    /// Next year's campaign, as the admin starts it: the same deadlines a
    /// year later, the same targets, criteria (with new ids) and levels.
    #[must_use]
    pub fn next_year(&self, id: CampaignId) -> CampaignYear {
        CampaignYear {
            id,
            commune_id: self.commune_id,
            year: self.year + 1,
            registration_deadline: a_year_later(self.registration_deadline),
            unit_report_deadline: a_year_later(self.unit_report_deadline),
            commune_report_deadline: a_year_later(self.commune_report_deadline),
            commune_target: self.commune_target,
            unit_target: self.unit_target,
            unit_targets: self.unit_targets.clone(),
            criteria: self
                .criteria
                .iter()
                .map(|c| Criterion {
                    id: CriterionId::new(),
                    ..c.clone()
                })
                .collect(),
            levels: self.levels.clone(),
        }
    }

    /// Whether the year is over on `today`: its commune report day has
    /// passed. A closed year reads as closed, never as hundreds of days late.
    #[must_use]
    pub fn is_closed(&self, today: NaiveDate) -> bool {
        today > self.commune_report_deadline
    }

    /// "Đợt thi đua 2025 đã kết thúc ngày 01/12/2025" once closed.
    #[must_use]
    pub fn closed_label(&self, today: NaiveDate) -> Option<String> {
        self.is_closed(today)
            .then(|| messages::year_closed(self.year, self.commune_report_deadline))
    }

    /// The date of one deadline.
    #[must_use]
    pub fn deadline(&self, kind: DeadlineKind) -> NaiveDate {
        match kind {
            DeadlineKind::Registration => self.registration_deadline,
            DeadlineKind::UnitReport => self.unit_report_deadline,
            DeadlineKind::CommuneReport => self.commune_report_deadline,
        }
    }

    /// The target of a unit: 0 for units without `has_target`, else the
    /// unit's exception or the default.
    #[must_use]
    pub fn target_for(&self, unit: &Unit) -> u32 {
        if !unit.has_target {
            return 0;
        }
        self.unit_targets
            .iter()
            .find(|t| t.unit_id == unit.id)
            .map_or(self.unit_target, |t| t.target)
    }

    /// Deadlines in order (registration ≤ unit report ≤ commune report), a
    /// plausible year, no unit listed twice, named and distinct criteria and levels.
    #[must_use]
    pub fn validate(&self) -> Errors {
        let mut c = Checker::new();
        if !(2000..=2100).contains(&self.year) {
            c.push("year", ErrorCode::OutsideRange, messages::YEAR_RANGE);
        }
        if self.unit_report_deadline < self.registration_deadline {
            c.push(
                "unit_report_deadline",
                ErrorCode::OutOfOrder,
                messages::DEADLINE_ORDER_UNIT_REPORT,
            );
        }
        if self.commune_report_deadline < self.unit_report_deadline {
            c.push(
                "commune_report_deadline",
                ErrorCode::OutOfOrder,
                messages::DEADLINE_ORDER_COMMUNE_REPORT,
            );
        }
        let mut seen = HashSet::new();
        for (i, t) in self.unit_targets.iter().enumerate() {
            if !seen.insert(t.unit_id) {
                c.push(
                    format!("unit_targets[{i}].unit_id"),
                    ErrorCode::Duplicate,
                    messages::DUPLICATE_UNIT_TARGET,
                );
            }
        }
        for (i, cr) in self.criteria.iter().enumerate() {
            let field = format!("criteria[{i}].name");
            c.required(&field, &cr.name, "tên tiêu chí");
            c.name(&field, &cr.name);
            c.text(&format!("criteria[{i}].description"), &cr.description);
            if self.criteria[..i]
                .iter()
                .any(|o| same_text(&o.name, &cr.name))
            {
                c.push(field, ErrorCode::Duplicate, messages::DUPLICATE_NAME);
            }
        }
        for (i, level) in self.levels.iter().enumerate() {
            let field = format!("levels[{i}]");
            c.required(&field, level, "tên mức đánh giá");
            c.name(&field, level);
            if self.levels[..i].iter().any(|o| same_text(o, level)) {
                c.push(field, ErrorCode::Duplicate, messages::DUPLICATE_NAME);
            }
        }
        if !self.criteria.is_empty() && self.levels.is_empty() {
            c.push("levels", ErrorCode::Required, messages::LEVELS_REQUIRED);
        }
        c.finish()
    }
}
