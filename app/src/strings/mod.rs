//! Every string the UI shows, in one place: the officer's screens here,
//! the rest by what they belong to (re-exported, so `strings::X` works
//! for all).
mod admin;
mod commune;
mod fields;

pub use admin::*;
pub use commune::*;
pub use fields::*;

pub const APP_NAME: &str = "DVK · Dân vận khéo";
pub const UNIT_MODELS: &str = "Mô hình của đơn vị";
pub const NEW_MODEL_LABEL: &str = "Tên mô hình mới (bản nháp)";
pub const NEW_MODEL_PLACEHOLDER: &str = "Ví dụ: Dân vận khéo trong giải phóng mặt bằng";
pub const DRAFT_HINT: &str = "Mọi thay đổi được lưu ngay trên máy này, kể cả khi không có mạng.";
pub const CREATE_DRAFT: &str = "Tạo bản nháp";
pub const NO_CAMPAIGN: &str =
    "Chưa có đợt thi đua trên máy này: cần kết nối và đồng bộ một lần để tải danh sách.";
pub const NO_MODELS: &str = "Đơn vị chưa có mô hình nào trong đợt này.";
pub const UNNAMED: &str = "(chưa đặt tên)";
pub const ONLINE: &str = "Có mạng";
pub const OFFLINE: &str = "Không có mạng – vẫn làm việc bình thường";
pub const SYNC_NOW: &str = "Đồng bộ ngay";
pub const SYNCING: &str = "Đang đồng bộ…";
pub const NEVER_SYNCED: &str = "Chưa đồng bộ lần nào";
pub const SYNCED_AT: &str = "Đồng bộ lúc";
pub const WAITING: &str = "thay đổi chờ gửi";
pub const ALL_SENT: &str = "Đã gửi hết";
pub const OTHER_TAB_SYNCING: &str = "Một thẻ khác của ứng dụng đang đồng bộ; thẻ này chờ đến lượt.";
pub const SYNC_DONE: &str = "Đã đồng bộ xong.";

/// The sync bar with no network: what waits for it.
pub fn waiting_for_network(waiting: usize) -> String {
    if waiting == 0 {
        "Chờ có mạng để nhận dữ liệu mới.".to_owned()
    } else {
        format!("Chờ có mạng để gửi {waiting} thay đổi (đã lưu trên máy).")
    }
}

pub fn sending(waiting: usize) -> String {
    format!("Đang gửi {waiting} thay đổi…")
}

/// Receiving, with the share done once the backlog is long.
pub fn receiving(share: Option<f64>) -> String {
    match share {
        Some(share) => format!("Đang nhận dữ liệu mới… {:.0}%", share * 100.0),
        None => "Đang nhận dữ liệu mới…".to_owned(),
    }
}

/// The server's own words, and when the app tries again.
pub fn server_problem(message: &str, retry_at: Option<&str>) -> String {
    match retry_at {
        Some(at) => format!("Máy chủ báo lỗi: {message} Tự thử lại lúc {at}."),
        None => format!("Máy chủ báo lỗi: {message}"),
    }
}
pub const SIGNED_OUT_BANNER: &str =
    "Phiên đăng nhập đã hết hạn. Dữ liệu trên máy vẫn được giữ; hãy đăng nhập lại để gửi.";
pub const CORRUPT_KEPT: &str = "Một phần dữ liệu trên máy bị hỏng; bản gốc đã được cất riêng để khôi phục, ứng dụng vẫn chạy tiếp.";
pub const NO_TIMER: &str =
    "Trình duyệt không cho đặt giờ đồng bộ tự động; hãy bấm “Đồng bộ ngay” khi có mạng.";
/// A role's screen whose part of the app was never fetched, opened with no network.
pub const SCREEN_NOT_LOADED: &str = "Chưa tải được màn hình này về máy. Hãy mở nó một lần khi có mạng; sau đó dùng được cả khi không có mạng.";
pub const STORAGE_FAILED: &str = "Không lưu được vào bộ nhớ của trình duyệt (có thể đã đầy). Đừng đóng trang; hãy giải phóng dung lượng.";
pub const SIGN_IN: &str = "Đăng nhập";
pub const SIGN_IN_TITLE: &str = "Đăng nhập để làm việc";
pub const SIGN_IN_HINT: &str =
    "Cần có mạng để đăng nhập lần đầu; sau đó ứng dụng dùng được nhiều tuần không cần mạng.";
