//! The backup card: download records only (small) or records with the
//! photos not yet on the server, and restore either kind (also files of
//! builds before photos). The file format is `shared::sync::backup`; here
//! only the browser's side: reading photos from IndexedDB, the download,
//! the file input.
use leptos::prelude::*;
use shared::messages;
use shared::sync::backup::{self, Contents};
use wasm_bindgen::{JsCast, JsValue};
use wasm_bindgen_futures::JsFuture;

use super::mb;
use crate::clock;
use crate::strings;
use crate::sync;

fn download(name: &str, text: &str) -> Result<(), JsValue> {
    let parts = js_sys::Array::of1(&JsValue::from_str(text));
    let options = web_sys::BlobPropertyBag::new();
    options.set_type("application/json");
    let blob = web_sys::Blob::new_with_str_sequence_and_options(&parts, &options)?;
    let url = web_sys::Url::create_object_url_with_blob(&blob)?;
    let link: web_sys::HtmlAnchorElement = document().create_element("a")?.dyn_into()?;
    link.set_href(&url);
    link.set_download(name);
    link.click();
    web_sys::Url::revoke_object_url(&url)?;
    Ok(())
}

/// Makes and downloads the backup file; the error is the text to show.
async fn save(contents: Contents) -> Result<(), String> {
    let syncer = sync::current().ok_or_else(|| strings::RESTORE_BAD_FILE.to_owned())?;
    let user = syncer.session.user.clone();
    let records = syncer
        .with_engine(|engine| {
            backup::export(
                engine,
                user.id.as_uuid(),
                &user.username,
                engine.device_id(),
                clock::now(),
            )
        })
        .map_err(|e| e.to_string())?;
    let made = match contents {
        Contents::RecordsOnly => records,
        Contents::WithUnsentPhotos => {
            let photos = crate::photos::unsent_for_backup()
                .await
                .map_err(|e| crate::store::idb::describe(&e))?;
            backup::with_photos(records, photos)
        }
    };
    let text = serde_json::to_string_pretty(&made).map_err(|e| e.to_string())?;
    let name = backup::file_name(&user.username, clock::now(), contents);
    download(&name, &text).map_err(|e| crate::store::idb::describe(&e))
}

/// Restores a backup file's text: records first (refused for another
/// person), then its photos into IndexedDB, then a sync sends both.
async fn restore(text: &str) -> Result<String, String> {
    let syncer = sync::current().ok_or_else(|| strings::RESTORE_BAD_FILE.to_owned())?;
    let user_id = syncer.session.user.id.as_uuid();
    let file = backup::parse(text).map_err(|e| e.to_string())?;
    let done = syncer
        .with_engine_mut(|engine| backup::restore(engine, &file, user_id))
        .map_err(|e| e.to_string())?;
    let photos = backup::photos_of(&file);
    let kept = match crate::photos::restore(&photos.good).await {
        Ok(()) => photos.good.len(),
        Err(error) if crate::store::idb::is_quota(&error) => {
            syncer.stored();
            return Err(messages::PHOTO_STORAGE_FULL.to_owned());
        }
        Err(error) => {
            syncer.stored();
            return Err(crate::store::idb::describe(&error));
        }
    };
    syncer.stored();
    Ok(messages::backup_restored(
        done.records,
        done.pending,
        kept,
        &photos.damaged,
    ))
}

#[component]
pub fn BackupCard(message: RwSignal<Option<(bool, String)>>) -> impl IntoView {
    // Unsent photos on the device: how many, and their bytes.
    let unsent = RwSignal::new((0usize, 0u64));
    let photo_version = crate::photos::version();
    Effect::new(move |_| {
        photo_version.track();
        leptos::task::spawn_local(async move {
            if let Ok(held) = crate::photos::listed().await {
                let waiting = held.iter().filter(|h| !h.uploaded);
                let (count, bytes) = waiting.fold((0, 0), |(n, b), h| {
                    (
                        n + usize::from(h.full_bytes.is_some()),
                        b + h.full_bytes.unwrap_or(0),
                    )
                });
                let _ = unsent.try_set((count, bytes));
            }
        });
    });
    let working = RwSignal::new(false);
    let start = move |contents: Contents| {
        working.set(true);
        leptos::task::spawn_local(async move {
            if let Err(error) = save(contents).await {
                message.set(Some((false, error)));
            }
            working.set(false);
        });
    };
    let on_restore = move |event: leptos::ev::Event| {
        let Some(input) = event
            .target()
            .and_then(|t| t.dyn_into::<web_sys::HtmlInputElement>().ok())
        else {
            return;
        };
        let Some(file) = input.files().and_then(|f| f.get(0)) else {
            return;
        };
        input.set_value("");
        working.set(true);
        leptos::task::spawn_local(async move {
            let text = JsFuture::from(file.text())
                .await
                .ok()
                .and_then(|v| v.as_string());
            let outcome = match text {
                Some(text) => restore(&text).await,
                None => Err(strings::RESTORE_BAD_FILE.to_owned()),
            };
            message.set(Some(match outcome {
                Ok(said) => (true, said),
                Err(error) => (false, error),
            }));
            working.set(false);
        });
    };
    view! {
        <section class="card" id="backup" data-working=move || working.get().to_string()
            data-unsent=move || unsent.get().0.to_string()>
            <p class="field__hint">{strings::BACKUP_HELP}</p>
            <p class="field__hint">{messages::BACKUP_CHOOSE}</p>
            <button id="download-backup" class="button button--primary" disabled=move || working.get()
                on:click=move |_| start(Contents::RecordsOnly)>{messages::BACKUP_RECORDS_ONLY}</button>
            <button id="download-backup-photos" class="button" disabled=move || working.get() || unsent.get().0 == 0
                on:click=move |_| start(Contents::WithUnsentPhotos)>
                {move || {
                    let (count, bytes) = unsent.get();
                    messages::backup_with_photos(count, &mb(backup::file_bytes(bytes) as f64))
                }}
            </button>
            <label class="field">
                <span class="field__label">{strings::RESTORE_BACKUP}</span>
                <input id="restore-backup" class="field__input" type="file" accept=".json,application/json" on:change=on_restore/>
            </label>
        </section>
    }
}
