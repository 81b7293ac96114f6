//! Making a move of the status table on a model: the table says who may,
//! this checks what the move needs and records its date, comment or reason.
use chrono::NaiveDate;

use crate::campaign::CampaignYear;
use crate::evaluation::Evaluation;
use crate::messages;
use crate::model::Model;
use crate::report::ResultsReport;
use crate::status::{ModelStatus, MoveError, MoveRequirement, check_move};
use crate::sync::protocol::{Fields, FieldsError, to_fields};
use crate::user::Role;
use crate::validate::{ErrorCode, FieldError, is_blank};

/// Fields a status move sets; everything else of a model is registration content.
pub const MOVE_FIELDS: &[&str] = &[
    "status",
    "return_comment",
    "stop_reason",
    "submitted_on",
    "registered_on",
    "reported_on",
    "replicated",
];

/// The move fields only a move may change, made by the server with its
/// own day: a change of them without a move keeps the stored values.
pub const STAMPED_MOVE_FIELDS: &[&str] =
    &["submitted_on", "registered_on", "reported_on", "replicated"];

/// Whether `role` may delete a model in `status`: only an officer's own
/// draft that was never sent (the unit is checked by the scope rules).
#[must_use]
pub fn can_delete(status: ModelStatus, role: Role) -> bool {
    status == ModelStatus::Nhap && role == Role::UnitOfficer
}

/// The text a move to `to` carries: the stop reason, or the comment.
#[must_use]
pub fn note_of(model: &Model, to: ModelStatus) -> &str {
    match to {
        ModelStatus::Dung => &model.stop_reason,
        _ => &model.return_comment,
    }
}

/// The move fields of `model` as record fields.
pub fn move_fields(model: &Model) -> Result<Fields, FieldsError> {
    let mut all = to_fields(model)?;
    all.retain(|key, _| MOVE_FIELDS.contains(&key.as_str()));
    Ok(all)
}

/// Makes the move on a copy of `model` and returns the fields to save as
/// one change (status, date, comment or reason). What the app sends; the
/// server makes the same move again and dates it with its own day.
pub fn move_changes(
    model: &Model,
    to: ModelStatus,
    role: Role,
    ctx: &MoveContext<'_>,
) -> Result<Fields, MoveChangeError> {
    let mut moved = model.clone();
    apply_move(&mut moved, to, role, ctx)?;
    Ok(move_fields(&moved)?)
}

/// Why [`move_changes`] made no change.
#[derive(Debug, thiserror::Error)]
pub enum MoveChangeError {
    #[error(transparent)]
    Move(#[from] MoveError),
    #[error(transparent)]
    Fields(#[from] FieldsError),
}

/// What a move may need to look at. Only what the move's requirement asks
/// for is read; the rest may stay `None`.
#[derive(Debug, Clone, Copy)]
pub struct MoveContext<'a> {
    /// The day of the move, recorded as submitted/registered/reported on.
    pub today: NaiveDate,
    /// The reviewer's comment when returning, or the reason when stopping.
    pub note: &'a str,
    /// Last year's model, for a continued model's registration.
    pub previous: Option<&'a Model>,
    pub report: Option<&'a ResultsReport>,
    pub evaluation: Option<&'a Evaluation>,
    pub campaign: Option<&'a CampaignYear>,
}

impl<'a> MoveContext<'a> {
    #[must_use]
    pub fn new(today: NaiveDate) -> Self {
        Self {
            today,
            note: "",
            previous: None,
            report: None,
            evaluation: None,
            campaign: None,
        }
    }

    #[must_use]
    pub fn note(mut self, note: &'a str) -> Self {
        self.note = note;
        self
    }

    #[must_use]
    pub fn previous(mut self, previous: Option<&'a Model>) -> Self {
        self.previous = previous;
        self
    }

    #[must_use]
    pub fn report(mut self, report: &'a ResultsReport) -> Self {
        self.report = Some(report);
        self
    }

