//! Whether an actor may make a change, by the shared rules: scope (commune,
//! unit), the role table, the status table, and validation. The server runs
//! this on every pushed op after merging; the app may run it to warn early.
use chrono::NaiveDate;
use serde::de::DeserializeOwned;
use serde::{Deserialize, Serialize};

use super::protocol::{DELETED_FIELD, Fields, RecordKind};
use crate::campaign::CampaignYear;
use crate::evaluation::Evaluation;
use crate::ids::{CommuneId, UnitId, UserId};
use crate::lifecycle::{MoveContext, can_move};
use crate::model::Model;
use crate::org::{Commune, Unit};
use crate::progress::ProgressEntry;
use crate::report::ResultsReport;
use crate::status::{ModelStatus, Part, can_edit};
use crate::user::Role;
use crate::validate::FieldError;

/// Who is making a change, as the server knows from the session.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub struct Actor {
    pub user_id: UserId,
    pub role: Role,
    pub commune_id: Option<CommuneId>,
    pub unit_id: Option<UnitId>,
}

/// Why a change was refused: a stable code and a Vietnamese message.
#[derive(Debug, Clone, PartialEq, Eq, thiserror::Error)]
#[error("{message}")]
pub struct Refusal {
    pub code: &'static str,
    pub message: String,
    pub errors: Vec<FieldError>,
}

impl Refusal {
    fn new(code: &'static str, message: &str) -> Self {
        Refusal {
            code,
            message: message.to_owned(),
            errors: Vec::new(),
        }
    }

    fn invalid(errors: Vec<FieldError>) -> Self {
        Refusal {
            code: "invalid",
            message: MSG_INVALID.to_owned(),
            errors,
        }
    }
}

pub const MSG_READ_ONLY: &str = "Tài khoản này chỉ được xem, không được thay đổi dữ liệu";
pub const MSG_OUT_OF_SCOPE: &str = "Bạn không có quyền với dữ liệu của đơn vị hoặc xã này";
pub const MSG_BAD_DATA: &str = "Dữ liệu không đúng định dạng";
pub const MSG_INVALID: &str = "Dữ liệu chưa hợp lệ, xem các ô được đánh dấu";
pub const MSG_CANNOT_EDIT: &str = "Không được sửa nội dung này ở trạng thái hiện tại";
pub const MSG_IMMUTABLE: &str = "Không được đổi đơn vị, xã hoặc đợt thi đua của hồ sơ";
pub const MSG_NO_MODEL: &str = "Không tìm thấy mô hình của hồ sơ này";
pub const MSG_CANNOT_DELETE: &str = "Chỉ xoá được bản nháp chưa gửi";
pub const MSG_ADMIN_ONLY: &str = "Chỉ quản trị viên của xã được thay đổi mục này";
pub const MSG_DUPLICATE_REPORT: &str = "Mô hình này đã có báo cáo kết quả";

/// What the server loaded around the record for the check.
#[derive(Debug, Default)]
pub struct Context<'a> {
    /// The server's date (never the device's).
    pub today: NaiveDate,
    /// The model a progress entry, report or evaluation belongs to.
    pub model: Option<&'a Model>,
    /// Last year's model, for a continued model.
    pub previous: Option<&'a Model>,
    /// The model's results report and evaluation, for status moves.
    pub report: Option<&'a ResultsReport>,
    pub evaluation: Option<&'a Evaluation>,
    pub campaign: Option<&'a CampaignYear>,
}

/// Fields a status move sets; everything else of a model is registration content.
const MOVE_FIELDS: &[&str] = &[
    "status",
    "return_comment",
    "stop_reason",
    "submitted_on",
    "registered_on",
    "reported_on",
];

fn parse<T: DeserializeOwned>(fields: &Fields) -> Result<T, Refusal> {
    serde_json::from_value(serde_json::Value::Object(fields.clone())).map_err(|e| Refusal {
        code: "bad_data",
        message: format!("{MSG_BAD_DATA}: {e}"),
        errors: Vec::new(),
    })
}

fn deleting(fields: &Fields) -> bool {
    fields
        .get(DELETED_FIELD)
        .and_then(serde_json::Value::as_bool)
        .unwrap_or(false)
}

fn in_commune(actor: &Actor, commune: CommuneId) -> Result<(), Refusal> {
    if actor.commune_id == Some(commune) {
        Ok(())
    } else {
        Err(Refusal::new("forbidden", MSG_OUT_OF_SCOPE))
    }
}

