//! Shrinking a picked or taken picture before it is kept: decoded with
//! `createImageBitmap`, drawn on a canvas with its long side at most
//! `shared::photo::LONG_SIDE`, encoded as JPEG (`JPEG_QUALITY`), plus a
//! thumbnail; named by the SHA-256 of the JPEG's bytes (SubtleCrypto).
use js_sys::{Function, Promise, Uint8Array};
use shared::photo::{self, MediaType};
use wasm_bindgen::prelude::*;
use wasm_bindgen::{JsCast, JsValue};
use wasm_bindgen_futures::JsFuture;
use web_sys::{Blob, CanvasRenderingContext2d, HtmlCanvasElement, ImageBitmap};

/// A picture made ready to keep.
pub struct Shrunk {
    pub full: Blob,
    pub thumb: Blob,
    pub reference: photo::PhotoRef,
    /// Time the shrinking took, in milliseconds.
    pub took_ms: f64,
}

fn now_ms() -> f64 {
    leptos::prelude::window()
        .performance()
        .map_or(0.0, |p| p.now())
}

/// Draws `bitmap` at `width` × `height` and encodes it as JPEG.
async fn encode(
    bitmap: &ImageBitmap,
    width: u32,
    height: u32,
    quality: f64,
) -> Result<Blob, JsValue> {
    let canvas: HtmlCanvasElement = leptos::prelude::document()
        .create_element("canvas")?
        .dyn_into()?;
    canvas.set_width(width);
    canvas.set_height(height);
    let context: CanvasRenderingContext2d = canvas
        .get_context("2d")?
        .ok_or_else(|| JsValue::from_str("no 2d context"))?
        .dyn_into()?;
    context.draw_image_with_image_bitmap_and_dw_and_dh(
        bitmap,
        0.0,
        0.0,
        f64::from(width),
        f64::from(height),
    )?;
    let promise = Promise::new(&mut |resolve: Function, reject: Function| {
        let settle = Closure::once_into_js(move |blob: JsValue| {
            if blob.is_null() {
                let _ = reject.call1(&JsValue::NULL, &JsValue::from_str("toBlob gave nothing"));
            } else {
                let _ = resolve.call1(&JsValue::NULL, &blob);
            }
        });
        // A failure to start is reported by the callback never coming:
        // `toBlob` only throws on a tainted canvas, which ours never is.
        let _ = canvas.to_blob_with_type_and_encoder_options(
            settle.unchecked_ref(),
            MediaType::Jpeg.as_str(),
            &JsValue::from_f64(quality),
        );
    });
    JsFuture::from(promise).await?.dyn_into()
}

async fn sha256(bytes: &[u8]) -> Result<String, JsValue> {
    let subtle = leptos::prelude::window().crypto()?.subtle();
    let digest = JsFuture::from(subtle.digest_with_str_and_u8_array("SHA-256", bytes)?).await?;
    let digest = Uint8Array::new(&digest).to_vec();
    Ok(digest.iter().map(|b| format!("{b:02x}")).collect())
}

/// Shrinks `picture` (a `File` from the input). The error is the
/// Vietnamese message to show.
pub async fn shrink(picture: &Blob) -> Result<Shrunk, String> {
    let started = now_ms();
    let not_image = |_| shared::messages::PHOTO_NOT_IMAGE.to_owned();
    let bitmap: ImageBitmap = JsFuture::from(
        leptos::prelude::window()
            .create_image_bitmap_with_blob(picture)
            .map_err(not_image)?,
    )
    .await
    .map_err(not_image)?
    .dyn_into()
    .map_err(not_image)?;
    let failed = |e: JsValue| {
        format!(
            "{} ({})",
            shared::messages::PHOTO_NOT_IMAGE,
            crate::store::idb::describe(&e)
        )
    };
    let (width, height) = photo::shrunk_size(bitmap.width(), bitmap.height(), photo::LONG_SIDE);
    let full = encode(&bitmap, width, height, photo::JPEG_QUALITY)
        .await
        .map_err(failed)?;
    let (tw, th) = photo::shrunk_size(bitmap.width(), bitmap.height(), photo::THUMB_SIDE);
    let thumb = encode(&bitmap, tw, th, 0.7).await.map_err(failed)?;
    bitmap.close();
    let bytes = super::bytes_of(&full).await.map_err(failed)?;
    if bytes.len() as u64 > photo::MAX_BYTES {
        return Err(photo::too_large());
    }
    let media_type =
        MediaType::sniff(&bytes).ok_or_else(|| shared::messages::PHOTO_BAD_TYPE.to_owned())?;
    let sha256 = sha256(&bytes).await.map_err(failed)?;
    Ok(Shrunk {
        full,
        thumb,
        reference: photo::PhotoRef {
            sha256,
            media_type,
            bytes: bytes.len() as u64,
            width,
            height,
            caption: String::new(),
        },
        took_ms: now_ms() - started,
    })
}
