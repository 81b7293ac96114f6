//! Demo data for Thanh Miện commune: the eight units of the plan, sample
//! village cells, the 2024 and 2025 campaign years and a handful of models.
//!
//! Ids are deterministic UUIDv7 values, so demo records are the same on
//! every device and every run. Village cells and people are sample data.
use chrono::NaiveDate;
use serde::{Deserialize, Serialize};
use uuid::{Builder, Uuid};

use crate::campaign::{CampaignYear, Criterion};
use crate::evaluation::Evaluation;
use crate::ids::{CampaignId, CommuneId, CriterionId, UnitId, UserId};
use crate::model::Model;
use crate::org::{Commune, Unit, UnitKind};
use crate::progress::ProgressEntry;
use crate::report::ResultsReport;
use crate::user::{Role, User};

mod activity;
mod communes;
mod documents;
pub mod large;
mod models;
mod story;
mod villages;

pub use story::{DemoError, STORY_YEAR, arrivals, city, current_year, thanh_mien_on};

pub use villages::thanh_mien_with_villages;
pub mod review;

/// Everything the demo commune holds.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
pub struct DemoData {
    pub commune: Commune,
    pub units: Vec<Unit>,
    /// 2024 first, then 2025.
    pub campaigns: Vec<CampaignYear>,
    pub models: Vec<Model>,
    pub progress: Vec<ProgressEntry>,
    pub reports: Vec<ResultsReport>,
    pub evaluations: Vec<Evaluation>,
    pub users: Vec<User>,
}

impl DemoData {
    /// The campaign of `year`, if the demo has it.
    #[must_use]
    pub fn campaign(&self, year: i32) -> Option<&CampaignYear> {
        self.campaigns.iter().find(|c| c.year == year)
    }

    /// This year's campaign (the newest).
    #[must_use]
    pub fn current_campaign(&self) -> Option<&CampaignYear> {
        self.campaigns.iter().max_by_key(|c| c.year)
    }

    /// A unit by its exact name.
    #[must_use]
    pub fn unit_named(&self, name: &str) -> Option<&Unit> {
        self.units.iter().find(|u| u.name == name)
    }
}

/// 2025-08-06 00:00 UTC, the day of the city's guidance: the time prefix of every demo id.
const DEMO_MILLIS: u64 = 1_754_438_400_000;

/// A stable UUIDv7: fixed timestamp, `n` in the random bits.
pub(crate) fn demo_uuid(n: u64) -> Uuid {
    let mut bytes = [0u8; 10];
    bytes[2..].copy_from_slice(&n.to_be_bytes());
    Builder::from_unix_timestamp_millis(DEMO_MILLIS, &bytes).into_uuid()
}

/// A date the demo knows to be valid; falls back to the epoch rather than panic.
pub(crate) fn ymd(y: i32, m: u32, d: u32) -> NaiveDate {
    NaiveDate::from_ymd_opt(y, m, d).unwrap_or_default()
}

pub(crate) fn commune_id() -> CommuneId {
    CommuneId::from_uuid(demo_uuid(1))
}

pub(crate) fn unit_id(i: u64) -> UnitId {
    UnitId::from_uuid(demo_uuid(100 + i))
}

pub(crate) fn campaign_id(year: i32) -> CampaignId {
    campaign_id_of(0, year)
}

/// Ids of the demo commune numbered `key` (Thanh Miện is 0, so its ids
/// are as they always were) start at `key` millions.
pub(crate) fn keyed(key: u64, n: u64) -> Uuid {
    demo_uuid(key * 1_000_000 + n)
}

pub(crate) fn campaign_id_of(key: u64, year: i32) -> CampaignId {
    CampaignId::from_uuid(keyed(key, 200 + u64::from(year.unsigned_abs())))
}

fn criterion_id(key: u64, year: i32, i: u64) -> CriterionId {
    CriterionId::from_uuid(keyed(key, 800 + u64::from(year.unsigned_abs()) * 10 + i))
}

/// Unit indexes, in the plan's order; 9-12 are sample village cells.
pub(crate) mod u {
    pub const CO_QUAN_DANG: u64 = 1;
    pub const UBND: u64 = 2;
    pub const Y_TE: u64 = 3;
    pub const THUY_LOI: u64 = 4;
    pub const CONG_AN: u64 = 5;
    pub const QUAN_SU: u64 = 6;
    pub const THPT: u64 = 7;
    pub const GDNN: u64 = 8;
    pub const THON_DONG: u64 = 9;
}

/// The demo commune, complete.
#[must_use]
pub fn thanh_mien() -> DemoData {
    let mut models = models::all();
    review::mark_replicated(&mut models, &activity::evaluations());
    DemoData {
        commune: Commune {
            id: commune_id(),
            name: "Đảng bộ xã Thanh Miện".to_owned(),
            place_name: "Thanh Miện".to_owned(),
            city: "Hải Phòng".to_owned(),
            documents: documents::settings(),
        },
        units: units(),
        campaigns: vec![campaign(2024), campaign(2025)],
        progress: activity::progress(),
        reports: activity::reports(&models),
        evaluations: activity::evaluations(),
        users: users(),
        models,
    }
}

