//! The tables of the documents as grids (the same for .docx and .xlsx),
//! filled from `shared::figures` and `shared::document::rows`.
use shared::document::rows::{coverage_row, mau_01_row, recognition_row, result_row};
use shared::document::{DocumentFormat, wording as w};
use shared::figures::{CommuneYear, YearRecords, commune_year};
use shared::format::integer;
use shared::ids::ModelId;

use crate::grid::{Grid, Head, Row};
use crate::{DocError, Request};

fn heads(texts: &[&str]) -> Vec<Head> {
    texts.iter().map(|t| Head::one(t)).collect()
}

fn stt(i: usize) -> Vec<String> {
    vec![integer(i64::try_from(i).unwrap_or(i64::MAX))]
}

/// Mẫu 01: the registered models grouped by their own unit, numbered
/// through, with the totals row.
#[must_use]
pub fn mau_01_grid(r: &YearRecords<'_>, fig: &CommuneYear, f: &DocumentFormat) -> Grid {
    let mut top = heads(&w::MAU_01_HEADERS);
    for (i, h) in top.iter_mut().enumerate() {
        if i == w::MAU_01_FIELD_COLUMN {
            h.span = shared::field::Field::ALL.len();
        } else {
            h.tall = true;
        }
    }
    let below = shared::field::Field::ALL
        .iter()
        .map(|&fl| Head {
            vertical: true,
            ..Head::one(w::field_short(fl))
        })
        .collect();
    let mut rows = Vec::new();
    let mut n = 0;
    let mut group = |name: &str, ids: &[ModelId], rows: &mut Vec<Row>| {
        if ids.is_empty() {
            return;
        }
        let count = u32::try_from(ids.len()).unwrap_or(u32::MAX);
        rows.push(Row::Group(w::unit_group(name, count)));
        for m in ids.iter().filter_map(|id| r.model(*id)) {
            n += 1;
            let previous = m.continued_from.and_then(|p| r.model(p));
            let row = mau_01_row(m, name, previous);
            let tick = |on: bool| {
                if on {
                    vec![w::TICK.to_owned()]
                } else {
                    Vec::new()
                }
            };
            let mut cells = vec![stt(n), row.name, row.holder, row.unit];
            cells.extend(row.fields.map(tick));
            cells.extend([
                row.goals,
                row.coordinating,
                row.period,
                row.new_or_continued,
                row.leader,
                row.note,
            ]);
            rows.push(Row::Cells(cells));
        }
    };
    for u in &fig.units {
        group(&u.name, u.own.ids(), &mut rows);
    }
    let unplaced: Vec<ModelId> = fig
        .registered
        .total
        .ids()
        .iter()
        .copied()
        .filter(|id| fig.unplaced.contains(*id))
        .collect();
    group(w::UNKNOWN_UNIT, &unplaced, &mut rows);
    let reg = &fig.registered;
    rows.push(Row::Total(w::list_total(
        reg.total.count(),
        reg.collective.count(),
        reg.individual.count(),
    )));
    Grid {
        head: vec![top, below],
        widths: f.columns.mau_01.clone(),
        centred: vec![0, 4, 5, 6, 7, 10, 11],
        rows,
    }
}

/// Phụ lục 02's table for the given registered models.
#[must_use]
pub fn results_grid(
    r: &YearRecords<'_>,
    fig: &CommuneYear,
    ids: &[ModelId],
    f: &DocumentFormat,
) -> Grid {
    let mut rows = Vec::new();
    for (i, (m, mf)) in ids
        .iter()
        .filter_map(|id| Some((r.model(*id)?, fig.model(*id)?)))
        .enumerate()
    {
        let unit = r
            .unit(m.unit_id)
            .map_or(w::UNKNOWN_UNIT, |u| u.name.as_str());
        let row = result_row(m, unit, mf, r.report_of(m.id));
        rows.push(Row::Cells(vec![
            stt(i + 1),
            row.name,
            row.holder,
            row.field,
            row.targets,
            row.reached,
            row.percent,
            row.resources,
            row.outputs,
            row.assessment,
            row.proposal,
        ]));
    }
    Grid {
        head: vec![heads(&w::PHU_LUC_02_HEADERS)],
        widths: f.columns.phu_luc_02.clone(),
        centred: vec![0, 5, 6],
        rows,
    }
}

