//! Vietnamese formatting and parsing of form input.
use shared::format::{
    NOT_A_NUMBER, ParseNumberError, date, date_line, decimal, integer, money, number, parse_date,
    parse_decimal, parse_money, parse_number, percent,
};
use shared::validate::ErrorCode;

use crate::fixtures::d;

#[cfg_attr(not(target_arch = "wasm32"), test)]
#[cfg_attr(target_arch = "wasm32", wasm_bindgen_test::wasm_bindgen_test)]
fn dates() {
    assert_eq!(date(d(2025, 8, 5)), "05/08/2025");
    assert_eq!(date(d(2025, 12, 31)), "31/12/2025");
}

#[cfg_attr(not(target_arch = "wasm32"), test)]
#[cfg_attr(target_arch = "wasm32", wasm_bindgen_test::wasm_bindgen_test)]
fn date_lines_follow_party_rule() {
    assert_eq!(
        date_line("Thanh Miện", d(2025, 8, 5)),
        "Thanh Miện, ngày 05 tháng 8 năm 2025"
    );
    assert_eq!(
        date_line("Thanh Miện", d(2026, 1, 5)),
        "Thanh Miện, ngày 05 tháng 01 năm 2026"
    );
    assert_eq!(
        date_line("Thanh Miện", d(2026, 2, 28)),
        "Thanh Miện, ngày 28 tháng 02 năm 2026"
    );
    assert_eq!(
        date_line("Thanh Miện", d(2025, 12, 1)),
        "Thanh Miện, ngày 01 tháng 12 năm 2025"
    );
    assert_eq!(
        date_line("Thanh Miện", d(2025, 3, 10)),
        "Thanh Miện, ngày 10 tháng 3 năm 2025"
    );
    assert_eq!(date_line("  ", d(2025, 8, 5)), "ngày 05 tháng 8 năm 2025");
}

#[cfg_attr(not(target_arch = "wasm32"), test)]
#[cfg_attr(target_arch = "wasm32", wasm_bindgen_test::wasm_bindgen_test)]
fn integers() {
    assert_eq!(integer(0), "0");
    assert_eq!(integer(999), "999");
    assert_eq!(integer(1039), "1.039");
    assert_eq!(integer(1_000_000), "1.000.000");
    assert_eq!(integer(-1_500_000), "-1.500.000");
    assert_eq!(integer(i64::MIN), "-9.223.372.036.854.775.808");
}

#[cfg_attr(not(target_arch = "wasm32"), test)]
#[cfg_attr(target_arch = "wasm32", wasm_bindgen_test::wasm_bindgen_test)]
fn decimals_and_percent() {
    assert_eq!(decimal(3.5, 2), "3,50");
    assert_eq!(decimal(1039.0, 0), "1.039");
    assert_eq!(decimal(1_234_567.891, 2), "1.234.567,89");
    assert_eq!(decimal(-0.001, 2), "0,00");
    assert_eq!(decimal(-2.5, 1), "-2,5");
    assert_eq!(decimal(f64::NAN, 2), NOT_A_NUMBER);
    assert_eq!(percent(85.44), "85,44%");
    assert_eq!(percent(85.5), "85,5%");
    assert_eq!(percent(100.0), "100%");
    assert_eq!(percent(99.999), "100%");
    assert_eq!(percent(0.0), "0%");
    assert_eq!(percent(f64::INFINITY), NOT_A_NUMBER);
    assert_eq!(number(1039.0), "1.039");
    assert_eq!(number(12.5), "12,5");
}

#[cfg_attr(not(target_arch = "wasm32"), test)]
#[cfg_attr(target_arch = "wasm32", wasm_bindgen_test::wasm_bindgen_test)]
fn money_format() {
    assert_eq!(money(1_500_000), "1.500.000 đ");
    assert_eq!(money(0), "0 đ");
}

