//! The sync endpoints. Every op is re-checked by the shared rules for the
//! signed-in user; a pull returns only what the user may see.
use axum::Json;
use axum::extract::State;
use serde::Deserialize;
use shared::sync::{MAX_PULL_PAGE, MAX_PUSH_BATCH, PushRequest, PushResponse};

use crate::auth::Session;
use crate::error::{ApiJson, ApiQuery, AppError};
use crate::state::AppState;
use shared::api::Code;

/// A push's turn (`Store::push_turn`), taken after the session is checked
/// and before the body is read: extractors run in argument order.
pub struct PushTurn {
    _permit: Option<tokio::sync::OwnedSemaphorePermit>,
}

impl axum::extract::FromRequestParts<AppState> for PushTurn {
    type Rejection = AppError;

    async fn from_request_parts(
        _parts: &mut axum::http::request::Parts,
        state: &AppState,
    ) -> Result<Self, AppError> {
        Ok(PushTurn {
            _permit: state.store.push_turn().await,
        })
    }
}

pub async fn push(
    State(state): State<AppState>,
    session: Session,
    _turn: PushTurn,
    ApiJson(request): ApiJson<PushRequest>,
) -> Result<Json<PushResponse>, AppError> {
    if request.ops.len() > MAX_PUSH_BATCH {
        return Err(AppError::with(
            Code::BatchTooLarge,
            shared::messages::batch_too_large(MAX_PUSH_BATCH),
        ));
    }
    if request
        .ops
        .iter()
        .any(|op| op.device_id != request.device_id)
    {
        return Err(AppError::of(Code::DeviceMismatch));
    }
    // Base versions of a history the store no longer has (it was restored
    // from a backup since the device pulled): apply nothing; the device
    // pulls, rebases and sends again (docs/sync.md, "Restored store").
    if request.epoch.is_some_and(|e| e != state.store.epoch().id) {
        return Err(AppError::of(Code::EpochChanged));
    }
    if let Some(op) = shared::sync::strict::reused_in_batch(&request.ops) {
        return Err(AppError::with(
            Code::OpReused,
            format!("{}: {op}", Code::OpReused.message()),
        ));
    }
    let batch = super::apply::Batch {
        actor: session.actor(),
        ops: request.ops,
        now: state.now(),
    };
    let commune = batch.actor.commune_id;
    let response = state.store.writer.push(&state.store, batch).await?;
    if let Some(commune) = commune.filter(|_| response.results.iter().any(changed)) {
        crate::city::refresh_after_push(&state, commune.as_uuid());
    }
    Ok(Json(response))
}

/// Whether an op's result changed a record (anything but a refusal).
fn changed(result: &shared::sync::OpResult) -> bool {
    !result.outcome.is_rejected()
}

/// `shared::sync::PullResponse` as sent: the records' fields pass through
/// as stored text (the JSON is the same).
#[derive(Debug, serde::Serialize)]
pub struct PullPage {
    pub records: Vec<crate::store::records::PulledRecord>,
    pub cursor: u64,
    pub more: bool,
    pub head: u64,
    pub server_time: chrono::DateTime<chrono::Utc>,
    pub epoch: uuid::Uuid,
    pub forked_at: u64,
}

#[derive(Debug, Deserialize)]
pub struct PullParams {
    #[serde(default)]
    since: u64,
    limit: Option<u32>,
}

pub async fn pull(
    State(state): State<AppState>,
    session: Session,
    ApiQuery(params): ApiQuery<PullParams>,
) -> Result<Json<PullPage>, AppError> {
    let limit = params.limit.unwrap_or(MAX_PULL_PAGE);
    if !(1..=MAX_PULL_PAGE).contains(&limit) {
        return Err(AppError::with(
            Code::BadRequest,
            shared::messages::BAD_LIMIT,
        ));
    }
    let actor = session.actor();
    let city = state
        .store
        .within(state.store.city_communes(&actor))
        .await?;
    let scope = shared::scope::read_scope(&actor, &city)?;
    // Bounded by bytes as well as by count (a slow link finishes each page).
    let page = state
        .store
        .pull_raw(
            &scope.communes,
            scope.unit,
            scope.pulled,
            params.since,
            limit,
            shared::sync::MAX_PULL_BYTES,
        )
        .await?;
    let (records, head) = (page.records, page.head);
    let cursor = match records.last() {
        // A full page: more may follow after its last record.
        Some(last) if page.full => last.version,
        // A short page saw everything up to the snapshot's head.
        _ => head.max(params.since),
    };
    Ok(Json(PullPage {
        records,
        cursor,
        more: page.full && cursor < head,
        head,
        server_time: state.now(),
        epoch: state.store.epoch().id,
        forked_at: state.store.epoch().forked_at,
    }))
}
