use chrono::NaiveDate;

use super::*;
use crate::demo::{DemoData, thanh_mien};
use crate::photo::MediaType;

fn photo(seed: char, caption: &str) -> PhotoRef {
    PhotoRef {
        sha256: seed.to_string().repeat(64),
        media_type: MediaType::Jpeg,
        bytes: 1000,
        width: 1600,
        height: 1200,
        caption: caption.to_owned(),
    }
}

fn records(data: &DemoData) -> YearRecords<'_> {
    YearRecords {
        commune: &data.commune,
        campaign: data.campaign(2025).expect("2025"),
        units: &data.units,
        models: &data.models,
        progress: &data.progress,
        reports: &data.reports,
        evaluations: &data.evaluations,
    }
}

/// The demo with photos on one model's two entries (the later one listed
/// first) and on its report; the model's id.
fn with_photos() -> (DemoData, ModelId) {
    let mut data = thanh_mien();
    let report = data.reports.first().expect("a report").clone();
    let model = report.model_id;
    // Two entries of the model, whatever the demo holds.
    let mut extra = data.progress[0].clone();
    extra.model_id = model;
    for _ in 0..2 {
        extra.id = crate::ids::ProgressId::new();
        data.progress.push(extra.clone());
    }
    let mut entries: Vec<usize> = (0..data.progress.len())
        .filter(|&i| data.progress[i].model_id == model)
        .collect();
    for &i in &entries {
        data.progress[i].photos.clear();
    }
    entries.sort_by_key(|&i| std::cmp::Reverse(data.progress[i].date));
    data.progress[entries[0]].photos = vec![photo('c', "Sau")];
    data.progress[entries[0]].date = NaiveDate::from_ymd_opt(2025, 10, 20).expect("day");
    data.progress[entries[1]].photos = vec![photo('a', " Trước "), photo('b', "")];
    data.progress[entries[1]].date = NaiveDate::from_ymd_opt(2025, 9, 5).expect("day");
    data.progress[entries[1]].activity = "Làm đường".into();
    for r in &mut data.reports {
        if r.model_id == model {
            r.photos = vec![photo('d', "Nghiệm thu"), photo('a', "Trước")];
        }
    }
    (data, model)
}

#[test]
fn entries_oldest_first_then_the_report_numbered_through() {
    let (data, model) = with_photos();
    let r = records(&data);
    let all = evidence(&r, &[model], |_| true);
    assert_eq!(all.len(), 1);
    let m = &all[0];
    let name = r.model(model).expect("model").name.trim().to_owned();
    assert_eq!(m.heading, format!("1. {name}"));
    let headings: Vec<&str> = m.sources.iter().map(|s| s.heading.as_str()).collect();
    assert_eq!(headings[0], "Hoạt động ngày 05/09/2025: Làm đường");
    assert!(headings[1].starts_with("Hoạt động ngày 20/10/2025"));
    assert_eq!(headings.last(), Some(&REPORT_SOURCE));
    let lines: Vec<String> = m
        .sources
        .iter()
        .flat_map(|s| s.figures.iter().map(|f| f.line(true)))
        .collect();
    assert_eq!(
        lines,
        [
            "Hình 1. Trước",
            "Hình 2.",
            "Hình 3. Sau",
            "Hình 4. Nghiệm thu",
            "Hình 5. Trước"
        ]
    );
    // A photo the report repeats is fetched once.
    let hashes: Vec<String> = referenced(&r, &[model])
        .into_iter()
        .map(|p| p.sha256)
        .collect();
    assert_eq!(hashes.len(), 4);
}

#[test]
fn a_photo_not_on_the_server_says_so_and_hidden_ones_are_left_out() {
    let (data, model) = with_photos();
    let r = records(&data);
    let all = evidence(&r, &[model], |p| !p.sha256.starts_with('a'));
    let figures: Vec<&Figure> = all[0]
        .sources
        .iter()
        .flat_map(|s| s.figures.iter())
        .collect();
    assert_eq!(figures.len(), 3, "both copies of the hidden photo left out");
    assert_eq!(figures[0].line(true), "Hình 1.");
    assert_eq!(figures[1].line(false), "Hình 2. Sau (ảnh đang chờ tải lên)");
    // Nothing shown: no appendix at all.
    assert!(evidence(&r, &[model], |_| false).is_empty());
}

#[test]
fn models_without_photos_and_bad_references_make_no_appendix() {
    let mut data = thanh_mien();
    let ids: Vec<ModelId> = data.models.iter().map(|m| m.id).collect();
    assert!(evidence(&records(&data), &ids, |_| true).is_empty());
    data.progress[0].photos = vec![PhotoRef {
        sha256: "not-a-hash".into(),
        ..photo('a', "x")
    }];
    assert!(evidence(&records(&data), &ids, |_| true).is_empty());
}

#[test]
fn photos_fill_the_width_unless_too_tall() {
    // Landscape: full width.
    assert_eq!(fitted(1600, 1200, 9000, 6000), (8000, 6000));
    assert_eq!(fitted(1600, 1200, 9000, 8000), (9000, 6750));
    // Portrait: as tall as allowed, narrower.
    assert_eq!(fitted(1200, 1600, 9000, 8000), (6000, 8000));
    // No size in the record: 4:3.
    assert_eq!(fitted(0, 0, 8000, 8000), (8000, 6000));
    assert_eq!(fitted(u32::MAX, 1, 100, 100), (100, 1));
}
