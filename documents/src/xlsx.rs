//! A list as a spreadsheet: title lines, then the grid with its header
//! rows repeated on every printed page; A4 landscape, one page wide.
use chrono::{Datelike, NaiveDate};
use rust_xlsxwriter::{
    DocProperties, ExcelDateTime, Format, FormatAlign, FormatBorder, Workbook, Worksheet,
};
use shared::document::DocumentFormat;

use crate::DocError;
use crate::grid::{Grid, Row};
use crate::text::clean;

/// Excel's paper code for A4.
const A4: u8 = 9;

fn base(f: &DocumentFormat, pt: u32) -> Format {
    Format::new()
        .set_font_name(clean(&f.font))
        .set_font_size(f64::from(pt))
        .set_text_wrap()
        .set_align(FormatAlign::VerticalCenter)
}

fn col(i: usize) -> Result<u16, DocError> {
    u16::try_from(i).map_err(|_| DocError::Unsupported("so many columns"))
}

fn row_no(i: usize) -> Result<u32, DocError> {
    u32::try_from(i).map_err(|_| DocError::Unsupported("so many rows"))
}

/// Writes `text` across columns `first..=last` of `row` (one cell: no merge).
fn across(
    ws: &mut Worksheet,
    rows: (usize, usize),
    cols: (usize, usize),
    text: &str,
    format: &Format,
) -> Result<(), DocError> {
    let text = clean(text);
    if rows.0 == rows.1 && cols.0 == cols.1 {
        ws.write_string_with_format(row_no(rows.0)?, col(cols.0)?, text, format)?;
    } else {
        ws.merge_range(
            row_no(rows.0)?,
            col(cols.0)?,
            row_no(rows.1)?,
            col(cols.1)?,
            &text,
            format,
        )?;
    }
    Ok(())
}

fn page_setup(
    ws: &mut Worksheet,
    f: &DocumentFormat,
    first_head: usize,
    heads: usize,
) -> Result<(), DocError> {
    let inch = |mm: u32| f64::from(mm) / 25.4;
    ws.set_paper_size(A4)
        .set_landscape()
        .set_margins(
            inch(f.margin_left_mm),
            inch(f.margin_right_mm),
            inch(f.margin_top_mm),
            inch(f.margin_bottom_mm),
            inch(f.margin_top_mm) / 2.0,
            inch(f.margin_bottom_mm) / 2.0,
        )
        .set_print_fit_to_pages(1, 0)
        .set_footer(format!("&C&\"{},Regular\"&P/&N", clean(&f.font)));
    if heads > 0 {
        ws.set_repeat_rows(row_no(first_head)?, row_no(first_head + heads - 1)?)?;
    }
    Ok(())
}

fn head(ws: &mut Worksheet, grid: &Grid, at: usize, format: &Format) -> Result<(), DocError> {
    let two = grid.head.len() > 1;
    let mut c = 0;
    let mut below = grid.head.get(1).map(|b| b.iter());
    for h in grid.head.first().into_iter().flatten() {
        let last_row = if two && h.span == 1 { at + 1 } else { at };
        across(
            ws,
            (at, last_row),
            (c, c + h.span.max(1) - 1),
            &h.text,
            format,
        )?;
        if two && h.span > 1 {
            for (k, b) in below.iter_mut().flatten().take(h.span).enumerate() {
                let turned = format.clone().set_rotation(90);
                let f = if b.vertical { &turned } else { format };
                across(ws, (at + 1, at + 1), (c + k, c + k), &b.text, f)?;
            }
        }
        c += h.span.max(1);
    }
    Ok(())
}

/// The workbook's bytes. `titles` go above the table, one merged row each.
pub fn write(
    f: &DocumentFormat,
    sheet: &str,
    titles: &[String],
    grid: &Grid,
    date: NaiveDate,
) -> Result<Vec<u8>, DocError> {
    let mut wb = Workbook::new();
    let created = ExcelDateTime::from_ymd(
        u16::try_from(date.year()).unwrap_or(2000),
        u8::try_from(date.month()).unwrap_or(1),
        u8::try_from(date.day()).unwrap_or(1),
    )?;
    wb.set_properties(&DocProperties::new().set_creation_datetime(&created));
    let ws = wb.add_worksheet();
    ws.set_name(clean(sheet))?;
    let n = grid.columns().max(1);
    let title = base(f, f.table_pt + 1)
        .set_bold()
        .set_align(FormatAlign::Center);
    let head_format = base(f, f.table_pt)
        .set_bold()
        .set_align(FormatAlign::Center)
        .set_border(FormatBorder::Thin);
    let body = base(f, f.table_pt).set_border(FormatBorder::Thin);
    let centred = body.clone().set_align(FormatAlign::Center);
    let bold = body.clone().set_bold();
    for (i, t) in titles.iter().enumerate() {
        across(ws, (i, i), (0, n - 1), t, &title)?;
    }
    let first_head = titles.len() + 1;
    head(ws, grid, first_head, &head_format)?;
    for (at, row) in (first_head + grid.head.len()..).zip(&grid.rows) {
        match row {
            Row::Group(t) | Row::Total(t) => across(ws, (at, at), (0, n - 1), t, &bold)?,
            Row::Cells(cells) => {
                for (i, c) in cells.iter().enumerate().take(n) {
                    let format = if grid.centred.contains(&i) {
                        &centred
                    } else {
                        &body
                    };
                    across(ws, (at, at), (i, i), &c.join("\n"), format)?;
                }
            }
        }
    }
    for (i, w) in grid.scaled(14_000, n).iter().enumerate() {
        ws.set_column_width(col(i)?, f64::from(*w) / 105.0)?;
    }
    page_setup(ws, f, first_head, grid.head.len())?;
    Ok(wb.save_to_buffer()?)
}

/// The sheet's rows as a reader (or a CSV export) sees them: the titles,
/// a blank row, then the grid.
#[must_use]
pub fn expected_rows(titles: &[String], grid: &Grid) -> Vec<Vec<String>> {
    let n = grid.columns().max(1);
    let mut out: Vec<Vec<String>> = titles
        .iter()
        .map(|t| {
            let mut row = vec![clean(t)];
            row.resize(n, String::new());
            row
        })
        .collect();
    out.push(vec![String::new(); n]);
    out.extend(
        grid.text_rows()
            .into_iter()
            .map(|r| r.iter().map(|c| clean(c)).collect()),
    );
    out
}
