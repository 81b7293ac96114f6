//! Mẫu 04: one model's registration, under its unit's header.
use shared::document::registration::{
    INDICATOR_HEADERS, indicator_rows, intro, items_after_indicators, items_before_indicators,
};
use shared::document::{Signer, wording as w};
use shared::ids::ModelId;

use super::blocks;
use super::pack::Doc;
use super::style::{Look, centred, text_width};
use super::table::draw;
use crate::grid::{Grid, Head, Row};
use crate::{DocError, Request};

pub fn make(req: &Request<'_>, id: ModelId) -> Result<Vec<u8>, DocError> {
    let r = &req.records;
    let model = r.model(id).ok_or(DocError::ModelNotFound)?;
    let unit = r.unit(model.unit_id).ok_or(DocError::UnitNotFound)?;
    let s = &r.commune.documents;
    let f = &s.format;
    let total = text_width(f, false);
    let mut doc = Doc::new(f, false);
    let header = s.unit_header(r.commune, unit, req.number, w::CODE_REGISTRATION, req.date);
    blocks::header(&mut doc, &header, total);
    blocks::form_label(&mut doc, w::MAU_04_LABEL);
    blocks::title(
        &mut doc,
        w::REGISTRATION_TITLE,
        &[&w::mau_04_summary(r.campaign.year)],
    );
    doc.add(centred(
        f,
        &format!("{} {}", w::TO, s.addressee(r.commune)),
        Look::pt(f.body_pt),
    ));
    let previous = model.continued_from.and_then(|p| r.model(p));
    let mut paras = intro(model, &unit.name, previous);
    paras.extend(items_before_indicators(model));
    blocks::paras(&mut doc, &paras);
    let grid = Grid {
        head: vec![INDICATOR_HEADERS.iter().map(|t| Head::one(t)).collect()],
        widths: vec![500, 3900, 1400, 1800, 1700],
        centred: vec![0, 2, 3, 4],
        rows: indicator_rows(model)
            .into_iter()
            .enumerate()
            .map(|(i, cells)| {
                let mut row = vec![vec![(i + 1).to_string()]];
                row.extend(cells.into_iter().map(|c| vec![c]));
                Row::Cells(row)
            })
            .collect(),
    };
    doc.add_table(draw(f, &grid, total));
    blocks::paras(&mut doc, &items_after_indicators(model));
    let confirm = Signer {
        authority: w::UNIT_CONFIRMATION.to_owned(),
        post: w::SIGN_SEAL_HINT.to_owned(),
        name: String::new(),
    };
    let registrant = Signer {
        authority: w::REGISTRANT.to_owned(),
        post: w::SIGN_HINT.to_owned(),
        name: model.registrant.trim().to_owned(),
    };
    blocks::two_signers(&mut doc, &confirm, &registrant, total);
    doc.finish(req.date)
}
