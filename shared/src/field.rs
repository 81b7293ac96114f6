//! The four fields (lĩnh vực) of section II.3 of the plan, with the topics each suggests.
use serde::{Deserialize, Serialize};

/// A field of work a model belongs to.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash, PartialOrd, Ord, Serialize, Deserialize)]
#[serde(rename_all = "snake_case")]
pub enum Field {
    KinhTe,
    VanHoaXaHoi,
    QuocPhongAnNinh,
    XayDungHeThongChinhTri,
}

impl Field {
    pub const ALL: [Self; 4] = [
        Self::KinhTe,
        Self::VanHoaXaHoi,
        Self::QuocPhongAnNinh,
        Self::XayDungHeThongChinhTri,
    ];

    #[must_use]
    pub fn label(&self) -> &'static str {
        match self {
            Self::KinhTe => "Kinh tế",
            Self::VanHoaXaHoi => "Văn hóa - xã hội",
            Self::QuocPhongAnNinh => "Quốc phòng - an ninh, tôn giáo - dân tộc",
            Self::XayDungHeThongChinhTri => "Xây dựng hệ thống chính trị",
        }
    }

    /// Topics the plan suggests for this field; the topic itself stays free text.
    #[must_use]
    pub fn topics(&self) -> &'static [&'static str] {
        match self {
            Self::KinhTe => &[
                "Giải phóng mặt bằng các dự án trọng điểm",
                "Sản xuất kinh doanh hiệu quả, đổi mới công nghệ, bảo vệ môi trường",
                "Chuỗi liên kết sản xuất, chế biến, tiêu thụ sản phẩm",
                "Sản phẩm OCOP, làng nghề truyền thống",
                "Nông thôn mới nâng cao, nông thôn mới kiểu mẫu",
                "Dồn điền, đổi thửa, khắc phục đất bỏ hoang",
                "Chuyển dịch cơ cấu cây trồng, nông nghiệp hữu cơ, công nghệ cao",
            ],
            Self::VanHoaXaHoi => &[
                "Bảo hiểm y tế",
                "Chính sách người có công, đền ơn đáp nghĩa",
                "Giúp đỡ hộ nghèo, hộ có hoàn cảnh khó khăn",
                "Hỗ trợ công nhân lao động, nhân đạo từ thiện",
                "Bảo vệ môi trường, cây xanh, tuyến đường sáng - xanh - sạch - đẹp",
                "Phân loại, thu gom, xử lý rác thải",
                "Hiến đất xây dựng hạ tầng, mở rộng ngõ phố, an toàn hành lang giao thông",
                "Bảo tồn di tích, giữ gìn bản sắc văn hóa",
                "Nếp sống văn minh trong việc cưới, việc tang, lễ hội",
                "Xã hội học tập, văn hóa đọc",
                "Chuyển đổi số, dịch vụ công trực tuyến, bình dân học vụ số",
            ],
            Self::QuocPhongAnNinh => &[
                "Toàn dân bảo vệ an ninh Tổ quốc, tố giác tội phạm",
                "Phòng, chống tội phạm và tệ nạn xã hội",
                "Khu dân cư, cơ quan, nhà trường an toàn về an ninh trật tự",
                "Khám tuyển, thực hiện nghĩa vụ quân sự, hậu phương quân đội",
                "Chấp hành Luật an ninh mạng, sử dụng internet, mạng xã hội",
                "Đồng bào có đạo sống tốt đời, đẹp đạo",
            ],
            Self::XayDungHeThongChinhTri => &[
                "Thành lập tổ chức Đảng, đoàn thể; phát triển đoàn viên, hội viên, đảng viên",
                "Đổi mới hoạt động của Mặt trận Tổ quốc và các đoàn thể",
                "Trách nhiệm, đạo đức công vụ; chính quyền thân thiện",
                "Chính quyền địa phương 02 cấp hiệu năng, hiệu lực, hiệu quả",
                "Dịch vụ công trực tuyến",
                "Cải cách tư pháp, trợ giúp pháp lý, hòa giải cơ sở",
                "Đối thoại với Nhân dân, góp ý xây dựng Đảng, chính quyền",
                "Thực hiện Luật dân chủ ở cơ sở",
            ],
        }
    }
}
