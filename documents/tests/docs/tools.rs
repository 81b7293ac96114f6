//! Running LibreOffice and poppler, and reading what they give back.
use std::path::{Path, PathBuf};
use std::process::Command;

pub fn run(program: &str, args: &[&str]) -> String {
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

pub fn artifacts() -> PathBuf {
    let dir = std::env::var_os("DVK_ARTIFACTS")
        .map(PathBuf::from)
        .unwrap_or_else(|| Path::new(env!("CARGO_MANIFEST_DIR")).join("../artifacts"))
        .join("documents");
    std::fs::create_dir_all(&dir).unwrap();
    dir
}

/// Converts with a fresh LibreOffice profile (a shared one locks).
pub fn convert(file: &Path, to: &str, out: &Path) -> PathBuf {
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

pub fn squash(s: &str) -> String {
    s.split_whitespace().collect::<Vec<_>>().join(" ")
}

/// Text to look a name up in: pdftotext joins a line ending in "-" with
/// the next as if hyphenated, so hyphens are left out on both sides.
pub fn words(s: &str) -> String {
    squash(&s.replace('-', " "))
}

pub struct Pdf {
    pub pages: Vec<String>,
    pub sizes: Vec<(f64, f64)>,
}

pub fn read_pdf(pdf: &Path) -> Pdf {
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

pub fn is_a4(size: (f64, f64), landscape: bool) -> bool {
    let (w, h) = if landscape {
        (842.0, 595.0)
    } else {
        (595.0, 842.0)
    };
    (size.0 - w).abs() < 1.5 && (size.1 - h).abs() < 1.5
}

pub fn check_fonts(pdf: &Path, name: &str) {
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

/// The words of mẫu 01's name column on its landscape pages, in reading
/// order (a table's cells are read line by line across the row by plain
/// pdftotext, so the column is cut out by position).
/// Also whether the page holds table rows (an STT number left of the column).
pub fn name_column(pdf: &Path, f: &shared::document::DocumentFormat) -> Vec<(String, bool)> {
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
pub fn parse_csv(text: &str) -> Vec<Vec<String>> {
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

pub fn trimmed(rows: Vec<Vec<String>>) -> Vec<Vec<String>> {
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
