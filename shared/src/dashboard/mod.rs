//! The leaders' dashboard (`#/tong-quan`): a campaign year of one commune
//! as headline figures, a coverage table by unit and counts by field.
//! Every number that stands for models is a [`Figure`] whose models can be
//! listed ([`Dashboard::tally`], [`rows`]). Counting is
//! [`crate::figures`]'s; this only chooses, names and orders what is shown.
use chrono::NaiveDate;

use crate::campaign::CampaignYear;
use crate::deadline::DeadlineState;
use crate::field::Field;
use crate::figures::{CommuneYear, Tally, YearRecords, commune_year};
use crate::ids::{CampaignId, UnitId};
use crate::org::Commune;
use crate::user::Role;

mod figure;
mod rows;

pub use figure::Figure;
pub use rows::{Row, rows};

/// The designated units against their own targets.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct UnitsMet {
    pub met: u32,
    pub designated: u32,
    /// Names of the designated units still below their target.
    pub unmet: Vec<String>,
}

/// One row of the coverage table.
#[derive(Debug, Clone, PartialEq)]
pub struct UnitLine {
    pub unit_id: UnitId,
    pub name: String,
    /// Its registered models, its sub-units' included ([`Figure::Unit`]).
    pub registered: u32,
    /// Its target, for a designated unit.
    pub target: Option<u32>,
    pub met: Option<bool>,
    pub registration: DeadlineState,
    pub report: DeadlineState,
}

/// What the dashboard shows of one commune's campaign year.
#[derive(Debug, Clone, PartialEq)]
pub struct Dashboard {
    pub year: CommuneYear,
    /// The day the deadlines are read on: today, or the commune's report
    /// day once that has passed (a finished year reads as it stood then,
    /// never as hundreds of days late).
    pub seen_on: NaiveDate,
    /// The commune's report day has passed.
    pub closed: bool,
    pub units_met: UnitsMet,
    /// Units with a target or with a model this year, in the commune's order.
    pub units: Vec<UnitLine>,
    /// The fields with their figures: the four lĩnh vực, and "not chosen"
    /// when some registered model has none.
    pub fields: Vec<Figure>,
}

/// The dashboard of `records`' year on `today`.
#[must_use]
pub fn dashboard(records: &YearRecords<'_>, today: NaiveDate) -> Dashboard {
    let report_day = records.campaign.commune_report_deadline;
    let closed = today > report_day;
    let seen_on = today.min(report_day);
    let year = commune_year(records, seen_on);
    let cover = &year.coverage;
    let units_met = UnitsMet {
        met: count(cover.units.iter().filter(|u| u.met).count()),
        designated: count(cover.units.len()),
        unmet: cover
            .units
            .iter()
            .filter(|u| !u.met)
            .map(|u| u.name.clone())
            .collect(),
    };
    let units = year
        .units
        .iter()
        .filter(|u| u.target.is_some() || !u.all.total.is_empty())
        .map(|u| UnitLine {
            unit_id: u.unit_id,
            name: u.name.clone(),
            registered: u.registered.total.count(),
            target: u.target.as_ref().map(|t| t.target),
            met: u.target.as_ref().map(|t| t.met),
            registration: u.registration,
            report: u.report,
        })
        .collect();
    let mut fields: Vec<Figure> = Field::ALL.map(|f| Figure::Field(Some(f))).to_vec();
    if !year.registered.no_field.is_empty() {
        fields.push(Figure::Field(None));
    }
    Dashboard {
        year,
        seen_on,
        closed,
        units_met,
        units,
        fields,
    }
}

fn count(n: usize) -> u32 {
    u32::try_from(n).unwrap_or(u32::MAX)
}

impl Dashboard {
    /// The models behind a figure; none for a unit not of the commune.
    #[must_use]
    pub fn tally(&self, figure: &Figure) -> Option<&Tally> {
        let y = &self.year;
        let s = &y.stages;
        Some(match figure {
            Figure::Registered => &s.registered,
            Figure::Reported => &s.reported,
            Figure::Evaluated => &s.evaluated,
            Figure::Recognised => &s.recognised,
            Figure::Exemplary => &s.exemplary,
            Figure::ProposedReward => &s.proposed_reward,
            Figure::Replicate => &s.replicate,
            Figure::Field(Some(f)) => y.registered.field(*f),
            Figure::Field(None) => &y.registered.no_field,
            Figure::Unit(u) => &y.unit(*u)?.registered.total,
        })
    }

    /// The number a figure shows (0 for a figure with no models).
    #[must_use]
    pub fn count(&self, figure: &Figure) -> u32 {
        self.tally(figure).map_or(0, Tally::count)
    }

    /// The commune's target, shown beside [`Figure::Registered`].
    #[must_use]
    pub fn target(&self, figure: &Figure) -> Option<u32> {
        (*figure == Figure::Registered).then_some(self.year.coverage.commune_target)
    }

    /// Every figure the dashboard shows, for the tests that open each one.
    #[must_use]
    pub fn figures(&self) -> Vec<Figure> {
        let mut out = Figure::HEADLINE.to_vec();
        out.extend(self.fields.iter().copied());
        out.extend(self.units.iter().map(|u| Figure::Unit(u.unit_id)));
        out
    }

    /// The heading of the list behind a figure: a unit's figure by its name.
    #[must_use]
    pub fn title(&self, figure: &Figure) -> String {
        match figure {
            Figure::Unit(u) => self
                .year
                .unit(*u)
                .map_or_else(|| figure.label().to_owned(), |u| u.name.clone()),
            other => other.label().to_owned(),
        }
    }
}

