//! A document in parts (portrait or landscape), with page numbers from
//! page 2, packed into a .docx whose entries are compressed.
//!
//! Two things docx-rs does not do are done here on the packed XML: the
//! header rows of a table repeat on every page (`w:tblHeader`), and the
//! zip entries are deflated (docx-rs stores them, ~10× the size).
use std::io::{Cursor, Read, Write};

use chrono::NaiveDate;
use docx_rs::{
    AlignmentType, Docx, Footer, Header, PageNum, PageOrientationType, PageSize, Paragraph,
    Section, Table,
};
use shared::document::{DocumentFormat, PageNumberPosition};
use zip::write::SimpleFileOptions;

use super::style::{fonts, gap, half_points, margins, mm};
use super::table::Drawn;
use crate::DocError;

enum Block {
    Paragraph(Box<Paragraph>),
    Table(Box<Table>),
}

struct Part {
    landscape: bool,
    blocks: Vec<Block>,
}

/// A document being built.
pub struct Doc<'a> {
    pub f: &'a DocumentFormat,
    done: Vec<Part>,
    current: Part,
    /// Header rows of each table, in document order.
    header_rows: Vec<usize>,
}

impl<'a> Doc<'a> {
    #[must_use]
    pub fn new(f: &'a DocumentFormat, landscape: bool) -> Self {
        Self {
            f,
            done: Vec::new(),
            current: Part {
                landscape,
                blocks: Vec::new(),
            },
            header_rows: Vec::new(),
        }
    }

    pub fn add(&mut self, p: Paragraph) {
        self.current.blocks.push(Block::Paragraph(Box::new(p)));
    }

    pub fn add_all(&mut self, ps: impl IntoIterator<Item = Paragraph>) {
        for p in ps {
            self.add(p);
        }
    }

    /// A table with no repeated header (layout blocks).
    pub fn add_plain_table(&mut self, t: Table) {
        self.header_rows.push(0);
        self.current.blocks.push(Block::Table(Box::new(t)));
    }

    pub fn add_table(&mut self, d: Drawn) {
        self.header_rows.push(d.header_rows);
        self.current.blocks.push(Block::Table(Box::new(d.table)));
    }

    /// Starts a new part on a new page.
    pub fn new_part(&mut self, landscape: bool) {
        let next = Part {
            landscape,
            blocks: Vec::new(),
        };
        self.done.push(std::mem::replace(&mut self.current, next));
    }

    /// Width and height in twips, and the orientation.
    fn page(&self, landscape: bool) -> (u32, u32, PageOrientationType) {
        let (long, short) = self.f.landscape();
        if landscape {
            (mm(long), mm(short), PageOrientationType::Landscape)
        } else {
            (mm(short), mm(long), PageOrientationType::Portrait)
        }
    }

    fn number_paragraph(&self, align: AlignmentType) -> Paragraph {
        Paragraph::new()
            .add_page_num(PageNum::new())
            .align(align)
            .size(half_points(self.f.page_number_pt))
            .fonts(fonts(self.f))
    }

    /// The header or footer with the page number, per the settings.
    fn numbers(&self) -> (Option<Header>, Option<Footer>) {
        match self.f.page_number {
            PageNumberPosition::TopCenter => (
                Some(Header::new().add_paragraph(self.number_paragraph(AlignmentType::Center))),
                None,
            ),
            PageNumberPosition::BottomCenter => (
                None,
                Some(Footer::new().add_paragraph(self.number_paragraph(AlignmentType::Center))),
            ),
            PageNumberPosition::BottomRight => (
                None,
                Some(Footer::new().add_paragraph(self.number_paragraph(AlignmentType::Right))),
            ),
            PageNumberPosition::Hidden => (None, None),
        }
    }

    /// A part before the last, as a section of its own.
    fn section(&self, part: Part, first: bool) -> Section {
        let (w, h, orient) = self.page(part.landscape);
        let mut s = Section::new()
            .page_size(PageSize::new().size(w, h).orient(orient))
            .page_margin(margins(self.f));
        if first {
            // docx-rs keeps only one of a section's headers and footers; a
            // title page with no first-page header of its own prints none,
            // which is what page 1 needs.
            s = s.title_pg();
        }
        let (header, footer) = self.numbers();
        if let Some(h) = header {
            s = s.header(h);
        }
        if let Some(ft) = footer {
            s = s.footer(ft);
        }
        part.blocks.into_iter().fold(s, |s, b| match b {
            Block::Paragraph(p) => s.add_paragraph(*p),
            Block::Table(t) => s.add_table(*t),
        })
    }

