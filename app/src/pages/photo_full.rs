//! One photo at full size over the screen, opened from its thumbnail: the
//! device's copy if its bytes are here, else fetched from the server (not
//! kept: a photo whose bytes left the device did so to save space).
//! Offline it says the photo is on the server only. Closed by "Đóng", a
//! tap outside the picture or Escape.
use leptos::prelude::*;
use shared::api::CallError;
use shared::messages;
use shared::photo::PhotoRef;

use crate::{api, photos, strings};

/// Where the full photo came from, or why there is none.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
enum Source {
    Device,
    Server,
    ServerOnly,
    Missing,
}

async fn resolve(hash: &str) -> (Option<web_sys::Blob>, Source) {
    if let Some(full) = photos::full(hash).await {
        return (Some(full), Source::Device);
    }
    match api::photo(hash).await {
        Ok(blob) => (Some(blob), Source::Server),
        Err(CallError::Server(error)) if error.code == "not_found" => (None, Source::Missing),
        Err(_) => (None, Source::ServerOnly),
    }
}

#[component]
pub fn PhotoFull(photo: PhotoRef, on_close: Callback<()>) -> impl IntoView {
    let url = RwSignal::new(None::<String>);
    let source = RwSignal::new(None::<Source>);
    let wanted = photo.sha256.clone();
    leptos::task::spawn_local(async move {
        let (blob, found) = resolve(&wanted).await;
        if let Some(new) = blob.and_then(|b| web_sys::Url::create_object_url_with_blob(&b).ok())
            && url.try_set(Some(new.clone())).is_some()
        {
            // Closed meanwhile.
            let _ = web_sys::Url::revoke_object_url(&new);
        }
        let _ = source.try_set(Some(found));
    });
    on_cleanup(move || {
        if let Some(old) = url.try_get_untracked().flatten() {
            let _ = web_sys::Url::revoke_object_url(&old);
        }
    });
    let state = move || match source.get() {
        Some(Source::Device) => "device",
        Some(Source::Server) => "server",
        Some(Source::ServerOnly) => "server-only",
        Some(Source::Missing) => "missing",
        None => "loading",
    };
    let said = move || match source.get() {
        None => Some(messages::PHOTO_LOADING),
        Some(Source::ServerOnly) => Some(messages::PHOTO_SERVER_ONLY),
        Some(Source::Missing) => Some(messages::PHOTO_NOT_FOUND),
        Some(Source::Device | Source::Server) => None,
    };
    let caption = photo.caption.trim().to_owned();
    let alt = caption.clone();
    let close = move || on_close.run(());
    view! {
        <div class="photo-full" id="photo-full" role="dialog" aria-modal="true" aria-label=strings::PHOTO_OPEN
            data-hash=photo.sha256.clone() data-source=state
            on:click=move |_| close()
            on:keydown=move |ev: web_sys::KeyboardEvent| if ev.key() == "Escape" { close() }>
            <figure class="photo-full__figure" on:click=|ev| ev.stop_propagation()>
                {move || url.get().map(|u| view! { <img class="photo-full__img" src=u alt=alt.clone()/> })}
                {move || said().map(|t| view! { <p class="photo-full__note" role="status">{t}</p> })}
                {(!caption.is_empty()).then(|| view! { <figcaption class="photo-full__caption">{caption.clone()}</figcaption> })}
            </figure>
            <button type="button" class="button photo-full__close" autofocus=true
                on:click=move |ev| { ev.stop_propagation(); close(); }>{messages::PHOTO_CLOSE}</button>
        </div>
    }
}
