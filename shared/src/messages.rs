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
pub const CITY_ACCOUNT_NOT_HERE: &str = "Quản trị xã không tạo được tài khoản cấp thành phố";
pub const UNIT_NOT_IN_COMMUNE: &str = "Đơn vị này không thuộc xã";
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

// The reviewer's queue (`queue`), evaluation and replication (`replication`).
pub const QUEUE_REGISTRATION: &str = "Đăng ký chờ duyệt";
pub const QUEUE_REPORT: &str = "Báo cáo chờ đánh giá";
pub const QUEUE_DECISION: &str = "Đã đánh giá, chờ kết luận";
pub const DUPLICATE_EVALUATION: &str = "Mô hình này đã có phiếu đánh giá";
pub const EVALUATION_MISMATCH: &str = "Phiếu đánh giá phải cùng xã, cùng đợt thi đua với mô hình";
pub const LINK_OTHER_COMMUNE: &str = "Chỉ tiếp tục hoặc áp dụng được mô hình của cùng xã";
pub const ADOPT_NOT_REPLICABLE: &str = "Chỉ áp dụng được mô hình của đơn vị khác khi mô hình đó đã được công nhận và đề nghị nhân rộng";
pub const ADOPT_SAME_YEAR: &str = "Chỉ áp dụng được mô hình nhân rộng của năm trước";

pub const DONE_ON_TIME: &str = "đúng hạn";

// The leaders' dashboard (`dashboard`).
pub const FIGURE_REGISTERED: &str = "Mô hình đã đăng ký";
pub const FIGURE_REPORTED: &str = "Đã báo cáo kết quả";
pub const FIGURE_EVALUATED: &str = "Đã đánh giá";
pub const FIGURE_RECOGNISED: &str = "Được công nhận";
pub const FIGURE_EXEMPLARY: &str = "Tiêu biểu";
pub const FIGURE_PROPOSED_REWARD: &str = "Đề nghị khen thưởng";
pub const FIGURE_REPLICATE: &str = "Nhân rộng";
pub const FIGURE_UNIT: &str = "Mô hình của đơn vị";
pub const NO_FIELD: &str = "Chưa chọn lĩnh vực";
pub const UNNAMED_MODEL: &str = "(chưa đặt tên)";
pub const UNKNOWN_MODEL: &str = "(không tìm thấy mô hình)";
pub const FIGURE_NEW: &str = "Mô hình mới";
pub const FIGURE_CONTINUED: &str = "Mô hình tiếp tục";
pub const STAGE_REGISTERED: &str = "Đã đăng ký";
pub const STAGE_IN_PROGRESS: &str = "Đang thực hiện";
pub const STAGE_REPORTED: &str = "Đã báo cáo";
pub const STAGE_EVALUATED: &str = "Đã đánh giá";
pub const STAGE_RECOGNISED: &str = "Được công nhận";
pub const LATE_REGISTERED: &str = "Đăng ký muộn";
pub const LATE_IN_PROGRESS: &str = "Quá hạn báo cáo";
pub const LATE_REPORTED: &str = "Báo cáo muộn";
pub const LATE_EVALUATED: &str = "Đánh giá sau hạn của xã";

// The city view (`city`).
pub const SORT_NAME: &str = "Tên xã";
pub const SORT_COVERAGE: &str = "Đăng ký so với chỉ tiêu (thấp trước)";
pub const SORT_RECOGNISED: &str = "Được công nhận (nhiều trước)";
pub const SORT_LATE: &str = "Đơn vị quá hạn (nhiều trước)";
pub const SORT_LAST_DATA: &str = "Dữ liệu đến (cũ trước)";

/// "Đã báo cáo · Chi bộ thôn Đông": a grid cell's list heading.
#[must_use]
pub fn of_unit(label: &str, unit: &str) -> String {
    if unit.is_empty() {
        label.to_owned()
    } else {
        format!("{label} · {unit}")
    }
}

