//! The fixed wording of the commune's documents: titles, column headers,
//! labels. Sentences built from figures are in [`super::parts`].
use crate::field::Field;

pub const MOTTO: &str = "ĐẢNG CỘNG SẢN VIỆT NAM";
pub const STAR: &str = "*";
pub const RECIPIENTS: &str = "Nơi nhận:";
pub const PREPARER: &str = "NGƯỜI LẬP BIỂU";
pub const REGISTRANT: &str = "NGƯỜI ĐĂNG KÝ";
pub const UNIT_CONFIRMATION: &str = "XÁC NHẬN CỦA CẤP ỦY";
pub const SIGN_HINT: &str = "(Ký, ghi rõ họ tên)";
pub const SIGN_SEAL_HINT: &str = "(Ký, ghi rõ họ tên, đóng dấu)";
pub const TICK: &str = "x";
pub const TO: &str = "Kính gửi:";

/// A part the records cannot fill: the unit writes it. Printed in italics
/// so nobody mistakes it for text the system wrote.
pub const TO_WRITE_UNIT: &str =
    "[Để trống: đơn vị tự viết phần này. Dữ liệu trên hệ thống không có nội dung này.]";
/// The same for the commune's own report.
pub const TO_WRITE_COMMUNE: &str =
    "[Để trống: Ban Thường vụ tự viết phần này. Dữ liệu trên hệ thống không có nội dung này.]";
/// A value not given in the records.
pub const NOT_GIVEN: &str = "";

/// Type codes of document numbers (Số 12-BC/ĐU).
pub const CODE_REPORT: &str = "BC";
pub const CODE_LIST: &str = "DS";
pub const CODE_REGISTRATION: &str = "ĐK";

pub const MAU_01_LABEL: &str = "Mẫu 01";
pub const MAU_04_LABEL: &str = "Mẫu 04";
pub const PHU_LUC_02_LABEL: &str = "Phụ lục 02";
pub const REPORT_TITLE: &str = "BÁO CÁO";
pub const LIST_TITLE: &str = "DANH SÁCH";
pub const REGISTRATION_TITLE: &str = "ĐĂNG KÝ";
pub const APPENDIX_LABEL: &str = "PHỤ LỤC";

/// `MÔ HÌNH "DÂN VẬN KHÉO" ĐĂNG KÝ NĂM 2025`.
#[must_use]
pub fn mau_01_summary(year: i32) -> String {
    format!("MÔ HÌNH \u{201c}DÂN VẬN KHÉO\u{201d} ĐĂNG KÝ NĂM {year}")
}

/// `XÂY DỰNG MÔ HÌNH "DÂN VẬN KHÉO" NĂM 2025`.
#[must_use]
pub fn mau_04_summary(year: i32) -> String {
    format!("XÂY DỰNG MÔ HÌNH \u{201c}DÂN VẬN KHÉO\u{201d} NĂM {year}")
}

/// `KẾT QUẢ THỰC HIỆN MÔ HÌNH "DÂN VẬN KHÉO" NĂM 2025`.
#[must_use]
pub fn phu_luc_02_summary(year: i32) -> String {
    format!("KẾT QUẢ THỰC HIỆN MÔ HÌNH \u{201c}DÂN VẬN KHÉO\u{201d} NĂM {year}")
}

/// `Kết quả thực hiện phong trào thi đua "Dân vận khéo" năm 2025`.
#[must_use]
pub fn report_summary(year: i32) -> String {
    format!("Kết quả thực hiện phong trào thi đua \u{201c}Dân vận khéo\u{201d} năm {year}")
}

/// `MÔ HÌNH "DÂN VẬN KHÉO" ĐƯỢC CÔNG NHẬN NĂM 2025`.
#[must_use]
pub fn recognition_summary(year: i32) -> String {
    format!("MÔ HÌNH \u{201c}DÂN VẬN KHÉO\u{201d} ĐƯỢC CÔNG NHẬN NĂM {year}")
}

/// "(Kèm theo Kế hoạch số …)", with dots to fill when the plan is not set.
#[must_use]
pub fn attached_to(plan_reference: &str, place: &str) -> String {
    if crate::validate::is_blank(plan_reference) {
        format!(
            "(Kèm theo Kế hoạch số ......-KH/ĐU, ngày ....../....../...... của Ban Thường vụ Đảng ủy xã {})",
            place.trim()
        )
    } else {
        format!("(Kèm theo {})", plan_reference.trim())
    }
}

/// Short field names for the tick columns of mẫu 01.
#[must_use]
pub fn field_short(field: Field) -> &'static str {
    match field {
        Field::KinhTe => "Kinh tế",
        Field::VanHoaXaHoi => "Văn hóa - xã hội",
        Field::QuocPhongAnNinh => "QP-AN, TG-DT",
        Field::XayDungHeThongChinhTri => "Xây dựng HTCT",
    }
}

/// Mẫu 01's header: the fields column has four tick columns under it.
pub const MAU_01_HEADERS: [&str; 11] = [
    "STT",
    "Tên mô hình",
    "Chủ thể",
    "Đơn vị",
    "Lĩnh vực",
    "Mục tiêu, nội dung tóm tắt",
    "Lực lượng phối hợp",
    "Thời gian",
    "Mới / Tiếp tục",
    "Người phụ trách",
    "Ghi chú",
];
/// Index of "Lĩnh vực" in [`MAU_01_HEADERS`].
pub const MAU_01_FIELD_COLUMN: usize = 4;
/// Leaf columns of mẫu 01: the headers with "Lĩnh vực" split in four.
pub const MAU_01_COLUMNS: usize = MAU_01_HEADERS.len() - 1 + Field::ALL.len();

