//! DVK web app: Leptos, client-side rendered, offline first.
mod api;
mod clock;
mod data;
mod files;
mod pages;
mod photos;
mod route;
mod session;
mod store;
mod strings;
mod sync;

use leptos::prelude::*;

use pages::demo_banner::DemoBanner;
use pages::home::Home;
use pages::lazy::{self, Form};
use pages::login::Login;
use pages::syncbar::SyncBar;
use route::Route;
use shared::user::FirstScreen;
use sync::Syncer;

fn main() {
    clock::mark("dvk-main");
    let Some(root) = document().get_element_by_id("app") else {
        leptos::mount::mount_to_body(App);
        return;
    };
    root.set_inner_html("");
    if let Ok(root) = wasm_bindgen::JsCast::dyn_into::<web_sys::HtmlElement>(root) {
        leptos::mount::mount_to(root, App).forget();
    }
}

/// The first screen is drawn and takes input: the load benchmarks
/// (`cargo xtask bench load`, `bench device`) read this mark. Once a page
/// load: the sign-in form, a start-up failure, home, or the first split
/// screen once its module is here (`lazy::screen`).
pub(crate) fn mark_ready() {
    thread_local! {
        static MARKED: std::cell::Cell<bool> = const { std::cell::Cell::new(false) };
    }
    if MARKED.with(|m| m.replace(true)) {
        return;
    }
    request_animation_frame(|| {
        if let Some(performance) = window().performance() {
            let _ = performance.mark("dvk-ready");
        }
    });
}

/// Where start-up stands: the person's data is read from IndexedDB first.
#[derive(Clone, PartialEq)]
enum Start {
    SignedOut,
    Opening,
    Ready,
    Failed(String),
}

#[component]
fn App() -> impl IntoView {
    let start = RwSignal::new(Start::SignedOut);
    match session::open_page() {
        None => mark_ready(),
        Some(session) => {
            start.set(Start::Opening);
            leptos::task::spawn_local(async move {
                match Syncer::open(session).await {
                    // The workspace marks itself ready (home, or a split
                    // screen once its module is here).
                    Ok(syncer) => {
                        sync::install(syncer.clone());
                        syncer.start();
                        clock::mark("dvk-opened");
                        start.set(Start::Ready);
                    }
                    Err(error) => {
                        start.set(Start::Failed(error.to_string()));
                        mark_ready();
                    }
                }
            });
        }
    }
    view! {
        <header class="topbar">
            <h1 class="topbar__title">{strings::APP_NAME}</h1>
            <DemoBanner/>
        </header>
        {move || match start.get() {
            Start::SignedOut => view! { <Login/> }.into_any(),
            Start::Opening => view! { <main class="page"><p class="field__hint" id="opening">{strings::OPENING}</p></main> }.into_any(),
            Start::Failed(error) => view! {
                <main class="page"><p class="notice" role="alert">{strings::STORAGE_FAILED} " " {error}</p></main>
            }.into_any(),
            Start::Ready => view! { <Workspace/> }.into_any(),
        }}
    }
}

#[component]
fn Workspace() -> impl IntoView {
    let Some(syncer) = sync::current() else {
        return ().into_any();
    };
    let user = syncer.session.user.clone();
    lazy::preload_for(user.role);
    let ui = syncer.ui;
    let notice = syncer.notice;
    // The browser's estimate: once a minute and after each sync, not on
    // every keystroke (a failed save is reported at once anyway).
    let nearly_full = RwSignal::new(false);
    let check = move || {
        leptos::task::spawn_local(async move {
            let mut full = pages::storage_panel::nearly_full().await;
            // Near the quota: photos already on the server leave first.
            if full && photos::make_room().await {
                full = pages::storage_panel::nearly_full().await;
            }
            nearly_full.set(full);
        });
    };
    check();
    let _ = set_interval_with_handle(check, std::time::Duration::from_secs(60));
    // After each sync, and when a save fails or succeeds again.
    let moments = Memo::new(move |_| {
        ui.with(|u| {
            let refused = matches!(u.saved, sync::Saved::Failed(_));
            (u.summary.last_synced_at, refused)
        })
    });
    Effect::new(move |_| {
        moments.track();
        check();
    });
    let route = route::current();
    // `#/` is the role's first screen; the queue stays drawn while the
    // model opened from it changes.
    let first = user.role.first_screen();
    let page = Memo::new(move |_| match route.get() {
        Route::Home => match first {
            FirstScreen::Models => Route::Home,
            FirstScreen::Dashboard => Route::Dashboard(None, None),
            FirstScreen::City => Route::City,
        },
        Route::Models => Route::Home,
        Route::Review(_) => Route::Review(None),
        Route::Dashboard(..) => Route::Dashboard(None, None),
        Route::CityCommune(id, _) => Route::CityCommune(id, None),
        other => other,
    });
    if page.get_untracked() == Route::Home {
        mark_ready();
    }
    let reviewing = Memo::new(move |_| match route.get() {
        Route::Review(selected) => selected,
        _ => None,
    });
    // The dashboard stays drawn while its year or its open figure changes.
    let chosen_year = Memo::new(move |_| match route.get() {
        Route::Dashboard(year, _) => year,
        _ => None,
    });
    let chosen_figure = Memo::new(move |_| match route.get() {
        Route::Dashboard(_, figure) | Route::CityCommune(_, figure) => figure,
        _ => None,
    });
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
            // The key goes at once, so nothing left in this browser works
            // for the next person, with or without a connection; the
            // server ends the session now, or at the next sign-in screen.
            session::forget();
            leptos::task::spawn_local(async move {
                session::set_sign_out_pending(!api::logout().await);
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
        {move || notice.get().map(|text| view! {
            <p class="notice notice--bar" id="notice" role="alert">{text}
                <button class="button button--quiet" on:click=move |_| notice.set(None)>"✕"</button>
            </p>
        })}
        {move || nearly_full.get().then(|| view! {
            <p class="notice notice--bar" role="alert">{strings::QUOTA_WARNING} " "
                <a href=Route::Storage.href()>{strings::STORAGE_PANEL}</a></p>
        })}
        {move || match page.get() {
            Route::Home | Route::Models => view! { <Home/> }.into_any(),
            // Past the first screen: wasm modules of their own (pages/lazy.rs).
            Route::Model(id) => lazy::screen(lazy::forms(Form::Model(id))),
            Route::Progress(id) => lazy::screen(lazy::forms(Form::Progress(id))),
            Route::Report(id) => lazy::screen(lazy::forms(Form::Report(id))),
            Route::Continue => lazy::screen(lazy::forms(Form::Continue)),
            Route::Storage => lazy::screen(lazy::forms(Form::Storage)),
            Route::Admin(tab) => lazy::screen(lazy::admin(tab)),
            Route::Review(_) => lazy::screen(lazy::review(reviewing)),
            Route::Documents => lazy::screen(lazy::documents()),
            Route::City => lazy::screen(lazy::city(None, chosen_figure)),
            Route::Dashboard(..) => lazy::screen(lazy::dashboard(chosen_year, chosen_figure)),
            Route::CityCommune(commune, _) => lazy::screen(lazy::city(Some(commune), chosen_figure)),
        }}
    }
    .into_any()
}
