//! The commune's screens: the reviewer's decisions and queue, the
//! evaluation, demo mode and sessions, documents and the dashboard.
// The reviewer's decisions on a model.
pub const REVIEW: &str = "Ý kiến của Ban xây dựng Đảng";
pub const ACCEPT_REGISTRATION: &str = "Chấp nhận đăng ký";
pub const RETURN_FOR_EDIT: &str = "Trả lại chỉnh sửa";
pub const STOP_MODEL: &str = "Dừng mô hình";
pub const REVIEW_NOTE: &str = "Ý kiến gửi đơn vị (khi trả lại) hoặc lý do (khi dừng)";
pub const CONFIRM_DECISION: &str = "Xác nhận";

// Security: demo mode, sessions.
pub const DEMO_BANNER: &str = "Dữ liệu mẫu";
pub const DEMO_BANNER_HINT: &str =
    "Máy chủ thử nghiệm: mật khẩu ai cũng biết, đừng nhập dữ liệu thật.";
pub const SESSIONS: &str = "Phiên đăng nhập";
pub const END_SESSIONS: &str = "Kết thúc mọi phiên";
pub const END_SESSIONS_CONFIRM: &str = "Mọi thiết bị của tài khoản này sẽ phải đăng nhập lại (thay đổi chưa gửi vẫn nằm trên thiết bị). Tiếp tục?";
pub const SESSIONS_ENDED: &str = "Đã kết thúc mọi phiên đăng nhập";
pub const NO_SESSIONS: &str = "Không có phiên đăng nhập nào đang mở.";
pub const LAST_USED: &str = "Dùng lần cuối";
pub const SIGNED_IN_AT: &str = "đăng nhập";
pub const UNKNOWN_BROWSER: &str = "Trình duyệt không rõ";
pub const DEVICE: &str = "máy";
// The reviewer's queue.
pub const QUEUE_TITLE: &str = "Hàng chờ duyệt";
pub const QUEUE_HELP: &str = "Mô hình chờ Ban xây dựng Đảng cho ý kiến: quá hạn lâu nhất và gửi sớm nhất ở trên. Làm được khi không có mạng; ý kiến được gửi khi có mạng.";
pub const FILTER_UNIT: &str = "Đơn vị";
pub const FILTER_FIELD: &str = "Lĩnh vực";
pub const FILTER_STATUS: &str = "Trạng thái";
pub const FILTER_ALL: &str = "Tất cả";
pub const UNKNOWN_UNIT: &str = "Đơn vị khác";
pub const QUEUE_EMPTY: &str = "Không còn mô hình nào chờ duyệt.";
pub const QUEUE_EMPTY_FILTERED: &str = "Không có mô hình nào khớp bộ lọc.";
pub const SENT_ON: &str = "Gửi ngày";
pub const UNIT_SENT: &str = "Đơn vị gửi";
pub const CHOOSE_FROM_QUEUE: &str = "Chọn một mô hình trong hàng chờ để xem và cho ý kiến.";
pub const BACK_QUEUE: &str = "‹ Hàng chờ duyệt";
pub const NEXT_IN_QUEUE: &str = "Mô hình tiếp theo ›";
pub const QUEUE_DONE_HERE: &str = "Đã cho ý kiến về mô hình này.";
pub const QUEUE_FINISHED: &str = "Không còn mô hình nào khác chờ duyệt.";

/// "chờ 12 ngày".
pub fn waited(days: i64) -> String {
    format!("chờ {days} ngày")
}

/// "2/5 trong hàng chờ".
pub fn queue_position(at: usize, of: usize) -> String {
    format!("{at}/{of} trong hàng chờ")
}

/// "Hàng chờ duyệt (6)".
pub fn queue_link(waiting: usize) -> String {
    format!("{QUEUE_TITLE} ({waiting})")
}

/// A filter choice with its count: "Đảng uỷ Trung tâm Y tế (3)".
pub fn with_count(label: &str, count: usize) -> String {
    format!("{label} ({count})")
}

// The evaluation.
pub const EVALUATION: &str = "Đánh giá, công nhận";
pub const EVALUATION_HELP: &str = "Chọn mức cho từng tiêu chí của đợt thi đua, ghi nhận xét và kết luận. Mỗi lựa chọn được lưu ngay trên máy.";
pub const L_CRITERION: &str = "Tiêu chí";
pub const L_COMMENT: &str = "Nhận xét";
pub const L_DECISION: &str = "Kết luận";
pub const L_EXEMPLARY: &str = "Mô hình tiêu biểu";
pub const L_REWARD: &str = "Đề nghị khen thưởng";
pub const L_REPLICATE: &str = "Đề nghị nhân rộng";
pub const CHOOSE_LEVEL: &str = "— Chọn mức —";
pub const CHOOSE_DECISION: &str = "— Chọn kết luận —";
pub const EVALUATED_BY: &str = "Người đánh giá";
pub const NOT_STAMPED: &str =
    "Chưa gửi lên máy chủ: người và ngày đánh giá do máy chủ ghi khi nhận.";
