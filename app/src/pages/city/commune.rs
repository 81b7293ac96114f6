//! One commune's dashboard for the city viewer (`#/thanh-pho/<commune>`),
//! read-only, as the server computed it (`GET /api/city/communes/{id}/dashboard`,
//! `shared::city::CommuneDashboard`): the viewer's device holds none of the
//! commune's records. The last answer is kept on the device, so it reads
//! offline with the time it was computed; the figures and their lists are
//! drawn by the leaders' dashboard's own parts.
use leptos::prelude::*;
use shared::api::CallError;
use shared::city::CommuneDashboard;
use shared::dashboard::Figure;
use shared::ids::CommuneId;

use super::Source;
use crate::api;
use crate::pages::dashboard::{DashBody, DashData};
use crate::pages::syncbar::local_time;
use crate::route::Route;
use crate::store::{self as storage, Loaded};
use crate::strings;
use crate::sync;

/// The device's copy, per person and commune.
fn key(user: uuid::Uuid, commune: CommuneId) -> String {
    format!("city-commune/{user}/{commune}")
}

#[component]
pub fn CityCommunePage(commune: CommuneId, figure: Memo<Option<Figure>>) -> impl IntoView {
    let Some(syncer) = sync::current() else {
        return ().into_any();
    };
    let key = key(syncer.session.user.id.as_uuid(), commune);
    let saved = match storage::load::<CommuneDashboard>(&key) {
        Loaded::Value(s) => Some(s),
        Loaded::Missing | Loaded::Corrupt => None,
    };
    let served = RwSignal::new(saved);
    let source = RwSignal::new(Source::Loading);
    leptos::task::spawn_local(async move {
        let path = format!("/api/city/communes/{commune}/dashboard");
        match api::get::<CommuneDashboard>(&path).await {
            Ok(fresh) => {
                // A failed save only means no offline copy; the screen says so.
                let kept = storage::save(&key, &fresh).is_ok();
                served.set(Some(fresh));
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
    let shown = Memo::new(move |_| served.get());
    let data = DashData::served(commune, shown, figure);
    // What the body shows: the dashboard, nothing yet, or that there is none.
    let has = Memo::new(move |_| shown.with(Option::is_some));
    let waiting = Memo::new(move |_| source.with(|s| *s == Source::Loading));
    let title = move || {
        shown.with(|s| {
            s.as_ref()
                .map_or_else(|| strings::DASHBOARD_TITLE.to_owned(), |s| s.name.clone())
        })
    };
    let year = move || {
        shown.with(|s| {
            s.as_ref()
                .and_then(|s| s.campaign.as_ref())
                .map(|c| shared::messages::campaign_year(c.year))
        })
    };
    let as_of = move || {
        shown.with(|s| {
            s.as_ref()
                .map(|s| strings::city_as_of(&local_time(s.computed_at)))
        })
    };
    view! {
        <main class="page page--dashboard page--city-commune">
            <a class="back" href=Route::City.href()>{strings::CITY_BACK}</a>
            <div class="dash__head">
                <h2 id="dashboard-title">{title}</h2>
                <span class="coverage__date" id="dashboard-year">{year}</span>
            </div>
            <p class="field__hint" id="dashboard-as-of" data-source=move || format!("{:?}", source.get())>
                {as_of}
                {move || match source.get() {
                    Source::Loading => Some(strings::CITY_LOADING.to_owned()),
                    Source::Server => None,
                    Source::Saved(why) => Some(strings::city_saved(&why)),
                }}
            </p>
            {move || match (has.get(), waiting.get()) {
                (true, _) => view! { <DashBody data/> }.into_any(),
                (false, true) => ().into_any(),
                (false, false) => view! { <p class="notice" id="dashboard-empty">{strings::CITY_COMMUNE_NONE}</p> }.into_any(),
            }}
        </main>
    }
    .into_any()
}
