//! The sync bar: network state, changes waiting, last sync, progress, and
//! a button to sync now. It shows the engine's numbers, nothing guessed.
use leptos::prelude::*;

use crate::strings;
use crate::sync::SyncUi;

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

#[component]
pub fn SyncBar(ui: RwSignal<SyncUi>) -> impl IntoView {
    let run = move |_| {
        if let Some(syncer) = crate::sync::current() {
            leptos::task::spawn_local(async move { syncer.run(true).await });
        }
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
            <span class="syncbar__last">
                {move || match ui.get().summary.last_synced_at {
                    Some(at) => format!("{} {}", strings::SYNCED_AT, local_time(at)),
                    None => strings::NEVER_SYNCED.to_owned(),
                }}
            </span>
            {move || ui.get().progress.map(|p| view! {
                <progress class="syncbar__progress" max="100" value=format!("{:.0}", p * 100.0)></progress>
            })}
            <button id="sync-now" class="button" on:click=run disabled=move || ui.get().running>
                {move || if ui.get().running { strings::SYNCING } else { strings::SYNC_NOW }}
            </button>
            // Offline is already said by the badge; other failures are shown.
            {move || ui.get().error.filter(|_| ui.get().online).map(|e| view! { <span class="syncbar__error" role="status">{e}</span> })}
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
