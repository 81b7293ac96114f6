//! The evidence appendix of phụ lục 02 ("PHỤ LỤC / HÌNH ẢNH MINH CHỨNG"):
//! a portrait part after the results table, each model's photos under
//! its heading and the record they came with, as wide as the text (no
//! taller than [`MAX_HEIGHT_SHARE`] of it), a "Hình n." line under each.
//! What goes in, in which order, with which words is
//! `shared::document::evidence`'s.
use docx_rs::{AlignmentType, Paragraph, Pic, Run};
use shared::document::evidence::{self, Figure, LABEL, ModelEvidence, TITLE};

use super::pack::Doc;
use super::style::{Look, body, centred, gap, line, mm, text_width};
use crate::Photos;

/// EMUs (what drawings are measured in) per twip.
const EMU_PER_TWIP: u32 = 635;
/// The tallest a photo is drawn, as a share of the text height (percent):
/// a portrait photo leaves room for its heading and line on the page.
const MAX_HEIGHT_SHARE: u32 = 60;

/// Appends the appendix as a new portrait part; nothing when `models` is
/// empty.
pub fn appendix(doc: &mut Doc<'_>, models: &[ModelEvidence], unit_name: &str, photos: &Photos) {
    if models.is_empty() {
        return;
    }
    let f = doc.f;
    doc.new_part(false);
    doc.add(centred(f, LABEL, Look::pt(f.body_pt).bold()));
    doc.add(centred(f, TITLE, Look::pt(f.title_pt).bold()));
    doc.add(centred(f, unit_name, Look::pt(f.body_pt).bold()));
    doc.add(gap(f, f.body_pt));
    let width = text_width(f, false);
    let height = mm(f
        .page_width_mm
        .max(f.page_height_mm)
        .saturating_sub(f.margin_top_mm + f.margin_bottom_mm))
    .saturating_mul(MAX_HEIGHT_SHARE)
        / 100;
    for model in models {
        doc.add(body(f, &model.heading, Look::pt(f.body_pt).bold()).keep_next(true));
        for source in &model.sources {
            doc.add(body(f, &source.heading, Look::pt(f.body_pt).italic()).keep_next(true));
            for figure in &source.figures {
                let bytes = photos.files.get(&figure.photo.sha256);
                if let Some(bytes) = bytes {
                    doc.add(picture(figure, bytes, width, height));
                }
                let text = figure.line(bytes.is_some());
                doc.add(line(
                    f,
                    &text,
                    Look::pt(f.table_pt).italic(),
                    AlignmentType::Center,
                ));
                doc.add(gap(f, f.table_pt));
            }
        }
    }
}

/// The photo alone in a centred paragraph, kept with its line. The
/// paragraph's spacing is single (an exact line height would clip it).
fn picture(figure: &Figure, bytes: &[u8], max_w: u32, max_h: u32) -> Paragraph {
    let p = &figure.photo;
    let (w, h) = evidence::fitted(p.width, p.height, max_w, max_h);
    let pic = Pic::new_with_dimensions(bytes.to_vec(), p.width.max(1), p.height.max(1))
        // One relationship id per figure, named by its number.
        .id(format!("rIdImage{}", figure.number))
        .size(
            w.saturating_mul(EMU_PER_TWIP),
            h.saturating_mul(EMU_PER_TWIP),
        );
    Paragraph::new()
        .add_run(Run::new().add_image(pic))
        .align(AlignmentType::Center)
        .keep_next(true)
}
