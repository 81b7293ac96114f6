//! Deadline states and their Vietnamese labels.
use shared::deadline::{DeadlineState, deadline_state};

use crate::fixtures::d;

#[cfg_attr(not(target_arch = "wasm32"), test)]
#[cfg_attr(target_arch = "wasm32", wasm_bindgen_test::wasm_bindgen_test)]
fn deadline_day_itself_is_on_time() {
    let deadline = d(2025, 9, 1);
    assert_eq!(
        deadline_state(deadline, deadline, None),
        DeadlineState::DaysLeft(0)
    );
    assert_eq!(
        deadline_state(deadline, deadline, None).label(),
        "hôm nay là hạn cuối"
    );
    assert_eq!(
        deadline_state(deadline, d(2025, 9, 5), Some(deadline)),
        DeadlineState::DoneOnTime
    );
    assert!(!deadline_state(deadline, deadline, None).is_late());
}

#[cfg_attr(not(target_arch = "wasm32"), test)]
#[cfg_attr(target_arch = "wasm32", wasm_bindgen_test::wasm_bindgen_test)]
fn days_left_and_overdue() {
    let deadline = d(2025, 9, 1);
    let s = deadline_state(deadline, d(2025, 8, 29), None);
    assert_eq!(s, DeadlineState::DaysLeft(3));
    assert_eq!(s.label(), "còn 3 ngày");
    let s = deadline_state(deadline, d(2025, 9, 2), None);
    assert_eq!(s, DeadlineState::Overdue { days: 1 });
    assert_eq!(s.label(), "quá hạn 1 ngày");
    assert!(s.is_late() && !s.is_done());
}

#[cfg_attr(not(target_arch = "wasm32"), test)]
#[cfg_attr(target_arch = "wasm32", wasm_bindgen_test::wasm_bindgen_test)]
fn done_late_is_marked_not_blocked() {
    let deadline = d(2025, 11, 20);
    let s = deadline_state(deadline, d(2025, 12, 1), Some(d(2025, 11, 22)));
    assert_eq!(s, DeadlineState::DoneLate { days: 2 });
    assert_eq!(s.label(), "nộp muộn 2 ngày");
    assert!(s.is_late() && s.is_done());
    assert_eq!(
        deadline_state(deadline, d(2025, 12, 1), Some(d(2025, 11, 19))).label(),
        "đúng hạn"
    );
}

#[cfg_attr(not(target_arch = "wasm32"), test)]
#[cfg_attr(target_arch = "wasm32", wasm_bindgen_test::wasm_bindgen_test)]
fn across_year_and_leap_day() {
    assert_eq!(
        deadline_state(d(2025, 1, 2), d(2024, 12, 31), None),
        DeadlineState::DaysLeft(2)
    );
    assert_eq!(
        deadline_state(d(2024, 3, 1), d(2024, 2, 28), None),
        DeadlineState::DaysLeft(2)
    );
}
