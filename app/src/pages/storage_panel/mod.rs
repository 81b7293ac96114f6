//! Storage on the device: space used and available, persistent storage
//! asked for and its state, photos already sent dropped from the device
//! (`sent_photos`), and a backup file to download and restore (`backup`).
use leptos::prelude::*;
use wasm_bindgen::JsValue;
use wasm_bindgen_futures::JsFuture;

use crate::pages::back_home::BackHome;
use crate::store::local::{self, LOCAL_LIMIT_CHARS};
use crate::strings;
use crate::sync::{self, Saved};

mod backup;
mod sent_photos;
mod years;

/// Bytes as "0,81 MB".
pub fn mb(bytes: f64) -> String {
    format!("{} MB", shared::format::decimal(bytes / 1_000_000.0, 2))
}

/// The browser's estimate for the whole site: (used, quota) in bytes.
pub async fn estimate() -> Option<(f64, f64)> {
    let manager = window().navigator().storage();
    let promise = manager.estimate().ok()?;
    let value = JsFuture::from(promise).await.ok()?;
    let get = |name: &str| {
        js_sys::Reflect::get(&value, &JsValue::from_str(name))
            .ok()?
            .as_f64()
    };
    Some((get("usage")?, get("quota")?))
}

/// Warn from this share of the quota on, well before a write fails.
const WARN_SHARE: f64 = 0.8;

fn near(used: f64, quota: f64) -> bool {
    quota > 0.0 && used >= quota * WARN_SHARE
}

/// Whether the device is close to its limit: the browser's quota for the
/// site, (where data is still in localStorage) its ~5 MB, or a write the
/// browser just refused.
pub async fn nearly_full() -> bool {
    let local = sync::current().is_some_and(|s| {
        s.kv().is_none() && local::nearly_full(local::usage(s.session.user.id.as_uuid()).0)
    });
    let refused =
        sync::current().is_some_and(|s| matches!(s.ui.get_untracked().saved, Saved::Failed(_)));
    local
        || refused
        || estimate()
            .await
            .is_some_and(|(used, quota)| near(used, quota))
}

async fn persisted(ask: bool) -> Option<bool> {
    let manager = window().navigator().storage();
    let promise = if ask {
        manager.persist().ok()?
    } else {
        manager.persisted().ok()?
    };
    JsFuture::from(promise).await.ok()?.as_bool()
}

/// This person's data on the device: (bytes, records), and whether it is
/// in IndexedDB (else localStorage, in characters).
fn own_usage() -> (f64, usize, bool) {
    let Some(syncer) = sync::current() else {
        return (0.0, 0, true);
    };
    let records = syncer.with_engine(|e| e.record_stats().0);
    match syncer.kv() {
        Some(kv) => (kv.bytes() as f64, records, true),
        None => (
            local::usage(syncer.session.user.id.as_uuid()).1 as f64 * 2.0,
            records,
            false,
        ),
    }
}

#[component]
pub fn StoragePage() -> impl IntoView {
    let Some(syncer) = sync::current() else {
        return ().into_any();
    };
    let user_id = syncer.session.user.id.as_uuid();
    let version = syncer.data_version;
    let ui = syncer.ui;
    let own = Memo::new(move |_| {
        version.track();
        own_usage()
    });
    let site = RwSignal::new(None::<(f64, f64)>);
    let photo_use = RwSignal::new(None::<crate::photos::Usage>);
    let kept = RwSignal::new(None::<bool>);
    let message = RwSignal::new(None::<(bool, String)>);
    let photo_version = crate::photos::version();
    Effect::new(move |_| {
        version.track();
        photo_version.track();
        leptos::task::spawn_local(async move {
            site.set(estimate().await);
            kept.set(persisted(false).await);
            photo_use.set(crate::photos::usage().await.ok());
        });
    });
    let ask = move |_| {
        leptos::task::spawn_local(async move {
            kept.set(persisted(true).await);
            site.set(estimate().await);
        });
    };
    view! {
        <main class="page">
            <BackHome/>
            <h2>{strings::STORAGE_TITLE}</h2>
            {move || message.get().map(|(ok, text)| view! {
                <p class=if ok { "notice notice--ok" } else { "notice" } id="storage-message" role="status">{text}</p>
            })}
            <section class="card" id="storage-usage">
                <h3>{strings::LOCAL_DATA}</h3>
                {move || {
                    let (bytes, records, indexed) = own.get();
                    view! {
                        <p id="local-usage" data-bytes=format!("{bytes:.0}") data-records=records.to_string()
                            data-store=if indexed { "indexeddb" } else { "localstorage" }>
                            {mb(bytes)} " · " {records} " " {strings::RECORDS}
                        </p>
                        {(!indexed).then(|| {
                            let share = bytes / (LOCAL_LIMIT_CHARS as f64 * 2.0);
                            view! {
                                <progress max="100" value=format!("{:.0}", share * 100.0)></progress>
                                <p class="field__hint">{strings::LOCAL_LIMIT_NOTE}</p>
                            }
                        })}
                    }
                }}
                {move || photo_use.get().map(|u| view! {
                    <p class="field__hint" id="photo-usage" data-count=u.photos.to_string()
                        data-bytes=format!("{:.0}", u.bytes) data-waiting=u.waiting.to_string()>
                        {strings::photo_usage(u.photos, &mb(u.bytes), u.waiting)}</p>
                })}
                {move || site.get().map(|(used, quota)| {
                    let share = if quota > 0.0 { used / quota } else { 0.0 };
                    view! {
                        <p class="field__hint" id="site-usage" data-used=format!("{used:.0}") data-quota=format!("{quota:.0}")>
                            {strings::SITE_STORAGE} ": " {mb(used)} " / " {mb(quota)}</p>
                        <progress max="100" value=format!("{:.0}", share * 100.0)></progress>
                    }
                })}
                {move || {
                    let local_full = !own.get().2 && local::nearly_full(local::usage(user_id).0);
                    let site_full = site.get().is_some_and(|(u, q)| near(u, q));
                    // The browser refused a write: full whatever the estimate says
                    // (it need not count every limit, such as a quota set by policy).
                    let refused = matches!(ui.get().saved, Saved::Failed(_));
                    (local_full || site_full || refused).then(|| view! { <p class="notice" role="alert">{strings::QUOTA_WARNING}</p> })
                }}
                <p id="persisted" data-persisted=move || format!("{:?}", kept.get())>
                    {move || if kept.get() == Some(true) { strings::PERSISTED_YES } else { strings::PERSISTED_NO }}
                </p>
                {move || (kept.get() != Some(true)).then(|| view! {
                    <button id="ask-persist" class="button" on:click=ask>{strings::ASK_PERSIST}</button>
                })}
            </section>
            <years::OldYears/>
            <sent_photos::SentPhotos message/>
            <backup::BackupCard message/>
            <p class="field__hint" id="app-version">{strings::APP_VERSION} " " {shared::VERSION}</p>
        </main>
    }
    .into_any()
}