fn units() -> Vec<Unit> {
    let designated = [
        (
            u::CO_QUAN_DANG,
            "Đảng ủy Các cơ quan đảng",
            UnitKind::DangUy,
        ),
        (u::UBND, "Đảng ủy Ủy ban nhân dân xã", UnitKind::DangUy),
        (u::Y_TE, "Đảng uỷ Trung tâm Y tế", UnitKind::DangUy),
        (
            u::THUY_LOI,
            "Đảng bộ Xí nghiệp Khai thác công trình thuỷ lợi",
            UnitKind::DangBo,
        ),
        (u::CONG_AN, "Chi bộ Công an", UnitKind::ChiBo),
        (u::QUAN_SU, "Chi bộ Quân sự", UnitKind::ChiBo),
        (
            u::THPT,
            "Chi bộ Trường THPT Thanh Miện III",
            UnitKind::ChiBo,
        ),
        (
            u::GDNN,
            "Chi bộ Trung tâm Giáo dục nghề nghiệp - Giáo dục thường xuyên",
            UnitKind::ChiBo,
        ),
    ];
    let villages = ["Đông", "Tây", "Nam", "Bắc"];
    let mut out: Vec<Unit> = designated
        .iter()
        .map(|&(i, name, kind)| Unit {
            id: unit_id(i),
            commune_id: commune_id(),
            name: name.to_owned(),
            kind,
            parent: None,
            has_target: true,
            sample: false,
        })
        .collect();
    out.extend(villages.iter().zip(u::THON_DONG..).map(|(v, i)| Unit {
        id: unit_id(i),
        commune_id: commune_id(),
        name: format!("Chi bộ thôn {v} (dữ liệu mẫu)"),
        kind: UnitKind::ChiBoThon,
        parent: None,
        has_target: false,
        sample: true,
    }));
    out
}

/// Thanh Miện's campaign of `year`.
fn campaign(year: i32) -> CampaignYear {
    campaign_of(0, commune_id(), year)
}

/// The plan's deadlines (01/9, 20/11, 01/12) and targets (3 and 1) for
/// `year` of the demo commune numbered `key`.
pub(crate) fn campaign_of(key: u64, commune: CommuneId, year: i32) -> CampaignYear {
    let criteria = [
        (
            "Hiệu quả thiết thực",
            "Giải quyết được vấn đề cụ thể ở cơ sở, kết quả đo đếm được",
        ),
        (
            "Sáng tạo trong cách làm",
            "Phương pháp, cách thức vận động mới, phù hợp thực tiễn",
        ),
        (
            "Khả năng nhân rộng",
            "Có thể duy trì lâu dài và áp dụng ở đơn vị, địa bàn khác",
        ),
    ];
    CampaignYear {
        id: campaign_id_of(key, year),
        commune_id: commune,
        year,
        registration_deadline: ymd(year, 9, 1),
        unit_report_deadline: ymd(year, 11, 20),
        commune_report_deadline: ymd(year, 12, 1),
        commune_target: 3,
        unit_target: 1,
        unit_targets: Vec::new(),
        criteria: criteria
            .iter()
            .zip(1u64..)
            .map(|(&(name, description), i)| Criterion {
                id: criterion_id(key, year, i),
                name: name.to_owned(),
                description: description.to_owned(),
            })
            .collect(),
        levels: ["Tốt", "Khá", "Đạt", "Chưa đạt"]
            .iter()
            .map(|s| (*s).to_owned())
            .collect(),
    }
}

pub(crate) fn criteria_ids(year: i32) -> [CriterionId; 3] {
    criteria_ids_of(0, year)
}

pub(crate) fn criteria_ids_of(key: u64, year: i32) -> [CriterionId; 3] {
    [
        criterion_id(key, year, 1),
        criterion_id(key, year, 2),
        criterion_id(key, year, 3),
    ]
}

pub(crate) fn user_id(i: u64) -> UserId {
    UserId::from_uuid(demo_uuid(900 + i))
}

/// One user per role (sample people). No credentials here.
fn users() -> Vec<User> {
    let rows = [
        ("quantri", "Quản trị hệ thống (mẫu)", Role::Admin, None),
        ("bxdd.lan", "Trần Thị Lan (mẫu)", Role::Reviewer, None),
        ("thuongtruc.hung", "Phạm Văn Hùng (mẫu)", Role::Leader, None),
        (
            "canbo.ubnd",
            "Nguyễn Thị Hoa (mẫu)",
            Role::UnitOfficer,
            Some(u::UBND),
        ),
        (
            "canbo.yte",
            "Lê Văn Minh (mẫu)",
            Role::UnitOfficer,
            Some(u::Y_TE),
        ),
    ];
    let mut out: Vec<User> = rows
        .iter()
        .zip(1u64..)
        .map(|(&(username, full_name, role, unit), i)| User {
            id: user_id(i),
            commune_id: Some(commune_id()),
            city: None,
            unit_id: unit.map(unit_id),
            username: username.to_owned(),
            full_name: full_name.to_owned(),
            role,
            disabled: false,
        })
        .collect();
    out.push(User {
        id: user_id(10),
        commune_id: None,
        city: Some("Hải Phòng".to_owned()),
        unit_id: None,
        username: "thanhuy.hp".to_owned(),
        full_name: "Ban Tuyên giáo và Dân vận Thành ủy (mẫu)".to_owned(),
        role: Role::CityViewer,
        disabled: false,
    });
    out
}
