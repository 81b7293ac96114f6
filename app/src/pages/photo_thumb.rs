//! One photo as a thumbnail with its caption: from this device if it is
//! here, else fetched from the server (and kept for offline viewing);
//! says "ảnh đang chờ tải lên" when the server does not have it yet.
//! A tap on the picture opens it full size (`photo_full`).
use leptos::prelude::*;
use shared::api::CallError;
use shared::photo::{self, PhotoRef, Where};

use crate::pages::photo_full::PhotoFull;
use crate::{api, photos, strings};

/// The picture to show and where the photo is.
async fn resolve(hash: &str) -> (Option<web_sys::Blob>, Where) {
    if let Some(thumb) = photos::thumb(hash).await {
        let uploaded = photos::is_uploaded(hash).await;
        return (Some(thumb), photo::where_is(true, uploaded, false));
    }
    match api::photo(hash).await {
        Ok(blob) => {
            if let Err(error) = photos::cache_fetched(hash, &blob).await {
                leptos::logging::warn!("photo {hash} not kept: {error:?}");
            }
            (Some(blob), Where::Synced)
        }
        Err(CallError::Server(error)) if error.code == "not_found" => {
            (None, photo::where_is(false, false, true))
        }
        Err(_) => (None, Where::Server),
    }
}

#[component]
pub fn PhotoThumb(photo: PhotoRef) -> impl IntoView {
    let url = RwSignal::new(None::<String>);
    let place = RwSignal::new(None::<Where>);
    let version = photos::version();
    let hash = photo.sha256.clone();
    Effect::new(move |_| {
        version.track();
        let hash = hash.clone();
        leptos::task::spawn_local(async move {
            let (blob, found) = resolve(&hash).await;
            let made = blob.and_then(|b| web_sys::Url::create_object_url_with_blob(&b).ok());
            // The thumbnail may be gone from the screen by now.
            if let Some(new) = made {
                if let Some(Some(old)) = url.try_get_untracked() {
                    let _ = web_sys::Url::revoke_object_url(&old);
                }
                if url.try_set(Some(new.clone())).is_some() {
                    let _ = web_sys::Url::revoke_object_url(&new);
                }
            }
            let _ = place.try_set(Some(found));
        });
    });
    on_cleanup(move || {
        if let Some(old) = url.try_get_untracked().flatten() {
            let _ = web_sys::Url::revoke_object_url(&old);
        }
    });
    let state = move || match place.get() {
        Some(Where::Synced) => "synced",
        Some(Where::Waiting) => "waiting",
        Some(Where::Server) => "server",
        Some(Where::Pending) => "pending",
        None => "loading",
    };
    let caption = photo.caption.clone();
    let open = RwSignal::new(false);
    let full = photo.clone();
    view! {
        <figure class="photo" data-hash=photo.sha256.clone() data-state=state>
            {move || url.get().map(|u| view! {
                <button type="button" class="photo__open" title=strings::PHOTO_OPEN aria-label=strings::PHOTO_OPEN
                    on:click=move |_| open.set(true)>
                    <img class="photo__img" src=u alt=caption.clone()/>
                </button>
            })}
            // Room for the picture while it loads or is not on the server yet.
            {move || url.with(Option::is_none).then(|| view! { <div class="photo__img photo__img--none" aria-hidden="true"></div> })}
            {(!photo.caption.is_empty()).then(|| view! { <figcaption class="photo__caption">{photo.caption.clone()}</figcaption> })}
            {move || place.get().and_then(photo::status_text).map(|t| view! { <span class="photo__status">{t}</span> })}
            {move || open.get().then(|| view! {
                <PhotoFull photo=full.clone() on_close=Callback::new(move |()| open.set(false))/>
            })}
        </figure>
    }
}
