//! The document endpoints: the file, its type and names, the typed number,
//! the parameters' errors in the API's JSON shape. Who may have which
//! document is the authorisation matrix's (authz.rs); how the files look
//! is checked by rendering them (documents crate, tests/docs/render.rs).
use std::io::Read;

use serde_json::Value;

use crate::common::demo_api;

const DOCX: &str = "application/vnd.openxmlformats-officedocument.wordprocessingml.document";
const XLSX: &str = "application/vnd.openxmlformats-officedocument.spreadsheetml.sheet";

fn document_text(bytes: &[u8]) -> String {
    let mut archive = zip::ZipArchive::new(std::io::Cursor::new(bytes)).expect("a zip package");
    let mut xml = String::new();
    archive
        .by_name("word/document.xml")
        .expect("document part")
        .read_to_string(&mut xml)
        .expect("utf-8");
    xml
}

fn campaign_2025() -> String {
    shared::demo::thanh_mien().campaigns[1].id.to_string()
}

#[tokio::test]
async fn the_reviewer_downloads_the_list_with_both_file_names() {
    let api = demo_api().await;
    let token = api.login("bxdd.lan").await;
    let (status, headers, bytes) = api
        .get_bytes("/api/documents/mau-01?so=7&date=01/09/2025", Some(&token))
        .await;
    assert_eq!(status, 200);
    assert_eq!(headers["content-type"], DOCX);
    assert_eq!(
        headers["content-disposition"],
        "attachment; filename=\"Mau-01-Danh-sach-mo-hinh-2025.docx\"; \
         filename*=UTF-8''M%E1%BA%ABu-01-Danh-s%C3%A1ch-m%C3%B4-h%C3%ACnh-2025.docx"
    );
    let xml = document_text(&bytes);
    assert!(xml.contains("Số 7-DS/ĐU"));
    assert!(xml.contains("Thanh Miện, ngày 01 tháng 9 năm 2025"));
    assert!(xml.contains("Dân vận khéo trong giải phóng mặt bằng"));

    let (status, headers, bytes) = api
        .get_bytes("/api/documents/mau-01?format=xlsx", Some(&token))
        .await;
    assert_eq!(
        (status.as_u16(), &headers["content-type"]),
        (200, &XLSX.parse().expect("header value"))
    );
    assert!(bytes.starts_with(b"PK\x03\x04"));
}

#[tokio::test]
async fn an_officer_has_their_own_units_registration_and_results() {
    let api = demo_api().await;
    let data = shared::demo::thanh_mien();
    let officer = data
        .users
        .iter()
        .find(|u| u.username == "canbo.ubnd")
        .expect("officer");
    let unit = officer.unit_id.expect("unit");
    let own = data
        .models
        .iter()
        .find(|m| {
            m.unit_id == unit && m.status.is_registered() && m.campaign_id == data.campaigns[1].id
        })
        .expect("a registered model of 2025");
    let other = data
        .models
        .iter()
        // Not one on the commune's list to replicate: every unit reads those.
        .find(|m| m.unit_id != unit && !shared::replication::is_replicable(m))
        .expect("another unit's model");
    let token = api.login("canbo.ubnd").await;

    let (status, headers, bytes) = api
        .get_bytes(&format!("/api/documents/mau-04/{}", own.id), Some(&token))
        .await;
    assert_eq!(status, 200);
    let disposition = headers["content-disposition"].to_str().expect("ascii");
    assert!(
        disposition.contains("filename=\"Mau-04-Dang-ky-mo-hinh-2025.docx\""),
        "{disposition}"
    );
    let xml = document_text(&bytes);
    assert!(xml.contains(&own.name));
    // The number is left for the unit to write: none is invented.
    assert!(xml.contains("Số \u{a0}"));

    let (status, _, bytes) = api
        .get_bytes(
            &format!(
                "/api/documents/phu-luc-02/{unit}?campaign={}",
                campaign_2025()
            ),
            Some(&token),
        )
        .await;
    assert_eq!(status, 200);
    assert!(document_text(&bytes).contains("Phụ lục 02"));

    let (status, _, _) = api
        .get_bytes(&format!("/api/documents/mau-04/{}", other.id), Some(&token))
        .await;
    assert_eq!(status, 404);
}

#[tokio::test]
async fn bad_parameters_answer_in_the_apis_json_shape() {
    let api = demo_api().await;
    let token = api.login("bxdd.lan").await;
    for (uri, code) in [
        (
            "/api/documents/bao-cao-xa?format=xlsx",
            "unsupported_format",
        ),
        ("/api/documents/mau-01?format=pdf", "bad_format"),
        ("/api/documents/mau-01?date=31/02/2025", "bad_date"),
        (
            "/api/documents/mau-01?campaign=khong-phai-ma",
            "bad_request",
        ),
    ] {
        let (status, _, bytes) = api.get_bytes(uri, Some(&token)).await;
        let body: Value = serde_json::from_slice(&bytes).expect("JSON error");
        assert_eq!(
            (status.as_u16(), body["code"].as_str()),
            (400, Some(code)),
            "{uri}"
        );
        assert!(body["message"].as_str().is_some_and(|m| !m.is_empty()));
    }
    let (status, _, _) = api
        .get_bytes("/api/documents/mau-04/khong-phai-ma", Some(&token))
        .await;
    assert_eq!(status, 404);
}

#[tokio::test]
async fn the_city_viewer_names_the_campaign_of_the_commune() {
    let api = demo_api().await;
    let token = api.login("thanhuy.hp").await;
    let (status, _, bytes) = api
        .get_bytes("/api/documents/cong-nhan", Some(&token))
        .await;
    let body: Value = serde_json::from_slice(&bytes).expect("JSON error");
    assert_eq!(
        (status.as_u16(), body["code"].as_str()),
        (400, Some("campaign_required"))
    );
    let (status, headers, _) = api
        .get_bytes(
            &format!(
                "/api/documents/cong-nhan?format=xlsx&campaign={}",
                campaign_2025()
            ),
            Some(&token),
        )
        .await;
    assert_eq!(
        (status.as_u16(), &headers["content-type"]),
        (200, &XLSX.parse().expect("header value"))
    );
}
