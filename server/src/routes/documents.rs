//! The commune's documents as files (.docx, .xlsx), scoped like pulls: an
//! officer gets their own unit's mẫu 04 and phụ lục 02; the reviewer,
//! leader and admin every document of their commune; a city viewer those
//! of any commune of the city. Someone else's document reads as missing.
//! Phụ lục 02 embeds the photos of its models that the caller may fetch.
use axum::extract::State;
use axum::http::header;
use axum::response::{IntoResponse, Response};
use chrono::NaiveDate;
use documents::{DocError, Format, Kind, Photos, Request};
use serde::Deserialize;
use serde::de::DeserializeOwned;
use shared::api::Code;
use shared::campaign::CampaignYear;
use shared::demo::DemoData;
use shared::document::{Document, NUMBER_MAX, may_get};
use shared::figures::YearRecords;
use shared::ids::{CampaignId, ModelId, UnitId};
use shared::org::Commune;
use shared::scope::{Scope, may_see};
use shared::sync::{RecordKind, RecordState};
use uuid::Uuid;

use crate::auth::Session;
use crate::error::{ApiPath, ApiQuery, AppError};
use crate::state::AppState;

#[derive(Debug, Default, Deserialize)]
pub struct Params {
    /// The campaign year's id; default the model's, else the commune's latest.
    campaign: Option<Uuid>,
    /// `docx` (default) or `xlsx`.
    format: Option<String>,
    /// The number typed by the office ("12" or "12-BC/ĐU").
    so: Option<String>,
    /// The document's date (dd/mm/yyyy or yyyy-mm-dd); default today.
    date: Option<String>,
}

impl Params {
    fn format(&self) -> Result<Format, AppError> {
        match self.format.as_deref().map(str::trim) {
            None | Some("" | "docx") => Ok(Format::Docx),
            Some("xlsx") => Ok(Format::Xlsx),
            Some(_) => Err(AppError::of(Code::BadFormat)),
        }
    }

    fn date(&self, today: NaiveDate) -> Result<NaiveDate, AppError> {
        match self
            .date
            .as_deref()
            .map(str::trim)
            .filter(|d| !d.is_empty())
        {
            None => Ok(today),
            Some(d) => NaiveDate::parse_from_str(d, "%Y-%m-%d")
                .ok()
                .or_else(|| shared::format::parse_date(d).ok())
                .ok_or_else(|| AppError::of(Code::BadDate)),
        }
    }

    fn number(&self) -> Result<Option<&str>, AppError> {
        match self.so.as_deref() {
            Some(n) if n.chars().count() > NUMBER_MAX => Err(AppError::of(Code::BadNumber)),
            other => Ok(other),
        }
    }
}

/// Whether the session may see records filed under `scope`: the pull's scope.
async fn visible(state: &AppState, session: &Session, scope: &Scope) -> Result<bool, AppError> {
    let actor = session.actor();
    let city = state.store.city_communes(&actor).await?;
    Ok(may_see(&actor, &city, scope))
}

/// Where a record of `kind` is filed; a missing or other record is 404.
async fn scope_of(state: &AppState, id: Uuid, kind: RecordKind) -> Result<Scope, AppError> {
    match state.store.record_with_scope(id).await? {
        Some((record, scope)) if record.state.kind == kind && !record.state.deleted => Ok(scope),
        _ => Err(AppError::of(Code::NotFound)),
    }
}

fn typed<T: DeserializeOwned>(records: &[RecordState], kind: RecordKind) -> Vec<T> {
    records
        .iter()
        .filter(|r| r.kind == kind)
        .filter_map(|r| {
            serde_json::from_value(serde_json::Value::Object(r.fields.clone()))
                .map_err(|e| tracing::warn!(id = %r.id, error = %e, "record skipped in a document"))
                .ok()
        })
        .collect()
}

