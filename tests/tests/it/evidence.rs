//! Photos in phụ lục 02: a unit's results with photos uploaded over the
//! API come back as a .docx holding the images (counted in the package)
//! that LibreOffice renders with the pictures on the appendix pages; a
//! photo not yet uploaded has its "ảnh đang chờ tải lên" line until it
//! arrives. Page pictures: `artifacts/documents/phu-luc-02-minh-chung-*.png`.
use std::io::Read;
use std::path::Path;
use std::process::Command;

use axum::http::StatusCode;
use serde::Serialize;
use server::store::records::Scope;
use shared::demo::DemoData;
use shared::ids::{CampaignId, UnitId};
use shared::model::Model;
use shared::photo::{MediaType, PhotoRef};
use shared::progress::ProgressEntry;
use shared::report::ResultsReport;
use shared::sync::{RecordKind, RecordState, to_fields};

use crate::common::{Api, artifacts, demo_api};
use crate::photos::{fake_jpeg, sha, upload};

const ROAD: &[u8] = include_bytes!("../../fixtures/duong-be-tong.jpg");
const HALL: &[u8] = include_bytes!("../../fixtures/nha-van-hoa.jpg");

fn reference(bytes: &[u8], (width, height): (u32, u32), caption: &str) -> PhotoRef {
    PhotoRef {
        sha256: sha(bytes),
        media_type: MediaType::Jpeg,
        bytes: bytes.len() as u64,
        width,
        height,
        caption: caption.into(),
    }
}

fn run(program: &str, args: &[&str]) -> String {
    let out = Command::new(program).args(args).output().unwrap_or_else(|e| {
        panic!("{program} did not start ({e}): run `cargo xtask install` (LibreOffice, poppler-utils)")
    });
    assert!(
        out.status.success(),
        "{program} {args:?}: {}",
        String::from_utf8_lossy(&out.stderr)
    );
    String::from_utf8_lossy(&out.stdout).into_owned()
}

/// The package's `word/media/` parts and its document text.
fn package(bytes: &[u8]) -> (Vec<String>, String) {
    let mut archive = zip::ZipArchive::new(std::io::Cursor::new(bytes)).expect("a zip package");
    let media = archive
        .file_names()
        .map(|n| n.expect("entry name").into_owned())
        .filter(|n| n.starts_with("word/media/") && !n.ends_with('/'))
        .collect();
    let mut xml = String::new();
    archive
        .by_name("word/document.xml")
        .expect("document part")
        .read_to_string(&mut xml)
        .expect("utf-8");
    (media, xml)
}

/// The .docx as LibreOffice renders it: the images it drew (pdfimages'
/// list, one line each) and the text, per page; page pictures kept.
fn render(bytes: &[u8], dir: &Path, name: &str) -> (usize, String) {
    let docx = dir.join(format!("{name}.docx"));
    std::fs::write(&docx, bytes).expect("write docx");
    let profile = dir.join("lo-profile");
    run(
        "soffice",
        &[
            "--headless",
            "--norestore",
            &format!("-env:UserInstallation=file://{}", profile.display()),
            "--convert-to",
            "pdf",
            "--outdir",
            &dir.display().to_string(),
            &docx.display().to_string(),
        ],
    );
    let pdf = docx.with_extension("pdf");
    let pdf = pdf.to_str().expect("path");
    let images = run("pdfimages", &["-list", pdf]).lines().skip(2).count();
    let text = run("pdftotext", &["-layout", pdf, "-"]);
    let out = artifacts().join("documents");
    std::fs::create_dir_all(&out).expect("artifacts/documents");
    run(
        "pdftoppm",
        &[
            "-r",
            "50",
            "-png",
            pdf,
            &out.join(name).display().to_string(),
        ],
    );
    (images, text)
}

/// Files `value` as a `kind` record under `scope`, at once.
async fn write(api: &Api, kind: RecordKind, id: uuid::Uuid, value: &impl Serialize, scope: Scope) {
    api.store()
        .write_system(vec![(
            RecordState::new(kind, id, to_fields(value).expect("fields")),
            scope,
        )])
        .await
        .expect("write");
}

