//! A commune's document settings: who issues and signs, who receives, and
//! the presentation numbers. Stored on the commune record, so they sync
//! like the other set-up records and the admin edits them in the app.
use serde::{Deserialize, Serialize};

use crate::messages;
use crate::org::{Commune, Unit, UnitKind};
use crate::validate::{Checker, Errors, is_blank};

use super::format::DocumentFormat;

/// The most recipients a document lists.
pub const MAX_RECIPIENTS: usize = 30;

/// What the admin sets once for the commune's documents. Blank texts fall
/// back to what the commune record says (see [`DocumentSettings::header`]).
#[derive(Debug, Clone, PartialEq, Eq, Default, Serialize, Deserialize)]
#[serde(default)]
pub struct DocumentSettings {
    /// "ĐẢNG BỘ THÀNH PHỐ HẢI PHÒNG".
    pub superior_body: String,
    /// "ĐẢNG ỦY XÃ THANH MIỆN".
    pub issuing_body: String,
    /// The issuer's code after the slash of a number: "ĐU" in "12-BC/ĐU".
    pub issuer_code: String,
    /// "T/M BAN THƯỜNG VỤ" (a Party committee signs T/M, never K/T).
    pub signer_authority: String,
    /// "BÍ THƯ", "PHÓ BÍ THƯ THƯỜNG TRỰC".
    pub signer_post: String,
    pub signer_name: String,
    /// "Ban Thường vụ Thành ủy,", …, "Lưu VPĐU." (the dash is added).
    pub recipients: Vec<String>,
    /// Mẫu 04 is addressed to it: "Ban xây dựng Đảng Đảng ủy xã Thanh Miện".
    pub addressee: String,
    /// The plan the forms are attached to, as written after "Kèm theo":
    /// "Kế hoạch số 25-KH/ĐU, ngày 05/8/2025 của Ban Thường vụ Đảng ủy xã".
    pub plan_reference: String,
    pub format: DocumentFormat,
}

/// The texts of a header and signature block, blanks resolved.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Header {
    pub superior_body: String,
    pub issuing_body: String,
    /// "Số 12-BC/ĐU", or "Số      -BC/ĐU" to be filled in by hand.
    pub number: String,
    /// "Thanh Miện, ngày 01 tháng 12 năm 2025".
    pub date_line: String,
}

/// Who signs on the right of the signature block.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Signer {
    pub authority: String,
    pub post: String,
    /// Blank: the space stays for a hand-written name.
    pub name: String,
}

fn or_else(value: &str, fallback: impl FnOnce() -> String) -> String {
    if is_blank(value) {
        fallback()
    } else {
        value.trim().to_owned()
    }
}

/// The number line. The office types the number ("12", or "12-BC/ĐU");
/// without one the line keeps blank space to write it by hand: a document
/// number is never invented.
#[must_use]
pub fn number_line(typed: Option<&str>, type_code: &str, issuer_code: &str) -> String {
    let code = if issuer_code.is_empty() {
        type_code.to_owned()
    } else {
        format!("{type_code}/{issuer_code}")
    };
    match typed.map(str::trim).filter(|t| !is_blank(t)) {
        Some(t) if t.contains('-') || t.contains('/') => format!("Số {t}"),
        Some(t) => format!("Số {t}-{code}"),
        None => format!("Số \u{a0}\u{a0}\u{a0}\u{a0}\u{a0}\u{a0}-{code}"),
    }
}

/// The issuer code of a unit's own documents: "ĐU", "ĐB", "CB".
#[must_use]
pub fn unit_code(unit: &Unit) -> &'static str {
    match unit.kind {
        UnitKind::DangUy => "ĐU",
        UnitKind::DangBo => "ĐB",
        UnitKind::ChiBo | UnitKind::ChiBoThon => "CB",
        UnitKind::Khac => "",
    }
}

impl DocumentSettings {
    /// The superior body, or "ĐẢNG BỘ THÀNH PHỐ {CITY}".
    #[must_use]
    pub fn superior_body(&self, commune: &Commune) -> String {
        or_else(&self.superior_body, || {
            format!("ĐẢNG BỘ THÀNH PHỐ {}", commune.city.trim()).to_uppercase()
        })
    }

