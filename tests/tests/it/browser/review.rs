//! The reviewer's year on a tablet: the queue worked through offline
//! (accept, return with a comment, evaluate, recognise) and then synced,
//! the officer's phone showing the outcomes. Adoption and the screens at
//! both sizes are in `review_screens.rs`.
use serde_json::json;
use shared::demo::review::{n, review_scene, scene_model_id};
use shared::evaluation::Evaluation;
use shared::ids::ModelId;
use shared::queue::{Filter, queue};

use super::journey::{click, click_css, fill, screenshot, server_fields, sign_in_as, until_status};
use super::*;

pub(super) const TABLET: (u32, u32) = (1024, 600);

/// The demo commune with more work waiting for review (`shared::demo::review`).
pub(super) async fn add_scene(server: &TestServer) {
    let scene = review_scene();
    server::demo::add_models(&server.state.store, &scene.models, &scene.reports)
        .await
        .expect("review scene");
}

pub(super) fn demo_with_scene() -> shared::demo::DemoData {
    let mut data = shared::demo::thanh_mien();
    let scene = review_scene();
    data.models.extend(scene.models);
    data.reports.extend(scene.reports);
    data
}

pub(super) fn model_named(data: &shared::demo::DemoData, start: &str) -> ModelId {
    data.models
        .iter()
        .find(|m| m.name.starts_with(start))
        .unwrap_or_else(|| panic!("no demo model {start}"))
        .id
}

pub(super) async fn go(client: &Client, hash: &str) {
    eval(
        client,
        &format!("location.hash = {}; return true;", json!(hash)),
    )
    .await;
}

async fn queue_ids(client: &Client) -> Vec<String> {
    let ids = eval(
        client,
        "return [...document.querySelectorAll('#queue .queue__item')].map((e) => e.dataset.id);",
    )
    .await;
    serde_json::from_value(ids).expect("ids")
}

async fn until_queue_len(client: &Client, n: usize) {
    until(
        client,
        &format!("{n} in the queue"),
        &format!(
            "const q = document.getElementById('queue'); return !!q && q.dataset.count === '{n}';"
        ),
    )
    .await;
}

/// Picks a choice of a select as a person would (the page hears `change`).
async fn choose(client: &Client, id: &str, value: &str) {
    eval(
        client,
        &format!(
            "const s = document.getElementById({}); s.value = {}; \
             s.dispatchEvent(new Event('change', {{ bubbles: true }})); return true;",
            json!(id),
            json!(value)
        ),
    )
    .await;
}

async fn option_labels(client: &Client, id: &str) -> Vec<String> {
    let labels = eval(
        client,
        &format!(
            "return [...document.getElementById({}).options].map((o) => o.textContent);",
            json!(id)
        ),
    )
    .await;
    serde_json::from_value(labels).expect("labels")
}

async fn until_title(client: &Client, name: &str) {
    until(
        client,
        &format!("model {name}"),
        &format!(
            "const t = document.getElementById('model-title'); return !!t && t.textContent === {};",
            json!(name)
        ),
    )
    .await;
}

fn name_of(data: &shared::demo::DemoData, id: ModelId) -> String {
    data.models
        .iter()
        .find(|m| m.id == id)
        .map(|m| m.name.clone())
        .expect("model")
}

/// The reviewer evaluates `bhyt` with the form: a level per criterion, a
/// comment, công nhận, tiêu biểu and nhân rộng.
async fn evaluate(client: &Client) {
    until(
        client,
        "the evaluation sheet",
        "const b = document.querySelector('#evaluation .evaluation__move[data-to=\"da_danh_gia\"]'); \
         return !!b && b.disabled && document.getElementById('evaluation-missing').dataset.count === '4';",
    )
    .await;
    choose(client, "f-criteria-0", "Tốt").await;
    choose(client, "f-criteria-1", "Khá").await;
    choose(client, "f-criteria-2", "Tốt").await;
    fill(
        client,
        "comment",
        "Vượt chỉ tiêu, cách làm phù hợp; đề nghị nhân rộng ra các đơn vị.",
    )
    .await;
    choose(client, "f-decision", "cong_nhan").await;
    click(client, "f-exemplary").await;
    click(client, "f-replicate").await;
    until(
        client,
        "the evaluation complete",
        "const b = document.querySelector('#evaluation .evaluation__move[data-to=\"da_danh_gia\"]'); \
         return !!b && !b.disabled && !document.getElementById('evaluation-missing');",
    )
    .await;
}

async fn act(client: &Client, css: &str) {
    click_css(client, css).await;
    client.accept_alert().await.expect("confirm");
}

/// The models the reviewer decides on, and the comment sent back.
struct Decided {
    accepted: ModelId,
    returned: ModelId,
    recognised: ModelId,
    comment: &'static str,
}

