//! What mẫu 04 (one model's registration) says, item by item. An empty
//! item keeps a dotted line for the unit to fill in by hand.
use crate::format::{date, integer, money, number};
use crate::model::Model;

use super::parts::Para;
use super::rows::period;
use super::wording::MAU_04_ITEMS;

/// Dots where a registration item is empty.
pub const DOTS: &str = "……………………………………………………";

fn labelled(label: &str, value: &str) -> Para {
    let value = value.trim();
    Para::Text(format!(
        "{label}: {}",
        if value.is_empty() { DOTS } else { value }
    ))
}

fn item(i: usize) -> Para {
    Para::Heading(MAU_04_ITEMS.get(i).copied().unwrap_or_default().to_owned())
}

fn text(value: &str) -> Para {
    let value = value.trim();
    Para::Text(if value.is_empty() { DOTS } else { value }.to_owned())
}

/// The lines before the nine items: unit, kind, field, new or continued.
#[must_use]
pub fn intro(model: &Model, unit_name: &str, previous: Option<&Model>) -> Vec<Para> {
    let mut out = vec![labelled("Tên đơn vị", unit_name)];
    if !crate::validate::is_blank(&model.sub_unit) {
        out.push(labelled("Đơn vị được giao thực hiện", &model.sub_unit));
    }
    out.push(labelled("Hình thức", model.kind.label()));
    out.push(labelled("Lĩnh vực", model.field.map_or("", |f| f.label())));
    if !crate::validate::is_blank(&model.topic) {
        out.push(labelled("Chủ đề", &model.topic));
    }
    let kind = match (model.continued_from, previous) {
        (None, _) => "Mô hình mới".to_owned(),
        (Some(_), Some(p)) => format!("Mô hình tiếp tục (từ mô hình: {})", p.name.trim()),
        (Some(_), None) => "Mô hình tiếp tục".to_owned(),
    };
    out.push(Para::Text(kind));
    out
}

/// Items 1 and 2, and the goals of item 3; the indicator table follows.
#[must_use]
pub fn items_before_indicators(m: &Model) -> Vec<Para> {
    vec![
        item(0),
        text(&m.name),
        item(1),
        text(&m.situation),
        labelled("Thuận lợi", &m.advantages),
        labelled("Khó khăn", &m.difficulties),
        item(2),
        labelled("Mục tiêu", &m.goals),
        Para::Text("Tiêu chí, chỉ tiêu:".to_owned()),
    ]
}

fn day(d: Option<chrono::NaiveDate>) -> String {
    d.map(date).unwrap_or_default()
}

/// Items 4 to 9 and the responsible leader.
#[must_use]
pub fn items_after_indicators(m: &Model) -> Vec<Para> {
    let mut out = vec![
        item(3),
        text(&m.content_methods),
        item(4),
        labelled("Địa bàn", &m.area),
        labelled("Đối tượng", &m.beneficiaries),
        item(5),
        labelled("Chủ trì", &m.lead_force),
        labelled("Phối hợp", &m.coordinating_forces),
        labelled("Tham gia", &m.participating_forces),
        item(6),
        labelled("Kinh phí", &m.budget_vnd.map(money).unwrap_or_default()),
        labelled("Cơ sở vật chất", &m.facilities),
        labelled("Nhân lực", &m.manpower),
        labelled(
            "Ngày công",
            &m.workdays
                .map(|w| integer(i64::from(w)))
                .unwrap_or_default(),
        ),
        labelled(
            "Xã hội hóa",
            &m.socialized_vnd.map(money).unwrap_or_default(),
        ),
        labelled("Thời gian thực hiện", &period(m)),
    ];
    out.extend(
        m.milestones
            .iter()
            .map(|ms| Para::Bullet(format!("{}: {}", date(ms.date), ms.title.trim()))),
    );
    out.extend([
        labelled("Khảo sát", &day(m.survey_date)),
        labelled("Kiểm tra", &day(m.inspection_date)),
        labelled("Sơ kết, tổng kết", &day(m.summary_date)),
        item(7),
        text(&m.outputs),
        item(8),
        text(&m.sustainability),
        labelled("Người phụ trách", &m.responsible_leader),
    ]);
    out
}

pub const INDICATOR_HEADERS: [&str; 5] = [
    "STT",
    "Tiêu chí, chỉ tiêu",
    "Đơn vị tính",
    "Chỉ tiêu đăng ký",
    "Năm trước",
];

/// The indicator rows: name, unit, target, last year's target.
#[must_use]
pub fn indicator_rows(m: &Model) -> Vec<[String; 4]> {
    m.indicators
        .iter()
        .map(|i| {
            [
                i.name.trim().to_owned(),
                i.unit.trim().to_owned(),
                number(i.target),
                i.previous_target.map(number).unwrap_or_default(),
            ]
        })
        .collect()
}
