//! The recognition list: models recognised, with tiêu biểu, proposed for
//! awards and for replication ticked; signed and addressed.
use shared::document::wording as w;
use shared::figures::commune_year;

use super::blocks;
use super::pack::Doc;
use super::style::{gap, text_width};
use super::table::draw;
use crate::lists::recognition_grid;
use crate::{DocError, Request};

pub fn make(req: &Request<'_>) -> Result<Vec<u8>, DocError> {
    let r = &req.records;
    let fig = commune_year(r, req.date);
    let s = &r.commune.documents;
    let f = &s.format;
    let total = text_width(f, false);
    let mut doc = Doc::new(f, false);
    let header = s.header(r.commune, req.number, w::CODE_LIST, req.date);
    blocks::header(&mut doc, &header, total);
    blocks::title(
        &mut doc,
        w::LIST_TITLE,
        &[&w::recognition_summary(r.campaign.year)],
    );
    doc.add(gap(f, f.body_pt));
    doc.add_table(draw(f, &recognition_grid(r, &fig, f), total));
    let left = blocks::recipients_column(f, &s.recipient_lines());
    let right = blocks::signer_column(f, &s.signer());
    blocks::signature(&mut doc, left, right, total);
    doc.finish(req.date)
}
