//! The password rule (ASVS 2.1): long rather than complicated, and never
//! one of the passwords an attacker tries first. One function for the
//! app's forms and every server path that sets a password.
use crate::messages;
use crate::validate::{Checker, ErrorCode, Errors};

/// Shortest password accepted, in characters. A passphrase of a few words
/// ("trâu ăn cỏ non") is the easy way to reach it.
pub const MIN: usize = 10;
/// Longest password accepted, in characters (argon2 takes any length, but
/// a request body should stay small).
pub const MAX: usize = 200;

/// The list shipped in the repository (`shared/data/common-passwords.txt`),
/// one checked form a line; `#` starts a comment line.
const COMMON: &str = include_str!("../data/common-passwords.txt");

/// A new password's problems; empty when it is acceptable.
#[must_use]
pub fn validate(field: &str, password: &str) -> Errors {
    let mut c = Checker::new();
    if password.chars().count() < MIN {
        c.push(
            field,
            ErrorCode::TooShort,
            messages::password_too_short(MIN),
        );
    } else if let Some(reason) = weakness(password) {
        c.push(field, ErrorCode::TooCommon, reason);
    }
    c.max_len(field, password, MAX);
    c.finish()
}

/// Why a long-enough password is still easy to guess, if it is.
fn weakness(password: &str) -> Option<&'static str> {
    let checked = checked_form(password);
    if !checked.is_empty() && checked.bytes().all(|b| b.is_ascii_digit()) {
        return Some(messages::PASSWORD_DIGITS_ONLY);
    }
    let mut distinct: Vec<char> = checked.chars().collect();
    distinct.sort_unstable();
    distinct.dedup();
    let core = checked.trim_matches(|c: char| c.is_ascii_digit());
    if distinct.len() < 4 || is_listed(&checked) || (!core.is_empty() && is_listed(core)) {
        return Some(messages::PASSWORD_COMMON);
    }
    None
}

fn is_listed(checked: &str) -> bool {
    COMMON
        .lines()
        .any(|line| !line.starts_with('#') && line == checked)
}

/// The form a password is compared in: lower case, Vietnamese marks
/// removed, only ASCII letters and digits kept ("Mật khẩu@123" →
/// "matkhau123"), so spacing, capitals and symbols do not hide a common one.
#[must_use]
pub fn checked_form(password: &str) -> String {
    password
        .chars()
        .flat_map(char::to_lowercase)
        .map(fold_mark)
        .filter(char::is_ascii_alphanumeric)
        .collect()
}

/// A Vietnamese letter without its marks (precomposed forms); combining
/// marks typed separately are dropped later as non-alphanumeric.
fn fold_mark(c: char) -> char {
    const FOLDS: [(char, &str); 7] = [
        ('a', "àáảãạăằắẳẵặâầấẩẫậ"),
        ('e', "èéẻẽẹêềếểễệ"),
        ('i', "ìíỉĩị"),
        ('o', "òóỏõọôồốổỗộơờớởỡợ"),
        ('u', "ùúủũụưừứửữự"),
        ('y', "ỳýỷỹỵ"),
        ('d', "đ"),
    ];
    FOLDS
        .iter()
        .find(|(_, marked)| marked.contains(c))
        .map_or(c, |(plain, _)| *plain)
}

#[cfg(test)]
mod tests {
    use super::*;

    #[cfg_attr(not(target_arch = "wasm32"), test)]
    #[cfg_attr(target_arch = "wasm32", wasm_bindgen_test::wasm_bindgen_test)]
    fn every_listed_entry_is_in_checked_form() {
        let mut count = 0;
        for line in COMMON.lines().filter(|l| !l.starts_with('#')) {
            assert_eq!(checked_form(line), line, "list line {line:?}");
            count += 1;
        }
        assert!(count > 300, "{count} entries");
    }

    #[cfg_attr(not(target_arch = "wasm32"), test)]
    #[cfg_attr(target_arch = "wasm32", wasm_bindgen_test::wasm_bindgen_test)]
    fn marks_case_and_symbols_do_not_hide_a_common_password() {
        assert_eq!(checked_form("Mật Khẩu@123"), "matkhau123");
        assert_eq!(checked_form("ĐẢNG BỘ 2025!"), "dangbo2025");
        // Combining marks (decomposed input) are dropped too.
        assert_eq!(checked_form("ma\u{0323}\u{0302}t"), "mat");
    }
}
