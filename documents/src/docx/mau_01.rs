//! Mẫu 01: the commune's list of registered models, grouped by unit, with
//! totals; a landscape document.
use shared::document::{Signer, wording as w};
use shared::figures::commune_year;

use super::blocks;
use super::pack::Doc;
use super::style::text_width;
use super::table::draw;
use crate::lists::mau_01_grid;
use crate::{DocError, Request};

pub fn make(req: &Request<'_>) -> Result<Vec<u8>, DocError> {
    let r = &req.records;
    let s = &r.commune.documents;
    let f = &s.format;
    let fig = commune_year(r, req.date);
    let total = text_width(f, true);
    let mut doc = Doc::new(f, true);
    let header = s.header(r.commune, req.number, w::CODE_LIST, req.date);
    blocks::header(&mut doc, &header, total);
    blocks::form_label(&mut doc, w::MAU_01_LABEL);
    blocks::title(
        &mut doc,
        w::LIST_TITLE,
        &[&w::mau_01_summary(r.campaign.year)],
    );
    blocks::note(
        &mut doc,
        &w::attached_to(&s.plan_reference, &r.commune.place_name),
    );
    doc.add(super::style::gap(f, f.body_pt));
    doc.add_table(draw(f, &mau_01_grid(r, &fig, f), total));
    let preparer = Signer {
        authority: w::PREPARER.to_owned(),
        post: String::new(),
        name: String::new(),
    };
    blocks::two_signers(&mut doc, &preparer, &s.signer(), total);
    doc.finish(req.date)
}
