//! The registration's items: general information, resources and time,
//! the indicator list and the milestones.
use leptos::prelude::*;
use shared::field::Field;
use shared::ids::IndicatorId;
use shared::model::{Indicator, Milestone, Model, ModelKind};

use super::Form;
use crate::clock;
use crate::pages::fields::{
    DateInput, NumberInput, NumberKind, SelectInput, TextInput, enum_options, focus_field,
    from_wire_name, wire_name,
};
use crate::strings;

pub(super) fn general(form: Form) -> impl IntoView {
    let topics = move || {
        form.get(|m| m.field)
            .map(|f| f.topics().to_vec())
            .unwrap_or_default()
    };
    view! {
        {form.text("name", strings::L_NAME, false, |m| m.name.clone())}
        <SelectInput path="field" label=strings::L_FIELD placeholder=strings::CHOOSE
            options=enum_options(&Field::ALL, Field::label)
            value=Signal::derive(move || form.get(|m| m.field).map(|f| wire_name(&f)).unwrap_or_default())
            on_change=Callback::new(move |v: String| {
                form.save("field", from_wire_name::<Field>(&v));
            })
            error=Signal::derive(move || form.error("field"))
            disabled=Signal::derive(move || !form.editable.get())/>
        <datalist id="topics">{move || topics().into_iter().map(|t| view! { <option value=t></option> }).collect_view()}</datalist>
        <TextInput path="topic" label=strings::L_TOPIC list="topics".to_owned()
            value=Signal::derive(move || form.get(|m| m.topic.clone()))
            on_change=Callback::new(move |v: String| form.save("topic", v))
            error=Signal::derive(move || form.error("topic"))
            disabled=Signal::derive(move || !form.editable.get())/>
        <SelectInput path="kind" label=strings::L_KIND
            options=enum_options(&ModelKind::ALL, ModelKind::label)
            value=Signal::derive(move || wire_name(&form.get(|m| m.kind)))
            on_change=Callback::new(move |v: String| {
                if let Some(kind) = from_wire_name::<ModelKind>(&v) {
                    form.save("kind", kind);
                }
            })
            error=Signal::derive(move || form.error("kind"))
            disabled=Signal::derive(move || !form.editable.get())/>
        {form.text("sub_unit", strings::L_SUB_UNIT, false, |m| m.sub_unit.clone())}
        {form.text("registrant", strings::L_REGISTRANT, false, |m| m.registrant.clone())}
        {form.text("responsible_leader", strings::L_LEADER, false, |m| m.responsible_leader.clone())}
    }
}

pub(super) fn resources(form: Form) -> impl IntoView {
    view! {
        {form.money("budget_vnd", strings::L_BUDGET, |m| m.budget_vnd)}
        {form.money("socialized_vnd", strings::L_SOCIALIZED, |m| m.socialized_vnd)}
        {form.text("facilities", strings::L_FACILITIES, true, |m| m.facilities.clone())}
        {form.text("manpower", strings::L_MANPOWER, true, |m| m.manpower.clone())}
        <NumberInput path="workdays" label=strings::L_WORKDAYS kind=NumberKind::Whole
            value=Signal::derive(move || form.get(|m| m.workdays).map(f64::from))
            on_change=Callback::new(move |v: Option<f64>| form.save("workdays", v.map(|x| x as u32)))
            error=Signal::derive(move || form.error("workdays"))
            disabled=Signal::derive(move || !form.editable.get())/>
        <div class="grid-2">
            {form.date("start_date", strings::L_START, |m| m.start_date)}
            {form.date("end_date", strings::L_END, |m| m.end_date)}
        </div>
        <Milestones form/>
        <div class="grid-3">
            {form.date("survey_date", strings::L_SURVEY, |m| m.survey_date)}
            {form.date("inspection_date", strings::L_INSPECTION, |m| m.inspection_date)}
            {form.date("summary_date", strings::L_SUMMARY, |m| m.summary_date)}
        </div>
    }
}

