//! A progress ring: a count against a target as an inline SVG arc, the
//! figures beside it as text (the drawing itself is hidden from readers).
use leptos::prelude::*;

use crate::strings;

/// The ring's circumference at radius 16 (the arc's dash length is a share
/// of it).
const CIRCUMFERENCE: f64 = 2.0 * std::f64::consts::PI * 16.0;

#[component]
pub fn Ring(#[prop(into)] count: Signal<u32>, #[prop(into)] target: Signal<u32>) -> impl IntoView {
    let share = move || {
        let t = target.get();
        if t == 0 {
            1.0
        } else {
            (f64::from(count.get()) / f64::from(t)).min(1.0)
        }
    };
    let dash = move || format!("{:.2} {:.2}", share() * CIRCUMFERENCE, CIRCUMFERENCE);
    view! {
        <span class="ring" role="img" aria-label=move || strings::of_target(count.get(), target.get())>
            <svg viewBox="0 0 40 40" width="40" height="40" aria-hidden="true" focusable="false">
                <circle class="ring__track" cx="20" cy="20" r="16"/>
                <circle class="ring__arc" class:ring__arc--met={move || count.get() >= target.get()}
                    cx="20" cy="20" r="16" stroke-dasharray=dash transform="rotate(-90 20 20)"/>
            </svg>
        </span>
    }
}
