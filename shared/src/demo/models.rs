//! Demo models: two from 2024 (one continued in 2025) and seven for 2025,
//! across the four fields and the statuses of the year.
use crate::field::Field;
use crate::ids::{IndicatorId, ModelId};
use crate::model::{Indicator, Milestone, Model, ModelKind};
use crate::status::ModelStatus;

use super::{campaign_id, commune_id, demo_uuid, u, unit_id, ymd};

pub(crate) fn model_id(n: u64) -> ModelId {
    ModelId::from_uuid(demo_uuid(300 + n))
}

pub(crate) fn indicator_id(model: u64, k: u64) -> IndicatorId {
    IndicatorId::from_uuid(demo_uuid(4_000 + model * 10 + k))
}

/// Demo model numbers: 2024 models are 1-2, 2025 models 11-17.
pub(crate) mod n {
    pub const BHYT_2024: u64 = 1;
    pub const MOT_CUA_2024: u64 = 2;
    pub const GPMB: u64 = 11;
    pub const BHYT: u64 = 12;
    pub const RAC_THAI: u64 = 13;
    pub const DVC: u64 = 14;
    pub const AN_NINH: u64 = 15;
    pub const NVQS: u64 = 16;
    pub const THUY_LOI: u64 = 17;
}

fn ind(model: u64, k: u64, name: &str, unit: &str, target: f64, prev: Option<f64>) -> Indicator {
    Indicator {
        id: indicator_id(model, k),
        name: name.to_owned(),
        unit: unit.to_owned(),
        target,
        previous_target: prev,
    }
}

fn base(n: u64, unit: u64, year: i32) -> Model {
    Model::new_draft(model_id(n), commune_id(), unit_id(unit), campaign_id(year))
}

fn s(text: &str) -> String {
    text.to_owned()
}

/// The shared plan of a year: survey in August, run September to mid
/// November, inspect and sum up before the unit report deadline.
pub(crate) fn scheduled(mut m: Model, year: i32) -> Model {
    m.start_date = Some(ymd(year, 9, 5));
    m.end_date = Some(ymd(year, 11, 15));
    m.survey_date = Some(ymd(year, 8, 20));
    m.inspection_date = Some(ymd(year, 10, 15));
    m.summary_date = Some(ymd(year, 11, 18));
    m.milestones = vec![
        Milestone {
            date: ymd(year, 9, 10),
            title: s("Hội nghị triển khai, phân công lực lượng"),
        },
        Milestone {
            date: ymd(year, 10, 15),
            title: s("Kiểm tra giữa kỳ, điều chỉnh cách làm"),
        },
    ];
    m
}

pub(crate) fn all() -> Vec<Model> {
    vec![
        bhyt_2024(),
        mot_cua_2024(),
        gpmb(),
        bhyt(),
        rac_thai(),
        dvc(),
        an_ninh(),
        nvqs(),
        thuy_loi(),
    ]
}

fn bhyt_2024() -> Model {
    let id = n::BHYT_2024;
    scheduled(
        Model {
            name: s("Mỗi nhà một tấm thẻ bảo hiểm y tế"),
            field: Some(Field::VanHoaXaHoi),
            topic: s("Bảo hiểm y tế"),
            sub_unit: s("Chi bộ Khoa Khám bệnh"),
            registrant: s("Chi bộ Khoa Khám bệnh"),
            responsible_leader: s("Bí thư Đảng uỷ Trung tâm Y tế"),
            status: ModelStatus::CongNhan,
            submitted_on: Some(ymd(2024, 8, 28)),
            registered_on: Some(ymd(2024, 8, 30)),
            reported_on: Some(ymd(2024, 11, 19)),
            situation: s(
                "Tỷ lệ tham gia bảo hiểm y tế của người dân còn thấp, nhất là hộ cận nghèo và lao động tự do.",
            ),
            advantages: s("Có đội ngũ y tế thôn nắm chắc địa bàn."),
            difficulties: s("Thu nhập của nhiều hộ thấp, chưa hiểu quyền lợi khi có thẻ."),
            goals: s("Nâng tỷ lệ người dân tham gia bảo hiểm y tế."),
            indicators: vec![
                ind(
                    id,
                    1,
                    "Tỷ lệ người dân tham gia bảo hiểm y tế",
                    "%",
                    92.0,
                    None,
                ),
                ind(
                    id,
                    2,
                    "Số hộ được tuyên truyền trực tiếp",
                    "hộ",
                    300.0,
                    None,
                ),
            ],
            content_methods: s(
                "Đến từng hộ tuyên truyền; phối hợp Bảo hiểm xã hội tổ chức thu tại thôn.",
            ),
            area: s("Toàn xã"),
            beneficiaries: s("Hộ gia đình chưa tham gia bảo hiểm y tế"),
            lead_force: s("Chi bộ Khoa Khám bệnh"),
            coordinating_forces: s("Bảo hiểm xã hội, Hội Phụ nữ xã"),
            outputs: s("Danh sách hộ tham gia, số thẻ được cấp."),
            sustainability: s("Duy trì hằng năm, nhân rộng ra các thôn."),
            ..base(id, u::Y_TE, 2024)
        },
        2024,
    )
}

