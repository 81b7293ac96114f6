//! Vietnamese formatting and form-input parsing: dates dd/mm/yyyy, Party
//! date lines, numbers 1.039 and 85,44%, money 1.500.000 đ.
use chrono::{Datelike, NaiveDate};

use crate::messages;

/// Shown for a number that is not finite (it should never reach a document).
pub const NOT_A_NUMBER: &str = "—";

/// "05/08/2025".
#[must_use]
pub fn date(d: NaiveDate) -> String {
    d.format("%d/%m/%Y").to_string()
}

/// "ngày 05 tháng 8 năm 2025". Party documents write days below 10 and
/// months 1 and 2 with a leading zero ("tháng 01", "tháng 02") so nobody can
/// add a digit in front; other months are written plainly.
#[must_use]
pub fn date_words(d: NaiveDate) -> String {
    let month = if d.month() <= 2 {
        format!("{:02}", d.month())
    } else {
        d.month().to_string()
    };
    format!("ngày {:02} tháng {month} năm {}", d.day(), d.year())
}

/// "Thanh Miện, ngày 05 tháng 8 năm 2025"; without a place, just the date words.
#[must_use]
pub fn date_line(place: &str, d: NaiveDate) -> String {
    let place = place.trim();
    if place.is_empty() {
        date_words(d)
    } else {
        format!("{place}, {}", date_words(d))
    }
}

/// "1.039", "-1.500.000".
#[must_use]
pub fn integer(n: i64) -> String {
    let digits = group(&n.unsigned_abs().to_string());
    if n < 0 { format!("-{digits}") } else { digits }
}

/// Exactly `places` decimals: `decimal(3.5, 2)` = "3,50", `decimal(1039.0, 0)` = "1.039".
#[must_use]
pub fn decimal(x: f64, places: usize) -> String {
    if !x.is_finite() {
        return NOT_A_NUMBER.to_owned();
    }
    let fixed = format!("{:.*}", places, x.abs());
    let (int_part, frac) = fixed.split_once('.').unwrap_or((fixed.as_str(), ""));
    let is_zero = fixed.chars().all(|c| c == '0' || c == '.');
    let sign = if x < 0.0 && !is_zero { "-" } else { "" };
    if frac.is_empty() {
        format!("{sign}{}", group(int_part))
    } else {
        format!("{sign}{},{frac}", group(int_part))
    }
}

/// Up to two decimals, trailing zeros dropped: 1039 → "1.039", 2.5 → "2,5",
/// 85.444 → "85,44". For indicator targets and reached values.
#[must_use]
pub fn number(x: f64) -> String {
    let s = decimal(x, 2);
    if s.contains(',') {
        s.trim_end_matches('0').trim_end_matches(',').to_owned()
    } else {
        s
    }
}

/// A percentage with up to two decimals, trailing zeros dropped:
/// 85.44 → "85,44%", 85.5 → "85,5%", 100 → "100%".
#[must_use]
pub fn percent(x: f64) -> String {
    if !x.is_finite() {
        return NOT_A_NUMBER.to_owned();
    }
    format!("{}%", number(x))
}

/// "1.500.000 đ".
#[must_use]
pub fn money(vnd: u64) -> String {
    format!("{} đ", group(&vnd.to_string()))
}

fn group(digits: &str) -> String {
    let len = digits.len();
    let mut out = String::with_capacity(len + len / 3);
    for (i, ch) in digits.chars().enumerate() {
        if i > 0 && (len - i).is_multiple_of(3) {
            out.push('.');
        }
        out.push(ch);
    }
    out
}

/// Why a typed number was not understood.
#[derive(Debug, Clone, Copy, PartialEq, Eq, thiserror::Error)]
pub enum ParseNumberError {
    #[error("{}", messages::EMPTY_NUMBER)]
    Empty,
    #[error("{}", messages::INVALID_NUMBER)]
    Invalid,
    #[error("{}", messages::NUMBER_OUT_OF_RANGE)]
    OutOfRange,
}

/// Why a typed date was not understood.
#[derive(Debug, Clone, Copy, PartialEq, Eq, thiserror::Error)]
#[error("{}", messages::INVALID_DATE)]
pub struct ParseDateError;

struct Parts {
    negative: bool,
    int: String,
    frac: Option<String>,
}

