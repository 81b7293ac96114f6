//! Units and the paragraph and run shapes every document uses, from the
//! commune's [`DocumentFormat`] numbers.
use docx_rs::{
    AlignmentType, LineSpacing, LineSpacingType, PageMargin, Paragraph, Run, RunFonts,
    SpecialIndentType,
};
use shared::document::DocumentFormat;

use crate::text::clean;

/// Twips (1/1440 inch) in a millimetre length.
#[must_use]
pub fn mm(v: u32) -> u32 {
    (f64::from(v) * 1440.0 / 25.4).round() as u32
}

/// Word sizes are in half-points.
#[must_use]
pub fn half_points(pt: u32) -> usize {
    usize::try_from(pt.saturating_mul(2)).unwrap_or(28)
}

fn twips_i32(v: u32) -> i32 {
    i32::try_from(v).unwrap_or(i32::MAX)
}

/// The page's margins; the header and footer sit halfway into the top and
/// bottom margins.
#[must_use]
pub fn margins(f: &DocumentFormat) -> PageMargin {
    PageMargin::new()
        .top(twips_i32(mm(f.margin_top_mm)))
        .bottom(twips_i32(mm(f.margin_bottom_mm)))
        .left(twips_i32(mm(f.margin_left_mm)))
        .right(twips_i32(mm(f.margin_right_mm)))
        .header(twips_i32(mm(f.margin_top_mm) / 2))
        .footer(twips_i32(mm(f.margin_bottom_mm) / 2))
        .gutter(0)
}

/// The text width in twips, portrait or landscape.
#[must_use]
pub fn text_width(f: &DocumentFormat, landscape: bool) -> u32 {
    let width = if landscape {
        f.landscape().0
    } else {
        f.page_width_mm.min(f.page_height_mm)
    };
    mm(width.saturating_sub(f.margin_left_mm + f.margin_right_mm)).max(1_000)
}

#[must_use]
pub fn fonts(f: &DocumentFormat) -> RunFonts {
    let name = clean(&f.font);
    RunFonts::new()
        .ascii(name.clone())
        .hi_ansi(name.clone())
        .cs(name.clone())
        .east_asia(name)
}

/// How a run looks.
#[derive(Debug, Clone, Copy, Default)]
pub struct Look {
    pub pt: u32,
    pub bold: bool,
    pub italic: bool,
    pub underline: bool,
}

impl Look {
    #[must_use]
    pub fn pt(pt: u32) -> Self {
        Self {
            pt,
            ..Self::default()
        }
    }

    #[must_use]
    pub fn bold(mut self) -> Self {
        self.bold = true;
        self
    }

    #[must_use]
    pub fn italic(mut self) -> Self {
        self.italic = true;
        self
    }

    #[must_use]
    pub fn underline(mut self) -> Self {
        self.underline = true;
        self
    }
}

/// A run of cleaned text in the document font.
#[must_use]
pub fn run(f: &DocumentFormat, text: &str, look: Look) -> Run {
    let mut r = Run::new()
        .add_text(clean(text))
        .fonts(fonts(f))
        .size(half_points(look.pt));
    if look.bold {
        r = r.bold();
    }
    if look.italic {
        r = r.italic();
    }
    if look.underline {
        r = r.underline("single");
    }
    r
}

/// A single-spaced line (headers, tables, signatures).
#[must_use]
pub fn line(f: &DocumentFormat, text: &str, look: Look, align: AlignmentType) -> Paragraph {
    Paragraph::new()
        .add_run(run(f, text, look))
        .align(align)
        .size(half_points(look.pt))
        .fonts(fonts(f))
        .line_spacing(LineSpacing::new().before(0).after(0))
}

/// A centred line.
#[must_use]
pub fn centred(f: &DocumentFormat, text: &str, look: Look) -> Paragraph {
    line(f, text, look, AlignmentType::Center)
}

/// An empty line of the given size (space in signature blocks).
#[must_use]
pub fn gap(f: &DocumentFormat, pt: u32) -> Paragraph {
    line(f, "", Look::pt(pt), AlignmentType::Left)
}

/// A body paragraph: justified, first-line indent, space before, exact
/// line spacing.
#[must_use]
pub fn body(f: &DocumentFormat, text: &str, look: Look) -> Paragraph {
    let spacing = LineSpacing::new()
        .before(f.space_before_pt.saturating_mul(20))
        .after(0)
        .line(twips_i32(f.line_spacing_pt.saturating_mul(20)))
        .line_rule(LineSpacingType::Exact);
    Paragraph::new()
        .add_run(run(f, text, look))
        .align(AlignmentType::Both)
        .size(half_points(look.pt))
        .fonts(fonts(f))
        .indent(
            None,
            Some(SpecialIndentType::FirstLine(twips_i32(mm(
                f.first_line_indent_mm
            )))),
            None,
            None,
        )
        .line_spacing(spacing)
}
