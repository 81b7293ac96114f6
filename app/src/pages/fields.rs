//! Form inputs: a label, the input, and the message of the shared rules
//! right under it. Text is saved on every keystroke by the caller; numbers
//! keep what was typed until it parses, so "1," on the way to "1,5" is
//! not thrown away.
use chrono::NaiveDate;
use leptos::prelude::*;

/// The DOM id of a field path: `indicators[2].target` → `f-indicators-2-target`.
pub fn dom_id(path: &str) -> String {
    let mut id = String::from("f-");
    for c in path.chars() {
        if c.is_ascii_alphanumeric() || c == '_' {
            id.push(c);
        } else if !id.ends_with('-') {
            id.push('-');
        }
    }
    id.trim_end_matches('-').to_owned()
}

/// An enum's wire name ("kinh_te", "unit_officer"): the value of a select option.
pub fn wire_name<T: serde::Serialize>(value: &T) -> String {
    serde_json::to_value(value)
        .ok()
        .and_then(|v| v.as_str().map(str::to_owned))
        .unwrap_or_default()
}

/// The enum a select option's value names, if any.
pub fn from_wire_name<T: serde::de::DeserializeOwned>(text: &str) -> Option<T> {
    serde_json::from_value(serde_json::Value::String(text.to_owned())).ok()
}

/// Scrolls to a field and puts the cursor in it.
pub fn focus_field(path: &str) {
    let Some(element) = document().get_element_by_id(&dom_id(path)) else {
        return;
    };
    element.scroll_into_view();
    if let Ok(input) = wasm_bindgen::JsCast::dyn_into::<web_sys::HtmlElement>(element) {
        let _ = input.focus();
    }
}

/// Enter in a one-line box moves to the next box of the page (the one
/// after it in the page's order that is not disabled); after the last,
/// the keyboard closes.
fn focus_next(event: &web_sys::Event) {
    use wasm_bindgen::JsCast;
    let Some(form) = event
        .target()
        .and_then(|t| t.dyn_into::<web_sys::Node>().ok())
    else {
        return;
    };
    let Ok(boxes) = document().query_selector_all(".field__input:not(:disabled)") else {
        return;
    };
    let mut passed = false;
    for i in 0..boxes.length() {
        let Some(node) = boxes.item(i) else { continue };
        if form.contains(Some(&node)) {
            passed = true;
        } else if passed {
            if let Ok(next) = node.dyn_into::<web_sys::HtmlElement>() {
                let _ = next.focus();
            }
            return;
        }
    }
    if let Some(active) = document()
        .active_element()
        .and_then(|e| e.dyn_into::<web_sys::HtmlElement>().ok())
    {
        let _ = active.blur();
    }
}

/// A field: its label, hint, box and message. Each field is a `<form>` of
/// its own: with every keystroke Chromium's autofill reads every control of
/// the form the typed box belongs to, or of the whole page for a box in
/// none (the model's form has 50-odd; 10–15 ms a key at 4× slowdown,
/// docs/bench.md "Keystroke"). The form's submit (Enter in a one-line box)
/// goes to the next box instead.
#[component]
fn Shell(
    path: String,
    #[prop(into)] label: String,
    hint: Option<&'static str>,
    error: Signal<Option<String>>,
    children: Children,
) -> impl IntoView {
    let id = dom_id(&path);
    let error_id = format!("{id}-error");
    view! {
        <form class="field" class:field--invalid=move || error.with(Option::is_some) data-field=path
            novalidate on:submit=move |e| {
                e.prevent_default();
                focus_next(&e);
            }>
            <label class="field__label" for=id>{label}</label>
            {hint.map(|h| view! { <span class="field__hint">{h}</span> })}
            {children()}
            <span class="field__error" id=error_id role="alert">{move || error.get()}</span>
        </form>
    }
}

