//! The models behind the figure tapped: exactly the ids of its tally, in
//! its order (`shared::dashboard::rows`), each opening the model's page.
use leptos::prelude::*;
use shared::dashboard::rows;

use super::DashData;
use crate::route::Route;
use crate::strings;

#[component]
pub fn FigureList(data: DashData) -> impl IntoView {
    let list = Memo::new(move |_| {
        let figure = data.figure.get()?;
        let id = data.campaign.get()?;
        data.dash.with(|d| {
            let d = d.as_ref()?;
            let tally = d.tally(&figure)?;
            data.records
                .with(|r| r.year(id).map(|y| (d.title(&figure), rows(&y, tally))))
        })
    });
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
                                <a class="models__link" href=Route::Model(r.model_id).href()>
                                    <span class="models__name">{r.name}</span>
                                    <span class="models__unit">{r.unit}</span>
                                    <span class="models__status">{r.status.map(|s| s.label())}</span>
                                </a>
                            </li>
                        }).collect_view()}
                    </ul>
                </section>
            }
        })
    }
}
