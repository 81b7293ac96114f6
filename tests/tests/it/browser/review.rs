//! The reviewer's year on a tablet: the queue worked through offline
//! (accept, return with a comment, evaluate, recognise) and then synced,
//! the officer's phone showing the outcomes; a unit adopting another
//! unit's replicated model; the new screens at phone and tablet size.
use serde_json::{Value, json};
use shared::demo::review::{n, review_scene, scene_model_id};
use shared::evaluation::Evaluation;
use shared::ids::ModelId;
use shared::queue::{Filter, queue};
use uuid::Uuid;

use super::journey::{click, click_css, fill, screenshot, server_fields, sign_in_as, until_status};
use super::*;

const TABLET: (u32, u32) = (1024, 600);

/// The demo commune with more work waiting for review (`shared::demo::review`).
async fn add_scene(server: &TestServer) {
    let scene = review_scene();
    server::demo::add_models(&server.state.store, &scene.models, &scene.reports)
        .await
        .expect("review scene");
}

fn demo_with_scene() -> shared::demo::DemoData {
    let mut data = shared::demo::thanh_mien();
    let scene = review_scene();
    data.models.extend(scene.models);
    data.reports.extend(scene.reports);
    data
}

fn model_named(data: &shared::demo::DemoData, start: &str) -> ModelId {
    data.models
        .iter()
        .find(|m| m.name.starts_with(start))
        .unwrap_or_else(|| panic!("no demo model {start}"))
        .id
}

