//! The leaders' dashboard (`#/tong-quan`): one campaign year of the
//! commune, computed on the device from the records already synced, so it
//! reads the same with or without a connection. `shared::dashboard` decides
//! every figure and every deadline state; these components only draw them.
//! Tapping a figure lists exactly the models behind it (`#/tong-quan/<year>/<figure>`):
//! beside the figures on a tablet, above them on a phone.
mod bars;
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

use leptos::prelude::*;
use shared::dashboard::{Dashboard, Figure, dashboard, year_choices};
use shared::figures::CommuneRecords;
use shared::ids::CampaignId;

use bars::Bars;
use coverage::Coverage;
use field_counts::FieldCounts;
use figure_list::FigureList;
use grid::Grid;
use headline::Headline;
use shared::model::ModelKind;
use stacked::Stacked;
use year_select::YearSelect;

use crate::clock;
use crate::data;
use crate::pages::syncbar::local_time;
use crate::route::Route;
use crate::strings;
use crate::sync;

/// What the dashboard's parts read.
#[derive(Clone, Copy)]
pub(super) struct DashData {
    pub records: Memo<CommuneRecords>,
    /// The year shown: the one in the address, else the newest.
    pub campaign: Memo<Option<CampaignId>>,
    pub choices: Memo<Vec<(CampaignId, String)>>,
    pub dash: Memo<Option<Dashboard>>,
    pub figure: Memo<Option<Figure>>,
}

impl DashData {
    /// The address that lists `figure`'s models (or closes the list).
    pub(super) fn href(&self, figure: Option<Figure>) -> String {
        Route::Dashboard(self.campaign.get(), figure).href()
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
        version.track();
        sync::current()
            .map(|s| data::commune_records(&s))
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
        records.with(|r| r.year(id).map(|y| dashboard(&y, &r.arrivals, today)))
    });
    let data = DashData {
        records,
        campaign,
        choices,
        dash,
        figure,
    };
    let as_of = move || {
        let at = ui.with(|u| u.summary.last_synced_at).map(local_time);
        strings::dashboard_as_of(at.as_deref())
    };
    view! {
        <main class="page page--dashboard">
            <a class="back" href=Route::Home.href()>{strings::BACK_HOME}</a>
            <div class="dash__head">
                <h2 id="dashboard-title">{strings::DASHBOARD_TITLE}</h2>
                <YearSelect data/>
            </div>
            <p class="field__hint" id="dashboard-as-of">{as_of}</p>
            <p class="field__hint" id="dashboard-data-until">{move || {
                let at = dash.with(|d| d.as_ref().and_then(|d| d.last_data)).map(local_time);
                strings::dashboard_data_until(at.as_deref())
            }}</p>
            {move || dash.with(|d| d.as_ref().is_some_and(|d| d.closed)).then(|| view! {
                <p class="field__hint" id="dashboard-closed">{strings::DASHBOARD_CLOSED}</p>
            })}
            {move || if dash.with(Option::is_none) {
                view! { <p class="notice" id="dashboard-empty">{strings::DASHBOARD_NO_YEAR}</p> }.into_any()
            } else {
                view! {
                    <div class="dash" class:dash--open=move || figure.with(Option::is_some)>
                        <FigureList data/>
                        <Headline data/>
                        <Grid data/>
                        <Coverage data/>
                        <FieldCounts data/>
                        <div class="dash__parts">
                            <Stacked data parts=ModelKind::ALL.map(Figure::Kind).to_vec() title=strings::DASHBOARD_BY_KIND id="by-kind"/>
                            <Stacked data parts=vec![Figure::New, Figure::Continued] title=strings::DASHBOARD_BY_ORIGIN id="by-origin"/>
                            <section class="card">
                                <h3>{strings::DASHBOARD_BY_STATUS}</h3>
                                <Bars data figures=Signal::derive(move || dash.with(|d| d.as_ref().map(Dashboard::statuses).unwrap_or_default())) id="by-status"/>
                            </section>
                        </div>
                    </div>
                }.into_any()
            }}
        </main>
    }
    .into_any()
}
