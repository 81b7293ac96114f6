//! The five parts of a results report (phụ lục 02 for a unit, the commune's
//! report), filled with what the records say. What they cannot say stays a
//! clearly marked blank for people to write: never invented text.
use crate::figures::{CommuneYear, Counts, Resources, Stages, UnitYear, YearRecords};
use crate::format::integer;
use crate::ids::ModelId;

use super::rows::resource_lines;
use super::wording::{self, PARTS};

/// A paragraph of a part.
#[derive(Debug, Clone, PartialEq, Eq)]
pub enum Para {
    /// "1. Kết quả đăng ký" (bold).
    Heading(String),
    Text(String),
    /// "- …" lines.
    Bullet(String),
    /// A blank to be written by people, marked as such.
    ToWrite(&'static str),
}

#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Part {
    pub heading: &'static str,
    pub paras: Vec<Para>,
}

fn n(v: u32) -> String {
    integer(i64::from(v))
}

/// Who the report speaks of and who writes what the data cannot say.
struct Voice {
    subject: &'static str,
    blank: &'static str,
}

const UNIT: Voice = Voice {
    subject: "Đơn vị",
    blank: wording::TO_WRITE_UNIT,
};
const COMMUNE: Voice = Voice {
    subject: "Toàn Đảng bộ",
    blank: wording::TO_WRITE_COMMUNE,
};

/// "Đơn vị có 4 mô hình được đăng ký (3 tập thể, 1 cá nhân; 3 mô hình mới, 1 mô hình tiếp tục)."
fn registered_sentence(v: &Voice, c: &Counts) -> String {
    format!(
        "{} có {} mô hình được đăng ký ({} tập thể, {} cá nhân; {} mô hình mới, {} mô hình tiếp tục).",
        v.subject,
        n(c.total.count()),
        n(c.collective.count()),
        n(c.individual.count()),
        n(c.new.count()),
        n(c.continued.count())
    )
}

fn progress_sentence(s: &Stages) -> String {
    format!(
        "{} mô hình đã báo cáo kết quả, trong đó {} mô hình đạt toàn bộ chỉ tiêu đăng ký; {} mô hình đang thực hiện; {} mô hình được công nhận.",
        n(s.reported.count()),
        n(s.targets_met.count()),
        n(s.in_progress.count()),
        n(s.recognised.count())
    )
}

fn by_field(c: &Counts) -> Vec<Para> {
    c.by_field
        .iter()
        .map(|(f, t)| Para::Bullet(format!("{}: {} mô hình.", f.label(), n(t.count()))))
        .collect()
}

fn resources(v: &Voice, r: &Resources) -> Vec<Para> {
    let mut out: Vec<Para> = resource_lines(r)
        .into_iter()
        .map(|l| Para::Bullet(format!("{l}.")))
        .collect();
    if r.money_vnd() > 0 {
        out.push(Para::Bullet(format!(
            "Tổng kinh phí huy động: {}.",
            crate::format::money(r.money_vnd())
        )));
    }
    // Land donated and other contributions are not in the records.
    out.push(Para::Text(
        "Diện tích đất hiến, các đóng góp khác:".to_owned(),
    ));
    out.push(Para::ToWrite(v.blank));
    out
}

/// Texts from the models' results reports, one bullet per model.
fn from_reports(
    records: &YearRecords<'_>,
    ids: &[ModelId],
    text: fn(&crate::report::ResultsReport) -> &str,
) -> Vec<Para> {
    ids.iter()
        .filter_map(|id| {
            let model = records.model(*id)?;
            let t = text(records.report_of(*id)?);
            (!crate::validate::is_blank(t))
                .then(|| Para::Bullet(format!("{}: {}", model.name.trim(), t.trim())))
        })
        .collect()
}

fn or_blank(mut paras: Vec<Para>, v: &Voice) -> Vec<Para> {
    if paras.is_empty() {
        paras.push(Para::ToWrite(v.blank));
    }
    paras
}

fn names(records: &YearRecords<'_>, ids: &[ModelId]) -> Vec<Para> {
    ids.iter()
        .filter_map(|id| records.model(*id))
        .map(|m| Para::Bullet(format!("{}.", m.name.trim())))
        .collect()
}

fn heading(text: &str) -> Para {
    Para::Heading(text.to_owned())
}