fn for_unit(actor: &Actor, commune: CommuneId, unit: UnitId) -> Result<(), Refusal> {
    in_commune(actor, commune)?;
    match actor.role {
        Role::UnitOfficer if actor.unit_id != Some(unit) => {
            Err(Refusal::new("forbidden", MSG_OUT_OF_SCOPE))
        }
        _ => Ok(()),
    }
}

/// Whether `actor` may read a record filed under `commune` and `unit`
/// (None: commune-wide). A city viewer's communes are the server's to
/// resolve; here the viewer sees nothing.
#[must_use]
pub fn may_see(actor: &Actor, commune: uuid::Uuid, unit: Option<uuid::Uuid>) -> bool {
    let same_commune = actor.commune_id.map(|c| c.as_uuid()) == Some(commune);
    match actor.role {
        Role::CityViewer => false,
        Role::UnitOfficer => {
            same_commune && (unit.is_none() || unit == actor.unit_id.map(|u| u.as_uuid()))
        }
        Role::Reviewer | Role::Leader | Role::Admin => same_commune,
    }
}

/// Checks a change of a record from `before` (None: new) to `after`.
/// On success a model may have been stamped (status dates from `today`).
pub fn check(
    kind: RecordKind,
    before: Option<&Fields>,
    after: &mut Fields,
    actor: &Actor,
    ctx: &Context<'_>,
) -> Result<(), Refusal> {
    if actor.role.is_read_only() {
        return Err(Refusal::new("read_only", MSG_READ_ONLY));
    }
    match kind {
        RecordKind::Model => check_model(before, after, actor, ctx),
        RecordKind::Progress => {
            let entry: ProgressEntry = parse(after)?;
            for_unit(actor, entry.commune_id, entry.unit_id)?;
            let model = ctx
                .model
                .filter(|m| m.id == entry.model_id && m.unit_id == entry.unit_id)
                .ok_or_else(|| Refusal::new("no_model", MSG_NO_MODEL))?;
            same_scope::<ProgressEntry>(
                before,
                |b| (b.commune_id, b.unit_id, b.model_id),
                (entry.commune_id, entry.unit_id, entry.model_id),
            )?;
            may_edit(model.status, actor.role, Part::Progress)?;
            errors_or_ok(entry.validate_for_model(model))
        }
        RecordKind::Report => {
            let report: ResultsReport = parse(after)?;
            for_unit(actor, report.commune_id, report.unit_id)?;
            let model = ctx
                .model
                .filter(|m| m.id == report.model_id && m.unit_id == report.unit_id)
                .ok_or_else(|| Refusal::new("no_model", MSG_NO_MODEL))?;
            same_scope::<ResultsReport>(
                before,
                |b| (b.commune_id, b.unit_id, b.model_id),
                (report.commune_id, report.unit_id, report.model_id),
            )?;
            may_edit(model.status, actor.role, Part::Report)?;
            // One report per model (the app uses `ResultsReport::id_for`).
            if before.is_none() && ctx.report.is_some_and(|r| r.id != report.id) {
                return Err(Refusal::new("duplicate", MSG_DUPLICATE_REPORT));
            }
            if deleting(after) {
                return Err(Refusal::new("cannot_delete", MSG_CANNOT_DELETE));
            }
            errors_or_ok(report.validate_draft())
        }
        RecordKind::Evaluation => {
            let evaluation: Evaluation = parse(after)?;
            in_commune(actor, evaluation.commune_id)?;
            let model = ctx
                .model
                .filter(|m| m.id == evaluation.model_id)
                .ok_or_else(|| Refusal::new("no_model", MSG_NO_MODEL))?;
            may_edit(model.status, actor.role, Part::Evaluation)?;
            if deleting(after) {
                return Err(Refusal::new("cannot_delete", MSG_CANNOT_DELETE));
            }
            errors_or_ok(evaluation.validate_draft())
        }
        RecordKind::Unit => {
            let unit: Unit = parse(after)?;
            admin_of(actor, unit.commune_id)?;
            errors_or_ok(unit.validate())
        }
        RecordKind::Campaign => {
            let campaign: CampaignYear = parse(after)?;
            admin_of(actor, campaign.commune_id)?;
            errors_or_ok(campaign.validate())
        }
        RecordKind::Commune => {
            let commune: Commune = parse(after)?;
            admin_of(actor, commune.id)?;
            errors_or_ok(commune.validate())
        }
    }
}

fn admin_of(actor: &Actor, commune: CommuneId) -> Result<(), Refusal> {
    in_commune(actor, commune)?;
    if actor.role == Role::Admin {
        Ok(())
    } else {
        Err(Refusal::new("forbidden", MSG_ADMIN_ONLY))
    }
}