    /// The last part, in the document body.
    fn body(&self, mut docx: Docx, part: Part, first: bool) -> Docx {
        let (w, h, orient) = self.page(part.landscape);
        docx = docx
            .page_size(w, h)
            .page_orient(orient)
            .page_margin(margins(self.f));
        if first {
            let pt = self.f.page_number_pt;
            docx = docx
                .first_header(Header::new().add_paragraph(gap(self.f, pt)))
                .first_footer(Footer::new().add_paragraph(gap(self.f, pt)));
        }
        let (header, footer) = self.numbers();
        if let Some(h) = header {
            docx = docx.header(h);
        }
        if let Some(ft) = footer {
            docx = docx.footer(ft);
        }
        part.blocks.into_iter().fold(docx, |d, b| match b {
            Block::Paragraph(p) => d.add_paragraph(*p),
            Block::Table(t) => d.add_table(*t),
        })
    }

    /// The finished file: every part after the first starts a new page;
    /// page 1 carries no number.
    pub fn finish(mut self, date: NaiveDate) -> Result<Vec<u8>, DocError> {
        self.new_part(false);
        let parts = std::mem::take(&mut self.done);
        let last = parts.len().saturating_sub(1);
        let stamp = format!("{}T00:00:00Z", date.format("%Y-%m-%d"));
        let mut docx = Docx::new()
            .default_fonts(fonts(self.f))
            .default_size(half_points(self.f.body_pt))
            .created_at(&stamp)
            .updated_at(&stamp);
        for (i, part) in parts.into_iter().enumerate() {
            docx = if i < last {
                docx.add_section(self.section(part, i == 0))
            } else {
                self.body(docx, part, i == 0)
            };
        }
        let mut stored = Cursor::new(Vec::new());
        docx.pack(&mut stored)
            .map_err(|e| DocError::Pack(e.to_string()))?;
        repack(&stored.into_inner(), &self.header_rows)
    }
}

/// Adds `w:tblHeader` to the first `counts[i]` rows of the i-th table.
/// Every row drawn here has a non-empty `w:trPr` (rows cannot split), and
/// header rows come first, so the first closing tags after a table's start
/// are theirs.
#[must_use]
pub fn mark_header_rows(xml: &str, counts: &[usize]) -> String {
    const TABLE: &str = "<w:tbl>";
    const CLOSE: &str = "</w:trPr>";
    let mut out = String::with_capacity(xml.len() + counts.len() * 32);
    let mut rest = xml;
    for &n in counts {
        let Some(pos) = rest.find(TABLE) else {
            break;
        };
        let (head, tail) = rest.split_at(pos + TABLE.len());
        out.push_str(head);
        rest = tail;
        for _ in 0..n {
            let Some(end) = rest.find(CLOSE) else {
                break;
            };
            let (before, after) = rest.split_at(end);
            out.push_str(before);
            out.push_str("<w:tblHeader />");
            out.push_str(CLOSE);
            rest = &after[CLOSE.len()..];
        }
    }
    out.push_str(rest);
    out
}

/// The extension a media part's bytes call for: docx-rs names every
/// picture `.png`, but photos are mostly JPEG, kept as they are (no
/// re-encoding, which would make them several times larger).
fn media_extension(bytes: &[u8]) -> &'static str {
    match shared::photo::MediaType::sniff(bytes) {
        Some(shared::photo::MediaType::Jpeg) => "jpeg",
        Some(shared::photo::MediaType::Webp) => "webp",
        Some(shared::photo::MediaType::Png) | None => "png",
    }
}