/// The demo's 2025 campaign and the unit of its officer `canbo.ubnd`.
fn officer_unit(data: &DemoData) -> (CampaignId, UnitId) {
    let unit = data
        .users
        .iter()
        .find(|u| u.username == "canbo.ubnd")
        .and_then(|u| u.unit_id)
        .expect("officer's unit");
    (data.campaigns[1].id, unit)
}

/// A model of `unit` registered in `campaign`.
fn registered_model(data: &DemoData, unit: UnitId, campaign: CampaignId) -> &Model {
    data.models
        .iter()
        .find(|m| m.unit_id == unit && m.status.is_registered() && m.campaign_id == campaign)
        .expect("a registered model of 2025")
}

/// Phụ lục 02 of `unit` as `token` gets it: the package's bytes, its
/// media parts and its document text.
async fn phu_luc_02(
    api: &Api,
    unit: UnitId,
    campaign: CampaignId,
    token: &str,
) -> (Vec<u8>, Vec<String>, String) {
    let uri = format!("/api/documents/phu-luc-02/{unit}?campaign={campaign}");
    let (status, _, bytes) = api.get_bytes(&uri, Some(token)).await;
    assert_eq!(status, StatusCode::OK);
    let (media, xml) = package(&bytes);
    (bytes, media, xml)
}

#[tokio::test]
async fn phu_luc_02_holds_the_uploaded_photos_and_lists_the_pending_one() {
    let api = demo_api().await;
    let data = shared::demo::thanh_mien();
    let (campaign, unit) = officer_unit(&data);
    let model = registered_model(&data, unit, campaign);
    let scope = Scope {
        commune: model.commune_id.as_uuid(),
        unit: Some(unit.as_uuid()),
    };
    let officer = api.login("canbo.ubnd").await;

    // Not a picture LibreOffice can draw, and never uploaded: pending.
    let later = fake_jpeg(40_000, 7);
    let entry = ProgressEntry {
        id: shared::ids::ProgressId::new(),
        commune_id: model.commune_id,
        unit_id: unit,
        model_id: model.id,
        date: crate::common::demo_day(),
        activity: "Đổ bê tông đường thôn".into(),
        participants: Some(40),
        resources: String::new(),
        values: Vec::new(),
        photos: vec![
            reference(ROAD, (1600, 1200), "Đường bê tông sau khi làm"),
            reference(&later, (1600, 1200), "Lễ khánh thành"),
        ],
        note: String::new(),
    };
    write(
        &api,
        RecordKind::Progress,
        entry.id.as_uuid(),
        &entry,
        scope,
    )
    .await;
    let mut report = data
        .reports
        .iter()
        .find(|r| r.model_id == model.id)
        .cloned()
        .unwrap_or_else(|| ResultsReport::new_for(ResultsReport::id_for(model.id), model));
    report.photos = vec![reference(HALL, (1200, 1600), "Nhà văn hóa được sửa")];
    write(
        &api,
        RecordKind::Report,
        report.id.as_uuid(),
        &report,
        scope,
    )
    .await;
    for bytes in [ROAD, HALL] {
        let (status, body) = upload(&api, &officer, bytes).await;
        assert_eq!(status, StatusCode::OK, "{body}");
    }

    let (bytes, media, xml) = phu_luc_02(&api, unit, campaign, &officer).await;
    assert_eq!(media.len(), 2, "the road and the hall: {media:?}");
    assert!(media.iter().all(|m| m.ends_with(".jpeg")), "{media:?}");
    assert!(xml.contains("HÌNH ẢNH MINH CHỨNG"));
    assert!(xml.contains("Hình 2. Lễ khánh thành (ảnh đang chờ tải lên)"));

    let dir = tempfile::tempdir().expect("temp dir");
    let (images, text) = render(&bytes, dir.path(), "phu-luc-02-minh-chung");
    assert_eq!(images, 2, "LibreOffice drew both photos");
    let text = text.split_whitespace().collect::<Vec<_>>().join(" ");
    for line in [
        "HÌNH ẢNH MINH CHỨNG",
        "Hình 1. Đường bê tông sau khi làm",
        "Hình 2. Lễ khánh thành (ảnh đang chờ tải lên)",
        "Báo cáo kết quả",
        "Hình 3. Nhà văn hóa được sửa",
    ] {
        assert!(text.contains(line), "{line:?} not in the rendered text");
    }

    // The last photo arrives: it is drawn, its pending line gone.
    let (status, body) = upload(&api, &officer, &later).await;
    assert_eq!(status, StatusCode::OK, "{body}");
    let (_, media, xml) = phu_luc_02(&api, unit, campaign, &officer).await;
    assert_eq!(media.len(), 3);
    assert!(!xml.contains("ảnh đang chờ tải lên"));
}

