//! The life of a model as one table: status × role → allowed moves.
//!
//! Client and server both derive every decision from [`MOVES`] and [`EDITS`];
//! the client uses them to show buttons, the server re-checks every write.
//!
//! | from | role | to | needs |
//! |---|---|---|---|
//! | Nháp | cán bộ đơn vị | Đã gửi | bản đăng ký đầy đủ |
//! | Trả lại chỉnh sửa (đăng ký) | cán bộ đơn vị | Đã gửi | bản đăng ký đầy đủ |
//! | Đã đăng ký | cán bộ đơn vị | Đang thực hiện | — |
//! | Đang thực hiện | cán bộ đơn vị | Đã báo cáo | báo cáo đầy đủ |
//! | Trả lại chỉnh sửa (báo cáo) | cán bộ đơn vị | Đã báo cáo | báo cáo đầy đủ |
//! | Đã gửi | Ban xây dựng Đảng | Đã đăng ký | — |
//! | Đã gửi | Ban xây dựng Đảng | Trả lại chỉnh sửa (đăng ký) | ý kiến |
//! | Đã báo cáo | Ban xây dựng Đảng | Trả lại chỉnh sửa (báo cáo) | ý kiến |
//! | Đã báo cáo | Ban xây dựng Đảng | Đã đánh giá | phiếu đánh giá đầy đủ |
//! | Đã đánh giá | Ban xây dựng Đảng | Được công nhận / Không công nhận | kết luận khớp |
//! | Đã đăng ký, Đang thực hiện | Ban xây dựng Đảng | Dừng | lý do |
//!
//! Leaders, admins and city viewers make no moves.
use serde::{Deserialize, Serialize};

use crate::api::Code;
use crate::messages;
use crate::user::Role;

/// Where a model is in its year.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash, PartialOrd, Ord, Serialize, Deserialize)]
#[serde(rename_all = "snake_case")]
pub enum ModelStatus {
    Nhap,
    DaGui,
    TraLaiDangKy,
    DaDangKy,
    DangThucHien,
    DaBaoCao,
    TraLaiBaoCao,
    DaDanhGia,
    CongNhan,
    KhongCongNhan,
    Dung,
}

impl ModelStatus {
    pub const ALL: [Self; 11] = [
        Self::Nhap,
        Self::DaGui,
        Self::TraLaiDangKy,
        Self::DaDangKy,
        Self::DangThucHien,
        Self::DaBaoCao,
        Self::TraLaiBaoCao,
        Self::DaDanhGia,
        Self::CongNhan,
        Self::KhongCongNhan,
        Self::Dung,
    ];

    /// Both return statuses read "Trả lại chỉnh sửa"; what was returned shows
    /// from the rest of the screen.
    #[must_use]
    pub fn label(&self) -> &'static str {
        match self {
            Self::Nhap => "Nháp",
            Self::DaGui => "Đã gửi",
            Self::TraLaiDangKy | Self::TraLaiBaoCao => "Trả lại chỉnh sửa",
            Self::DaDangKy => "Đã đăng ký",
            Self::DangThucHien => "Đang thực hiện",
            Self::DaBaoCao => "Đã báo cáo",
            Self::DaDanhGia => "Đã đánh giá",
            Self::CongNhan => "Được công nhận",
            Self::KhongCongNhan => "Không công nhận",
            Self::Dung => "Dừng",
        }
    }

    /// Registered (accepted) and not stopped: counts toward targets.
    #[must_use]
    pub fn is_registered(&self) -> bool {
        matches!(
            self,
            Self::DaDangKy
                | Self::DangThucHien
                | Self::DaBaoCao
                | Self::TraLaiBaoCao
                | Self::DaDanhGia
                | Self::CongNhan
                | Self::KhongCongNhan
        )
    }

    /// No move leads out of it.
    #[must_use]
    pub fn is_final(&self) -> bool {
        matches!(self, Self::CongNhan | Self::KhongCongNhan | Self::Dung)
    }
}

/// What a move needs besides the role being allowed to make it.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash, Serialize, Deserialize)]
#[serde(rename_all = "snake_case")]
pub enum MoveRequirement {
    Nothing,
    /// `Model::validate_for_submit` passes.
    CompleteRegistration,
    /// `ResultsReport::validate_for_submit` passes.
    CompleteReport,
    /// `Evaluation::validate_for_submit` passes.
    CompleteEvaluation,
    /// A non-blank comment for the officer.
    Comment,
    /// A non-blank reason for stopping.
    Reason,
    /// The evaluation's decision matches the target status.
    Decision,
}

