//! The organisation: the commune (tenant) and its units.
use serde::{Deserialize, Serialize};

use crate::ids::{CommuneId, UnitId};
use crate::messages;
use crate::validate::{Checker, ErrorCode, Errors};

/// A commune's Party organisation (Đảng bộ xã): the tenant every record belongs to.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
pub struct Commune {
    pub id: CommuneId,
    /// "Đảng bộ xã Thanh Miện".
    pub name: String,
    /// The place in document date lines: "Thanh Miện, ngày ...".
    #[serde(default)]
    pub place_name: String,
    /// The city above it, e.g. "Hải Phòng"; scopes the city viewer.
    #[serde(default)]
    pub city: String,
    /// Headers, signer, recipients and presentation numbers of its documents.
    #[serde(default)]
    pub documents: crate::document::DocumentSettings,
}

impl Commune {
    /// Name and place name are required; all texts within the name limit.
    #[must_use]
    pub fn validate(&self) -> Errors {
        let mut c = Checker::new();
        c.required("name", &self.name, "tên xã");
        c.name("name", &self.name);
        c.required("place_name", &self.place_name, "địa danh ghi trên văn bản");
        c.name("place_name", &self.place_name);
        c.name("city", &self.city);
        for mut e in self.documents.validate() {
            e.field = format!("documents.{}", e.field);
            c.extend(vec![e]);
        }
        c.finish()
    }
}

/// What kind of Party organisation a unit is.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash, Serialize, Deserialize)]
#[serde(rename_all = "snake_case")]
pub enum UnitKind {
    DangUy,
    DangBo,
    ChiBo,
    ChiBoThon,
    Khac,
}

impl UnitKind {
    pub const ALL: [Self; 5] = [
        Self::DangUy,
        Self::DangBo,
        Self::ChiBo,
        Self::ChiBoThon,
        Self::Khac,
    ];

    #[must_use]
    pub fn label(&self) -> &'static str {
        match self {
            Self::DangUy => "Đảng ủy",
            Self::DangBo => "Đảng bộ",
            Self::ChiBo => "Chi bộ",
            Self::ChiBoThon => "Chi bộ thôn",
            Self::Khac => "Khác",
        }
    }
}

/// A unit of the commune that plans and registers models.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
pub struct Unit {
    pub id: UnitId,
    pub commune_id: CommuneId,
    pub name: String,
    pub kind: UnitKind,
    /// The unit above it; `None` for units directly under the commune.
    #[serde(default)]
    pub parent: Option<UnitId>,
    /// Whether the campaign's per-unit target applies (data, not code).
    #[serde(default)]
    pub has_target: bool,
    /// Sample data, to be shown as such and removed before real use.
    #[serde(default)]
    pub sample: bool,
}

impl Unit {
    #[must_use]
    pub fn validate(&self) -> Errors {
        let mut c = Checker::new();
        c.required("name", &self.name, "tên đơn vị");
        c.name("name", &self.name);
        if self.parent == Some(self.id) {
            c.push(
                "parent",
                ErrorCode::Inconsistent,
                messages::UNIT_PARENT_SELF,
            );
        }
        c.finish()
    }
}
