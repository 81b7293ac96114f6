//! Units of the commune: name, kind, parent and the "has a target" flag,
//! saved as you type (synced records, so this works offline).
use leptos::prelude::*;
use shared::ids::UnitId;
use shared::org::{Unit, UnitKind};
use shared::sync::{RecordKind, to_fields};
use shared::validate::ErrorsExt;

use crate::data;
use crate::pages::edit::{save, save_all};
use crate::pages::fields::{SelectInput, TextInput, enum_options, from_wire_name, wire_name};
use crate::strings;
use crate::sync;

/// Units: rename, kind, parent and the target flag save as you go; a new
/// unit is added when its name is valid.
#[component]
pub(super) fn Units() -> impl IntoView {
    let Some(syncer) = sync::current() else {
        return ().into_any();
    };
    let version = syncer.data_version;
    let commune = syncer.session.user.commune_id;
    let units = Memo::new(move |_| {
        version.track();
        // Creation order: renaming or flagging a unit never moves its row.
        let mut list = sync::current().map(|s| data::units(&s)).unwrap_or_default();
        list.sort_by_key(|u| u.id);
        list
    });
    let ids = move || units.with(|l| l.iter().map(|u| u.id).collect::<Vec<_>>());
    let new_name = RwSignal::new(String::new());
    let new_error = RwSignal::new(None::<String>);
    let add = move |_| {
        let Some(commune) = commune else { return };
        let unit = Unit {
            id: UnitId::new(),
            commune_id: commune,
            name: new_name.get_untracked().trim().to_owned(),
            kind: UnitKind::ChiBoThon,
            parent: None,
            has_target: false,
            sample: false,
        };
        let errors = unit.validate();
        if let Some(e) = errors.for_field("name") {
            new_error.set(Some(e.message.clone()));
            return;
        }
        new_error.set(None);
        if let Ok(fields) = to_fields(&unit)
            && save_all(RecordKind::Unit, unit.id.as_uuid(), fields)
        {
            new_name.set(String::new());
        }
    };
    view! {
        <section class="card" id="add-unit">
            <TextInput path="new-unit" label=strings::UNIT_NAME value=new_name
                on_change=Callback::new(move |v| new_name.set(v)) error=new_error disabled=Signal::derive(|| false)/>
            <button id="add-unit-button" class="button button--primary" on:click=add>{strings::ADD_UNIT}</button>
        </section>
        {move || units.with(Vec::is_empty).then(|| view! { <p class="models__empty">{strings::NO_UNITS}</p> })}
        <ul class="models" id="units">
            <For each=ids key=|id| *id let:id>
                <UnitRow id units/>
            </For>
        </ul>
    }
    .into_any()
}

#[component]
fn UnitRow(id: UnitId, units: Memo<Vec<Unit>>) -> impl IntoView {
    let unit = move || units.with(|l| l.iter().find(|u| u.id == id).cloned());
    let errors = Memo::new(move |_| unit().map(|u| u.validate()).unwrap_or_default());
    let error = move |field: &'static str| {
        Signal::derive(move || errors.with(|e| e.for_field(field).map(|e| e.message.clone())))
    };
    let enabled = Signal::derive(|| false);
    let rid = id.as_uuid();
    let parents = move || {
        units.with(|l| {
            l.iter()
                .filter(|u| u.id != id)
                .map(|u| (u.id.to_string(), u.name.clone()))
                .collect::<Vec<_>>()
        })
    };
    view! {
        <li class="models__item unit" data-id=id.to_string()>
            <TextInput path=format!("units[{id}].name") label=strings::UNIT_NAME
                value=Signal::derive(move || unit().map(|u| u.name).unwrap_or_default())
                on_change=Callback::new(move |v: String| save(RecordKind::Unit, rid, "name", v))
                error=error("name") disabled=enabled/>
            <SelectInput path=format!("units[{id}].kind") label=strings::UNIT_KIND
                options=enum_options(&UnitKind::ALL, UnitKind::label)
                value=Signal::derive(move || unit().map(|u| wire_name(&u.kind)).unwrap_or_default())
                on_change=Callback::new(move |v: String| if let Some(kind) = from_wire_name::<UnitKind>(&v) { save(RecordKind::Unit, rid, "kind", kind) })
                error=error("kind") disabled=enabled/>
            <label class="field">
                <span class="field__label">{strings::UNIT_PARENT}</span>
                <select class="field__input" on:change=move |e| {
                    let v = event_target_value(&e);
                    save(RecordKind::Unit, rid, "parent", v.parse::<UnitId>().ok());
                }>
                    <option value="" selected=move || unit().is_some_and(|u| u.parent.is_none())>{strings::UNIT_NO_PARENT}</option>
                    {move || parents().into_iter().map(|(pid, name)| {
                        let selected = unit().and_then(|u| u.parent).map(|p| p.to_string()) == Some(pid.clone());
                        view! { <option value=pid selected=selected>{name}</option> }
                    }).collect_view()}
                </select>
                <span class="field__error">{error("parent")}</span>
            </label>
            <label class="check">
                <input type="checkbox" class="unit__target" prop:checked=move || unit().is_some_and(|u| u.has_target)
                    on:change=move |e| save(RecordKind::Unit, rid, "has_target", event_target_checked(&e))/>
                <span>{strings::UNIT_HAS_TARGET}</span>
            </label>
            {move || unit().filter(|u| u.sample).map(|_| view! { <span class="chip">{strings::UNIT_SAMPLE}</span> })}
        </li>
    }
}
