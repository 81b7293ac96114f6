//! The link at the top of a screen back to the person's first screen
//! (`#/`, which is per role: `shared::user::Role::first_screen`), named
//! after it. On a screen that is itself someone's first screen (the
//! dashboard for a leader, the city view for a city viewer) that person
//! gets instead the ways on from it: the models listed, the documents.
use leptos::prelude::*;
use shared::document::{Document, may_get};
use shared::user::FirstScreen;

use crate::route::Route;
use crate::strings;
use crate::sync;

#[component]
pub fn BackHome(
    /// The first screen this page is, if it is one.
    #[prop(optional)]
    here: Option<FirstScreen>,
) -> impl IntoView {
    let Some(role) = sync::current().map(|s| s.session.user.role) else {
        return ().into_any();
    };
    let first = role.first_screen();
    if Some(first) != here {
        return view! { <a class="back" href=Route::Home.href()>{strings::back_home(first)}</a> }
            .into_any();
    }
    view! {
        <nav class="buttons first-links" id="first-links">
            {(first != FirstScreen::City).then(|| view! {
                <a id="open-models" class="button" href=Route::Models.href()>{strings::MODELS_LIST}</a>
            })}
            {may_get(role, Document::Mau01).then(|| view! {
                <a id="open-documents" class="button" href=Route::Documents.href()>{strings::DOCUMENTS}</a>
            })}
        </nav>
    }
    .into_any()
}