/// The indicator list: edited row by row, saved as one field.
#[component]
pub(super) fn Indicators(form: Form, previous: Memo<Option<Model>>) -> impl IntoView {
    let ids = move || form.get(|m| m.indicators.iter().map(|i| i.id).collect::<Vec<_>>());
    let update = move |id: IndicatorId, change: Box<dyn FnOnce(&mut Indicator)>| {
        let mut list = form.get(|m| m.indicators.clone());
        if let Some(ind) = list.iter_mut().find(|i| i.id == id) {
            change(ind);
            form.save("indicators", list);
        }
    };
    let add = move |_| {
        let mut list = form.get(|m| m.indicators.clone());
        let id = IndicatorId::new();
        list.push(Indicator {
            id,
            name: String::new(),
            unit: String::new(),
            target: 0.0,
            previous_target: None,
        });
        form.save("indicators", list);
        let path = format!(
            "indicators[{}].name",
            form.get(|m| m.indicators.len()).saturating_sub(1)
        );
        request_animation_frame(move || focus_field(&path));
    };
    let list_error = Signal::derive(move || form.error("indicators"));
    view! {
        <div class="field" data-field="indicators" id="f-indicators">
            <span class="field__label">{strings::L_INDICATORS}</span>
            <ol class="rows">
                <For each=ids key=|id| *id let:id>
                    {
                        let index = move || form.get(move |m| m.indicators.iter().position(|i| i.id == id)).unwrap_or(0);
                        let ind = move || form.model.with(|m| m.as_ref().and_then(|m| m.indicators.iter().find(|i| i.id == id).cloned()));
                        let path = move |leaf: &str| format!("indicators[{}].{leaf}", index());
                        let last_year = move || {
                            let mine = ind()?;
                            mine.previous_target.or_else(|| previous.with(|p| p.as_ref().and_then(|p| {
                                p.indicators.iter().find(|o| shared::validate::same_text(&o.name, &mine.name)).map(|o| o.target)
                            })))
                        };
                        view! {
                            <li class="row">
                                <TextInput path=path("name") label=strings::L_IND_NAME
                                    value=Signal::derive(move || ind().map(|i| i.name).unwrap_or_default())
                                    on_change=Callback::new(move |v: String| update(id, Box::new(move |i| i.name = v)))
                                    error=Signal::derive(move || form.error(&path("name")))
                                    disabled=Signal::derive(move || !form.editable.get())/>
                                <div class="grid-2">
                                    <TextInput path=path("unit") label=strings::L_IND_UNIT
                                        value=Signal::derive(move || ind().map(|i| i.unit).unwrap_or_default())
                                        on_change=Callback::new(move |v: String| update(id, Box::new(move |i| i.unit = v)))
                                        error=Signal::derive(move || form.error(&path("unit")))
                                        disabled=Signal::derive(move || !form.editable.get())/>
                                    <NumberInput path=path("target") label=strings::L_IND_TARGET kind=NumberKind::Decimal zero_is_empty=true
                                        value=Signal::derive(move || ind().map(|i| i.target))
                                        on_change=Callback::new(move |v: Option<f64>| update(id, Box::new(move |i| i.target = v.unwrap_or(0.0))))
                                        error=Signal::derive(move || form.error(&path("target")))
                                        disabled=Signal::derive(move || !form.editable.get())/>
                                </div>
                                {move || last_year().map(|t| view! {
                                    <p class="field__hint">{strings::LAST_YEAR_TARGET} ": " {shared::format::number(t)} " – " {strings::MUST_BE_HIGHER}</p>
                                })}
                                <button class="button button--quiet row__remove" disabled=move || !form.editable.get()
                                    on:click=move |_| {
                                        let list: Vec<Indicator> = form.get(|m| m.indicators.clone()).into_iter().filter(|i| i.id != id).collect();
                                        form.save("indicators", list);
                                    }>{strings::REMOVE}</button>
                            </li>
                        }
                    }
                </For>
            </ol>
            <span class="field__error" role="alert">{move || list_error.get()}</span>
            <button id="add-indicator" class="button" on:click=add disabled=move || !form.editable.get()>{strings::ADD_INDICATOR}</button>
        </div>
    }
}

/// Milestones: a date and what must be done by then.
#[component]
fn Milestones(form: Form) -> impl IntoView {
    let count = move || form.get(|m| m.milestones.len());
    let update = move |i: usize, change: Box<dyn FnOnce(&mut Milestone)>| {
        let mut list = form.get(|m| m.milestones.clone());
        if let Some(m) = list.get_mut(i) {
            change(m);
            form.save("milestones", list);
        }
    };
    let add = move |_| {
        let mut list = form.get(|m| m.milestones.clone());
        let date = form.get(|m| m.start_date).unwrap_or_else(clock::today);
        list.push(Milestone {
            date,
            title: String::new(),
        });
        form.save("milestones", list);
    };
    view! {
        <div class="field" data-field="milestones">
            <span class="field__label">{strings::L_MILESTONES}</span>
            <ol class="rows">
                <For each=move || 0..count() key=|i| *i let:i>
                    {
                        let item = move || form.model.with(|m| m.as_ref().and_then(|m| m.milestones.get(i).cloned()));
                        view! {
                            <li class="row">
                                <div class="grid-2">
                                    <DateInput path=format!("milestones[{i}].date") label=strings::L_MILESTONE_DATE
                                        value=Signal::derive(move || item().map(|m| m.date))
                                        on_change=Callback::new(move |v: Option<chrono::NaiveDate>| {
                                            if let Some(d) = v { update(i, Box::new(move |m| m.date = d)); }
                                        })
                                        error=Signal::derive(move || form.error(&format!("milestones[{i}].date")))
                                        disabled=Signal::derive(move || !form.editable.get())/>
                                    <TextInput path=format!("milestones[{i}].title") label=strings::L_MILESTONE_TITLE
                                        value=Signal::derive(move || item().map(|m| m.title).unwrap_or_default())
                                        on_change=Callback::new(move |v: String| update(i, Box::new(move |m| m.title = v)))
                                        error=Signal::derive(move || form.error(&format!("milestones[{i}].title")))
                                        disabled=Signal::derive(move || !form.editable.get())/>
                                </div>
                                <button class="button button--quiet row__remove" disabled=move || !form.editable.get()
                                    on:click=move |_| {
                                        let mut list = form.get(|m| m.milestones.clone());
                                        if i < list.len() { list.remove(i); }
                                        form.save("milestones", list);
                                    }>{strings::REMOVE}</button>
                            </li>
                        }
                    }
                </For>
            </ol>
            <button id="add-milestone" class="button" on:click=add disabled=move || !form.editable.get()>{strings::ADD_MILESTONE}</button>
        </div>
    }
}
