//! The OpenAPI description at /api/openapi.json: generated from the code,
//! it lists exactly the endpoints of the route table, each with its
//! request and answer schemas and the error answers.
use std::collections::BTreeSet;

use axum::http::StatusCode;
use serde_json::Value;

use crate::common::demo_api;

#[tokio::test]
async fn the_description_lists_every_endpoint_of_the_route_table() {
    let api = demo_api().await;
    let (status, doc) = api.get("/api/openapi.json", None).await;
    assert_eq!(status, StatusCode::OK);
    assert!(
        doc["openapi"].as_str().is_some_and(|v| v.starts_with("3.")),
        "{}",
        doc["openapi"]
    );
    let mut described = BTreeSet::new();
    for (path, item) in doc["paths"].as_object().expect("paths") {
        for (method, operation) in item.as_object().expect("path item") {
            described.insert((method.to_uppercase(), path.clone()));
            let responses = operation["responses"].as_object().expect("responses");
            assert!(
                responses.keys().any(|s| s.starts_with('2')),
                "{method} {path} has a success answer"
            );
            for status in ["400", "401", "404", "405", "422", "500", "503"] {
                let error = &responses[status]["content"]["application/json"]["schema"];
                assert_eq!(
                    error["$ref"], "#/components/schemas/ApiError",
                    "{method} {path} {status}"
                );
            }
        }
    }
    let table: BTreeSet<(String, String)> = server::routes::endpoints()
        .iter()
        .map(|e| (e.method.to_string(), format!("/api{}", e.path)))
        .collect();
    assert_eq!(
        described, table,
        "the description and the route table agree"
    );

    let schemas = doc["components"]["schemas"].as_object().expect("schemas");
    for name in [
        "PushRequest",
        "Op",
        "PushResponse",
        "OpResult",
        "PullResponse",
        "RecordState",
        "LoginRequest",
        "User",
        "ApiError",
        "CitySummary",
        "CommuneRow",
    ] {
        assert!(schemas.contains_key(name), "{name}");
    }
    let required = |name: &str| -> Vec<Value> {
        schemas[name]["required"]
            .as_array()
            .cloned()
            .unwrap_or_default()
    };
    for field in [
        "op_id",
        "device_id",
        "kind",
        "record_id",
        "base_version",
        "changes",
    ] {
        assert!(required("Op").contains(&Value::from(field)), "Op.{field}");
    }
    let push = &doc["paths"]["/api/sync/push"]["post"];
    assert_eq!(
        push["requestBody"]["content"]["application/json"]["schema"]["$ref"],
        "#/components/schemas/PushRequest"
    );
    assert!(push["security"].is_array(), "push needs the bearer token");
}
