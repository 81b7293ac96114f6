//! The commune's documents (`#/van-ban`): choose the campaign year, type
//! the number and date if the office has them, and one button per
//! document. Only the buttons the person's role may use are shown
//! (`shared::document::may_get`); the server still decides each file.
use leptos::prelude::*;
use shared::campaign::CampaignYear;
use shared::document::{Document, NUMBER_MAX, may_get};
use shared::org::Unit;
use shared::sync::RecordKind;
use shared::user::Role;

use crate::data;
use crate::pages::back_home::BackHome;
use crate::pages::download_button::DownloadButton;
use crate::strings;
use crate::sync;

/// `?campaign=…&format=…&so=…&date=…`, the blank ones left out.
pub fn query(campaign: &CampaignYear, format: &str, number: &str, date: &str) -> String {
    let mut out = format!("?campaign={}", campaign.id);
    for (name, value) in [("format", format), ("so", number.trim()), ("date", date)] {
        if !value.is_empty() {
            let value = String::from(js_sys::encode_uri_component(value));
            out.push_str(&format!("&{name}={value}"));
        }
    }
    out
}

/// Campaign years for the choice, newest first: the person's commune's,
/// or every commune's for a city viewer (each named when there are several).
fn years(syncer: &sync::Syncer) -> Vec<(CampaignYear, String)> {
    let own = syncer.session.user.commune_id;
    let communes: Vec<shared::org::Commune> = syncer
        .with_engine(|engine| engine.views(RecordKind::Commune))
        .iter()
        .filter_map(data::typed)
        .collect();
    data::campaigns(syncer)
        .into_iter()
        .filter(|c| own.is_none_or(|own| c.commune_id == own))
        .map(|c| {
            let name = (communes.len() > 1)
                .then(|| communes.iter().find(|m| m.id == c.commune_id))
                .flatten()
                .map(|m| m.name.as_str());
            let label = strings::doc_year(c.year, name);
            (c, label)
        })
        .collect()
}

/// What every button reads: the chosen year, number and date. `Copy`, so
/// each button's path closure holds it.
#[derive(Clone, Copy)]
struct Choice {
    choices: Memo<Vec<(CampaignYear, String)>>,
    chosen: RwSignal<Option<String>>,
    campaign: Memo<Option<CampaignYear>>,
    number: RwSignal<String>,
    date: RwSignal<String>,
}

impl Choice {
    fn new(version: RwSignal<u64>) -> Self {
        let choices = Memo::new(move |_| {
            version.track();
            sync::current().map(|s| years(&s)).unwrap_or_default()
        });
        // The latest year of the commune unless the person chose another.
        let chosen = RwSignal::new(None::<String>);
        let campaign = Memo::new(move |_| {
            let wanted = chosen.get();
            choices.with(|list| {
                list.iter()
                    .find(|(c, _)| wanted.as_ref().is_some_and(|w| *w == c.id.to_string()))
                    .or_else(|| list.first())
                    .map(|(c, _)| c.clone())
            })
        });
        Choice {
            choices,
            chosen,
            campaign,
            number: RwSignal::new(String::new()),
            date: RwSignal::new(String::new()),
        }
    }

    /// `/api/documents/{doc}?…`; empty while there is no year.
    fn path(self, doc: String, format: &'static str) -> Signal<String> {
        Signal::derive(move || {
            self.campaign.with(|c| {
                c.as_ref().map_or_else(String::new, |c| {
                    let q = query(c, format, &self.number.get(), &self.date.get());
                    format!("/api/documents/{doc}{q}")
                })
            })
        })
    }
}

