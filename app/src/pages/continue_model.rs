//! Continue last year's model, or adopt another unit's replicated one:
//! first the unit's own earlier models, then the commune's list of models
//! to replicate (`shared::replication::choices`). Either way a copy for
//! this year linked to it, whose indicators must then be raised.
use leptos::prelude::*;
use shared::ids::ModelId;
use shared::model::Model;
use shared::replication::{Link, choices, is_replicable};
use shared::sync::{RecordKind, to_fields};

use crate::data;
use crate::pages::back_home::BackHome;
use crate::pages::edit::save_all;
use crate::route::{self, Route};
use crate::strings;
use crate::sync;

/// One earlier model offered: the model, its year, continue or adopt,
/// already taken this year, and the name of its unit.
type Offer = (Model, i32, Link, bool, String);

fn start(previous: &Model, link: Link) {
    let Some(syncer) = sync::current() else {
        return;
    };
    let (Some(current), Some(unit)) =
        (data::current_campaign(&syncer), syncer.session.user.unit_id)
    else {
        syncer.notice.set(Some(strings::NO_CAMPAIGN.into()));
        return;
    };
    let next = match link {
        Link::Continue => Model::continue_from(previous, ModelId::new(), current.id),
        Link::Adopt => Model::adopt(previous, ModelId::new(), current.id, unit),
    };
    let Ok(fields) = to_fields(&next) else { return };
    if save_all(RecordKind::Model, next.id.as_uuid(), fields) {
        route::go(Route::Model(next.id));
    }
}

fn item((m, year, link, taken, unit): Offer) -> impl IntoView {
    let indicators = m.indicators.len();
    let id = m.id.to_string();
    let on_list = is_replicable(&m);
    let (action, done, class) = match link {
        Link::Continue => (
            strings::CONTINUE_THIS,
            strings::ALREADY_CONTINUED,
            "continue",
        ),
        Link::Adopt => (strings::ADOPT_THIS, strings::ALREADY_ADOPTED, "adopt"),
    };
    view! {
        <li class="models__item" data-id=id data-link=class>
            <span class="models__name">{m.name.clone()}</span>
            {(link == Link::Adopt).then(|| view! { <span class="models__unit">{unit}</span> })}
            <span class="models__status">{year} " · " {m.status.label()} " · " {indicators} " " {strings::L_INDICATORS.to_lowercase()}</span>
            {on_list.then(|| view! { <span class="chip chip--ok">{strings::ON_THE_LIST}</span> })}
            {if taken {
                view! { <span class="models__sync">{done}</span> }.into_any()
            } else {
                view! { <button class=format!("button button--primary {class}") on:click=move |_| start(&m, link)>{action}</button> }.into_any()
            }}
        </li>
    }
}

#[component]
pub fn ContinuePage() -> impl IntoView {
    let Some(syncer) = sync::current() else {
        return ().into_any();
    };
    let version = syncer.data_version;
    let unit = syncer.session.user.unit_id;
    let offers = Memo::new(move |_| -> Vec<Offer> {
        version.track();
        let (Some(syncer), Some(unit)) = (sync::current(), unit) else {
            return Vec::new();
        };
        let campaigns = data::campaigns(&syncer);
        let Some(current) = campaigns.first() else {
            return Vec::new();
        };
        let units = data::units(&syncer);
        let models: Vec<Model> = data::models(&syncer).into_iter().map(|(m, _)| m).collect();
        choices(&models, &campaigns, unit, current)
            .into_iter()
            .map(|c| {
                let unit_name = units
                    .iter()
                    .find(|u| u.id == c.model.unit_id)
                    .map(|u| u.name.clone())
                    .unwrap_or_else(|| strings::UNKNOWN_UNIT.to_owned());
                (c.model.clone(), c.year, c.link, c.taken, unit_name)
            })
            .collect()
    });
    let group = move |link: Link| {
        offers.with(|list| {
            list.iter()
                .filter(|o| o.2 == link)
                .cloned()
                .collect::<Vec<_>>()
        })
    };
    view! {
        <main class="page">
            <BackHome/>
            <h2>{strings::CONTINUE_TITLE}</h2>
            <p class="field__hint">{strings::CONTINUE_HELP}</p>
            {move || offers.with(Vec::is_empty).then(|| view! { <p class="models__empty">{strings::NO_PREVIOUS}</p> })}
            {move || {
                let own = group(Link::Continue);
                (!own.is_empty()).then(|| view! {
                    <h3>{strings::OWN_MODELS}</h3>
                    <ul class="models" id="previous-models">{own.into_iter().map(item).collect_view()}</ul>
                })
            }}
            {move || {
                let others = group(Link::Adopt);
                (!others.is_empty()).then(|| view! {
                    <h3>{strings::COMMUNE_REPLICATED}</h3>
                    <p class="field__hint">{strings::ADOPT_HELP}</p>
                    <ul class="models" id="replicated-models">{others.into_iter().map(item).collect_view()}</ul>
                })
            }}
        </main>
    }
    .into_any()
}
