//! One photo at full size over the screen, opened from its thumbnail:
//! the device's copy if it holds one, else the server's (online); closed
//! by "Đóng", a tap outside the picture or Escape.
use leptos::prelude::*;
use shared::photo::PhotoRef;

use crate::{api, photos, strings};

/// The full photo: this device's, else the server's.
async fn full(hash: &str) -> Option<web_sys::Blob> {
    match photos::full(hash).await {
        Some(blob) => Some(blob),
        None => api::photo(hash).await.ok(),
    }
}

#[component]
pub fn PhotoFull(photo: PhotoRef, on_close: Callback<()>) -> impl IntoView {
    // None while loading; Some(None) when neither here nor reachable.
    let url = RwSignal::new(None::<Option<String>>);
    let hash = photo.sha256.clone();
    leptos::task::spawn_local(async move {
        let made = full(&hash)
            .await
            .and_then(|b| web_sys::Url::create_object_url_with_blob(&b).ok());
        if let Some(Some(Some(new))) = url.try_set(Some(made)) {
            // The view closed before the photo came.
            let _ = web_sys::Url::revoke_object_url(&new);
        }
    });
    on_cleanup(move || {
        if let Some(Some(old)) = url.try_get_untracked().flatten() {
            let _ = web_sys::Url::revoke_object_url(&old);
        }
    });
    let caption = photo.caption.trim().to_owned();
    let alt = caption.clone();
    let close = move || on_close.run(());
    view! {
        <div class="photo-full" role="dialog" aria-modal="true" aria-label=strings::PHOTO_OPEN
            data-hash=photo.sha256.clone()
            on:click=move |_| close()
            on:keydown=move |ev: web_sys::KeyboardEvent| if ev.key() == "Escape" { close() }>
            <figure class="photo-full__figure" on:click=|ev| ev.stop_propagation()>
                {move || match url.get() {
                    None => view! { <p class="photo-full__note">{strings::PHOTO_LOADING}</p> }.into_any(),
                    Some(Some(u)) => view! { <img class="photo-full__img" src=u alt=alt.clone()/> }.into_any(),
                    Some(None) => view! { <p class="photo-full__note" role="alert">{strings::PHOTO_FULL_MISSING}</p> }.into_any(),
                }}
                {(!caption.is_empty()).then(|| view! { <figcaption class="photo-full__caption">{caption.clone()}</figcaption> })}
            </figure>
            <button type="button" class="button photo-full__close" autofocus=true
                on:click=move |ev| { ev.stop_propagation(); close(); }>{strings::PHOTO_CLOSE}</button>
        </div>
    }
}
