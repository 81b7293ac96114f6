//! What each table cell of the documents says, from the records and the
//! figures. A cell is a list of lines.
use crate::deadline::DeadlineState;
use crate::evaluation::Evaluation;
use crate::field::Field;
use crate::figures::{ModelYear, Resources, UnitYear};
use crate::format::{date, integer, money, number, percent};
use crate::model::{Model, ModelKind};
use crate::report::{Achievement, ResultsReport};

use super::wording;

/// The lines of one table cell.
pub type Cell = Vec<String>;

fn one(text: &str) -> Cell {
    if crate::validate::is_blank(text) {
        Vec::new()
    } else {
        vec![text.trim().to_owned()]
    }
}

fn count(n: u32) -> String {
    integer(i64::from(n))
}

/// Chủ thể: the collective (the sub-unit it was handed to, else the
/// registrant, else the unit) or the individual registrant.
#[must_use]
pub fn holder(model: &Model, unit_name: &str) -> String {
    match model.kind {
        ModelKind::TapThe if !crate::validate::is_blank(&model.sub_unit) => {
            model.sub_unit.trim().to_owned()
        }
        _ if !crate::validate::is_blank(&model.registrant) => model.registrant.trim().to_owned(),
        _ => unit_name.trim().to_owned(),
    }
}

/// "05/09/2025 - 15/11/2025", or whichever end is known.
#[must_use]
pub fn period(model: &Model) -> String {
    match (model.start_date, model.end_date) {
        (Some(s), Some(e)) => format!("{} - {}", date(s), date(e)),
        (Some(s), None) => format!("Từ {}", date(s)),
        (None, Some(e)) => format!("Đến {}", date(e)),
        (None, None) => String::new(),
    }
}

/// One row of mẫu 01 (the four field columns as ticks).
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Mau01Row {
    pub name: Cell,
    pub holder: Cell,
    pub unit: Cell,
    /// One per field of `Field::ALL`: ticked or not.
    pub fields: [bool; 4],
    pub goals: Cell,
    pub coordinating: Cell,
    pub period: Cell,
    pub new_or_continued: Cell,
    pub leader: Cell,
    pub note: Cell,
}

#[must_use]
pub fn mau_01_row(model: &Model, unit_name: &str, previous: Option<&Model>) -> Mau01Row {
    let fields = Field::ALL.map(|f| model.field == Some(f));
    let note = previous
        .map(|p| format!("Tiếp tục mô hình: {}", p.name.trim()))
        .unwrap_or_default();
    Mau01Row {
        name: one(&model.name),
        holder: one(&holder(model, unit_name)),
        unit: one(unit_name),
        fields,
        goals: one(&model.goals),
        coordinating: one(&model.coordinating_forces),
        period: one(&period(model)),
        new_or_continued: vec![
            if model.is_continued() {
                wording::CONTINUED
            } else {
                wording::NEW
            }
            .to_owned(),
        ],
        leader: one(&model.responsible_leader),
        note: one(&note),
    }
}

/// "Tỷ lệ người dân tham gia bảo hiểm y tế: 95 %".
fn target_line(a: &Achievement) -> String {
    format!("{}: {} {}", a.name.trim(), number(a.target), a.unit.trim())
        .trim()
        .to_owned()
}

/// Money, workdays and people, one line each, only what is known.
#[must_use]
pub fn resource_lines(r: &Resources) -> Cell {
    let mut out = Vec::new();
    if r.budget_vnd > 0 {
        out.push(format!("Kinh phí: {}", money(r.budget_vnd)));
    }
    if r.socialized_vnd > 0 {
        out.push(format!("Xã hội hóa: {}", money(r.socialized_vnd)));
    }
    if r.workdays > 0 {
        out.push(format!("{} ngày công", integer(clamp(r.workdays))));
    }
    if r.participants > 0 {
        out.push(format!(
            "{} lượt người tham gia",
            integer(clamp(r.participants))
        ));
    }
    out
}

