//! The city view (`#/thanh-pho`), the city viewer's first screen: the
//! city's communes side by side as the server computed them
//! (`GET /api/city/summary`, `shared::city`), kept on the device so it
//! reads offline with the time it was computed; sorted and filtered by
//! `shared::city::arrange`; a commune's name opens its dashboard
//! (`#/thanh-pho/<commune>`, [`commune`]).
pub mod commune;
mod table;

use leptos::prelude::*;
use shared::api::CallError;
use shared::city::{CitySummary, Filter, SortKey};
use shared::user::FirstScreen;

use table::CityTable;

use crate::api;
use crate::pages::back_home::BackHome;
use crate::pages::syncbar::local_time;
use crate::store::{self as storage, Loaded};
use crate::strings;
use crate::sync;

/// Where the shown summary (or commune's dashboard) came from.
#[derive(Debug, Clone, PartialEq)]
pub(super) enum Source {
    Loading,
    Server,
    /// The copy kept on the device; why the server's could not be had.
    Saved(String),
}

/// The device's copy, per person (a tablet may be shared).
fn key(user: uuid::Uuid) -> String {
    format!("city-summary/{user}")
}

#[component]
pub fn CityPage() -> impl IntoView {
    let Some(syncer) = sync::current() else {
        return ().into_any();
    };
    let key = key(syncer.session.user.id.as_uuid());
    let saved = match storage::load::<CitySummary>(&key) {
        Loaded::Value(s) => Some(s),
        Loaded::Missing | Loaded::Corrupt => None,
    };
    let summary = RwSignal::new(saved);
    let source = RwSignal::new(Source::Loading);
    leptos::task::spawn_local(async move {
        match api::get::<CitySummary>("/api/city/summary").await {
            Ok(fresh) => {
                // A failed save only means no offline copy; the screen says so.
                let kept = storage::save(&key, &fresh).is_ok();
                summary.set(Some(fresh));
                source.set(if kept {
                    Source::Server
                } else {
                    Source::Saved(strings::STORAGE_FAILED.to_owned())
                });
            }
            Err(e) => source.set(Source::Saved(match e {
                CallError::Offline => strings::CITY_OFFLINE.to_owned(),
                other => other.message(),
            })),
        }
    });
    let filter = RwSignal::new(Filter::default());
    let sort = RwSignal::new(SortKey::Name);
    let as_of = move || {
        summary.with(|s| {
            s.as_ref()
                .map(|s| strings::city_as_of(&local_time(s.computed_at)))
        })
    };
    view! {
        <main class="page page--dashboard page--city">
            <BackHome here=FirstScreen::City/>
            <h2 id="city-title">{move || strings::city_title(&summary.with(|s| s.as_ref().map(|s| s.city.clone()).unwrap_or_default()))}</h2>
            <p class="field__hint" id="city-as-of" data-source=move || format!("{:?}", source.get())>
                {as_of}
                {move || match source.get() {
                    Source::Loading => Some(strings::CITY_LOADING.to_owned()),
                    Source::Server => None,
                    Source::Saved(why) => Some(strings::city_saved(&why)),
                }}
            </p>
            {move || match summary.get() {
                None if source.get() == Source::Loading => ().into_any(),
                None => view! { <p class="notice" id="city-empty">{strings::CITY_NONE}</p> }.into_any(),
                Some(s) => view! { <CityTable summary=s filter sort/> }.into_any(),
            }}
        </main>
    }
    .into_any()
}
