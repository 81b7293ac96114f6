//! The demo commune as a document request, and reading a file's parts.
use std::io::Read;

use chrono::NaiveDate;
use documents::{File, Format, Kind, Request, make};
use shared::demo::DemoData;
use shared::figures::YearRecords;

pub fn date() -> NaiveDate {
    NaiveDate::from_ymd_opt(2025, 12, 1).unwrap()
}

pub fn records(data: &DemoData) -> YearRecords<'_> {
    YearRecords {
        commune: &data.commune,
        campaign: data.campaign(2025).unwrap(),
        units: &data.units,
        models: &data.models,
        progress: &data.progress,
        reports: &data.reports,
        evaluations: &data.evaluations,
    }
}

pub fn request<'a>(data: &'a DemoData, number: Option<&'a str>) -> Request<'a> {
    Request {
        records: records(data),
        date: date(),
        number,
        photos: &documents::NO_PHOTOS,
    }
}

/// Every document of a demo, with a name for it.
pub fn every_document(data: &DemoData) -> Vec<(&'static str, File)> {
    let req = request(data, None);
    let campaign = data.campaign(2025).unwrap().id;
    let model = data
        .models
        .iter()
        .find(|m| {
            m.campaign_id == campaign && m.status.is_registered() && m.continued_from.is_some()
        })
        .or_else(|| data.models.iter().find(|m| m.campaign_id == campaign))
        .unwrap();
    [
        ("mau-04", Kind::Mau04(model.id), Format::Docx),
        ("mau-01", Kind::Mau01, Format::Docx),
        ("mau-01", Kind::Mau01, Format::Xlsx),
        ("phu-luc-02", Kind::PhuLuc02(model.unit_id), Format::Docx),
        ("bao-cao-xa", Kind::Report, Format::Docx),
        ("cong-nhan", Kind::Recognition, Format::Docx),
        ("cong-nhan", Kind::Recognition, Format::Xlsx),
    ]
    .into_iter()
    .map(|(name, kind, format)| (name, make(&req, kind, format).unwrap()))
    .collect()
}

/// One part of a zip package as text.
pub fn part(bytes: &[u8], name: &str) -> String {
    let mut archive = zip::ZipArchive::new(std::io::Cursor::new(bytes)).unwrap();
    let mut entry = archive.by_name(name).unwrap();
    let mut text = String::new();
    entry.read_to_string(&mut text).unwrap();
    text
}

/// The text content of an XML part, tags dropped (runs joined).
pub fn xml_text(xml: &str) -> String {
    let mut out = String::new();
    let mut inside = false;
    for c in xml.chars() {
        match c {
            '<' => inside = true,
            '>' => inside = false,
            c if !inside => out.push(c),
            _ => {}
        }
    }
    out.replace("&amp;", "&").replace("&quot;", "\"")
}
