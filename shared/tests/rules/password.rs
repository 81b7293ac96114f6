//! The password rule: long enough, not all digits, not on the list of the
//! most used (checked without case, marks, spaces or symbols).
use shared::ErrorCode;
use shared::user::{PASSWORD_MIN, validate_password};

fn code_of(password: &str) -> Option<ErrorCode> {
    validate_password("password", password)
        .first()
        .map(|e| e.code)
}

#[cfg_attr(not(target_arch = "wasm32"), test)]
#[cfg_attr(target_arch = "wasm32", wasm_bindgen_test::wasm_bindgen_test)]
fn ten_characters_or_a_passphrase_are_accepted() {
    assert_eq!(PASSWORD_MIN, 10);
    for good in [
        "trâu ăn cỏ non",
        "con đường đến trường",
        "Nắng-sớm-Thanh-Miện",
        "k7#vQ2!xLp",
        "mat-khau-ban-dau",
    ] {
        assert!(validate_password("password", good).is_empty(), "{good}");
    }
    let errors = validate_password("new", "ngan-qua");
    assert_eq!(errors.len(), 1);
    assert_eq!(errors[0].field, "new");
    assert_eq!(errors[0].code, ErrorCode::TooShort);
    assert!(
        errors[0].message.contains("10 ký tự"),
        "{}",
        errors[0].message
    );
    assert_eq!(
        code_of(&"trâu ăn cỏ non ".repeat(14)),
        Some(ErrorCode::TooLong)
    );
}

#[cfg_attr(not(target_arch = "wasm32"), test)]
#[cfg_attr(target_arch = "wasm32", wasm_bindgen_test::wasm_bindgen_test)]
fn common_passwords_are_refused_however_they_are_written() {
    for common in [
        "1234567890",
        "qwertyuiop",
        "password123",
        "Password@2025",
        "matkhau123456",
        "Mật khẩu 2025",
        "anhyeuem123",
        "Anh Yêu Em!!",
        "vietnam@123",
        "dangbo2025",
        "danvankheo2025",
        "aaaaaaaaaaaa",
        "abababababab",
        "0912345678",
    ] {
        assert!(
            common.chars().count() >= PASSWORD_MIN,
            "{common} is long enough"
        );
        let code = code_of(common);
        assert_eq!(code, Some(ErrorCode::TooCommon), "{common} was accepted");
    }
    let digits = validate_password("password", "0912345678");
    assert!(
        digits[0].message.contains("chữ số"),
        "{}",
        digits[0].message
    );
}

/// The demo's password is printed in the README: never accepted as a new one.
#[cfg_attr(not(target_arch = "wasm32"), test)]
#[cfg_attr(target_arch = "wasm32", wasm_bindgen_test::wasm_bindgen_test)]
fn the_public_demo_password_is_refused_as_a_new_password() {
    assert_eq!(code_of("dvk-demo-2025"), Some(ErrorCode::TooCommon));
}