/// The year, number and date fields.
fn choice_fields(choice: Choice) -> impl IntoView {
    let Choice {
        choices,
        chosen,
        campaign,
        number,
        date,
    } = choice;
    view! {
        <section class="card documents__choice">
            <div class="field">
                <label class="field__label" for="doc-year">{strings::L_DOC_YEAR}</label>
                <select id="doc-year" class="field__input" on:change=move |e| chosen.set(Some(event_target_value(&e)))>
                    {move || {
                        let selected = campaign.get().map(|c| c.id.to_string());
                        choices.get().into_iter().map(|(c, label)| {
                            let id = c.id.to_string();
                            let on = selected.as_deref() == Some(id.as_str());
                            view! { <option value=id selected=on>{label}</option> }
                        }).collect_view()
                    }}
                </select>
            </div>
            <div class="grid-2">
                <label class="field">
                    <span class="field__label">{strings::L_DOC_NUMBER}</span>
                    <input id="doc-number" class="field__input" type="text" autocomplete="off"
                        maxlength=NUMBER_MAX.to_string()
                        prop:value=move || number.get()
                        on:input=move |e| number.set(event_target_value(&e))/>
                    <span class="field__hint">{strings::DOC_NUMBER_HINT}</span>
                </label>
                <label class="field">
                    <span class="field__label">{strings::L_DOC_DATE}</span>
                    <input id="doc-date" class="field__input" type="date"
                        prop:value=move || date.get()
                        on:input=move |e| date.set(event_target_value(&e))/>
                    <span class="field__hint">{strings::DOC_DATE_HINT}</span>
                </label>
            </div>
        </section>
    }
}

/// The commune's lists and report.
fn commune_buttons(choice: Choice) -> impl IntoView {
    let button = move |id: &str, label: &str, doc: &str, format: &'static str| {
        view! { <DownloadButton id=id.to_owned() label=label.to_owned() path=choice.path(doc.to_owned(), format)/> }
    };
    view! {
        <section class="card">
            <h3 class="section__title">{strings::COMMUNE_DOCUMENTS}</h3>
            <div class="documents__list">
                {button("doc-mau-01-docx", strings::DOC_MAU_01_DOCX, "mau-01", "")}
                {button("doc-mau-01-xlsx", strings::DOC_MAU_01_XLSX, "mau-01", "xlsx")}
                {button("doc-bao-cao-xa", strings::DOC_REPORT, "bao-cao-xa", "")}
                {button("doc-cong-nhan-docx", strings::DOC_RECOGNITION_DOCX, "cong-nhan", "")}
                {button("doc-cong-nhan-xlsx", strings::DOC_RECOGNITION_XLSX, "cong-nhan", "xlsx")}
            </div>
        </section>
    }
}

/// Phụ lục 02 for each unit of the year's commune (an officer: their own).
fn unit_buttons(choice: Choice, units: Memo<Vec<Unit>>) -> impl IntoView {
    view! {
        <section class="card">
            <h3 class="section__title">{strings::UNIT_DOCUMENTS}</h3>
            <div class="documents__list" id="doc-units">
                {move || units.get().into_iter().map(|u| view! {
                    <DownloadButton id=format!("doc-phu-luc-02-{}", u.id) label=strings::phu_luc_02_of(&u.name)
                        path=choice.path(format!("phu-luc-02/{}", u.id), "")/>
                }).collect_view()}
            </div>
        </section>
    }
}

#[component]
pub fn DocumentsPage() -> impl IntoView {
    let Some(syncer) = sync::current() else {
        return ().into_any();
    };
    let user = syncer.session.user.clone();
    let version = syncer.data_version;
    let choice = Choice::new(version);
    let campaign = choice.campaign;
    let units = Memo::new(move |_| {
        version.track();
        let Some(c) = campaign.get() else {
            return Vec::new();
        };
        let officer = user.role == Role::UnitOfficer;
        sync::current()
            .map(|s| data::units(&s))
            .unwrap_or_default()
            .into_iter()
            .filter(|u| u.commune_id == c.commune_id)
            .filter(|u| !officer || user.unit_id == Some(u.id))
            .collect::<Vec<Unit>>()
    });
    let role = syncer.session.user.role;
    view! {
        <main class="page documents" id="documents">
            <BackHome/>
            <h2>{strings::DOCUMENTS_TITLE}</h2>
            <p class="field__hint">{strings::DOCUMENTS_HELP}</p>
            <Show when=move || campaign.with(Option::is_some)
                fallback=|| view! { <p class="notice" role="alert">{strings::NO_DOC_YEAR}</p> }>
                {choice_fields(choice)}
                {may_get(role, Document::Mau01).then(|| commune_buttons(choice))}
                {may_get(role, Document::PhuLuc02).then(|| unit_buttons(choice, units))}
            </Show>
        </main>
    }
    .into_any()
}
