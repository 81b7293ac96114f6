//! The "Dữ liệu mẫu" banner: on a demo server everyone knows the password,
//! so nobody should type real data there. Shown on every screen, from the
//! server's answer (`/api/health`) or, offline, the last one seen.
use leptos::prelude::*;

use crate::{api, session, strings};

#[component]
pub fn DemoBanner() -> impl IntoView {
    let demo = RwSignal::new(session::demo());
    leptos::task::spawn_local(async move {
        if let Ok(health) = api::health().await {
            session::set_demo(health.demo);
            demo.set(health.demo);
        }
    });
    move || {
        demo.get().then(|| {
            view! {
                <p class="demo-banner" id="demo-banner" role="note">
                    <strong>{strings::DEMO_BANNER}</strong> " " {strings::DEMO_BANNER_HINT}
                </p>
            }
        })
    }
}
