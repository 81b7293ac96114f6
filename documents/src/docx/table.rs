//! A [`Grid`] as a Word table: single thin borders, bold centred header
//! rows that repeat on every page (marked for [`super::pack`]), group and
//! totals rows across the table.
use docx_rs::{
    AlignmentType, HeightRule, Table, TableCell, TableLayoutType, TableRow, TextDirectionType,
    VAlignType, VMergeType, WidthType,
};
use shared::document::DocumentFormat;

use super::style::{Look, line};
use crate::grid::{Grid, Row};

/// Height of a header row with rotated text, in twips (about 4 cm).
const VERTICAL_HEAD: f32 = 2_200.0;

/// The table and how many header rows it has.
pub struct Drawn {
    pub table: Table,
    pub header_rows: usize,
}

fn cell(f: &DocumentFormat, lines: &[String], look: Look, align: AlignmentType) -> TableCell {
    let mut c = TableCell::new().vertical_align(VAlignType::Center);
    let lines: Vec<String> = lines.iter().flat_map(|l| crate::text::lines(l)).collect();
    if lines.is_empty() {
        return c.add_paragraph(line(f, "", look, align));
    }
    for l in &lines {
        c = c.add_paragraph(line(f, l, look, align));
    }
    c
}

fn head_rows(f: &DocumentFormat, grid: &Grid, widths: &[u32]) -> Vec<TableRow> {
    let look = Look::pt(f.table_pt).bold();
    let two = grid.head.len() > 1;
    let mut rows = Vec::new();
    let mut col = 0;
    let mut top = Vec::new();
    for h in grid.head.first().into_iter().flatten() {
        let w: u32 = widths.iter().skip(col).take(h.span).sum();
        col += h.span;
        let mut c = cell(
            f,
            std::slice::from_ref(&h.text),
            look,
            AlignmentType::Center,
        )
        .width(w as usize, WidthType::Dxa)
        .grid_span(h.span);
        if two && h.span == 1 {
            c = c.vertical_merge(VMergeType::Restart);
        }
        top.push(c);
    }
    rows.push(TableRow::new(top).cant_split());
    if two {
        let mut below = grid.head[1].iter();
        let mut second = Vec::new();
        let mut col = 0;
        for h in &grid.head[0] {
            if h.span > 1 {
                for b in below.by_ref().take(h.span) {
                    let w = widths.get(col).copied().unwrap_or(0);
                    col += 1;
                    let mut c = cell(
                        f,
                        std::slice::from_ref(&b.text),
                        look,
                        AlignmentType::Center,
                    )
                    .width(w as usize, WidthType::Dxa);
                    if b.vertical {
                        c = c.text_direction(TextDirectionType::BtLr);
                    }
                    second.push(c);
                }
            } else {
                let w = widths.get(col).copied().unwrap_or(0);
                col += 1;
                second.push(
                    TableCell::new()
                        .vertical_merge(VMergeType::Continue)
                        .width(w as usize, WidthType::Dxa)
                        .add_paragraph(line(f, "", look, AlignmentType::Center)),
                );
            }
        }
        let mut row = TableRow::new(second).cant_split();
        if grid.head[1].iter().any(|h| h.vertical) {
            // Rotated text does not grow its row: leave room for it.
            row = row
                .row_height(VERTICAL_HEAD)
                .height_rule(HeightRule::AtLeast);
        }
        rows.push(row);
    }
    rows
}

fn across(f: &DocumentFormat, text: &str, total: u32, columns: usize) -> TableRow {
    let look = Look::pt(f.table_pt).bold();
    TableRow::new(vec![
        cell(f, &[text.to_owned()], look, AlignmentType::Left)
            .width(total as usize, WidthType::Dxa)
            .grid_span(columns),
    ])
}

/// Draws `grid` across `total` twips.
#[must_use]
pub fn draw(f: &DocumentFormat, grid: &Grid, total: u32) -> Drawn {
    let columns = grid.columns().max(1);
    let widths = grid.scaled(total, columns);
    let mut rows = head_rows(f, grid, &widths);
    let header_rows = rows.len();
    let look = Look::pt(f.table_pt);
    for row in &grid.rows {
        rows.push(match row {
            Row::Group(t) | Row::Total(t) => across(f, t, total, columns),
            Row::Cells(cells) => TableRow::new(
                (0..columns)
                    .map(|i| {
                        let align = if grid.centred.contains(&i) {
                            AlignmentType::Center
                        } else {
                            AlignmentType::Left
                        };
                        let lines = cells.get(i).map(Vec::as_slice).unwrap_or(&[]);
                        cell(f, lines, look, align)
                            .width(widths.get(i).copied().unwrap_or(0) as usize, WidthType::Dxa)
                    })
                    .collect(),
            )
            // A row stays on one page (a name is never cut in two); a row
            // taller than a page is still split by the word processor.
            .cant_split(),
        });
    }
    let table = Table::new(rows)
        .set_grid(widths.iter().map(|&w| w as usize).collect())
        .layout(TableLayoutType::Fixed)
        .width(total as usize, WidthType::Dxa);
    Drawn { table, header_rows }
}
