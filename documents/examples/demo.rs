//! Writes every document of the demo commune into a folder, to open or
//! render: `cargo run -p documents --example demo -- OUT_DIR`.
use std::path::PathBuf;

use chrono::NaiveDate;
use documents::{Format, Kind, Request, make};
use shared::figures::YearRecords;

fn main() -> Result<(), Box<dyn std::error::Error>> {
    let out = PathBuf::from(
        std::env::args()
            .nth(1)
            .unwrap_or_else(|| "demo-documents".into()),
    );
    std::fs::create_dir_all(&out)?;
    let data = shared::demo::thanh_mien_with_villages();
    let campaign = data.campaign(2025).ok_or("no 2025 campaign")?;
    let records = YearRecords {
        commune: &data.commune,
        campaign,
        units: &data.units,
        models: &data.models,
        progress: &data.progress,
        reports: &data.reports,
        evaluations: &data.evaluations,
    };
    let date = NaiveDate::from_ymd_opt(2025, 12, 1).ok_or("date")?;
    let req = Request {
        records,
        date,
        number: None,
        photos: &documents::NO_PHOTOS,
    };
    let model = data
        .models
        .iter()
        .find(|m| m.campaign_id == campaign.id && m.status.is_registered())
        .ok_or("model")?;
    let kinds = [
        (Kind::Mau04(model.id), Format::Docx),
        (Kind::Mau01, Format::Docx),
        (Kind::Mau01, Format::Xlsx),
        (Kind::PhuLuc02(model.unit_id), Format::Docx),
        (Kind::Report, Format::Docx),
        (Kind::Recognition, Format::Docx),
        (Kind::Recognition, Format::Xlsx),
    ];
    for (kind, format) in kinds {
        let file = make(&req, kind, format)?;
        let path = out.join(file.ascii_name());
        std::fs::write(&path, &file.bytes)?;
        println!("{} ({} bytes)", path.display(), file.bytes.len());
    }
    Ok(())
}
