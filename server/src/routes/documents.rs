//! The commune's documents as files (.docx, .xlsx), scoped like pulls: an
//! officer gets their own unit's mẫu 04 and phụ lục 02; the reviewer,
//! leader and admin every document of their commune; a city viewer those
//! of any commune of the city. Someone else's document reads as missing.
use axum::extract::{Path, Query, State};
use axum::http::header;
use axum::response::{IntoResponse, Response};
use chrono::NaiveDate;
use documents::{DocError, Format, Kind, Request};
use serde::Deserialize;
use serde::de::DeserializeOwned;
use shared::campaign::CampaignYear;
use shared::demo::DemoData;
use shared::figures::YearRecords;
use shared::ids::{CampaignId, ModelId, UnitId};
use shared::org::Commune;
use shared::sync::{RecordKind, RecordState};
use shared::user::Role;
use uuid::Uuid;

use crate::app::AppState;
use crate::auth::Session;
use crate::error::AppError;

/// The longest document number accepted ("12-BC/ĐU" is 8).
const NUMBER_MAX: usize = 40;

#[derive(Debug, Default, Deserialize)]
pub struct Params {
    /// The campaign year's id; default the model's, else the commune's latest.
    /// Text, so a bad id gets the API's JSON error, not axum's plain one.
    campaign: Option<String>,
    /// `docx` (default) or `xlsx`.
    format: Option<String>,
    /// The number typed by the office ("12" or "12-BC/ĐU").
    so: Option<String>,
    /// The document's date (dd/mm/yyyy or yyyy-mm-dd); default today.
    date: Option<String>,
}

fn bad(code: &'static str, message: &str) -> AppError {
    AppError::BadRequest {
        code,
        message: message.to_owned(),
    }
}

impl Params {
    fn campaign(&self) -> Result<Option<Uuid>, AppError> {
        match self
            .campaign
            .as_deref()
            .map(str::trim)
            .filter(|c| !c.is_empty())
        {
            None => Ok(None),
            Some(c) => c
                .parse()
                .map(Some)
                .map_err(|_| bad("bad_campaign", "Mã đợt thi đua không hợp lệ.")),
        }
    }

    fn format(&self) -> Result<Format, AppError> {
        match self.format.as_deref().map(str::trim) {
            None | Some("" | "docx") => Ok(Format::Docx),
            Some("xlsx") => Ok(Format::Xlsx),
            Some(_) => Err(bad("bad_format", "Định dạng phải là docx hoặc xlsx.")),
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
                .ok_or_else(|| bad("bad_date", shared::messages::INVALID_DATE)),
        }
    }

    fn number(&self) -> Result<Option<&str>, AppError> {
        match self.so.as_deref() {
            Some(n) if n.chars().count() > NUMBER_MAX => {
                Err(bad("bad_number", "Số văn bản quá dài."))
            }
            other => Ok(other),
        }
    }
}

/// Whether the session may see records of `commune` filed under `unit`
/// (None: commune-wide): the pull's scope.
async fn may_see(
    state: &AppState,
    session: &Session,
    commune: Uuid,
    unit: Option<Uuid>,
) -> Result<bool, AppError> {
    Ok(match (&session.user.role, &session.user.city) {
        (Role::CityViewer, Some(city)) => {
            state.store.communes_of_city(city).await?.contains(&commune)
        }
        (Role::CityViewer, None) => false,
        _ => shared::sync::rules::may_see(&session.actor(), commune, unit),
    })
}

