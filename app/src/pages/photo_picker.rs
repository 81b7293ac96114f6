//! Adding photos to a record being written: the phone's camera or its
//! pictures (several at once), each shrunk, hashed and kept in IndexedDB
//! before the record refers to it, with a caption. A full storage says
//! so and the record keeps everything else.
use leptos::prelude::*;
use shared::photo::{self, PhotoRef};
use wasm_bindgen::JsCast;
use web_sys::HtmlInputElement;

use crate::pages::photo_thumb::PhotoThumb;
use crate::photos;
use crate::store::idb;
use crate::strings;

/// Shrinks and keeps each picked file in turn; adds each kept one through
/// `on_change` (read again after every step: the list may have changed).
async fn add_files(
    files: Vec<web_sys::File>,
    photos_now: Signal<Vec<PhotoRef>>,
    on_change: Callback<Vec<PhotoRef>>,
    problem: RwSignal<Option<String>>,
    took: RwSignal<Vec<String>>,
) {
    for file in files {
        if photos_now.get_untracked().len() >= photo::MAX_PER_RECORD {
            problem.set(Some(photo::too_many()));
            return;
        }
        let shrunk = match photos::shrink(&file).await {
            Ok(shrunk) => shrunk,
            Err(message) => {
                problem.set(Some(message));
                continue;
            }
        };
        let hash = shrunk.reference.sha256.clone();
        if let Err(error) = photos::keep(&hash, &shrunk.full, &shrunk.thumb).await {
            let message = if idb::is_quota(&error) {
                shared::messages::PHOTO_STORAGE_FULL.to_owned()
            } else {
                format!("{} ({})", strings::STORAGE_FAILED, idb::describe(&error))
            };
            problem.set(Some(message));
            return;
        }
        took.update(|t| t.push(format!("{:.0}:{}", shrunk.took_ms, shrunk.reference.bytes)));
        let mut list = photos_now.get_untracked();
        if !list.iter().any(|p| p.sha256 == hash) {
            list.push(shrunk.reference);
            on_change.run(list);
        }
    }
}

#[component]
pub fn PhotoPicker(
    /// `progress` or `report`: the ids of the input and the list.
    id: &'static str,
    photos: Signal<Vec<PhotoRef>>,
    on_change: Callback<Vec<PhotoRef>>,
    disabled: Signal<bool>,
) -> impl IntoView {
    let problem = RwSignal::new(None::<String>);
    let working = RwSignal::new(false);
    // "milliseconds:bytes" of each photo shrunk here (read by the bench).
    let took = RwSignal::new(Vec::<String>::new());
    let picked = move |ev: leptos::ev::Event| {
        let Some(input) = ev
            .target()
            .and_then(|t| t.dyn_into::<HtmlInputElement>().ok())
        else {
            return;
        };
        let Some(list) = input.files() else { return };
        let files: Vec<web_sys::File> = (0..list.length()).filter_map(|i| list.get(i)).collect();
        input.set_value("");
        problem.set(None);
        working.set(true);
        leptos::task::spawn_local(async move {
            add_files(files, photos, on_change, problem, took).await;
            working.set(false);
        });
    };
    let input_id = format!("{id}-photo-input");
    view! {
        <section class="photos" id=format!("{id}-photos")
            data-working=move || working.get().to_string()
            data-took=move || took.get().join(",")>
            <p class="field__label">{strings::PHOTOS}</p>
            <ul class="photos__list">
                {move || photos.get().into_iter().enumerate().map(|(i, p)| {
                    let caption = p.caption.clone();
                    view! {
                        <li class="photos__item">
                            <PhotoThumb photo=p/>
                            <input class="field__input photos__caption" type="text"
                                maxlength=photo::CAPTION_MAX.to_string()
                                placeholder=strings::PHOTO_CAPTION
                                aria-label=strings::PHOTO_CAPTION
                                prop:value=caption disabled=move || disabled.get()
                                on:change=move |e| {
                                    let text = event_target_value(&e);
                                    let mut list = photos.get_untracked();
                                    if let Some(p) = list.get_mut(i) {
                                        p.caption = text;
                                        on_change.run(list);
                                    }
                                }/>
                            <button class="link photos__remove" disabled=move || disabled.get()
                                on:click=move |_| {
                                    let mut list = photos.get_untracked();
                                    if i < list.len() {
                                        list.remove(i);
                                        on_change.run(list);
                                    }
                                }>{strings::REMOVE_PHOTO}</button>
                        </li>
                    }
                }).collect_view()}
            </ul>
            <label class="field__label" for=input_id.clone()>{strings::ADD_PHOTOS}</label>
            <input id=input_id class="photos__input" type="file" accept="image/*"
                capture="environment" multiple=true
                disabled=move || disabled.get() on:change=picked/>
            {move || working.get().then(|| view! { <p class="field__hint">{strings::PHOTO_WORKING}</p> })}
            {move || problem.get().map(|p| view! { <p class="field__error photos__problem" role="alert">{p}</p> })}
        </section>
    }
}
