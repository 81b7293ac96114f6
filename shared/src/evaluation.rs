//! The evaluation of a model: a level per criterion and the commune's decision.
use chrono::NaiveDate;
use serde::{Deserialize, Serialize};

use crate::campaign::CampaignYear;
use crate::ids::{CampaignId, CommuneId, CriterionId, EvaluationId, ModelId, UserId};
use crate::messages;
use crate::model::Model;
use crate::status::ModelStatus;
use crate::validate::{Checker, ErrorCode, Errors, is_blank};

/// The commune's conclusion.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash, Serialize, Deserialize)]
#[serde(rename_all = "snake_case")]
pub enum Decision {
    CongNhan,
    KhongCongNhan,
}

impl Decision {
    #[must_use]
    pub fn label(&self) -> &'static str {
        match self {
            Self::CongNhan => "Công nhận",
            Self::KhongCongNhan => "Không công nhận",
        }
    }

    /// The final status this decision leads to.
    #[must_use]
    pub fn status(&self) -> ModelStatus {
        match self {
            Self::CongNhan => ModelStatus::CongNhan,
            Self::KhongCongNhan => ModelStatus::KhongCongNhan,
        }
    }
}

/// The level given for one criterion (a name from the campaign's levels).
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
pub struct Score {
    pub criterion_id: CriterionId,
    pub level: String,
}

/// The reviewer's evaluation of one model.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
pub struct Evaluation {
    pub id: EvaluationId,
    pub commune_id: CommuneId,
    pub campaign_id: CampaignId,
    pub model_id: ModelId,
    #[serde(default)]
    pub scores: Vec<Score>,
    #[serde(default)]
    pub comment: String,
    #[serde(default)]
    pub decision: Option<Decision>,
    /// Tiêu biểu.
    #[serde(default)]
    pub exemplary: bool,
    /// Đề nghị khen thưởng.
    #[serde(default)]
    pub propose_reward: bool,
    /// Nhân rộng.
    #[serde(default)]
    pub replicate: bool,
    /// Who last changed the evaluation, and when: stamped by the server
    /// from the session and its own day ([`Evaluation::stamp`]); whatever
    /// a device sends here is replaced.
    #[serde(default)]
    pub evaluator: Option<UserId>,
    #[serde(default)]
    pub evaluator_name: String,
    #[serde(default)]
    pub evaluated_on: Option<NaiveDate>,
}

/// The fields only the server writes (see [`Evaluation::stamp`]); a device
/// leaves them out of what it sends, so a stamp never races its edits.
pub const STAMPED_FIELDS: [&str; 3] = ["evaluator", "evaluator_name", "evaluated_on"];

impl Evaluation {
    /// The id of `model`'s evaluation: the same on every device, so two
    /// reviewers starting it offline write one record. The model's id with
    /// the UUID version set to 8 (like [`crate::report::ResultsReport::id_for`])
    /// and one bit of the variant's byte flipped, so it is neither the
    /// model's id nor its report's.
    #[must_use]
    pub fn id_for(model: ModelId) -> EvaluationId {
        let mut bytes = *model.as_uuid().as_bytes();
        bytes[6] = (bytes[6] & 0x0f) | 0x80;
        bytes[8] ^= 0x20;
        EvaluationId::from_uuid(uuid::Uuid::from_bytes(bytes))
    }

    /// An empty evaluation of `model`, in the model's commune and year.
    #[must_use]
    pub fn new_for(model: &Model) -> Self {
        Self {
            id: Self::id_for(model.id),
            commune_id: model.commune_id,
            campaign_id: model.campaign_id,
            model_id: model.id,
            scores: Vec::new(),
            comment: String::new(),
            decision: None,
            exemplary: false,
            propose_reward: false,
            replicate: false,
            evaluator: None,
            evaluator_name: String::new(),
            evaluated_on: None,
        }
    }

    /// Records who evaluated and on which day: the server's session user
    /// and the server's date, on every accepted change.
    pub fn stamp(&mut self, user: UserId, name: &str, today: NaiveDate) {
        self.evaluator = Some(user);
        name.clone_into(&mut self.evaluator_name);
        self.evaluated_on = Some(today);
    }

    /// The level given for `criterion`, if any.
    #[must_use]
    pub fn level_of(&self, criterion: CriterionId) -> Option<&str> {
        self.scores
            .iter()
            .find(|s| s.criterion_id == criterion)
            .map(|s| s.level.as_str())
    }

    /// The scores with `criterion` set to `level` (blank: removed).
    #[must_use]
    pub fn with_level(&self, criterion: CriterionId, level: &str) -> Vec<Score> {
        let mut scores: Vec<Score> = self
            .scores
            .iter()
            .filter(|s| s.criterion_id != criterion)
            .cloned()
            .collect();
        if !is_blank(level) {
            scores.push(Score {
                criterion_id: criterion,
                level: level.to_owned(),
            });
        }
        scores
    }

    /// Texts within limits; honours only with recognition.
    #[must_use]
    pub fn validate_draft(&self) -> Errors {
        let mut c = Checker::new();
        c.text("comment", &self.comment);
        for (i, s) in self.scores.iter().enumerate() {
            c.name(&format!("scores[{i}].level"), &s.level);
        }
        let honoured = self.exemplary || self.propose_reward || self.replicate;
        if honoured && self.decision == Some(Decision::KhongCongNhan) {
            c.push(
                "decision",
                ErrorCode::Inconsistent,
                messages::HONOUR_WITHOUT_RECOGNITION,
            );
        }
        c.finish()
    }

    /// Draft rules, plus a known level for every criterion of `campaign`,
    /// no unknown criterion, and a decision. Errors on `criteria[i]` follow
    /// the campaign's criteria order, as the form shows them.
    #[must_use]
    pub fn validate_for_submit(&self, campaign: &CampaignYear) -> Errors {
        let mut c = Checker::new();
        c.extend(self.validate_draft());
        for (i, cr) in campaign.criteria.iter().enumerate() {
            match self.scores.iter().find(|s| s.criterion_id == cr.id) {
                None => c.push(
                    format!("criteria[{i}]"),
                    ErrorCode::Required,
                    messages::SCORE_REQUIRED,
                ),
                Some(s) if is_blank(&s.level) => c.push(
                    format!("criteria[{i}]"),
                    ErrorCode::Required,
                    messages::SCORE_REQUIRED,
                ),
                Some(s) if !campaign.levels.iter().any(|l| l == &s.level) => c.push(
                    format!("criteria[{i}]"),
                    ErrorCode::UnknownReference,
                    messages::UNKNOWN_LEVEL,
                ),
                Some(_) => {}
            }
        }
        for (i, s) in self.scores.iter().enumerate() {
            if !campaign.criteria.iter().any(|cr| cr.id == s.criterion_id) {
                c.push(
                    format!("scores[{i}].criterion_id"),
                    ErrorCode::UnknownReference,
                    messages::UNKNOWN_CRITERION,
                );
            }
        }
        if self.decision.is_none() {
            c.push("decision", ErrorCode::Required, messages::DECISION_REQUIRED);
        }
        c.finish()
    }
}
