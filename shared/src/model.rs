//! The model (mô hình Dân vận khéo) and its registration items (mẫu 04).
//!
//! Records sync field by field, so the nine items are flat top-level fields;
//! the indicator list is one field because it is edited as a whole.
use chrono::NaiveDate;
use serde::{Deserialize, Serialize};

use crate::field::Field;
use crate::ids::{CampaignId, CommuneId, IndicatorId, ModelId, UnitId};
use crate::status::ModelStatus;

/// Collective or individual model (tập thể / cá nhân).
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash, Default, Serialize, Deserialize)]
#[serde(rename_all = "snake_case")]
pub enum ModelKind {
    #[default]
    TapThe,
    CaNhan,
}

impl ModelKind {
    pub const ALL: [Self; 2] = [Self::TapThe, Self::CaNhan];

    #[must_use]
    pub fn label(&self) -> &'static str {
        match self {
            Self::TapThe => "Tập thể",
            Self::CaNhan => "Cá nhân",
        }
    }
}

/// A measurable indicator (tiêu chí / chỉ tiêu): name, unit of measure, target.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
pub struct Indicator {
    pub id: IndicatorId,
    #[serde(default)]
    pub name: String,
    /// Unit of measure: "hộ", "%", "người"...
    #[serde(default)]
    pub unit: String,
    #[serde(default)]
    pub target: f64,
    /// Last year's target, copied when a model is continued, for display and checks.
    #[serde(default)]
    pub previous_target: Option<f64>,
}

impl Indicator {
    /// Filled enough to count at submission: name, unit and a target above 0.
    #[must_use]
    pub fn is_complete(&self) -> bool {
        !crate::validate::is_blank(&self.name)
            && !crate::validate::is_blank(&self.unit)
            && self.target.is_finite()
            && self.target > 0.0
    }
}

/// A dated step of the plan.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
pub struct Milestone {
    pub date: NaiveDate,
    #[serde(default)]
    pub title: String,
}

/// One model of one unit in one campaign year.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
pub struct Model {
    pub id: ModelId,
    pub commune_id: CommuneId,
    pub unit_id: UnitId,
    pub campaign_id: CampaignId,
    /// The chi bộ, phòng, ban or đoàn thể the unit handed the model to.
    #[serde(default)]
    pub sub_unit: String,
    /// 1. Tên mô hình.
    #[serde(default)]
    pub name: String,
    #[serde(default)]
    pub field: Option<Field>,
    #[serde(default)]
    pub topic: String,
    #[serde(default)]
    pub kind: ModelKind,
    /// Set for a continued model ("tiếp tục"): last year's model.
    #[serde(default)]
    pub continued_from: Option<ModelId>,
    /// Who registers (person or collective).
    #[serde(default)]
    pub registrant: String,
    /// The leader directly responsible.
    #[serde(default)]
    pub responsible_leader: String,
    #[serde(default = "draft")]
    pub status: ModelStatus,
    /// The reviewer's last comment when returning.
    #[serde(default)]
    pub return_comment: String,
    #[serde(default)]
    pub stop_reason: String,
    #[serde(default)]
    pub submitted_on: Option<NaiveDate>,
    #[serde(default)]
    pub registered_on: Option<NaiveDate>,
    #[serde(default)]
    pub reported_on: Option<NaiveDate>,
    /// On the commune's list of models to replicate (nhân rộng): set only by
    /// the recognition move, from the evaluation, so every unit may read
    /// and adopt it (see [`crate::replication`]).
    #[serde(default)]
    pub replicated: bool,
    /// 2. Thực trạng, lý do xây dựng; thuận lợi; khó khăn.
    #[serde(default)]
    pub situation: String,
    #[serde(default)]
    pub advantages: String,
    #[serde(default)]
    pub difficulties: String,
    /// 3. Mục tiêu; tiêu chí / chỉ tiêu.
    #[serde(default)]
    pub goals: String,
    #[serde(default)]
    pub indicators: Vec<Indicator>,
    /// 4. Nội dung, cách thức, biện pháp thực hiện.
    #[serde(default)]
    pub content_methods: String,
    /// 5. Địa bàn, đối tượng.
    #[serde(default)]
    pub area: String,
    #[serde(default)]
    pub beneficiaries: String,
    /// 6. Lực lượng: chủ trì, phối hợp, tham gia.
    #[serde(default)]
    pub lead_force: String,
    #[serde(default)]
    pub coordinating_forces: String,
    #[serde(default)]
    pub participating_forces: String,
    /// 7. Nguồn lực và thời gian.
    #[serde(default)]
    pub budget_vnd: Option<u64>,
    #[serde(default)]
    pub facilities: String,
    #[serde(default)]
    pub manpower: String,
    #[serde(default)]
    pub workdays: Option<u32>,
    #[serde(default)]
    pub socialized_vnd: Option<u64>,
    #[serde(default)]
    pub start_date: Option<NaiveDate>,
    #[serde(default)]
    pub end_date: Option<NaiveDate>,
    #[serde(default)]
    pub milestones: Vec<Milestone>,
    #[serde(default)]
    pub survey_date: Option<NaiveDate>,
    #[serde(default)]
    pub inspection_date: Option<NaiveDate>,
    #[serde(default)]
    pub summary_date: Option<NaiveDate>,
    /// 8. Sản phẩm, kết quả đầu ra kiểm chứng được.
    #[serde(default)]
    pub outputs: String,
    /// 9. Khả năng duy trì, nhân rộng.
    #[serde(default)]
    pub sustainability: String,
}

