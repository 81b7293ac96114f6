//! Text as it goes into a file: NFC (Vietnamese typed on phones arrives
//! decomposed as often as composed, and Word shows decomposed marks
//! misplaced), and without the control characters XML 1.0 forbids.
use unicode_normalization::UnicodeNormalization;

/// NFC, and only characters an XML document may hold.
#[must_use]
pub fn clean(s: &str) -> String {
    s.nfc()
        .filter(|&c| {
            matches!(c, '\t' | '\n' | '\r') || (c >= ' ' && !matches!(c, '\u{FFFE}' | '\u{FFFF}'))
        })
        .collect()
}

/// The lines of a text: one paragraph each in a document.
#[must_use]
pub fn lines(s: &str) -> Vec<String> {
    clean(s)
        .split(['\n', '\r'])
        .map(str::trim_end)
        .filter(|l| !l.trim().is_empty())
        .map(str::to_owned)
        .collect()
}

/// A file name without marks, for the ASCII `filename=` of a download:
/// "Mẫu-01-Danh-sách" → "Mau-01-Danh-sach".
#[must_use]
pub fn ascii_name(s: &str) -> String {
    s.nfd()
        .filter_map(|c| match c {
            'đ' => Some('d'),
            'Đ' => Some('D'),
            c if c.is_ascii_alphanumeric() || matches!(c, '-' | '_' | '.') => Some(c),
            c if c.is_whitespace() => Some('-'),
            _ => None,
        })
        .collect()
}

/// Percent-encodes a value for an RFC 5987 `filename*` (UTF-8 bytes,
/// only `attr-char` left as is).
#[must_use]
pub fn rfc5987(s: &str) -> String {
    let mut out = String::with_capacity(s.len() * 3);
    for b in s.bytes() {
        if b.is_ascii_alphanumeric() || b"!#$&+-.^_`|~".contains(&b) {
            out.push(char::from(b));
        } else {
            out.push_str(&format!("%{b:02X}"));
        }
    }
    out
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn composes_marks_and_drops_control_characters() {
        let decomposed = "Vie\u{302}\u{323}t Nam\u{0}\u{7}";
        assert_eq!(clean(decomposed), "Việt Nam");
        assert_eq!(lines("a\n\n  \nb\r\nc"), vec!["a", "b", "c"]);
        assert_eq!(rfc5987("Mẫu 01.docx"), "M%E1%BA%ABu%2001.docx");
        assert_eq!(
            ascii_name("Mẫu-01-Danh-sách-mô-hình-Đảng-2025.docx"),
            "Mau-01-Danh-sach-mo-hinh-Dang-2025.docx"
        );
    }
}