/// A one-line text or, with `multiline`, a paragraph.
#[component]
pub fn TextInput(
    #[prop(into)] path: String,
    #[prop(into)] label: String,
    #[prop(optional)] hint: Option<&'static str>,
    #[prop(optional)] multiline: bool,
    /// A password: typed characters are hidden.
    #[prop(optional)]
    secret: bool,
    #[prop(optional)] list: Option<String>,
    #[prop(into)] value: Signal<String>,
    on_change: Callback<String>,
    #[prop(into)] error: Signal<Option<String>>,
    #[prop(into)] disabled: Signal<bool>,
) -> impl IntoView {
    let id = dom_id(&path);
    // Kept as a memo: the record changes with every keystroke, this value
    // only when it does (the box is not set again for nothing).
    let value = Memo::new(move |_| value.get());
    let described = format!("{id}-error");
    let input = if multiline {
        view! {
            <textarea id=id class="field__input field__input--area" rows="4"
                aria-describedby=described aria-invalid=move || error.with(Option::is_some).to_string()
                prop:value=move || value.get() disabled=move || disabled.get()
                on:input=move |e| on_change.run(event_target_value(&e))></textarea>
        }
        .into_any()
    } else {
        view! {
            <input id=id class="field__input" type=if secret { "password" } else { "text" } enterkeyhint="next"
                autocomplete=if secret { "new-password" } else { "off" } list=list
                aria-describedby=described aria-invalid=move || error.with(Option::is_some).to_string()
                prop:value=move || value.get() disabled=move || disabled.get()
                on:input=move |e| on_change.run(event_target_value(&e))/>
        }
        .into_any()
    };
    view! { <Shell path label hint error>{input}</Shell> }
}

/// How a number is typed and shown.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum NumberKind {
    /// "1.500.000 đ"
    Money,
    /// "1.039"
    Whole,
    /// "85,44"
    Decimal,
}

impl NumberKind {
    fn parse(self, text: &str) -> Result<f64, String> {
        use shared::format::{parse_decimal, parse_money, parse_number};
        let out = match self {
            NumberKind::Money => parse_money(text).map(|n| n as f64),
            NumberKind::Whole => parse_number(text).map(|n| n as f64),
            NumberKind::Decimal => parse_decimal(text),
        };
        out.map_err(|e| e.to_string())
    }

    fn show(self, value: f64) -> String {
        match self {
            NumberKind::Money | NumberKind::Whole => shared::format::integer(value as i64),
            NumberKind::Decimal => shared::format::number(value),
        }
    }

    fn input_mode(self) -> &'static str {
        match self {
            NumberKind::Decimal => "decimal",
            NumberKind::Money | NumberKind::Whole => "numeric",
        }
    }
}

/// A number; an empty box means "not given" (`None`).
#[component]
pub fn NumberInput(
    #[prop(into)] path: String,
    #[prop(into)] label: String,
    #[prop(optional)] hint: Option<&'static str>,
    kind: NumberKind,
    /// 0 shows as an empty box (a target not set yet), and an empty box saves 0.
    #[prop(optional)]
    zero_is_empty: bool,
    #[prop(into)] value: Signal<Option<f64>>,
    on_change: Callback<Option<f64>>,
    #[prop(into)] error: Signal<Option<String>>,
    #[prop(into)] disabled: Signal<bool>,
) -> impl IntoView {
    let id = dom_id(&path);
    // Kept as a memo: the record changes with every keystroke, this value
    // only when it does (the box is not set again for nothing).
    let value = Memo::new(move |_| value.get());
    let shown = move |v: Option<f64>| match v {
        Some(x) if !(zero_is_empty && x == 0.0) => kind.show(x),
        _ => String::new(),
    };
    let text = RwSignal::new(shown(value.get_untracked()));
    let typing_error = RwSignal::new(None::<String>);
    // A value from elsewhere (sync, another tab) replaces the box unless
    // the box already says the same number.
    Effect::new(move |_| {
        let stored = value.get();
        let typed = text.get_untracked();
        let same = match kind.parse(&typed) {
            Ok(v) => stored == Some(v),
            Err(_) => {
                typed.trim().is_empty()
                    && (stored.is_none() || (zero_is_empty && stored == Some(0.0)))
            }
        };
        if !same && typing_error.get_untracked().is_none() {
            text.set(shown(stored));
        }
    });
    let message = Signal::derive(move || typing_error.get().or_else(|| error.get()));
    let described = format!("{id}-error");
    view! {
        <Shell path label hint error=message>
            <input id=id class="field__input field__input--number" type="text" inputmode=kind.input_mode() enterkeyhint="next"
                autocomplete="off" aria-describedby=described
                aria-invalid=move || message.with(Option::is_some).to_string()
                prop:value=move || text.get() disabled=move || disabled.get()
                on:input=move |e| {
                    let typed = event_target_value(&e);
                    text.set(typed.clone());
                    if typed.trim().is_empty() {
                        typing_error.set(None);
                        on_change.run(None);
                        return;
                    }
                    match kind.parse(&typed) {
                        Ok(v) => {
                            typing_error.set(None);
                            on_change.run(Some(v));
                        }
                        Err(message) => typing_error.set(Some(message)),
                    }
                }/>
        </Shell>
    }
}