pub const USERNAME: &str = "Tên đăng nhập";
pub const PASSWORD: &str = "Mật khẩu";
pub const SIGNING_IN: &str = "Đang đăng nhập…";
pub const SIGN_OUT: &str = "Đăng xuất";
pub const SIGN_OUT_PENDING: &str = "Còn thay đổi chưa gửi lên máy chủ. Chúng vẫn được giữ trên máy này và sẽ gửi khi bạn đăng nhập lại. Vẫn đăng xuất?";
pub const FIELDS_REQUIRED: &str = "Vui lòng nhập tên đăng nhập và mật khẩu.";

// Navigation and home.
/// The link back to the person's first screen, named after it.
pub fn back_home(first: shared::user::FirstScreen) -> &'static str {
    use shared::user::FirstScreen as F;
    match first {
        F::Models => "‹ Danh sách mô hình",
        F::Dashboard => "‹ Tổng quan",
        F::City => "‹ Các xã trong thành phố",
    }
}
pub const MODELS_LIST: &str = "Danh sách mô hình";
pub const BACK_MODEL: &str = "‹ Về mô hình";
pub const CONTINUE_LAST_YEAR: &str = "Tiếp tục mô hình năm trước";
pub const STORAGE_PANEL: &str = "Bộ nhớ & sao lưu";
pub const TARGET: &str = "Chỉ tiêu của đơn vị";
pub const TARGET_MET: &str = "đã đạt";
pub const TARGET_NOT_MET: &str = "chưa đạt";
pub const REGISTRATION_DEADLINE: &str = "Hạn đăng ký";
pub const REPORT_DEADLINE: &str = "Hạn báo cáo kết quả";
pub const CAMPAIGN: &str = "Đợt thi đua";
pub const ALL_UNITS: &str = "Mô hình của xã";
pub const NOT_FOUND: &str =
    "Không tìm thấy mô hình này trên máy. Có thể nó chưa được đồng bộ về, hoặc đã bị xoá.";

// The model form.
pub const SECTION_GENERAL: &str = "1. Thông tin chung";
pub const SECTION_SITUATION: &str = "2. Thực trạng, lý do xây dựng";
pub const SECTION_GOALS: &str = "3. Mục tiêu, chỉ tiêu";
pub const SECTION_CONTENT: &str = "4. Nội dung, cách thức, biện pháp";
pub const SECTION_AREA: &str = "5. Địa bàn, đối tượng";
pub const SECTION_FORCES: &str = "6. Lực lượng thực hiện";
pub const SECTION_RESOURCES: &str = "7. Nguồn lực và thời gian";
pub const SECTION_OUTPUTS: &str = "8. Sản phẩm, kết quả đầu ra";
pub const SECTION_SUSTAIN: &str = "9. Khả năng duy trì, nhân rộng";
/// The sections' names in the form's navigation (a phone's row of chips).
pub const SECTION_SHORT: [&str; 9] = [
    "1. Chung",
    "2. Thực trạng",
    "3. Mục tiêu",
    "4. Nội dung",
    "5. Địa bàn",
    "6. Lực lượng",
    "7. Nguồn lực",
    "8. Sản phẩm",
    "9. Duy trì",
];
pub const CHOOSE: &str = "— Chọn —";
pub const ADD_INDICATOR: &str = "+ Thêm chỉ tiêu";
pub const REMOVE: &str = "Xoá";
pub const ADD_MILESTONE: &str = "+ Thêm mốc";
pub const LAST_YEAR_TARGET: &str = "Năm trước";
pub const MUST_BE_HIGHER: &str = "phải cao hơn";
pub const CONTINUED_FROM: &str = "Tiếp tục mô hình năm";
pub const RETURNED: &str = "Ban xây dựng Đảng trả lại để chỉnh sửa:";
pub const READ_ONLY_NOTE: &str = "Ở trạng thái này bản đăng ký không sửa được.";
pub const SEND_REGISTRATION: &str = "Gửi đăng ký";
pub const CHECK_BEFORE_SEND: &str = "Kiểm tra các mục còn thiếu";
pub const READY_TO_SEND: &str = "Bản đăng ký đã đủ. Khi gửi, Ban xây dựng Đảng sẽ xem xét; gửi khi không có mạng thì máy tự gửi lúc có mạng.";
pub const MISSING_ITEMS: &str = "mục cần hoàn thành trước khi gửi";
pub const CONFIRM_SEND: &str =
    "Gửi bản đăng ký này? Sau khi gửi sẽ không sửa được, trừ khi bị trả lại.";
pub const START_WORK: &str = "Bắt đầu thực hiện";
pub const PROGRESS_LOG: &str = "Tiến độ thực hiện";
pub const RESULTS_REPORT: &str = "Báo cáo kết quả";
pub const DELETE_DRAFT: &str = "Xoá bản nháp";
pub const CONFIRM_DELETE: &str = "Xoá hẳn bản nháp này? Không khôi phục được.";
pub const STOPPED: &str = "Mô hình đã dừng. Lý do:";

