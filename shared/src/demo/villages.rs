//! More sample models of the village cells, so the commune's lists run to
//! several pages as a real commune's do, and the year has recognised,
//! tiêu biểu and awarded models. Kept apart from [`super::thanh_mien`],
//! whose small set the app's tests count on.
use crate::evaluation::{Decision, Evaluation, Score};
use crate::field::Field;
use crate::ids::{EvaluationId, IndicatorId, ModelId, ProgressId, ReportId};
use crate::model::{Indicator, Model, ModelKind};
use crate::progress::ProgressEntry;
use crate::report::{IndicatorResult, ResultsReport};
use crate::status::ModelStatus;

use super::{DemoData, campaign_id, commune_id, criteria_ids, demo_uuid, u, unit_id, user_id, ymd};

/// Name, field, individual, status, indicator (name, unit, target, reached).
type Row = (
    &'static str,
    Field,
    bool,
    ModelStatus,
    (&'static str, &'static str, f64, f64),
);

const ROWS: [Row; 20] = {
    use Field::{
        KinhTe as KT, QuocPhongAnNinh as QP, VanHoaXaHoi as VH, XayDungHeThongChinhTri as XD,
    };
    use ModelStatus::{
        CongNhan as CN, DaBaoCao as BC, DaDangKy as DK, DaDanhGia as DG, DangThucHien as TH,
    };
    [
        (
            "Hiến đất mở rộng đường thôn, ngõ xóm",
            VH,
            false,
            CN,
            ("Mét vuông đất được hiến", "m²", 800.0, 1_120.0),
        ),
        (
            "Thắp sáng đường quê",
            VH,
            false,
            CN,
            ("Số bóng đèn được lắp", "bóng", 120.0, 156.0),
        ),
        (
            "Nhà văn hóa sạch, đẹp, văn minh",
            VH,
            false,
            TH,
            ("Số buổi tổng vệ sinh", "buổi", 24.0, 0.0),
        ),
        (
            "Tổ hòa giải ở cơ sở giỏi",
            XD,
            false,
            CN,
            ("Số vụ việc hòa giải thành", "vụ", 10.0, 12.0),
        ),
        (
            "Cánh đồng liên kết sản xuất lúa chất lượng cao",
            KT,
            false,
            BC,
            ("Diện tích liên kết", "ha", 30.0, 34.5),
        ),
        (
            "Chi hội nông dân giúp nhau thoát nghèo",
            KT,
            false,
            CN,
            ("Số hộ thoát nghèo", "hộ", 5.0, 6.0),
        ),
        (
            "Camera an ninh - mắt thần khu dân cư",
            QP,
            false,
            TH,
            ("Số camera được lắp", "chiếc", 16.0, 0.0),
        ),
        (
            "Gia đình không có người vi phạm pháp luật",
            QP,
            false,
            DK,
            ("Tỷ lệ hộ ký cam kết", "%", 95.0, 0.0),
        ),
        (
            "Bà cháu cùng đọc sách",
            VH,
            true,
            CN,
            ("Số buổi đọc sách", "buổi", 40.0, 44.0),
        ),
        (
            "Nông dân số: bán nông sản trên mạng",
            KT,
            true,
            DG,
            ("Số hộ có gian hàng trực tuyến", "hộ", 20.0, 23.0),
        ),
        (
            "Dòng họ khuyến học, khuyến tài",
            VH,
            false,
            CN,
            ("Số suất học bổng", "suất", 30.0, 35.0),
        ),
        (
            "Thu gom bao bì thuốc bảo vệ thực vật",
            VH,
            false,
            TH,
            ("Số bể chứa được đặt", "bể", 25.0, 0.0),
        ),
        (
            "Tiếng kẻng an ninh",
            QP,
            false,
            BC,
            ("Số lần tuần tra", "lần", 48.0, 50.0),
        ),
        (
            "Đảng viên nhận đỡ đầu hộ khó khăn",
            XD,
            false,
            CN,
            ("Số hộ được đỡ đầu", "hộ", 12.0, 12.0),
        ),
        (
            "Sân chơi cho trẻ em",
            VH,
            false,
            DK,
            ("Số sân chơi được làm", "sân", 2.0, 0.0),
        ),
        (
            "Người cao tuổi với chuyển đổi số",
            XD,
            true,
            TH,
            ("Số người được hướng dẫn", "người", 150.0, 0.0),
        ),
        (
            "Vườn mẫu nông thôn mới",
            KT,
            false,
            CN,
            ("Số vườn đạt chuẩn", "vườn", 15.0, 18.0),
        ),
        (
            "Hậu phương vững chắc cho tân binh",
            QP,
            false,
            BC,
            ("Số tân binh được thăm hỏi", "người", 20.0, 20.0),
        ),
        (
            "Mỗi tuần một buổi sinh hoạt pháp luật",
            XD,
            false,
            TH,
            ("Số buổi sinh hoạt", "buổi", 40.0, 0.0),
        ),
        (
            "Con đường bích họa",
            VH,
            false,
            CN,
            ("Chiều dài tường được vẽ", "m", 300.0, 360.0),
        ),
    ]
};

