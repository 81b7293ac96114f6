//! Screens as split points: `cargo xtask dist` (wasm_split_cli_support)
//! moves the code that only they reach into wasm modules of their own
//! (docs/build.md, "Code splitting").
//!
//! - The screens a unit officer never opens (queue, dashboard, city,
//!   admin, documents): fetched the first time one of them opens and kept
//!   by the service worker from then on. The officer's phone downloads none.
//! - Everyone's screens past the first one (a model's form, progress,
//!   report, continue, storage): out of the module the first screen needs,
//!   so sign-in and home draw sooner; fetched in the background once the
//!   first screen is up, and kept by the service worker from its install on,
//!   so they open offline from the first visit.
//!
//! Leptos's `#[lazy]` is this same `wasm_split` macro, but without its
//! `fallible` option: a chunk that cannot be fetched (a screen opened for the
//! first time with no network) would panic, which aborts the whole app. Here
//! the screen says so instead, and the next open tries again.

use std::future::Future;
use std::time::Duration;

use leptos::prelude::*;
use leptos::wasm_split::{SplitLoaderError, wasm_split};
use shared::dashboard::Figure;
use shared::document::{Document, may_get};
use shared::ids::{CampaignId, CommuneId, ModelId};
use shared::user::Role;

use crate::pages::admin::AdminPage;
use crate::pages::city::CityPage;
use crate::pages::city::commune::CityCommunePage;
use crate::pages::continue_model::ContinuePage;
use crate::pages::dashboard::DashboardPage;
use crate::pages::documents::DocumentsPage;
use crate::pages::model::ModelPage;
use crate::pages::progress::ProgressPage;
use crate::pages::report::ReportPage;
use crate::pages::review::ReviewPage;
use crate::pages::storage_panel::StoragePage;
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

/// Everyone's screens past the first one, in one module (`dvk_forms`).
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Form {
    Model(ModelId),
    Progress(ModelId),
    Report(ModelId),
    Continue,
    Storage,
}

#[wasm_split(dvk_forms, wasm_split_path = ::leptos::wasm_split, fallible, preload(preload_forms))]
pub fn forms(form: Form) -> Screen {
    Ok(match form {
        Form::Model(id) => view! { <ModelPage id/> }.into_any(),
        Form::Progress(id) => view! { <ProgressPage id/> }.into_any(),
        Form::Report(id) => view! { <ReportPage id/> }.into_any(),
        Form::Continue => view! { <ContinuePage/> }.into_any(),
        Form::Storage => view! { <StoragePage/> }.into_any(),
    })
}

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
        let screen = load.await;
        crate::mark_ready();
        screen.unwrap_or_else(|NotLoaded| {
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

/// Fetches, in the background, the modules of the screens `role` may open
/// (the home screen's own rules for its buttons), so that after one sign-in
/// with a network they open with none: the service worker keeps what is
/// fetched. Everyone's own screens come first (the worker also keeps them
/// from its install on); a unit officer fetches nothing else.
///
/// Only once the first screen is painted: linking the modules takes the
/// main thread for tens of milliseconds at each start, which the first
/// screen does not wait for (a screen opened before then loads its own).
pub fn preload_for(role: Role) {
    request_animation_frame(move || {
        // A timer set in a frame's callback fires after that frame's paint.
        set_timeout(move || preload(role), Duration::ZERO);
    });
}

fn preload(role: Role) {
    leptos::task::spawn_local(async move {
        // A failure is left for the screen's first open to report.
        let _ = preload_forms().await;
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
