//! The demo commune's document settings (sample signer and recipients).
use crate::document::DocumentSettings;

pub(crate) fn settings() -> DocumentSettings {
    DocumentSettings {
        superior_body: "ĐẢNG BỘ THÀNH PHỐ HẢI PHÒNG".to_owned(),
        issuing_body: "ĐẢNG ỦY XÃ THANH MIỆN".to_owned(),
        issuer_code: "ĐU".to_owned(),
        signer_authority: "T/M BAN THƯỜNG VỤ".to_owned(),
        signer_post: "PHÓ BÍ THƯ THƯỜNG TRỰC".to_owned(),
        signer_name: "Phạm Văn Hùng (mẫu)".to_owned(),
        recipients: [
            "Ban Thường vụ Thành ủy,",
            "Ban Tuyên giáo và Dân vận Thành ủy,",
            "Các đồng chí Ủy viên Ban Chấp hành Đảng bộ xã,",
            "Các chi bộ, đảng bộ trực thuộc,",
            "Lưu VPĐU.",
        ]
        .map(str::to_owned)
        .to_vec(),
        addressee: "Ban xây dựng Đảng Đảng ủy xã Thanh Miện".to_owned(),
        plan_reference: String::new(),
        format: Default::default(),
    }
}