fn model(i: usize, row: &Row) -> Model {
    let (name, field, individual, status, (ind_name, ind_unit, target, _)) = *row;
    let n = 20_000 + i as u64;
    let unit = u::THON_DONG + (i as u64 % 4);
    let mut m = Model::new_draft(
        ModelId::from_uuid(demo_uuid(n)),
        commune_id(),
        unit_id(unit),
        campaign_id(2025),
    );
    let village = ["Đông", "Tây", "Nam", "Bắc"][i % 4];
    m.name = name.to_owned();
    m.field = Some(field);
    m.kind = if individual {
        ModelKind::CaNhan
    } else {
        ModelKind::TapThe
    };
    m.status = status;
    m.registrant = if individual {
        format!(
            "Đồng chí Nguyễn Văn {} (mẫu)",
            ["An", "Bình", "Cường", "Dũng"][i % 4]
        )
    } else {
        format!("Chi hội Phụ nữ thôn {village} (dữ liệu mẫu)")
    };
    m.responsible_leader = format!("Bí thư Chi bộ thôn {village}");
    m.coordinating_forces = "Mặt trận Tổ quốc, các chi hội đoàn thể thôn".to_owned();
    m.goals = format!("{name}: vận động Nhân dân cùng làm, kết quả đo đếm được.");
    m.situation = "Khảo sát đầu năm cho thấy việc này còn nhiều hộ chưa tham gia.".to_owned();
    m.content_methods = "Họp thôn bàn bạc, đảng viên làm trước, biểu dương kịp thời.".to_owned();
    m.area = format!("Thôn {village}");
    m.beneficiaries = "Các hộ gia đình trong thôn".to_owned();
    m.lead_force = format!("Chi bộ thôn {village}");
    m.outputs = "Biên bản, hình ảnh, số liệu từng đợt.".to_owned();
    m.sustainability = "Đưa vào quy ước của thôn.".to_owned();
    m.budget_vnd = Some(5_000_000 + 1_000_000 * (i as u64 % 5));
    m.socialized_vnd = Some(10_000_000 * (1 + i as u64 % 3));
    m.workdays = Some(50 + 10 * (i as u32 % 7));
    m.submitted_on = Some(ymd(2025, 8, 10 + (i as u32 % 20)));
    m.registered_on = Some(ymd(2025, 8, 12 + (i as u32 % 19)));
    m.start_date = Some(ymd(2025, 9, 5));
    m.end_date = Some(ymd(2025, 11, 15));
    if crate::figures::is_reported(status) {
        m.reported_on = Some(ymd(2025, 11, 14 + (i as u32 % 10)));
    }
    m.indicators = vec![Indicator {
        id: IndicatorId::from_uuid(demo_uuid(n * 10 + 1)),
        name: ind_name.to_owned(),
        unit: ind_unit.to_owned(),
        target,
        previous_target: None,
    }];
    m
}

fn report(i: usize, m: &Model, reached: f64) -> ResultsReport {
    let mut r = ResultsReport::new_for(ReportId::from_uuid(demo_uuid(30_000 + i as u64)), m);
    r.reached = m
        .indicators
        .iter()
        .map(|ind| IndicatorResult {
            indicator_id: ind.id,
            reached: Some(reached),
        })
        .collect();
    r.results = format!(
        "Mô hình \u{201c}{}\u{201d} hoàn thành kế hoạch, Nhân dân đồng tình hưởng ứng.",
        m.name
    );
    r.lessons = "Đảng viên gương mẫu đi trước, việc gì cũng bàn với dân.".to_owned();
    r.report_date = m.reported_on;
    r
}

fn evaluation(i: usize, m: &Model) -> Evaluation {
    let criteria = criteria_ids(2025);
    Evaluation {
        id: EvaluationId::from_uuid(demo_uuid(40_000 + i as u64)),
        commune_id: commune_id(),
        campaign_id: campaign_id(2025),
        model_id: m.id,
        scores: criteria
            .iter()
            .map(|&criterion_id| Score {
                criterion_id,
                level: "Tốt".to_owned(),
            })
            .collect(),
        comment: "Mô hình thiết thực, có sức lan tỏa.".to_owned(),
        decision: Some(Decision::CongNhan),
        exemplary: i.is_multiple_of(3),
        propose_reward: i.is_multiple_of(4),
        replicate: i.is_multiple_of(2),
        evaluator: Some(user_id(2)),
        evaluator_name: "Trần Thị Lan (mẫu)".to_owned(),
        evaluated_on: Some(ymd(2025, 11, 28)),
    }
}

fn entry(i: usize, m: &Model) -> ProgressEntry {
    ProgressEntry {
        id: ProgressId::from_uuid(demo_uuid(50_000 + i as u64)),
        commune_id: commune_id(),
        unit_id: m.unit_id,
        model_id: m.id,
        date: ymd(2025, 10, 1 + (i as u32 % 28)),
        activity: "Ra quân thực hiện mô hình".to_owned(),
        participants: Some(40 + 5 * (i as u32 % 9)),
        resources: String::new(),
        values: Vec::new(),
        photos: Vec::new(),
        note: String::new(),
    }
}

/// The demo commune with twenty more village models of 2025: running,
/// reported, evaluated and recognised (some tiêu biểu, proposed for awards
/// and for replication).
#[must_use]
pub fn thanh_mien_with_villages() -> DemoData {
    let mut data = super::thanh_mien();
    for (i, row) in ROWS.iter().enumerate() {
        let m = model(i, row);
        data.progress.push(entry(i, &m));
        if crate::figures::is_reported(m.status) {
            data.reports.push(report(i, &m, row.4.3));
        }
        if m.status == ModelStatus::CongNhan {
            data.evaluations.push(evaluation(i, &m));
        }
        data.models.push(m);
    }
    data
}
