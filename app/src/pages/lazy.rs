//! The screens a unit officer never opens, as split points: `cargo xtask
//! dist` (wasm_split_cli_support) moves the code that only they reach into
//! wasm chunks of their own, fetched the first time one of them opens and
//! kept by the service worker from then on (docs/build.md). The officer's
//! phone downloads none of them.
//!
//! Leptos's `#[lazy]` is this same `wasm_split` macro, but without its
//! `fallible` option: a chunk that cannot be fetched (a screen opened for the
//! first time with no network) would panic, which aborts the whole app. Here
//! the screen says so instead, and the next open tries again.

use std::future::Future;

use leptos::prelude::*;
use leptos::wasm_split::{SplitLoaderError, wasm_split};
use shared::dashboard::Figure;
use shared::document::{Document, may_get};
use shared::ids::{CampaignId, CommuneId, ModelId};
use shared::user::Role;

use crate::pages::admin::AdminPage;
use crate::pages::city::CityPage;
use crate::pages::city::commune::CityCommunePage;
use crate::pages::dashboard::DashboardPage;
use crate::pages::documents::DocumentsPage;
use crate::pages::review::ReviewPage;
use crate::route::AdminTab;
use crate::strings;

/// A screen's chunk could not be fetched (the console has the detail).
#[derive(Debug, Clone)]
pub struct NotLoaded;

impl From<SplitLoaderError> for NotLoaded {
    fn from(_: SplitLoaderError) -> Self {
        NotLoaded
    }
}

type Screen = Result<AnyView, NotLoaded>;

#[wasm_split(dvk_review, wasm_split_path = ::leptos::wasm_split, fallible, preload(preload_review))]
pub fn review(selected: Memo<Option<ModelId>>) -> Screen {
    Ok(view! { <ReviewPage selected/> }.into_any())
}

#[wasm_split(dvk_dashboard, wasm_split_path = ::leptos::wasm_split, fallible, preload(preload_dashboard))]
pub fn dashboard(chosen: Memo<Option<CampaignId>>, figure: Memo<Option<Figure>>) -> Screen {
    Ok(view! { <DashboardPage chosen figure/> }.into_any())
}

/// The city view, or (with `commune`) one commune's dashboard from it.
#[wasm_split(dvk_city, wasm_split_path = ::leptos::wasm_split, fallible, preload(preload_city))]
pub fn city(commune: Option<CommuneId>, figure: Memo<Option<Figure>>) -> Screen {
    Ok(match commune {
        Some(commune) => view! { <CityCommunePage commune figure/> }.into_any(),
        None => view! { <CityPage/> }.into_any(),
    })
}

#[wasm_split(dvk_admin, wasm_split_path = ::leptos::wasm_split, fallible, preload(preload_admin))]
pub fn admin(tab: AdminTab) -> Screen {
    Ok(view! { <AdminPage tab/> }.into_any())
}

#[wasm_split(dvk_documents, wasm_split_path = ::leptos::wasm_split, fallible, preload(preload_documents))]
pub fn documents() -> Screen {
    Ok(view! { <DocumentsPage/> }.into_any())
}

/// Draws a split screen once its chunk is here (at once when it already
/// is); a notice when it cannot be fetched.
pub fn screen(load: impl Future<Output = Screen> + Send + 'static) -> AnyView {
    Suspend::new(async move {
        load.await.unwrap_or_else(|NotLoaded| {
            view! {
                <main class="page">
                    <p class="notice" role="alert" id="screen-not-loaded">{strings::SCREEN_NOT_LOADED}</p>
                </main>
            }
            .into_any()
        })
    })
    .into_any()
}

/// Fetches, in the background, the chunks of the screens `role` may open
/// (the home screen's own rules for its buttons), so that after one sign-in
/// with a network they open with none: the service worker keeps what is
/// fetched. A unit officer fetches nothing.
pub fn preload_for(role: Role) {
    leptos::task::spawn_local(async move {
        // A failure is left for the screen's first open to report.
        if role == Role::Reviewer {
            let _ = preload_review().await;
        }
        if shared::dashboard::may_see(role) {
            let _ = preload_dashboard().await;
        }
        if shared::city::may_get(role) {
            let _ = preload_city().await;
        }
        if may_get(role, Document::Mau01) {
            let _ = preload_documents().await;
        }
        if role == Role::Admin {
            let _ = preload_admin().await;
        }
    });
}