/// The commune's live records, typed (the demo's shape holds them).
async fn load(state: &AppState, commune: Uuid) -> Result<DemoData, AppError> {
    let records = state.store.live_records(commune).await?;
    let commune: Commune = typed(&records, RecordKind::Commune)
        .into_iter()
        .next()
        .ok_or(AppError::of(Code::NotFound))?;
    Ok(DemoData {
        commune,
        units: typed(&records, RecordKind::Unit),
        campaigns: typed(&records, RecordKind::Campaign),
        models: typed(&records, RecordKind::Model),
        progress: typed(&records, RecordKind::Progress),
        reports: typed(&records, RecordKind::Report),
        evaluations: typed(&records, RecordKind::Evaluation),
        users: Vec::new(),
    })
}

/// The campaign asked for, else `fallback`, else the latest year.
fn campaign(
    data: &DemoData,
    wanted: Option<Uuid>,
    fallback: Option<CampaignId>,
) -> Result<CampaignYear, AppError> {
    let wanted = wanted.map(CampaignId::from_uuid).or(fallback);
    let found = match wanted {
        Some(id) => data.campaigns.iter().find(|c| c.id == id),
        None => data.campaigns.iter().max_by_key(|c| c.year),
    };
    found.cloned().ok_or(AppError::of(Code::NotFound))
}

/// The photos of a unit's phụ lục 02 (`shared::document::evidence`):
/// the bytes of those stored whole, and those the caller may not fetch
/// (left out of the document, as `GET /api/photos/{hash}` would refuse them).
async fn unit_photos(
    state: &AppState,
    session: &Session,
    data: &DemoData,
    campaign: &CampaignYear,
    unit: UnitId,
    date: NaiveDate,
) -> Result<Photos, AppError> {
    let records = YearRecords {
        commune: &data.commune,
        campaign,
        units: &data.units,
        models: &data.models,
        progress: &data.progress,
        reports: &data.reports,
        evaluations: &data.evaluations,
    };
    let wanted = shared::document::evidence::unit_photos(&records, unit, date);
    let actor = session.actor();
    let city = state.store.city_communes(&actor).await?;
    let mut photos = Photos::default();
    for p in wanted {
        let scopes = state.store.photo_scopes(&p.sha256).await?;
        if !shared::photo::may_fetch(&actor, &city, &scopes) {
            photos.withheld.insert(p.sha256);
        } else if state.store.photo(&p.sha256).await?.is_some() {
            let bytes = state.store.photo_bytes(&p.sha256).await?;
            photos.files.insert(p.sha256, bytes);
        }
    }
    Ok(photos)
}

/// Makes the file off the async threads (a large commune takes seconds).
async fn respond(
    state: &AppState,
    data: DemoData,
    campaign: CampaignYear,
    kind: Kind,
    params: &Params,
    photos: Photos,
) -> Result<Response, AppError> {
    let format = params.format()?;
    let date = params.date(state.now().date_naive())?;
    let number = params.number()?.map(str::to_owned);
    let made = tokio::task::spawn_blocking(move || {
        let records = YearRecords {
            commune: &data.commune,
            campaign: &campaign,
            units: &data.units,
            models: &data.models,
            progress: &data.progress,
            reports: &data.reports,
            evaluations: &data.evaluations,
        };
        let request = Request {
            records,
            date,
            number: number.as_deref(),
            photos: &photos,
        };
        documents::make(&request, kind, format)
    })
    .await
    .map_err(|e| DocError::Pack(e.to_string()))?;
    let file = match made {
        Err(DocError::ModelNotFound | DocError::UnitNotFound) => {
            return Err(AppError::of(Code::NotFound));
        }
        Err(DocError::Unsupported(_)) => return Err(AppError::of(Code::UnsupportedFormat)),
        other => other?,
    };
    Ok((
        [
            (header::CONTENT_TYPE, file.content_type.to_owned()),
            (header::CONTENT_DISPOSITION, file.content_disposition()),
            (header::CACHE_CONTROL, "no-store".to_owned()),
        ],
        file.bytes,
    )
        .into_response())
}

