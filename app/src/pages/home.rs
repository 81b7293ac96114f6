//! Home: the models of the person's unit (or commune) for the campaign
//! year, each with its status, sync state and deadline; the unit's target;
//! a quick way to start a model or continue last year's.
use leptos::prelude::*;
use shared::coverage::counts_toward;
use shared::deadline::{model_deadline, unit_deadlines};
use shared::document::{Document, may_get};
use shared::ids::ModelId;
use shared::model::Model;
use shared::model_listing::ModelListing;
use shared::sync::{RecordKind, to_fields};
use shared::user::Role;

use crate::clock;
use crate::data;
use crate::pages::documents::query;
use crate::pages::download_button::DownloadButton;
use crate::pages::edit::save_all;
use crate::route::{self, Route};
use crate::store::Loaded;
use crate::strings;
use crate::sync;

/// The draft of a new model's name.
const DRAFT: &str = "new-model-name";

/// Models drawn at first, and added by each "Xem thêm": more than a
/// phone's screenful, a small part of a big unit's thousands.
const PAGE: usize = 50;

/// Home's models: this year's of the person's unit (or commune), and how
/// many of every year wait for the reviewer.
#[derive(Clone, Default, PartialEq)]
struct Listed {
    models: Vec<(ModelListing, shared::sync::Standing)>,
    waiting: usize,
}