/// A sub-unit's model shows in its parent unit's phụ lục 02, but its photo
/// only for those who may fetch it: the commune's reviewer gets it, the
/// parent unit's officer (who does not see the sub-unit's records) does
/// not, not even as a pending line.
#[tokio::test]
async fn a_photo_the_caller_may_not_fetch_is_left_out() {
    let api = demo_api().await;
    let data = shared::demo::thanh_mien();
    let (campaign, unit) = officer_unit(&data);
    let mut sub = data
        .units
        .iter()
        .find(|u| u.id == unit)
        .expect("unit")
        .clone();
    sub.id = shared::ids::UnitId::new();
    sub.parent = Some(unit);
    sub.name = "Chi bộ thôn Mới".into();
    sub.has_target = false;
    let commune = sub.commune_id.as_uuid();
    let commune_wide = Scope {
        commune,
        unit: None,
    };
    let in_sub = Scope {
        commune,
        unit: Some(sub.id.as_uuid()),
    };
    write(&api, RecordKind::Unit, sub.id.as_uuid(), &sub, commune_wide).await;
    let mut model = registered_model(&data, unit, campaign).clone();
    model.id = shared::ids::ModelId::new();
    model.unit_id = sub.id;
    model.name = "Mô hình của chi bộ thôn Mới".into();
    model.continued_from = None;
    write(&api, RecordKind::Model, model.id.as_uuid(), &model, in_sub).await;
    let entry = ProgressEntry {
        id: shared::ids::ProgressId::new(),
        commune_id: model.commune_id,
        unit_id: sub.id,
        model_id: model.id,
        date: crate::common::demo_day(),
        activity: "Sửa nhà văn hóa thôn".into(),
        participants: None,
        resources: String::new(),
        values: Vec::new(),
        photos: vec![reference(HALL, (1200, 1600), "Nhà văn hóa thôn Mới")],
        note: String::new(),
    };
    write(
        &api,
        RecordKind::Progress,
        entry.id.as_uuid(),
        &entry,
        in_sub,
    )
    .await;
    let reviewer = api.login("bxdd.lan").await;
    let (status, body) = upload(&api, &reviewer, HALL).await;
    assert_eq!(status, StatusCode::OK, "{body}");

    let (_, media, xml) = phu_luc_02(&api, unit, campaign, &reviewer).await;
    assert_eq!(media.len(), 1, "the reviewer's copy holds the photo");
    assert!(xml.contains("Hình 1. Nhà văn hóa thôn Mới"));

    let officer = api.login("canbo.ubnd").await;
    let (_, media, xml) = phu_luc_02(&api, unit, campaign, &officer).await;
    assert!(
        xml.contains("Mô hình của chi bộ thôn Mới"),
        "the model is in the table"
    );
    assert!(media.is_empty(), "{media:?}");
    assert!(!xml.contains("Nhà văn hóa thôn Mới"));
    assert!(!xml.contains("MINH CHỨNG"), "nothing to show: no appendix");
}
