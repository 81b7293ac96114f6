//! The shared write rules, on the demo commune: the helpers here, the
//! tests by what they write (`model`: a model's registration and its
//! moves; `records`: units and campaigns, progress, reports).
use chrono::NaiveDate;
use serde_json::json;

use super::*;
use crate::demo::{DemoData, thanh_mien};
use crate::ids::ModelId;
use crate::sync::protocol::{DELETED_FIELD, to_fields};

fn today() -> NaiveDate {
    NaiveDate::from_ymd_opt(2025, 8, 20).expect("date")
}

fn actor(data: &DemoData, role: Role) -> Actor {
    let user = data
        .users
        .iter()
        .find(|u| u.role == role)
        .expect("demo user of role");
    Actor::of(user)
}

fn officer(data: &DemoData) -> Actor {
    actor(data, Role::UnitOfficer)
}

fn fields_of(model: &Model) -> Fields {
    to_fields(model).expect("a model is an object")
}

/// A demo model of the officer's unit with the given status.
fn own_model(data: &DemoData, status: ModelStatus) -> Model {
    let me = officer(data);
    let complete = data
        .models
        .iter()
        .find(|m| m.status == ModelStatus::DaGui)
        .expect("a sent demo model");
    let mut model = complete.clone();
    model.id = ModelId::new();
    model.unit_id = me.unit_id.expect("officer has a unit");
    model.continued_from = None;
    model.status = status;
    model
}

fn ctx() -> Context<'static> {
    Context {
        today: today(),
        ..Context::default()
    }
}

fn code(result: Result<(), Refusal>) -> &'static str {
    match result {
        Ok(()) => "ok",
        Err(refusal) => refusal.code.as_str(),
    }
}

mod model;
mod records;
