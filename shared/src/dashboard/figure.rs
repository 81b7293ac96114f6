//! Every number the dashboard shows that stands for models, named, so each
//! can be opened as the list of models behind it and kept in the address
//! (`#/tong-quan/<year>/<slug>`).
use serde::{Deserialize, Serialize};

use crate::field::Field;
use crate::ids::UnitId;
use crate::messages;
use crate::model::ModelKind;
use crate::status::ModelStatus;

use super::grid::Stage;

/// One figure of the dashboard. [`super::Dashboard::tally`] gives the
/// models behind it; the list opened from it has exactly that many rows.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash, Serialize, Deserialize)]
pub enum Figure {
    /// Models counting toward the commune's target (Đã đăng ký or later).
    Registered,
    /// Results reported (Đã báo cáo or later).
    Reported,
    /// Evaluated by the commune.
    Evaluated,
    /// Được công nhận.
    Recognised,
    /// Recognised and tiêu biểu.
    Exemplary,
    /// Recognised and proposed for an award.
    ProposedReward,
    /// Recognised and to be replicated (nhân rộng).
    Replicate,
    /// Registered models of one field (none: no field chosen yet).
    Field(Option<Field>),
    /// A unit's registered models, its sub-units' included (what its
    /// target counts).
    Unit(UnitId),
    /// A cell of the grid: a unit's models at a stage (the commune's for
    /// `unit: None`), or those of them that were late.
    Stage {
        unit: Option<UnitId>,
        stage: Stage,
        late: bool,
    },
    /// Registered models of one kind (tập thể / cá nhân).
    Kind(ModelKind),
    /// Registered models new this year.
    New,
    /// Registered models continued from an earlier year.
    Continued,
    /// Every model of the year at one status, drafts included.
    Status(ModelStatus),
}

impl Figure {
    /// The commune-wide figures, in the order the headline shows them.
    pub const HEADLINE: [Self; 7] = [
        Self::Registered,
        Self::Reported,
        Self::Evaluated,
        Self::Recognised,
        Self::Exemplary,
        Self::ProposedReward,
        Self::Replicate,
    ];

    /// What the figure counts, as its tile and its list are headed.
    #[must_use]
    pub fn label(&self) -> &'static str {
        match self {
            Self::Registered => messages::FIGURE_REGISTERED,
            Self::Reported => messages::FIGURE_REPORTED,
            Self::Evaluated => messages::FIGURE_EVALUATED,
            Self::Recognised => messages::FIGURE_RECOGNISED,
            Self::Exemplary => messages::FIGURE_EXEMPLARY,
            Self::ProposedReward => messages::FIGURE_PROPOSED_REWARD,
            Self::Replicate => messages::FIGURE_REPLICATE,
            Self::Field(Some(f)) => f.label(),
            Self::Field(None) => messages::NO_FIELD,
            Self::Unit(_) => messages::FIGURE_UNIT,
            Self::Stage { stage, late, .. } => {
                if *late {
                    stage.late_label()
                } else {
                    stage.label()
                }
            }
            Self::Kind(k) => k.label(),
            Self::New => messages::FIGURE_NEW,
            Self::Continued => messages::FIGURE_CONTINUED,
            Self::Status(s) => s.label(),
        }
    }

    /// The figure's part of an address: `dang-ky`, `linh-vuc/kinh_te`,
    /// `don-vi/<unit id>`.
    #[must_use]
    pub fn slug(&self) -> String {
        match self {
            Self::Registered => "dang-ky".to_owned(),
            Self::Reported => "da-bao-cao".to_owned(),
            Self::Evaluated => "da-danh-gia".to_owned(),
            Self::Recognised => "cong-nhan".to_owned(),
            Self::Exemplary => "tieu-bieu".to_owned(),
            Self::ProposedReward => "khen-thuong".to_owned(),
            Self::Replicate => "nhan-rong".to_owned(),
            Self::Field(Some(f)) => format!("linh-vuc/{}", wire(f)),
            Self::Field(None) => "linh-vuc/chua-chon".to_owned(),
            Self::Unit(u) => format!("don-vi/{u}"),
            Self::Stage { unit, stage, late } => {
                let unit = unit.map_or_else(|| "xa".to_owned(), |u| u.to_string());
                let late = if *late { "/muon" } else { "" };
                format!("giai-doan/{}/{unit}{late}", stage.slug())
            }
            Self::Kind(k) => format!("loai/{}", wire(k)),
            Self::New => "moi".to_owned(),
            Self::Continued => "tiep-tuc".to_owned(),
            Self::Status(s) => format!("trang-thai/{}", wire(s)),
        }
    }

    /// The figure an address names (the parts after the year's).
    #[must_use]
    pub fn parse(parts: &[&str]) -> Option<Self> {
        Some(match parts {
            ["linh-vuc", "chua-chon"] => Self::Field(None),
            ["linh-vuc", f] => Self::Field(Some(Field::ALL.into_iter().find(|x| wire(x) == *f)?)),
            ["giai-doan", stage, unit, late @ ..] => Self::Stage {
                stage: Stage::parse(stage)?,
                unit: match *unit {
                    "xa" => None,
                    u => Some(u.parse().ok()?),
                },
                late: match late {
                    [] => false,
                    ["muon"] => true,
                    _ => return None,
                },
            },
            ["loai", k] => Self::Kind(ModelKind::ALL.into_iter().find(|x| wire(x) == *k)?),
            ["trang-thai", s] => {
                Self::Status(ModelStatus::ALL.into_iter().find(|x| wire(x) == *s)?)
            }
            ["moi"] => Self::New,
            ["tiep-tuc"] => Self::Continued,
            ["don-vi", u] => Self::Unit(u.parse().ok()?),
            [one] => Self::HEADLINE.into_iter().find(|x| x.slug() == *one)?,
            _ => return None,
        })
    }
}

/// A field, kind or status in an address: its wire name (`kinh_te`).
fn wire<T: serde::Serialize + std::fmt::Debug>(value: &T) -> String {
    match serde_json::to_value(value) {
        Ok(serde_json::Value::String(s)) => s,
        _ => format!("{value:?}"),
    }
}
