//! The reviewer's queue on the demo commune with the review scene.
use shared::campaign::DeadlineKind;
use shared::deadline::DeadlineState;
use shared::demo::review::review_scene;
use shared::field::Field;
use shared::ids::ModelId;
use shared::model::Model;
use shared::queue::{Filter, WAITING, due_kind, is_waiting, queue, step_label};
use shared::status::{MOVES, ModelStatus};
use shared::user::Role;

use crate::fixtures::{d, demo};

fn models() -> Vec<Model> {
    let mut models = demo().models;
    models.extend(review_scene().models);
    models
}

fn names(models: &[Model], ids: &[ModelId]) -> Vec<String> {
    ids.iter()
        .map(|id| {
            models
                .iter()
                .find(|m| m.id == *id)
                .map(|m| m.name.clone())
                .unwrap_or_default()
        })
        .collect()
}

#[cfg_attr(not(target_arch = "wasm32"), test)]
#[cfg_attr(target_arch = "wasm32", wasm_bindgen_test::wasm_bindgen_test)]
fn a_model_waits_when_the_reviewer_has_a_move_other_than_stopping() {
    for status in ModelStatus::ALL {
        let reviewer_moves = MOVES
            .iter()
            .any(|m| m.from == status && m.role == Role::Reviewer && m.to != ModelStatus::Dung);
        assert_eq!(is_waiting(status), reviewer_moves, "{status:?}");
        assert_eq!(WAITING.contains(&status), reviewer_moves, "{status:?}");
        assert_eq!(step_label(status).is_some(), reviewer_moves, "{status:?}");
        assert_eq!(due_kind(status).is_some(), reviewer_moves, "{status:?}");
    }
    assert_eq!(
        due_kind(ModelStatus::DaGui),
        Some(DeadlineKind::Registration)
    );
    assert_eq!(
        due_kind(ModelStatus::DaBaoCao),
        Some(DeadlineKind::CommuneReport)
    );
}

#[cfg_attr(not(target_arch = "wasm32"), test)]
#[cfg_attr(target_arch = "wasm32", wasm_bindgen_test::wasm_bindgen_test)]
fn most_overdue_and_oldest_first() {
    let data = demo();
    let models = models();
    let q = queue(
        &models,
        &data.campaigns,
        &data.units,
        &Filter::default(),
        d(2025, 11, 25),
    );
    let ids: Vec<ModelId> = q.items.iter().map(|i| i.model_id).collect();
    // Registrations (due 01/9, overdue) by the day they were sent, then
    // reports (due 01/12, days left) by the day they were sent.
    let expected = [
        "Khám sàng lọc bệnh không lây nhiễm cho người cao tuổi",
        "Tổ tự quản an ninh trật tự khu dân cư",
        "Phân loại rác thải tại nguồn - nhà sạch, ngõ xanh",
        "Tiêm chủng đầy đủ - trẻ khỏe mạnh",
        "Mỗi nhà một tấm thẻ bảo hiểm y tế - mở rộng đến hộ lao động tự do",
        "Chính quyền lắng nghe dân - đối thoại định kỳ",
    ];
    assert_eq!(names(&models, &ids), expected);
    assert_eq!(q.total, 6);
    let first = &q.items[0];
    assert_eq!(first.due, Some(d(2025, 9, 1)));
    assert_eq!(first.due_state, Some(DeadlineState::Overdue { days: 85 }));
    assert_eq!(first.since, Some(d(2025, 8, 27)));
    assert_eq!(first.waiting_days, 90);
    assert_eq!(first.sent_state, Some(DeadlineState::DoneOnTime));
    let late = q
        .items
        .iter()
        .find(|i| {
            i.model_id
                == models
                    .iter()
                    .find(|m| m.name.starts_with("Tiêm"))
                    .unwrap()
                    .id
        })
        .unwrap();
    assert_eq!(late.sent_state, Some(DeadlineState::DoneLate { days: 3 }));
    let report = q.items.last().unwrap();
    assert_eq!(report.due_state, Some(DeadlineState::DaysLeft(6)));
    assert_eq!(report.status, ModelStatus::DaBaoCao);
}

