//! The strict input rules of pushed ops.
use serde_json::json;

use super::*;
use crate::demo::thanh_mien;
use crate::sync::protocol::{Fields, PushRequest, to_fields};

fn v7() -> Uuid {
    crate::ids::ModelId::new().as_uuid()
}

fn op(kind: RecordKind, record_id: Uuid, changes: Fields) -> Op {
    Op {
        op_id: v7(),
        device_id: v7(),
        kind,
        record_id,
        base_version: 0,
        clock: 1,
        changes,
        resolves: Vec::new(),
        client_time: None,
    }
}

fn refused(result: Result<(), Refusal>) -> &'static str {
    match result {
        Ok(()) => "ok",
        Err(refusal) => refusal.code.as_str(),
    }
}

#[test]
fn every_demo_record_uses_only_its_kinds_fields() {
    let data = thanh_mien();
    let mut records: Vec<(RecordKind, Fields)> = Vec::new();
    let fields = |v: serde_json::Result<Value>| match v {
        Ok(Value::Object(map)) => map,
        _ => panic!("a record is an object"),
    };
    records.push((
        RecordKind::Commune,
        fields(serde_json::to_value(&data.commune)),
    ));
    for unit in &data.units {
        records.push((RecordKind::Unit, to_fields(unit).expect("unit")));
    }
    for campaign in &data.campaigns {
        records.push((RecordKind::Campaign, to_fields(campaign).expect("campaign")));
    }
    for model in &data.models {
        records.push((RecordKind::Model, to_fields(model).expect("model")));
    }
    for entry in &data.progress {
        records.push((RecordKind::Progress, to_fields(entry).expect("progress")));
    }
    for report in &data.reports {
        records.push((RecordKind::Report, to_fields(report).expect("report")));
    }
    for evaluation in &data.evaluations {
        records.push((
            RecordKind::Evaluation,
            to_fields(evaluation).expect("evaluation"),
        ));
    }
    for kind in RecordKind::ALL {
        assert!(
            allowed_fields(kind).contains(&"id"),
            "{kind:?} lists its fields"
        );
        assert!(records.iter().any(|(k, _)| *k == kind), "demo has {kind:?}");
    }
    for (kind, fields) in records {
        for name in fields.keys() {
            assert!(is_field_of(kind, name), "{kind:?}.{name} allowed");
        }
    }
}

#[test]
fn made_up_and_server_fields_are_refused_with_their_names() {
    let id = v7();
    let mut changes = Fields::new();
    changes.insert("id".into(), json!(id.to_string()));
    changes.insert("name".into(), json!("Mô hình"));
    for name in ["version", "deleted", "conflicts", &"x".repeat(10_000)] {
        changes.insert(name.to_owned(), json!(1));
    }
    let refusal = check_op(&op(RecordKind::Model, id, changes), None).expect_err("refused");
    assert_eq!(refusal.code, Code::UnknownField);
    for name in ["version", "deleted", "conflicts"] {
        assert!(refusal.message.contains(name), "{}", refusal.message);
    }
    assert!(refusal.message.len() < 400, "a long key is shortened");

    let mut resolves = op(RecordKind::Model, id, Fields::new());
    resolves.changes.insert("id".into(), json!(id.to_string()));
    resolves.resolves = vec!["made_up".into()];
    assert_eq!(refused(check_op(&resolves, None)), "unknown_field");

    let mut delete = Fields::new();
    delete.insert(DELETED_FIELD.into(), json!(true));
    assert_eq!(
        refused(check_op(&op(RecordKind::Model, id, delete), Some(3))),
        "ok"
    );
}

#[test]
fn record_ids_are_v7_and_a_report_or_evaluation_may_be_derived() {
    let named = |id: Uuid| {
        let mut changes = Fields::new();
        changes.insert("id".into(), json!(id.to_string()));
        changes
    };
    let id = v7();
    assert_eq!(
        refused(check_op(&op(RecordKind::Model, id, named(id)), None)),
        "ok"
    );
    for bad in [Uuid::nil(), Uuid::max(), Uuid::from_u128(100)] {
        assert_eq!(
            refused(check_op(&op(RecordKind::Model, bad, named(bad)), None)),
            "bad_id",
            "{bad}"
        );
    }
    let report = crate::report::ResultsReport::id_for(crate::ids::ModelId::from_uuid(id));
    let report = report.as_uuid();
    assert_eq!(
        refused(check_op(
            &op(RecordKind::Report, report, named(report)),
            None
        )),
        "ok"
    );
    assert_eq!(
        refused(check_op(
            &op(RecordKind::Model, report, named(report)),
            None
        )),
        "bad_id"
    );
    // An evaluation made offline gets the id derived from its model's too.
    let evaluation = crate::evaluation::Evaluation::id_for(crate::ids::ModelId::from_uuid(id));
    let evaluation = evaluation.as_uuid();
    assert_eq!(
        refused(check_op(
            &op(RecordKind::Evaluation, evaluation, named(evaluation)),
            None
        )),
        "ok"
    );
    let other = v7();
    assert_eq!(
        refused(check_op(&op(RecordKind::Model, id, named(other)), None)),
        "bad_id",
        "the fields name another record"
    );
}

#[test]
fn a_base_version_newer_than_the_server_and_an_unknown_record_are_refused() {
    let id = v7();
    let mut change = op(RecordKind::Model, id, Fields::new());
    change.changes.insert("name".into(), json!("Tên mới"));
    change.base_version = 5;
    assert_eq!(refused(check_op(&change, Some(5))), "ok");
    assert_eq!(refused(check_op(&change, Some(4))), "bad_version");
    change.base_version = 0;
    assert_eq!(refused(check_op(&change, None)), "unknown_record");
}

#[test]
fn ids_are_read_only_in_canonical_form() {
    let mut request = PushRequest {
        device_id: v7(),
        ops: vec![op(RecordKind::Model, v7(), Fields::new())],
        epoch: None,
    };
    request.ops[0].device_id = request.device_id;
    let text = serde_json::to_string(&request).expect("json");
    assert!(serde_json::from_str::<PushRequest>(&text).is_ok());
    let id = request.ops[0].record_id.to_string();
    for variant in [
        id.to_uppercase(),
        request.ops[0].record_id.simple().to_string(),
        format!("{{{id}}}"),
        format!("urn:uuid:{id}"),
    ] {
        let bad = text.replace(&id, &variant);
        let error = serde_json::from_str::<PushRequest>(&bad).expect_err(&variant);
        assert!(error.to_string().contains("lower-case"), "{error}");
    }
}

#[test]
fn the_fingerprint_is_the_content_not_the_key_order() {
    let mut a = op(RecordKind::Model, v7(), Fields::new());
    a.changes.insert("name".into(), json!("A"));
    a.changes
        .insert("goals".into(), json!({"x": 1, "y": [1, 2]}));
    let text = serde_json::to_string(&a).expect("json");
    let reordered = text.replace(r#""x":1,"y":[1,2]"#, r#""y":[1,2],"x":1"#);
    let b: Op = serde_json::from_str(&reordered).expect("op");
    assert_eq!(fingerprint(&a), fingerprint(&b));
    let mut c = a.clone();
    c.changes.insert("name".into(), json!("B"));
    assert_ne!(fingerprint(&a), fingerprint(&c));
    let mut d = a.clone();
    d.base_version = 1;
    assert_ne!(fingerprint(&a), fingerprint(&d));
}