#[cfg_attr(not(target_arch = "wasm32"), test)]
#[cfg_attr(target_arch = "wasm32", wasm_bindgen_test::wasm_bindgen_test)]
fn parse_numbers() {
    assert_eq!(parse_number("1.039"), Ok(1039));
    assert_eq!(parse_number(" 1039 "), Ok(1039));
    assert_eq!(parse_number("-1.500.000"), Ok(-1_500_000));
    assert_eq!(parse_number("1 039"), Ok(1039));
    assert_eq!(parse_number(""), Err(ParseNumberError::Empty));
    assert_eq!(parse_number("   "), Err(ParseNumberError::Empty));
    assert_eq!(parse_number("1,5"), Err(ParseNumberError::Invalid));
    assert_eq!(parse_number("1.03"), Err(ParseNumberError::Invalid));
    assert_eq!(parse_number("mười"), Err(ParseNumberError::Invalid));
    assert_eq!(
        parse_number("99999999999999999999"),
        Err(ParseNumberError::OutOfRange)
    );
    assert_eq!(parse_money("1.500.000 đ"), Ok(1_500_000));
    assert_eq!(parse_money("2000000VNĐ"), Ok(2_000_000));
    assert_eq!(parse_money("-5"), Err(ParseNumberError::Invalid));
}

#[cfg_attr(not(target_arch = "wasm32"), test)]
#[cfg_attr(target_arch = "wasm32", wasm_bindgen_test::wasm_bindgen_test)]
fn parse_decimals() {
    assert_eq!(parse_decimal("85,44"), Ok(85.44));
    assert_eq!(parse_decimal("85,44%"), Ok(85.44));
    assert_eq!(parse_decimal("1.039,5"), Ok(1039.5));
    assert_eq!(parse_decimal("1.039"), Ok(1039.0));
    assert_eq!(parse_decimal("85.44"), Ok(85.44));
    assert_eq!(parse_decimal("0.5"), Ok(0.5));
    assert_eq!(parse_decimal("-2,5"), Ok(-2.5));
    assert_eq!(parse_decimal("1,2,3"), Err(ParseNumberError::Invalid));
    assert_eq!(parse_decimal("1.2.3"), Err(ParseNumberError::Invalid));
    assert_eq!(parse_decimal("abc"), Err(ParseNumberError::Invalid));
    assert_eq!(parse_decimal(","), Err(ParseNumberError::Invalid));
    let e = parse_decimal("x")
        .unwrap_err()
        .to_field_error("indicators[0].target");
    assert_eq!(e.code, ErrorCode::InvalidNumber);
    assert_eq!(e.message, "Số không hợp lệ");
}

#[cfg_attr(not(target_arch = "wasm32"), test)]
#[cfg_attr(target_arch = "wasm32", wasm_bindgen_test::wasm_bindgen_test)]
fn parse_dates() {
    assert_eq!(parse_date("05/08/2025"), Ok(d(2025, 8, 5)));
    assert_eq!(parse_date("5/8/2025"), Ok(d(2025, 8, 5)));
    assert_eq!(parse_date("29/02/2024"), Ok(d(2024, 2, 29)));
    assert!(parse_date("29/02/2025").is_err());
    assert!(parse_date("2025-08-05").is_err());
    assert!(parse_date("05/08/25").is_err());
    assert!(parse_date("").is_err());
    let e = parse_date("32/1/2025")
        .unwrap_err()
        .to_field_error("start_date");
    assert_eq!(e.code, ErrorCode::InvalidDate);
}

#[cfg_attr(not(target_arch = "wasm32"), test)]
#[cfg_attr(target_arch = "wasm32", wasm_bindgen_test::wasm_bindgen_test)]
fn more_models_says_how_many_come_and_how_many_are_left() {
    use shared::messages::more_models;
    assert_eq!(more_models(50, 2950), "Xem thêm 50 mô hình (còn 2.950)");
    assert_eq!(more_models(50, 50), "Xem thêm 50 mô hình");
    assert_eq!(more_models(50, 7), "Xem thêm 7 mô hình");
}
