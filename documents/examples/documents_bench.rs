//! Time to make the commune report and mẫu 01 for a commune of 3,000
//! models, and the files' sizes: `cargo run --release -p documents --example documents_bench`.
use std::io::Read;
use std::time::Instant;

use chrono::NaiveDate;
use documents::{Format, Kind, Request, make};
use shared::figures::YearRecords;
use shared::ids::{ModelId, ReportId};

const MODELS: usize = 3_000;

/// The village demo's 2025 models copied across its units until there are
/// `MODELS` of them, each copy with its own id, report and evaluation.
fn big_commune() -> shared::demo::DemoData {
    let mut data = shared::demo::thanh_mien_with_villages();
    let campaign = data.campaigns[1].id;
    let base: Vec<_> = data
        .models
        .iter()
        .filter(|m| m.campaign_id == campaign)
        .cloned()
        .collect();
    let units: Vec<_> = data.units.iter().map(|u| u.id).collect();
    let mut i = 0;
    while data
        .models
        .iter()
        .filter(|m| m.campaign_id == campaign)
        .count()
        < MODELS
    {
        let template = &base[i % base.len()];
        let mut m = template.clone();
        m.id = ModelId::new();
        m.unit_id = units[i % units.len()];
        m.name = format!("{} ({})", template.name, i + 1);
        if let Some(r) = data
            .reports
            .iter()
            .find(|r| r.model_id == template.id)
            .cloned()
        {
            data.reports.push(shared::report::ResultsReport {
                id: ReportId::new(),
                model_id: m.id,
                unit_id: m.unit_id,
                ..r
            });
        }
        if let Some(e) = data
            .evaluations
            .iter()
            .find(|e| e.model_id == template.id)
            .cloned()
        {
            data.evaluations.push(shared::evaluation::Evaluation {
                id: shared::ids::EvaluationId::new(),
                model_id: m.id,
                ..e
            });
        }
        data.models.push(m);
        i += 1;
    }
    data
}

/// The package's entries uncompressed, for comparison.
fn unpacked(bytes: &[u8]) -> Result<u64, Box<dyn std::error::Error>> {
    let mut archive = zip::ZipArchive::new(std::io::Cursor::new(bytes))?;
    let mut total = 0;
    for i in 0..archive.len() {
        let mut entry = archive.by_index(i)?;
        let mut sink = Vec::new();
        entry.read_to_end(&mut sink)?;
        total += sink.len() as u64;
    }
    Ok(total)
}

fn main() -> Result<(), Box<dyn std::error::Error>> {
    let data = big_commune();
    let campaign = data.campaign(2025).ok_or("no 2025")?;
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
        number: Some("12"),
        photos: &documents::NO_PHOTOS,
    };
    let started = Instant::now();
    let figures = shared::figures::commune_year(&records, date);
    println!(
        "figures of {} models: {:.0} ms",
        figures.all.total.count(),
        started.elapsed().as_secs_f64() * 1000.0
    );
    for (what, kind, format) in [
        ("commune report (.docx)", Kind::Report, Format::Docx),
        ("mẫu 01 (.docx)", Kind::Mau01, Format::Docx),
        ("mẫu 01 (.xlsx)", Kind::Mau01, Format::Xlsx),
    ] {
        let runs = 3;
        let mut best = f64::MAX;
        let mut size = 0;
        let mut raw = 0;
        for _ in 0..runs {
            let started = Instant::now();
            let file = make(&req, kind, format)?;
            best = best.min(started.elapsed().as_secs_f64());
            size = file.bytes.len();
            raw = unpacked(&file.bytes)?;
        }
        println!(
            "{what}: best of {runs} {:.2} s, {} KB compressed, {} KB uncompressed",
            best,
            size / 1024,
            raw / 1024
        );
    }
    Ok(())
}