/// "Chi bộ thôn Đông · Đợt thi đua 2025": whose year a screen shows (the
/// unit's for an officer, the commune's for everyone else).
#[must_use]
pub fn whose_year(whose: &str, year: i32) -> String {
    if whose.is_empty() {
        campaign_year(year)
    } else {
        format!("{whose} · {}", campaign_year(year))
    }
}

/// "Xem thêm 50 mô hình (còn 2.950)": home's button under the models drawn
/// so far, `next` more of the `left` not drawn yet.
#[must_use]
pub fn more_models(next: usize, left: usize) -> String {
    let count = |n: usize| crate::format::number(n as f64);
    if next >= left {
        format!("Xem thêm {} mô hình", count(left))
    } else {
        format!("Xem thêm {} mô hình (còn {})", count(next), count(left))
    }
}

/// "Đợt thi đua 2025".
#[must_use]
pub fn campaign_year(year: i32) -> String {
    format!("Đợt thi đua {year}")
}

/// "Đợt thi đua 2025 đã kết thúc ngày 01/12/2025".
#[must_use]
pub fn year_closed(year: i32, on: chrono::NaiveDate) -> String {
    format!(
        "Đợt thi đua {year} đã kết thúc ngày {}",
        crate::format::date(on)
    )
}

/// "Đợt thi đua 2025 · Đảng bộ xã Thanh Miện".
#[must_use]
pub fn campaign_of(year: i32, commune: &str) -> String {
    format!("Đợt thi đua {year} · {commune}")
}
pub const DEADLINE_TODAY: &str = "hôm nay là hạn cuối";

/// "Vui lòng nhập tên mô hình", from the field's label.
#[must_use]
pub fn required(label: &str) -> String {
    format!("Vui lòng nhập {label}")
}

