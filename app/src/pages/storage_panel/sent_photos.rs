//! Photos already on the server, dropped from the device on request: the
//! button says how much it frees; thumbnails stay, full photos are
//! fetched again when viewed online. Unsent photos are never dropped
//! (`shared::photo::guard`).
use leptos::prelude::*;
use shared::messages;
use shared::photo::guard;

use super::mb;

#[component]
pub fn SentPhotos(message: RwSignal<Option<(bool, String)>>) -> impl IntoView {
    let plan = RwSignal::new(None::<guard::Plan>);
    let photo_version = crate::photos::version();
    Effect::new(move |_| {
        photo_version.track();
        leptos::task::spawn_local(async move {
            if let Ok(held) = crate::photos::listed().await {
                let _ = plan.try_set(Some(guard::droppable(&held)));
            }
        });
    });
    let working = RwSignal::new(false);
    let drop_them = move |_| {
        working.set(true);
        leptos::task::spawn_local(async move {
            let said = match crate::photos::drop_sent().await {
                Ok(freed) if freed.hashes.is_empty() => (true, messages::DROP_SENT_NONE.to_owned()),
                Ok(freed) => (
                    true,
                    messages::dropped_sent_photos(
                        freed.hashes.len(),
                        &mb(freed.bytes as f64),
                        false,
                    ),
                ),
                Err(error) => (false, crate::store::idb::describe(&error)),
            };
            message.set(Some(said));
            working.set(false);
        });
    };
    view! {
        <section class="card" id="sent-photos"
            data-droppable=move || plan.get().map_or(0, |p| p.hashes.len()).to_string()
            data-bytes=move || plan.get().map_or(0, |p| p.bytes).to_string()>
            <p class="field__hint">{messages::DROP_SENT_HELP}</p>
            {move || plan.get().map(|p| if p.hashes.is_empty() {
                view! { <p class="field__hint" id="drop-sent-none">{messages::DROP_SENT_NONE}</p> }.into_any()
            } else {
                view! {
                    <button id="drop-sent-photos" class="button" disabled=move || working.get() on:click=drop_them>
                        {messages::drop_sent_photos(p.hashes.len(), &mb(p.bytes as f64))}
                    </button>
                }.into_any()
            })}
        </section>
    }
}
