//! The sync bar: network state, changes waiting, last sync, progress, and
//! a button to sync now, and what the sync is doing at this moment. It
//! shows the engine's numbers, nothing guessed.
use leptos::prelude::*;

use crate::strings;
use crate::sync::{Phase, Saved, SyncUi};

pub fn local_time(at: chrono::DateTime<chrono::Utc>) -> String {
    // The device's time zone, as people read clocks.
    let offset_min = -(js_sys::Date::new_0().get_timezone_offset() as i64);
    let local = at + chrono::Duration::minutes(offset_min);
    format!(
        "{} {}",
        local.format("%H:%M"),
        shared::format::date(local.date_naive())
    )
}

/// What the bar says the sync is doing: (`data-state`, words).
fn state(ui: &SyncUi) -> (&'static str, String) {
    let waiting = ui.summary.pending_ops;
    if !ui.online || ui.phase == Phase::Unreachable {
        return ("offline", strings::waiting_for_network(waiting));
    }
    match &ui.phase {
        Phase::Idle | Phase::Unreachable => ("idle", String::new()),
        Phase::OtherTab => ("other-tab", strings::OTHER_TAB_SYNCING.to_owned()),
        Phase::Sending(n) => ("sending", strings::sending(*n)),
        Phase::Receiving(share) => ("receiving", strings::receiving(*share)),
        Phase::Done => ("done", strings::SYNC_DONE.to_owned()),
        Phase::Failed(message) => {
            let retry = ui.summary.next_attempt.map(local_time);
            ("error", strings::server_problem(message, retry.as_deref()))
        }
    }
}

#[component]
pub fn SyncBar(ui: RwSignal<SyncUi>) -> impl IntoView {
    let run = move |_| {
        if let Some(syncer) = crate::sync::current() {
            syncer.sync_now();
        }
    };
    let state = Memo::new(move |_| ui.with(state));
    let share = move || match ui.get().phase {
        Phase::Receiving(share) if ui.get().online => share,
        _ => None,
    };
    view! {
        <section class="syncbar" aria-live="polite">
            <span class="badge" class:badge--offline=move || !ui.get().online
                data-online=move || ui.get().online.to_string()>
                {move || if ui.get().online { strings::ONLINE } else { strings::OFFLINE }}
            </span>
            <span class="syncbar__pending" data-pending=move || ui.get().summary.pending_ops.to_string()>
                {move || {
                    let n = ui.get().summary.pending_ops;
                    if n == 0 { strings::ALL_SENT.to_owned() } else { format!("{n} {}", strings::WAITING) }
                }}
            </span>
            <span class="syncbar__saved" id="save-state" data-state=move || match ui.get().saved {
                    Saved::Yes => "saved", Saved::Saving => "saving", Saved::Failed(_) => "failed" }
                class:syncbar__error=move || matches!(ui.get().saved, Saved::Failed(_))>
                {move || match ui.get().saved {
                    Saved::Yes => strings::SAVED_ON_DEVICE,
                    Saved::Saving => strings::SAVING,
                    Saved::Failed(_) => strings::NOT_SAVED,
                }}
            </span>
            <span class="syncbar__last">
                {move || match ui.get().summary.last_synced_at {
                    Some(at) => format!("{} {}", strings::SYNCED_AT, local_time(at)),
                    None => strings::NEVER_SYNCED.to_owned(),
                }}
            </span>
            <button id="sync-now" class="button" on:click=run disabled=move || ui.get().running>
                {move || if ui.get().running { strings::SYNCING } else { strings::SYNC_NOW }}
            </button>
            <span class="syncbar__state" role="status" data-state=move || state.get().0
                class:syncbar__error=move || state.get().0 == "error">{move || state.get().1}</span>
            {move || share().map(|p| view! {
                <progress class="syncbar__progress" max="100" value=format!("{:.0}", p * 100.0)></progress>
            })}
        </section>
        {move || ui.get().signed_out.then(|| view! {
            <p class="notice" id="signed-out" role="alert">{strings::SIGNED_OUT_BANNER} " "
                <button id="sign-in-again" class="button button--primary" on:click=|_| {
                    // The person's data stays under their own name on this device.
                    crate::session::forget();
                    let _ = window().location().reload();
                }>{strings::SIGN_IN_AGAIN}</button>
            </p>
        })}
    }
}
