//! The model's registration as the Party's mẫu 04 (.docx), once the model
//! is on the server (the file is made there from what the server holds);
//! a draft never sent says when it will be there.
use leptos::prelude::*;
use shared::document::{Document, may_get};
use shared::ids::ModelId;
use shared::sync::RecordView;

use crate::pages::download_button::DownloadButton;
use crate::strings;

#[component]
pub(super) fn Mau04(id: ModelId, view: Memo<Option<RecordView>>) -> impl IntoView {
    let role = crate::sync::current().map(|s| s.session.user.role);
    if !role.is_some_and(|r| may_get(r, Document::Mau04)) {
        return ().into_any();
    }
    // Version 0: the server has never had this model.
    let on_server = move || view.with(|v| v.as_ref().is_some_and(|v| v.version > 0));
    let path = format!("/api/documents/mau-04/{id}");
    view! {
        <div class="model-view__document">
            <Show when=on_server fallback=|| view! { <p class="field__hint" id="mau-04-later">{strings::DOC_MAU_04_LATER}</p> }>
                <DownloadButton id="doc-mau-04".into() label=strings::DOC_MAU_04.into() path=Signal::stored(path.clone())/>
            </Show>
        </div>
    }
    .into_any()
}
