//! A key typed in the evaluation beside the reviewer's queue re-reads the
//! evaluation only: not the commune's models behind the queue, nor the
//! model's progress entries and report behind its evidence (each a scan
//! of every record of its kind on the tablet; docs/sync.md, "What a sync
//! redraws"). Told by the app's performance measures `dvk-queue-models`
//! and `dvk-evidence` (one per read).
use super::journey::{fill, measures, sign_in_as};
use super::review::{TABLET, add_scene, demo_with_scene, go, model_named};
use super::*;

#[tokio::test(flavor = "multi_thread", worker_threads = 2)]
async fn typing_an_evaluation_beside_the_queue_reads_neither_the_queue_nor_the_evidence_again() {
    let (_slot, server, _driver, client) = open_app(TABLET).await;
    add_scene(&server).await;
    let data = demo_with_scene();
    let model = model_named(&data, "Mỗi nhà một tấm thẻ bảo hiểm y tế - mở rộng");
    sign_in_as(&client, "bxdd.lan").await;
    until_synced(&client).await;
    go(&client, &format!("#/duyet/{model}")).await;
    text_of(&client, "#evaluation").await;
    text_of(&client, "#evidence").await;
    assert!(
        measures(&client, "dvk-queue-models").await > 0,
        "the queue read its models"
    );
    assert!(
        measures(&client, "dvk-evidence").await > 0,
        "the evidence read its records"
    );

    eval(&client, "performance.clearMeasures(); return true;").await;
    let comment = "Cách làm phù hợp";
    fill(&client, "comment", comment).await;
    until_saved(&client).await;
    assert_eq!(
        eval(
            &client,
            "return document.getElementById('f-comment').value;"
        )
        .await,
        serde_json::json!(comment)
    );
    assert_eq!(
        measures(&client, "dvk-queue-models").await,
        0,
        "{} keys of the comment: the queue's models not read again",
        comment.chars().count()
    );
    assert_eq!(
        measures(&client, "dvk-evidence").await,
        0,
        "the evidence not read again"
    );

    client.close().await.expect("close");
    server.stop().await;
}