    /// The issuing body, or "ĐẢNG ỦY XÃ {PLACE}".
    #[must_use]
    pub fn issuing_body(&self, commune: &Commune) -> String {
        or_else(&self.issuing_body, || {
            format!("ĐẢNG ỦY XÃ {}", commune.place_name.trim()).to_uppercase()
        })
    }

    /// The commune's own header (reports and lists it issues).
    #[must_use]
    pub fn header(
        &self,
        commune: &Commune,
        number: Option<&str>,
        type_code: &str,
        date: chrono::NaiveDate,
    ) -> Header {
        let issuer = or_else(&self.issuer_code, || "ĐU".to_owned());
        Header {
            superior_body: self.superior_body(commune),
            issuing_body: self.issuing_body(commune),
            number: number_line(number, type_code, &issuer),
            date_line: crate::format::date_line(&commune.place_name, date),
        }
    }

    /// A unit's header: the commune's committee above, the unit issuing.
    #[must_use]
    pub fn unit_header(
        &self,
        commune: &Commune,
        unit: &Unit,
        number: Option<&str>,
        type_code: &str,
        date: chrono::NaiveDate,
    ) -> Header {
        Header {
            superior_body: self.issuing_body(commune),
            issuing_body: unit.name.trim().to_uppercase(),
            number: number_line(number, type_code, unit_code(unit)),
            date_line: crate::format::date_line(&commune.place_name, date),
        }
    }

    #[must_use]
    pub fn signer(&self) -> Signer {
        Signer {
            authority: or_else(&self.signer_authority, || "T/M BAN THƯỜNG VỤ".to_owned()),
            post: or_else(&self.signer_post, || "BÍ THƯ".to_owned()),
            name: self.signer_name.trim().to_owned(),
        }
    }

    /// Recipients as printed: "- Ban Thường vụ Thành ủy,"; the last is
    /// always the committee's file copy.
    #[must_use]
    pub fn recipient_lines(&self) -> Vec<String> {
        let mut lines: Vec<String> = self
            .recipients
            .iter()
            .map(|r| r.trim().trim_start_matches(['-', '–']).trim())
            .filter(|r| !is_blank(r))
            .map(|r| format!("- {r}"))
            .collect();
        if lines.is_empty() {
            lines.push("- Lưu VPĐU.".to_owned());
        }
        lines
    }

    /// Mẫu 04's addressee, or "Ban xây dựng Đảng Đảng ủy xã {place}".
    #[must_use]
    pub fn addressee(&self, commune: &Commune) -> String {
        or_else(&self.addressee, || {
            format!("Ban xây dựng Đảng Đảng ủy xã {}", commune.place_name.trim())
        })
    }

    /// Texts within limits, at most [`MAX_RECIPIENTS`] recipients, and
    /// plausible presentation numbers (errors under `format.`).
    #[must_use]
    pub fn validate(&self) -> Errors {
        let mut c = Checker::new();
        for (field, value) in [
            ("superior_body", &self.superior_body),
            ("issuing_body", &self.issuing_body),
            ("issuer_code", &self.issuer_code),
            ("signer_authority", &self.signer_authority),
            ("signer_post", &self.signer_post),
            ("signer_name", &self.signer_name),
            ("addressee", &self.addressee),
        ] {
            c.name(field, value);
        }
        c.text("plan_reference", &self.plan_reference);
        if self.recipients.len() > MAX_RECIPIENTS {
            c.push(
                "recipients",
                crate::validate::ErrorCode::OutsideRange,
                messages::TOO_MANY_RECIPIENTS,
            );
        }
        for (i, r) in self.recipients.iter().enumerate() {
            c.name(&format!("recipients[{i}]"), r);
        }
        for mut e in self.format.validate() {
            e.field = format!("format.{}", e.field);
            c.extend(vec![e]);
        }
        c.finish()
    }
}
