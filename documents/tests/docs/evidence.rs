//! Phụ lục 02's evidence appendix in the file: the photos the server
//! holds embedded as they are (JPEG parts named .jpeg, not re-encoded),
//! one still to upload listed with its line, one the requester may not
//! fetch left out, each drawn as wide as the text.
use std::io::Read;

use documents::{Format, Kind, Photos, Request, make};
use shared::photo::{MediaType, PhotoRef};

use crate::common::{date, part, records, xml_text};

pub const ROAD: &[u8] = include_bytes!("../../../tests/fixtures/duong-be-tong.jpg");
pub const HALL: &[u8] = include_bytes!("../../../tests/fixtures/nha-van-hoa.jpg");

fn reference(seed: char, bytes: &[u8], (width, height): (u32, u32), caption: &str) -> PhotoRef {
    PhotoRef {
        sha256: seed.to_string().repeat(64),
        media_type: MediaType::Jpeg,
        bytes: bytes.len() as u64,
        width,
        height,
        caption: caption.to_owned(),
    }
}

/// The demo with photos on one registered model's first entry and its
/// report: the road (held), the hall (held), one pending, one withheld.
pub fn with_photos() -> (shared::demo::DemoData, Photos, shared::ids::UnitId) {
    let mut data = shared::demo::thanh_mien_with_villages();
    let report = data.reports.first().unwrap().clone();
    let unit = data
        .models
        .iter()
        .find(|m| m.id == report.model_id)
        .unwrap()
        .unit_id;
    let mut entry = data.progress[0].clone();
    entry.id = shared::ids::ProgressId::new();
    entry.model_id = report.model_id;
    entry.unit_id = unit;
    entry.activity = "Làm đường".into();
    entry.photos = vec![
        reference('a', ROAD, (1600, 1200), "Đường bê tông thôn Đông"),
        reference('c', b"", (1600, 1200), "Lễ khánh thành"),
    ];
    data.progress.push(entry);
    for r in &mut data.reports {
        if r.model_id == report.model_id {
            r.photos = vec![
                reference('b', HALL, (1200, 1600), "Nhà văn hóa sau sửa chữa"),
                reference('d', ROAD, (1600, 1200), "Ảnh riêng của chi bộ khác"),
            ];
        }
    }
    let mut photos = Photos::default();
    photos.files.insert("a".repeat(64), ROAD.to_vec());
    photos.files.insert("b".repeat(64), HALL.to_vec());
    photos.files.insert("d".repeat(64), ROAD.to_vec());
    photos.withheld.insert("d".repeat(64));
    (data, photos, unit)
}

pub fn phu_luc_02(
    data: &shared::demo::DemoData,
    photos: &Photos,
    unit: shared::ids::UnitId,
) -> Vec<u8> {
    let req = Request {
        records: records(data),
        date: date(),
        number: None,
        photos,
    };
    make(&req, Kind::PhuLuc02(unit), Format::Docx)
        .unwrap()
        .bytes
}

fn media(bytes: &[u8]) -> Vec<(String, Vec<u8>)> {
    let mut archive = zip::ZipArchive::new(std::io::Cursor::new(bytes)).unwrap();
    let names: Vec<String> = archive
        .file_names()
        .map(|n| n.unwrap().into_owned())
        .collect();
    names
        .into_iter()
        .filter(|n| n.starts_with("word/media/") && !n.ends_with('/'))
        .map(|n| {
            let mut data = Vec::new();
            archive.by_name(&n).unwrap().read_to_end(&mut data).unwrap();
            (n, data)
        })
        .collect()
}

#[test]
fn held_photos_are_embedded_as_jpeg_and_the_pending_one_has_its_line() {
    let (data, photos, unit) = with_photos();
    let bytes = phu_luc_02(&data, &photos, unit);
    let media = media(&bytes);
    assert_eq!(media.len(), 2, "road and hall, once each: {media:?}");
    for (name, data) in &media {
        assert!(name.ends_with(".jpeg"), "{name}");
        assert!(
            data.as_slice() == ROAD || data.as_slice() == HALL,
            "{name} kept as sent"
        );
    }
    let rels = part(&bytes, "word/_rels/document.xml.rels");
    for (name, _) in &media {
        let target = name.trim_start_matches("word/");
        assert!(rels.contains(&format!("Target=\"{target}\"")), "{rels}");
    }
    assert!(!rels.contains(".png\""), "{rels}");
    let types = part(&bytes, "[Content_Types].xml");
    assert!(
        types.contains(r#"ContentType="image/jpeg" Extension="jpeg""#),
        "{types}"
    );

    let xml = part(&bytes, "word/document.xml");
    let text = xml_text(&xml);
    let at = |s: &str| text.find(s).unwrap_or_else(|| panic!("{s:?} missing"));
    assert!(at("HÌNH ẢNH MINH CHỨNG") > at("BIỂU TỔNG HỢP KẾT QUẢ"));
    assert!(at("Hoạt động ngày") < at("Báo cáo kết quả"));
    assert!(
        at("Hình 1. Đường bê tông thôn Đông") < at("Hình 2. Lễ khánh thành (ảnh đang chờ tải lên)")
    );
    assert!(at("Hình 3. Nhà văn hóa sau sửa chữa") > at("Hình 2."));
    assert!(
        !text.contains("Ảnh riêng của chi bộ khác"),
        "a withheld photo is left out"
    );
    // As wide as the portrait text (165 mm = 9354 twips × 635 EMU); the
    // portrait photo as tall as 60 % of the text height allows.
    assert!(
        xml.contains(r#"<wp:extent cx="5939790" cy="4454525" />"#),
        "road at full width"
    );
    assert_eq!(xml.matches("<wp:extent ").count(), 2);
}

#[test]
fn without_photos_there_is_no_appendix() {
    let data = shared::demo::thanh_mien_with_villages();
    let unit = data.reports[0].unit_id;
    let bytes = phu_luc_02(&data, &documents::NO_PHOTOS, unit);
    assert!(media(&bytes).is_empty());
    assert!(!xml_text(&part(&bytes, "word/document.xml")).contains("MINH CHỨNG"));
}