fn mot_cua_2024() -> Model {
    let id = n::MOT_CUA_2024;
    scheduled(
        Model {
            name: s("Một cửa thân thiện - nụ cười công sở"),
            field: Some(Field::XayDungHeThongChinhTri),
            topic: s("Trách nhiệm, đạo đức công vụ; chính quyền thân thiện"),
            registrant: s("Bộ phận Một cửa xã"),
            responsible_leader: s("Phó Chủ tịch Ủy ban nhân dân xã"),
            status: ModelStatus::CongNhan,
            submitted_on: Some(ymd(2024, 8, 26)),
            registered_on: Some(ymd(2024, 8, 29)),
            reported_on: Some(ymd(2024, 11, 18)),
            situation: s("Người dân còn phải đi lại nhiều lần để hoàn thiện hồ sơ."),
            goals: s("Giải quyết hồ sơ đúng hạn, người dân hài lòng."),
            indicators: vec![ind(
                id,
                1,
                "Tỷ lệ hồ sơ giải quyết đúng hạn",
                "%",
                95.0,
                None,
            )],
            content_methods: s("Hướng dẫn tận tình, phiếu đánh giá mức độ hài lòng."),
            area: s("Bộ phận Một cửa xã"),
            beneficiaries: s("Người dân, doanh nghiệp đến giao dịch"),
            lead_force: s("Bộ phận Một cửa xã"),
            outputs: s("Sổ theo dõi hồ sơ, kết quả phiếu đánh giá."),
            sustainability: s("Áp dụng thường xuyên."),
            ..base(id, u::UBND, 2024)
        },
        2024,
    )
}

fn gpmb() -> Model {
    let id = n::GPMB;
    scheduled(
        Model {
            name: s("Dân vận khéo trong giải phóng mặt bằng mở rộng đường trục xã"),
            field: Some(Field::KinhTe),
            topic: s("Giải phóng mặt bằng các dự án trọng điểm"),
            sub_unit: s("Chi bộ Phòng Kinh tế"),
            registrant: s("Chi bộ Phòng Kinh tế"),
            responsible_leader: s("Phó Bí thư Đảng ủy Ủy ban nhân dân xã"),
            status: ModelStatus::DangThucHien,
            submitted_on: Some(ymd(2025, 8, 25)),
            registered_on: Some(ymd(2025, 8, 28)),
            situation: s(
                "Tuyến đường trục xã cần mở rộng; một số hộ còn băn khoăn về mức bồi thường.",
            ),
            advantages: s("Chủ trương được Nhân dân đồng tình."),
            difficulties: s("Nhiều thửa đất có nguồn gốc phức tạp."),
            goals: s("Bàn giao mặt bằng đúng tiến độ, không phát sinh khiếu kiện."),
            indicators: vec![
                ind(
                    id,
                    1,
                    "Số hộ bàn giao mặt bằng đúng tiến độ",
                    "hộ",
                    45.0,
                    None,
                ),
                ind(id, 2, "Diện tích đất được giải phóng", "m²", 3_200.0, None),
            ],
            content_methods: s(
                "Đối thoại trực tiếp với từng hộ; công khai phương án bồi thường; đảng viên gương mẫu bàn giao trước.",
            ),
            area: s("Các thôn dọc tuyến đường trục xã"),
            beneficiaries: s("Hộ gia đình có đất trong phạm vi dự án"),
            lead_force: s("Chi bộ Phòng Kinh tế"),
            coordinating_forces: s("Mặt trận Tổ quốc xã, Ban công tác Mặt trận các thôn"),
            participating_forces: s("Đảng viên, trưởng thôn, người có uy tín"),
            budget_vnd: Some(15_000_000),
            manpower: s("12 cán bộ, đảng viên"),
            workdays: Some(120),
            outputs: s("Biên bản bàn giao mặt bằng của từng hộ."),
            sustainability: s("Áp dụng cho các dự án giải phóng mặt bằng tiếp theo."),
            ..base(id, u::UBND, 2025)
        },
        2025,
    )
}

