//! The Party blocks every document shares: the two-column header (bodies,
//! number, motto, place and date), the title, and the signature block with
//! the recipients. Borderless tables, as the guide lays them out.
use docx_rs::{AlignmentType, Paragraph, Table, TableCell, TableRow, WidthType};
use shared::document::parts::{Para, Part};
use shared::document::{DocumentFormat, Header, Signer, wording};

use super::pack::Doc;
use super::style::{Look, body, centred, gap, line};

fn column(paragraphs: Vec<Paragraph>, width: u32) -> TableCell {
    paragraphs
        .into_iter()
        .fold(TableCell::new(), TableCell::add_paragraph)
        .width(width as usize, WidthType::Dxa)
}

fn borderless(cells: Vec<TableCell>, widths: &[u32]) -> Table {
    Table::without_borders(vec![TableRow::new(cells).cant_split()])
        .set_grid(widths.iter().map(|&w| w as usize).collect())
        .layout(docx_rs::TableLayoutType::Fixed)
        .width(widths.iter().sum::<u32>() as usize, WidthType::Dxa)
}

/// Scales a pair of widths to the text width.
fn pair(widths: [u32; 2], total: u32) -> [u32; 2] {
    let sum = (widths[0] + widths[1]).max(1);
    let left = u32::try_from(u64::from(widths[0]) * u64::from(total) / u64::from(sum)).unwrap_or(0);
    [left, total.saturating_sub(left)]
}

/// The header block: left the bodies, "*" and the number; right the motto
/// and the place-and-date line.
pub fn header(doc: &mut Doc<'_>, h: &Header, total: u32) {
    let f = doc.f;
    let w = pair(f.header_widths, total);
    let pt = f.header_pt;
    let left = vec![
        centred(f, &h.superior_body, Look::pt(pt)),
        centred(f, &h.issuing_body, Look::pt(pt).bold()),
        centred(f, wording::STAR, Look::pt(pt)),
        centred(f, &h.number, Look::pt(pt)),
    ];
    let right = vec![
        centred(f, wording::MOTTO, Look::pt(f.motto_pt).bold().underline()),
        gap(f, pt),
        centred(f, &h.date_line, Look::pt(pt).italic()),
    ];
    doc.add_plain_table(borderless(
        vec![column(left, w[0]), column(right, w[1])],
        &w,
    ));
}

/// A label above the title at the right ("Mẫu 01"), bold.
pub fn form_label(doc: &mut Doc<'_>, label: &str) {
    let f = doc.f;
    doc.add(line(
        f,
        label,
        Look::pt(f.body_pt).bold(),
        AlignmentType::Right,
    ));
}

/// Title, summary lines and the short rule under them.
pub fn title(doc: &mut Doc<'_>, title: &str, summary: &[&str]) {
    let f = doc.f;
    doc.add(gap(f, f.body_pt));
    doc.add(centred(f, title, Look::pt(f.title_pt).bold()));
    for s in summary {
        doc.add(centred(f, s, Look::pt(f.summary_pt).bold()));
    }
    doc.add(centred(f, "-----", Look::pt(f.summary_pt)));
}

/// An italic centred line under a title ("(Kèm theo Kế hoạch số …)").
pub fn note(doc: &mut Doc<'_>, text: &str) {
    let f = doc.f;
    doc.add(centred(f, text, Look::pt(f.body_pt).italic()));
}

/// Paragraphs of content as body text; a text with line breaks becomes
/// one paragraph per line.
pub fn paras(doc: &mut Doc<'_>, paras: &[Para]) {
    let f = doc.f;
    let pt = f.body_pt;
    for p in paras {
        match p {
            Para::Heading(t) => doc.add(body(f, t, Look::pt(pt).bold()).keep_next(true)),
            Para::Text(t) => {
                doc.add_all(
                    crate::text::lines(t)
                        .iter()
                        .map(|l| body(f, l, Look::pt(pt))),
                );
            }
            Para::Bullet(t) => {
                let lines = crate::text::lines(t);
                doc.add_all(lines.iter().enumerate().map(|(i, l)| {
                    let l = if i == 0 { format!("- {l}") } else { l.clone() };
                    body(f, &l, Look::pt(pt))
                }));
            }
            Para::ToWrite(t) => doc.add(body(f, t, Look::pt(pt).italic())),
        }
    }
}

/// The five parts of a report as body text.
pub fn parts(doc: &mut Doc<'_>, parts: &[Part]) {
    let f = doc.f;
    for part in parts {
        doc.add(body(f, part.heading, Look::pt(f.body_pt).bold()).keep_next(true));
        paras(doc, &part.paras);
    }
}

/// The signer's column: authority, post, room to sign, name. The name may
/// be blank (written by hand).
pub fn signer_column(f: &DocumentFormat, s: &Signer) -> Vec<Paragraph> {
    let pt = f.body_pt;
    let mut out = vec![centred(f, &s.authority, Look::pt(pt).bold())];
    if !s.post.is_empty() {
        out.push(centred(f, &s.post, Look::pt(pt).bold()));
    }
    out.extend((0..4).map(|_| gap(f, pt)));
    out.push(centred(f, &s.name, Look::pt(pt).bold()));
    out
}

/// The recipients' column: "Nơi nhận:" and one line each.
pub fn recipients_column(f: &DocumentFormat, lines: &[String]) -> Vec<Paragraph> {
    let mut out = vec![line(
        f,
        wording::RECIPIENTS,
        Look::pt(f.body_pt).bold().italic(),
        AlignmentType::Left,
    )];
    out.extend(
        lines
            .iter()
            .map(|l| line(f, l, Look::pt(f.recipients_pt), AlignmentType::Left)),
    );
    out
}

/// The signature block; one row that cannot split, so the name stays on
/// the authority's page.
pub fn signature(doc: &mut Doc<'_>, left: Vec<Paragraph>, right: Vec<Paragraph>, total: u32) {
    let f = doc.f;
    let w = pair(f.signature_widths, total);
    doc.add(gap(f, f.body_pt));
    doc.add_plain_table(borderless(
        vec![column(left, w[0]), column(right, w[1])],
        &w,
    ));
}

/// Two signers side by side ("NGƯỜI LẬP BIỂU" and the authority).
pub fn two_signers(doc: &mut Doc<'_>, left: &Signer, right: &Signer, total: u32) {
    let f = doc.f;
    let l = signer_column(f, left);
    let r = signer_column(f, right);
    signature(doc, l, r, total);
}
