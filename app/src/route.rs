//! Where the person is in the app, kept in the URL's hash so a reload (or
//! the service worker's offline shell) opens the same screen again.
//!
//! `#/` the person's first screen (the models, the dashboard or the city's
//! communes, by role), `#/mo-hinh` the models, `#/mo-hinh/<id>` a model's registration, `#/mo-hinh/<id>/tien-do`
//! its progress log, `#/mo-hinh/<id>/bao-cao` its results report,
//! `#/tiep-tuc` continue last year's model, `#/luu-tru` storage and backup,
//! `#/duyet` the reviewer's queue, `#/duyet/<id>` a model opened from it,
//! `#/quan-tri/{don-vi,tai-khoan,dot-thi-dua}` the admin's units, accounts, year,
//! `#/van-ban` the commune's documents, `#/tong-quan` the leaders' dashboard,
//! `#/tong-quan/<campaign>` of a chosen year, `#/tong-quan/<campaign>/<figure>`
//! with the models behind one figure listed.
//! `#/thanh-pho` the city viewer's communes side by side, `#/thanh-pho/<commune>`
//! one commune's dashboard as the server computed it, `#/thanh-pho/<commune>/<figure>`
//! with the models behind one figure listed.
use leptos::prelude::*;
use shared::dashboard::Figure;
use shared::ids::{CampaignId, CommuneId, ModelId};

#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Route {
    /// The person's first screen (per role: `Role::first_screen`).
    Home,
    /// The models of the person's unit or commune, whatever their first screen.
    Models,
    Model(ModelId),
    Progress(ModelId),
    Report(ModelId),
    Continue,
    Storage,
    Admin(AdminTab),
    /// The reviewer's queue, with the model opened from it.
    Review(Option<ModelId>),
    /// The commune's documents to download.
    Documents,
    /// The leaders' dashboard: the year chosen (else the newest) and the
    /// figure whose models are listed.
    Dashboard(Option<CampaignId>, Option<Figure>),
    /// The city viewer's communes side by side.
    City,
    /// One commune's dashboard as the server computed it (city viewer),
    /// with the figure whose models are listed.
    CityCommune(CommuneId, Option<Figure>),
}

/// The admin's three screens.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum AdminTab {
    Units,
    Users,
    Campaign,
}

impl Route {
    pub fn parse(hash: &str) -> Route {
        let path = hash.trim_start_matches('#').trim_matches('/');
        let parts: Vec<&str> = path.split('/').collect();
        match parts.as_slice() {
            ["tiep-tuc"] => Route::Continue,
            ["mo-hinh"] => Route::Models,
            ["luu-tru"] => Route::Storage,
            ["duyet"] => Route::Review(None),
            ["van-ban"] => Route::Documents,
            ["thanh-pho"] => Route::City,
            ["thanh-pho", id, figure @ ..] => match id.parse() {
                Ok(id) => Route::CityCommune(id, Figure::parse(figure)),
                Err(_) => Route::City,
            },
            ["tong-quan"] => Route::Dashboard(None, None),
            ["tong-quan", id, figure @ ..] => match id.parse() {
                Ok(id) => Route::Dashboard(Some(id), Figure::parse(figure)),
                Err(_) => Route::Dashboard(None, None),
            },
            ["duyet", id] => id
                .parse()
                .map_or(Route::Review(None), |id| Route::Review(Some(id))),
            ["quan-tri"] | ["quan-tri", "don-vi"] => Route::Admin(AdminTab::Units),
            ["quan-tri", "tai-khoan"] => Route::Admin(AdminTab::Users),
            ["quan-tri", "dot-thi-dua"] => Route::Admin(AdminTab::Campaign),
            ["mo-hinh", id, rest @ ..] => match (id.parse::<ModelId>(), rest) {
                (Ok(id), []) => Route::Model(id),
                (Ok(id), ["tien-do"]) => Route::Progress(id),
                (Ok(id), ["bao-cao"]) => Route::Report(id),
                _ => Route::Home,
            },
            _ => Route::Home,
        }
    }

    pub fn href(&self) -> String {
        match self {
            Route::Home => "#/".to_owned(),
            Route::Models => "#/mo-hinh".to_owned(),
            Route::Model(id) => format!("#/mo-hinh/{id}"),
            Route::Progress(id) => format!("#/mo-hinh/{id}/tien-do"),
            Route::Report(id) => format!("#/mo-hinh/{id}/bao-cao"),
            Route::Continue => "#/tiep-tuc".to_owned(),
            Route::Storage => "#/luu-tru".to_owned(),
            Route::Review(None) => "#/duyet".to_owned(),
            Route::Documents => "#/van-ban".to_owned(),
            Route::City => "#/thanh-pho".to_owned(),
            Route::CityCommune(id, None) => format!("#/thanh-pho/{id}"),
            Route::CityCommune(id, Some(figure)) => format!("#/thanh-pho/{id}/{}", figure.slug()),
            Route::Dashboard(None, _) => "#/tong-quan".to_owned(),
            Route::Dashboard(Some(id), None) => format!("#/tong-quan/{id}"),
            Route::Dashboard(Some(id), Some(figure)) => {
                format!("#/tong-quan/{id}/{}", figure.slug())
            }
            Route::Review(Some(id)) => format!("#/duyet/{id}"),
            Route::Admin(AdminTab::Units) => "#/quan-tri/don-vi".to_owned(),
            Route::Admin(AdminTab::Users) => "#/quan-tri/tai-khoan".to_owned(),
            Route::Admin(AdminTab::Campaign) => "#/quan-tri/dot-thi-dua".to_owned(),
        }
    }
}

fn from_location() -> Route {
    Route::parse(&window().location().hash().unwrap_or_default())
}

/// The current route, following the browser's back and forward buttons.
pub fn current() -> ReadSignal<Route> {
    let (route, set_route) = signal(from_location());
    let handle = window_event_listener(leptos::ev::hashchange, move |_| {
        set_route.set(from_location());
        window().scroll_to_with_x_and_y(0.0, 0.0);
    });
    on_cleanup(move || handle.remove());
    route
}

/// Opens `route` (a new history entry, so "back" returns).
pub fn go(route: Route) {
    let _ = window().location().set_hash(&route.href());
}