/// Parts II to V, the same for a unit and the commune.
fn results_parts(
    records: &YearRecords<'_>,
    v: &Voice,
    counts: &Counts,
    stages: &Stages,
    res: &Resources,
) -> Vec<Part> {
    let reg = stages.registered.ids();
    let mut results = vec![heading("1. Số lượng mô hình theo lĩnh vực")];
    results.extend(by_field(counts));
    results.push(heading("2. Kết quả thực hiện chỉ tiêu"));
    results.push(Para::Text(progress_sentence(stages)));
    results.push(heading("3. Nguồn lực huy động"));
    results.extend(resources(v, res));
    results.push(heading("4. Kết quả cụ thể của các mô hình"));
    results.extend(or_blank(from_reports(records, reg, |r| &r.results), v));
    results.push(heading("5. Mô hình tiêu biểu"));
    results.extend(or_blank(names(records, stages.exemplary.ids()), v));
    let mut assessment = vec![heading("1. Ưu điểm"), Para::ToWrite(v.blank)];
    assessment.extend([heading("2. Hạn chế, nguyên nhân"), Para::ToWrite(v.blank)]);
    assessment.push(heading("3. Bài học kinh nghiệm"));
    assessment.extend(or_blank(from_reports(records, reg, |r| &r.lessons), v));
    let mut proposals = from_reports(records, reg, |r| &r.proposals);
    for (label, tally) in [
        ("Đề nghị khen thưởng", &stages.proposed_reward),
        ("Đề nghị nhân rộng", &stages.replicate),
    ] {
        if !tally.is_empty() {
            proposals.push(heading(&format!("{label}:")));
            proposals.extend(names(records, tally.ids()));
        }
    }
    vec![
        Part {
            heading: PARTS[1],
            paras: results,
        },
        Part {
            heading: PARTS[2],
            paras: assessment,
        },
        Part {
            heading: PARTS[3],
            paras: vec![Para::ToWrite(v.blank)],
        },
        Part {
            heading: PARTS[4],
            paras: or_blank(proposals, v),
        },
    ]
}

/// Phụ lục 02 of one unit.
#[must_use]
pub fn unit_parts(records: &YearRecords<'_>, unit: &UnitYear) -> Vec<Part> {
    let mut leadership = vec![
        heading("1. Kết quả đăng ký"),
        Para::Text(registered_sentence(&UNIT, &unit.registered)),
    ];
    if let Some(t) = &unit.target {
        leadership.push(Para::Text(format!(
            "Chỉ tiêu được giao: {} mô hình; {}.",
            n(t.target),
            if t.met { "đã đạt" } else { "chưa đạt" }
        )));
    }
    leadership.push(Para::Text(format!(
        "Đăng ký mô hình: {}; báo cáo kết quả: {}.",
        unit.registration.label(),
        unit.report.label()
    )));
    leadership.extend([
        heading("2. Công tác lãnh đạo, chỉ đạo"),
        Para::ToWrite(UNIT.blank),
    ]);
    let mut parts = vec![Part {
        heading: PARTS[0],
        paras: leadership,
    }];
    parts.extend(results_parts(
        records,
        &UNIT,
        &unit.registered,
        &unit.stages,
        &unit.resources,
    ));
    parts
}

/// The commune's year-end report.
#[must_use]
pub fn commune_parts(records: &YearRecords<'_>, f: &CommuneYear) -> Vec<Part> {
    let cov = &f.coverage;
    let with_model = cov.units.len() - cov.missing.len();
    let mut leadership = vec![
        heading("1. Kết quả đăng ký"),
        Para::Text(registered_sentence(&COMMUNE, &f.registered)),
        Para::Text(format!(
            "So với chỉ tiêu {} mô hình của Đảng bộ: {}. {}/{} đơn vị được giao chỉ tiêu đã đạt chỉ tiêu.",
            n(cov.commune_target),
            if cov.commune_met {
                "đã đạt"
            } else {
                "chưa đạt"
            },
            integer(i64::try_from(with_model).unwrap_or(0)),
            integer(i64::try_from(cov.units.len()).unwrap_or(0)),
        )),
    ];
    let missing: Vec<Para> = cov
        .units
        .iter()
        .filter(|u| cov.missing.contains(&u.unit_id))
        .map(|u| Para::Bullet(format!("{}: chưa đạt chỉ tiêu.", u.name.trim())))
        .collect();
    leadership.extend(missing);
    leadership.extend([
        heading("2. Công tác lãnh đạo, chỉ đạo"),
        Para::ToWrite(COMMUNE.blank),
    ]);
    let mut parts = vec![Part {
        heading: PARTS[0],
        paras: leadership,
    }];
    parts.extend(results_parts(
        records,
        &COMMUNE,
        &f.registered,
        &f.stages,
        &f.resources,
    ));
    parts
}
