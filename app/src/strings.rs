//! Every string the UI shows, in one place.
pub const APP_NAME: &str = "DVK · Dân vận khéo";
pub const UNIT_MODELS: &str = "Mô hình của đơn vị";
pub const DRAFT_LABEL: &str = "Tên mô hình (bản nháp)";
pub const DRAFT_PLACEHOLDER: &str = "Ví dụ: Dân vận khéo trong giải phóng mặt bằng";
pub const DRAFT_HINT: &str = "Mọi thay đổi được lưu ngay trên máy này, kể cả khi không có mạng.";
pub const ONLINE: &str = "Có mạng";
pub const OFFLINE: &str = "Không có mạng – vẫn làm việc bình thường";
pub const CORRUPT_KEPT: &str = "Một phần dữ liệu trên máy bị hỏng; bản gốc đã được cất riêng để khôi phục, ứng dụng vẫn chạy tiếp.";
pub const STORAGE_FAILED: &str = "Không lưu được vào bộ nhớ của trình duyệt (có thể đã đầy). Đừng đóng trang; hãy giải phóng dung lượng.";
