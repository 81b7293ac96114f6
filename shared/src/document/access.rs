//! Asking for a document: which ones a role may get (the server refuses
//! the rest, the app shows only the buttons that will work), the longest
//! number the office may type, and the file name read back from a
//! download's `Content-Disposition`.
use crate::user::Role;

/// The longest document number accepted ("12-BC/ĐU" is 8).
pub const NUMBER_MAX: usize = 40;

/// The commune's documents (docs/documents.md).
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Document {
    /// One model's registration.
    Mau04,
    /// The commune's list of registered models.
    Mau01,
    /// One unit's results.
    PhuLuc02,
    /// The commune's year-end report.
    Report,
    /// The recognition list.
    Recognition,
}

/// Whether `role` may ask for `document` at all; which model, unit or
/// commune it may ask about is the pulls' scope (`crate::scope`). A unit
/// officer's documents are their own unit's: mẫu 04 and phụ lục 02.
#[must_use]
pub fn may_get(role: Role, document: Document) -> bool {
    let commune_wide = matches!(
        document,
        Document::Mau01 | Document::Report | Document::Recognition
    );
    !(commune_wide && role == Role::UnitOfficer)
}

/// The file name of a download: the RFC 5987 `filename*=UTF-8''…` (with
/// its marks), else the plain `filename="…"`; None when neither is there
/// or the name is empty.
#[must_use]
pub fn file_name(content_disposition: &str) -> Option<String> {
    let params = || {
        content_disposition.split(';').filter_map(|p| {
            let (name, value) = p.split_once('=')?;
            Some((name.trim().to_ascii_lowercase(), value.trim()))
        })
    };
    let extended = params()
        .find(|(name, _)| name == "filename*")
        .and_then(|(_, value)| {
            let (charset, rest) = value.split_once('\'')?;
            let (_language, encoded) = rest.split_once('\'')?;
            charset
                .eq_ignore_ascii_case("utf-8")
                .then(|| percent_decode(encoded))?
        });
    let plain = || {
        params()
            .find(|(name, _)| name == "filename")
            .map(|(_, value)| value.trim_matches('"').to_owned())
    };
    extended
        .or_else(plain)
        .map(|name| safe_name(&name))
        .filter(|name| !name.is_empty())
}

/// `%XX` escapes to bytes, read as UTF-8; None for a broken escape.
fn percent_decode(s: &str) -> Option<String> {
    let bytes = s.as_bytes();
    let mut out = Vec::with_capacity(bytes.len());
    let mut i = 0;
    while let Some(&b) = bytes.get(i) {
        if b == b'%' {
            let hex = std::str::from_utf8(bytes.get(i + 1..i + 3)?).ok()?;
            out.push(u8::from_str_radix(hex, 16).ok()?);
            i += 3;
        } else {
            out.push(b);
            i += 1;
        }
    }
    String::from_utf8(out).ok()
}

/// No folder in a saved file's name, whatever the header said.
fn safe_name(name: &str) -> String {
    name.rsplit(['/', '\\'])
        .next()
        .unwrap_or_default()
        .trim()
        .to_owned()
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn an_officer_gets_only_the_units_own_documents() {
        let all = [
            Document::Mau04,
            Document::Mau01,
            Document::PhuLuc02,
            Document::Report,
            Document::Recognition,
        ];
        for role in Role::ALL {
            for document in all {
                let own = matches!(document, Document::Mau04 | Document::PhuLuc02);
                assert_eq!(
                    may_get(role, document),
                    role != Role::UnitOfficer || own,
                    "{role:?} {document:?}"
                );
            }
        }
    }

    #[test]
    fn the_accented_name_wins_over_the_ascii_one() {
        let header = "attachment; filename=\"Mau-01-Danh-sach-mo-hinh-2025.xlsx\"; \
                      filename*=UTF-8''M%E1%BA%ABu-01-Danh-s%C3%A1ch-m%C3%B4-h%C3%ACnh-2025.xlsx";
        assert_eq!(
            file_name(header).as_deref(),
            Some("Mẫu-01-Danh-sách-mô-hình-2025.xlsx")
        );
    }

    #[test]
    fn the_plain_name_when_there_is_no_good_extended_one() {
        let plain = "attachment; filename=\"Bao-cao.docx\"";
        assert_eq!(file_name(plain).as_deref(), Some("Bao-cao.docx"));
        let broken = "attachment; filename=\"Bao-cao.docx\"; filename*=UTF-8''B%E1%Z";
        assert_eq!(file_name(broken).as_deref(), Some("Bao-cao.docx"));
        let latin1 = "attachment; filename=\"a.docx\"; filename*=ISO-8859-1''%E9.docx";
        assert_eq!(file_name(latin1).as_deref(), Some("a.docx"));
        assert_eq!(file_name("attachment"), None);
        assert_eq!(file_name("attachment; filename=\"\""), None);
        assert_eq!(
            file_name("attachment; filename*=UTF-8''..%2F..%2Fx.docx").as_deref(),
            Some("x.docx")
        );
    }
}
