//! Phụ lục 02's evidence appendix ("Hình ảnh minh chứng"): which photos,
//! in which order, under which headings and with which line under each.
//! The `documents` crate lays it out; the server supplies the bytes it
//! holds and leaves out photos the requester may not fetch.
//!
//! Order: the models as in the results table; under each, its progress
//! entries oldest first, then its results report; the photos as the record
//! lists them. Figures are numbered through the appendix ("Hình 3.").
use crate::figures::YearRecords;
use crate::format::date;
use crate::ids::ModelId;
use crate::photo::PhotoRef;
use crate::progress::ProgressEntry;
use crate::report::ResultsReport;

/// "PHỤ LỤC" over the appendix's title.
pub const LABEL: &str = super::wording::APPENDIX_LABEL;
/// The appendix's title.
pub const TITLE: &str = "HÌNH ẢNH MINH CHỨNG";
/// The heading of a results report's photos.
pub const REPORT_SOURCE: &str = "Báo cáo kết quả";

/// One photo in the appendix.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Figure {
    /// 1, 2, … through the appendix.
    pub number: usize,
    pub photo: PhotoRef,
}

impl Figure {
    /// The line under the photo: "Hình 3. Đường bê tông"; for one the
    /// server does not hold yet, "Hình 3. Đường bê tông (ảnh đang chờ tải
    /// lên)" and no picture.
    #[must_use]
    pub fn line(&self, on_server: bool) -> String {
        let caption = self.photo.caption.trim();
        let mut out = format!("Hình {}.", self.number);
        if !caption.is_empty() {
            out = format!("{out} {caption}");
        }
        if !on_server {
            out = format!("{out} ({})", crate::messages::PHOTO_PENDING);
        }
        out
    }
}

/// The photos of one record: a progress entry or the results report.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Source {
    /// "Hoạt động ngày 05/10/2025: Làm đường" or "Báo cáo kết quả".
    pub heading: String,
    pub figures: Vec<Figure>,
}

/// One model's photos.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct ModelEvidence {
    pub model_id: ModelId,
    /// "1. Tên mô hình": the model's number in the results table.
    pub heading: String,
    pub sources: Vec<Source>,
}

fn activity_heading(day: chrono::NaiveDate, activity: &str) -> String {
    let activity = activity.trim();
    if activity.is_empty() {
        format!("Hoạt động ngày {}", date(day))
    } else {
        format!("Hoạt động ngày {}: {activity}", date(day))
    }
}

/// A model's photos by the record they came with, as the reviewer's
/// screen and the appendix show them: progress entries oldest first
/// ("Hoạt động ngày 05/10/2025: Làm đường"), then the results report
/// ("Báo cáo kết quả"); records without photos left out.
#[must_use]
pub fn photo_lists<'a>(
    progress: &[&'a ProgressEntry],
    report: Option<&'a ResultsReport>,
) -> Vec<(String, &'a [PhotoRef])> {
    let mut entries = progress.to_vec();
    entries.sort_by_key(|p| p.date);
    let mut out: Vec<(String, &[PhotoRef])> = entries
        .into_iter()
        .map(|p| (activity_heading(p.date, &p.activity), p.photos.as_slice()))
        .collect();
    if let Some(report) = report {
        out.push((REPORT_SOURCE.to_owned(), report.photos.as_slice()));
    }
    out.retain(|(_, photos)| !photos.is_empty());
    out
}

/// The appendix for the models `ids` (the results table's, in its order):
/// only photos `shown` lets through (those the requester may fetch), only
/// models and records with at least one. Empty: no appendix.
#[must_use]
pub fn evidence(
    r: &YearRecords<'_>,
    ids: &[ModelId],
    shown: impl Fn(&PhotoRef) -> bool,
) -> Vec<ModelEvidence> {
    let mut number = 0;
    let mut out = Vec::new();
    let models = ids.iter().filter_map(|id| r.model(*id));
    for (row, model) in models.enumerate() {
        let progress = r.progress_of(model.id);
        let lists = photo_lists(&progress, r.report_of(model.id));
        let mut sources = Vec::new();
        for (heading, photos) in lists {
            let figures: Vec<Figure> = photos
                .iter()
                .filter(|p| crate::photo::is_hash(&p.sha256) && shown(p))
                .map(|p| {
                    number += 1;
                    Figure {
                        number,
                        photo: p.clone(),
                    }
                })
                .collect();
            if !figures.is_empty() {
                sources.push(Source { heading, figures });
            }
        }
        if !sources.is_empty() {
            out.push(ModelEvidence {
                model_id: model.id,
                heading: format!("{}. {}", row + 1, model.name.trim()),
                sources,
            });
        }
    }
    out
}

/// Every photo the records of `ids` refer to, once each, in appendix
/// order: what the server looks up before making the document.
#[must_use]
pub fn referenced(r: &YearRecords<'_>, ids: &[ModelId]) -> Vec<PhotoRef> {
    let mut seen = std::collections::HashSet::new();
    evidence(r, ids, |_| true)
        .into_iter()
        .flat_map(|m| m.sources)
        .flat_map(|s| s.figures)
        .filter(|f| seen.insert(f.photo.sha256.clone()))
        .map(|f| f.photo)
        .collect()
}

/// The photos a unit's phụ lục 02 shows (its registered models, those of
/// its sub-units included, as its results table), once each.
#[must_use]
pub fn unit_photos(
    r: &YearRecords<'_>,
    unit: crate::ids::UnitId,
    day: chrono::NaiveDate,
) -> Vec<PhotoRef> {
    let fig = crate::figures::commune_year(r, day);
    fig.unit(unit)
        .map(|u| referenced(r, u.stages.registered.ids()))
        .unwrap_or_default()
}

/// The size a photo is drawn at, in any unit: as wide as `max_width`,
/// no taller than `max_height`, its proportions kept. A photo whose size
/// the record does not give is drawn 4:3.
#[must_use]
pub fn fitted(width: u32, height: u32, max_width: u32, max_height: u32) -> (u32, u32) {
    let (w, h) = if width == 0 || height == 0 {
        (4, 3)
    } else {
        (u64::from(width), u64::from(height))
    };
    let (max_w, max_h) = (u64::from(max_width), u64::from(max_height));
    // Full width, unless that makes it too tall.
    let (out_w, out_h) = if max_w * h / w <= max_h {
        (max_w, max_w * h / w)
    } else {
        (max_h * w / h, max_h)
    };
    let clamp = |v: u64| u32::try_from(v).unwrap_or(u32::MAX).max(1);
    (clamp(out_w), clamp(out_h))
}

#[cfg(test)]
mod tests;
