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
    // One memo per part of the bar: `ui` changes twice a keystroke
    // (saving, saved), and each part is drawn again only when it changed.
    let state = Memo::new(move |_| ui.with(state));
    let online = Memo::new(move |_| ui.with(|u| u.online));
    let pending = Memo::new(move |_| ui.with(|u| u.summary.pending_ops));
    let saved = Memo::new(move |_| ui.with(|u| u.saved.clone()));
    let running = Memo::new(move |_| ui.with(|u| u.running));
    let signed_out = Memo::new(move |_| ui.with(|u| u.signed_out));
    let last = Memo::new(move |_| {
        ui.with(|u| match u.summary.last_synced_at {
            Some(at) => format!("{} {}", strings::SYNCED_AT, local_time(at)),
            None => strings::NEVER_SYNCED.to_owned(),
        })
    });
    let share = Memo::new(move |_| {
        ui.with(|u| match u.phase {
            Phase::Receiving(share) if u.online => share,
            _ => None,
        })
    });
    view! {
        <section class="syncbar" aria-live="polite">
            <span class="badge" class:badge--offline=move || !online.get()
                data-online=move || online.get().to_string()>
                {move || if online.get() { strings::ONLINE } else { strings::OFFLINE }}
            </span>
            <span class="syncbar__pending" data-pending=move || pending.get().to_string()>
                {move || {
                    let n = pending.get();
                    if n == 0 { strings::ALL_SENT.to_owned() } else { format!("{n} {}", strings::WAITING) }
                }}
            </span>
            <span class="syncbar__saved" id="save-state" data-state=move || match saved.get() {
                    Saved::Yes => "saved", Saved::Saving => "saving", Saved::Failed(_) => "failed" }
                class:syncbar__error=move || matches!(saved.get(), Saved::Failed(_))>
                {move || match saved.get() {
                    Saved::Yes => strings::SAVED_ON_DEVICE,
                    Saved::Saving => strings::SAVING,
                    Saved::Failed(_) => strings::NOT_SAVED,
                }}
            </span>
            <span class="syncbar__last">
                {move || last.get()}
            </span>
            <button id="sync-now" class="button" on:click=run disabled=move || running.get()>
                {move || if running.get() { strings::SYNCING } else { strings::SYNC_NOW }}
            </button>
            <span class="syncbar__state" role="status" data-state=move || state.get().0
                class:syncbar__error=move || state.get().0 == "error">{move || state.get().1}</span>
            {move || share.get().map(|p| view! {
                <progress class="syncbar__progress" max="100" value=format!("{:.0}", p * 100.0)></progress>
            })}
        </section>
        {move || signed_out.get().then(|| view! {
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