fn clamp(n: u64) -> i64 {
    i64::try_from(n).unwrap_or(i64::MAX)
}

/// "Đạt 2/2 chỉ tiêu" once a report is in; blank before.
#[must_use]
pub fn targets_reached(figures: &ModelYear) -> String {
    if figures.report.is_none() || figures.achievements.is_empty() {
        return String::new();
    }
    let met = figures
        .achievements
        .iter()
        .filter(|a| a.reached.is_some_and(|r| r >= a.target))
        .count();
    format!(
        "Đạt {}/{} chỉ tiêu",
        integer(i64::try_from(met).unwrap_or(i64::MAX)),
        integer(i64::try_from(figures.achievements.len()).unwrap_or(i64::MAX))
    )
}

/// One row of phụ lục 02's table.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct ResultRow {
    pub name: Cell,
    pub holder: Cell,
    pub field: Cell,
    pub targets: Cell,
    pub reached: Cell,
    pub percent: Cell,
    pub resources: Cell,
    pub outputs: Cell,
    pub assessment: Cell,
    pub proposal: Cell,
}

#[must_use]
pub fn result_row(
    model: &Model,
    unit_name: &str,
    figures: &ModelYear,
    report: Option<&ResultsReport>,
) -> ResultRow {
    let a = &figures.achievements;
    ResultRow {
        name: one(&model.name),
        holder: one(&holder(model, unit_name)),
        field: one(model.field.map_or("", |f| f.label())),
        targets: a.iter().map(target_line).collect(),
        reached: a
            .iter()
            .map(|x| x.reached.map(number).unwrap_or_default())
            .collect(),
        percent: a
            .iter()
            .map(|x| x.percent.map(percent).unwrap_or_default())
            .collect(),
        resources: resource_lines(&figures.resources),
        outputs: one(&model.outputs),
        assessment: one(&targets_reached(figures)),
        proposal: report.map(|r| one(&r.proposals)).unwrap_or_default(),
    }
}

/// One row of the coverage table, all texts.
#[must_use]
pub fn coverage_row(unit: &UnitYear) -> [String; 8] {
    let s = &unit.stages;
    [
        unit.name.trim().to_owned(),
        unit.target
            .as_ref()
            .map(|t| count(t.target))
            .unwrap_or_default(),
        count(s.registered.count()),
        count(s.in_progress.count()),
        count(s.recognised.count()),
        count(s.exemplary.count()),
        count(s.proposed_reward.count()),
        report_state(unit.report),
    ]
}

/// "Đúng hạn", "Muộn 3 ngày", "Chưa báo cáo (quá hạn 2 ngày)".
#[must_use]
pub fn report_state(state: DeadlineState) -> String {
    match state {
        DeadlineState::DoneOnTime => "Đúng hạn".to_owned(),
        DeadlineState::DoneLate { days } => format!("Muộn {days} ngày"),
        DeadlineState::DaysLeft(_) => "Chưa báo cáo".to_owned(),
        DeadlineState::Overdue { days } => format!("Chưa báo cáo (quá hạn {days} ngày)"),
    }
}

/// One row of the recognition list; honours ticked.
#[must_use]
pub fn recognition_row(
    model: &Model,
    unit_name: &str,
    evaluation: Option<&Evaluation>,
) -> [String; 7] {
    let tick = |on: bool| {
        if on {
            wording::TICK.to_owned()
        } else {
            String::new()
        }
    };
    let e = evaluation;
    [
        model.name.trim().to_owned(),
        unit_name.trim().to_owned(),
        model.field.map_or("", |f| f.label()).to_owned(),
        e.and_then(|e| e.decision)
            .map_or("", |d| d.label())
            .to_owned(),
        tick(e.is_some_and(|e| e.exemplary)),
        tick(e.is_some_and(|e| e.propose_reward)),
        tick(e.is_some_and(|e| e.replicate)),
    ]
}
