//! The presentation numbers of Party documents (HD 36-HD/VPTW, appendix 3)
//! as data: the rules were revised in 2026 and not every number was found
//! verbatim, so a commune's admin can correct one without a new build.
use serde::{Deserialize, Serialize};

use crate::messages;
use crate::validate::{Checker, ErrorCode, Errors};

use super::wording;

/// Where page numbers go. None on page 1 in every case.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash, Default, Serialize, Deserialize)]
#[serde(rename_all = "snake_case")]
pub enum PageNumberPosition {
    /// The common choice; the guide's position was not verified.
    #[default]
    TopCenter,
    BottomCenter,
    BottomRight,
    Hidden,
}

/// Column widths of each table, in twips (1/1440 inch). A document scales
/// them to the text width, so only their proportions must be right.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
#[serde(default)]
pub struct ColumnWidths {
    pub mau_01: Vec<u32>,
    pub phu_luc_02: Vec<u32>,
    pub coverage: Vec<u32>,
    pub recognition: Vec<u32>,
}

impl Default for ColumnWidths {
    fn default() -> Self {
        Self {
            // STT, name, holder, unit, 4 fields, goals, forces, time, new/continued, leader, note.
            mau_01: vec![
                500, 2100, 1600, 1500, 450, 450, 450, 450, 2100, 1600, 1700, 1000, 1400, 1300,
            ],
            // STT, name, holder, field, target, reached, %, resources, outputs, self-assessment, proposal.
            phu_luc_02: vec![
                500, 2200, 1400, 1200, 1500, 1100, 800, 1600, 1800, 1200, 1600,
            ],
            // unit, target, registered, running, recognised, tiêu biểu, awards, report.
            coverage: vec![3200, 800, 900, 900, 900, 800, 900, 1500],
            // STT, name, unit, field, decision, tiêu biểu, awards, replication.
            recognition: vec![500, 3000, 2200, 1600, 1000, 800, 900, 900],
        }
    }
}

/// Page, type and layout numbers. Lengths in millimetres, sizes in points,
/// table and block widths in twips.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
#[serde(default)]
pub struct DocumentFormat {
    pub page_width_mm: u32,
    pub page_height_mm: u32,
    pub margin_top_mm: u32,
    pub margin_bottom_mm: u32,
    pub margin_left_mm: u32,
    pub margin_right_mm: u32,
    /// The font the document names (a Times-compatible stand-in renders it).
    pub font: String,
    /// Header bodies (superior, issuing) and the number line.
    pub header_pt: u32,
    /// "ĐẢNG CỘNG SẢN VIỆT NAM".
    pub motto_pt: u32,
    pub title_pt: u32,
    pub summary_pt: u32,
    pub body_pt: u32,
    pub table_pt: u32,
    pub recipients_pt: u32,
    pub page_number_pt: u32,
    /// Exact line spacing of body text.
    pub line_spacing_pt: u32,
    pub space_before_pt: u32,
    pub first_line_indent_mm: u32,
    /// The two columns of the header block.
    pub header_widths: [u32; 2],
    /// The two columns of the signature block.
    pub signature_widths: [u32; 2],
    pub page_number: PageNumberPosition,
    pub columns: ColumnWidths,
}

impl Default for DocumentFormat {
    fn default() -> Self {
        Self {
            page_width_mm: 210,
            page_height_mm: 297,
            margin_top_mm: 20,
            margin_bottom_mm: 20,
            margin_left_mm: 30,
            margin_right_mm: 15,
            font: "Times New Roman".to_owned(),
            header_pt: 14,
            motto_pt: 15,
            title_pt: 15,
            summary_pt: 14,
            body_pt: 14,
            table_pt: 12,
            recipients_pt: 12,
            page_number_pt: 14,
            line_spacing_pt: 18,
            space_before_pt: 6,
            first_line_indent_mm: 10,
            header_widths: [4000, 5355],
            signature_widths: [4400, 4955],
            page_number: PageNumberPosition::TopCenter,
            columns: ColumnWidths::default(),
        }
    }
}

fn within(c: &mut Checker, field: &str, value: u32, min: u32, max: u32) {
    if !(min..=max).contains(&value) {
        c.push(field, ErrorCode::OutsideRange, messages::between(min, max));
    }
}

fn widths(c: &mut Checker, field: &str, values: &[u32], columns: usize) {
    if values.len() != columns {
        c.push(
            field,
            ErrorCode::Inconsistent,
            messages::column_count(columns),
        );
    }
    for (i, &w) in values.iter().enumerate() {
        within(c, &format!("{field}[{i}]"), w, 200, 10_000);
    }
}

impl DocumentFormat {
    /// Plausible numbers: a page between A5 and A3, margins 5-60 mm, type
    /// 8-30 pt, one width per column of each table.
    #[must_use]
    pub fn validate(&self) -> Errors {
        let mut c = Checker::new();
        within(&mut c, "page_width_mm", self.page_width_mm, 148, 420);
        within(&mut c, "page_height_mm", self.page_height_mm, 148, 420);
        for (field, v) in [
            ("margin_top_mm", self.margin_top_mm),
            ("margin_bottom_mm", self.margin_bottom_mm),
            ("margin_left_mm", self.margin_left_mm),
            ("margin_right_mm", self.margin_right_mm),
        ] {
            within(&mut c, field, v, 5, 60);
        }
        for (field, v) in [
            ("header_pt", self.header_pt),
            ("motto_pt", self.motto_pt),
            ("title_pt", self.title_pt),
            ("summary_pt", self.summary_pt),
            ("body_pt", self.body_pt),
            ("table_pt", self.table_pt),
            ("recipients_pt", self.recipients_pt),
            ("page_number_pt", self.page_number_pt),
        ] {
            within(&mut c, field, v, 8, 30);
        }
        within(&mut c, "line_spacing_pt", self.line_spacing_pt, 8, 60);
        within(&mut c, "space_before_pt", self.space_before_pt, 0, 48);
        within(
            &mut c,
            "first_line_indent_mm",
            self.first_line_indent_mm,
            0,
            40,
        );
        c.required("font", &self.font, "tên phông chữ");
        c.name("font", &self.font);
        for (name, pair) in [
            ("header_widths", self.header_widths),
            ("signature_widths", self.signature_widths),
        ] {
            for (i, w) in pair.into_iter().enumerate() {
                within(&mut c, &format!("{name}[{i}]"), w, 500, 10_000);
            }
        }
        let cols = &self.columns;
        widths(
            &mut c,
            "columns.mau_01",
            &cols.mau_01,
            wording::MAU_01_COLUMNS,
        );
        widths(
            &mut c,
            "columns.phu_luc_02",
            &cols.phu_luc_02,
            wording::PHU_LUC_02_HEADERS.len(),
        );
        widths(
            &mut c,
            "columns.coverage",
            &cols.coverage,
            wording::COVERAGE_HEADERS.len(),
        );
        widths(
            &mut c,
            "columns.recognition",
            &cols.recognition,
            wording::RECOGNITION_HEADERS.len(),
        );
        c.finish()
    }

    /// Landscape: the same page turned.
    #[must_use]
    pub fn landscape(&self) -> (u32, u32) {
        (
            self.page_width_mm.max(self.page_height_mm),
            self.page_width_mm.min(self.page_height_mm),
        )
    }
}
