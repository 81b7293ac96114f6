//! The rules on an evaluation: the reviewer of the model's commune, while
//! the model is reported or evaluated; one per model, in the model's
//! commune and year; stamped with who evaluated and the server's day.
use super::{
    Actor, Context, Fields, Refusal, errors_or_ok, in_commune, marks_deleted, may_edit,
    owning_model, parse,
};
use crate::api::Code;
use crate::evaluation::{Evaluation, STAMPED_FIELDS};
use crate::messages;
use crate::status::Part;
use crate::sync::protocol::to_fields;

/// Checks a change of an evaluation from `before` (None: new) to `after`;
/// on success `after` carries the server's stamp (evaluator, name, day),
/// whatever the device sent.
pub(super) fn check(
    before: Option<&Fields>,
    after: &mut Fields,
    actor: &Actor,
    ctx: &Context<'_>,
) -> Result<(), Refusal> {
    let mut evaluation: Evaluation = parse(after)?;
    in_commune(actor, evaluation.commune_id)?;
    let model = owning_model(ctx, evaluation.model_id, None)?;
    if (evaluation.commune_id, evaluation.campaign_id) != (model.commune_id, model.campaign_id) {
        return Err(Refusal::of(Code::Immutable).with_message(messages::EVALUATION_MISMATCH));
    }
    if let Some(before) = before {
        let old: Evaluation = parse(before)?;
        if old.model_id != evaluation.model_id {
            return Err(Refusal::of(Code::Immutable));
        }
    }
    may_edit(model.status, actor.role, Part::Evaluation)?;
    if marks_deleted(after) {
        return Err(Refusal::of(Code::CannotDelete));
    }
    // One evaluation per model (the app uses `Evaluation::id_for`).
    if before.is_none() && ctx.evaluation.is_some_and(|e| e.id != evaluation.id) {
        return Err(Refusal::of(Code::Duplicate).with_message(messages::DUPLICATE_EVALUATION));
    }
    errors_or_ok(evaluation.validate_draft())?;
    evaluation.stamp(actor.user_id, &actor.full_name, ctx.today);
    let mut stamp = to_fields(&evaluation).map_err(Refusal::bad_data)?;
    stamp.retain(|k, _| STAMPED_FIELDS.contains(&k.as_str()));
    after.extend(stamp);
    Ok(())
}