async fn go(client: &Client, hash: &str) {
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
    let reviewer = demo_user("bxdd.lan");
    sign_in_as(&client, "bxdd.lan").await;
    until_synced(&client).await;

    // The queue, in the order the shared rule gives.
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
    assert_eq!(text_of(&client, "#open-queue").await, "Hàng chờ duyệt (6)");
    click(&client, "open-queue").await;
    until_queue_len(&client, 6).await;
    assert_eq!(queue_ids(&client).await, expected);
    screenshot(&client, "tablet-review-queue").await;

    // No network from here on.
    network(&client, &server, false).await;
    until(
        &client,
        "offline badge",
        "return document.querySelector('.badge').dataset.online === 'false';",
    )
    .await;

    // Filter by Trung tâm Y tế: the counts say what each choice shows.
    let y_te = data.unit_named("Đảng uỷ Trung tâm Y tế").expect("unit").id;
    let units = option_labels(&client, "f-filter-unit").await;
    assert_eq!(units[0], "Tất cả (6)");
    assert!(
        units.contains(&"Đảng uỷ Trung tâm Y tế (3)".to_owned()),
        "{units:?}"
    );
    choose(&client, "f-filter-unit", &y_te.to_string()).await;
    until_queue_len(&client, 3).await;
    assert_eq!(
        option_labels(&client, "f-filter-status").await,
        [
            "Tất cả (3)",
            "Đăng ký chờ duyệt (2)",
            "Báo cáo chờ đánh giá (1)"
        ]
    );

    // 1. Accept the oldest sent registration, opened beside the list.
    let accepted = scene_model_id(n::KHAM_SANG_LOC);
    assert_eq!(queue_ids(&client).await[0], accepted.to_string());
    click_css(
        &client,
        &format!("#queue .queue__item[data-id=\"{accepted}\"] a"),
    )
    .await;
    until_title(&client, &name_of(&data, accepted)).await;
    assert_eq!(
        text_of(&client, ".queue-nav__where").await,
        "1/3 trong hàng chờ"
    );
    assert!(
        eval(
            &client,
            "return getComputedStyle(document.querySelector('.review__queue')).display !== 'none';"
        )
        .await
            == json!(true),
        "on a tablet the list stays beside the model"
    );
    screenshot(&client, "tablet-review-open").await;
    act(&client, "#review .review__move[data-to=\"da_dang_ky\"]").await;
    until_status(&client, "DaDangKy").await;
    until_queue_len(&client, 2).await;

    // 2. Next: the late registration, returned with a comment.
    let returned = scene_model_id(n::TIEM_CHUNG);
    click(&client, "queue-next").await;
    until_title(&client, &name_of(&data, returned)).await;
    let comment = "Đề nghị ghi rõ số trẻ cần tiêm ở từng thôn";
    fill(&client, "review-note", comment).await;
    act(
        &client,
        "#review .review__move[data-to=\"tra_lai_dang_ky\"]",
    )
    .await;
    until_status(&client, "TraLaiDangKy").await;

    // 3. Next: the reported model, evaluated and then recognised.
    let bhyt = model_named(&data, "Mỗi nhà một tấm thẻ bảo hiểm y tế - mở rộng");
    click(&client, "queue-next").await;
    until_title(&client, &name_of(&data, bhyt)).await;
    until_status(&client, "DaBaoCao").await;
    assert_eq!(
        eval(
            &client,
            "return document.querySelectorAll('#achievements tbody tr').length;"
        )
        .await,
        json!(2),
        "results against the targets"
    );
    evaluate(&client).await;
    act(
        &client,
        "#evaluation .evaluation__move[data-to=\"da_danh_gia\"]",
    )
    .await;
    until_status(&client, "DaDanhGia").await;
    screenshot(&client, "tablet-review-evaluation").await;
    act(
        &client,
        "#evaluation .evaluation__move[data-to=\"cong_nhan\"]",
    )
    .await;
    until_status(&client, "CongNhan").await;
    text_of(&client, "#model-replicated").await;
    text_of(&client, "#queue-empty").await;
    text_of(&client, "#queue-finished").await;

    // Nothing reached the server; a reload offline keeps it all.
    assert_eq!(
        server_fields(&server, accepted.as_uuid()).await["status"],
        json!("da_gui")
    );
    let evaluation_id = Evaluation::id_for(bhyt).as_uuid();
    assert!(
        server
            .state
            .store
            .record(evaluation_id)
            .await
            .expect("read")
            .is_none(),
        "the evaluation waits on the device"
    );
    client.refresh().await.expect("offline reload");
    until_status(&client, "CongNhan").await;
    until_queue_len(&client, 0).await;

    // Back online: everything arrives, dated and signed by the server.
    network(&client, &server, true).await;
    until_synced(&client).await;
    let server_day = json!(chrono::Utc::now().date_naive().to_string());
    let fields = server_fields(&server, accepted.as_uuid()).await;
    assert_eq!(fields["status"], json!("da_dang_ky"));
    assert_eq!(fields["registered_on"], server_day);
    let fields = server_fields(&server, returned.as_uuid()).await;
    assert_eq!(fields["status"], json!("tra_lai_dang_ky"));
    assert_eq!(fields["return_comment"], json!(comment));
    let fields = server_fields(&server, bhyt.as_uuid()).await;
    assert_eq!(fields["status"], json!("cong_nhan"));
    assert_eq!(fields["replicated"], json!(true));
    let evaluation = server_fields(&server, evaluation_id).await;
    assert_eq!(evaluation["decision"], json!("cong_nhan"));
    assert_eq!(evaluation["replicate"], json!(true));
    assert_eq!(evaluation["exemplary"], json!(true));
    assert_eq!(evaluation["scores"].as_array().map(Vec::len), Some(3));
    assert_eq!(evaluation["evaluator"], json!(reviewer.id));
    assert_eq!(evaluation["evaluator_name"], json!(reviewer.full_name));
    assert_eq!(evaluation["evaluated_on"], server_day);
    until(
        &client,
        "who evaluated, from the server",
        &format!(
            "const e = document.getElementById('evaluated-by'); return !!e && e.textContent.includes({});",
            json!(reviewer.full_name)
        ),
    )
    .await;
    client.close().await.expect("close");

    // The officer's phone shows the outcomes.
    let driver = start_driver().await;
    let client = phone(&driver).await;
    client.goto(&server.url("/")).await.expect("goto");
    sign_in(&client, "canbo.yte").await;
    until_synced(&client).await;
    let status_of = |id: ModelId| {
        format!("return document.querySelector('.models__item[data-id=\"{id}\"]')?.dataset.status;")
    };
    for (id, status) in [
        (accepted, "DaDangKy"),
        (returned, "TraLaiDangKy"),
        (bhyt, "CongNhan"),
    ] {
        assert_eq!(eval(&client, &status_of(id)).await, json!(status), "{id}");
    }
    go(&client, &format!("#/mo-hinh/{returned}")).await;
    assert!(text_of(&client, "#return-comment").await.contains(comment));
    go(&client, &format!("#/mo-hinh/{bhyt}")).await;
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
    server.stop().await;
}

