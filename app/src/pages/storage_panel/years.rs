//! Campaign years on the device: the current and previous ones are kept;
//! older ones (fetched when opened online) can be dropped here.
use leptos::prelude::*;

use crate::strings;
use crate::sync;

#[component]
pub fn OldYears() -> impl IntoView {
    let Some(syncer) = sync::current() else {
        return ().into_any();
    };
    let version = syncer.data_version;
    let years = Memo::new(move |_| {
        version.track();
        sync::current()
            .map(|s| s.years_on_device())
            .unwrap_or_default()
    });
    let message = RwSignal::new(None::<String>);
    let drop_year = move |year: i32| {
        leptos::task::spawn_local(async move {
            let Some(syncer) = sync::current() else {
                return;
            };
            let text = match syncer.drop_year(year).await {
                Ok(n) => strings::year_dropped(year, n),
                Err(error) => format!("{} ({error})", strings::STORAGE_FAILED),
            };
            message.set(Some(text));
        });
    };
    let fetch_again = move |_| {
        let Some(syncer) = sync::current() else {
            return;
        };
        message.set(Some(match syncer.fetch_all_again() {
            Ok(()) => strings::FETCHING_ALL_AGAIN.to_owned(),
            Err(error) => format!("{} ({error})", strings::STORAGE_FAILED),
        }));
    };
    view! {
        <section class="card" id="years">
            <h3>{strings::YEARS_ON_DEVICE}</h3>
            <p class="field__hint">{strings::YEARS_HELP}</p>
            <ul class="years">
                {move || years.get().into_iter().map(|(year, count, kept)| view! {
                    <li class="years__item" data-year=year.to_string() data-count=count.to_string()>
                        <span>{strings::CAMPAIGN} " " {year} ": " {count} " " {strings::RECORDS}</span>
                        {if kept {
                            view! { <span class="field__hint">{strings::YEAR_KEPT}</span> }.into_any()
                        } else {
                            view! {
                                <button class="button" id=format!("drop-year-{year}")
                                    on:click=move |_| drop_year(year)>{strings::DROP_YEAR}</button>
                            }.into_any()
                        }}
                    </li>
                }).collect_view()}
            </ul>
            <button class="button" id="fetch-all-again" on:click=fetch_again>{strings::FETCH_ALL_AGAIN}</button>
            {move || message.get().map(|t| view! { <p class="notice notice--ok" role="status">{t}</p> })}
        </section>
    }
    .into_any()
}
