//! Several tabs of one person: each keeps a copy of the person's storage
//! in memory, so each tells the others when it has written (a
//! BroadcastChannel per person), and a tab re-reads IndexedDB when told,
//! and again whenever it takes the sync lock.
use std::rc::Rc;

use leptos::prelude::*;
use uuid::Uuid;
use wasm_bindgen::prelude::*;
use wasm_bindgen::{JsCast, JsValue};
use web_sys::BroadcastChannel;

use super::Syncer;

pub fn channel(user: Uuid) -> Option<BroadcastChannel> {
    BroadcastChannel::new(&format!("dvk-{user}")).ok()
}

impl Syncer {
    /// Re-reads what other tabs wrote, and shows it: always when `told`
    /// (another tab said it wrote) or when IndexedDB holds others' writes,
    /// else only if the records' mark moved (`Syncer::synced`).
    pub(super) async fn reread(&self, told: bool) {
        let (result, others) = match &self.kv {
            Some(kv) => match kv.refresh().await {
                Ok(true) => (self.engine.borrow_mut().reload(), true),
                Ok(false) => (self.engine.borrow_mut().reload_local(), false),
                Err(error) => (Err(error), false),
            },
            None => (self.engine.borrow_mut().reload(), false),
        };
        self.report(result);
        if told || others {
            self.changed(None);
        } else {
            self.synced();
        }
    }

    /// Tells the other tabs after each write reaches IndexedDB; listens
    /// for theirs (or, on localStorage, for the browser's `storage` event).
    pub(super) fn listen_to_other_tabs(self: &Rc<Self>) {
        if let Some(kv) = &self.kv {
            let channel = self.channel.clone();
            kv.start(Rc::new(move |_keys: &[String]| {
                if let Some(channel) = &channel
                    && let Err(error) = channel.post_message(&JsValue::from_str("changed"))
                {
                    leptos::logging::warn!("other tabs not told: {error:?}");
                }
            }));
        }
        if let Some(channel) = &self.channel {
            let this = self.clone();
            let heard = Closure::<dyn FnMut(web_sys::MessageEvent)>::new(move |_| {
                this.other_tab_wrote();
            });
            channel.set_onmessage(Some(heard.as_ref().unchecked_ref()));
            heard.forget();
        }
        if self.kv.is_none() {
            let this = self.clone();
            let _storage = window_event_listener(leptos::ev::storage, move |_| {
                this.other_tab_wrote();
            });
        }
    }
}