/// Renames `word/media/x.png` parts to what their bytes are; the
/// relationship targets follow, and WebP gets its content type.
fn name_media(entries: &mut [(String, Vec<u8>)]) -> Result<(), DocError> {
    let mut renamed = Vec::new();
    for (name, data) in entries.iter_mut() {
        let Some(stem) = name
            .strip_prefix("word/media/")
            .and_then(|n| n.strip_suffix(".png"))
        else {
            continue;
        };
        let ext = media_extension(data);
        if ext != "png" {
            renamed.push((
                format!("media/{stem}.png\""),
                format!("media/{stem}.{ext}\""),
            ));
            *name = format!("word/media/{stem}.{ext}");
        }
    }
    if renamed.is_empty() {
        return Ok(());
    }
    let webp = renamed.iter().any(|(_, to)| to.ends_with(".webp\""));
    for (name, data) in entries.iter_mut() {
        let rels = name.starts_with("word/_rels/") && name.ends_with(".rels");
        let types = name == "[Content_Types].xml";
        if !(rels || types) {
            continue;
        }
        let mut xml =
            String::from_utf8(std::mem::take(data)).map_err(|e| DocError::Pack(e.to_string()))?;
        if rels {
            for (from, to) in &renamed {
                xml = xml.replace(from.as_str(), to);
            }
        } else if webp && !xml.contains("Extension=\"webp\"") {
            xml = xml.replacen(
                "<Default ",
                "<Default Extension=\"webp\" ContentType=\"image/webp\" /><Default ",
                1,
            );
        }
        *data = xml.into_bytes();
    }
    Ok(())
}

/// Rewrites the package with deflated entries, the header rows marked and
/// the media named by their type.
fn repack(stored: &[u8], header_rows: &[usize]) -> Result<Vec<u8>, DocError> {
    let mut archive = zip::ZipArchive::new(Cursor::new(stored))?;
    let mut entries = Vec::with_capacity(archive.len());
    for i in 0..archive.len() {
        let mut entry = archive.by_index(i)?;
        if entry.is_dir() {
            continue;
        }
        let name = entry.name()?.into_owned();
        let mut data = Vec::new();
        entry.read_to_end(&mut data)?;
        if name == "word/document.xml" {
            let xml = String::from_utf8(data).map_err(|e| DocError::Pack(e.to_string()))?;
            data = mark_header_rows(&xml, header_rows).into_bytes();
        }
        entries.push((name, data));
    }
    name_media(&mut entries)?;
    let mut writer = zip::ZipWriter::new(Cursor::new(Vec::new()));
    let options = SimpleFileOptions::default().compression_method(zip::CompressionMethod::Deflated);
    for (name, data) in entries {
        writer.start_file(name, options)?;
        writer.write_all(&data)?;
    }
    Ok(writer.finish()?.into_inner())
}

#[cfg(test)]
mod tests {
    use super::name_media;

    fn entry(name: &str, data: &[u8]) -> (String, Vec<u8>) {
        (name.to_owned(), data.to_vec())
    }

    #[test]
    fn media_parts_are_named_by_their_bytes() {
        let webp = b"RIFF\x10\x00\x00\x00WEBPVP8 ";
        let jpeg = b"\xFF\xD8\xFF\xE0rest";
        let png = b"\x89PNG\r\n\x1a\nrest";
        let mut entries = vec![
            entry(
                "[Content_Types].xml",
                br#"<Types><Default ContentType="image/png" Extension="png" /></Types>"#,
            ),
            entry(
                "word/_rels/document.xml.rels",
                br#"<R Target="media/rIdImage1.png" /><R Target="media/rIdImage2.png" /><R Target="media/rIdImage3.png" />"#,
            ),
            entry("word/media/rIdImage1.png", webp),
            entry("word/media/rIdImage2.png", jpeg),
            entry("word/media/rIdImage3.png", png),
        ];
        name_media(&mut entries).expect("renamed");
        let names: Vec<&str> = entries.iter().map(|(n, _)| n.as_str()).collect();
        assert_eq!(
            names[2..],
            [
                "word/media/rIdImage1.webp",
                "word/media/rIdImage2.jpeg",
                "word/media/rIdImage3.png"
            ]
        );
        let rels = String::from_utf8(entries[1].1.clone()).expect("utf-8");
        assert_eq!(
            rels,
            r#"<R Target="media/rIdImage1.webp" /><R Target="media/rIdImage2.jpeg" /><R Target="media/rIdImage3.png" />"#
        );
        let types = String::from_utf8(entries[0].1.clone()).expect("utf-8");
        assert!(types.contains(r#"<Default Extension="webp" ContentType="image/webp" />"#));
        assert_eq!(entries[2].1, webp, "bytes kept as they are");
    }
}