#[component]
pub fn Home() -> impl IntoView {
    let Some(syncer) = sync::current() else {
        return ().into_any();
    };
    let user = syncer.session.user.clone();
    let notice = syncer.notice;
    if !syncer.warnings().is_empty() {
        notice.set(Some(strings::CORRUPT_KEPT.into()));
    }
    let initial = match syncer.draft::<String>(DRAFT) {
        Loaded::Value(text) => text,
        Loaded::Missing => String::new(),
        Loaded::Corrupt => {
            notice.set(Some(strings::CORRUPT_KEPT.into()));
            String::new()
        }
    };
    let draft = RwSignal::new(initial);
    Effect::new(move |previous: Option<()>| {
        let text = draft.get();
        // The value just read needs no writing back.
        if previous.is_none() {
            return;
        }
        if let Some(syncer) = sync::current()
            && let Err(error) = syncer.set_draft(DRAFT, &text)
        {
            notice.set(Some(format!("{} ({error})", strings::STORAGE_FAILED)));
        }
    });

    let version = syncer.data_version;
    let unit_id = user.unit_id;
    let campaign = Memo::new(move |_| {
        version.track();
        sync::current().and_then(|s| data::current_campaign(&s))
    });
    let unit = Memo::new(move |_| {
        version.track();
        let id = unit_id?;
        sync::current().and_then(|s| data::unit(&s, id))
    });
    // Whose year the heading names: the officer's unit, else the commune.
    let whose = Memo::new(move |_| {
        version.track();
        let s = sync::current()?;
        if let Some(id) = unit_id {
            return data::unit(&s, id).map(|u| u.name);
        }
        let commune = campaign.get()?.commune_id;
        data::commune(&s, commune).map(|c| c.name)
    });
    // This year's models (of the unit for an officer); earlier years stay
    // on the device for "continue". Typed from the stored text, not
    // copied (thousands on a reviewer's or a big unit's device), once for
    // both the list and the reviewer's count of what waits (all years).
    let listed = Memo::new(move |_| {
        version.track();
        let Some(syncer) = sync::current() else {
            return Listed::default();
        };
        let year = campaign.get().map(|c| c.id);
        // Start-up's listing, then the latest one since (back from a
        // model, after a sync): the device benchmark reads both.
        let mut models =
            clock::measured_first_then_latest("dvk-home-models", "dvk-home-relist", || {
                data::model_list(&syncer)
            });
        let waiting = models
            .iter()
            .filter(|(m, _)| shared::queue::is_waiting(m.status))
            .count();
        models.retain(|(m, _)| {
            year.is_none_or(|y| m.campaign_id == y) && unit_id.is_none_or(|u| m.unit_id == u)
        });
        Listed { models, waiting }
    });
    // The list draws a page at a time: the first screenful at start-up.
    let shown = RwSignal::new(PAGE);
    let unit_names = Memo::new(move |_| {
        version.track();
        sync::current()
            .map(|s| {
                data::units(&s)
                    .into_iter()
                    .map(|u| (u.id, u.name))
                    .collect::<Vec<_>>()
            })
            .unwrap_or_default()
    });

    let officer = user.role == Role::UnitOfficer;
    let reviewer = user.role == Role::Reviewer;
    // The device's day, read once for this screen and passed to the rules.
    let today = clock::today();
    let create = {
        let user = user.clone();
        move |_| {
            let Some(campaign) = campaign.get_untracked() else {
                notice.set(Some(strings::NO_CAMPAIGN.into()));
                return;
            };
            let (Some(commune), Some(unit)) = (user.commune_id, user.unit_id) else {
                return;
            };
            let mut model = Model::new_draft(ModelId::new(), commune, unit, campaign.id);
            model.name = draft.get_untracked().trim().to_owned();
            let Ok(fields) = to_fields(&model) else {
                return;
            };
            if save_all(RecordKind::Model, model.id.as_uuid(), fields) {
                draft.set(String::new());
                route::go(Route::Model(model.id));
            }
        }
    };

    view! {
        <main class="page">
            <h2>{if officer { strings::UNIT_MODELS } else { strings::ALL_UNITS }}</h2>
            <p class="field__hint" id="unit-line">
                {move || campaign.get().map(|c| {
                    shared::messages::whose_year(whose.get().as_deref().unwrap_or_default(), c.year)
                })}
            </p>
            {move || campaign.get().filter(|_| unit_id.is_none()).and_then(|c| c.closed_label(today)).map(|closed| view! {
                <p class="field__hint" id="year-closed">{closed}</p>
            })}
            {move || match (campaign.get(), unit.get()) {
                (Some(c), Some(u)) => {
                    let target = c.target_for(&u);
                    let count = listed.with(|l| l.models.iter().filter(|(m, _)| counts_toward(&c, m)).count());
                    let met = count as u32 >= target;
                    let [(reg_kind, reg), (rep_kind, rep)] =
                        listed.with(|l| unit_deadlines(&c, l.models.iter().map(|(m, _)| m), today));
                    view! {
                        <section class="card summary">
                            {(target > 0).then(|| view! {
                                <p id="unit-target" data-met=met.to_string()>
                                    <strong>{strings::TARGET}</strong> ": " {strings::at_least_models(target)}
                                    " · " {count} " " {strings::REGISTERED_COUNT} " · "
                                    <span class=if met { "ok" } else { "late" }>{if met { strings::TARGET_MET } else { strings::TARGET_NOT_MET }}</span>
                                </p>
                            })}
                            {match c.closed_label(today) {
                                Some(closed) => view! { <p class="field__hint" id="year-closed">{closed}</p> }.into_any(),
                                None => view! {
                                    <p class="field__hint">{reg_kind.label()} " " {shared::format::date(c.deadline(reg_kind))} ": " {reg.label()}</p>
                                    <p class="field__hint">{rep_kind.label()} " " {shared::format::date(c.deadline(rep_kind))} ": " {rep.label()}</p>
                                }.into_any(),
                            }}
                        </section>
                    }.into_any()
                }
                _ => ().into_any(),
            }}
            {reviewer.then(|| view! {
                <p class="buttons">
                    <a id="open-queue" class="button button--primary" href=Route::Review(None).href()>{move || strings::queue_link(listed.with(|l| l.waiting))}</a>
                </p>
            })}
            {shared::city::may_get(user.role).then(|| view! {
                <p class="buttons">
                    <a id="open-city" class="button button--primary" href=Route::City.href()>{strings::CITY}</a>
                </p>
            })}
            {shared::dashboard::may_see(user.role).then(|| view! {
                <p class="buttons">
                    <a id="open-dashboard" class="button button--primary" href=Route::Dashboard(None, None).href()>{strings::DASHBOARD}</a>
                </p>
            })}
            {may_get(user.role, Document::Mau01).then(|| view! {
                <p class="buttons">
                    <a id="open-documents" class="button" href=Route::Documents.href()>{strings::DOCUMENTS}</a>
                </p>
            })}
            {officer.then(|| {
                // The unit's own results (phụ lục 02) for this year.
                let path = Signal::derive(move || match (campaign.get(), unit_id) {
                    (Some(c), Some(u)) => format!("/api/documents/phu-luc-02/{u}{}", query(&c, "", "", "")),
                    _ => String::new(),
                });
                view! { <DownloadButton id="doc-own-phu-luc-02".into() label=strings::DOC_OWN_PHU_LUC_02.into() path/> }
            })}
            {officer.then(|| view! {
                <div class="card">
                    <label class="field">
                        <span class="field__label">{strings::NEW_MODEL_LABEL}</span>
                        <input id="draft-name" class="field__input" type="text" autocomplete="off"
                            placeholder=strings::NEW_MODEL_PLACEHOLDER
                            prop:value=move || draft.get()
                            on:input=move |e| draft.set(event_target_value(&e))/>
                        <span class="field__hint">{strings::DRAFT_HINT}</span>
                    </label>
                    <div class="buttons">
                        <button id="create-draft" class="button button--primary" on:click=create>{strings::CREATE_DRAFT}</button>
                        <a id="continue-model" class="button" href=Route::Continue.href()>{strings::CONTINUE_LAST_YEAR}</a>
                    </div>
                </div>
            })}
            <ul class="models" id="models" data-count=move || listed.with(|l| l.models.len())>
                {move || {
                    let c = campaign.get();
                    let names = unit_names.get();
                    listed.with(|Listed { models: list, .. }| {
                        if list.is_empty() {
                            return view! { <li class="models__empty">{strings::NO_MODELS}</li> }.into_any();
                        }
                        list.iter().take(shown.get()).map(|(m, standing)| {
                            let name = Some(m.name.trim().to_owned()).filter(|n| !n.is_empty())
                                .unwrap_or_else(|| strings::UNNAMED.to_owned());
                            // A closed year says so once, above; its models count no days.
                            let due = c.as_ref().filter(|c| !c.is_closed(today)).and_then(|c| model_deadline(c, m, today));
                            let unit_name = (!officer).then(|| names.iter().find(|(id, _)| *id == m.unit_id).map(|(_, n)| n.clone())).flatten();
                            let sync = standing.status;
                            view! {
                                <li class="models__item" data-id=standing.id.to_string() data-sync=format!("{sync:?}") data-status=format!("{:?}", m.status)>
                                    <a class="models__link" href=Route::Model(m.id).href()>
                                        <span class="models__name">{name}</span>
                                        {unit_name.map(|n| view! { <span class="models__unit">{n}</span> })}
                                        <span class="models__status">{m.status.label()}</span>
                                        <span class="models__sync" class:models__sync--problem=matches!(sync, shared::sync::SyncStatus::Rejected | shared::sync::SyncStatus::Conflict)>{sync.label()}</span>
                                        {due.map(|(what, state)| view! {
                                            <span class="models__due" class:late=state.is_late()>{what.label()} ": " {state.label()}</span>
                                        })}
                                        {standing.rejections.first().map(|r| view! { <span class="field__error">{r.message.clone()}</span> })}
                                    </a>
                                </li>
                            }
                        }).collect_view().into_any()
                    })
                }}
            </ul>
            {move || {
                let left = listed.with(|l| l.models.len()).saturating_sub(shown.get());
                (left > 0).then(|| view! {
                    <p class="buttons">
                        <button id="more-models" class="button" on:click=move |_| shown.update(|n| *n += PAGE)>
                            {shared::messages::more_models(PAGE, left)}
                        </button>
                    </p>
                })
            }}
            <p class="buttons">
                {(user.role == Role::Admin).then(|| view! {
                    <a id="open-admin" class="button" href=Route::Admin(crate::route::AdminTab::Units).href()>{strings::ADMIN}</a>
                })}
                <a id="open-storage" class="button button--quiet" href=Route::Storage.href()>{strings::STORAGE_PANEL}</a>
            </p>
        </main>
    }
    .into_any()
}