/// A unit adopts another unit's replicated model of last year: offered
/// after its own models, it becomes a linked copy in the unit's name whose
/// indicators must be raised, and the server accepts it.
#[tokio::test(flavor = "multi_thread", worker_threads = 2)]
async fn an_officer_adopts_another_units_replicated_model() {
    let (_slot, server, _driver, client) = open_app(PHONE).await;
    sign_in(&client, "canbo.ubnd").await;
    until_synced(&client).await;
    let data = shared::demo::thanh_mien();
    let source = model_named(&data, "Mỗi nhà một tấm thẻ bảo hiểm y tế");
    let own = model_named(&data, "Một cửa thân thiện");
    go(&client, "#/tiep-tuc").await;
    let item = |list: &str, id: ModelId| format!("#{list} .models__item[data-id=\"{id}\"]");
    text_of(&client, &item("previous-models", own)).await;
    text_of(&client, &item("replicated-models", source)).await;
    screenshot(&client, "phone-continue-adopt").await;
    click_css(
        &client,
        &format!("{} .adopt", item("replicated-models", source)),
    )
    .await;
    until(
        &client,
        "the adopted copy's form",
        "const l = document.getElementById('model-link'); \
         return !!l && l.textContent.startsWith('Áp dụng mô hình nhân rộng năm 2024 của Đảng uỷ Trung tâm Y tế');",
    )
    .await;
    let hash = eval(&client, "return location.hash;").await;
    let id: Uuid = hash
        .as_str()
        .and_then(|h| h.trim_start_matches("#/mo-hinh/").parse().ok())
        .expect("the copy's id in the address");
    // Sending asks for higher targets and the unit's own people.
    click(&client, "check-missing").await;
    until(
        &client,
        "what is still missing",
        "const m = document.getElementById('send-missing'); return !!m && \
         [...document.querySelectorAll('.missing li')].some((li) => li.textContent.includes('cao hơn năm trước'));",
    )
    .await;
    until_synced(&client).await;
    let fields = server_fields(&server, id).await;
    assert_eq!(fields["continued_from"], json!(source));
    assert_eq!(
        fields["unit_id"],
        json!(demo_user("canbo.ubnd").unit_id.expect("unit"))
    );
    assert_eq!(fields["status"], json!("nhap"));
    assert_eq!(fields["registrant"], json!(""));
    assert!(
        fields["indicators"][0]["previous_target"].is_number(),
        "last year's target kept to be beaten"
    );
    assert_eq!(
        eval(
            &client,
            "return document.getElementById('model-sync').dataset.sync;"
        )
        .await,
        json!("Synced")
    );
    client.close().await.expect("close");
    server.stop().await;
}

/// The reviewer's screens fit a phone and a tablet (no sideways scroll,
/// touch targets ≥ 44 px; a checkbox counts by its label row), with
/// screenshots of each.
#[tokio::test(flavor = "multi_thread", worker_threads = 2)]
async fn the_reviewers_screens_fit_a_phone_and_a_tablet() {
    let _slot = ONE_BROWSER.acquire().await.expect("browser slot");
    let server = TestServer::start(demo_server_settings(&built_dist())).await;
    add_scene(&server).await;
    let data = demo_with_scene();
    let bhyt = model_named(&data, "Mỗi nhà một tấm thẻ bảo hiểm y tế - mở rộng");
    let sent = scene_model_id(n::KHAM_SANG_LOC);
    for (device, size) in [("phone", PHONE), ("tablet", TABLET)] {
        let driver = start_driver().await;
        let client = chromium(&driver, size, None).await;
        client.goto(&server.url("/")).await.expect("goto");
        sign_in_as(&client, "bxdd.lan").await;
        until_synced(&client).await;
        for (screen, hash) in [
            ("review-queue", "#/duyet".to_owned()),
            ("review-registration", format!("#/duyet/{sent}")),
            ("review-evaluation", format!("#/duyet/{bhyt}")),
            ("review-model-page", format!("#/mo-hinh/{bhyt}")),
        ] {
            go(&client, &hash).await;
            until(
                &client,
                &format!("{screen} drawn"),
                "return !!document.querySelector('main h2');",
            )
            .await;
            until(
                &client,
                &format!("{screen} settled"),
                "const n = document.querySelector('main').innerHTML.length; \
                 const same = window.__dvkLast === n; window.__dvkLast = n; return same;",
            )
            .await;
            let overflow = eval(
                &client,
                "return document.documentElement.scrollWidth - document.documentElement.clientWidth;",
            )
            .await;
            assert_eq!(overflow, json!(0), "{device} {screen}: no sideways scroll");
            let small = eval(
                &client,
                "return [...document.querySelectorAll('button, input:not([type=file]), select, a.button')] \
                   .filter((e) => e.offsetParent !== null) \
                   .map((e) => e.type === 'checkbox' && e.closest('label') ? e.closest('label') : e) \
                   .filter((e) => e.getBoundingClientRect().height < 44) \
                   .map((e) => e.id || e.className || e.tagName);",
            )
            .await;
            assert_eq!(
                small,
                Value::Array(Vec::new()),
                "{device} {screen}: touch targets ≥ 44 px"
            );
            screenshot(&client, &format!("{device}-{screen}")).await;
        }
        // The registration's sections by name: a row of chips on a phone,
        // a list beside the form on a tablet.
        let names = eval(
            &client,
            "document.getElementById('s3').scrollIntoView();              return [...document.querySelectorAll('.sections__item')]                .map((b) => b.innerText.trim());",
        )
        .await;
        let names: Vec<String> = serde_json::from_value(names).expect("names");
        assert_eq!(names.len(), 9);
        assert!(
            names.iter().all(|n| n.chars().any(char::is_alphabetic)),
            "{device}: sections named, not numbered: {names:?}"
        );
        screenshot(&client, &format!("{device}-model-sections")).await;
        client.close().await.expect("close");
    }
    server.stop().await;
}
