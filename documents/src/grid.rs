//! A table as both formats lay it out: header rows (with merged cells),
//! group rows, data rows and a totals row. The .docx and the .xlsx of a
//! list are drawn from the same grid, so they say the same thing.

/// A header cell: its text, how many columns it spans, and whether it
/// spans both header rows (only in a two-row header).
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Head {
    pub text: String,
    pub span: usize,
    pub tall: bool,
    /// Written bottom to top (narrow tick columns).
    pub vertical: bool,
}

impl Head {
    #[must_use]
    pub fn one(text: &str) -> Self {
        Self {
            text: text.to_owned(),
            span: 1,
            tall: false,
            vertical: false,
        }
    }
}

/// A body row.
#[derive(Debug, Clone, PartialEq, Eq)]
pub enum Row {
    /// A bold row across the table (a unit's name in a list).
    Group(String),
    /// One cell per column; a cell is a list of lines.
    Cells(Vec<Vec<String>>),
    /// The bold totals row across the table.
    Total(String),
}

#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Grid {
    /// One or two header rows. In a two-row header, the second row holds
    /// only the cells under the first row's spanning cells.
    pub head: Vec<Vec<Head>>,
    /// Relative widths, one per column.
    pub widths: Vec<u32>,
    /// Columns whose body text is centred (numbers, ticks).
    pub centred: Vec<usize>,
    pub rows: Vec<Row>,
}

impl Grid {
    #[must_use]
    pub fn columns(&self) -> usize {
        self.widths.len()
    }

    /// The widths scaled to `total` twips (the settings give proportions;
    /// a wrong count falls back to equal columns).
    #[must_use]
    pub fn scaled(&self, total: u32, columns: usize) -> Vec<u32> {
        let columns = columns.max(1);
        let ws: Vec<u32> = if self.widths.len() == columns && self.widths.iter().all(|&w| w > 0) {
            self.widths.clone()
        } else {
            vec![1; columns]
        };
        let sum: u64 = ws.iter().map(|&w| u64::from(w)).sum();
        ws.iter()
            .map(|&w| u32::try_from(u64::from(w) * u64::from(total) / sum.max(1)).unwrap_or(0))
            .collect()
    }

    /// The rows as a spreadsheet holds them, for checking an export:
    /// merged cells carry their text in the first cell only; lines of a
    /// cell are joined with a line break.
    #[must_use]
    pub fn text_rows(&self) -> Vec<Vec<String>> {
        let n = self.columns();
        let mut out = Vec::new();
        for (r, head) in self.head.iter().enumerate() {
            let mut row = Vec::with_capacity(n);
            if r == 0 {
                for h in head {
                    row.push(h.text.clone());
                    row.extend(std::iter::repeat_n(String::new(), h.span.saturating_sub(1)));
                }
            } else {
                let mut below = head.iter();
                for h in &self.head[0] {
                    if h.span > 1 {
                        row.extend(below.by_ref().take(h.span).map(|b| b.text.clone()));
                    } else {
                        row.push(String::new());
                    }
                }
            }
            row.resize(n, String::new());
            out.push(row);
        }
        for row in &self.rows {
            let mut cells = match row {
                Row::Group(t) | Row::Total(t) => vec![t.clone()],
                Row::Cells(cells) => cells.iter().map(|c| c.join("\n")).collect(),
            };
            cells.resize(n, String::new());
            out.push(cells);
        }
        out
    }
}