pub const FINISH_EVALUATION: &str = "Hoàn thành đánh giá";
pub const RECOGNISE: &str = "Công nhận";
pub const NOT_RECOGNISE: &str = "Không công nhận";
pub const CONFIRM_EVALUATE: &str = "Hoàn thành đánh giá mô hình này?";
pub const EVALUATION_MISSING: &str = "mục cần hoàn thành trước khi chốt đánh giá";
pub const REPORT_SUMMARY: &str = "Kết quả so với chỉ tiêu đăng ký";
pub const NO_REPORT: &str = "Chưa có báo cáo kết quả trên máy này.";

// The commune's documents.
pub const DOCUMENTS: &str = "Văn bản";
pub const DOCUMENTS_TITLE: &str = "Văn bản của xã";
pub const DOCUMENTS_HELP: &str = "Mỗi nút tải về một văn bản theo thể thức của Đảng, từ dữ liệu đã gửi lên máy chủ, để in, ký hoặc sửa trong Word, Excel.";
pub const DOCUMENT_NEEDS_CONNECTION: &str = "Văn bản được tạo trên máy chủ nên cần có kết nối mạng để tải về. Các việc khác trong ứng dụng vẫn làm bình thường khi không có mạng.";
pub const DOCUMENT_MAKING: &str = "Đang tạo văn bản…";
pub const DOCUMENT_SAVED: &str = "Đã tải về:";
pub const L_DOC_YEAR: &str = "Đợt thi đua";
pub const L_DOC_NUMBER: &str = "Số văn bản (không bắt buộc)";
pub const DOC_NUMBER_HINT: &str = "Ví dụ: 12-BC/ĐU. Để trống thì văn bản chừa chỗ ghi số bằng tay.";
pub const L_DOC_DATE: &str = "Ngày văn bản (không bắt buộc)";
pub const DOC_DATE_HINT: &str = "Để trống: ngày hôm nay.";
pub const COMMUNE_DOCUMENTS: &str = "Văn bản của xã";
pub const UNIT_DOCUMENTS: &str = "Phụ lục 02 của từng đơn vị (.docx)";
pub const DOC_MAU_01_DOCX: &str = "Mẫu 01 – Danh sách mô hình đăng ký (.docx)";
pub const DOC_MAU_01_XLSX: &str = "Mẫu 01 – Danh sách mô hình đăng ký (.xlsx)";
pub const DOC_REPORT: &str = "Báo cáo kết quả của xã (.docx)";
pub const DOC_RECOGNITION_DOCX: &str = "Danh sách mô hình được công nhận (.docx)";
pub const DOC_RECOGNITION_XLSX: &str = "Danh sách mô hình được công nhận (.xlsx)";
pub const DOC_MAU_04: &str = "Tải mẫu 04 (.docx)";
pub const DOC_MAU_04_LATER: &str =
    "Mẫu 04 tải được sau khi mô hình đã được gửi lên máy chủ (đồng bộ).";
pub const DOC_OWN_PHU_LUC_02: &str = "Tải phụ lục 02 của đơn vị (.docx)";
pub const NO_DOC_YEAR: &str =
    "Chưa có đợt thi đua trên máy này: cần đồng bộ một lần trước khi tải văn bản.";

/// A unit's phụ lục 02 button: "Phụ lục 02 – Chi bộ Thôn Đông (.docx)".
pub fn phu_luc_02_of(unit: &str) -> String {
    format!("Phụ lục 02 – {unit} (.docx)")
}

/// A campaign year in the documents' choice, with its commune when the
/// device holds several (a city viewer).
pub fn doc_year(year: i32, commune: Option<&str>) -> String {
    match commune {
        Some(c) => format!("Năm {year} – {c}"),
        None => format!("Năm {year}"),
    }
}

// The leaders' dashboard (`#/tong-quan`).
pub const DASHBOARD: &str = "Tổng quan";
pub const DASHBOARD_TITLE: &str = "Tổng quan đợt thi đua";
pub const DASHBOARD_YEAR: &str = "Đợt thi đua";
pub const DASHBOARD_NO_YEAR: &str =
    "Chưa có đợt thi đua nào trên máy này. Hãy đồng bộ khi có mạng.";