/// The commune and unit a record is filed under, if it is of `kind`.
async fn scope_of(
    state: &AppState,
    id: Uuid,
    kind: RecordKind,
) -> Result<(Uuid, Option<Uuid>), AppError> {
    match state.store.record_with_scope(id).await? {
        Some((record, scope)) if record.state.kind == kind && !record.state.deleted => {
            Ok((scope.commune, scope.unit))
        }
        _ => Err(AppError::NotFound),
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
        .ok_or(AppError::NotFound)?;
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
    found.cloned().ok_or(AppError::NotFound)
}

/// Makes the file off the async threads (a large commune takes seconds).
async fn respond(
    state: &AppState,
    data: DemoData,
    campaign: CampaignYear,
    kind: Kind,
    params: &Params,
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
        };
        documents::make(&request, kind, format)
    })
    .await
    .map_err(|e| DocError::Pack(e.to_string()))?;
    let file = match made {
        Err(DocError::ModelNotFound | DocError::UnitNotFound) => return Err(AppError::NotFound),
        Err(DocError::Unsupported(_)) => {
            return Err(bad(
                "unsupported_format",
                "Văn bản này không có dạng bảng tính (xlsx).",
            ));
        }
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
    Path(id): Path<String>,
    Query(params): Query<Params>,
) -> Result<Response, AppError> {
    let id: Uuid = id.parse().map_err(|_| AppError::NotFound)?;
    let (commune, unit) = scope_of(&state, id, RecordKind::Model).await?;
    if !may_see(&state, &session, commune, unit).await? {
        return Err(AppError::NotFound);
    }
    let data = load(&state, commune).await?;
    let model = ModelId::from_uuid(id);
    let own = data
        .models
        .iter()
        .find(|m| m.id == model)
        .map(|m| m.campaign_id);
    let campaign = campaign(&data, params.campaign()?, own)?;
    respond(&state, data, campaign, Kind::Mau04(model), &params).await
}

/// `GET /documents/phu-luc-02/{unit_id}`: one unit's results.
pub async fn phu_luc_02(
    State(state): State<AppState>,
    session: Session,
    Path(id): Path<String>,
    Query(params): Query<Params>,
) -> Result<Response, AppError> {
    let id: Uuid = id.parse().map_err(|_| AppError::NotFound)?;
    let (commune, _) = scope_of(&state, id, RecordKind::Unit).await?;
    if !may_see(&state, &session, commune, Some(id)).await? {
        return Err(AppError::NotFound);
    }
    let data = load(&state, commune).await?;
    let campaign = campaign(&data, params.campaign()?, None)?;
    respond(
        &state,
        data,
        campaign,
        Kind::PhuLuc02(UnitId::from_uuid(id)),
        &params,
    )
    .await
}

/// A commune-wide document: the commune of `campaign=`, or the caller's.
async fn commune_document(
    state: &AppState,
    session: &Session,
    params: &Params,
    kind: Kind,
) -> Result<Response, AppError> {
    let commune = match (params.campaign()?, session.user.commune_id) {
        (Some(c), _) => scope_of(state, c, RecordKind::Campaign).await?.0,
        (None, Some(own)) => own.as_uuid(),
        (None, None) => {
            return Err(bad(
                "campaign_required",
                "Vui lòng chọn đợt thi đua (tham số campaign).",
            ));
        }
    };
    if !may_see(state, session, commune, None).await? {
        return Err(AppError::NotFound);
    }
    // A unit officer's documents are their unit's own.
    if session.user.role == Role::UnitOfficer {
        return Err(AppError::Forbidden);
    }
    let data = load(state, commune).await?;
    let campaign = campaign(&data, params.campaign()?, None)?;
    respond(state, data, campaign, kind, params).await
}

/// `GET /documents/mau-01`: the commune's list of registered models.
pub async fn mau_01(
    State(state): State<AppState>,
    session: Session,
    Query(params): Query<Params>,
) -> Result<Response, AppError> {
    commune_document(&state, &session, &params, Kind::Mau01).await
}

/// `GET /documents/bao-cao-xa`: the commune's year-end report.
pub async fn bao_cao_xa(
    State(state): State<AppState>,
    session: Session,
    Query(params): Query<Params>,
) -> Result<Response, AppError> {
    commune_document(&state, &session, &params, Kind::Report).await
}

/// `GET /documents/cong-nhan`: the recognition list.
pub async fn cong_nhan(
    State(state): State<AppState>,
    session: Session,
    Query(params): Query<Params>,
) -> Result<Response, AppError> {
    commune_document(&state, &session, &params, Kind::Recognition).await
}
