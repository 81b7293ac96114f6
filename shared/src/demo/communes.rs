//! Two more sample communes of the city, so the city viewer compares real
//! figures: Hồng Quang, ahead of its targets, and Tân Kỳ, behind them with
//! units late. Their models are written like Thanh Miện's: the whole
//! story on the plan's calendar of the story year, moved to a day's year
//! and rolled back to that day by [`super::story`].

use crate::evaluation::{Decision, Evaluation, Score};
use crate::field::Field;
use crate::ids::{CommuneId, EvaluationId, IndicatorId, ModelId, ProgressId, ReportId, UnitId};
use crate::model::{Indicator, Model, ModelKind};
use crate::org::{Commune, Unit, UnitKind};
use crate::progress::ProgressEntry;
use crate::report::{IndicatorResult, ResultsReport};
use crate::status::ModelStatus;

use super::models::scheduled;
use super::{DemoData, STORY_YEAR, campaign_id_of, campaign_of, criteria_ids_of, keyed, ymd};

/// Month and day on the plan's calendar of this year.
type Day = (u32, u32);

/// One model's story: unit index, name, field, individual, final status,
/// sent, registered, reported, indicator (name, unit, target, reached).
type Row = (
    u64,
    &'static str,
    Field,
    bool,
    ModelStatus,
    Option<Day>,
    Option<Day>,
    Option<Day>,
    (&'static str, &'static str, f64, f64),
);

struct Plan {
    key: u64,
    name: &'static str,
    place: &'static str,
    /// Unit name, kind, designated (has a target).
    units: &'static [(&'static str, UnitKind, bool)],
    rows: &'static [Row],
}

use Field::{KinhTe as KT, QuocPhongAnNinh as QP, VanHoaXaHoi as VH, XayDungHeThongChinhTri as XD};
use ModelStatus::{
    CongNhan as CN, DaBaoCao as BC, DaDangKy as DK, DaGui as GUI, DangThucHien as TH, Nhap as NHAP,
};
use UnitKind::{ChiBo, ChiBoThon, DangUy};

const HONG_QUANG: Plan = Plan {
    key: 1,
    name: "Đảng bộ xã Hồng Quang (dữ liệu mẫu)",
    place: "Hồng Quang",
    units: &[
        ("Đảng ủy Ủy ban nhân dân xã", DangUy, true),
        ("Chi bộ Công an", ChiBo, true),
        ("Chi bộ Quân sự", ChiBo, true),
        ("Chi bộ Trường THCS Hồng Quang", ChiBo, true),
        ("Chi bộ Trạm Y tế", ChiBo, true),
        ("Chi bộ thôn Hồng Phúc (dữ liệu mẫu)", ChiBoThon, false),
    ],
    rows: &[
        (
            1,
            "Một cửa không giấy tờ",
            XD,
            false,
            CN,
            Some((8, 12)),
            Some((8, 14)),
            Some((11, 8)),
            ("Tỷ lệ hồ sơ trực tuyến", "%", 80.0, 86.0),
        ),
        (
            1,
            "Dân vận khéo trong dồn điền đổi thửa",
            KT,
            false,
            BC,
            Some((8, 20)),
            Some((8, 22)),
            Some((11, 17)),
            ("Số hộ đồng thuận", "hộ", 120.0, 131.0),
        ),
        (
            2,
            "Camera an ninh liên thôn",
            QP,
            false,
            CN,
            Some((8, 18)),
            Some((8, 20)),
            Some((11, 12)),
            ("Số camera được lắp", "chiếc", 30.0, 34.0),
        ),
        (
            3,
            "Thanh niên lên đường nhập ngũ",
            QP,
            false,
            TH,
            Some((8, 25)),
            Some((8, 27)),
            None,
            ("Số thanh niên nhập ngũ", "người", 12.0, 0.0),
        ),
        (
            4,
            "Tủ sách nhân ái",
            VH,
            true,
            BC,
            Some((8, 28)),
            Some((8, 30)),
            Some((11, 19)),
            ("Số đầu sách quyên góp", "cuốn", 1_500.0, 1_720.0),
        ),
        (
            5,
            "Khám sàng lọc cho người cao tuổi",
            VH,
            false,
            TH,
            Some((8, 29)),
            Some((9, 2)),
            None,
            ("Số người được khám", "người", 800.0, 0.0),
        ),
        (
            6,
            "Vườn mẫu nông thôn mới",
            KT,
            false,
            DK,
            Some((9, 5)),
            Some((9, 8)),
            None,
            ("Số vườn đạt chuẩn", "vườn", 10.0, 0.0),
        ),
        (
            6,
            "Nhà sạch, vườn đẹp",
            VH,
            false,
            NHAP,
            None,
            None,
            None,
            ("Số hộ đạt chuẩn", "hộ", 50.0, 0.0),
        ),
    ],
};