pub const DASHBOARD_CLOSED: &str = "Đợt đã kết thúc: hạn tính đến ngày báo cáo của xã";
pub const DASHBOARD_HEADLINE: &str = "Số liệu chính";
pub const DASHBOARD_UNITS_MET: &str = "Đơn vị đạt chỉ tiêu";
pub const DASHBOARD_UNMET: &str = "Chưa đạt:";
pub const DASHBOARD_TARGET: &str = "chỉ tiêu";
pub const DASHBOARD_COVERAGE: &str = "Đăng ký theo đơn vị";
pub const DASHBOARD_COL_UNIT: &str = "Đơn vị";
pub const DASHBOARD_COL_REGISTERED: &str = "Đăng ký / chỉ tiêu";
pub const DASHBOARD_COL_REGISTRATION: &str = "Hạn đăng ký";
pub const DASHBOARD_COL_REPORT: &str = "Hạn báo cáo";
pub const DASHBOARD_BY_FIELD: &str = "Theo lĩnh vực";
pub const DASHBOARD_CLOSE_LIST: &str = "Đóng danh sách";
pub const DASHBOARD_EMPTY_LIST: &str = "Không có mô hình nào.";

/// "Số liệu trên máy, đồng bộ lúc 10:30 02/12/2026": what the figures
/// include (the last successful sync, as the sync bar shows it).
pub fn dashboard_as_of(synced: Option<&str>) -> String {
    match synced {
        Some(at) => format!("Số liệu trên máy, đồng bộ lúc {at}"),
        None => "Số liệu trên máy, chưa đồng bộ lần nào".to_owned(),
    }
}

/// "5 mô hình".
pub fn models_count(n: u32) -> String {
    format!("{n} mô hình")
}

// The dashboard's grid, deadlines, freshness and charts.
pub const DASHBOARD_GRID: &str = "Tiến độ theo đơn vị";
pub const DASHBOARD_GRID_LATE: &str = "muộn";
pub const DASHBOARD_COL_DATA: &str = "Dữ liệu đến";
pub const DASHBOARD_NO_DATA: &str = "chưa có";
pub const DASHBOARD_NEXT: &str = "Hạn tiếp theo";
pub const DASHBOARD_PENDING: &str = "Chưa xong:";
pub const DASHBOARD_ALL_DONE: &str = "Các đơn vị đều đã xong.";
pub const DASHBOARD_LATE_UNITS: &str = "Đơn vị quá hạn";
pub const DASHBOARD_NO_LATE: &str = "Không có đơn vị quá hạn.";
pub const DASHBOARD_BY_KIND: &str = "Tập thể / cá nhân";
pub const DASHBOARD_BY_ORIGIN: &str = "Mới / tiếp tục";
pub const DASHBOARD_BY_STATUS: &str = "Theo trạng thái (mọi mô hình của đợt)";

/// "dữ liệu đến 08:30 01/12/2026" for the dashboard's line under the title.
pub fn dashboard_data_until(at: Option<&str>) -> String {
    match at {
        Some(at) => format!("Dữ liệu của đơn vị đến máy chủ lần cuối lúc {at}"),
        None => "Chưa có dữ liệu nào của đơn vị đến máy chủ".to_owned(),
    }
}

/// "32 / 35" as a ring's text for screen readers: "32 trên 35".
pub fn of_target(count: u32, target: u32) -> String {
    format!("{count} trên {target}")
}

// The city view.
pub const CITY: &str = "Các xã trong thành phố";
pub const CITY_LOADING: &str = " · đang lấy số liệu mới…";
pub const CITY_OFFLINE: &str = "không có kết nối";
pub const CITY_NONE: &str = "Chưa có số liệu của thành phố trên máy này. Hãy kết nối mạng để tải.";
pub const CITY_SEARCH: &str = "Tìm xã";
pub const CITY_SORT: &str = "Sắp xếp";
pub const CITY_BEHIND_ONLY: &str = "Chỉ xã chưa đạt chỉ tiêu";
pub const CITY_LATE_ONLY: &str = "Chỉ xã có đơn vị quá hạn";
pub const CITY_COL_COMMUNE: &str = "Xã";
pub const CITY_COL_RECOGNISED: &str = "Được công nhận";
pub const CITY_CLOSED: &str = " (đã kết thúc)";
pub const CITY_BACK: &str = "‹ Các xã trong thành phố";
pub const CITY_COMMUNE_NONE: &str = "Chưa có số liệu của xã này trên máy. Hãy kết nối mạng để tải.";

/// "Các xã của Hải Phòng".
pub fn city_title(city: &str) -> String {
    if city.is_empty() {
        CITY.to_owned()
    } else {
        format!("Các xã của {city}")
    }
}

/// "Số liệu máy chủ tính lúc 08:30 02/12/2026".
pub fn city_as_of(at: &str) -> String {
    format!("Số liệu máy chủ tính lúc {at}")
}

/// " · bản lưu trên máy (không có kết nối)".
pub fn city_saved(why: &str) -> String {
    format!(" · bản lưu trên máy ({why})")
}