#[cfg_attr(not(target_arch = "wasm32"), test)]
#[cfg_attr(target_arch = "wasm32", wasm_bindgen_test::wasm_bindgen_test)]
fn filters_and_their_counts() {
    let data = demo();
    let models = models();
    let y_te = data.unit_named("Đảng uỷ Trung tâm Y tế").unwrap().id;
    let all = queue(
        &models,
        &data.campaigns,
        &data.units,
        &Filter::default(),
        d(2025, 11, 25),
    );
    let y_te_count = all.counts.units.iter().find(|(u, _)| *u == y_te).unwrap().1;
    assert_eq!(y_te_count, 3);
    assert_eq!(
        all.counts.statuses,
        vec![(ModelStatus::DaGui, 4), (ModelStatus::DaBaoCao, 2)]
    );
    // Units follow the order given, and only those with something waiting.
    let order: Vec<_> = all.counts.units.iter().map(|(u, _)| *u).collect();
    let given: Vec<_> = data
        .units
        .iter()
        .map(|u| u.id)
        .filter(|u| order.contains(u))
        .collect();
    assert_eq!(order, given);

    let filter = Filter {
        unit: Some(y_te),
        ..Filter::default()
    };
    let q = queue(
        &models,
        &data.campaigns,
        &data.units,
        &filter,
        d(2025, 11, 25),
    );
    assert_eq!(q.items.len(), 3);
    assert_eq!(q.total, 6);
    assert!(q.items.iter().all(|i| i.unit_id == y_te));
    // The field and status counts follow the unit chosen; the unit counts do not.
    assert_eq!(q.counts.fields, vec![(Some(Field::VanHoaXaHoi), 3)]);
    assert_eq!(
        q.counts.statuses,
        vec![(ModelStatus::DaGui, 2), (ModelStatus::DaBaoCao, 1)]
    );
    assert_eq!(q.counts.units, all.counts.units);

    // A choice with nothing is still listed while chosen, with 0.
    let filter = Filter {
        unit: Some(y_te),
        field: Some(Field::KinhTe),
        status: None,
    };
    let q = queue(
        &models,
        &data.campaigns,
        &data.units,
        &filter,
        d(2025, 11, 25),
    );
    assert!(q.items.is_empty());
    assert!(q.counts.fields.contains(&(Some(Field::KinhTe), 0)));
    assert_eq!(
        q.counts.units,
        vec![(y_te, 0)],
        "nothing else waits in Kinh tế"
    );
}

#[cfg_attr(not(target_arch = "wasm32"), test)]
#[cfg_attr(target_arch = "wasm32", wasm_bindgen_test::wasm_bindgen_test)]
fn next_in_queue_after_acting_on_a_model() {
    let data = demo();
    let mut models = models();
    let y_te = data.unit_named("Đảng uỷ Trung tâm Y tế").unwrap().id;
    let filter = Filter {
        unit: Some(y_te),
        ..Filter::default()
    };
    let today = d(2025, 11, 25);
    let q = queue(&models, &data.campaigns, &data.units, &filter, today);
    let ids: Vec<ModelId> = q.items.iter().map(|i| i.model_id).collect();
    // Skipping: the one after; after the last, the first.
    assert_eq!(q.next_after(ids[0], None), Some(ids[1]));
    assert_eq!(q.next_after(ids[2], None), Some(ids[0]));
    // Accept the first: it leaves the queue, and the next is the one now in its place.
    let first = ids[0];
    let at = q.position(first);
    models.iter_mut().find(|m| m.id == first).unwrap().status = ModelStatus::DaDangKy;
    let q = queue(&models, &data.campaigns, &data.units, &filter, today);
    assert_eq!(q.position(first), None);
    assert_eq!(q.next_after(first, at), Some(ids[1]));
    // Acting on the last: back to the first still waiting.
    let last = ids[2];
    let at = q.position(last);
    models.iter_mut().find(|m| m.id == last).unwrap().status = ModelStatus::DaDanhGia;
    let q = queue(&models, &data.campaigns, &data.units, &filter, today);
    assert_eq!(
        q.position(last),
        Some(1),
        "evaluated: still waits for the decision"
    );
    assert_eq!(q.next_after(last, at), Some(ids[1]));
    // Nothing else waiting: no next.
    let only = queue(&models[..0], &data.campaigns, &data.units, &filter, today);
    assert_eq!(only.next_after(last, Some(5)), None);
}