/// The queue as the shared rule orders it, from the reviewer's home.
async fn open_the_queue(client: &Client, data: &shared::demo::DemoData) {
    let today = chrono::Utc::now().date_naive();
    let expected: Vec<String> = queue(
        &data.models,
        &data.campaigns,
        &data.units,
        &Filter::default(),
        today,
    )
    .items
    .iter()
    .map(|i| i.model_id.to_string())
    .collect();
    assert_eq!(expected.len(), 6);
    assert_eq!(text_of(client, "#open-queue").await, "Hàng chờ duyệt (6)");
    click(client, "open-queue").await;
    until_queue_len(client, 6).await;
    assert_eq!(queue_ids(client).await, expected);
    screenshot(client, "tablet-review-queue").await;
}

/// Filters by Trung tâm Y tế: the counts say what each choice shows.
async fn filter_one_unit(client: &Client, data: &shared::demo::DemoData) {
    let y_te = data.unit_named("Đảng uỷ Trung tâm Y tế").expect("unit").id;
    let units = option_labels(client, "f-filter-unit").await;
    assert_eq!(units[0], "Tất cả (6)");
    assert!(
        units.contains(&"Đảng uỷ Trung tâm Y tế (3)".to_owned()),
        "{units:?}"
    );
    choose(client, "f-filter-unit", &y_te.to_string()).await;
    until_queue_len(client, 3).await;
    assert_eq!(
        option_labels(client, "f-filter-status").await,
        [
            "Tất cả (3)",
            "Đăng ký chờ duyệt (2)",
            "Báo cáo chờ đánh giá (1)"
        ]
    );
}

/// Accepts the oldest sent registration, opened beside the list, then
/// goes on to the next and returns it with a comment.
async fn accept_then_return(client: &Client, data: &shared::demo::DemoData, decided: &Decided) {
    let accepted = decided.accepted;
    assert_eq!(queue_ids(client).await[0], accepted.to_string());
    click_css(
        client,
        &format!("#queue .queue__item[data-id=\"{accepted}\"] a"),
    )
    .await;
    until_title(client, &name_of(data, accepted)).await;
    assert_eq!(
        text_of(client, ".queue-nav__where").await,
        "1/3 trong hàng chờ"
    );
    assert_eq!(
        eval(
            client,
            "return getComputedStyle(document.querySelector('.review__queue')).display;"
        )
        .await,
        json!("block"),
        "on a tablet the list stays beside the model"
    );
    screenshot(client, "tablet-review-open").await;
    act(client, "#review .review__move[data-to=\"da_dang_ky\"]").await;
    until_status(client, "DaDangKy").await;
    until_queue_len(client, 2).await;

    click(client, "queue-next").await;
    until_title(client, &name_of(data, decided.returned)).await;
    fill(client, "review-note", decided.comment).await;
    act(client, "#review .review__move[data-to=\"tra_lai_dang_ky\"]").await;
    until_status(client, "TraLaiDangKy").await;
}

/// Goes on to the reported model, evaluates it, then recognises it.
async fn evaluate_and_recognise(client: &Client, data: &shared::demo::DemoData, model: ModelId) {
    click(client, "queue-next").await;
    until_title(client, &name_of(data, model)).await;
    until_status(client, "DaBaoCao").await;
    assert_eq!(
        eval(
            client,
            "return document.querySelectorAll('#achievements tbody tr').length;"
        )
        .await,
        json!(2),
        "results against the targets"
    );
    evaluate(client).await;
    act(
        client,
        "#evaluation .evaluation__move[data-to=\"da_danh_gia\"]",
    )
    .await;
    until_status(client, "DaDanhGia").await;
    screenshot(client, "tablet-review-evaluation").await;
    act(
        client,
        "#evaluation .evaluation__move[data-to=\"cong_nhan\"]",
    )
    .await;
    until_status(client, "CongNhan").await;
    text_of(client, "#model-replicated").await;
    text_of(client, "#queue-empty").await;
    text_of(client, "#queue-finished").await;
}

/// After the sync: every decision on the server, dated and signed by it.
async fn server_has_every_decision(server: &TestServer, decided: &Decided) {
    let reviewer = demo_user("bxdd.lan");
    let server_day = json!(chrono::Utc::now().date_naive().to_string());
    let fields = server_fields(server, decided.accepted.as_uuid()).await;
    assert_eq!(fields["status"], json!("da_dang_ky"));
    assert_eq!(fields["registered_on"], server_day);
    let fields = server_fields(server, decided.returned.as_uuid()).await;
    assert_eq!(fields["status"], json!("tra_lai_dang_ky"));
    assert_eq!(fields["return_comment"], json!(decided.comment));
    let fields = server_fields(server, decided.recognised.as_uuid()).await;
    assert_eq!(fields["status"], json!("cong_nhan"));
    assert_eq!(fields["replicated"], json!(true));
    let evaluation = server_fields(server, Evaluation::id_for(decided.recognised).as_uuid()).await;
    assert_eq!(evaluation["decision"], json!("cong_nhan"));
    assert_eq!(evaluation["replicate"], json!(true));
    assert_eq!(evaluation["exemplary"], json!(true));
    assert_eq!(evaluation["scores"].as_array().map(Vec::len), Some(3));
    assert_eq!(evaluation["evaluator"], json!(reviewer.id));
    assert_eq!(evaluation["evaluator_name"], json!(reviewer.full_name));
    assert_eq!(evaluation["evaluated_on"], server_day);
}

