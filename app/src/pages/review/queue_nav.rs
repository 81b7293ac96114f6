//! Above the open model: where it is in the queue and "next in queue", so
//! the reviewer acts and moves on without going back to the list; on a
//! phone also the way back to the list.
use leptos::prelude::*;
use shared::ids::ModelId;

use super::QueueData;
use crate::route::Route;
use crate::strings;

#[component]
pub(super) fn QueueNav(data: QueueData, current: ModelId) -> impl IntoView {
    // Where the model was when last seen in the queue: once the reviewer
    // has acted on it, the next one is the model now in its place.
    let position = Memo::new(move |_| data.queue.with(|q| q.position(current)));
    let last = RwSignal::new(position.get_untracked());
    Effect::new(move |_| {
        if let Some(p) = position.get() {
            last.set(Some(p));
        }
    });
    let next = Memo::new(move |_| data.queue.with(|q| q.next_after(current, last.get())));
    let done = move || position.with(Option::is_none);
    view! {
        <nav class="queue-nav" id="queue-nav" data-done=move || done().to_string()>
            <a class="button button--quiet queue-nav__back" href=Route::Review(None).href()>{strings::BACK_QUEUE}</a>
            <span class="queue-nav__where">{move || match position.get() {
                Some(p) => strings::queue_position(p + 1, data.queue.with(|q| q.items.len())),
                None => strings::QUEUE_DONE_HERE.to_owned(),
            }}</span>
            {move || match next.get() {
                Some(id) => view! {
                    <a id="queue-next" class="button" class:button--primary=done() href=Route::Review(Some(id)).href()>{strings::NEXT_IN_QUEUE}</a>
                }.into_any(),
                None => view! { <span class="queue-nav__end" id="queue-finished">{strings::QUEUE_FINISHED}</span> }.into_any(),
            }}
        </nav>
    }
}
