//! Deadline states and their Vietnamese labels.
use shared::deadline::{DeadlineState, deadline_state};

use crate::fixtures::d;

#[cfg_attr(not(target_arch = "wasm32"), test)]
#[cfg_attr(target_arch = "wasm32", wasm_bindgen_test::wasm_bindgen_test)]
fn deadline_day_itself_is_on_time() {
    let deadline = d(2025, 9, 1);
    assert_eq!(
        deadline_state(deadline, deadline, None),
        DeadlineState::DaysLeft(0)
    );
    assert_eq!(
        deadline_state(deadline, deadline, None).label(),
        "hôm nay là hạn cuối"
    );
    assert_eq!(
        deadline_state(deadline, d(2025, 9, 5), Some(deadline)),
        DeadlineState::DoneOnTime
    );
    assert!(!deadline_state(deadline, deadline, None).is_late());
}

#[cfg_attr(not(target_arch = "wasm32"), test)]
#[cfg_attr(target_arch = "wasm32", wasm_bindgen_test::wasm_bindgen_test)]
fn days_left_and_overdue() {
    let deadline = d(2025, 9, 1);
    let s = deadline_state(deadline, d(2025, 8, 29), None);
    assert_eq!(s, DeadlineState::DaysLeft(3));
    assert_eq!(s.label(), "còn 3 ngày");
    let s = deadline_state(deadline, d(2025, 9, 2), None);
    assert_eq!(s, DeadlineState::Overdue { days: 1 });
    assert_eq!(s.label(), "quá hạn 1 ngày");
    assert!(s.is_late() && !s.is_done());
}

#[cfg_attr(not(target_arch = "wasm32"), test)]
#[cfg_attr(target_arch = "wasm32", wasm_bindgen_test::wasm_bindgen_test)]
fn done_late_is_marked_not_blocked() {
    let deadline = d(2025, 11, 20);
    let s = deadline_state(deadline, d(2025, 12, 1), Some(d(2025, 11, 22)));
    assert_eq!(s, DeadlineState::DoneLate { days: 2 });
    assert_eq!(s.label(), "nộp muộn 2 ngày");
    assert!(s.is_late() && s.is_done());
    assert_eq!(
        deadline_state(deadline, d(2025, 12, 1), Some(d(2025, 11, 19))).label(),
        "đúng hạn"
    );
}

#[cfg_attr(not(target_arch = "wasm32"), test)]
#[cfg_attr(target_arch = "wasm32", wasm_bindgen_test::wasm_bindgen_test)]
fn across_year_and_leap_day() {
    assert_eq!(
        deadline_state(d(2025, 1, 2), d(2024, 12, 31), None),
        DeadlineState::DaysLeft(2)
    );
    assert_eq!(
        deadline_state(d(2024, 3, 1), d(2024, 2, 28), None),
        DeadlineState::DaysLeft(2)
    );
}

mod of_models {
    use shared::campaign::DeadlineKind;
    use shared::deadline::{DeadlineState, model_deadline, unit_deadlines};
    use shared::status::ModelStatus;

    use crate::fixtures::{complete_model, d, demo};

    #[cfg_attr(not(target_arch = "wasm32"), test)]
    #[cfg_attr(target_arch = "wasm32", wasm_bindgen_test::wasm_bindgen_test)]
    fn a_model_faces_registration_then_the_report_and_a_stopped_one_nothing() {
        let data = demo();
        let campaign = &data.campaigns[1];
        let today = campaign.registration_deadline - chrono::Duration::days(3);
        let mut m = complete_model();
        m.campaign_id = campaign.id;
        assert_eq!(
            model_deadline(campaign, &m, today),
            Some((DeadlineKind::Registration, DeadlineState::DaysLeft(3)))
        );
        m.status = ModelStatus::DaGui;
        m.submitted_on = Some(campaign.registration_deadline + chrono::Duration::days(2));
        assert_eq!(
            model_deadline(campaign, &m, today),
            Some((
                DeadlineKind::Registration,
                DeadlineState::DoneLate { days: 2 }
            ))
        );
        m.status = ModelStatus::DangThucHien;
        let late = campaign.unit_report_deadline + chrono::Duration::days(4);
        assert_eq!(
            model_deadline(campaign, &m, late),
            Some((DeadlineKind::UnitReport, DeadlineState::Overdue { days: 4 }))
        );
        m.status = ModelStatus::CongNhan;
        m.reported_on = Some(campaign.unit_report_deadline);
        assert_eq!(
            model_deadline(campaign, &m, late),
            Some((DeadlineKind::UnitReport, DeadlineState::DoneOnTime))
        );
        m.status = ModelStatus::Dung;
        assert_eq!(model_deadline(campaign, &m, late), None);
    }

    #[cfg_attr(not(target_arch = "wasm32"), test)]
    #[cfg_attr(target_arch = "wasm32", wasm_bindgen_test::wasm_bindgen_test)]
    fn a_unit_registers_with_its_first_sent_model_and_reports_with_its_last() {
        let data = demo();
        let campaign = &data.campaigns[1];
        let mut first = complete_model();
        first.status = ModelStatus::DaBaoCao;
        first.submitted_on = Some(d(2025, 8, 20));
        first.reported_on = Some(d(2025, 11, 10));
        let mut second = complete_model();
        second.status = ModelStatus::DangThucHien;
        second.submitted_on = Some(d(2025, 9, 3));
        let today = d(2025, 11, 25);
        let [(reg_kind, reg), (rep_kind, rep)] = unit_deadlines(campaign, [&first, &second], today);
        assert_eq!(reg_kind, DeadlineKind::Registration);
        assert_eq!(
            reg,
            DeadlineState::DoneOnTime,
            "the first sent model counts"
        );
        assert_eq!(rep_kind, DeadlineKind::UnitReport);
        assert_eq!(
            rep,
            DeadlineState::Overdue { days: 5 },
            "one model has not reported"
        );
        second.status = ModelStatus::DaBaoCao;
        second.reported_on = Some(d(2025, 11, 22));
        let [_, (_, rep)] = unit_deadlines(campaign, [&first, &second], today);
        assert_eq!(
            rep,
            DeadlineState::DoneLate { days: 2 },
            "the last report counts"
        );
        let [(_, none_sent), (_, none_reported)] = unit_deadlines(
            campaign,
            std::iter::empty::<&shared::model::Model>(),
            d(2025, 8, 30),
        );
        assert_eq!(none_sent, DeadlineState::DaysLeft(2));
        assert_eq!(none_reported, DeadlineState::DaysLeft(82));
    }
}