pub const PHU_LUC_02_HEADERS: [&str; 11] = [
    "STT",
    "Tên mô hình",
    "Chủ thể",
    "Lĩnh vực",
    "Chỉ tiêu đăng ký",
    "Kết quả đạt",
    "Tỷ lệ %",
    "Nguồn lực huy động",
    "Sản phẩm, minh chứng",
    "Tự đánh giá",
    "Đề nghị",
];

pub const COVERAGE_HEADERS: [&str; 8] = [
    "Đơn vị",
    "Chỉ tiêu",
    "Số đăng ký",
    "Đang thực hiện",
    "Được công nhận",
    "Tiêu biểu",
    "Đề nghị khen thưởng",
    "Báo cáo",
];

pub const RECOGNITION_HEADERS: [&str; 8] = [
    "STT",
    "Tên mô hình",
    "Đơn vị",
    "Lĩnh vực",
    "Kết luận",
    "Tiêu biểu",
    "Đề nghị khen thưởng",
    "Nhân rộng",
];

pub const NEW: &str = "Mới";
pub const CONTINUED: &str = "Tiếp tục";
pub const TOTAL: &str = "Tổng cộng";

/// "Tổng: 25 mô hình (20 tập thể, 5 cá nhân)".
#[must_use]
pub fn list_total(total: u32, collective: u32, individual: u32) -> String {
    use crate::format::integer;
    format!(
        "Tổng: {} mô hình ({} tập thể, {} cá nhân)",
        integer(i64::from(total)),
        integer(i64::from(collective)),
        integer(i64::from(individual))
    )
}

/// The nine items of mẫu 04, in order, with their sub-labels.
pub const MAU_04_ITEMS: [&str; 9] = [
    "1. Tên mô hình",
    "2. Thực trạng, lý do xây dựng mô hình",
    "3. Mục tiêu; tiêu chí, chỉ tiêu",
    "4. Nội dung, cách thức, biện pháp thực hiện",
    "5. Địa bàn, đối tượng",
    "6. Lực lượng thực hiện",
    "7. Nguồn lực và thời gian thực hiện",
    "8. Sản phẩm, kết quả đầu ra kiểm chứng được",
    "9. Khả năng duy trì, nhân rộng",
];

/// The five parts of a results report, in order.
pub const PARTS: [&str; 5] = [
    "I- CÔNG TÁC LÃNH ĐẠO, CHỈ ĐẠO, TRIỂN KHAI THỰC HIỆN",
    "II- KẾT QUẢ THỰC HIỆN",
    "III- ĐÁNH GIÁ CHUNG",
    "IV- PHƯƠNG HƯỚNG, NHIỆM VỤ NĂM TIẾP THEO",
    "V- ĐỀ XUẤT, KIẾN NGHỊ",
];

/// Models whose unit is not among the commune's units.
pub const UNKNOWN_UNIT: &str = "Chưa xác định đơn vị";
pub const RESULTS_TABLE_TITLE: &str = "BIỂU TỔNG HỢP KẾT QUẢ CÁC MÔ HÌNH";
pub const COVERAGE_TABLE_TITLE: &str =
    "Kết quả thực hiện chỉ tiêu và thời hạn báo cáo của các đơn vị";
pub const APPENDIX_LIST: &str = "Phụ lục 1: Danh sách mô hình đăng ký";
pub const APPENDIX_RESULTS: &str = "Phụ lục 2: Kết quả thực hiện các mô hình";

/// File names, accented (the ASCII form is derived where needed).
pub const FILE_MAU_04: &str = "Mẫu-04-Đăng-ký-mô-hình";
pub const FILE_MAU_01: &str = "Mẫu-01-Danh-sách-mô-hình";
pub const FILE_PHU_LUC_02: &str = "Phụ-lục-02-Kết-quả";
pub const FILE_REPORT: &str = "Báo-cáo-Dân-vận-khéo";
pub const FILE_RECOGNITION: &str = "Danh-sách-mô-hình-được-công-nhận";

/// "Chi bộ Công an (2 mô hình)", a unit's row in a list.
#[must_use]
pub fn unit_group(name: &str, models: u32) -> String {
    format!(
        "{} ({} mô hình)",
        name.trim(),
        crate::format::integer(i64::from(models))
    )
}

/// The authority line a unit signs under: "T/M ĐẢNG ỦY", "T/M CHI BỘ".
#[must_use]
pub fn unit_authority(kind: crate::org::UnitKind) -> &'static str {
    use crate::org::UnitKind;
    match kind {
        UnitKind::DangUy | UnitKind::DangBo => "T/M ĐẢNG ỦY",
        UnitKind::ChiBo | UnitKind::ChiBoThon => "T/M CHI BỘ",
        UnitKind::Khac => UNIT_CONFIRMATION,
    }
}

/// "Tổng: 5 mô hình được công nhận (2 tiêu biểu, 1 đề nghị khen thưởng, 3 nhân rộng)".
#[must_use]
pub fn recognition_total(recognised: u32, exemplary: u32, reward: u32, replicate: u32) -> String {
    use crate::format::integer;
    let n = |v: u32| integer(i64::from(v));
    format!(
        "Tổng: {} mô hình được công nhận ({} tiêu biểu, {} đề nghị khen thưởng, {} nhân rộng)",
        n(recognised),
        n(exemplary),
        n(reward),
        n(replicate)
    )
}
