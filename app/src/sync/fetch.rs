//! The server over fetch, for `sync_once`. Each request can be cut short:
//! by the tab when the network changes under it (a request begun before
//! the `online` or `offline` event may hang on a dead connection), or by
//! a timeout. A cut request counts as "no network", never as an error of
//! the server, so it starts no backoff.
use std::cell::RefCell;
use std::rc::Rc;
use std::time::Duration;

use leptos::prelude::set_timeout_with_handle;
use shared::api::CallError;
use shared::sync::{PullResponse, PushRequest, PushResponse, Transport};
use web_sys::AbortController;

use crate::api;

/// Longest wait for one answer: a page of records over a slow rural link
/// takes tens of seconds; a dead connection must not hold the sync longer.
const TIMEOUT: Duration = Duration::from_secs(90);

/// The request under way, so the tab can cut it.
#[derive(Default, Clone)]
pub struct InFlight(Rc<RefCell<Option<(AbortController, f64)>>>);

impl InFlight {
    /// Cuts the request under way, if any.
    pub fn abort(&self) {
        if let Some((controller, _)) = self.0.borrow_mut().take() {
            controller.abort();
        }
    }

    /// How long the request under way has waited, in milliseconds.
    pub fn waited_ms(&self) -> Option<f64> {
        self.0
            .borrow()
            .as_ref()
            .map(|(_, started)| js_sys::Date::now() - started)
    }

    fn start(&self) -> Option<AbortController> {
        let controller = AbortController::new().ok()?;
        *self.0.borrow_mut() = Some((controller.clone(), js_sys::Date::now()));
        Some(controller)
    }

    fn end(&self) {
        self.0.borrow_mut().take();
    }
}

pub struct Fetch {
    pub in_flight: InFlight,
}

impl Fetch {
    async fn call<T>(
        &self,
        send: impl AsyncFnOnce(Option<&web_sys::AbortSignal>) -> Result<T, CallError>,
    ) -> Result<T, CallError> {
        let controller = self.in_flight.start();
        let signal = controller.as_ref().map(AbortController::signal);
        let timer = controller
            .clone()
            .and_then(|c| set_timeout_with_handle(move || c.abort(), TIMEOUT).ok());
        let result = send(signal.as_ref()).await;
        if let Some(timer) = timer {
            timer.clear();
        }
        self.in_flight.end();
        match result {
            // Cut short (while the body was read, too): no network.
            Err(_) if signal.as_ref().is_some_and(web_sys::AbortSignal::aborted) => {
                Err(CallError::Offline)
            }
            other => other,
        }
    }
}

impl Transport for Fetch {
    async fn push(&self, request: &PushRequest) -> Result<PushResponse, CallError> {
        self.call(async |signal| api::push(request, signal).await)
            .await
    }

    async fn pull(&self, since: u64, limit: u32) -> Result<PullResponse, CallError> {
        self.call(async |signal| api::pull(since, limit, signal).await)
            .await
    }
}
