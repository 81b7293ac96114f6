//! Breakdowns of a set of models: by field, kind, new / continued, status,
//! and the stages of the year (registered → reported → recognised).
use std::collections::HashMap;

use serde::{Deserialize, Serialize};

use crate::evaluation::Evaluation;
use crate::field::Field;
use crate::ids::ModelId;
use crate::model::{Model, ModelKind};
use crate::progress::ProgressEntry;
use crate::status::ModelStatus;

use super::tally::Tally;

/// The dashboard's breakdown of a set of models, each count with its models.
#[derive(Debug, Clone, PartialEq, Default, Serialize, Deserialize)]
pub struct Counts {
    pub total: Tally,
    /// One row per field, in `Field::ALL` order, zero rows kept.
    pub by_field: Vec<(Field, Tally)>,
    /// Models with no field chosen yet.
    pub no_field: Tally,
    /// One row per status, in `ModelStatus::ALL` order, zero rows kept.
    pub by_status: Vec<(ModelStatus, Tally)>,
    pub new: Tally,
    pub continued: Tally,
    pub collective: Tally,
    pub individual: Tally,
}

impl Counts {
    #[must_use]
    pub fn of(models: &[&Model]) -> Self {
        Self {
            total: Tally::of(models, |_| true),
            by_field: Field::ALL
                .iter()
                .map(|&f| (f, Tally::of(models, |m| m.field == Some(f))))
                .collect(),
            no_field: Tally::of(models, |m| m.field.is_none()),
            by_status: ModelStatus::ALL
                .iter()
                .map(|&s| (s, Tally::of(models, |m| m.status == s)))
                .collect(),
            new: Tally::of(models, |m| !m.is_continued()),
            continued: Tally::of(models, Model::is_continued),
            collective: Tally::of(models, |m| m.kind == ModelKind::TapThe),
            individual: Tally::of(models, |m| m.kind == ModelKind::CaNhan),
        }
    }

    /// The models of one field.
    #[must_use]
    pub fn field(&self, field: Field) -> &Tally {
        self.by_field
            .iter()
            .find(|(f, _)| *f == field)
            .map_or(&self.no_field, |(_, t)| t)
    }

    /// The models of one kind (tập thể / cá nhân).
    #[must_use]
    pub fn kind(&self, kind: ModelKind) -> &Tally {
        match kind {
            ModelKind::TapThe => &self.collective,
            ModelKind::CaNhan => &self.individual,
        }
    }
}

/// Registered (counting toward targets), results not reported yet: Đã đăng
/// ký, Đang thực hiện, and a report returned for correction.
#[must_use]
pub fn is_in_progress(status: ModelStatus) -> bool {
    matches!(
        status,
        ModelStatus::DaDangKy | ModelStatus::DangThucHien | ModelStatus::TraLaiBaoCao
    )
}

/// Results reported and accepted for evaluation, or further.
#[must_use]
pub fn is_reported(status: ModelStatus) -> bool {
    matches!(
        status,
        ModelStatus::DaBaoCao
            | ModelStatus::DaDanhGia
            | ModelStatus::CongNhan
            | ModelStatus::KhongCongNhan
    )
}

/// Evaluated: the commune has scored it (decided or about to).
#[must_use]
pub fn is_evaluated(status: ModelStatus) -> bool {
    matches!(
        status,
        ModelStatus::DaDanhGia | ModelStatus::CongNhan | ModelStatus::KhongCongNhan
    )
}

/// Where a set of registered models stands in the year. Each stage holds
/// the models of the next (reported ⊇ evaluated ⊇ recognised ⊇ tiêu biểu),
/// and registered = in progress + reported.
#[derive(Debug, Clone, PartialEq, Default, Serialize, Deserialize)]
pub struct Stages {
    pub registered: Tally,
    pub in_progress: Tally,
    pub reported: Tally,
    pub evaluated: Tally,
    /// Được công nhận (final).
    pub recognised: Tally,
    pub not_recognised: Tally,
    /// Recognised and marked tiêu biểu in their evaluation.
    pub exemplary: Tally,
    /// Recognised and proposed for an award (đề nghị khen thưởng).
    pub proposed_reward: Tally,
    /// Recognised and to be replicated (nhân rộng).
    pub replicate: Tally,
    /// Reported, and the report reaches every indicator's target.
    pub targets_met: Tally,
}

impl Stages {
    /// `registered` are models that count toward the targets; `targets_met`
    /// says whether a model's report reaches all its targets.
    #[must_use]
    pub fn of(
        registered: &[&Model],
        evaluations: &HashMap<ModelId, &Evaluation>,
        targets_met: impl Fn(&Model) -> bool,
    ) -> Self {
        let honour = |m: &Model, flag: fn(&Evaluation) -> bool| {
            m.status == ModelStatus::CongNhan && evaluations.get(&m.id).is_some_and(|e| flag(e))
        };
        Self {
            registered: Tally::of(registered, |_| true),
            in_progress: Tally::of(registered, |m| is_in_progress(m.status)),
            reported: Tally::of(registered, |m| is_reported(m.status)),
            evaluated: Tally::of(registered, |m| is_evaluated(m.status)),
            recognised: Tally::of(registered, |m| m.status == ModelStatus::CongNhan),
            not_recognised: Tally::of(registered, |m| m.status == ModelStatus::KhongCongNhan),
            exemplary: Tally::of(registered, |m| honour(m, |e| e.exemplary)),
            proposed_reward: Tally::of(registered, |m| honour(m, |e| e.propose_reward)),
            replicate: Tally::of(registered, |m| honour(m, |e| e.replicate)),
            targets_met: Tally::of(registered, |m| is_reported(m.status) && targets_met(m)),
        }
    }
}

/// Resources a set of models mobilised: money and workdays as registered
/// (item 7 of mẫu 04), people as logged in progress entries.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Default, Serialize, Deserialize)]
pub struct Resources {
    /// Kinh phí.
    pub budget_vnd: u64,
    /// Xã hội hóa.
    pub socialized_vnd: u64,
    /// Ngày công.
    pub workdays: u64,
    /// Lượt người tham gia, summed over progress entries.
    pub participants: u64,
}

impl Resources {
    #[must_use]
    pub fn of(models: &[&Model], progress: &HashMap<ModelId, Vec<&ProgressEntry>>) -> Self {
        models.iter().fold(Self::default(), |sum, m| {
            let people: u64 = progress
                .get(&m.id)
                .map(|entries| {
                    entries
                        .iter()
                        .map(|e| u64::from(e.participants.unwrap_or(0)))
                        .fold(0, u64::saturating_add)
                })
                .unwrap_or(0);
            Self {
                budget_vnd: sum.budget_vnd.saturating_add(m.budget_vnd.unwrap_or(0)),
                socialized_vnd: sum
                    .socialized_vnd
                    .saturating_add(m.socialized_vnd.unwrap_or(0)),
                workdays: sum
                    .workdays
                    .saturating_add(u64::from(m.workdays.unwrap_or(0))),
                participants: sum.participants.saturating_add(people),
            }
        })
    }

    /// Kinh phí plus xã hội hóa.
    #[must_use]
    pub fn money_vnd(&self) -> u64 {
        self.budget_vnd.saturating_add(self.socialized_vnd)
    }
}
