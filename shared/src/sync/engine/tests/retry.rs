//! When a sync fails: the pause grows after server errors, not without a
//! network, and a busy server's `Retry-After` is kept.
use super::*;

#[cfg_attr(not(target_arch = "wasm32"), test)]
#[cfg_attr(target_arch = "wasm32", wasm_bindgen_test::wasm_bindgen_test)]
fn failures_back_off_and_online_retries_at_once() {
    let mut a = one_edit_waiting(1);
    a.fail("offline", t(0)).expect("fail");
    assert!(!a.due(t(1)));
    assert!(a.due(t(3)));
    a.fail("offline", t(3)).expect("fail");
    a.fail("offline", t(3)).expect("fail");
    assert!(!a.due(t(10)), "8 s after the third failure");
    assert!(a.due(t(12)));
    for _ in 0..30 {
        a.fail("offline", t(100)).expect("fail");
    }
    assert!(a.due(t(100 + 301)), "never more than five minutes");
    a.fail("offline", t(500)).expect("fail");
    a.retry_now();
    assert!(a.due(t(500)));
    assert_eq!(a.summary().last_error.as_deref(), Some("offline"));
}

#[cfg_attr(not(target_arch = "wasm32"), test)]
#[cfg_attr(target_arch = "wasm32", wasm_bindgen_test::wasm_bindgen_test)]
fn no_network_never_backs_off_but_a_server_error_does() {
    use crate::api::{ApiError, CallError};
    use crate::sync::{Lease, SyncOutcome};
    let mut a = one_edit_waiting(1);
    let (outcome, _) = run_once(&mut a, &Failing(CallError::Offline), Lease::Held, t(0));
    assert_eq!(outcome, SyncOutcome::Failed(CallError::Offline));
    assert!(
        a.due(t(0)),
        "the next try waits for nothing but the network"
    );
    assert_eq!(a.pending(), 1, "kept on the device");
    let server_error = CallError::Server(ApiError::new("internal", "lỗi"));
    let (outcome, _) = run_once(&mut a, &Failing(server_error), Lease::Held, t(0));
    assert!(matches!(outcome, SyncOutcome::Failed(_)));
    assert!(
        !a.due(t(1)),
        "a server that answers with errors is given time"
    );
    let (outcome, _) = run_once(&mut a, &Failing(CallError::Offline), Lease::Held, t(1));
    assert_eq!(outcome, SyncOutcome::NotDue);
    assert_eq!(a.pending(), 1);
}

#[cfg_attr(not(target_arch = "wasm32"), test)]
#[cfg_attr(target_arch = "wasm32", wasm_bindgen_test::wasm_bindgen_test)]
fn a_busy_server_is_not_asked_again_before_its_retry_after() {
    use crate::api::{ApiError, CallError, Code};
    use crate::sync::{Lease, SyncOutcome};
    let mut a = one_edit_waiting(1);
    let busy = CallError::from_answer(503, Some("120"), Some(ApiError::of(Code::Unavailable)));
    let (outcome, _) = run_once(&mut a, &Failing(busy), Lease::Held, t(0));
    assert!(matches!(
        outcome,
        SyncOutcome::Failed(CallError::Busy { .. })
    ));
    assert!(!a.due(t(119)), "before Retry-After, though backoff is 2 s");
    assert!(a.due(t(121)));
    assert_eq!(a.pending(), 1, "kept on the device");
}
