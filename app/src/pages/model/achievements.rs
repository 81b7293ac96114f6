//! What the results report says against the registration's targets, for
//! whoever evaluates or reads the evaluation: each indicator's target,
//! what was reached and the share, then the report's results text.
use leptos::prelude::*;
use shared::format;
use shared::ids::ModelId;
use shared::model::Model;
use shared::report::Achievement;

use crate::data;
use crate::strings;
use crate::sync;

fn row(a: Achievement) -> impl IntoView {
    let reached = a
        .reached
        .map(format::number)
        .unwrap_or_else(|| "—".to_owned());
    let percent = a.percent.map(format::percent).unwrap_or_default();
    view! {
        <tr>
            <td>{a.name} " (" {a.unit} ")"</td>
            <td class="num">{format::number(a.target)}</td>
            <td class="num">{reached}</td>
            <td class="num">{percent}</td>
        </tr>
    }
}

#[component]
pub(super) fn Achievements(id: ModelId, model: Memo<Option<Model>>) -> impl IntoView {
    let version = sync::current().map(|s| s.kind_version(shared::sync::RecordKind::Report));
    let report = Memo::new(move |_| {
        if let Some(v) = version {
            v.track();
        }
        sync::current()
            .and_then(|s| data::report_of(&s, id))
            .map(|(r, _)| r)
    });
    view! {
        <section class="achievements" id="achievements">
            <h4>{strings::REPORT_SUMMARY}</h4>
            {move || match (report.get(), model.get()) {
                (Some(r), Some(m)) => view! {
                    <table class="achievements__table">
                        <thead><tr>
                            <th>{strings::L_IND_NAME}</th>
                            <th class="num">{strings::REPORT_TARGET}</th>
                            <th class="num">{strings::REPORT_RESULT}</th>
                            <th class="num">"%"</th>
                        </tr></thead>
                        <tbody>{r.achievements(&m).into_iter().map(row).collect_view()}</tbody>
                    </table>
                    <p class="achievements__results">{r.results}</p>
                }.into_any(),
                _ => view! { <p class="field__hint">{strings::NO_REPORT}</p> }.into_any(),
            }}
        </section>
    }
}