fn bhyt() -> Model {
    let id = n::BHYT;
    let previous = bhyt_2024();
    let mut m = Model::continue_from(&previous, model_id(id), campaign_id(2025));
    m.indicators = vec![
        ind(
            id,
            1,
            "Tỷ lệ người dân tham gia bảo hiểm y tế",
            "%",
            95.0,
            Some(92.0),
        ),
        ind(
            id,
            2,
            "Số hộ được tuyên truyền trực tiếp",
            "hộ",
            400.0,
            Some(300.0),
        ),
    ];
    m.name = s("Mỗi nhà một tấm thẻ bảo hiểm y tế - mở rộng đến hộ lao động tự do");
    m.goals = s("Tiếp tục nâng tỷ lệ tham gia, mở rộng đến lao động tự do.");
    m.status = ModelStatus::DaBaoCao;
    m.submitted_on = Some(ymd(2025, 8, 22));
    m.registered_on = Some(ymd(2025, 8, 26));
    m.reported_on = Some(ymd(2025, 11, 18));
    scheduled(m, 2025)
}

fn rac_thai() -> Model {
    let id = n::RAC_THAI;
    scheduled(
        Model {
            name: s("Phân loại rác thải tại nguồn - nhà sạch, ngõ xanh"),
            field: Some(Field::VanHoaXaHoi),
            topic: s("Phân loại, thu gom, xử lý rác thải"),
            kind: ModelKind::TapThe,
            registrant: s("Chi hội Phụ nữ thôn Đông (dữ liệu mẫu)"),
            responsible_leader: s("Bí thư Chi bộ thôn Đông (dữ liệu mẫu)"),
            status: ModelStatus::DaGui,
            submitted_on: Some(ymd(2025, 9, 3)),
            situation: s("Rác thải sinh hoạt chưa được phân loại, điểm tập kết quá tải."),
            goals: s("Hộ dân phân loại rác hữu cơ, tái chế và còn lại."),
            indicators: vec![ind(
                id,
                1,
                "Tỷ lệ hộ phân loại rác tại nguồn",
                "%",
                70.0,
                None,
            )],
            content_methods: s("Phát thùng phân loại, hướng dẫn ủ phân hữu cơ tại hộ."),
            area: s("Thôn Đông (dữ liệu mẫu)"),
            beneficiaries: s("Các hộ gia đình trong thôn"),
            lead_force: s("Chi hội Phụ nữ thôn"),
            socialized_vnd: Some(8_500_000),
            outputs: s("Danh sách hộ phân loại, ảnh điểm tập kết."),
            sustainability: s("Đưa vào hương ước thôn."),
            ..base(id, u::THON_DONG, 2025)
        },
        2025,
    )
}

fn dvc() -> Model {
    let id = n::DVC;
    scheduled(
        Model {
            name: s("Đoàn viên cầm tay chỉ việc - dịch vụ công trực tuyến"),
            field: Some(Field::XayDungHeThongChinhTri),
            topic: s("Dịch vụ công trực tuyến"),
            sub_unit: s("Đoàn Thanh niên nhà trường"),
            registrant: s("Đoàn Thanh niên Trường THPT Thanh Miện III"),
            responsible_leader: s("Bí thư Chi bộ Trường THPT Thanh Miện III"),
            status: ModelStatus::DaDangKy,
            submitted_on: Some(ymd(2025, 8, 29)),
            registered_on: Some(ymd(2025, 9, 2)),
            situation: s("Nhiều phụ huynh chưa biết nộp hồ sơ trực tuyến, cài định danh điện tử."),
            goals: s("Phụ huynh tự thực hiện dịch vụ công trực tuyến."),
            indicators: vec![
                ind(id, 1, "Số phụ huynh được hướng dẫn", "người", 250.0, None),
                ind(id, 2, "Số hồ sơ nộp trực tuyến", "hồ sơ", 120.0, None),
            ],
            content_methods: s(
                "Tổ đoàn viên hỗ trợ tại buổi họp phụ huynh và tại nhà văn hóa thôn.",
            ),
            area: s("Trường THPT Thanh Miện III và các thôn"),
            beneficiaries: s("Phụ huynh học sinh"),
            lead_force: s("Đoàn Thanh niên nhà trường"),
            outputs: s("Sổ ghi nhận hỗ trợ, số hồ sơ trực tuyến."),
            sustainability: s("Duy trì mỗi học kỳ."),
            ..base(id, u::THPT, 2025)
        },
        2025,
    )
}

