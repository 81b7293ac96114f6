//! Labels of a model's fields and what the form says about them.
use super::{
    L_COMMENT, L_CRITERION, L_DECISION, PROGRESS_ACTIVITY, PROGRESS_DATE, PROGRESS_NOTE,
    PROGRESS_PARTICIPANTS, PROGRESS_RESOURCES, PROGRESS_VALUES, REPORT_LESSONS, REPORT_PROPOSALS,
    REPORT_REACHED, REPORT_RESULTS,
};

pub const L_NAME: &str = "Tên mô hình";
pub const L_FIELD: &str = "Lĩnh vực";
pub const L_TOPIC: &str = "Chủ đề";
pub const L_KIND: &str = "Tập thể hay cá nhân";
pub const L_SUB_UNIT: &str = "Bộ phận được giao thực hiện (nếu có)";
pub const L_REGISTRANT: &str = "Người (tập thể) đăng ký";
pub const L_LEADER: &str = "Lãnh đạo chịu trách nhiệm";
pub const L_SITUATION: &str = "Thực trạng, lý do xây dựng mô hình";
pub const L_ADVANTAGES: &str = "Thuận lợi";
pub const L_DIFFICULTIES: &str = "Khó khăn";
pub const L_GOALS: &str = "Mục tiêu";
pub const L_INDICATORS: &str = "Tiêu chí, chỉ tiêu";
pub const L_IND_NAME: &str = "Tên chỉ tiêu";
pub const L_IND_UNIT: &str = "Đơn vị tính";
pub const L_IND_TARGET: &str = "Chỉ tiêu đăng ký";
pub const L_CONTENT: &str = "Nội dung, cách thức, biện pháp thực hiện";
pub const L_AREA: &str = "Địa bàn thực hiện";
pub const L_BENEFICIARIES: &str = "Đối tượng";
pub const L_LEAD_FORCE: &str = "Lực lượng chủ trì";
pub const L_COORDINATING: &str = "Lực lượng phối hợp";
pub const L_PARTICIPATING: &str = "Lực lượng tham gia (và vai trò)";
pub const L_BUDGET: &str = "Kinh phí (đồng)";
pub const L_SOCIALIZED: &str = "Xã hội hóa (đồng)";
pub const L_FACILITIES: &str = "Cơ sở vật chất";
pub const L_MANPOWER: &str = "Nhân lực";
pub const L_WORKDAYS: &str = "Ngày công";
pub const L_START: &str = "Ngày bắt đầu";
pub const L_END: &str = "Ngày kết thúc";
pub const L_MILESTONES: &str = "Các mốc thực hiện";
pub const L_MILESTONE_DATE: &str = "Ngày";
pub const L_MILESTONE_TITLE: &str = "Việc cần xong";
pub const L_SURVEY: &str = "Ngày khảo sát";
pub const L_INSPECTION: &str = "Ngày kiểm tra";
pub const L_SUMMARY: &str = "Ngày sơ kết, tổng kết";
pub const L_OUTPUTS: &str = "Sản phẩm, kết quả đầu ra kiểm chứng được";
pub const L_SUSTAIN: &str = "Khả năng duy trì, nhân rộng";
pub const L_STATUS: &str = "Trạng thái";
pub const L_CONTINUED: &str = "Mô hình năm trước";

/// The label of a field path (`indicators[1].target` → "Tiêu chí, chỉ tiêu 2: Chỉ tiêu đăng ký").
pub fn field_label(path: &str) -> String {
    let (base, rest) = path.split_once('[').unwrap_or((path, ""));
    let label = match base {
        "name" => L_NAME,
        "field" => L_FIELD,
        "topic" => L_TOPIC,
        "kind" => L_KIND,
        "sub_unit" => L_SUB_UNIT,
        "registrant" => L_REGISTRANT,
        "responsible_leader" => L_LEADER,
        "situation" => L_SITUATION,
        "advantages" => L_ADVANTAGES,
        "difficulties" => L_DIFFICULTIES,
        "goals" => L_GOALS,
        "indicators" => L_INDICATORS,
        "content_methods" => L_CONTENT,
        "area" => L_AREA,
        "beneficiaries" => L_BENEFICIARIES,
        "lead_force" => L_LEAD_FORCE,
        "coordinating_forces" => L_COORDINATING,
        "participating_forces" => L_PARTICIPATING,
        "budget_vnd" => L_BUDGET,
        "socialized_vnd" => L_SOCIALIZED,
        "facilities" => L_FACILITIES,
        "manpower" => L_MANPOWER,
        "workdays" => L_WORKDAYS,
        "start_date" => L_START,
        "end_date" => L_END,
        "milestones" => L_MILESTONES,
        "survey_date" => L_SURVEY,
        "inspection_date" => L_INSPECTION,
        "summary_date" => L_SUMMARY,
        "outputs" => L_OUTPUTS,
        "sustainability" => L_SUSTAIN,
        "status" => L_STATUS,
        "continued_from" => L_CONTINUED,
        "activity" => PROGRESS_ACTIVITY,
        "participants" => PROGRESS_PARTICIPANTS,
        "resources" => PROGRESS_RESOURCES,
        "note" => PROGRESS_NOTE,
        "date" => PROGRESS_DATE,
        "values" => PROGRESS_VALUES,
        "results" => REPORT_RESULTS,
        "lessons" => REPORT_LESSONS,
        "proposals" => REPORT_PROPOSALS,
        "reached" => REPORT_REACHED,
        "criteria" => L_CRITERION,
        "comment" => L_COMMENT,
        "decision" => L_DECISION,
        other => return other.to_owned(),
    };
    match rest.split_once(']') {
        Some((index, _)) => match index.parse::<usize>() {
            Ok(i) => format!("{label} {}", i + 1),
            Err(_) => label.to_owned(),
        },
        None => label.to_owned(),
    }
}
pub const REGISTERED_COUNT: &str = "đã đăng ký";

/// "cần ít nhất 1 mô hình".
pub fn at_least_models(n: u32) -> String {
    format!("cần ít nhất {n} mô hình")
}
