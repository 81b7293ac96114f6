//! Replication (nhân rộng): the commune's list of models to replicate,
//! and what a unit may build on in a new campaign year — its own earlier
//! models (continue) and other units' replicated ones (adopt).
//!
//! A model is on the list when the commune recognised it (Được công nhận)
//! and its evaluation said nhân rộng; the recognition move copies that
//! onto the model ([`Model::replicated`]), which is also what makes the
//! model readable by every unit of the commune ([`crate::scope::scope_of`]).
use serde::{Deserialize, Serialize};

use crate::campaign::CampaignYear;
use crate::ids::UnitId;
use crate::messages;
use crate::model::Model;
use crate::status::ModelStatus;
use crate::sync::protocol::Fields;
use crate::validate::{ErrorCode, FieldError};

/// Whether `model` is on its commune's list of models to replicate.
#[must_use]
pub fn is_replicable(model: &Model) -> bool {
    model.status == ModelStatus::CongNhan && model.replicated
}

/// The same question on a record's fields, for the scope rule (which sees
/// fields, not typed models).
#[must_use]
pub fn fields_replicable(fields: &Fields) -> bool {
    let status = fields
        .get("status")
        .and_then(|v| serde_json::from_value::<ModelStatus>(v.clone()).ok());
    let replicated = fields
        .get("replicated")
        .and_then(serde_json::Value::as_bool)
        .unwrap_or(false);
    status == Some(ModelStatus::CongNhan) && replicated
}

/// The commune's list of models to replicate: recognised models marked
/// nhân rộng, newest year first, then by name. Models whose campaign is
/// not in `campaigns` come last.
#[must_use]
pub fn replication_list<'a>(models: &'a [Model], campaigns: &[CampaignYear]) -> Vec<&'a Model> {
    let year = |m: &Model| {
        campaigns
            .iter()
            .find(|c| c.id == m.campaign_id)
            .map(|c| c.year)
    };
    let mut out: Vec<&Model> = models.iter().filter(|m| is_replicable(m)).collect();
    out.sort_by(|a, b| {
        year(b)
            .cmp(&year(a))
            .then_with(|| a.name.cmp(&b.name))
            .then(a.id.cmp(&b.id))
    });
    out
}

/// How a model builds on an earlier one (`continued_from`).
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash, PartialOrd, Ord, Serialize, Deserialize)]
#[serde(rename_all = "snake_case")]
pub enum Link {
    /// The unit's own earlier model (tiếp tục).
    Continue,
    /// Another unit's replicated model (áp dụng mô hình nhân rộng).
    Adopt,
}

/// Why a model may not build on `previous`.
#[derive(Debug, Clone, Copy, PartialEq, Eq, thiserror::Error)]
pub enum LinkError {
    #[error("{}", messages::LINK_OTHER_COMMUNE)]
    OtherCommune,
    #[error("{}", messages::ADOPT_NOT_REPLICABLE)]
    NotReplicable,
    #[error("{}", messages::ADOPT_SAME_YEAR)]
    SameYear,
}

impl LinkError {
    /// The error next to the form's "last year's model".
    #[must_use]
    pub fn field_error(self) -> FieldError {
        FieldError::new("continued_from", ErrorCode::Inconsistent, self.to_string())
    }
}

/// Whether `model` may build on `previous`, and how: a unit continues any
/// of its own earlier models; it adopts another unit's model only if that
/// model is on the commune's list to replicate, from another campaign
/// year. Never across communes.
pub fn link(model: &Model, previous: &Model) -> Result<Link, LinkError> {
    if previous.commune_id != model.commune_id {
        return Err(LinkError::OtherCommune);
    }
    if previous.unit_id == model.unit_id {
        return Ok(Link::Continue);
    }
    if !is_replicable(previous) {
        return Err(LinkError::NotReplicable);
    }
    if previous.campaign_id == model.campaign_id {
        return Err(LinkError::SameYear);
    }
    Ok(Link::Adopt)
}

/// One earlier model a unit may build on this year.
#[derive(Debug, Clone, PartialEq)]
pub struct Choice<'a> {
    pub model: &'a Model,
    pub year: i32,
    pub link: Link,
    /// The unit already has a model of `current` linked to it.
    pub taken: bool,
}

/// What "continue last year's model" offers `unit` in `current`: first the
/// unit's own registered models of earlier years (those on the list to
/// replicate first), then the commune's replicated models of other units;
/// newest year first, then by name.
#[must_use]
pub fn choices<'a>(
    models: &'a [Model],
    campaigns: &[CampaignYear],
    unit: UnitId,
    current: &CampaignYear,
) -> Vec<Choice<'a>> {
    let mut out: Vec<Choice<'a>> = models
        .iter()
        .filter(|m| m.commune_id == current.commune_id)
        .filter_map(|m| {
            let year = campaigns.iter().find(|c| c.id == m.campaign_id)?.year;
            if year >= current.year {
                return None;
            }
            let link = if m.unit_id == unit {
                m.status.is_registered().then_some(Link::Continue)?
            } else {
                is_replicable(m).then_some(Link::Adopt)?
            };
            let taken = models.iter().any(|n| {
                n.campaign_id == current.id && n.unit_id == unit && n.continued_from == Some(m.id)
            });
            Some(Choice {
                model: m,
                year,
                link,
                taken,
            })
        })
        .collect();
    let key = |c: &Choice<'a>| {
        (
            c.link,
            !is_replicable(c.model),
            std::cmp::Reverse(c.year),
            c.model.name.clone(),
            c.model.id,
        )
    };
    out.sort_by_key(key);
    out
}
