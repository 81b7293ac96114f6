//! Tabs of one browser sharing the engine's storage: each sends what the
//! others wrote, and one at a time holds the right to sync.
use super::*;

#[cfg_attr(not(target_arch = "wasm32"), test)]
#[cfg_attr(target_arch = "wasm32", wasm_bindgen_test::wasm_bindgen_test)]
fn ops_written_by_another_tab_are_sent_too() {
    let mut server = Server::default();
    let mut tab1 = engine(1);
    let mut tab2 = Engine::open(tab1.storage().clone(), Uuid::from_u128(1)).expect("open");
    tab2.edit(
        MODEL,
        Uuid::from_u128(9),
        fields(json!({"name": "tab 2"})),
        t(1),
    )
    .expect("edit");
    // Share tab2's storage with tab1 as a browser would.
    tab1 = Engine::open(tab2.storage().clone(), Uuid::from_u128(1)).expect("open");
    tab1.edit(
        MODEL,
        Uuid::from_u128(8),
        fields(json!({"name": "tab 1"})),
        t(2),
    )
    .expect("edit");
    sync(&mut tab1, &mut server);
    assert_eq!(server.records.len(), 2);
}

#[cfg_attr(not(target_arch = "wasm32"), test)]
#[cfg_attr(target_arch = "wasm32", wasm_bindgen_test::wasm_bindgen_test)]
fn one_tab_at_a_time_holds_the_sync_lease() {
    let mut tab1 = engine(1);
    let mut tab2 = Engine::open(tab1.storage().clone(), Uuid::from_u128(1)).expect("open");
    assert!(tab1.acquire_lease("tab-1", t(0)).expect("lease"));
    // The second tab sees the first one's lease (shared storage).
    let mut tab2b = Engine::open(tab1.storage().clone(), Uuid::from_u128(1)).expect("open");
    assert!(!tab2b.acquire_lease("tab-2", t(10)).expect("lease"));
    assert!(
        tab2b.acquire_lease("tab-2", t(31)).expect("lease"),
        "an abandoned lease runs out"
    );
    tab2.release_lease("tab-2").expect("release");
    assert!(tab1.acquire_lease("tab-1", t(5)).expect("renew own"));
    tab1.release_lease("tab-1").expect("release");
    assert!(!tab1.storage().data.contains_key("sync/lease"));
}

#[cfg_attr(not(target_arch = "wasm32"), test)]
#[cfg_attr(target_arch = "wasm32", wasm_bindgen_test::wasm_bindgen_test)]
fn a_sync_reports_progress_and_waits_for_another_tabs_lease() {
    use crate::sync::{Lease, Progress, SyncOutcome};
    let mut server = Server::default();
    let mut other = engine(9);
    for n in 0..5 {
        other
            .edit(
                MODEL,
                Uuid::from_u128(100 + n),
                fields(json!({"name": "x"})),
                t(0),
            )
            .expect("edit");
    }
    sync(&mut other, &mut server);
    let mut a = one_edit_waiting(1);
    let mut tab2 = Engine::open(a.storage().clone(), Uuid::from_u128(1)).expect("open");
    assert!(tab2.acquire_lease("tab-2", t(0)).expect("lease"));
    // Tabs share storage: copy tab 2's lease into a's storage.
    a.store = tab2.storage().clone();
    let holder = Lease::Storage { holder: "tab-1" };
    let (outcome, _) = run_once(
        &mut a,
        &Local(std::cell::RefCell::new(&mut server)),
        holder,
        t(1),
    );
    assert_eq!(outcome, SyncOutcome::Busy);
    assert_eq!(a.pending(), 1, "nothing sent while another tab syncs");
    let (outcome, heard) = run_once(
        &mut a,
        &Local(std::cell::RefCell::new(&mut server)),
        holder,
        t(40),
    );
    assert_eq!(
        outcome,
        SyncOutcome::Synced {
            sent: 1,
            received: 6
        }
    );
    assert_eq!(
        heard.first(),
        Some(&Progress::Sending {
            sent: 0,
            waiting: 1
        })
    );
    assert_eq!(heard.last(), Some(&Progress::Receiving { share: 1.0 }));
    assert!(!a.storage().data.contains_key("sync/lease"), "given back");
}
