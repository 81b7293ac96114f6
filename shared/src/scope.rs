//! Where a record belongs and who may see it: one answer for the server's
//! pushes, pulls and record reads, the demo loader and the documents.
//!
//! A record is filed under its commune and, for a unit's own records
//! (models, progress entries, reports, and evaluations through their
//! model), under that unit. Set-up records (the commune, its units and
//! campaign years) are commune-wide, and so is a model on the commune's
//! list to replicate (recognised, nhân rộng), which any unit may adopt.
use serde::{Deserialize, Serialize};
use uuid::Uuid;

use crate::api::Code;
use crate::model::Model;
use crate::sync::protocol::{Fields, RecordKind};
use crate::sync::rules::{Actor, Refusal};
use crate::user::Role;

/// Where a record is filed.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash, Serialize, Deserialize)]
pub struct Scope {
    pub commune: Uuid,
    /// None: commune-wide (the commune, units, campaign years).
    pub unit: Option<Uuid>,
}

fn uuid_field(fields: &Fields, name: &str) -> Option<Uuid> {
    fields.get(name)?.as_str()?.parse().ok()
}

/// The model whose unit a record is filed under when the record does not
/// name its unit itself (an evaluation): load it and pass it to [`scope_of`].
#[must_use]
pub fn filing_model(kind: RecordKind, fields: &Fields) -> Option<Uuid> {
    match kind {
        RecordKind::Evaluation => uuid_field(fields, "model_id"),
        _ => None,
    }
}

/// Where a `kind` record with these fields is filed; None when the fields
/// do not say (no commune id). `model` is the record of [`filing_model`].
#[must_use]
pub fn scope_of(kind: RecordKind, fields: &Fields, model: Option<&Model>) -> Option<Scope> {
    let commune = match kind {
        RecordKind::Commune => uuid_field(fields, "id"),
        _ => uuid_field(fields, "commune_id"),
    }?;
    let unit = match kind {
        RecordKind::Model if crate::replication::fields_replicable(fields) => None,
        RecordKind::Model | RecordKind::Progress | RecordKind::Report => {
            uuid_field(fields, "unit_id")
        }
        RecordKind::Evaluation => model.map(|m| m.unit_id.as_uuid()),
        RecordKind::Unit | RecordKind::Campaign | RecordKind::Commune => None,
    };
    Some(Scope { commune, unit })
}

/// What a person may read: the communes (a city viewer's are looked up by
/// the server from the city, see [`Actor::city`]) and, for an officer, the
/// one unit whose records they see besides the commune-wide ones.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct ReadScope {
    pub communes: Vec<Uuid>,
    pub unit: Option<Uuid>,
    /// The kinds a pull carries (every kind: all of them). A city viewer's
    /// carries the set-up only (communes, units, campaign years): the city
    /// view's figures come from the server (`crate::city`), so their tablet
    /// never holds the models of every commune of the city.
    pub pulled: &'static [RecordKind],
}

/// What a city viewer's pull carries.
pub const CITY_PULL: [RecordKind; 3] =
    [RecordKind::Commune, RecordKind::Unit, RecordKind::Campaign];

impl ReadScope {
    /// Whether a pull carries records of `kind`.
    #[must_use]
    pub fn pulls(&self, kind: RecordKind) -> bool {
        self.pulled.contains(&kind)
    }

    /// Whether a pull carries every kind (no kind filter needed).
    #[must_use]
    pub fn pulls_all(&self) -> bool {
        RecordKind::ALL.iter().all(|k| self.pulls(*k))
    }
}

impl ReadScope {
    /// Whether a record filed under `scope` is readable.
    #[must_use]
    pub fn sees(&self, scope: &Scope) -> bool {
        self.communes.contains(&scope.commune)
            && (self.unit.is_none() || scope.unit.is_none() || scope.unit == self.unit)
    }
}

/// The read scope of `actor`; `city_communes` are the communes of a city
/// viewer's city (ignored for every other role). An officer without a
/// unit sees nothing of any unit and is refused.
pub fn read_scope(actor: &Actor, city_communes: &[Uuid]) -> Result<ReadScope, Refusal> {
    let own = || actor.commune_id.map(|c| c.as_uuid()).into_iter().collect();
    match actor.role {
        Role::CityViewer => Ok(ReadScope {
            communes: city_communes.to_vec(),
            unit: None,
            pulled: &CITY_PULL,
        }),
        Role::UnitOfficer => Ok(ReadScope {
            communes: own(),
            unit: Some(
                actor
                    .unit_id
                    .ok_or_else(|| Refusal::of(Code::Forbidden))?
                    .as_uuid(),
            ),
            pulled: &RecordKind::ALL,
        }),
        Role::Reviewer | Role::Leader | Role::Admin => Ok(ReadScope {
            communes: own(),
            unit: None,
            pulled: &RecordKind::ALL,
        }),
    }
}

/// Whether `actor` may read a record filed under `scope`.
#[must_use]
pub fn may_see(actor: &Actor, city_communes: &[Uuid], scope: &Scope) -> bool {
    read_scope(actor, city_communes).is_ok_and(|read| read.sees(scope))
}

/// The city whose communes the server must look up for `actor`, if any.
#[must_use]
pub fn city_to_resolve(actor: &Actor) -> Option<&str> {
    match actor.role {
        Role::CityViewer => Some(actor.city.as_deref().unwrap_or_default()),
        _ => None,
    }
}

/// Whether a change by `role` is the unit's own data reaching the server
/// (what "dữ liệu đến …" measures): an officer's, not a reviewer's move or
/// an admin's edit of the same record.
#[must_use]
pub fn brings_unit_data(role: Role) -> bool {
    role == Role::UnitOfficer
}
