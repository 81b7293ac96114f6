//! Every user-facing message of the domain, in one place, so the app and the
//! server show the same Vietnamese text.

pub const INVALID_NUMBER: &str = "Số không hợp lệ";
pub const NEGATIVE: &str = "Không được là số âm";
pub const NOT_POSITIVE: &str = "Phải lớn hơn 0";
pub const INVALID_DATE: &str = "Ngày không hợp lệ (định dạng dd/mm/yyyy)";
pub const EMPTY_NUMBER: &str = "Vui lòng nhập số";
pub const NUMBER_OUT_OF_RANGE: &str = "Số quá lớn";

pub const MODEL_NAME_REQUIRED: &str = "Vui lòng nhập tên mô hình";
pub const END_BEFORE_START: &str = "Ngày kết thúc phải sau ngày bắt đầu";
pub const MILESTONE_OUTSIDE: &str = "Mốc thời gian phải nằm trong thời gian thực hiện";
pub const INDICATOR_REQUIRED: &str =
    "Vui lòng nhập ít nhất một chỉ tiêu (tên, đơn vị tính, chỉ tiêu > 0)";
pub const NOT_HIGHER_THAN_PREVIOUS: &str = "Mô hình tiếp tục phải có chỉ tiêu cao hơn năm trước";
pub const PREVIOUS_MISSING: &str = "Không tìm thấy mô hình năm trước để đối chiếu";
pub const PREVIOUS_MISMATCH: &str = "Mô hình năm trước không khớp với mô hình được tiếp tục";
pub const CONTINUED_FROM_SELF: &str = "Mô hình không thể tiếp tục chính nó";

pub const REACHED_REQUIRED: &str = "Vui lòng nhập kết quả đạt được của chỉ tiêu";
pub const UNKNOWN_INDICATOR: &str = "Chỉ tiêu không thuộc mô hình này";
pub const DUPLICATE_INDICATOR: &str = "Chỉ tiêu bị lặp";

pub const DEADLINE_ORDER_UNIT_REPORT: &str = "Hạn báo cáo của đơn vị không được trước hạn đăng ký";
pub const DEADLINE_ORDER_COMMUNE_REPORT: &str =
    "Hạn báo cáo của xã không được trước hạn báo cáo của đơn vị";
pub const YEAR_RANGE: &str = "Năm phải từ 2000 đến 2100";
pub const DUPLICATE_UNIT_TARGET: &str = "Đơn vị đã có chỉ tiêu riêng";
pub const DUPLICATE_NAME: &str = "Tên bị trùng";
pub const LEVELS_REQUIRED: &str = "Vui lòng nhập ít nhất một mức đánh giá";

pub const UNIT_PARENT_SELF: &str = "Đơn vị không thể trực thuộc chính nó";

pub const USERNAME_FORMAT: &str = "Tên đăng nhập chỉ gồm chữ thường không dấu, số và . _ -";
pub const USERNAME_TOO_SHORT: &str = "Tên đăng nhập phải có ít nhất 3 ký tự";
pub const USER_UNIT_REQUIRED: &str = "Cán bộ đơn vị phải thuộc một đơn vị";
pub const USER_COMMUNE_REQUIRED: &str = "Tài khoản phải thuộc một xã";
pub const USER_CITY_REQUIRED: &str = "Tài khoản cấp thành phố phải có tên thành phố";

pub const SCORE_REQUIRED: &str = "Vui lòng chọn mức đánh giá cho tiêu chí";
pub const UNKNOWN_LEVEL: &str = "Mức đánh giá không có trong danh sách";
pub const UNKNOWN_CRITERION: &str = "Tiêu chí không có trong danh sách";
pub const DECISION_REQUIRED: &str = "Vui lòng chọn kết luận: công nhận hoặc không công nhận";
pub const HONOUR_WITHOUT_RECOGNITION: &str =
    "Chỉ mô hình được công nhận mới có thể là tiêu biểu, được đề nghị khen thưởng hoặc nhân rộng";

pub const MOVE_NOT_ALLOWED: &str = "Không được phép chuyển trạng thái này";
pub const COMMENT_REQUIRED: &str = "Vui lòng ghi ý kiến khi trả lại chỉnh sửa";
pub const REASON_REQUIRED: &str = "Vui lòng ghi lý do dừng mô hình";
pub const REGISTRATION_INCOMPLETE: &str = "Bản đăng ký chưa đầy đủ";
pub const REPORT_INCOMPLETE: &str = "Báo cáo kết quả chưa đầy đủ";
pub const EVALUATION_INCOMPLETE: &str = "Phiếu đánh giá chưa đầy đủ";
pub const DECISION_MISMATCH: &str = "Kết luận của phiếu đánh giá không khớp với trạng thái chọn";
pub const MISSING_DOCUMENT: &str = "Thiếu hồ sơ cần thiết cho bước này";

pub const DONE_ON_TIME: &str = "đúng hạn";
pub const DEADLINE_TODAY: &str = "hôm nay là hạn cuối";

/// "Vui lòng nhập tên mô hình", from the field's label.
#[must_use]
pub fn required(label: &str) -> String {
    format!("Vui lòng nhập {label}")
}

/// "Không được dài quá 200 ký tự".
#[must_use]
pub fn too_long(max: usize) -> String {
    format!(
        "Không được dài quá {} ký tự",
        crate::format::integer(usize_to_i64(max))
    )
}

/// "còn 3 ngày".
#[must_use]
pub fn days_left(days: i64) -> String {
    format!("còn {days} ngày")
}

/// "quá hạn 2 ngày".
#[must_use]
pub fn overdue(days: i64) -> String {
    format!("quá hạn {days} ngày")
}

/// "nộp muộn 2 ngày".
#[must_use]
pub fn done_late(days: i64) -> String {
    format!("nộp muộn {days} ngày")
}

fn usize_to_i64(n: usize) -> i64 {
    i64::try_from(n).unwrap_or(i64::MAX)
}

/// "Mật khẩu phải có ít nhất 8 ký tự".
#[must_use]
pub fn password_too_short(min: usize) -> String {
    format!("Mật khẩu phải có ít nhất {min} ký tự")
}

/// "Giá trị phải từ 8 đến 30".
#[must_use]
pub fn between(min: u32, max: u32) -> String {
    format!("Giá trị phải từ {min} đến {max}")
}

/// "Cần đúng 14 giá trị, mỗi cột một giá trị".
#[must_use]
pub fn column_count(columns: usize) -> String {
    format!("Cần đúng {columns} giá trị, mỗi cột một giá trị")
}

pub const TOO_MANY_RECIPIENTS: &str = "Tối đa 30 nơi nhận";
