//! Every string the UI shows, in one place.
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
pub const OFFLINE_SHORT: &str = "Không kết nối được máy chủ";
pub const SERVER_ERROR: &str = "Máy chủ báo lỗi";
pub const SYNC_NOW: &str = "Đồng bộ ngay";
pub const SYNCING: &str = "Đang đồng bộ…";
pub const NEVER_SYNCED: &str = "Chưa đồng bộ lần nào";
pub const SYNCED_AT: &str = "Đồng bộ lúc";
pub const WAITING: &str = "thay đổi chờ gửi";
pub const ALL_SENT: &str = "Đã gửi hết";
pub const SIGNED_OUT_BANNER: &str =
    "Phiên đăng nhập đã hết hạn. Dữ liệu trên máy vẫn được giữ; hãy đăng nhập lại để gửi.";
pub const CORRUPT_KEPT: &str = "Một phần dữ liệu trên máy bị hỏng; bản gốc đã được cất riêng để khôi phục, ứng dụng vẫn chạy tiếp.";
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
