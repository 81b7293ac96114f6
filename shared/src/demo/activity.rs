//! Demo activity: progress entries, the 2025 results report, the 2024 evaluations.
use crate::evaluation::{Decision, Evaluation, Score};
use crate::ids::{EvaluationId, ProgressId, ReportId};
use crate::model::Model;
use crate::progress::{IndicatorValue, ProgressEntry};
use crate::report::{IndicatorResult, ResultsReport};

use super::models::{indicator_id, model_id, n};
use super::{campaign_id, commune_id, criteria_ids, demo_uuid, u, unit_id, user_id, ymd};

fn entry(
    i: u64,
    unit: u64,
    model: u64,
    date: (i32, u32, u32),
    activity: &str,
    participants: u32,
    values: &[(u64, f64)],
) -> ProgressEntry {
    ProgressEntry {
        id: ProgressId::from_uuid(demo_uuid(500 + i)),
        commune_id: commune_id(),
        unit_id: unit_id(unit),
        model_id: model_id(model),
        date: ymd(date.0, date.1, date.2),
        activity: activity.to_owned(),
        participants: Some(participants),
        resources: String::new(),
        values: values
            .iter()
            .map(|&(k, value)| IndicatorValue {
                indicator_id: indicator_id(model, k),
                value,
            })
            .collect(),
        photos: Vec::new(),
        note: String::new(),
    }
}

pub(crate) fn progress() -> Vec<ProgressEntry> {
    vec![
        entry(
            1,
            u::UBND,
            n::GPMB,
            (2025, 9, 12),
            "Hội nghị đối thoại với các hộ dọc tuyến đường trục xã",
            86,
            &[(1, 18.0), (2, 1_250.0)],
        ),
        entry(
            2,
            u::UBND,
            n::GPMB,
            (2025, 10, 10),
            "Đảng viên gương mẫu bàn giao mặt bằng, vận động các hộ còn lại",
            40,
            &[(1, 37.0), (2, 2_640.0)],
        ),
        entry(
            3,
            u::CONG_AN,
            n::AN_NINH,
            (2025, 9, 20),
            "Họp dân thống nhất vị trí lắp camera tại thôn Đông (dữ liệu mẫu)",
            120,
            &[(1, 16.0)],
        ),
        entry(
            4,
            u::Y_TE,
            n::BHYT,
            (2025, 10, 5),
            "Tuyên truyền bảo hiểm y tế tại chợ phiên và nhà văn hóa thôn",
            210,
            &[(1, 93.1), (2, 265.0)],
        ),
    ]
}

/// The results report of the continued health-insurance model.
pub(crate) fn reports(models: &[Model]) -> Vec<ResultsReport> {
    let Some(model) = models.iter().find(|m| m.id == model_id(n::BHYT)) else {
        return Vec::new();
    };
    let mut report = ResultsReport::new_for(ReportId::from_uuid(demo_uuid(600 + 1)), model);
    report.reached = vec![
        IndicatorResult {
            indicator_id: indicator_id(n::BHYT, 1),
            reached: Some(95.6),
        },
        IndicatorResult {
            indicator_id: indicator_id(n::BHYT, 2),
            reached: Some(412.0),
        },
    ];
    report.results = "Tỷ lệ tham gia bảo hiểm y tế đạt 95,6%, vượt chỉ tiêu; 412 hộ được tuyên truyền trực tiếp.".to_owned();
    report.lessons =
        "Tuyên truyền tại chợ phiên và qua người có uy tín hiệu quả hơn họp thôn.".to_owned();
    report.proposals = "Đề nghị hỗ trợ một phần mệnh giá thẻ cho hộ lao động tự do.".to_owned();
    report.report_date = Some(ymd(2025, 11, 18));
    vec![report]
}

/// The 2024 models, evaluated and recognised.
pub(crate) fn evaluations() -> Vec<Evaluation> {
    let criteria = criteria_ids(2024);
    let make = |i: u64, model: u64, levels: [&str; 3], exemplary: bool| Evaluation {
        id: EvaluationId::from_uuid(demo_uuid(700 + i)),
        commune_id: commune_id(),
        campaign_id: campaign_id(2024),
        model_id: model_id(model),
        scores: criteria
            .iter()
            .zip(levels)
            .map(|(&criterion_id, level)| Score {
                criterion_id,
                level: level.to_owned(),
            })
            .collect(),
        comment: "Mô hình thiết thực, được Nhân dân đồng tình.".to_owned(),
        decision: Some(Decision::CongNhan),
        exemplary,
        propose_reward: exemplary,
        replicate: true,
        evaluator: Some(user_id(2)),
        evaluator_name: "Trần Thị Lan (mẫu)".to_owned(),
        evaluated_on: Some(ymd(2024, 11, 28)),
    };
    vec![
        make(1, n::BHYT_2024, ["Tốt", "Tốt", "Khá"], true),
        make(2, n::MOT_CUA_2024, ["Khá", "Đạt", "Tốt"], false),
    ]
}