/// The coverage table of the commune report: every unit of the commune.
#[must_use]
pub fn coverage_grid(fig: &CommuneYear, f: &DocumentFormat) -> Grid {
    let rows = fig
        .units
        .iter()
        .map(|u| Row::Cells(coverage_row(u).into_iter().map(|c| vec![c]).collect()))
        .collect();
    Grid {
        head: vec![heads(&w::COVERAGE_HEADERS)],
        widths: f.columns.coverage.clone(),
        centred: vec![1, 2, 3, 4, 5, 6],
        rows,
    }
}

/// The recognised models with their honours ticked, and the counts.
#[must_use]
pub fn recognition_grid(r: &YearRecords<'_>, fig: &CommuneYear, f: &DocumentFormat) -> Grid {
    let s = &fig.stages;
    let mut rows: Vec<Row> = s
        .recognised
        .ids()
        .iter()
        .filter_map(|id| r.model(*id))
        .enumerate()
        .map(|(i, m)| {
            let unit = r
                .unit(m.unit_id)
                .map_or(w::UNKNOWN_UNIT, |u| u.name.as_str());
            let mut cells = vec![stt(i + 1)];
            cells.extend(
                recognition_row(m, unit, r.evaluation_of(m.id))
                    .into_iter()
                    .map(|c| if c.is_empty() { Vec::new() } else { vec![c] }),
            );
            Row::Cells(cells)
        })
        .collect();
    rows.push(Row::Total(w::recognition_total(
        s.recognised.count(),
        s.exemplary.count(),
        s.proposed_reward.count(),
        s.replicate.count(),
    )));
    Grid {
        head: vec![heads(&w::RECOGNITION_HEADERS)],
        widths: f.columns.recognition.clone(),
        centred: vec![0, 4, 5, 6, 7],
        rows,
    }
}

/// The lines above a list in a spreadsheet: who issues it, title, date.
fn titles(req: &Request<'_>, summary: &str) -> Vec<String> {
    let r = &req.records;
    let s = &r.commune.documents;
    vec![
        s.issuing_body(r.commune),
        format!("{} {}", w::LIST_TITLE, summary),
        shared::format::date_line(&r.commune.place_name, req.date),
    ]
}

pub fn mau_01_xlsx(req: &Request<'_>) -> Result<Vec<u8>, DocError> {
    let r = &req.records;
    let fig = commune_year(r, req.date);
    let f = &r.commune.documents.format;
    let grid = mau_01_grid(r, &fig, f);
    let titles = titles(req, &w::mau_01_summary(r.campaign.year));
    crate::xlsx::write(f, w::MAU_01_LABEL, &titles, &grid, req.date)
}

pub fn recognition_xlsx(req: &Request<'_>) -> Result<Vec<u8>, DocError> {
    let r = &req.records;
    let fig = commune_year(r, req.date);
    let f = &r.commune.documents.format;
    let grid = recognition_grid(r, &fig, f);
    let titles = titles(req, &w::recognition_summary(r.campaign.year));
    crate::xlsx::write(f, "Công nhận", &titles, &grid, req.date)
}

/// The rows a spreadsheet export of a list must hold (title lines, a
/// blank row, the table), to check a file against its data.
pub fn sheet_rows(req: &Request<'_>, kind: crate::Kind) -> Result<Vec<Vec<String>>, DocError> {
    let r = &req.records;
    let fig = commune_year(r, req.date);
    let f = &r.commune.documents.format;
    let (grid, summary) = match kind {
        crate::Kind::Mau01 => (mau_01_grid(r, &fig, f), w::mau_01_summary(r.campaign.year)),
        crate::Kind::Recognition => (
            recognition_grid(r, &fig, f),
            w::recognition_summary(r.campaign.year),
        ),
        _ => return Err(DocError::Unsupported("spreadsheet")),
    };
    Ok(crate::xlsx::expected_rows(&titles(req, &summary), &grid))
}