fn may_edit(status: ModelStatus, role: Role, part: Part) -> Result<(), Refusal> {
    if can_edit(status, role, part) {
        Ok(())
    } else {
        Err(Refusal::new("cannot_edit", MSG_CANNOT_EDIT))
    }
}

fn errors_or_ok(errors: Vec<FieldError>) -> Result<(), Refusal> {
    if errors.is_empty() {
        Ok(())
    } else {
        Err(Refusal::invalid(errors))
    }
}

/// The scope of an existing record (commune, unit, parent) never changes.
fn same_scope<T: DeserializeOwned>(
    before: Option<&Fields>,
    scope: impl Fn(&T) -> (CommuneId, UnitId, crate::ids::ModelId),
    now: (CommuneId, UnitId, crate::ids::ModelId),
) -> Result<(), Refusal> {
    let Some(before) = before else {
        return Ok(());
    };
    let before: T = parse(before)?;
    if scope(&before) == now {
        Ok(())
    } else {
        Err(Refusal::new("immutable", MSG_IMMUTABLE))
    }
}

fn check_model(
    before: Option<&Fields>,
    after: &mut Fields,
    actor: &Actor,
    ctx: &Context<'_>,
) -> Result<(), Refusal> {
    let mut model: Model = parse(after)?;
    for_unit(actor, model.commune_id, model.unit_id)?;
    // A new record starts as a blank draft of the same unit.
    let old: Model = match before {
        Some(fields) => parse(fields)?,
        None => Model::new_draft(model.id, model.commune_id, model.unit_id, model.campaign_id),
    };
    if (old.commune_id, old.unit_id, old.campaign_id)
        != (model.commune_id, model.unit_id, model.campaign_id)
    {
        return Err(Refusal::new("immutable", MSG_IMMUTABLE));
    }
    if deleting(after) {
        let own_draft = old.status == ModelStatus::Nhap && actor.role == Role::UnitOfficer;
        return if own_draft {
            Ok(())
        } else {
            Err(Refusal::new("cannot_delete", MSG_CANNOT_DELETE))
        };
    }
    let content_changed = match before {
        Some(b) => changed_fields(b, after).any(|f| !MOVE_FIELDS.contains(&f)),
        None => true,
    };
    if content_changed {
        may_edit(old.status, actor.role, Part::Registration)?;
    }
    let draft_errors = model.validate_draft();
    if !draft_errors.is_empty() {
        return Err(Refusal::invalid(draft_errors));
    }
    if model.status != old.status {
        // The move is judged on the new content in the old status; the
        // comment or reason comes with the op.
        let mut probe = model.clone();
        probe.status = old.status;
        let note = match model.status {
            ModelStatus::Dung => model.stop_reason.clone(),
            _ => model.return_comment.clone(),
        };
        let move_ctx = MoveContext {
            today: ctx.today,
            note: &note,
            previous: ctx.previous,
            report: ctx.report,
            evaluation: ctx.evaluation,
            campaign: ctx.campaign,
        };
        can_move(&probe, model.status, actor.role, &move_ctx).map_err(|e| Refusal {
            code: e.code(),
            message: e.to_string(),
            errors: e.field_errors().to_vec(),
        })?;
        stamp(&mut model, ctx.today);
        write_back(after, &model)?;
    }
    Ok(())
}

/// Dates of a move are the server's, whatever the device said.
fn stamp(model: &mut Model, today: NaiveDate) {
    match model.status {
        ModelStatus::DaGui => model.submitted_on = Some(today),
        ModelStatus::DaDangKy => model.registered_on = Some(today),
        ModelStatus::DaBaoCao => model.reported_on = Some(today),
        _ => {}
    }
}

fn write_back(fields: &mut Fields, model: &Model) -> Result<(), Refusal> {
    let map = super::protocol::to_fields(model).map_err(|e| Refusal {
        code: "bad_data",
        message: format!("{MSG_BAD_DATA}: {e}"),
        errors: Vec::new(),
    })?;
    for key in ["submitted_on", "registered_on", "reported_on"] {
        if let Some(v) = map.get(key) {
            fields.insert(key.to_owned(), v.clone());
        }
    }
    Ok(())
}

fn changed_fields<'a>(before: &'a Fields, after: &'a Fields) -> impl Iterator<Item = &'a str> {
    after
        .iter()
        .filter(move |(k, v)| before.get(*k) != Some(*v))
        .map(|(k, _)| k.as_str())
        .chain(
            before
                .keys()
                .filter(move |k| !after.contains_key(*k))
                .map(String::as_str),
        )
}

#[cfg(test)]
mod tests;