pub(crate) fn draft() -> ModelStatus {
    ModelStatus::Nhap
}

impl Model {
    /// An empty draft: everything blank, status Nháp.
    #[must_use]
    pub fn new_draft(
        id: ModelId,
        commune_id: CommuneId,
        unit_id: UnitId,
        campaign_id: CampaignId,
    ) -> Self {
        Self {
            id,
            commune_id,
            unit_id,
            campaign_id,
            sub_unit: String::new(),
            name: String::new(),
            field: None,
            topic: String::new(),
            kind: ModelKind::TapThe,
            continued_from: None,
            registrant: String::new(),
            responsible_leader: String::new(),
            status: ModelStatus::Nhap,
            return_comment: String::new(),
            stop_reason: String::new(),
            submitted_on: None,
            registered_on: None,
            reported_on: None,
            replicated: false,
            situation: String::new(),
            advantages: String::new(),
            difficulties: String::new(),
            goals: String::new(),
            indicators: Vec::new(),
            content_methods: String::new(),
            area: String::new(),
            beneficiaries: String::new(),
            lead_force: String::new(),
            coordinating_forces: String::new(),
            participating_forces: String::new(),
            budget_vnd: None,
            facilities: String::new(),
            manpower: String::new(),
            workdays: None,
            socialized_vnd: None,
            start_date: None,
            end_date: None,
            milestones: Vec::new(),
            survey_date: None,
            inspection_date: None,
            summary_date: None,
            outputs: String::new(),
            sustainability: String::new(),
        }
    }

    /// A draft for this year continuing `previous`: the content is copied,
    /// dates and workflow are reset, and each indicator remembers last
    /// year's target so the form can ask for a higher one.
    #[must_use]
    pub fn continue_from(previous: &Model, id: ModelId, campaign_id: CampaignId) -> Self {
        let mut next = previous.clone();
        next.id = id;
        next.campaign_id = campaign_id;
        next.continued_from = Some(previous.id);
        next.status = ModelStatus::Nhap;
        next.return_comment.clear();
        next.stop_reason.clear();
        next.submitted_on = None;
        next.registered_on = None;
        next.reported_on = None;
        next.replicated = false;
        next.start_date = None;
        next.end_date = None;
        next.milestones.clear();
        next.survey_date = None;
        next.inspection_date = None;
        next.summary_date = None;
        for ind in &mut next.indicators {
            ind.previous_target = Some(ind.target);
        }
        next
    }

    /// Another unit's copy of a replicated model (nhân rộng): linked to it
    /// like a continued model, its indicators to be raised above the
    /// source's. The source unit's people (sub-unit, registrant, leader,
    /// lead force) are left for the adopting unit to fill in.
    #[must_use]
    pub fn adopt(source: &Model, id: ModelId, campaign_id: CampaignId, unit_id: UnitId) -> Self {
        let mut next = Self::continue_from(source, id, campaign_id);
        next.unit_id = unit_id;
        next.sub_unit.clear();
        next.registrant.clear();
        next.responsible_leader.clear();
        next.lead_force.clear();
        next
    }

    /// New or continued ("tiếp tục").
    #[must_use]
    pub fn is_continued(&self) -> bool {
        self.continued_from.is_some()
    }

    /// Who implements it, for lists: the sub-unit if named, else the unit.
    #[must_use]
    pub fn implementer<'a>(&'a self, unit_name: &'a str) -> &'a str {
        if crate::validate::is_blank(&self.sub_unit) {
            unit_name
        } else {
            &self.sub_unit
        }
    }
}
