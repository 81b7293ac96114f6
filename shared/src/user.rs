//! Users and their roles.
use serde::{Deserialize, Serialize};

use crate::ids::{CommuneId, UnitId, UserId};
use crate::messages;
use crate::validate::{Checker, ErrorCode, Errors};

/// What a user may do; the status table in [`crate::status`] says which moves each makes.
#[cfg_attr(feature = "openapi", derive(utoipa::ToSchema))]
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash, Serialize, Deserialize)]
#[serde(rename_all = "snake_case")]
pub enum Role {
    /// Cán bộ đơn vị: drafts, registers and updates the models of one unit.
    UnitOfficer,
    /// Ban xây dựng Đảng: accepts or returns, evaluates, compiles reports.
    Reviewer,
    /// Thường trực / Ban Thường vụ: read-only dashboards.
    Leader,
    /// Quản trị: commune, units, users, campaign years.
    Admin,
    /// Ban Tuyên giáo và Dân vận Thành ủy: read-only across communes of a city.
    CityViewer,
}

/// Where a person's app opens. The ones who follow the campaign open on
/// its figures: a leader on the commune's dashboard, a city viewer on the
/// city's communes side by side. The ones who work on the models open on
/// them, with their work one tap away: an officer's unit's models, a
/// reviewer's queue (its count on the button), an admin's set-up.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum FirstScreen {
    /// The models of the person's unit or commune (`#/`).
    Models,
    /// The leaders' dashboard of the commune ([`crate::dashboard`]).
    Dashboard,
    /// The city's communes ([`crate::city`]).
    City,
}

impl Role {
    pub const ALL: [Self; 5] = [
        Self::UnitOfficer,
        Self::Reviewer,
        Self::Leader,
        Self::Admin,
        Self::CityViewer,
    ];

    #[must_use]
    pub fn label(&self) -> &'static str {
        match self {
            Self::UnitOfficer => "Cán bộ đơn vị",
            Self::Reviewer => "Ban xây dựng Đảng",
            Self::Leader => "Thường trực Đảng ủy",
            Self::Admin => "Quản trị",
            Self::CityViewer => "Ban Tuyên giáo và Dân vận Thành ủy",
        }
    }

    /// The screen the app opens on for this role (and goes to as "home").
    #[must_use]
    pub fn first_screen(self) -> FirstScreen {
        match self {
            Self::Leader => FirstScreen::Dashboard,
            Self::CityViewer => FirstScreen::City,
            Self::UnitOfficer | Self::Reviewer | Self::Admin => FirstScreen::Models,
        }
    }

    /// The roles a commune admin may give an account (a city viewer's
    /// account is the city's to make).
    pub const COMMUNE: [Self; 4] = [Self::UnitOfficer, Self::Reviewer, Self::Leader, Self::Admin];

    /// Only the admin changes the commune's set-up (units, users, years).
    #[must_use]
    pub fn can_administer(&self) -> bool {
        matches!(self, Self::Admin)
    }

    /// Leaders and city viewers only read.
    #[must_use]
    pub fn is_read_only(&self) -> bool {
        matches!(self, Self::Leader | Self::CityViewer)
    }
}

/// A user account. Credentials live on the server, not here.
#[cfg_attr(feature = "openapi", derive(utoipa::ToSchema))]
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
pub struct User {
    pub id: UserId,
    /// The commune; `None` only for a city viewer.
    #[serde(default)]
    pub commune_id: Option<CommuneId>,
    /// The city a city viewer reads.
    #[serde(default)]
    pub city: Option<String>,
    /// The unit of a unit officer.
    #[serde(default)]
    pub unit_id: Option<UnitId>,
    pub username: String,
    #[serde(default)]
    pub full_name: String,
    pub role: Role,
    #[serde(default)]
    pub disabled: bool,
}

impl User {
    /// Whether this user acts for the unit: an officer only for their own,
    /// a reviewer for every unit of their commune (the caller checks the commune).
    #[must_use]
    pub fn acts_for_unit(&self, unit: UnitId) -> bool {
        match self.role {
            Role::UnitOfficer => self.unit_id == Some(unit),
            Role::Reviewer => true,
            Role::Leader | Role::Admin | Role::CityViewer => false,
        }
    }

    #[must_use]
    pub fn validate(&self) -> Errors {
        let mut c = Checker::new();
        validate_username(&mut c, &self.username);
        c.required("full_name", &self.full_name, "họ và tên");
        c.name("full_name", &self.full_name);
        match self.role {
            Role::CityViewer => {
                let city = self.city.as_deref().unwrap_or("");
                if crate::validate::is_blank(city) {
                    c.push("city", ErrorCode::Required, messages::USER_CITY_REQUIRED);
                }
                c.name("city", city);
            }
            Role::UnitOfficer | Role::Reviewer | Role::Leader | Role::Admin => {
                if self.commune_id.is_none() {
                    c.push(
                        "commune_id",
                        ErrorCode::Required,
                        messages::USER_COMMUNE_REQUIRED,
                    );
                }
            }
        }
        if self.role == Role::UnitOfficer && self.unit_id.is_none() {
            c.push("unit_id", ErrorCode::Required, messages::USER_UNIT_REQUIRED);
        }
        c.finish()
    }
}

/// Usernames are typed on phones and printed on handover sheets: plain ASCII.
fn validate_username(c: &mut Checker, username: &str) {
    if crate::validate::is_blank(username) {
        c.push(
            "username",
            ErrorCode::Required,
            messages::required("tên đăng nhập"),
        );
        return;
    }
    let ok = username
        .chars()
        .all(|ch| ch.is_ascii_lowercase() || ch.is_ascii_digit() || matches!(ch, '.' | '_' | '-'));
    if !ok {
        c.push(
            "username",
            ErrorCode::InvalidFormat,
            messages::USERNAME_FORMAT,
        );
    } else if username.len() < 3 {
        c.push(
            "username",
            ErrorCode::TooShort,
            messages::USERNAME_TOO_SHORT,
        );
    }
    c.max_len("username", username, 64);
}

/// Shortest password accepted (see [`crate::password`]).
pub const PASSWORD_MIN: usize = crate::password::MIN;

/// A new password: at least [`PASSWORD_MIN`] characters (a passphrase of
/// a few words does it), at most 200, not all digits and not one of the
/// most common passwords. The one rule for the app's forms, the admin API,
/// the password change and `server create-admin`.
#[must_use]
pub fn validate_password(field: &str, password: &str) -> Errors {
    crate::password::validate(field, password)
}

/// The rules for an account a commune admin makes or changes, besides
/// [`User::validate`]: a commune role, and an officer's unit belonging to
/// the commune (`unit_in_commune`, looked up by the caller). Only an
/// officer keeps a unit.
#[must_use]
pub fn check_commune_account(user: &mut User, unit_in_commune: bool) -> Errors {
    let mut c = Checker::new();
    if !Role::COMMUNE.contains(&user.role) {
        c.push(
            "role",
            ErrorCode::Inconsistent,
            messages::CITY_ACCOUNT_NOT_HERE,
        );
    }
    if user.role != Role::UnitOfficer {
        user.unit_id = None;
    }
    if user.unit_id.is_some() && !unit_in_commune {
        c.push(
            "unit_id",
            ErrorCode::UnknownReference,
            messages::UNIT_NOT_IN_COMMUNE,
        );
    }
    c.extend(user.validate());
    c.finish()
}
