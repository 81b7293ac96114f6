//! The models behind the figure tapped: exactly the ids of its tally, in
//! its order (`shared::dashboard::rows`), each opening the model's page.
use leptos::prelude::*;
use shared::dashboard::rows;

use super::{DashData, Source};
use crate::route::Route;
use crate::strings;

#[component]
pub fn FigureList(data: DashData) -> impl IntoView {
    let list = Memo::new(move |_| {
        let figure = data.figure.get()?;
        let id = data.campaign.get()?;
        let title = data.dash.with(|d| d.as_ref().map(|d| d.title(&figure)))?;
        let list = match data.source {
            Source::Device(records) => data.dash.with(|d| {
                let tally = d.as_ref()?.tally(&figure)?;
                records.with(|r| r.year(id).map(|y| rows(&y, tally)))
            }),
            Source::Served(_, served) => served.with(|s| s.as_ref()?.rows(&figure)),
        }?;
        Some((title, list))
    });
    // The city viewer's device holds no models: their rows open nothing.
    let linked = matches!(data.source, Source::Device(_));
    move || {
        list.get().map(|(title, rows)| {
            let count = rows.len();
            view! {
                <section class="dash__list card" id="figure-list" data-count=count.to_string()>
                    <div class="dash__list-head">
                        <h3 id="figure-title">{title} " · " {strings::models_count(u32::try_from(count).unwrap_or(u32::MAX))}</h3>
                        <a id="close-list" class="button button--quiet" href=move || data.href(None)>{strings::DASHBOARD_CLOSE_LIST}</a>
                    </div>
                    {rows.is_empty().then(|| view! { <p class="models__empty">{strings::DASHBOARD_EMPTY_LIST}</p> })}
                    <ul class="models">
                        {rows.into_iter().map(|r| view! {
                            <li class="models__item" data-id=r.model_id.to_string()>
                                {if linked {
                                    view! {
                                        <a class="models__link" href=Route::Model(r.model_id).href()>
                                            <span class="models__name">{r.name}</span>
                                            <span class="models__unit">{r.unit}</span>
                                            <span class="models__status">{r.status.map(|s| s.label())}</span>
                                        </a>
                                    }.into_any()
                                } else {
                                    view! {
                                        <span class="models__link">
                                            <span class="models__name">{r.name}</span>
                                            <span class="models__unit">{r.unit}</span>
                                            <span class="models__status">{r.status.map(|s| s.label())}</span>
                                        </span>
                                    }.into_any()
                                }}
                            </li>
                        }).collect_view()}
                    </ul>
                </section>
            }
        })
    }
}