/// `GET /documents/mau-04/{model_id}`: one model's registration.
pub async fn mau_04(
    State(state): State<AppState>,
    session: Session,
    ApiPath(id): ApiPath<Uuid>,
    ApiQuery(params): ApiQuery<Params>,
) -> Result<Response, AppError> {
    let scope = scope_of(&state, id, RecordKind::Model).await?;
    if !visible(&state, &session, &scope).await? {
        return Err(AppError::of(Code::NotFound));
    }
    let data = load(&state, scope.commune).await?;
    let model = ModelId::from_uuid(id);
    let own = data
        .models
        .iter()
        .find(|m| m.id == model)
        .map(|m| m.campaign_id);
    let campaign = campaign(&data, params.campaign, own)?;
    respond(
        &state,
        data,
        campaign,
        Kind::Mau04(model),
        &params,
        Photos::default(),
    )
    .await
}

/// `GET /documents/phu-luc-02/{unit_id}`: one unit's results.
pub async fn phu_luc_02(
    State(state): State<AppState>,
    session: Session,
    ApiPath(id): ApiPath<Uuid>,
    ApiQuery(params): ApiQuery<Params>,
) -> Result<Response, AppError> {
    // A unit's results are filed under the unit, as its models are.
    let commune = scope_of(&state, id, RecordKind::Unit).await?.commune;
    let scope = Scope {
        commune,
        unit: Some(id),
    };
    if !visible(&state, &session, &scope).await? {
        return Err(AppError::of(Code::NotFound));
    }
    let data = load(&state, commune).await?;
    let campaign = campaign(&data, params.campaign, None)?;
    let unit = UnitId::from_uuid(id);
    let date = params.date(state.now().date_naive())?;
    let photos = unit_photos(&state, &session, &data, &campaign, unit, date).await?;
    respond(
        &state,
        data,
        campaign,
        Kind::PhuLuc02(unit),
        &params,
        photos,
    )
    .await
}

/// A commune-wide document: the commune of `campaign=`, or the caller's.
async fn commune_document(
    state: &AppState,
    session: &Session,
    params: &Params,
    kind: Kind,
    document: Document,
) -> Result<Response, AppError> {
    let commune = match (params.campaign, session.user.commune_id) {
        (Some(c), _) => scope_of(state, c, RecordKind::Campaign).await?.commune,
        (None, Some(own)) => own.as_uuid(),
        (None, None) => return Err(AppError::of(Code::CampaignRequired)),
    };
    let scope = Scope {
        commune,
        unit: None,
    };
    if !visible(state, session, &scope).await? {
        return Err(AppError::of(Code::NotFound));
    }
    // A unit officer's documents are their unit's own.
    if !may_get(session.user.role, document) {
        return Err(AppError::of(Code::Forbidden));
    }
    let data = load(state, commune).await?;
    let campaign = campaign(&data, params.campaign, None)?;
    respond(state, data, campaign, kind, params, Photos::default()).await
}

/// `GET /documents/mau-01`: the commune's list of registered models.
pub async fn mau_01(
    State(state): State<AppState>,
    session: Session,
    ApiQuery(params): ApiQuery<Params>,
) -> Result<Response, AppError> {
    commune_document(&state, &session, &params, Kind::Mau01, Document::Mau01).await
}

/// `GET /documents/bao-cao-xa`: the commune's year-end report.
pub async fn bao_cao_xa(
    State(state): State<AppState>,
    session: Session,
    ApiQuery(params): ApiQuery<Params>,
) -> Result<Response, AppError> {
    commune_document(&state, &session, &params, Kind::Report, Document::Report).await
}

/// `GET /documents/cong-nhan`: the recognition list.
pub async fn cong_nhan(
    State(state): State<AppState>,
    session: Session,
    ApiQuery(params): ApiQuery<Params>,
) -> Result<Response, AppError> {
    commune_document(
        &state,
        &session,
        &params,
        Kind::Recognition,
        Document::Recognition,
    )
    .await
}
