//! Whether an actor may make a change, by the shared rules: scope (commune,
//! unit), the role table, the status table, and validation. The server runs
//! this on every pushed op after merging; the app may run it to warn early.
use chrono::NaiveDate;
use serde::de::DeserializeOwned;
use serde::{Deserialize, Serialize};
use uuid::Uuid;

use super::protocol::{Fields, RecordKind, marks_deleted};
use crate::api::Code;
use crate::campaign::CampaignYear;
use crate::evaluation::Evaluation;
use crate::ids::{CommuneId, UnitId, UserId};
use crate::messages;
use crate::model::Model;
use crate::org::{Commune, Unit};
use crate::progress::ProgressEntry;
use crate::report::ResultsReport;
use crate::status::{ModelStatus, MoveError, Part, can_edit, requirement};
use crate::user::Role;
use crate::validate::FieldError;

/// Who is making a change, as the server knows from the session.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub struct Actor {
    pub user_id: UserId,
    pub role: Role,
    pub commune_id: Option<CommuneId>,
    pub unit_id: Option<UnitId>,
    /// A city viewer's city (the server resolves its communes).
    #[serde(default)]
    pub city: Option<String>,
    /// The person's name, stamped on what they sign (an evaluation).
    #[serde(default)]
    pub full_name: String,
}

impl Actor {
    /// The actor a signed-in user is.
    #[must_use]
    pub fn of(user: &crate::user::User) -> Self {
        Self {
            user_id: user.id,
            role: user.role,
            commune_id: user.commune_id,
            unit_id: user.unit_id,
            city: user.city.clone(),
            full_name: user.full_name.clone(),
        }
    }
}

/// Why a change was refused: a stable code and a Vietnamese message.
#[derive(Debug, Clone, PartialEq, Eq, thiserror::Error)]
#[error("{message}")]
pub struct Refusal {
    pub code: Code,
    pub message: String,
    pub errors: Vec<FieldError>,
}

impl Refusal {
    /// A refusal with its code's own message.
    #[must_use]
    pub fn of(code: Code) -> Self {
        Refusal {
            code,
            message: code.message().to_owned(),
            errors: Vec::new(),
        }
    }

    fn invalid(errors: Vec<FieldError>) -> Self {
        Refusal {
            code: Code::Invalid,
            message: messages::INVALID.to_owned(),
            errors,
        }
    }

    fn bad_data(detail: impl std::fmt::Display) -> Self {
        Refusal {
            code: Code::BadData,
            message: format!("{}: {detail}", messages::BAD_DATA),
            errors: Vec::new(),
        }
    }

    /// The answer a pushed op gets.
    #[must_use]
    pub fn into_outcome(self) -> super::protocol::Outcome {
        super::protocol::Outcome::Rejected {
            code: self.code.as_str().to_owned(),
            message: self.message,
            errors: self.errors,
        }
    }
}

impl From<MoveError> for Refusal {
    fn from(error: MoveError) -> Self {
        Refusal {
            code: error.code(),
            message: error.to_string(),
            errors: error.field_errors().to_vec(),
        }
    }
}

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

/// Which records [`check`] needs around a change, so the server loads
/// exactly those (and nothing is decided by the server's own reading).
#[derive(Debug, Clone, Default, PartialEq, Eq)]
pub struct Needs {
    /// The model a child record belongs to.
    pub model: Option<Uuid>,
    /// Last year's model of a continued model.
    pub previous: Option<Uuid>,
    pub campaign: Option<Uuid>,
    /// The results report of this model (a move that needs it, or a new
    /// report: one per model).
    pub report_of: Option<Uuid>,
    /// The evaluation of this model (a move that needs it).
    pub evaluation_of: Option<Uuid>,
}

fn uuid_field(fields: &Fields, name: &str) -> Option<Uuid> {
    fields.get(name)?.as_str()?.parse().ok()
}

fn status_field(fields: &Fields) -> Option<ModelStatus> {
    serde_json::from_value(fields.get("status")?.clone()).ok()
}