fn an_ninh() -> Model {
    let id = n::AN_NINH;
    scheduled(
        Model {
            name: s("Camera an ninh - mắt thần khu dân cư"),
            field: Some(Field::QuocPhongAnNinh),
            topic: s("Toàn dân bảo vệ an ninh Tổ quốc, tố giác tội phạm"),
            registrant: s("Chi bộ Công an"),
            responsible_leader: s("Trưởng Công an xã"),
            status: ModelStatus::DangThucHien,
            submitted_on: Some(ymd(2025, 8, 20)),
            registered_on: Some(ymd(2025, 8, 22)),
            situation: s("Trộm cắp vặt còn xảy ra ở các tuyến đường liên thôn."),
            goals: s("Lắp camera giám sát do Nhân dân đóng góp."),
            indicators: vec![ind(id, 1, "Số camera được lắp đặt", "chiếc", 40.0, None)],
            content_methods: s("Họp dân thống nhất vị trí, vận động xã hội hóa kinh phí."),
            area: s("Các tuyến đường liên thôn"),
            beneficiaries: s("Nhân dân toàn xã"),
            lead_force: s("Chi bộ Công an"),
            coordinating_forces: s("Ban công tác Mặt trận các thôn"),
            socialized_vnd: Some(120_000_000),
            outputs: s("Bản đồ vị trí camera, số vụ việc được phát hiện."),
            sustainability: s("Các thôn tự duy trì, bảo dưỡng."),
            ..base(id, u::CONG_AN, 2025)
        },
        2025,
    )
}

fn nvqs() -> Model {
    Model {
        name: s("Vận động thanh niên lên đường nhập ngũ"),
        field: Some(Field::QuocPhongAnNinh),
        topic: s("Khám tuyển, thực hiện nghĩa vụ quân sự, hậu phương quân đội"),
        kind: ModelKind::CaNhan,
        registrant: s("Đồng chí Chỉ huy trưởng Quân sự xã (mẫu)"),
        situation: s("Bản nháp: đang khảo sát số thanh niên trong độ tuổi."),
        ..base(n::NVQS, u::QUAN_SU, 2025)
    }
}

fn thuy_loi() -> Model {
    let id = n::THUY_LOI;
    scheduled(
        Model {
            name: s("Nạo vét kênh mương nội đồng cùng Nhân dân"),
            field: Some(Field::KinhTe),
            topic: s("Nông thôn mới nâng cao, nông thôn mới kiểu mẫu"),
            kind: ModelKind::TapThe,
            registrant: s("Đảng bộ Xí nghiệp Khai thác công trình thuỷ lợi"),
            responsible_leader: s("Giám đốc Xí nghiệp"),
            status: ModelStatus::TraLaiDangKy,
            submitted_on: Some(ymd(2025, 8, 30)),
            return_comment: s("Đề nghị nêu rõ chiều dài kênh mương cần nạo vét ở từng thôn."),
            situation: s("Nhiều tuyến kênh mương bồi lắng, ảnh hưởng tưới tiêu."),
            goals: s("Khơi thông dòng chảy trước vụ Đông Xuân."),
            indicators: vec![ind(
                id,
                1,
                "Chiều dài kênh mương được nạo vét",
                "km",
                12.5,
                None,
            )],
            content_methods: s("Phối hợp các thôn huy động ngày công lao động."),
            area: s("Cánh đồng các thôn"),
            beneficiaries: s("Hộ sản xuất nông nghiệp"),
            lead_force: s("Đảng bộ Xí nghiệp"),
            workdays: Some(600),
            outputs: s("Biên bản nghiệm thu từng tuyến."),
            sustainability: s("Tổ chức hằng năm trước mùa mưa."),
            ..base(id, u::THUY_LOI, 2025)
        },
        2025,
    )
}
