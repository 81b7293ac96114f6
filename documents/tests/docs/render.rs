//! Every document of the demo commune rendered by LibreOffice, then read
//! back with poppler: A4 (landscape where it should be), the header texts
//! in order on page 1, every model named, the signer's name on the
//! authority's page, header rows repeated, no number on page 1, only
//! Times-compatible fonts embedded. Spreadsheets exported to CSV equal
//! their data row by row. Page pictures go to the artifacts folder.
use std::path::Path;

use documents::{Kind, sheet_rows};
use shared::document::wording;

use crate::common::{every_document, request};
use crate::tools::{
    Pdf, artifacts, check_fonts, convert, is_a4, name_column, parse_csv, read_pdf, run, squash,
    trimmed, words,
};

/// In `text`, each of `items` appears after the one before.
fn in_order(text: &str, items: &[&str], what: &str) {
    let mut from = 0;
    for item in items {
        let at = text[from..]
            .find(&squash(item))
            .unwrap_or_else(|| panic!("{what}: {item:?} missing or out of order in {text:?}"));
        from += at + squash(item).len();
    }
}

/// Page numbers from page 2 on; A4 in the orientation each part needs.
fn check_pages(name: &str, pdf: &Pdf) {
    // The page number is the header, the first line of a page's text.
    let first_line = |i: usize| {
        pdf.pages[i]
            .lines()
            .map(str::trim)
            .find(|l| !l.is_empty())
            .unwrap_or_default()
            .to_owned()
    };
    assert_ne!(first_line(0), "1", "{name}: a number on page 1");
    for i in 1..pdf.pages.len() {
        assert_eq!(
            first_line(i),
            (i + 1).to_string(),
            "{name}: page {} unnumbered",
            i + 1
        );
    }
    // A4 throughout; the list all landscape, mẫu 04 and the recognition
    // list all portrait, the reports portrait then a landscape table.
    let turned: Vec<bool> = pdf.sizes.iter().map(|s| s.0 > s.1).collect();
    for (i, size) in pdf.sizes.iter().enumerate() {
        assert!(
            is_a4(*size, turned[i]),
            "{name}: page {} is {size:?}",
            i + 1
        );
    }
    let want_landscape_pages = match name {
        "mau-01" => turned.len(),
        "mau-04" | "cong-nhan" => 0,
        _ => turned.iter().filter(|t| **t).count().max(1),
    };
    let expected: Vec<bool> = (0..turned.len())
        .map(|i| i + want_landscape_pages >= turned.len())
        .collect();
    assert_eq!(turned, expected, "{name}: page orientations");
    assert!(
        !turned[0] || name == "mau-01",
        "{name}: page 1 must be portrait"
    );
}

/// Each column of the header block in order, then the title.
fn check_header(name: &str, pdf: &Pdf, data: &shared::demo::DemoData) {
    let s = &data.commune.documents;
    let first = squash(&pdf.pages[0]);
    let superior = if matches!(name, "mau-04" | "phu-luc-02") {
        vec![s.issuing_body(&data.commune)]
    } else {
        vec![
            s.superior_body(&data.commune),
            s.issuing_body(&data.commune),
        ]
    };
    let mut left: Vec<&str> = superior.iter().map(String::as_str).collect();
    left.extend(["*", "Số"]);
    in_order(&first, &left, name);
    in_order(
        &first,
        &[
            "ĐẢNG CỘNG SẢN VIỆT NAM",
            "Thanh Miện, ngày 01 tháng 12 năm 2025",
        ],
        name,
    );
    let title_word = match name {
        "mau-04" => wording::REGISTRATION_TITLE,
        "mau-01" | "cong-nhan" => wording::LIST_TITLE,
        _ => wording::REPORT_TITLE,
    };
    let title = first
        .find(title_word)
        .unwrap_or_else(|| panic!("{name}: no title"));
    for item in left.iter().chain(&["ĐẢNG CỘNG SẢN VIỆT NAM"]) {
        assert!(
            first.find(&squash(item)).is_some_and(|at| at < title),
            "{name}: {item} after the title"
        );
    }
}