/// What [`check`] will need to judge a change of a `kind` record from
/// `before` (None: new) to `after`.
#[must_use]
pub fn needs(kind: RecordKind, before: Option<&Fields>, after: &Fields) -> Needs {
    let mut needs = Needs {
        campaign: uuid_field(after, "campaign_id"),
        ..Needs::default()
    };
    match kind {
        RecordKind::Model => {
            needs.previous = uuid_field(after, "continued_from");
            let from = before.and_then(status_field).unwrap_or(ModelStatus::Nhap);
            if let (Some(to), Some(id)) = (status_field(after), uuid_field(after, "id"))
                && to != from
                && let Some(requirement) = requirement(from, to)
            {
                if requirement.reads_report() {
                    needs.report_of = Some(id);
                }
                if requirement.reads_evaluation() {
                    needs.evaluation_of = Some(id);
                }
            }
        }
        RecordKind::Progress | RecordKind::Report | RecordKind::Evaluation => {
            needs.model = uuid_field(after, "model_id");
            // One report and one evaluation per model.
            if kind == RecordKind::Report && before.is_none() {
                needs.report_of = needs.model;
            }
            if kind == RecordKind::Evaluation && before.is_none() {
                needs.evaluation_of = needs.model;
            }
        }
        RecordKind::Unit | RecordKind::Campaign | RecordKind::Commune => {}
    }
    needs
}

fn parse<T: DeserializeOwned>(fields: &Fields) -> Result<T, Refusal> {
    serde_json::from_value(serde_json::Value::Object(fields.clone())).map_err(Refusal::bad_data)
}

fn in_commune(actor: &Actor, commune: CommuneId) -> Result<(), Refusal> {
    if actor.commune_id == Some(commune) {
        Ok(())
    } else {
        Err(Refusal::of(Code::Forbidden).with_message(messages::OUT_OF_SCOPE))
    }
}

fn for_unit(actor: &Actor, commune: CommuneId, unit: UnitId) -> Result<(), Refusal> {
    in_commune(actor, commune)?;
    match actor.role {
        Role::UnitOfficer if actor.unit_id != Some(unit) => {
            Err(Refusal::of(Code::Forbidden).with_message(messages::OUT_OF_SCOPE))
        }
        _ => Ok(()),
    }
}

impl Refusal {
    /// The same refusal with a more precise message.
    #[must_use]
    pub fn with_message(mut self, message: &str) -> Self {
        message.clone_into(&mut self.message);
        self
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
        return Err(Refusal::of(Code::ReadOnly));
    }
    match kind {
        RecordKind::Model => model::check(before, after, actor, ctx),
        RecordKind::Progress => {
            let entry: ProgressEntry = parse(after)?;
            for_unit(actor, entry.commune_id, entry.unit_id)?;
            let model = owning_model(ctx, entry.model_id, Some(entry.unit_id))?;
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
            let model = owning_model(ctx, report.model_id, Some(report.unit_id))?;
            same_scope::<ResultsReport>(
                before,
                |b| (b.commune_id, b.unit_id, b.model_id),
                (report.commune_id, report.unit_id, report.model_id),
            )?;
            may_edit(model.status, actor.role, Part::Report)?;
            // One report per model (the app uses `ResultsReport::id_for`).
            if before.is_none() && ctx.report.is_some_and(|r| r.id != report.id) {
                return Err(Refusal::of(Code::Duplicate));
            }
            if marks_deleted(after) {
                return Err(Refusal::of(Code::CannotDelete));
            }
            errors_or_ok(report.validate_draft())
        }
        RecordKind::Evaluation => evaluation::check(before, after, actor, ctx),
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

/// The model a child record belongs to, as loaded for [`needs`].
fn owning_model<'a>(
    ctx: &Context<'a>,
    id: crate::ids::ModelId,
    unit: Option<UnitId>,
) -> Result<&'a Model, Refusal> {
    ctx.model
        .filter(|m| m.id == id && unit.is_none_or(|u| m.unit_id == u))
        .ok_or_else(|| Refusal::of(Code::NoModel))
}

fn admin_of(actor: &Actor, commune: CommuneId) -> Result<(), Refusal> {
    in_commune(actor, commune)?;
    if actor.role == Role::Admin {
        Ok(())
    } else {
        Err(Refusal::of(Code::Forbidden).with_message(messages::ADMIN_ONLY))
    }
}

fn may_edit(status: ModelStatus, role: Role, part: Part) -> Result<(), Refusal> {
    if can_edit(status, role, part) {
        Ok(())
    } else {
        Err(Refusal::of(Code::CannotEdit))
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
        Err(Refusal::of(Code::Immutable))
    }
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

mod evaluation;
mod model;
#[cfg(test)]
mod tests;