    #[must_use]
    pub fn evaluation(mut self, evaluation: &'a Evaluation, campaign: &'a CampaignYear) -> Self {
        self.evaluation = Some(evaluation);
        self.campaign = Some(campaign);
        self
    }
}

/// Whether `role` may move `model` to `to` now, with what `ctx` provides.
pub fn can_move(
    model: &Model,
    to: ModelStatus,
    role: Role,
    ctx: &MoveContext<'_>,
) -> Result<MoveRequirement, MoveError> {
    let needs = check_move(model.status, to, role)?;
    match needs {
        MoveRequirement::Nothing => {}
        MoveRequirement::CompleteRegistration => {
            let errors = model.validate_for_submit(ctx.previous);
            if !errors.is_empty() {
                return Err(MoveError::RegistrationIncomplete(errors));
            }
        }
        MoveRequirement::CompleteReport => {
            let report = ctx
                .report
                .filter(|r| r.model_id == model.id)
                .ok_or(MoveError::MissingDocument)?;
            let errors = report.validate_for_submit(model);
            if !errors.is_empty() {
                return Err(MoveError::ReportIncomplete(errors));
            }
        }
        MoveRequirement::CompleteEvaluation => {
            let (evaluation, campaign) = evaluation_of(model, ctx)?;
            let errors = evaluation.validate_for_submit(campaign);
            if !errors.is_empty() {
                return Err(MoveError::EvaluationIncomplete(errors));
            }
        }
        MoveRequirement::Comment if is_blank(ctx.note) => return Err(MoveError::CommentRequired),
        MoveRequirement::Reason if is_blank(ctx.note) => return Err(MoveError::ReasonRequired),
        MoveRequirement::Comment | MoveRequirement::Reason => {}
        MoveRequirement::Decision => {
            let evaluation = ctx
                .evaluation
                .filter(|e| e.model_id == model.id)
                .ok_or(MoveError::MissingDocument)?;
            match evaluation.decision {
                None => {
                    return Err(MoveError::EvaluationIncomplete(vec![FieldError::new(
                        "decision",
                        ErrorCode::Required,
                        messages::DECISION_REQUIRED,
                    )]));
                }
                Some(d) if d.status() != to => return Err(MoveError::DecisionMismatch),
                Some(_) => {}
            }
        }
    }
    Ok(needs)
}

fn evaluation_of<'a>(
    model: &Model,
    ctx: &MoveContext<'a>,
) -> Result<(&'a Evaluation, &'a CampaignYear), MoveError> {
    let evaluation = ctx
        .evaluation
        .filter(|e| e.model_id == model.id)
        .ok_or(MoveError::MissingDocument)?;
    let campaign = ctx
        .campaign
        .filter(|c| c.id == evaluation.campaign_id)
        .ok_or(MoveError::MissingDocument)?;
    Ok((evaluation, campaign))
}

/// Checks the move with [`can_move`], then makes it: sets the status and
/// records the day (sent, registered, reported), the return comment or the
/// stop reason; recognition puts the model on the commune's list to
/// replicate if its evaluation says nhân rộng. Late moves are made like any other; lateness is shown, not blocked.
pub fn apply_move(
    model: &mut Model,
    to: ModelStatus,
    role: Role,
    ctx: &MoveContext<'_>,
) -> Result<MoveRequirement, MoveError> {
    let needs = can_move(model, to, role, ctx)?;
    match to {
        ModelStatus::DaGui => model.submitted_on = Some(ctx.today),
        ModelStatus::DaDangKy => model.registered_on = Some(ctx.today),
        ModelStatus::DaBaoCao => model.reported_on = Some(ctx.today),
        ModelStatus::TraLaiDangKy | ModelStatus::TraLaiBaoCao => {
            model.return_comment = ctx.note.trim().to_owned();
        }
        ModelStatus::Dung => model.stop_reason = ctx.note.trim().to_owned(),
        // The commune's list of models to replicate follows the evaluation
        // (checked present and matching by `can_move`).
        ModelStatus::CongNhan => model.replicated = ctx.evaluation.is_some_and(|e| e.replicate),
        ModelStatus::KhongCongNhan => model.replicated = false,
        ModelStatus::Nhap | ModelStatus::DangThucHien | ModelStatus::DaDanhGia => {}
    }
    model.status = to;
    Ok(needs)
}
