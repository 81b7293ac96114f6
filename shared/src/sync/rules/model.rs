//! The rules on a model's record: scope, who edits the registration, its
//! draft validation, the link to an earlier model (continue or adopt),
//! and status moves made and dated by the server.
use super::{
    Actor, Context, Fields, Refusal, changed_fields, for_unit, marks_deleted, may_edit, parse,
};
use crate::api::Code;
use crate::lifecycle::{
    MOVE_FIELDS, MoveContext, STAMPED_MOVE_FIELDS, apply_move, can_delete, move_fields, note_of,
};
use crate::model::Model;
use crate::replication::link;
use crate::status::Part;

/// Checks a change of a model from `before` (None: new) to `after`; on
/// success the move fields in `after` are the server's (a move made again
/// with its day, or the stored dates kept when the status does not change).
pub(super) fn check(
    before: Option<&Fields>,
    after: &mut Fields,
    actor: &Actor,
    ctx: &Context<'_>,
) -> Result<(), Refusal> {
    let model: Model = parse(after)?;
    for_unit(actor, model.commune_id, model.unit_id)?;
    // A new record starts as a blank draft of the same unit.
    let old: Model = match before {
        Some(fields) => parse(fields)?,
        None => Model::new_draft(model.id, model.commune_id, model.unit_id, model.campaign_id),
    };
    if (old.commune_id, old.unit_id, old.campaign_id)
        != (model.commune_id, model.unit_id, model.campaign_id)
    {
        return Err(Refusal::of(Code::Immutable));
    }
    if marks_deleted(after) {
        return if can_delete(old.status, actor.role) {
            Ok(())
        } else {
            Err(Refusal::of(Code::CannotDelete))
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
    // Continue only the unit's own models; adopt only replicated ones.
    if let Some(previous) = ctx.previous.filter(|p| Some(p.id) == model.continued_from)
        && let Err(error) = link(&model, previous)
    {
        return Err(Refusal::invalid(vec![error.field_error()]));
    }
    let stamped = if model.status == old.status {
        // Dates and the replication mark change only with a move.
        let mut kept = move_fields(&old).map_err(Refusal::bad_data)?;
        kept.retain(|k, _| STAMPED_MOVE_FIELDS.contains(&k.as_str()));
        kept
    } else {
        // The move is made on the new content in the old status; the
        // comment or reason comes with the op, the date is the server's.
        let mut moved = model.clone();
        moved.status = old.status;
        let note = note_of(&model, model.status).to_owned();
        let move_ctx = MoveContext {
            today: ctx.today,
            note: &note,
            previous: ctx.previous,
            report: ctx.report,
            evaluation: ctx.evaluation,
            campaign: ctx.campaign,
        };
        apply_move(&mut moved, model.status, actor.role, &move_ctx)?;
        move_fields(&moved).map_err(Refusal::bad_data)?
    };
    after.extend(stamped);
    Ok(())
}
