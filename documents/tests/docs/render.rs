//! Every document of the demo commune rendered by LibreOffice, then read
//! back with poppler: A4 (landscape where it should be), the header texts
//! in order on page 1, every model named, the signer's name on the
//! authority's page, header rows repeated, no number on page 1, only
//! Times-compatible fonts embedded. Spreadsheets exported to CSV equal
//! their data row by row. Page pictures go to the artifacts folder.
use std::path::{Path, PathBuf};
use std::process::Command;

use documents::{Kind, sheet_rows};
use shared::document::wording;

use crate::common::{every_document, request};

fn run(program: &str, args: &[&str]) -> String {
    let out = Command::new(program).args(args).output().unwrap_or_else(|e| {
        panic!("{program} did not start ({e}): run `cargo xtask install` (LibreOffice, poppler-utils, fonts-liberation2)")
    });
    assert!(
        out.status.success(),
        "{program} {args:?}: {}",
        String::from_utf8_lossy(&out.stderr)
    );
    String::from_utf8_lossy(&out.stdout).into_owned()
}

fn artifacts() -> PathBuf {
    let dir = std::env::var_os("DVK_ARTIFACTS")
        .map(PathBuf::from)
        .unwrap_or_else(|| Path::new(env!("CARGO_MANIFEST_DIR")).join("../artifacts"))
        .join("documents");
    std::fs::create_dir_all(&dir).unwrap();
    dir
}

/// Converts with a fresh LibreOffice profile (a shared one locks).
fn convert(file: &Path, to: &str, out: &Path) -> PathBuf {
    let profile = tempfile::tempdir().unwrap();
    let profile_url = format!("-env:UserInstallation=file://{}", profile.path().display());
    let out_str = out.to_str().unwrap();
    run(
        "soffice",
        &[
            "--headless",
            "--norestore",
            &profile_url,
            "--convert-to",
            to,
            "--outdir",
            out_str,
            file.to_str().unwrap(),
        ],
    );
    let ext = to.split(':').next().unwrap();
    let converted = out.join(file.with_extension(ext).file_name().unwrap());
    assert!(
        converted.exists(),
        "LibreOffice made no {ext} of {}",
        file.display()
    );
    converted
}

fn squash(s: &str) -> String {
    s.split_whitespace().collect::<Vec<_>>().join(" ")
}

/// Text to look a name up in: pdftotext joins a line ending in "-" with
/// the next as if hyphenated, so hyphens are left out on both sides.
fn words(s: &str) -> String {
    squash(&s.replace('-', " "))
}

struct Pdf {
    pages: Vec<String>,
    sizes: Vec<(f64, f64)>,
}

fn read_pdf(pdf: &Path) -> Pdf {
    let p = pdf.to_str().unwrap();
    let info = run("pdfinfo", &[p]);
    let count: u32 = info
        .lines()
        .find_map(|l| l.strip_prefix("Pages:"))
        .unwrap()
        .trim()
        .parse()
        .unwrap();
    let sized = run("pdfinfo", &["-f", "1", "-l", &count.to_string(), p]);
    let sizes = sized
        .lines()
        .filter(|l| l.starts_with("Page ") && l.contains(" size:"))
        .map(|l| {
            let nums: Vec<f64> = l
                .split(':')
                .nth(1)
                .unwrap()
                .split_whitespace()
                .filter_map(|t| t.parse().ok())
                .collect();
            (nums[0], nums[1])
        })
        .collect();
    let pages = (1..=count)
        .map(|i| {
            run(
                "pdftotext",
                &["-f", &i.to_string(), "-l", &i.to_string(), p, "-"],
            )
        })
        .collect();
    Pdf { pages, sizes }
}

fn is_a4(size: (f64, f64), landscape: bool) -> bool {
    let (w, h) = if landscape {
        (842.0, 595.0)
    } else {
        (595.0, 842.0)
    };
    (size.0 - w).abs() < 1.5 && (size.1 - h).abs() < 1.5
}

fn check_fonts(pdf: &Path, name: &str) {
    let fonts = run("pdffonts", &[pdf.to_str().unwrap()]);
    let rows: Vec<&str> = fonts.lines().skip(2).collect();
    assert!(!rows.is_empty(), "{name}: no fonts");
    for row in rows {
        let font = row.split_whitespace().next().unwrap();
        let family = font.split('+').next_back().unwrap();
        assert!(
            ["LiberationSerif", "Tinos", "TimesNewRoman"]
                .iter()
                .any(|t| family.starts_with(t)),
            "{name}: font {font} is not Times-compatible (a fallback means a missing glyph)"
        );
        assert!(
            row.contains(" yes yes "),
            "{name}: {font} not embedded: {row}"
        );
    }
}

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

