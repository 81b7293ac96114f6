//! The officer's home: the unit's models of the campaign year with their
//! status and sync state, and a quick draft of a new model.
use leptos::prelude::*;
use shared::campaign::CampaignYear;
use shared::ids::ModelId;
use shared::model::Model;
use shared::sync::{RecordKind, RecordView, to_fields};

use crate::storage::{self, Loaded};
use crate::strings;
use crate::sync::{self, Syncer};

fn campaign(syncer: &Syncer) -> Option<CampaignYear> {
    syncer.with_engine(|engine| {
        engine
            .views(RecordKind::Campaign)
            .into_iter()
            .filter_map(|v| {
                serde_json::from_value::<CampaignYear>(serde_json::Value::Object(v.fields)).ok()
            })
            .max_by_key(|c| c.year)
    })
}

fn model_of(view: &RecordView) -> Option<Model> {
    serde_json::from_value(serde_json::Value::Object(view.fields.clone())).ok()
}

#[component]
pub fn Home() -> impl IntoView {
    let Some(syncer) = sync::current() else {
        return ().into_any();
    };
    let user = syncer.session.user.clone();
    let draft_key = format!("u/{}/draft/new-model-name", user.id);
    let (notice, set_notice) = signal(None::<&'static str>);
    if !syncer.warnings().is_empty() {
        set_notice.set(Some(strings::CORRUPT_KEPT));
    }
    let initial = match storage::load::<String>(&draft_key) {
        Loaded::Value(text) => text,
        Loaded::Missing => String::new(),
        Loaded::Corrupt => {
            set_notice.set(Some(strings::CORRUPT_KEPT));
            String::new()
        }
    };
    let draft = RwSignal::new(initial);
    {
        let key = draft_key.clone();
        Effect::new(move |_| {
            if storage::save(&key, &draft.get()).is_err() {
                set_notice.set(Some(strings::STORAGE_FAILED));
            }
        });
    }

    let version = syncer.data_version;
    // This year's models; earlier years stay on the device for "continue".
    let models = move || {
        version.track();
        let Some(syncer) = sync::current() else {
            return Vec::new();
        };
        let year = campaign(&syncer).map(|c| serde_json::json!(c.id));
        syncer
            .with_engine(|engine| engine.views(RecordKind::Model))
            .into_iter()
            .filter(|v| year.is_none() || v.fields.get("campaign_id") == year.as_ref())
            .collect::<Vec<_>>()
    };

    let create = {
        let user = user.clone();
        move |_| {
            let Some(syncer) = sync::current() else {
                return;
            };
            let Some(campaign) = campaign(&syncer) else {
                set_notice.set(Some(strings::NO_CAMPAIGN));
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
            match syncer.edit(RecordKind::Model, model.id.as_uuid(), fields) {
                Ok(()) => draft.set(String::new()),
                Err(_) => set_notice.set(Some(strings::STORAGE_FAILED)),
            }
        }
    };

    view! {
        <main class="page">
            {move || notice.get().map(|text| view! { <p class="notice" role="alert">{text}</p> })}
            <h2>{strings::UNIT_MODELS}</h2>
            <div class="card">
                <label class="field">
                    <span class="field__label">{strings::NEW_MODEL_LABEL}</span>
                    <input id="draft-name" class="field__input" type="text" autocomplete="off"
                        placeholder=strings::NEW_MODEL_PLACEHOLDER
                        prop:value=move || draft.get()
                        on:input=move |e| draft.set(event_target_value(&e))/>
                    <span class="field__hint">{strings::DRAFT_HINT}</span>
                </label>
                <button id="create-draft" class="button button--primary" on:click=create>{strings::CREATE_DRAFT}</button>
            </div>
            <ul class="models" id="models">
                {move || {
                    let list = models();
                    if list.is_empty() {
                        return view! { <li class="models__empty">{strings::NO_MODELS}</li> }.into_any();
                    }
                    list.into_iter().map(|view| {
                        let model = model_of(&view);
                        let name = model.as_ref().map(|m| m.name.clone()).filter(|n| !n.trim().is_empty())
                            .unwrap_or_else(|| strings::UNNAMED.to_owned());
                        let status = model.as_ref().map(|m| m.status.label()).unwrap_or_default();
                        let sync = view.status;
                        view! {
                            <li class="models__item" data-id=view.id.to_string() data-sync=format!("{sync:?}")>
                                <span class="models__name">{name}</span>
                                <span class="models__status">{status}</span>
                                <span class="models__sync">{sync.label()}</span>
                                {view.rejections.first().map(|r| view! { <span class="field__error">{r.message.clone()}</span> })}
                            </li>
                        }
                    }).collect_view().into_any()
                }}
            </ul>
        </main>
    }
    .into_any()
}