/// A date (the browser's date picker, shown dd/mm/yyyy in Vietnamese).
#[component]
pub fn DateInput(
    #[prop(into)] path: String,
    #[prop(into)] label: String,
    #[prop(optional)] hint: Option<&'static str>,
    #[prop(into)] value: Signal<Option<NaiveDate>>,
    on_change: Callback<Option<NaiveDate>>,
    #[prop(into)] error: Signal<Option<String>>,
    #[prop(into)] disabled: Signal<bool>,
) -> impl IntoView {
    let id = dom_id(&path);
    // Kept as a memo: the record changes with every keystroke, this value
    // only when it does (the box is not set again for nothing).
    let value = Memo::new(move |_| value.get());
    let described = format!("{id}-error");
    view! {
        <Shell path label hint error>
            <input id=id class="field__input" type="date" aria-describedby=described
                aria-invalid=move || error.with(Option::is_some).to_string()
                prop:value=move || value.get().map(|d| d.format("%Y-%m-%d").to_string()).unwrap_or_default()
                disabled=move || disabled.get()
                on:change=move |e| {
                    let typed = event_target_value(&e);
                    on_change.run(NaiveDate::parse_from_str(&typed, "%Y-%m-%d").ok());
                }/>
        </Shell>
    }
}

/// The choices of a select from an enum's values: wire name and label.
pub fn enum_options<T: serde::Serialize>(
    values: &[T],
    label: impl Fn(&T) -> &'static str,
) -> Vec<(String, String)> {
    values
        .iter()
        .map(|v| (wire_name(v), label(v).to_owned()))
        .collect()
}

/// A choice from a short list; `""` is "not chosen".
#[component]
pub fn SelectInput(
    #[prop(into)] path: String,
    #[prop(into)] label: String,
    options: Vec<(String, String)>,
    #[prop(optional)] placeholder: Option<&'static str>,
    #[prop(into)] value: Signal<String>,
    on_change: Callback<String>,
    #[prop(into)] error: Signal<Option<String>>,
    #[prop(into)] disabled: Signal<bool>,
) -> impl IntoView {
    let id = dom_id(&path);
    // Kept as a memo: the record changes with every keystroke, this value
    // only when it does (the box is not set again for nothing).
    let value = Memo::new(move |_| value.get());
    let described = format!("{id}-error");
    view! {
        <Shell path label hint=None error>
            <select id=id class="field__input" aria-describedby=described
                disabled=move || disabled.get()
                on:change=move |e| on_change.run(event_target_value(&e))>
                {placeholder.map(|p| view! { <option value="" selected=move || value.get().is_empty()>{p}</option> })}
                {options.into_iter().map(|(key, text)| {
                    let k = key.clone();
                    view! { <option value=key selected=move || value.get() == k>{text}</option> }
                }).collect_view()}
            </select>
        </Shell>
    }
}

/// A yes/no box with its label beside it, the whole row a touch target.
#[component]
pub fn CheckInput(
    #[prop(into)] path: String,
    #[prop(into)] label: String,
    #[prop(into)] value: Signal<bool>,
    on_change: Callback<bool>,
    #[prop(into)] disabled: Signal<bool>,
) -> impl IntoView {
    let id = dom_id(&path);
    // Kept as a memo: the record changes with every keystroke, this value
    // only when it does (the box is not set again for nothing).
    let value = Memo::new(move |_| value.get());
    let target = id.clone();
    view! {
        <label class="check" for=target data-field=path>
            <input id=id type="checkbox" prop:checked=move || value.get() disabled=move || disabled.get()
                on:change=move |e| on_change.run(event_target_checked(&e))/>
            <span>{label}</span>
        </label>
    }
}
