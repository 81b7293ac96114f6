//! The commune's year-end report: the five parts with the commune's
//! figures and the coverage table by unit, signed and addressed; then the
//! list and the results as an appendix in a landscape section.
use shared::document::parts::commune_parts;
use shared::document::wording as w;
use shared::figures::commune_year;

use super::blocks;
use super::pack::Doc;
use super::style::{Look, body, centred, gap, text_width};
use super::table::draw;
use crate::lists::{coverage_grid, mau_01_grid, results_grid};
use crate::{DocError, Request};

pub fn make(req: &Request<'_>) -> Result<Vec<u8>, DocError> {
    let r = &req.records;
    let fig = commune_year(r, req.date);
    let s = &r.commune.documents;
    let f = &s.format;
    let portrait = text_width(f, false);
    let mut doc = Doc::new(f, false);
    let header = s.header(r.commune, req.number, w::CODE_REPORT, req.date);
    blocks::header(&mut doc, &header, portrait);
    blocks::title(
        &mut doc,
        w::REPORT_TITLE,
        &[&w::report_summary(r.campaign.year)],
    );
    let mut parts = commune_parts(r, &fig);
    // The coverage table closes part I (who registered, who reported when).
    let rest = parts.split_off(1.min(parts.len()));
    blocks::parts(&mut doc, &parts);
    doc.add(
        body(
            f,
            w::COVERAGE_TABLE_TITLE,
            Look::pt(f.body_pt).bold().italic(),
        )
        .keep_next(true),
    );
    doc.add(gap(f, f.table_pt));
    doc.add_table(draw(f, &coverage_grid(&fig, f), portrait));
    blocks::parts(&mut doc, &rest);
    let left = blocks::recipients_column(f, &s.recipient_lines());
    let right = blocks::signer_column(f, &s.signer());
    blocks::signature(&mut doc, left, right, portrait);

    doc.new_part(true);
    let landscape = text_width(f, true);
    doc.add(centred(f, w::APPENDIX_LABEL, Look::pt(f.title_pt).bold()));
    doc.add(centred(f, w::APPENDIX_LIST, Look::pt(f.body_pt).bold()));
    doc.add(gap(f, f.body_pt));
    doc.add_table(draw(f, &mau_01_grid(r, &fig, f), landscape));
    doc.add(gap(f, f.body_pt));
    doc.add(centred(f, w::APPENDIX_RESULTS, Look::pt(f.body_pt).bold()).keep_next(true));
    doc.add(gap(f, f.body_pt));
    let results = results_grid(r, &fig, fig.registered.total.ids(), f);
    doc.add_table(draw(f, &results, landscape));
    doc.finish(req.date)
}
