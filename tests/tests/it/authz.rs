//! The authorisation matrix: every endpoint of `server::routes::endpoints()`
//! called as every role, on a record of the caller's own unit / commune and
//! on one of another commune. An endpoint missing from `expect` fails the test.
use axum::http::Method;
use serde_json::{Value, json};
use server::routes::{Access, endpoints};
use server::store::records::Scope;
use shared::sync::{RecordKind, RecordState, to_fields};
use uuid::Uuid;

use crate::common::{Api, demo_api};

#[derive(Debug, Clone, Copy, PartialEq, Eq)]
enum Caller {
    Anonymous,
    Officer,
    OtherUnitOfficer,
    Reviewer,
    Leader,
    Admin,
    CityViewer,
}

const CALLERS: [Caller; 7] = [
    Caller::Anonymous,
    Caller::Officer,
    Caller::OtherUnitOfficer,
    Caller::Reviewer,
    Caller::Leader,
    Caller::Admin,
    Caller::CityViewer,
];

impl Caller {
    fn username(self) -> Option<&'static str> {
        match self {
            Caller::Anonymous => None,
            Caller::Officer => Some("canbo.ubnd"),
            Caller::OtherUnitOfficer => Some("canbo.yte"),
            Caller::Reviewer => Some("bxdd.lan"),
            Caller::Leader => Some("thuongtruc.hung"),
            Caller::Admin => Some("quantri"),
            Caller::CityViewer => Some("thanhuy.hp"),
        }
    }
}

#[derive(Debug, Clone, Copy, PartialEq, Eq)]
enum Target {
    /// A model of the officer's unit in the demo commune.
    Own,
    /// A model of another commune, in another city.
    Foreign,
}

