//! Phụ lục 02: one unit's results. The five parts in portrait, then the
//! table of its models in a landscape section with the preparer and the
//! unit's authority signing; then, when its models have photos, the
//! evidence appendix in portrait.
use shared::document::parts::unit_parts;
use shared::document::{Signer, wording as w};
use shared::figures::commune_year;
use shared::ids::UnitId;

use super::pack::Doc;
use super::style::{Look, centred, gap, text_width};
use super::table::draw;
use super::{blocks, evidence};
use crate::lists::results_grid;
use crate::{DocError, Request};

pub fn make(req: &Request<'_>, id: UnitId) -> Result<Vec<u8>, DocError> {
    let r = &req.records;
    let unit = r.unit(id).ok_or(DocError::UnitNotFound)?;
    let fig = commune_year(r, req.date);
    let figures = fig.unit(id).ok_or(DocError::UnitNotFound)?;
    let s = &r.commune.documents;
    let f = &s.format;
    let portrait = text_width(f, false);
    let mut doc = Doc::new(f, false);
    let header = s.unit_header(r.commune, unit, req.number, w::CODE_REPORT, req.date);
    blocks::header(&mut doc, &header, portrait);
    blocks::form_label(&mut doc, w::PHU_LUC_02_LABEL);
    blocks::title(
        &mut doc,
        w::REPORT_TITLE,
        &[&w::phu_luc_02_summary(r.campaign.year)],
    );
    blocks::note(
        &mut doc,
        &w::attached_to(&s.plan_reference, &r.commune.place_name),
    );
    blocks::parts(&mut doc, &unit_parts(r, figures));
    let authority = Signer {
        authority: w::unit_authority(unit.kind).to_owned(),
        post: "BÍ THƯ".to_owned(),
        name: String::new(),
    };
    let left = blocks::recipients_column(
        f,
        &[
            format!("- {},", s.addressee(r.commune)),
            "- Lưu.".to_owned(),
        ],
    );
    let right = blocks::signer_column(f, &authority);
    blocks::signature(&mut doc, left, right, portrait);

    doc.new_part(true);
    let landscape = text_width(f, true);
    doc.add(centred(
        f,
        w::RESULTS_TABLE_TITLE,
        Look::pt(f.title_pt).bold(),
    ));
    doc.add(centred(f, &unit.name, Look::pt(f.body_pt).bold()));
    doc.add(gap(f, f.body_pt));
    let grid = results_grid(r, &fig, figures.stages.registered.ids(), f);
    doc.add_table(draw(f, &grid, landscape));
    let preparer = Signer {
        authority: w::PREPARER.to_owned(),
        post: String::new(),
        name: String::new(),
    };
    blocks::two_signers(&mut doc, &preparer, &authority, landscape);

    let ids = figures.stages.registered.ids();
    let models =
        shared::document::evidence::evidence(r, ids, |p| !req.photos.withheld.contains(&p.sha256));
    evidence::appendix(&mut doc, &models, &unit.name, req.photos);
    doc.finish(req.date)
}