/// Every registered model in the list's name column, across pages, and
/// the header row on top of the column on every table page after the first.
fn check_list(name: &str, pdf_path: &Path, pdf: &Pdf, data: &shared::demo::DemoData) {
    assert!(
        pdf.pages.len() >= 2,
        "{name}: the demo list must run to two pages"
    );
    let columns = name_column(pdf_path, &data.commune.documents.format);
    let names = columns
        .iter()
        .map(|(c, _)| c.as_str())
        .collect::<Vec<_>>()
        .join(" ");
    let year = data.campaign(2025).unwrap().id;
    for m in data
        .models
        .iter()
        .filter(|m| m.campaign_id == year && m.status.is_registered())
    {
        assert!(
            words(&names).contains(&words(&m.name)),
            "{name}: model {} missing from the name column",
            m.name
        );
    }
    let table_pages: Vec<&String> = columns
        .iter()
        .filter(|(_, rows)| *rows)
        .map(|(c, _)| c)
        .collect();
    assert!(
        table_pages.len() >= 2,
        "{name}: the list must run to two pages"
    );
    for (i, col) in table_pages.iter().enumerate().skip(1) {
        assert!(
            col.starts_with("Tên mô hình"),
            "{name}: table page {} starts {:?}",
            i + 1,
            &col[..col.len().min(60)]
        );
    }
}

/// The signer's name on the page of the authority line.
fn check_signer(name: &str, pdf: &Pdf, data: &shared::demo::DemoData) {
    let signer = data.commune.documents.signer();
    let page = pdf
        .pages
        .iter()
        .position(|p| squash(p).contains(&signer.name))
        .unwrap_or_else(|| panic!("{name}: no signer"));
    assert!(
        squash(&pdf.pages[page]).contains(&signer.authority),
        "{name}: name apart from the authority line"
    );
}

#[test]
fn every_demo_document_renders_as_the_guide_asks() {
    let data = shared::demo::thanh_mien_with_villages();
    let work = tempfile::tempdir().unwrap();
    let out = artifacts();
    for (name, file) in every_document(&data) {
        let ext = if file.name.ends_with(".xlsx") {
            "xlsx"
        } else {
            "docx"
        };
        let path = work.path().join(format!("{name}.{ext}"));
        std::fs::write(&path, &file.bytes).unwrap();
        if ext == "xlsx" {
            let csv = convert(
                &path,
                "csv:Text - txt - csv (StarCalc):44,34,76,1",
                work.path(),
            );
            let got = trimmed(parse_csv(&std::fs::read_to_string(csv).unwrap()));
            let kind = if name == "mau-01" {
                Kind::Mau01
            } else {
                Kind::Recognition
            };
            let want = trimmed(sheet_rows(&request(&data, None), kind).unwrap());
            assert_eq!(got.len(), want.len(), "{name}.xlsx rows");
            for (i, (g, w)) in got.iter().zip(&want).enumerate() {
                assert_eq!(g, w, "{name}.xlsx row {}", i + 1);
            }
            continue;
        }
        let pdf_path = convert(&path, "pdf", work.path());
        let pdf = read_pdf(&pdf_path);
        check_pages(name, &pdf);
        check_header(name, &pdf, &data);
        if matches!(name, "mau-01" | "bao-cao-xa") {
            check_list(name, &pdf_path, &pdf, &data);
        }
        if matches!(name, "mau-01" | "bao-cao-xa" | "cong-nhan") {
            check_signer(name, &pdf, &data);
        }
        check_fonts(&pdf_path, name);
        let prefix = out.join(name);
        run(
            "pdftoppm",
            &[
                "-r",
                "60",
                "-png",
                pdf_path.to_str().unwrap(),
                prefix.to_str().unwrap(),
            ],
        );
    }
}
