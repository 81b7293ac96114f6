//! One document, one tap: fetched with the session's key, saved as the
//! file the server names, and what happened said under the button (the
//! server's Vietnamese message, or that a document needs a connection).
use leptos::prelude::*;
use shared::api::CallError;

use crate::{api, files, strings};

/// What the last tap gave: the saved file's name, or why not.
type Outcome = Result<String, String>;

async fn fetch_and_save(path: &str) -> Result<(String, f64), CallError> {
    let (blob, name) = api::download(path).await?;
    files::save(&blob, &name).map_err(|e| CallError::BadAnswer(format!("{e:?}")))?;
    Ok((name, blob.size()))
}

fn said(error: &CallError) -> String {
    match error {
        CallError::Offline => strings::DOCUMENT_NEEDS_CONNECTION.to_owned(),
        other => other.message(),
    }
}

/// A button that downloads the document at `path` (with its query, read at
/// the tap). After a save the button carries `data-last-download="<name>
/// <bytes>"`, which the browser tests read.
#[component]
pub fn DownloadButton(
    id: String,
    label: String,
    #[prop(into)] path: Signal<String>,
) -> impl IntoView {
    let busy = RwSignal::new(false);
    let outcome = RwSignal::new(None::<Outcome>);
    let last = RwSignal::new(None::<String>);
    let tap = move |_| {
        if busy.get_untracked() {
            return;
        }
        let path = path.get_untracked();
        // No campaign year on the device yet: nothing to ask for.
        if path.is_empty() {
            outcome.set(Some(Err(strings::NO_DOC_YEAR.to_owned())));
            return;
        }
        busy.set(true);
        outcome.set(None);
        leptos::task::spawn_local(async move {
            match fetch_and_save(&path).await {
                Ok((name, size)) => {
                    last.set(Some(format!("{name} {size}")));
                    outcome.set(Some(Ok(name)));
                }
                Err(error) => outcome.set(Some(Err(said(&error)))),
            }
            busy.set(false);
        });
    };
    view! {
        <div class="download">
            <button id=id class="button download__button" disabled=move || busy.get()
                aria-busy=move || busy.get().to_string()
                data-last-download=move || last.get() on:click=tap>{label}</button>
            {move || busy.get().then(|| view! { <p class="field__hint" role="status">{strings::DOCUMENT_MAKING}</p> })}
            {move || outcome.get().map(|o| match o {
                Ok(name) => view! { <p class="field__hint download__ok" role="status">{strings::DOCUMENT_SAVED} " " {name}</p> }.into_any(),
                Err(message) => view! { <p class="field__error download__error" role="alert">{message}</p> }.into_any(),
            })}
        </div>
    }
}