/// The officer of Trung tâm Y tế signs in on a phone and sees each outcome.
async fn officer_sees_the_outcomes(server: &TestServer, decided: &Decided) {
    let reviewer = demo_user("bxdd.lan");
    let driver = start_driver().await;
    let client = phone(&driver).await;
    client.goto(&server.url("/")).await.expect("goto");
    sign_in(&client, "canbo.yte").await;
    until_synced(&client).await;
    let status_of = |id: ModelId| {
        format!("return document.querySelector('.models__item[data-id=\"{id}\"]')?.dataset.status;")
    };
    for (id, status) in [
        (decided.accepted, "DaDangKy"),
        (decided.returned, "TraLaiDangKy"),
        (decided.recognised, "CongNhan"),
    ] {
        assert_eq!(eval(&client, &status_of(id)).await, json!(status), "{id}");
    }
    go(&client, &format!("#/mo-hinh/{}", decided.returned)).await;
    assert!(
        text_of(&client, "#return-comment")
            .await
            .contains(decided.comment)
    );
    go(&client, &format!("#/mo-hinh/{}", decided.recognised)).await;
    until_status(&client, "CongNhan").await;
    assert!(
        text_of(&client, "#evaluated-by")
            .await
            .contains(&reviewer.full_name)
    );
    assert_eq!(
        eval(
            &client,
            "return document.getElementById('f-decision').disabled;"
        )
        .await,
        json!(true),
        "the officer reads the evaluation, never edits it"
    );
    screenshot(&client, "phone-officer-evaluation").await;
    client.close().await.expect("close");
}

/// The Ban xây dựng Đảng on a tablet works through the queue with no
/// network (accept, return with a comment, evaluate, recognise), going
/// from one model to the next without the list; nothing leaves the device
/// until the network is back; then the server has every decision, dated
/// and signed by the server, and the officer's phone shows the outcomes.
#[tokio::test(flavor = "multi_thread", worker_threads = 2)]
async fn the_reviewer_works_through_the_queue_offline_and_the_officer_sees_the_outcomes() {
    let (_slot, server, _driver, client) = open_app(TABLET).await;
    add_scene(&server).await;
    let data = demo_with_scene();
    let decided = Decided {
        accepted: scene_model_id(n::KHAM_SANG_LOC),
        returned: scene_model_id(n::TIEM_CHUNG),
        recognised: model_named(&data, "Mỗi nhà một tấm thẻ bảo hiểm y tế - mở rộng"),
        comment: "Đề nghị ghi rõ số trẻ cần tiêm ở từng thôn",
    };
    sign_in_as(&client, "bxdd.lan").await;
    until_synced(&client).await;
    open_the_queue(&client, &data).await;

    network(&client, &server, false).await;
    until(
        &client,
        "offline badge",
        "return document.querySelector('.badge[data-online]').dataset.online === 'false';",
    )
    .await;
    filter_one_unit(&client, &data).await;
    accept_then_return(&client, &data, &decided).await;
    evaluate_and_recognise(&client, &data, decided.recognised).await;

    // Nothing reached the server; a reload offline keeps it all.
    assert_eq!(
        server_fields(&server, decided.accepted.as_uuid()).await["status"],
        json!("da_gui")
    );
    let evaluation = Evaluation::id_for(decided.recognised).as_uuid();
    assert!(
        server
            .state
            .store
            .record(evaluation)
            .await
            .expect("read")
            .is_none(),
        "the evaluation waits on the device"
    );
    client.refresh().await.expect("offline reload");
    until_status(&client, "CongNhan").await;
    until_queue_len(&client, 0).await;

    // Back online: everything arrives; the device shows who evaluated.
    network(&client, &server, true).await;
    until_synced(&client).await;
    server_has_every_decision(&server, &decided).await;
    until(
        &client,
        "who evaluated, from the server",
        &format!(
            "const e = document.getElementById('evaluated-by'); return !!e && e.textContent.includes({});",
            json!(demo_user("bxdd.lan").full_name)
        ),
    )
    .await;
    client.close().await.expect("close");
    officer_sees_the_outcomes(&server, &decided).await;
    server.stop().await;
}
