//! The photos of a model's progress entries and results report, for
//! whoever evaluates or reads the evaluation: grouped by the record they
//! came with, in the order of phụ lục 02's evidence appendix
//! (`shared::document::evidence::photo_lists`). Thumbnails open full size;
//! one not yet on the server says so; offline, what the device holds.
use leptos::prelude::*;
use shared::document::evidence::photo_lists;
use shared::ids::ModelId;
use shared::photo::PhotoRef;

use crate::data;
use crate::pages::photo_thumb::PhotoThumb;
use crate::strings;
use crate::sync;

#[component]
pub(super) fn Evidence(id: ModelId) -> impl IntoView {
    // Photos come from the model's progress entries and report only.
    let versions = sync::current().map(|s| {
        (
            s.kind_version(shared::sync::RecordKind::Progress),
            s.kind_version(shared::sync::RecordKind::Report),
        )
    });
    let lists = Memo::new(move |_| -> Vec<(String, Vec<PhotoRef>)> {
        if let Some((progress, report)) = versions {
            progress.track();
            report.track();
        }
        let Some(syncer) = sync::current() else {
            return Vec::new();
        };
        // Timed as `dvk-evidence` (one per read; browser::review_typing).
        let (progress, report) = crate::clock::measured("dvk-evidence", || {
            (data::progress_of(&syncer, id), data::report_of(&syncer, id))
        });
        let entries: Vec<_> = progress.iter().map(|(e, _)| e).collect();
        photo_lists(&entries, report.as_ref().map(|(r, _)| r))
            .into_iter()
            .map(|(heading, photos)| (heading, photos.to_vec()))
            .collect()
    });
    view! {
        <section class="evidence" id="evidence">
            <h4>{strings::EVIDENCE}</h4>
            {move || {
                let lists = lists.get();
                if lists.is_empty() {
                    return view! { <p class="field__hint">{strings::NO_EVIDENCE}</p> }.into_any();
                }
                lists.into_iter().map(|(heading, photos)| view! {
                    <div class="evidence__group">
                        <p class="evidence__source">{heading}</p>
                        <ul class="photos__list">
                            {photos.into_iter().map(|p| view! { <li class="photos__item"><PhotoThumb photo=p/></li> }).collect_view()}
                        </ul>
                    </div>
                }).collect_view().into_any()
            }}
        </section>
    }
}