const TAN_KY: Plan = Plan {
    key: 2,
    name: "Đảng bộ xã Tân Kỳ (dữ liệu mẫu)",
    place: "Tân Kỳ",
    units: &[
        ("Đảng ủy Ủy ban nhân dân xã", DangUy, true),
        ("Chi bộ Công an", ChiBo, true),
        ("Chi bộ Quân sự", ChiBo, true),
        ("Chi bộ Trường Tiểu học Tân Kỳ", ChiBo, true),
        ("Chi bộ thôn Kỳ Sơn (dữ liệu mẫu)", ChiBoThon, false),
    ],
    rows: &[
        (
            1,
            "Giải phóng mặt bằng cụm công nghiệp",
            KT,
            false,
            TH,
            Some((8, 27)),
            Some((8, 29)),
            None,
            ("Số hộ bàn giao mặt bằng", "hộ", 60.0, 0.0),
        ),
        (
            2,
            "Tổ tự quản an ninh trật tự",
            QP,
            false,
            BC,
            Some((9, 12)),
            Some((9, 15)),
            Some((11, 27)),
            ("Số tổ được thành lập", "tổ", 8.0, 8.0),
        ),
        (
            4,
            "Phụ huynh đồng hành cùng nhà trường",
            VH,
            true,
            GUI,
            Some((9, 20)),
            None,
            None,
            ("Số buổi sinh hoạt", "buổi", 9.0, 0.0),
        ),
        (
            5,
            "Đường làng sáng - xanh",
            VH,
            false,
            NHAP,
            None,
            None,
            None,
            ("Số mét đường được thắp sáng", "m", 900.0, 0.0),
        ),
    ],
};

/// Hồng Quang's whole story year.
pub(crate) fn hong_quang() -> DemoData {
    build(&HONG_QUANG)
}

/// Tân Kỳ's whole story year.
pub(crate) fn tan_ky() -> DemoData {
    build(&TAN_KY)
}

fn build(plan: &Plan) -> DemoData {
    let y = STORY_YEAR;
    let commune = CommuneId::from_uuid(keyed(plan.key, 1));
    let units: Vec<Unit> = plan
        .units
        .iter()
        .zip(1u64..)
        .map(|(&(name, kind, designated), i)| Unit {
            id: UnitId::from_uuid(keyed(plan.key, 100 + i)),
            commune_id: commune,
            name: name.to_owned(),
            kind,
            parent: None,
            has_target: designated,
            sample: !designated,
        })
        .collect();
    let mut data = DemoData {
        commune: Commune {
            id: commune,
            name: plan.name.to_owned(),
            place_name: plan.place.to_owned(),
            city: "Hải Phòng".to_owned(),
            documents: super::documents::settings(),
        },
        campaigns: vec![
            campaign_of(plan.key, commune, y - 1),
            campaign_of(plan.key, commune, y),
        ],
        units,
        models: Vec::new(),
        progress: Vec::new(),
        reports: Vec::new(),
        evaluations: Vec::new(),
        users: Vec::new(),
    };
    for (row, i) in plan.rows.iter().zip(1u64..) {
        add(&mut data, plan.key, y, i, row);
    }
    data
}

