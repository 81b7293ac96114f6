//! A field of a form: each is a `<form>` of its own, so Chromium's autofill
//! reads one field's controls with every keystroke, not the fifty-odd of
//! the model's page (docs/bench.md, "Keystroke"). Enter in a one-line box
//! (that form's submission) neither reloads the page nor loses what was
//! typed: it moves to the next box, as a phone keyboard's "next" key does.
use super::journey::{fill, listed_id};
use super::review::go;
use super::*;

#[tokio::test(flavor = "multi_thread", worker_threads = 2)]
async fn enter_in_a_box_moves_to_the_next_one_and_keeps_the_text() {
    let (_slot, server, _driver, client) = open_app(PHONE).await;
    sign_in(&client, "canbo.ubnd").await;
    until_synced(&client).await;
    let name = "Ô tiếp theo";
    create_draft(&client, name).await;
    let id = listed_id(&client, name).await;
    go(&client, &format!("#/mo-hinh/{id}")).await;
    text_of(&client, "#model-title").await;
    // Every box of the model's form sits alone in its form.
    let crowded = eval(
        &client,
        "window.__same_page = true; \
         return [...document.querySelectorAll('.field__input')] \
           .filter((e) => !e.form || e.form.querySelectorAll('input, textarea, select').length !== 1) \
           .map((e) => e.id);",
    )
    .await;
    assert_eq!(crowded, json!([]), "boxes sharing a form, or in none");
    fill(&client, "sub_unit", " và chi hội").await;
    fill(&client, "sub_unit", "\u{E007}").await;
    until_saved(&client).await;
    let moved = eval(
        &client,
        "const boxes = [...document.querySelectorAll('.field__input:not(:disabled)')]; \
         const from = boxes.indexOf(document.getElementById('f-sub_unit')); \
         return [window.__same_page === true, document.activeElement.id, boxes[from + 1].id, \
                 document.getElementById('f-sub_unit').value, location.hash];",
    )
    .await;
    assert_eq!(moved[0], json!(true), "the page was reloaded: {moved}");
    assert_eq!(
        moved[1], moved[2],
        "focus did not move to the next box: {moved}"
    );
    assert_eq!(moved[1], json!("f-registrant"), "{moved}");
    assert!(
        moved[3]
            .as_str()
            .is_some_and(|v| v.ends_with(" và chi hội")),
        "{moved}"
    );
    assert_eq!(moved[4], json!(format!("#/mo-hinh/{id}")), "{moved}");
    // What was typed is the model's, after a reload too.
    client.refresh().await.expect("reload");
    until(
        &client,
        "the text typed before Enter, after a reload",
        "const e = document.getElementById('f-sub_unit'); return !!e && e.value.endsWith(' và chi hội');",
    )
    .await;
    client.close().await.expect("close");
    server.stop().await;
}
