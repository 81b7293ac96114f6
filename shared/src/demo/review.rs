//! Demo data for the reviewer's year: the replication mark of the demo's
//! recognised models, and a scene with more work waiting for review (sent
//! registrations and a sent report) that tests and demos can add.
use crate::evaluation::Evaluation;
use crate::field::Field;
use crate::model::{Indicator, Model};
use crate::report::{IndicatorResult, ResultsReport};
use crate::status::ModelStatus;

use super::models::{indicator_id, model_id};
use super::{campaign_id, commune_id, u, unit_id, ymd};

/// Puts the demo's recognised models whose evaluation says nhân rộng on
/// the commune's list to replicate, as the recognition move would have.
pub(crate) fn mark_replicated(models: &mut [Model], evaluations: &[Evaluation]) {
    for m in models.iter_mut() {
        m.replicated = m.status == ModelStatus::CongNhan
            && evaluations
                .iter()
                .any(|e| e.model_id == m.id && e.replicate);
    }
}

/// More of 2025's work waiting for Ban xây dựng Đảng, on top of
/// [`super::thanh_mien`].
#[derive(Debug, Clone, PartialEq)]
pub struct ReviewScene {
    pub models: Vec<Model>,
    pub reports: Vec<ResultsReport>,
}

/// Demo model numbers of the scene.
pub mod n {
    /// Trung tâm Y tế, sent on time.
    pub const KHAM_SANG_LOC: u64 = 41;
    /// Trung tâm Y tế, sent three days late.
    pub const TIEM_CHUNG: u64 = 42;
    /// Ủy ban nhân dân xã, results reported a day late.
    pub const DOI_THOAI: u64 = 43;
    /// Công an, sent on time.
    pub const TU_QUAN: u64 = 44;
}

/// The id of the scene's model number `k` (see [`n`]).
#[must_use]
pub fn scene_model_id(k: u64) -> crate::ids::ModelId {
    model_id(k)
}

struct Sketch {
    n: u64,
    unit: u64,
    name: &'static str,
    field: Field,
    topic: &'static str,
    indicator: (&'static str, &'static str, f64),
    sent: (u32, u32),
}

fn sent(s: &Sketch) -> Model {
    let mut m = Model::new_draft(
        model_id(s.n),
        commune_id(),
        unit_id(s.unit),
        campaign_id(2025),
    );
    m.name = s.name.to_owned();
    m.field = Some(s.field);
    m.topic = s.topic.to_owned();
    m.registrant = "Ban Chấp hành chi bộ (mẫu)".to_owned();
    m.responsible_leader = "Bí thư chi bộ (mẫu)".to_owned();
    m.status = ModelStatus::DaGui;
    m.submitted_on = Some(ymd(2025, s.sent.0, s.sent.1));
    m.situation = format!(
        "{}: nhiều hộ chưa tham gia, cần cách vận động phù hợp.",
        s.name
    );
    m.goals = "Vận động Nhân dân cùng tham gia, kết quả đo đếm được.".to_owned();
    let (name, unit, target) = s.indicator;
    m.indicators = vec![Indicator {
        id: indicator_id(s.n, 1),
        name: name.to_owned(),
        unit: unit.to_owned(),
        target,
        previous_target: None,
    }];
    m.content_methods = "Họp dân, đến từng hộ, đảng viên làm trước.".to_owned();
    m.area = "Toàn xã".to_owned();
    m.beneficiaries = "Nhân dân trên địa bàn".to_owned();
    m.lead_force = "Chi bộ (mẫu)".to_owned();
    m.outputs = "Danh sách, biên bản, số liệu từng đợt.".to_owned();
    m.sustainability = "Duy trì hằng năm.".to_owned();
    m.start_date = Some(ymd(2025, 9, 5));
    m.end_date = Some(ymd(2025, 11, 15));
    m
}

/// Three sent registrations (two of Trung tâm Y tế, one late; one of Công
/// an) and a reported model of Ủy ban nhân dân xã with its report.
#[must_use]
pub fn review_scene() -> ReviewScene {
    let sketches = [
        Sketch {
            n: n::KHAM_SANG_LOC,
            unit: u::Y_TE,
            name: "Khám sàng lọc bệnh không lây nhiễm cho người cao tuổi",
            field: Field::VanHoaXaHoi,
            topic: "Chăm sóc sức khỏe Nhân dân",
            indicator: ("Số người cao tuổi được khám sàng lọc", "người", 600.0),
            sent: (8, 27),
        },
        Sketch {
            n: n::TIEM_CHUNG,
            unit: u::Y_TE,
            name: "Tiêm chủng đầy đủ - trẻ khỏe mạnh",
            field: Field::VanHoaXaHoi,
            topic: "Chăm sóc sức khỏe Nhân dân",
            indicator: ("Tỷ lệ trẻ được tiêm chủng đầy đủ", "%", 98.0),
            sent: (9, 4),
        },
        Sketch {
            n: n::TU_QUAN,
            unit: u::CONG_AN,
            name: "Tổ tự quản an ninh trật tự khu dân cư",
            field: Field::QuocPhongAnNinh,
            topic: "Toàn dân bảo vệ an ninh Tổ quốc, tố giác tội phạm",
            indicator: ("Số tổ tự quản được thành lập", "tổ", 12.0),
            sent: (8, 31),
        },
        Sketch {
            n: n::DOI_THOAI,
            unit: u::UBND,
            name: "Chính quyền lắng nghe dân - đối thoại định kỳ",
            field: Field::XayDungHeThongChinhTri,
            topic: "Trách nhiệm, đạo đức công vụ; chính quyền thân thiện",
            indicator: ("Số buổi đối thoại với Nhân dân", "buổi", 8.0),
            sent: (8, 25),
        },
    ];
    let mut models: Vec<Model> = sketches.iter().map(sent).collect();
    let mut reports = Vec::new();
    if let Some(m) = models.iter_mut().find(|m| m.id == model_id(n::DOI_THOAI)) {
        m.status = ModelStatus::DaBaoCao;
        m.registered_on = Some(ymd(2025, 8, 28));
        m.reported_on = Some(ymd(2025, 11, 21));
        let mut report = ResultsReport::new_for(ResultsReport::id_for(m.id), m);
        report.reached = vec![IndicatorResult {
            indicator_id: indicator_id(n::DOI_THOAI, 1),
            reached: Some(9.0),
        }];
        report.results =
            "Tổ chức 9 buổi đối thoại, giải quyết 27 kiến nghị của Nhân dân.".to_owned();
        report.report_date = Some(ymd(2025, 11, 21));
        reports.push(report);
    }
    ReviewScene { models, reports }
}
