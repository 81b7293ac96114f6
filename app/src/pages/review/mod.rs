//! The reviewer's queue (`#/duyet`): what waits for Ban xây dựng Đảng,
//! most overdue and oldest first (`shared::queue`), filtered by unit, field
//! and status with counts, and the model opened from it (`#/duyet/<id>`)
//! beside the list on a tablet, alone on a phone, with "next in queue".
//! Reviewer-only: one entry component, [`ReviewPage`], so the screens can
//! be loaded apart from the rest of the app.
mod filter_select;
mod filters;
mod list;
mod queue_nav;

use leptos::prelude::*;
use shared::ids::ModelId;
use shared::model::Model;
use shared::org::Unit;
use shared::queue::{Filter, Queue, queue};
use shared::sync::RecordKind;

use filters::QueueFilters;
use list::QueueList;
use queue_nav::QueueNav;

use crate::clock;
use crate::data;
use crate::pages::back_home::BackHome;
use crate::pages::model::ModelView;
use crate::store::{self as storage, Loaded};
use crate::strings;
use crate::sync;

/// What the queue's parts read: the models and units on the device, and
/// the queue as filtered.
#[derive(Clone, Copy)]
pub(super) struct QueueData {
    pub models: Memo<Vec<Model>>,
    pub units: Memo<Vec<Unit>>,
    pub queue: Memo<Queue>,
    pub filter: RwSignal<Filter>,
}

impl QueueData {
    pub(super) fn model_name(&self, id: ModelId) -> String {
        self.models.with(|list| {
            list.iter()
                .find(|m| m.id == id)
                .map(|m| m.name.trim().to_owned())
                .filter(|n| !n.is_empty())
                .unwrap_or_else(|| strings::UNNAMED.to_owned())
        })
    }

    pub(super) fn unit_name(&self, id: shared::ids::UnitId) -> String {
        self.units.with(|list| {
            list.iter()
                .find(|u| u.id == id)
                .map(|u| u.name.clone())
                .unwrap_or_else(|| strings::UNKNOWN_UNIT.to_owned())
        })
    }
}

#[component]
pub fn ReviewPage(selected: Memo<Option<ModelId>>) -> impl IntoView {
    let Some(syncer) = sync::current() else {
        return ().into_any();
    };
    let notice = syncer.notice;
    // The filters stay as the reviewer left them (per person, on this device).
    let key = format!("u/{}/review/filter", syncer.session.user.id);
    let initial = match storage::load::<Filter>(&key) {
        Loaded::Value(f) => f,
        Loaded::Missing | Loaded::Corrupt => Filter::default(),
    };
    let filter = RwSignal::new(initial);
    Effect::new(move |_| {
        if storage::save(&key, &filter.get()).is_err() {
            notice.set(Some(strings::STORAGE_FAILED.into()));
        }
    });
    // The queue reads models, units and campaign years only: a key typed
    // in the open model's evaluation beside it does not re-read them.
    let (model_version, unit_version, campaign_version) = (
        syncer.kind_version(RecordKind::Model),
        syncer.kind_version(RecordKind::Unit),
        syncer.kind_version(RecordKind::Campaign),
    );
    let models = Memo::new(move |_| -> Vec<Model> {
        model_version.track();
        // Timed as `dvk-queue-models` (one per read; browser::review_typing).
        sync::current()
            .map(|s| crate::clock::measured("dvk-queue-models", || data::model_records(&s)))
            .unwrap_or_default()
    });
    let units = Memo::new(move |_| {
        unit_version.track();
        sync::current().map(|s| data::units(&s)).unwrap_or_default()
    });
    // The device's day, read once for this screen and passed to the rules.
    let today = clock::today();
    let campaigns = Memo::new(move |_| {
        campaign_version.track();
        sync::current()
            .map(|s| data::campaigns(&s))
            .unwrap_or_default()
    });
    let queue = Memo::new(move |_| {
        models.with(|m| campaigns.with(|c| units.with(|u| queue(m, c, u, &filter.get(), today))))
    });
    let data = QueueData {
        models,
        units,
        queue,
        filter,
    };
    view! {
        <main class="page page--review" class:page--review-open=move || selected.with(Option::is_some)>
            <div class="review">
                <div class="review__queue">
                    <BackHome/>
                    <h2 id="queue-title">{strings::QUEUE_TITLE}</h2>
                    <p class="field__hint">{strings::QUEUE_HELP}</p>
                    <QueueFilters data/>
                    <QueueList data selected/>
                </div>
                <div class="review__model">
                    {move || match selected.get() {
                        Some(id) => view! { <QueueNav data current=id/> <ModelView id/> }.into_any(),
                        None => view! { <p class="review__placeholder">{strings::CHOOSE_FROM_QUEUE}</p> }.into_any(),
                    }}
                </div>
            </div>
        </main>
    }
    .into_any()
}