/// One row's model with what its story made: a progress entry once
/// running, a report once reported, an evaluation once recognised.
fn add(data: &mut DemoData, key: u64, y: i32, i: u64, row: &Row) {
    let m = model(data, key, y, i, row);
    let (.., (_, _, _, reached)) = *row;
    if m.status.is_registered() {
        data.progress.push(ProgressEntry {
            id: ProgressId::from_uuid(keyed(key, 500 + i)),
            commune_id: m.commune_id,
            unit_id: m.unit_id,
            model_id: m.id,
            date: ymd(y, 10, (i as u32 % 25) + 1),
            activity: "Ra quân thực hiện mô hình".to_owned(),
            participants: Some(30 + 7 * (i as u32 % 6)),
            resources: String::new(),
            values: Vec::new(),
            photos: Vec::new(),
            note: String::new(),
        });
    }
    if m.reported_on.is_some() {
        let mut r = ResultsReport::new_for(ReportId::from_uuid(keyed(key, 600 + i)), &m);
        r.reached = m
            .indicators
            .iter()
            .map(|ind| IndicatorResult {
                indicator_id: ind.id,
                reached: Some(reached),
            })
            .collect();
        r.results = format!("Mô hình \u{201c}{}\u{201d} đạt kế hoạch đề ra.", m.name);
        r.report_date = m.reported_on;
        data.reports.push(r);
    }
    if m.status == ModelStatus::CongNhan {
        data.evaluations.push(Evaluation {
            id: EvaluationId::from_uuid(keyed(key, 700 + i)),
            commune_id: m.commune_id,
            campaign_id: m.campaign_id,
            model_id: m.id,
            scores: criteria_ids_of(key, y)
                .iter()
                .map(|&criterion_id| Score {
                    criterion_id,
                    level: "Tốt".to_owned(),
                })
                .collect(),
            comment: "Mô hình thiết thực, có sức lan tỏa.".to_owned(),
            decision: Some(Decision::CongNhan),
            exemplary: i == 1,
            propose_reward: false,
            replicate: true,
            evaluator: None,
            evaluator_name: String::new(),
            evaluated_on: Some(ymd(y, 11, 25)),
        });
    }
    data.models.push(m);
}

fn model(data: &DemoData, key: u64, y: i32, i: u64, row: &Row) -> Model {
    let (unit, name, field, individual, status, sent, registered, reported, indicator) = *row;
    let (ind_name, ind_unit, target, _) = indicator;
    let unit_id = UnitId::from_uuid(keyed(key, 100 + unit));
    let unit_name = data
        .units
        .iter()
        .find(|u| u.id == unit_id)
        .map_or("", |u| u.name.as_str());
    let on = |d: Option<Day>| d.map(|(m, d)| ymd(y, m, d));
    let mut m = Model::new_draft(
        ModelId::from_uuid(keyed(key, 300 + i)),
        data.commune.id,
        unit_id,
        campaign_id_of(key, y),
    );
    m.name = name.to_owned();
    m.field = Some(field);
    m.kind = if individual {
        ModelKind::CaNhan
    } else {
        ModelKind::TapThe
    };
    m.status = status;
    m.submitted_on = on(sent);
    m.registered_on = on(registered);
    m.reported_on = on(reported);
    m.registrant = unit_name.to_owned();
    m.responsible_leader = format!("Bí thư {unit_name}");
    m.situation = "Khảo sát đầu năm cho thấy việc này còn nhiều hộ chưa tham gia.".to_owned();
    m.goals = format!("{name}: vận động Nhân dân cùng làm, kết quả đo đếm được.");
    m.content_methods = "Họp dân bàn bạc, đảng viên làm trước, biểu dương kịp thời.".to_owned();
    m.area = data.commune.place_name.clone();
    m.beneficiaries = "Nhân dân trong xã".to_owned();
    m.lead_force = unit_name.to_owned();
    m.outputs = "Biên bản, hình ảnh, số liệu từng đợt.".to_owned();
    m.sustainability = "Duy trì hằng năm.".to_owned();
    m.budget_vnd = Some(2_000_000 * (1 + i % 4));
    m.workdays = Some(20 * (1 + i as u32 % 5));
    m.indicators = vec![Indicator {
        id: IndicatorId::from_uuid(keyed(key, 4_000 + i * 10 + 1)),
        name: ind_name.to_owned(),
        unit: ind_unit.to_owned(),
        target,
        previous_target: None,
    }];
    scheduled(m, y)
}