impl MoveRequirement {
    /// Judging the move reads the model's results report.
    #[must_use]
    pub fn reads_report(self) -> bool {
        self == Self::CompleteReport
    }

    /// Judging the move reads the model's evaluation (and its campaign).
    #[must_use]
    pub fn reads_evaluation(self) -> bool {
        matches!(self, Self::CompleteEvaluation | Self::Decision)
    }

    /// The move carries a text typed by the person (comment or reason).
    #[must_use]
    pub fn takes_note(self) -> bool {
        matches!(self, Self::Comment | Self::Reason)
    }
}

/// Where in the app a move is made.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash, Serialize, Deserialize)]
#[serde(rename_all = "snake_case")]
pub enum Via {
    /// The officer's own buttons on the form (send, start, report).
    Officer,
    /// The reviewer's decision panel: accept, return with a comment, stop.
    Decision,
    /// The evaluation sheet: evaluate, then recognise or not.
    Evaluation,
}

/// One row of the table.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub struct Move {
    pub from: ModelStatus,
    pub role: Role,
    pub to: ModelStatus,
    pub needs: MoveRequirement,
    pub via: Via,
}

/// A row; where the move is made follows from who makes it and what it needs.
const fn mv(from: ModelStatus, role: Role, to: ModelStatus, needs: MoveRequirement) -> Move {
    let via = match (role, needs) {
        (Role::UnitOfficer, _) => Via::Officer,
        (_, MoveRequirement::CompleteEvaluation | MoveRequirement::Decision) => Via::Evaluation,
        _ => Via::Decision,
    };
    Move {
        from,
        role,
        to,
        needs,
        via,
    }
}

use ModelStatus as S;
use MoveRequirement as Need;
use Role::{Reviewer, UnitOfficer};

/// The one table of moves.
pub const MOVES: &[Move] = &[
    mv(S::Nhap, UnitOfficer, S::DaGui, Need::CompleteRegistration),
    mv(
        S::TraLaiDangKy,
        UnitOfficer,
        S::DaGui,
        Need::CompleteRegistration,
    ),
    mv(S::DaDangKy, UnitOfficer, S::DangThucHien, Need::Nothing),
    mv(
        S::DangThucHien,
        UnitOfficer,
        S::DaBaoCao,
        Need::CompleteReport,
    ),
    mv(
        S::TraLaiBaoCao,
        UnitOfficer,
        S::DaBaoCao,
        Need::CompleteReport,
    ),
    mv(S::DaGui, Reviewer, S::DaDangKy, Need::Nothing),
    mv(S::DaGui, Reviewer, S::TraLaiDangKy, Need::Comment),
    mv(S::DaBaoCao, Reviewer, S::TraLaiBaoCao, Need::Comment),
    mv(
        S::DaBaoCao,
        Reviewer,
        S::DaDanhGia,
        Need::CompleteEvaluation,
    ),
    mv(S::DaDanhGia, Reviewer, S::CongNhan, Need::Decision),
    mv(S::DaDanhGia, Reviewer, S::KhongCongNhan, Need::Decision),
    mv(S::DaDangKy, Reviewer, S::Dung, Need::Reason),
    mv(S::DangThucHien, Reviewer, S::Dung, Need::Reason),
];

/// Why a move was refused.
#[derive(Debug, Clone, PartialEq, Eq, thiserror::Error)]
pub enum MoveError {
    #[error("{}", messages::MOVE_NOT_ALLOWED)]
    NotAllowed {
        from: ModelStatus,
        to: ModelStatus,
        role: Role,
    },
    #[error("{}", messages::COMMENT_REQUIRED)]
    CommentRequired,
    #[error("{}", messages::REASON_REQUIRED)]
    ReasonRequired,
    #[error("{}", messages::MISSING_DOCUMENT)]
    MissingDocument,
    #[error("{}", messages::REGISTRATION_INCOMPLETE)]
    RegistrationIncomplete(Vec<crate::FieldError>),
    #[error("{}", messages::REPORT_INCOMPLETE)]
    ReportIncomplete(Vec<crate::FieldError>),
    #[error("{}", messages::EVALUATION_INCOMPLETE)]
    EvaluationIncomplete(Vec<crate::FieldError>),
    #[error("{}", messages::DECISION_MISMATCH)]
    DecisionMismatch,
}

