//! DVK web app: Leptos, client-side rendered, offline first.
mod storage;
mod strings;

use leptos::ev;
use leptos::prelude::*;

use storage::Loaded;

const DRAFT_KEY: &str = "draft/home-model-name";

fn main() {
    let Some(root) = document().get_element_by_id("app") else {
        leptos::mount::mount_to_body(App);
        return;
    };
    root.set_inner_html("");
    if let Ok(root) = wasm_bindgen::JsCast::dyn_into::<web_sys::HtmlElement>(root) {
        leptos::mount::mount_to(root, App).forget();
    }
}

#[component]
fn App() -> impl IntoView {
    let (notice, set_notice) = signal(None::<&'static str>);
    let initial = match storage::load::<String>(DRAFT_KEY) {
        Loaded::Value(text) => text,
        Loaded::Missing => String::new(),
        Loaded::Corrupt { .. } => {
            set_notice.set(Some(strings::CORRUPT_KEPT));
            String::new()
        }
    };
    let (draft, set_draft) = signal(initial);
    Effect::new(move |_| {
        if storage::save(DRAFT_KEY, &draft.get()).is_err() {
            set_notice.set(Some(strings::STORAGE_FAILED));
        }
    });

    view! {
        <header class="topbar">
            <h1 class="topbar__title">{strings::APP_NAME}</h1>
            <NetworkBadge/>
        </header>
        <main class="page">
            {move || notice.get().map(|text| view! { <p class="notice" role="alert">{text}</p> })}
            <h2>{strings::UNIT_MODELS}</h2>
            <label class="field">
                <span class="field__label">{strings::DRAFT_LABEL}</span>
                <input
                    id="draft-name"
                    class="field__input"
                    type="text"
                    autocomplete="off"
                    placeholder=strings::DRAFT_PLACEHOLDER
                    prop:value=move || draft.get()
                    on:input=move |event| set_draft.set(event_target_value(&event))
                />
                <span class="field__hint">{strings::DRAFT_HINT}</span>
            </label>
        </main>
    }
}

/// Online/offline as the browser reports it.
#[component]
fn NetworkBadge() -> impl IntoView {
    let online_now = || window().navigator().on_line();
    let (online, set_online) = signal(online_now());
    let _online = window_event_listener(ev::online, move |_| set_online.set(true));
    let _offline = window_event_listener(ev::offline, move |_| set_online.set(false));
    view! {
        <span class="badge" class:badge--offline=move || !online.get() data-online=move || online.get().to_string()>
            {move || if online.get() { strings::ONLINE } else { strings::OFFLINE }}
        </span>
    }
}
