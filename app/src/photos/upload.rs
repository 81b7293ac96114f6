//! Sending the photos this device holds and the server does not, after
//! each sync (the records referring to them have gone first, so the
//! server knows who may see them): one at a time, from where the server
//! stopped, in pieces of `shared::photo::CHUNK_BYTES`. No network stops
//! the round; the next sync starts another.
use std::cell::Cell;

use shared::api::CallError;
use shared::photo::{CHUNK_BYTES, MediaType};

use super::held;
use crate::api;

thread_local! {
    static RUNNING: Cell<bool> = const { Cell::new(false) };
    static AGAIN: Cell<bool> = const { Cell::new(false) };
}

/// Starts a round of sending, or another one after the round under way
/// (which may have met a failure the new sync has not).
pub fn send_waiting() {
    if RUNNING.with(|r| r.replace(true)) {
        AGAIN.with(|a| a.set(true));
        return;
    }
    leptos::task::spawn_local(async {
        loop {
            round().await;
            if !AGAIN.with(|a| a.replace(false)) {
                break;
            }
        }
        RUNNING.with(|r| r.set(false));
    });
}

async fn round() {
    let hashes = match held::waiting().await {
        Ok(hashes) => hashes,
        Err(error) => {
            leptos::logging::warn!("photos not listed: {}", crate::store::idb::describe(&error));
            return;
        }
    };
    for hash in hashes {
        match send(&hash).await {
            Ok(()) => {
                if let Err(error) = held::mark_uploaded(&hash).await {
                    leptos::logging::warn!("photo {hash} sent, not marked: {error:?}");
                }
                super::bump();
            }
            Err(CallError::Offline | CallError::SignedOut(_)) => return,
            Err(error) => leptos::logging::warn!("photo {hash} not sent: {}", error.message()),
        }
    }
}

/// Sends one photo from where the server stopped.
async fn send(hash: &str) -> Result<(), CallError> {
    let status: shared::api::PhotoUpload = api::get(&format!("/api/photos/{hash}/upload")).await?;
    if status.complete {
        return Ok(());
    }
    let blob = held::full(hash)
        .await
        .ok_or_else(|| CallError::BadAnswer("photo gone from the device".into()))?;
    let bytes = super::bytes_of(&blob)
        .await
        .map_err(|e| CallError::BadAnswer(crate::store::idb::describe(&e)))?;
    let media_type = MediaType::sniff(&bytes).unwrap_or(MediaType::Jpeg);
    let total = bytes.len();
    let mut offset = usize::try_from(status.received).unwrap_or(0).min(total);
    while offset < total {
        let end = (offset + CHUNK_BYTES).min(total);
        let path = format!("/api/photos/{hash}?offset={offset}&total={total}");
        let answer = api::put_piece(&path, media_type.as_str(), &bytes[offset..end]).await?;
        if answer.complete {
            return Ok(());
        }
        let next = usize::try_from(answer.received).unwrap_or(0);
        if next <= offset {
            return Err(CallError::BadAnswer(format!("no progress at {offset}")));
        }
        offset = next;
    }
    Ok(())
}