// Progress log.
pub const ADD_PROGRESS: &str = "Ghi nhận hoạt động";
pub const PROGRESS_DATE: &str = "Ngày";
pub const PROGRESS_ACTIVITY: &str = "Hoạt động đã làm";
pub const PROGRESS_PARTICIPANTS: &str = "Số người tham gia";
pub const PROGRESS_RESOURCES: &str = "Nguồn lực huy động (tiền, vật tư, ngày công)";
pub const PROGRESS_NOTE: &str = "Ghi chú";
pub const PROGRESS_VALUES: &str = "Chỉ tiêu đạt được đến nay";
pub const SAVE_ENTRY: &str = "Lưu hoạt động";
pub const NO_PROGRESS: &str = "Chưa có hoạt động nào được ghi.";
pub const PROGRESS_LOCKED: &str = "Chỉ ghi tiến độ khi mô hình đã được đăng ký và đang thực hiện.";
pub const PEOPLE: &str = "người";

// Results report.
pub const REPORT_REACHED: &str = "Chỉ tiêu đạt được so với đăng ký";
pub const REPORT_TARGET: &str = "Chỉ tiêu";
pub const REPORT_RESULT: &str = "Đạt";
pub const REPORT_RESULTS: &str = "Kết quả đạt được";
pub const REPORT_LESSONS: &str = "Bài học kinh nghiệm";
pub const REPORT_PROPOSALS: &str = "Đề xuất, kiến nghị";
pub const SEND_REPORT: &str = "Gửi báo cáo";
pub const CONFIRM_SEND_REPORT: &str = "Gửi báo cáo kết quả này?";
pub const REPORT_MISSING: &str = "mục cần hoàn thành trước khi gửi báo cáo";
pub const REPORT_LOCKED: &str = "Báo cáo kết quả được viết khi mô hình đang thực hiện.";

// Sync problems on a record.
pub const REJECTED_TITLE: &str = "Máy chủ không nhận thay đổi này";
pub const REJECTED_HELP: &str = "Thay đổi vẫn được giữ trên máy. Sửa các mục được đánh dấu rồi máy sẽ gửi lại, hoặc bỏ thay đổi để lấy lại bản trên máy chủ.";
pub const DISCARD_REJECTED: &str = "Bỏ thay đổi bị từ chối";
pub const CONFIRM_DISCARD: &str = "Bỏ các thay đổi bị từ chối và dùng bản trên máy chủ?";
pub const CONFLICT_TITLE: &str = "Có xung đột: hai nơi cùng sửa một mục";
pub const CONFLICT_HELP: &str =
    "Chọn giá trị đúng cho từng mục. Lựa chọn được lưu và gửi như một thay đổi bình thường.";
pub const CONFLICT_SERVER: &str = "Đang lưu trên máy chủ";
pub const CONFLICT_OTHER: &str = "Giá trị gửi sau";
pub const KEEP_THIS: &str = "Giữ giá trị này";
pub const YES: &str = "có";
pub const NO: &str = "không";
pub const SECTIONS_NAV: &str = "Mục lục";
pub const EMPTY_VALUE: &str = "(để trống)";

// Continue last year's model.
pub const CONTINUE_TITLE: &str = "Tiếp tục mô hình của năm trước";
pub const CONTINUE_HELP: &str =
    "Bản mới giữ nội dung và chỉ tiêu năm trước; mỗi chỉ tiêu phải đặt cao hơn năm trước.";
pub const CONTINUE_THIS: &str = "Tiếp tục mô hình này";
pub const NO_PREVIOUS: &str = "Không có mô hình năm trước nào để tiếp tục.";
pub const ALREADY_CONTINUED: &str = "Đã tiếp tục trong năm nay";
pub const OWN_MODELS: &str = "Mô hình của đơn vị";
pub const COMMUNE_REPLICATED: &str = "Mô hình nhân rộng của xã";
pub const ADOPT_HELP: &str = "Mô hình của đơn vị khác đã được xã công nhận và đề nghị nhân rộng. Áp dụng tạo bản sao liên kết với mô hình gốc; đơn vị ghi người phụ trách của mình và đặt chỉ tiêu cao hơn.";
pub const ADOPT_THIS: &str = "Áp dụng mô hình này";
pub const ALREADY_ADOPTED: &str = "Đơn vị đã áp dụng trong năm nay";
pub const ON_THE_LIST: &str = "Được nhân rộng";
/// "Áp dụng mô hình nhân rộng năm 2024 của Đảng uỷ Trung tâm Y tế: <tên>".
pub fn adopted_from(year: &str, unit: &str, name: &str) -> String {
    format!("Áp dụng mô hình nhân rộng năm {year} của {unit}: {name}")
}

