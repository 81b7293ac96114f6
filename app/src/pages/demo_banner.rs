//! The "Dữ liệu mẫu" banner: on a demo server everyone knows the password,
//! so nobody should type real data there. A badge in the (sticky) top bar,
//! so it is on every screen without taking a line of a phone's height;
//! from the server's answer (`/api/health`) or, offline, the last one seen.
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
                <span class="badge badge--demo" id="demo-banner" role="note"
                    title=strings::DEMO_BANNER_HINT aria-description=strings::DEMO_BANNER_HINT>
                    {strings::DEMO_BANNER}
                </span>
            }
        })
    }
}