impl MoveError {
    /// A stable machine code for the API's error shape.
    #[must_use]
    pub fn code(&self) -> Code {
        match self {
            Self::NotAllowed { .. } => Code::MoveNotAllowed,
            Self::CommentRequired => Code::CommentRequired,
            Self::ReasonRequired => Code::ReasonRequired,
            Self::MissingDocument => Code::MissingDocument,
            Self::RegistrationIncomplete(_) => Code::RegistrationIncomplete,
            Self::ReportIncomplete(_) => Code::ReportIncomplete,
            Self::EvaluationIncomplete(_) => Code::EvaluationIncomplete,
            Self::DecisionMismatch => Code::DecisionMismatch,
        }
    }

    /// The field errors behind an incomplete document, to show next to the fields.
    #[must_use]
    pub fn field_errors(&self) -> &[crate::FieldError] {
        match self {
            Self::RegistrationIncomplete(e)
            | Self::ReportIncomplete(e)
            | Self::EvaluationIncomplete(e) => e,
            Self::NotAllowed { .. }
            | Self::CommentRequired
            | Self::ReasonRequired
            | Self::MissingDocument
            | Self::DecisionMismatch => &[],
        }
    }
}

/// The statuses `role` may move a model to from `from`.
#[must_use]
pub fn allowed_moves(from: ModelStatus, role: Role) -> Vec<ModelStatus> {
    MOVES
        .iter()
        .filter(|m| m.from == from && m.role == role)
        .map(|m| m.to)
        .collect()
}

/// The moves `role` may make from `from` in one place of the app.
#[must_use]
pub fn moves_via(from: ModelStatus, role: Role, via: Via) -> Vec<ModelStatus> {
    MOVES
        .iter()
        .filter(|m| m.from == from && m.role == role && m.via == via)
        .map(|m| m.to)
        .collect()
}

/// What the move from `from` to `to` needs, whoever makes it (None: the
/// table has no such move).
#[must_use]
pub fn requirement(from: ModelStatus, to: ModelStatus) -> Option<MoveRequirement> {
    MOVES
        .iter()
        .find(|m| m.from == from && m.to == to)
        .map(|m| m.needs)
}

/// Whether the table has the move, and if so what it needs.
pub fn check_move(
    from: ModelStatus,
    to: ModelStatus,
    role: Role,
) -> Result<MoveRequirement, MoveError> {
    MOVES
        .iter()
        .find(|m| m.from == from && m.to == to && m.role == role)
        .map(|m| m.needs)
        .ok_or(MoveError::NotAllowed { from, to, role })
}

/// The parts of a model's record that can be edited.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash, Serialize, Deserialize)]
#[serde(rename_all = "snake_case")]
pub enum Part {
    /// The registration (mẫu 04) items on the model itself.
    Registration,
    /// Progress entries.
    Progress,
    /// The results report (phụ lục 02).
    Report,
    /// The evaluation.
    Evaluation,
}

impl Part {
    #[must_use]
    pub fn label(&self) -> &'static str {
        match self {
            Self::Registration => "Bản đăng ký",
            Self::Progress => "Tiến độ thực hiện",
            Self::Report => "Báo cáo kết quả",
            Self::Evaluation => "Đánh giá",
        }
    }
}

/// Who may edit which part in which status.
pub const EDITS: &[(ModelStatus, Role, Part)] = &[
    (S::Nhap, UnitOfficer, Part::Registration),
    (S::TraLaiDangKy, UnitOfficer, Part::Registration),
    (S::DaDangKy, UnitOfficer, Part::Progress),
    (S::DangThucHien, UnitOfficer, Part::Progress),
    (S::DangThucHien, UnitOfficer, Part::Report),
    (S::TraLaiBaoCao, UnitOfficer, Part::Report),
    (S::DaBaoCao, Reviewer, Part::Evaluation),
    (S::DaDanhGia, Reviewer, Part::Evaluation),
];

/// Whether `role` may edit `part` of a model in `status`.
#[must_use]
pub fn can_edit(status: ModelStatus, role: Role, part: Part) -> bool {
    EDITS
        .iter()
        .any(|&(s, r, p)| s == status && r == role && p == part)
}

/// Whether `role` may edit anything of a model in `status`.
#[must_use]
pub fn can_edit_content(status: ModelStatus, role: Role) -> bool {
    EDITS.iter().any(|&(s, r, _)| s == status && r == role)
}

/// The parts `role` may edit in `status`.
#[must_use]
pub fn editable_parts(status: ModelStatus, role: Role) -> Vec<Part> {
    EDITS
        .iter()
        .filter(|&&(s, r, _)| s == status && r == role)
        .map(|&(_, _, p)| p)
        .collect()
}