fn check_docx(name: &str, pdf_path: &Path, pdf: &Pdf, data: &shared::demo::DemoData) {
    let s = &data.commune.documents;
    let first = squash(&pdf.pages[0]);
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
    // Each column of the header block in order, then the title.
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
    if matches!(name, "mau-01" | "bao-cao-xa") {
        assert!(
            pdf.pages.len() >= 2,
            "{name}: the demo list must run to two pages"
        );
        // Every registered model in the list's name column, across pages,
        // and the header row on top of the column on every page after the first.
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
    if matches!(name, "mau-01" | "bao-cao-xa" | "cong-nhan") {
        let signer = s.signer();
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
}

/// The words of mẫu 01's name column on its landscape pages, in reading
/// order (a table's cells are read line by line across the row by plain
/// pdftotext, so the column is cut out by position).
/// Also whether the page holds table rows (an STT number left of the column).
fn name_column(pdf: &Path, f: &shared::document::DocumentFormat) -> Vec<(String, bool)> {
    let pt = |mm: u32| f64::from(mm) * 72.0 / 25.4;
    let (long, _) = f.landscape();
    let text = pt(long) - pt(f.margin_left_mm) - pt(f.margin_right_mm);
    let w = &f.columns.mau_01;
    let sum: f64 = w.iter().map(|&x| f64::from(x)).sum();
    let x0 = pt(f.margin_left_mm) + text * f64::from(w[0]) / sum;
    let x1 = x0 + text * f64::from(w[1]) / sum;
    let html = run("pdftotext", &["-bbox", pdf.to_str().unwrap(), "-"]);
    let mut out = Vec::new();
    for page in html.split("<page ").skip(1) {
        let size = |k: &str| -> f64 {
            let at = page.find(&format!("{k}=\"")).map_or(0, |a| a + k.len() + 2);
            page[at..]
                .split('"')
                .next()
                .and_then(|v| v.parse().ok())
                .unwrap_or(0.0)
        };
        if size("width") <= size("height") {
            continue;
        }
        let all: Vec<(f64, f64, String)> = page
            .split("<word ")
            .skip(1)
            .filter_map(|w| {
                let attr = |k: &str| -> Option<f64> {
                    let at = w.find(&format!("{k}=\""))? + k.len() + 2;
                    w[at..].split('"').next()?.parse().ok()
                };
                let text = w.split('>').nth(1)?.split('<').next()?.to_owned();
                Some((attr("yMin")?, attr("xMin")?, text))
            })
            .collect();
        let rows = all
            .iter()
            .any(|(_, x, t)| *x < x0 - 1.0 && t.parse::<u32>().is_ok());
        let mut words: Vec<(f64, f64, String)> = all
            .into_iter()
            .filter(|(_, x, _)| *x >= x0 - 1.0 && *x < x1)
            .collect();
        words.sort_by(|a, b| (a.0.round(), a.1).partial_cmp(&(b.0.round(), b.1)).unwrap());
        let text: Vec<String> = words
            .into_iter()
            .map(|(_, _, w)| w.replace("&amp;", "&"))
            .collect();
        out.push((text.join(" "), rows));
    }
    out
}

/// A CSV file (quotes, doubled quotes, line breaks inside quotes).
fn parse_csv(text: &str) -> Vec<Vec<String>> {
    let (mut rows, mut row, mut cell, mut quoted) = (Vec::new(), Vec::new(), String::new(), false);
    let mut chars = text.chars().peekable();
    while let Some(c) = chars.next() {
        match (c, quoted) {
            ('"', true) if chars.peek() == Some(&'"') => {
                cell.push('"');
                chars.next();
            }
            ('"', _) => quoted = !quoted,
            (',', false) => row.push(std::mem::take(&mut cell)),
            ('\n', false) => {
                row.push(std::mem::take(&mut cell));
                rows.push(std::mem::take(&mut row));
            }
            ('\r', false) => {}
            (c, _) => cell.push(c),
        }
    }
    if !cell.is_empty() || !row.is_empty() {
        row.push(cell);
        rows.push(row);
    }
    rows
}

fn trimmed(rows: Vec<Vec<String>>) -> Vec<Vec<String>> {
    let mut rows: Vec<Vec<String>> = rows
        .into_iter()
        .map(|mut r| {
            while r.last().is_some_and(String::is_empty) {
                r.pop();
            }
            r
        })
        .collect();
    while rows.last().is_some_and(Vec::is_empty) {
        rows.pop();
    }
    rows
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
        check_docx(name, &pdf_path, &pdf, &data);
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