/// Splits typed input into sign, integer digits and fraction digits.
/// "." groups thousands and "," marks decimals. Without a comma, a single
/// dot that cannot be a thousands group ("85.44", "0.5") is read as a
/// decimal point, because phone keypads often only offer ".".
fn split(input: &str) -> Result<Parts, ParseNumberError> {
    let s: String = input.chars().filter(|c| !c.is_whitespace()).collect();
    if s.is_empty() {
        return Err(ParseNumberError::Empty);
    }
    let (negative, body) = match s.strip_prefix('-') {
        Some(rest) => (true, rest),
        None => (false, s.strip_prefix('+').unwrap_or(&s)),
    };
    let all_digits = |t: &str| !t.is_empty() && t.chars().all(|c| c.is_ascii_digit());
    let (int_text, frac) = match body.split_once(',') {
        Some((i, f)) if all_digits(f) => (i, Some(f.to_owned())),
        Some(_) => return Err(ParseNumberError::Invalid),
        None => (body, None),
    };
    let int = if is_grouped(int_text) {
        int_text.replace('.', "")
    } else if all_digits(int_text) {
        int_text.to_owned()
    } else if frac.is_none() {
        match int_text.split_once('.') {
            Some((i, f)) if all_digits(i) && all_digits(f) => {
                return Ok(Parts {
                    negative,
                    int: i.to_owned(),
                    frac: Some(f.to_owned()),
                });
            }
            _ => return Err(ParseNumberError::Invalid),
        }
    } else {
        return Err(ParseNumberError::Invalid);
    };
    Ok(Parts {
        negative,
        int,
        frac,
    })
}

/// "1.039", "12.345.678": a first group of 1-3 digits not starting with 0,
/// then groups of exactly 3.
fn is_grouped(t: &str) -> bool {
    let mut groups = t.split('.');
    let Some(first) = groups.next() else {
        return false;
    };
    let rest: Vec<&str> = groups.collect();
    let digits = |g: &str| g.chars().all(|c| c.is_ascii_digit());
    !rest.is_empty()
        && (1..=3).contains(&first.len())
        && digits(first)
        && !first.starts_with('0')
        && rest.iter().all(|g| g.len() == 3 && digits(g))
}

/// A whole number as typed in a form: "1.039", "1039", "-5".
pub fn parse_number(input: &str) -> Result<i64, ParseNumberError> {
    let parts = split(input)?;
    if parts.frac.is_some() {
        return Err(ParseNumberError::Invalid);
    }
    let magnitude: i64 = parts
        .int
        .parse()
        .map_err(|_| ParseNumberError::OutOfRange)?;
    Ok(if parts.negative {
        -magnitude
    } else {
        magnitude
    })
}

/// A decimal as typed in a form: "85,44", "1.039,5", "85.44"; a trailing
/// "%" is allowed and ignored.
pub fn parse_decimal(input: &str) -> Result<f64, ParseNumberError> {
    let trimmed = input.trim();
    let trimmed = trimmed.strip_suffix('%').unwrap_or(trimmed);
    let parts = split(trimmed)?;
    let text = match &parts.frac {
        Some(f) => format!("{}.{f}", parts.int),
        None => parts.int.clone(),
    };
    let value: f64 = text.parse().map_err(|_| ParseNumberError::Invalid)?;
    if !value.is_finite() {
        return Err(ParseNumberError::OutOfRange);
    }
    Ok(if parts.negative { -value } else { value })
}

/// An amount of money: "1.500.000 đ", "1500000", "1.500.000 VNĐ". Never negative.
pub fn parse_money(input: &str) -> Result<u64, ParseNumberError> {
    let t = input.trim();
    let t = ["VNĐ", "vnđ", "VND", "vnd", "đồng", "đ"]
        .iter()
        .find_map(|suffix| t.strip_suffix(suffix))
        .unwrap_or(t);
    let n = parse_number(t)?;
    u64::try_from(n).map_err(|_| ParseNumberError::Invalid)
}

/// A date as typed: "05/08/2025", "5/8/2025", also with "-" or ".".
pub fn parse_date(input: &str) -> Result<NaiveDate, ParseDateError> {
    let parts: Vec<&str> = input.trim().split(['/', '-', '.']).collect();
    let [d, m, y] = parts.as_slice() else {
        return Err(ParseDateError);
    };
    let num = |t: &str, max_len: usize| -> Result<u32, ParseDateError> {
        if t.is_empty() || t.len() > max_len || !t.chars().all(|c| c.is_ascii_digit()) {
            return Err(ParseDateError);
        }
        t.parse().map_err(|_| ParseDateError)
    };
    if y.len() != 4 {
        return Err(ParseDateError);
    }
    let year = i32::try_from(num(y, 4)?).map_err(|_| ParseDateError)?;
    NaiveDate::from_ymd_opt(year, num(m, 2)?, num(d, 2)?).ok_or(ParseDateError)
}