/// "Không được dài quá 10.000 ký tự", the number already formatted.
#[must_use]
pub fn too_long(max: &str) -> String {
    format!("Không được dài quá {max} ký tự")
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

/// "Mật khẩu phải có ít nhất 10 ký tự (…)".
#[must_use]
pub fn password_too_short(min: usize) -> String {
    format!("Mật khẩu phải có ít nhất {min} ký tự (có thể là một câu gồm vài từ)")
}

pub const PASSWORD_COMMON: &str =
    "Mật khẩu này quá phổ biến, dễ bị đoán; hãy chọn mật khẩu khác, ví dụ một câu gồm vài từ";
pub const PASSWORD_DIGITS_ONLY: &str =
    "Mật khẩu không được chỉ gồm chữ số (như ngày sinh, số điện thoại)";

// Why the shared rules refused a change (`sync::rules`).
pub const READ_ONLY: &str = "Tài khoản này chỉ được xem, không được thay đổi dữ liệu";
pub const OUT_OF_SCOPE: &str = "Bạn không có quyền với dữ liệu của đơn vị hoặc xã này";
pub const BAD_DATA: &str = "Dữ liệu không đúng định dạng";
pub const INVALID: &str = "Dữ liệu chưa hợp lệ, xem các ô được đánh dấu";
pub const CANNOT_EDIT: &str = "Không được sửa nội dung này ở trạng thái hiện tại";
pub const IMMUTABLE: &str = "Không được đổi đơn vị, xã hoặc đợt thi đua của hồ sơ";
pub const NO_MODEL: &str = "Không tìm thấy mô hình của hồ sơ này";
pub const CANNOT_DELETE: &str = "Chỉ xoá được bản nháp chưa gửi";
pub const ADMIN_ONLY: &str = "Chỉ quản trị viên của xã được thay đổi mục này";
pub const DUPLICATE_REPORT: &str = "Mô hình này đã có báo cáo kết quả";
pub const KIND_MISMATCH: &str = "Mã hồ sơ đã dùng cho loại dữ liệu khác";
pub const NO_COMMUNE: &str = "Thiếu mã xã của hồ sơ";
pub const BAD_ID: &str = "Mã hồ sơ phải là UUID phiên bản 7 (chữ thường), khác 0";
pub const UNKNOWN_FIELD: &str = "Hồ sơ loại này không có trường";
pub const BAD_VERSION: &str = "Phiên bản gốc mới hơn bản trên máy chủ: hãy đồng bộ lại rồi sửa";
pub const UNKNOWN_RECORD: &str =
    "Hồ sơ chưa có trên máy chủ: thay đổi này sẽ được nhận sau khi hồ sơ được tạo";
pub const OP_REUSED: &str = "Mã thay đổi này đã được dùng cho một nội dung khác";
/// The server's store was restored from a backup since this device last
/// synced: its cursor and versions belong to the store before, so it must
/// pull again before it sends (the sync does both by itself).
pub const EPOCH_CHANGED: &str = "Máy chủ đã được khôi phục từ bản sao lưu: thiết bị tải lại dữ liệu rồi gửi lại các thay đổi đang chờ";
pub const BAD_LIMIT: &str = "Tham số limit phải từ 1 đến 1000";
pub const STORED_RESULT_UNREADABLE: &str = "Lỗi dữ liệu máy chủ";

// Answers of the HTTP API (`api::Code`).
pub const NOT_FOUND: &str = "Không tìm thấy địa chỉ yêu cầu.";
pub const UNAUTHORIZED: &str = "Vui lòng đăng nhập.";
pub const SESSION_EXPIRED: &str =
    "Phiên đăng nhập đã hết hạn, vui lòng đăng nhập lại. Dữ liệu trên máy vẫn được giữ.";
pub const ACCOUNT_DISABLED: &str = "Tài khoản đã bị khoá, vui lòng liên hệ quản trị viên.";
pub const BAD_CREDENTIALS: &str = "Tên đăng nhập hoặc mật khẩu không đúng.";
pub const RATE_LIMITED: &str = "Đăng nhập sai quá nhiều lần, vui lòng thử lại sau 15 phút.";
pub const FORBIDDEN: &str = "Bạn không có quyền thực hiện thao tác này.";
pub const INVALID_REQUEST: &str = "Dữ liệu chưa hợp lệ, xem các ô được đánh dấu.";
pub const BAD_JSON: &str = "Dữ liệu gửi lên không hợp lệ";
pub const TOO_LARGE: &str = "Dữ liệu gửi lên quá lớn.";
pub const INTERNAL: &str = "Máy chủ gặp sự cố, vui lòng thử lại sau.";
pub const DEVICE_MISMATCH: &str = "Các thay đổi trong một lần gửi phải cùng một thiết bị.";
pub const USERNAME_TAKEN: &str = "Tên đăng nhập đã có người dùng.";
pub const METHOD_NOT_ALLOWED: &str = "Địa chỉ này không nhận phương thức yêu cầu đó.";
pub const UNAVAILABLE: &str = "Máy chủ đang bận, vui lòng thử lại sau ít phút.";
pub const BUSY_WRITING: &str = "Máy chủ đang bận ghi dữ liệu, thiết bị sẽ tự gửi lại sau ít giây.";
pub const STORE_NOT_ANSWERING: &str =
    "Máy chủ dữ liệu chưa trả lời, thiết bị sẽ tự thử lại sau ít giây.";
pub const BATCH_TOO_LARGE: &str = "Gửi quá nhiều thay đổi trong một lần.";
pub const CANNOT_CHANGE_SELF: &str = "Không thể tự khoá hoặc tự bỏ quyền quản trị của chính mình.";
pub const TOO_MANY_REQUESTS: &str =
    "Máy chủ đang nhận quá nhiều yêu cầu từ tài khoản hoặc mạng này, vui lòng thử lại sau ít giây.";
pub const CROSS_ORIGIN: &str = "Yêu cầu này không đến từ ứng dụng DVK nên không được thực hiện.";
pub const OFFLINE: &str = "Không kết nối được máy chủ";
pub const BAD_QUERY: &str = "Tham số không hợp lệ";
pub const BAD_ANSWER: &str = "Máy chủ trả lời nội dung không đọc được";
pub const STORAGE: &str = "Không ghi được vào bộ nhớ trên máy";

/// "Mỗi lần gửi tối đa 200 thay đổi."
#[must_use]
pub fn batch_too_large(max: usize) -> String {
    format!("Mỗi lần gửi tối đa {max} thay đổi.")
}

/// "Máy chủ báo lỗi (502)".
#[must_use]
/// A stored segment of records had lines that did not read.
pub fn log_damaged(key: &str, aside: &str) -> String {
    format!("{key}: có dòng không đọc được (bản gốc giữ tại {aside})")
}

/// Records kept in the older layout could not be moved into the log.
pub fn records_not_moved(error: &str) -> String {
    format!("Hồ sơ chưa chuyển được sang kho mới ({error}); vẫn đọc từ chỗ cũ")
}

pub fn server_status(status: u16) -> String {
    format!("Máy chủ báo lỗi ({status})")
}

/// "Tên đăng nhập nguyen.a đã có người dùng."
#[must_use]
pub fn username_taken(username: &str) -> String {
    format!("Tên đăng nhập {username} đã có người dùng.")
}

// The server's command line.
pub const SERVER_RUNNING_AT: &str = "DVK đang chạy tại";
pub const ADMIN_NOT_CREATED: &str = "không tạo được quản trị viên";

/// "Đã tạo quản trị viên quantri cho Đảng bộ xã Thanh Miện".
#[must_use]
pub fn admin_created(username: &str, commune: &str) -> String {
    format!("Đã tạo quản trị viên {username} cho {commune}")
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

// Asking for a document (`api::Code`).
pub const BAD_FORMAT: &str = "Định dạng phải là docx hoặc xlsx.";
pub const UNSUPPORTED_FORMAT: &str = "Văn bản này không có dạng bảng tính (xlsx).";
pub const BAD_DOCUMENT_NUMBER: &str = "Số văn bản quá dài.";
pub const CAMPAIGN_REQUIRED: &str = "Vui lòng chọn đợt thi đua (tham số campaign).";

/// `server backup` wrote a backup.
#[must_use]
pub fn backup_written(file: &str, bytes: u64, head: u64) -> String {
    format!("Đã sao lưu vào {file} ({bytes} byte, đến thay đổi số {head})")
}

pub const BACKUP_FAILED: &str = "Không sao lưu được";

/// `server restore` brought a backup back.
#[must_use]
pub fn restored(records: u64, head: u64, epoch: &str) -> String {
    format!(
        "Đã khôi phục {records} bản ghi (đến thay đổi số {head}); kỷ nguyên mới {epoch}: \
         các thiết bị sẽ tải lại dữ liệu và gửi lại thay đổi đang chờ"
    )
}

pub const RESTORE_FAILED: &str = "Không khôi phục được";
// Photos as evidence (`crate::photo`).
pub const PHOTO_PENDING: &str = "ảnh đang chờ tải lên";
pub const PHOTO_NOT_SENT: &str = "ảnh chưa gửi lên máy chủ";
pub const PHOTO_BAD_TYPE: &str = "Chỉ nhận ảnh JPEG, WebP hoặc PNG.";
/// Says `photo::MAX_BYTES` in MB (a test checks they agree).
pub const PHOTO_TOO_LARGE: &str = "Ảnh quá lớn: tối đa 1 MB sau khi thu nhỏ.";
pub const PHOTO_TOO_MANY_A: &str = "Tối đa";
pub const PHOTO_TOO_MANY_B: &str = "ảnh cho mỗi mục.";
pub const PHOTO_TWICE: &str = "Ảnh này đã có trong mục.";
pub const PHOTO_BAD_REFERENCE: &str = "Tham chiếu ảnh không hợp lệ.";
pub const PHOTO_BAD_OFFSET: &str =
    "Phần ảnh gửi lên không nối tiếp phần máy chủ đã nhận; hỏi lại máy chủ rồi gửi tiếp.";
pub const PHOTO_HASH_MISMATCH: &str =
    "Ảnh nhận được không khớp mã kiểm tra (SHA-256); không lưu, hãy gửi lại.";
pub const PHOTO_STORAGE_FULL: &str =
    "Máy đã hết chỗ lưu: không giữ được ảnh này. Mục ghi vẫn được giữ.";
pub const PHOTO_NOT_IMAGE: &str = "Không đọc được ảnh này (không phải tệp ảnh).";

// Backup files with photos (`crate::sync::backup`).
pub const BACKUP_PHOTO_BAD_NAME: &str = "Tên ảnh trong bản sao lưu không phải mã SHA-256.";
pub const BACKUP_PHOTO_NOT_BASE64: &str = "Dữ liệu ảnh trong bản sao lưu bị hỏng (không đọc được).";
pub const BACKUP_PHOTO_HASH_MISMATCH: &str =
    "Ảnh trong bản sao lưu không khớp mã kiểm tra (SHA-256): tệp đã bị sửa hoặc hỏng.";
pub const BACKUP_RECORDS_ONLY: &str = "Tải bản sao lưu (chỉ dữ liệu, tệp nhỏ)";
pub const BACKUP_CHOOSE: &str = "Chọn nội dung bản sao lưu:";

/// The button that downloads records with the unsent photos.
#[must_use]
pub fn backup_with_photos(photos: usize, megabytes: &str) -> String {
    if photos == 0 {
        "Tải bản sao lưu kèm ảnh chưa gửi (không có ảnh nào chưa gửi)".to_owned()
    } else {
        format!("Tải bản sao lưu kèm {photos} ảnh chưa gửi (khoảng {megabytes})")
    }
}

/// What a restore brought back, records and photos.
#[must_use]
pub fn backup_restored(
    records: usize,
    pending: usize,
    photos: usize,
    damaged: &[(String, crate::sync::backup::PhotoProblem)],
) -> String {
    let mut text = format!(
        "Đã khôi phục: {records} hồ sơ, {pending} thay đổi chờ gửi, {photos} ảnh chưa gửi."
    );
    if let Some((hash, problem)) = damaged.first() {
        let short: String = hash.chars().take(8).collect();
        text.push_str(&format!(
            " {} ảnh không khôi phục được (ảnh {short}…: {problem})",
            damaged.len()
        ));
    }
    text
}

// Dropping photos already on the server from the device (`crate::photo::guard`).
/// The storage panel's button, with what it frees.
#[must_use]
pub fn drop_sent_photos(photos: usize, megabytes: &str) -> String {
    format!("Xóa {photos} ảnh đã gửi khỏi máy (giải phóng {megabytes})")
}
pub const DROP_SENT_HELP: &str = "Ảnh đã có trên máy chủ có thể xóa khỏi máy khi thiếu chỗ: ảnh thu nhỏ vẫn được giữ, ảnh đầy đủ được tải lại từ máy chủ khi xem lúc có mạng. Ảnh chưa gửi không bao giờ bị xóa.";
pub const DROP_SENT_NONE: &str = "Không có ảnh đã gửi nào để xóa khỏi máy.";

/// After dropping: how many and how much.
#[must_use]
pub fn dropped_sent_photos(photos: usize, megabytes: &str, automatic: bool) -> String {
    let why = if automatic {
        "Bộ nhớ sắp đầy: đã tự xóa"
    } else {
        "Đã xóa"
    };
    format!("{why} {photos} ảnh đã gửi khỏi máy, giải phóng {megabytes}. Ảnh vẫn còn trên máy chủ.")
}
pub const PHOTO_CLOSE: &str = "Đóng";
pub const PHOTO_LOADING: &str = "Đang tải ảnh…";
pub const PHOTO_SERVER_ONLY: &str =
    "Ảnh đầy đủ chỉ còn trên máy chủ (đã xóa khỏi máy để tiết kiệm chỗ). Hãy kết nối mạng để xem.";
pub const PHOTO_NOT_FOUND: &str = "Máy chủ chưa có ảnh này.";
