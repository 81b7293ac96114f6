//! The leaders' dashboard (`#/tong-quan`): one campaign year of the
//! commune, computed on the device from the records already synced, so it
//! reads the same with or without a connection. `shared::dashboard` decides
//! every figure and every deadline state; these components only draw them.
//! Tapping a figure lists exactly the models behind it (`#/tong-quan/<year>/<figure>`):
//! beside the figures on a tablet, above them on a phone. The same parts
//! draw a commune's dashboard as the server computed it for a city viewer
//! ([`Source::Served`], `crate::pages::city::commune`).
mod bars;
mod body;
mod coverage;
mod field_counts;
mod figure_link;
mod figure_list;
mod grid;
mod headline;
mod next_deadline;
mod ring;
mod stacked;
mod year_select;

use std::sync::Arc;

use leptos::prelude::*;
use shared::city::CommuneDashboard;
use shared::dashboard::{Dashboard, Figure, dashboard, year_choices};
use shared::figures::CommuneRecords;
use shared::ids::{CampaignId, CommuneId};
use shared::user::FirstScreen;

pub use body::DashBody;
use year_select::YearSelect;

use crate::clock;
use crate::data;
use crate::pages::back_home::BackHome;
use crate::pages::syncbar::local_time;
use crate::route::Route;
use crate::strings;
use crate::sync;

/// Where the figures come from.
#[derive(Clone, Copy)]
pub enum Source {
    /// Made on the device from the records it holds.
    Device(Memo<Arc<CommuneRecords>>),
    /// One commune's, as the server computed it (the city viewer's).
    Served(CommuneId, Memo<Option<CommuneDashboard>>),
}

/// What the dashboard's parts read.
#[derive(Clone, Copy)]
pub struct DashData {
    pub source: Source,
    /// The year shown: the one in the address, else the newest.
    pub campaign: Memo<Option<CampaignId>>,
    pub dash: Memo<Option<Dashboard>>,
    pub figure: Memo<Option<Figure>>,
}

impl DashData {
    /// A commune's dashboard as the server sent it.
    pub fn served(
        commune: CommuneId,
        served: Memo<Option<CommuneDashboard>>,
        figure: Memo<Option<Figure>>,
    ) -> Self {
        Self {
            source: Source::Served(commune, served),
            campaign: Memo::new(move |_| {
                served.with(|s| s.as_ref().and_then(|s| s.campaign.as_ref().map(|c| c.id)))
            }),
            dash: Memo::new(move |_| served.with(|s| s.as_ref().and_then(|s| s.dashboard.clone()))),
            figure,
        }
    }

    /// The address that lists `figure`'s models (or closes the list).
    pub(super) fn href(&self, figure: Option<Figure>) -> String {
        match self.source {
            Source::Device(_) => Route::Dashboard(self.campaign.get(), figure).href(),
            Source::Served(commune, _) => Route::CityCommune(commune, figure).href(),
        }
    }
}

#[component]
pub fn DashboardPage(
    chosen: Memo<Option<CampaignId>>,
    figure: Memo<Option<Figure>>,
) -> impl IntoView {
    let Some(syncer) = sync::current() else {
        return ().into_any();
    };
    let version = syncer.data_version;
    let ui = syncer.ui;
    let records = Memo::new(move |_| {
        let version = version.get();
        sync::current()
            .map(|s| data::commune_records(&s, version))
            .unwrap_or_default()
    });
    let choices = Memo::new(move |_| records.with(|r| year_choices(&r.campaigns, &r.communes)));
    let campaign = Memo::new(move |_| {
        choices.with(|list| {
            let wanted = chosen.get();
            list.iter()
                .find(|(id, _)| Some(*id) == wanted)
                .or_else(|| list.first())
                .map(|(id, _)| *id)
        })
    });
    // The device's day, read once for this screen and passed to the rules.
    let today = clock::today();
    let dash = Memo::new(move |_| {
        let id = campaign.get()?;
        records.with(|r| {
            r.year(id)
                .map(|y| clock::measured("dvk-dashboard", || dashboard(&y, &r.arrivals, today)))
        })
    });
    let data = DashData {
        source: Source::Device(records),
        campaign,
        dash,
        figure,
    };
    // Whose figures: the commune of the year shown (its year is in the select).
    let whose = move || {
        let id = campaign.get()?;
        records.with(|r| r.year(id).map(|y| y.commune.name.clone()))
    };
    let as_of = move || {
        let at = ui.with(|u| u.summary.last_synced_at).map(local_time);
        strings::dashboard_as_of(at.as_deref())
    };
    view! {
        <main class="page page--dashboard">
            <BackHome here=FirstScreen::Dashboard/>
            <div class="dash__head">
                <h2 id="dashboard-title">{strings::DASHBOARD_TITLE}</h2>
                <YearSelect data choices/>
            </div>
            <p class="dash__whose" id="dashboard-whose">{whose}</p>
            <p class="field__hint" id="dashboard-as-of">{as_of}</p>
            <DashBody data/>
        </main>
    }
    .into_any()
}