/// What a call must give: an HTTP status and, for a push, the op's outcome code.
#[derive(Debug, Clone, PartialEq, Eq)]
enum Expect {
    Status(u16),
    /// `401 unauthorized`.
    SignIn,
    /// Push answered 200; the op's result.
    Op(&'static str),
    /// Pull answered 200; whether the target record is in it.
    Sees(bool),
}

fn expect(method: &Method, path: &str, caller: Caller, target: Target) -> Expect {
    use Caller::*;
    use Expect::*;
    use Target::*;
    let signed_in = caller != Anonymous;
    match (method.as_str(), path) {
        ("GET", "/health" | "/openapi.json") => Status(200),
        // Anyone's browser may report a blocked script.
        ("POST", "/csp-report") => Status(204),
        // Public: reachable by all; the wrong password is refused the same way.
        ("POST", "/auth/login") => Status(401),
        ("POST", "/auth/logout") if signed_in => Status(204),
        ("GET", "/auth/me") if signed_in => Status(200),
        // Reachable when signed in; the wrong current password is refused.
        ("POST", "/auth/password") if signed_in => Status(401),
        ("POST", "/sync/push") if signed_in => Op(match (caller, target) {
            (Leader | CityViewer, _) => "read_only",
            (Officer, Own) => "applied",
            (Reviewer | Admin, Own) => "cannot_edit",
            _ => "forbidden",
        }),
        // A city viewer's pull carries the set-up only, never a model.
        ("GET", "/sync/pull") if signed_in => Sees(matches!(
            (caller, target),
            (Officer | Reviewer | Leader | Admin, Own)
        )),
        ("GET", "/records/{id}" | "/records/{id}/history") if signed_in => match (caller, target) {
            (Officer | Reviewer | Leader | Admin | CityViewer, Own) => Status(200),
            _ => Status(404),
        },
        // Account management: the commune's admin only, own commune only.
        ("GET", "/admin/users" | "/admin/audit") if signed_in => match caller {
            Admin => Status(200),
            _ => Status(403),
        },
        ("POST", "/admin/users") if signed_in => match caller {
            Admin => Status(201),
            _ => Status(403),
        },
        ("PUT", "/admin/users/{id}") | ("POST", "/admin/users/{id}/password") if signed_in => {
            match (caller, target) {
                (Admin, Own) if method == Method::PUT => Status(200),
                (Admin, Own) => Status(204),
                (Admin, Foreign) => Status(404),
                _ => Status(403),
            }
        }
        // Documents are scoped like pulls: an officer has their unit's
        // mẫu 04 and phụ lục 02; the commune's documents are the reviewer's,
        // leader's and admin's (and the city viewer's); others read as missing.
        ("GET", "/documents/mau-04/{id}" | "/documents/phu-luc-02/{id}") if signed_in => {
            match (caller, target) {
                (Officer | Reviewer | Leader | Admin | CityViewer, Own) => Status(200),
                _ => Status(404),
            }
        }
        ("GET", "/documents/mau-01" | "/documents/bao-cao-xa" | "/documents/cong-nhan")
            if signed_in =>
        {
            match (caller, target) {
                (Reviewer | Leader | Admin | CityViewer, Own) => Status(200),
                (Officer | OtherUnitOfficer, Own) => Status(403),
                _ => Status(404),
            }
        }
        (
            _,
            "/documents/mau-04/{id}"
            | "/documents/mau-01"
            | "/documents/phu-luc-02/{id}"
            | "/documents/bao-cao-xa"
            | "/documents/cong-nhan",
        ) => SignIn,
        // The city summary is the city viewer's (of their own city).
        ("GET", "/city/summary") if signed_in => match caller {
            CityViewer => Status(200),
            _ => Status(403),
        },
        // Photos: none of the table's is referred to by a record, so none is
        // anyone's to fetch; those who write records may upload.
        ("GET", "/photos/{hash}") if signed_in => Status(404),
        ("PUT", "/photos/{hash}") | ("GET", "/photos/{hash}/upload") if signed_in => match caller {
            Leader | CityViewer => Status(403),
            _ => Status(200),
        },
        (_, "/photos/{hash}" | "/photos/{hash}/upload") => SignIn,
        // A commune's dashboard: the city viewer's, of their own city.
        ("GET", "/city/communes/{id}/dashboard") if signed_in => match (caller, target) {
            (CityViewer, Own) => Status(200),
            (CityViewer, Foreign) => Status(404),
            _ => Status(403),
        },
        ("GET" | "DELETE", "/admin/users/{id}/sessions") if signed_in => match (caller, target) {
            (Admin, Own) if method == Method::GET => Status(200),
            (Admin, Own) => Status(204),
            (Admin, Foreign) => Status(404),
            _ => Status(403),
        },
        (_, "/auth/logout" | "/auth/me" | "/auth/password" | "/sync/push" | "/sync/pull")
        | (
            _,
            "/records/{id}"
            | "/records/{id}/history"
            | "/city/summary"
            | "/city/communes/{id}/dashboard",
        )
        | (
            _,
            "/admin/users"
            | "/admin/audit"
            | "/admin/users/{id}"
            | "/admin/users/{id}/password"
            | "/admin/users/{id}/sessions",
        ) => SignIn,
        _ => panic!("{method} {path} is not in the authorisation matrix: add it to `expect`"),
    }
}

/// The account of the other commune (made by `foreign_model`).
fn foreign_user_id() -> shared::ids::UserId {
    shared::ids::UserId::from_uuid(Uuid::from_u128(0xF0_2E16))
}

/// The account an admin call is about: the officer of the demo commune, or one of the other commune.
fn target_user(target: Target) -> Uuid {
    match target {
        Target::Own => officer().id.as_uuid(),
        Target::Foreign => foreign_user_id().as_uuid(),
    }
}

fn officer() -> shared::user::User {
    shared::demo::thanh_mien()
        .users
        .into_iter()
        .find(|u| u.username == "canbo.ubnd")
        .expect("officer")
}

/// Adds a commune of another city with one model and one account; returns that model.
async fn foreign_model(api: &Api) -> shared::model::Model {
    let data = shared::demo::thanh_mien();
    let mut commune = data.commune.clone();
    commune.id = shared::ids::CommuneId::new();
    commune.name = "Đảng bộ xã Khác".into();
    commune.city = "Thành phố Khác".into();
    let unit = shared::ids::UnitId::new();
    // Its own campaign year and unit, so a document of it exists to be refused.
    let mut campaign = data.campaigns[1].clone();
    campaign.id = shared::ids::CampaignId::from_uuid(Uuid::from_u128(0xF0_CA));
    campaign.commune_id = commune.id;
    let mut unit_record = data.units[1].clone();
    unit_record.id = unit;
    unit_record.commune_id = commune.id;
    let mut model =
        shared::model::Model::new_draft(shared::ids::ModelId::new(), commune.id, unit, campaign.id);
    model.name = "Mô hình của xã khác".into();
    let c = commune.id.as_uuid();
    api.store()
        .put_user(&server::store::users::StoredUser {
            user: shared::user::User {
                id: foreign_user_id(),
                commune_id: Some(commune.id),
                city: None,
                unit_id: Some(unit),
                username: "canbo.xakhac".into(),
                full_name: "Cán bộ xã khác".into(),
                role: shared::user::Role::UnitOfficer,
                disabled: false,
            },
            password_hash: server::auth::password::hash("mat-khau-xa-khac").expect("hash"),
        })
        .await
        .expect("foreign user");
    api.store()
        .write_system(vec![
            (
                RecordState::new(RecordKind::Commune, c, to_fields(&commune).expect("fields")),
                Scope {
                    commune: c,
                    unit: None,
                },
            ),
            (
                RecordState::new(
                    RecordKind::Campaign,
                    campaign.id.as_uuid(),
                    to_fields(&campaign).expect("fields"),
                ),
                Scope {
                    commune: c,
                    unit: None,
                },
            ),
            (
                RecordState::new(
                    RecordKind::Unit,
                    unit.as_uuid(),
                    to_fields(&unit_record).expect("fields"),
                ),
                Scope {
                    commune: c,
                    unit: None,
                },
            ),
            (
                RecordState::new(
                    RecordKind::Model,
                    model.id.as_uuid(),
                    to_fields(&model).expect("fields"),
                ),
                Scope {
                    commune: c,
                    unit: Some(unit.as_uuid()),
                },
            ),
        ])
        .await
        .expect("foreign commune");
    model
}

/// Adds a draft of the officer's unit in the demo commune; returns it.
async fn own_model(api: &Api) -> shared::model::Model {
    let data = shared::demo::thanh_mien();
    let officer = data
        .users
        .iter()
        .find(|u| u.username == "canbo.ubnd")
        .expect("officer");
    let unit = officer.unit_id.expect("unit");
    let mut model = shared::model::Model::new_draft(
        shared::ids::ModelId::new(),
        data.commune.id,
        unit,
        data.campaigns[1].id,
    );
    model.name = "Bản nháp của đơn vị".into();
    api.store()
        .write_system(vec![(
            RecordState::new(
                RecordKind::Model,
                model.id.as_uuid(),
                to_fields(&model).expect("fields"),
            ),
            Scope {
                commune: data.commune.id.as_uuid(),
                unit: Some(unit.as_uuid()),
            },
        )])
        .await
        .expect("own draft");
    model
}

async fn call(
    api: &Api,
    method: &Method,
    path: &str,
    token: Option<&str>,
    model: &shared::model::Model,
) -> (u16, Value) {
    let id = model.id.as_uuid();
    let target = if model.name == "Mô hình của xã khác" {
        Target::Foreign
    } else {
        Target::Own
    };
    let path_id = if path.starts_with("/admin/") {
        target_user(target)
    } else if path.starts_with("/documents/phu-luc-02/") {
        model.unit_id.as_uuid()
    } else if path.starts_with("/city/communes/") {
        model.commune_id.as_uuid()
    } else {
        id
    };
    // A photo of a few bytes that start like a JPEG.
    let photo = [0xFF_u8, 0xD8, 0xFF, 0xE0, 1, 2, 3];
    let hash: String = {
        use sha2::Digest;
        format!("{:x}", sha2::Sha256::digest(photo))
    };
    let mut uri = format!(
        "/api{}",
        path.replace("{id}", &path_id.to_string())
            .replace("{hash}", &hash)
    );
    if path.starts_with("/documents/") && !path.ends_with("{id}") {
        uri.push_str(&format!("?campaign={}", model.campaign_id));
    }
    let (status, body) = match (method.as_str(), path) {
        ("POST", "/admin/users") => {
            let name = format!("moi.{}", Uuid::now_v7().simple());
            api.post(
                &uri,
                token,
                json!({ "username": name, "full_name": "Người mới", "role": "leader", "password": "mat-khau-du-dai" }),
            )
            .await
        }
        ("PUT", "/admin/users/{id}") => {
            let body = json!({
                "full_name": "Cán bộ đổi tên", "role": "unit_officer",
                "unit_id": officer().unit_id, "disabled": false,
            });
            api.put(&uri, token, body).await
        }
        ("POST", "/admin/users/{id}/password") => {
            api.post(&uri, token, json!({ "new": "dat-lai-mat-khau-12" }))
                .await
        }
        ("POST", "/auth/login") => {
            // A fresh unknown name each time, so the per-account limit is not reached.
            let name = format!("khong-ai-{}", Uuid::now_v7().simple());
            api.post(&uri, None, json!({ "username": name, "password": "sai" }))
                .await
        }
        ("POST", "/auth/password") => {
            api.post(
                &uri,
                token,
                json!({ "current": "sai-mat-khau", "new": "doi-sang-mat-khau-khac" }),
            )
            .await
        }
        ("POST", "/sync/push") => {
            let device = Uuid::now_v7();
            let base = api
                .store()
                .record(id)
                .await
                .expect("read")
                .map_or(0, |r| r.state.version);
            // A value of its own per call: a no-op would prove nothing.
            let changes = json!({ "goals": format!("sửa thử {}", Uuid::now_v7()) });
            let op = json!({
                "op_id": Uuid::now_v7(), "device_id": device, "kind": "model",
                "record_id": id, "base_version": base, "clock": 1, "changes": changes,
            });
            api.post(&uri, token, json!({ "device_id": device, "ops": [op] }))
                .await
        }
        ("POST", _) => api.post(&uri, token, json!({})).await,
        ("PUT", "/photos/{hash}") => {
            let mut request = axum::http::Request::builder()
                .method("PUT")
                .uri(format!("{uri}?offset=0&total={}", photo.len()))
                .header("content-type", "image/jpeg");
            if let Some(token) = token {
                request = request.header("authorization", format!("Bearer {token}"));
            }
            let request = request
                .body(axum::body::Body::from(photo.to_vec()))
                .expect("request");
            let (status, _, body) = api.raw(request).await;
            (status, serde_json::from_slice(&body).unwrap_or(Value::Null))
        }
        // A document is a file, not JSON; its errors are JSON.
        ("GET", p) if p.starts_with("/documents/") => {
            let (status, _, bytes) = api.get_bytes(&uri, token).await;
            let body = serde_json::from_slice(&bytes).unwrap_or(Value::Null);
            (status, body)
        }
        ("DELETE", _) => api.delete(&uri, token).await,
        _ => api.get(&uri, token).await,
    };
    (status.as_u16(), body)
}

async fn pull_sees(api: &Api, token: Option<&str>, id: Uuid) -> (u16, bool) {
    let (mut cursor, mut seen) = (0, false);
    loop {
        let (status, page) = api
            .get(&format!("/api/sync/pull?since={cursor}"), token)
            .await;
        if status.as_u16() != 200 {
            return (status.as_u16(), false);
        }
        seen |= page["records"]
            .as_array()
            .is_some_and(|r| r.iter().any(|x| x["id"] == json!(id)));
        cursor = page["cursor"].as_u64().expect("cursor");
        if !page["more"].as_bool().expect("more") {
            return (200, seen);
        }
    }
}

#[tokio::test]
async fn every_endpoint_as_every_role_on_own_and_foreign_records() {
    let table = endpoints();
    assert!(
        table.len() >= 9,
        "the endpoint table is the router's source"
    );
    for endpoint in &table {
        for target in [Target::Own, Target::Foreign] {
            // A fresh server per endpoint and target: no call below changes
            // what a later caller is expected to get.
            let api = demo_api().await;
            let model = match target {
                Target::Own => own_model(&api).await,
                Target::Foreign => foreign_model(&api).await,
            };
            for caller in CALLERS {
                let token = match caller.username() {
                    Some(name) => Some(api.login(name).await),
                    None => None,
                };
                let want = expect(&endpoint.method, endpoint.path, caller, target);
                let what = format!(
                    "{} {} as {caller:?} on {target:?}",
                    endpoint.method, endpoint.path
                );
                if endpoint.access == Access::SignedIn && caller == Caller::Anonymous {
                    assert_eq!(
                        want,
                        Expect::SignIn,
                        "{what}: a signed-in endpoint must refuse anonymous callers"
                    );
                }
                match want {
                    Expect::Sees(visible) => {
                        let (status, seen) =
                            pull_sees(&api, token.as_deref(), model.id.as_uuid()).await;
                        assert_eq!((status, seen), (200, visible), "{what}");
                    }
                    Expect::Op(code) => {
                        let (status, body) = call(
                            &api,
                            &endpoint.method,
                            endpoint.path,
                            token.as_deref(),
                            &model,
                        )
                        .await;
                        assert_eq!(status, 200, "{what}: {body}");
                        let result = &body["results"][0];
                        let got = result["code"].as_str().or(result["outcome"].as_str());
                        assert_eq!(got, Some(code), "{what}: {body}");
                    }
                    Expect::SignIn => {
                        let (status, body) = call(
                            &api,
                            &endpoint.method,
                            endpoint.path,
                            token.as_deref(),
                            &model,
                        )
                        .await;
                        assert_eq!(
                            (status, body["code"].as_str()),
                            (401, Some("unauthorized")),
                            "{what}"
                        );
                    }
                    Expect::Status(code) => {
                        let (status, body) = call(
                            &api,
                            &endpoint.method,
                            endpoint.path,
                            token.as_deref(),
                            &model,
                        )
                        .await;
                        assert_eq!(status, code, "{what}: {body}");
                    }
                }
            }
        }
    }
}
