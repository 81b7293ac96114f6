//! Saving a file the app holds (a downloaded document) to the device: an
//! object URL on a hidden link with `download`, clicked, then revoked.
use leptos::prelude::{document, set_timeout};
use wasm_bindgen::{JsCast, JsValue};

/// Offers `blob` to the browser as a file named `name`.
pub fn save(blob: &web_sys::Blob, name: &str) -> Result<(), JsValue> {
    let url = web_sys::Url::create_object_url_with_blob(blob)?;
    let link: web_sys::HtmlAnchorElement = document().create_element("a")?.dyn_into()?;
    link.set_href(&url);
    link.set_download(name);
    link.set_hidden(true);
    let body = document()
        .body()
        .ok_or_else(|| JsValue::from_str("no body"))?;
    body.append_child(&link)?;
    link.click();
    link.remove();
    // Not at once: some browsers read the URL after the click returns, and
    // a document of a large commune takes a moment to write out.
    set_timeout(
        move || {
            let _ = web_sys::Url::revoke_object_url(&url);
        },
        std::time::Duration::from_secs(60),
    );
    Ok(())
}
