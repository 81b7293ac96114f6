//! Continue last year's model: a copy for this year linked to it, with its
//! indicators, each of which must then be raised above last year's target.
use leptos::prelude::*;
use shared::ids::ModelId;
use shared::model::Model;
use shared::sync::{RecordKind, to_fields};

use crate::data;
use crate::pages::edit::save_all;
use crate::route::{self, Route};
use crate::strings;
use crate::sync;

#[component]
pub fn ContinuePage() -> impl IntoView {
    let Some(syncer) = sync::current() else {
        return ().into_any();
    };
    let version = syncer.data_version;
    let unit = syncer.session.user.unit_id;
    let choices = Memo::new(move |_| {
        version.track();
        let Some(syncer) = sync::current() else {
            return Vec::new();
        };
        let campaigns = data::campaigns(&syncer);
        let Some(current) = campaigns.first() else {
            return Vec::new();
        };
        let models: Vec<Model> = data::models(&syncer).into_iter().map(|(m, _)| m).collect();
        let mut out: Vec<(Model, i32, bool)> = models
            .iter()
            .filter(|m| unit.is_none_or(|u| m.unit_id == u))
            .filter_map(|m| {
                let year = campaigns.iter().find(|c| c.id == m.campaign_id)?.year;
                (year < current.year && m.status.is_registered()).then(|| {
                    let taken = models
                        .iter()
                        .any(|n| n.campaign_id == current.id && n.continued_from == Some(m.id));
                    (m.clone(), year, taken)
                })
            })
            .collect();
        out.sort_by(|a, b| b.1.cmp(&a.1).then(a.0.name.cmp(&b.0.name)));
        out
    });
    let start = move |previous: Model| {
        let Some(syncer) = sync::current() else {
            return;
        };
        let Some(current) = data::current_campaign(&syncer) else {
            syncer.notice.set(Some(strings::NO_CAMPAIGN.into()));
            return;
        };
        let next = Model::continue_from(&previous, ModelId::new(), current.id);
        let Ok(fields) = to_fields(&next) else { return };
        if save_all(RecordKind::Model, next.id.as_uuid(), fields) {
            route::go(Route::Model(next.id));
        }
    };
    view! {
        <main class="page">
            <a class="back" href=Route::Home.href()>{strings::BACK_HOME}</a>
            <h2>{strings::CONTINUE_TITLE}</h2>
            <p class="field__hint">{strings::CONTINUE_HELP}</p>
            <ul class="models" id="previous-models">
                {move || {
                    let list = choices.get();
                    if list.is_empty() {
                        return view! { <li class="models__empty">{strings::NO_PREVIOUS}</li> }.into_any();
                    }
                    list.into_iter().map(|(m, year, taken)| {
                        let name = m.name.clone();
                        let indicators = m.indicators.len();
                        let id = m.id.to_string();
                        let status = m.status.label();
                        view! {
                            <li class="models__item" data-id=id>
                                <span class="models__name">{name}</span>
                                <span class="models__status">{year} " · " {status} " · " {indicators} " " {strings::L_INDICATORS.to_lowercase()}</span>
                                {if taken {
                                    view! { <span class="models__sync">{strings::ALREADY_CONTINUED}</span> }.into_any()
                                } else {
                                    view! { <button class="button button--primary continue" on:click=move |_| start(m.clone())>{strings::CONTINUE_THIS}</button> }.into_any()
                                }}
                            </li>
                        }
                    }).collect_view().into_any()
                }}
            </ul>
        </main>
    }
    .into_any()
}
