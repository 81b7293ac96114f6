//! DVK web app: Leptos, client-side rendered, offline first.
mod api;
mod clock;
mod pages;
mod session;
mod storage;
mod strings;
mod sync;

use leptos::prelude::*;

use pages::home::Home;
use pages::login::Login;
use pages::syncbar::SyncBar;
use sync::Syncer;

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
    let signed_in = session::current().map(Syncer::open);
    view! {
        <header class="topbar">
            <h1 class="topbar__title">{strings::APP_NAME}</h1>
        </header>
        {match signed_in {
            None => view! { <Login/> }.into_any(),
            Some(Err(error)) => view! {
                <main class="page"><p class="notice" role="alert">{strings::STORAGE_FAILED} " " {error.to_string()}</p></main>
            }.into_any(),
            Some(Ok(syncer)) => {
                sync::install(syncer.clone());
                syncer.start();
                view! { <Workspace/> }.into_any()
            }
        }}
    }
}

#[component]
fn Workspace() -> impl IntoView {
    let Some(syncer) = sync::current() else {
        return ().into_any();
    };
    let user = syncer.session.user.clone();
    let ui = syncer.ui;
    let sign_out = {
        move |_| {
            let Some(syncer) = sync::current() else {
                return;
            };
            // Never silently: changes not yet sent stay on the device anyway.
            if syncer.pending() > 0
                && !window()
                    .confirm_with_message(strings::SIGN_OUT_PENDING)
                    .unwrap_or(false)
            {
                return;
            }
            let token = syncer.session.token.clone();
            leptos::task::spawn_local(async move {
                api::logout(&token).await;
                session::forget();
                let _ = window().location().reload();
            });
        }
    };
    view! {
        <div class="userbar">
            <span class="userbar__name">{user.full_name.clone()} " · " {user.role.label()}</span>
            <button id="sign-out" class="button button--quiet" on:click=sign_out>{strings::SIGN_OUT}</button>
        </div>
        <SyncBar ui=ui/>
        <Home/>
    }
    .into_any()
}
