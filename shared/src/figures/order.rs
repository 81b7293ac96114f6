//! Text order without wasm's byte-at-a-time `memcmp`: the year's models
//! are sorted by name, and names of one commune share long beginnings
//! ("Mô hình …"), which wasm compares a byte per step (docs/bench.md, the
//! leaders' dashboard). Eight bytes at a time, read big-endian, order as
//! the bytes do, so this is exactly `str`'s order.
use std::cmp::Ordering;

use chrono::{Datelike, NaiveDate};

/// Two days as one number ordered as the pair `(first, second)` is, a day
/// missing before any day (as `Option`'s order).
#[must_use]
pub(crate) fn days_key(first: Option<NaiveDate>, second: Option<NaiveDate>) -> u64 {
    // Days from the common era shifted to be positive, 0 for none: below
    // 2^32 (a date is within ±2^27 days), so two fit in a u64.
    let day = |d: Option<NaiveDate>| {
        d.map_or(0, |d| {
            let shifted = i64::from(d.num_days_from_ce()) - i64::from(i32::MIN) + 1;
            u64::try_from(shifted).unwrap_or(0)
        })
    };
    (day(first) << 32) | day(second)
}

/// `a.cmp(b)`, eight bytes at a step.
#[must_use]
pub(crate) fn text_cmp(a: &str, b: &str) -> Ordering {
    let (a, b) = (a.as_bytes(), b.as_bytes());
    let mut at = 0;
    while let (Some(x), Some(y)) = (a.get(at..at + 8), b.get(at..at + 8)) {
        let x = u64::from_be_bytes(x.try_into().unwrap_or_default());
        let y = u64::from_be_bytes(y.try_into().unwrap_or_default());
        if x != y {
            return x.cmp(&y);
        }
        at += 8;
    }
    a.get(at..).cmp(&b.get(at..))
}

#[cfg(all(test, not(target_arch = "wasm32")))]
mod tests {
    use proptest::prelude::*;

    use super::{days_key, text_cmp};
    use chrono::NaiveDate;

    fn day() -> impl Strategy<Value = Option<NaiveDate>> {
        prop_oneof![
            Just(None),
            Just(NaiveDate::MIN).prop_map(Some),
            Just(NaiveDate::MAX).prop_map(Some),
            (-200_000i32..200_000).prop_map(NaiveDate::from_num_days_from_ce_opt),
            (738_000i32..740_000).prop_map(NaiveDate::from_num_days_from_ce_opt),
        ]
    }

    proptest! {
        /// `YearRecords::year_models` sorts as its plain definition:
        /// registration day, sending day, name, id, with many ties.
        #[test]
        fn the_years_models_come_in_list_order(
            picks in prop::collection::vec((0usize..3, 0usize..3, 0usize..4), 1..40),
        ) {
            let d = crate::demo::thanh_mien();
            let campaign = d.campaigns.iter().max_by_key(|c| c.year).cloned();
            let campaign = campaign.ok_or_else(|| TestCaseError::fail("no year"))?;
            let template = d.models.iter().find(|m| m.campaign_id == campaign.id).cloned();
            let template = template.ok_or_else(|| TestCaseError::fail("no model"))?;
            let days = [None, NaiveDate::from_ymd_opt(2025, 3, 1), NaiveDate::from_ymd_opt(2025, 3, 2)];
            let long = "Mô hình dân vận khéo xây dựng nông thôn mới, đường làng ngõ xóm sạch đẹp";
            let names = [format!("{long} (1)"), format!("{long} (2)"), "Mô hình".to_owned(), long.to_owned()];
            let models: Vec<crate::model::Model> = picks
                .iter()
                .map(|&(r, s, n)| {
                    let mut m = template.clone();
                    m.id = crate::ids::ModelId::new();
                    m.registered_on = days[r];
                    m.submitted_on = days[s];
                    m.name.clone_from(&names[n]);
                    m
                })
                .collect();
            let records = crate::figures::YearRecords {
                commune: &d.commune,
                campaign: &campaign,
                units: &d.units,
                models: &models,
                progress: &[],
                reports: &[],
                evaluations: &[],
            };
            let mut plain: Vec<&crate::model::Model> = models.iter().collect();
            plain.sort_by(|a, b| {
                (a.registered_on, a.submitted_on, &a.name, a.id.as_uuid())
                    .cmp(&(b.registered_on, b.submitted_on, &b.name, b.id.as_uuid()))
            });
            let got: Vec<_> = records.year_models().iter().map(|m| m.id).collect();
            let want: Vec<_> = plain.iter().map(|m| m.id).collect();
            prop_assert_eq!(got, want);
        }

        #[test]
        fn days_order_as_the_pair(a in day(), b in day(), c in day(), d in day()) {
            prop_assert_eq!(days_key(a, b).cmp(&days_key(c, d)), (a, b).cmp(&(c, d)));
        }

        #[test]
        fn orders_as_str(a in "[aàâb ()0-9]{0,40}", b in "[aàâb ()0-9]{0,40}", shared in "Mô hình [a-c]{0,20}") {
            let (a, b) = (format!("{shared}{a}"), format!("{shared}{b}"));
            prop_assert_eq!(text_cmp(&a, &b), a.cmp(&b));
            prop_assert_eq!(text_cmp(&b, &a), b.cmp(&a));
            prop_assert_eq!(text_cmp(&a, &a), std::cmp::Ordering::Equal);
        }
    }

    #[test]
    fn prefixes_and_chunk_edges() {
        for (a, b) in [
            ("", ""),
            ("", "a"),
            ("abcdefgh", "abcdefg"),
            ("abcdefgh", "abcdefghi"),
            ("abcdefgx", "abcdefgy"),
            ("abcdefghx", "abcdefghy"),
        ] {
            assert_eq!(text_cmp(a, b), a.cmp(b), "{a:?} {b:?}");
            assert_eq!(text_cmp(b, a), b.cmp(a), "{b:?} {a:?}");
        }
    }
}