// Storage and backup.
pub const APP_VERSION: &str = "Phiên bản ứng dụng";
pub const STORAGE_TITLE: &str = "Bộ nhớ trên máy và sao lưu";
pub const LOCAL_DATA: &str = "Dữ liệu của bạn trên máy";
pub const LOCAL_LIMIT_NOTE: &str = "Trình duyệt cho mỗi trang khoảng 5 MB để lưu dữ liệu này.";
pub const SITE_STORAGE: &str = "Toàn bộ bộ nhớ của ứng dụng (kể cả bản cài để dùng không mạng)";
pub const PERSISTED_YES: &str =
    "Trình duyệt đã cho phép giữ dữ liệu lâu dài: không tự xoá khi máy thiếu chỗ.";
pub const PERSISTED_NO: &str = "Trình duyệt chưa cam kết giữ dữ liệu lâu dài; khi máy thiếu chỗ có thể bị xoá. Hãy sao lưu thường xuyên.";
pub const ASK_PERSIST: &str = "Xin giữ dữ liệu lâu dài";
pub const QUOTA_WARNING: &str =
    "Bộ nhớ trên máy sắp đầy. Hãy kết nối để gửi dữ liệu và tải bản sao lưu.";
pub const RESTORE_BACKUP: &str = "Khôi phục từ bản sao lưu";
pub const BACKUP_HELP: &str = "Bản sao lưu chứa mọi dữ liệu của bạn trên máy này, kể cả những thay đổi chưa gửi. Khôi phục không xoá gì: chỉ thêm những gì máy đang thiếu.";
pub const RESTORE_BAD_FILE: &str = "Tệp này không phải bản sao lưu DVK hoặc đã bị hỏng.";
pub const RECORDS: &str = "hồ sơ";
pub const OPENING: &str = "Đang mở dữ liệu trên máy…";
pub const NO_INDEXED_DB: &str =
    "Trình duyệt này không cho dùng IndexedDB: dữ liệu vẫn được giữ trong bộ nhớ cũ (khoảng 5 MB).";
pub const MOVE_FAILED: &str = "Chưa chuyển được dữ liệu sang bộ nhớ mới; dữ liệu cũ vẫn nguyên và ứng dụng dùng tiếp bộ nhớ cũ. Sẽ thử lại lần mở sau.";
pub const YEARS_ON_DEVICE: &str = "Các đợt thi đua trên máy";
pub const YEARS_HELP: &str = "Máy luôn giữ đợt hiện tại, đợt trước và mọi thay đổi chưa gửi. Các đợt cũ hơn có thể xoá khỏi máy: máy chủ vẫn giữ, và nút dưới đây tải lại khi có mạng.";
pub const FETCH_ALL_AGAIN: &str = "Tải lại toàn bộ từ máy chủ";
pub const FETCHING_ALL_AGAIN: &str = "Đang tải lại toàn bộ dữ liệu từ máy chủ (cần có mạng).";
pub const STORAGE_FULL: &str = "bộ nhớ đầy";
pub const YEAR_KEPT: &str = "được giữ trên máy";
pub const DROP_YEAR: &str = "Xoá khỏi máy";
pub const SAVING: &str = "Đang lưu…";
pub const SAVED_ON_DEVICE: &str = "Đã lưu trên máy";
pub const NOT_SAVED: &str = "Chưa lưu được";

pub fn year_dropped(year: i32, records: usize) -> String {
    format!("Đã xoá {records} hồ sơ của đợt {year} khỏi máy (máy chủ vẫn giữ).")
}
pub const SIGN_IN_AGAIN: &str = "Đăng nhập lại";

// Photos as evidence (the messages of refusals are `shared::messages`).
pub const PHOTOS: &str = "Ảnh minh chứng";
pub const ADD_PHOTOS: &str = "Chụp hoặc chọn ảnh";
pub const PHOTO_CAPTION: &str = "Chú thích ảnh";
pub const REMOVE_PHOTO: &str = "Bỏ ảnh";
pub const PHOTO_WORKING: &str = "Đang thu nhỏ ảnh…";
pub const PHOTO_OPEN: &str = "Xem ảnh lớn";
pub const EVIDENCE: &str = "Hình ảnh minh chứng";
pub const NO_EVIDENCE: &str = "Chưa có ảnh minh chứng.";

/// "Ảnh: 3 ảnh · 0,81 MB · 1 ảnh chưa gửi".
pub fn photo_usage(photos: usize, megabytes: &str, waiting: usize) -> String {
    if waiting == 0 {
        format!("Ảnh: {photos} ảnh · {megabytes}")
    } else {
        format!("Ảnh: {photos} ảnh · {megabytes} · {waiting} ảnh chưa gửi")
    }
}