/// Who opens the dashboard: everyone who follows the commune's year (the
/// leader, the reviewer, the admin, the city viewer); a unit officer
/// follows their own unit on the home screen.
#[must_use]
pub fn may_see(role: Role) -> bool {
    role != Role::UnitOfficer
}

/// The campaign years to choose from, newest first, each named by its
/// year, and by its commune too when the device holds several communes
/// (the city viewer). The first is the default.
#[must_use]
pub fn year_choices(campaigns: &[CampaignYear], communes: &[Commune]) -> Vec<(CampaignId, String)> {
    let mut years: Vec<&CampaignYear> = campaigns.iter().collect();
    let name = |c: &CampaignYear| {
        communes
            .iter()
            .find(|x| x.id == c.commune_id)
            .map_or("", |x| x.name.as_str())
    };
    years.sort_by(|a, b| b.year.cmp(&a.year).then_with(|| name(a).cmp(name(b))));
    let first = years.first().map(|c| c.commune_id);
    let several = years.iter().any(|c| Some(c.commune_id) != first);
    years
        .iter()
        .map(|c| {
            let label = if several {
                crate::messages::campaign_of(c.year, name(c))
            } else {
                crate::messages::campaign_year(c.year)
            };
            (c.id, label)
        })
        .collect()
}

#[cfg(test)]
#[allow(clippy::unwrap_used, clippy::expect_used)]
mod tests {
    use super::*;
    use crate::figures::CommuneRecords;

    fn demo_records() -> CommuneRecords {
        let d = crate::demo::thanh_mien();
        CommuneRecords {
            communes: vec![d.commune],
            units: d.units,
            campaigns: d.campaigns,
            models: d.models,
            progress: d.progress,
            reports: d.reports,
            evaluations: d.evaluations,
        }
    }

    #[test]
    fn years_newest_first_named_by_commune_only_when_several() {
        let mut data = demo_records();
        let choices = year_choices(&data.campaigns, &data.communes);
        let names: Vec<&str> = choices.iter().map(|(_, n)| n.as_str()).collect();
        assert_eq!(names, ["Đợt thi đua 2025", "Đợt thi đua 2024"]);
        let mut other = data.communes[0].clone();
        other.id = crate::ids::CommuneId::new();
        other.name = "Đảng bộ xã Khác".to_owned();
        let mut year = data.campaigns[1].clone();
        year.id = CampaignId::new();
        year.commune_id = other.id;
        data.communes.push(other);
        data.campaigns.push(year);
        let choices = year_choices(&data.campaigns, &data.communes);
        let names: Vec<&str> = choices.iter().map(|(_, n)| n.as_str()).collect();
        assert_eq!(
            names,
            [
                "Đợt thi đua 2025 · Đảng bộ xã Khác",
                "Đợt thi đua 2025 · Đảng bộ xã Thanh Miện",
                "Đợt thi đua 2024 · Đảng bộ xã Thanh Miện"
            ]
        );
        assert!(year_choices(&[], &[]).is_empty());
    }

    #[test]
    fn the_demo_year_reads_as_on_its_report_day_once_finished() {
        let data = demo_records();
        let campaign = data.campaigns.iter().max_by_key(|c| c.year).unwrap();
        let records = data.year(campaign.id).unwrap();
        let later = campaign.commune_report_deadline + chrono::Days::new(400);
        let d = dashboard(&records, later);
        assert!(d.closed);
        assert_eq!(d.seen_on, campaign.commune_report_deadline);
        assert_eq!(
            d,
            dashboard(
                &records,
                campaign.commune_report_deadline + chrono::Days::new(1)
            )
        );
        let open = dashboard(&records, campaign.registration_deadline);
        assert!(!open.closed);
        // A deadline missed reads by days since it, never past the report day.
        let most = d
            .units
            .iter()
            .filter_map(|u| match u.report {
                DeadlineState::Overdue { days } => Some(days),
                _ => None,
            })
            .max();
        let cap = (campaign.commune_report_deadline - campaign.unit_report_deadline).num_days();
        assert!(most.is_none_or(|days| days <= cap), "{most:?}");
        assert!(d.count(&Figure::Registered) > 0);
        assert_eq!(d.target(&Figure::Registered), Some(campaign.commune_target));
    }

    #[test]
    fn everyone_but_the_unit_officer_sees_the_dashboard() {
        let seeing: Vec<Role> = Role::ALL.into_iter().filter(|r| may_see(*r)).collect();
        assert_eq!(
            seeing,
            [Role::Reviewer, Role::Leader, Role::Admin, Role::CityViewer]
        );
    }

    #[test]
    fn addresses_that_name_no_figure_are_refused() {
        for parts in [
            &[][..],
            &["khong-co"][..],
            &["linh-vuc", "x"][..],
            &["don-vi", "not-an-id"][..],
            &["dang-ky", "x"][..],
        ] {
            assert_eq!(Figure::parse(parts), None, "{parts:?}");
        }
        let d = dashboard(
            &demo_records().year(demo_records().campaigns[1].id).unwrap(),
            NaiveDate::from_ymd_opt(2025, 9, 1).unwrap(),
        );
        assert_eq!(d.tally(&Figure::Unit(UnitId::new())), None);
        assert_eq!(d.count(&Figure::Unit(UnitId::new())), 0);
    }
}
