//! `GET /metrics` of real nodes over loopback, read by an independent
//! OpenMetrics parser (Python's `prometheus_client`, see
//! `vetnet_tests::openmetrics`): the text parses, it is behind the token,
//! and the counters move as a node publishes, as a new node syncs, and as a
//! peer sends records that are no records.

use serde_json::json;
use vetnet_tests::openmetrics::{Scrape, read_with_python};
use vetnet_tests::{ApiClient, TestNode, spawn, wait_for_topic_peers, wait_until};

/// Scrapes `node`'s `/metrics` with its token and parses it.
async fn scrape(node: &TestNode) -> Scrape {
    let (status, content_type, text) = ApiClient::new(node).get_text("/metrics").await;
    assert_eq!(status, 200, "{text}");
    assert!(content_type.starts_with("application/openmetrics-text; version=1.0.0"), "{content_type}");
    read_with_python(&text)
}

/// Polls `node`'s metrics until `condition` holds, or fails naming `what`.
async fn wait_for_metrics(node: &TestNode, what: &str, condition: impl Fn(&Scrape) -> bool) -> Scrape {
    wait_until(what, || async { condition(&scrape(node).await) }).await;
    scrape(node).await
}

#[tokio::test(flavor = "multi_thread", worker_threads = 2)]
async fn metrics_parse_need_the_token_and_move_with_publishing_sync_and_bad_records() {
    let a = spawn("Metrics school A", "SE", &[]).await;
    let b = spawn("Metrics company B", "DE", &[a.addr()]).await;
    wait_for_topic_peers(&a, 1).await;
    wait_for_topic_peers(&b, 1).await;

    // Behind the token, with the API's JSON error.
    let url = format!("http://{}/metrics", b.node.info().api_addr);
    let refused = reqwest::get(&url).await.expect("the admin address answers");
    assert_eq!(refused.status().as_u16(), 401);
    let error: serde_json::Value = refused.json().await.expect("a JSON error");
    assert_eq!(error["error"]["code"], "unauthorized");

    // libp2p's own families are there beside the node's (relay and DCUtR
    // ones appear with their first event), and no label carries a peer id
    // (the series stay bounded).
    let before = wait_for_metrics(&b, "B counts its peer", |s| s.sum("vetnet_peers_connected", &[]) == 1.0).await;
    for prefix in ["libp2p_swarm_", "libp2p_gossipsub_", "libp2p_identify_", "libp2p_kad_", "libp2p_ping_"] {
        assert!(before.types.keys().any(|name| name.starts_with(prefix)), "no {prefix}* family");
    }
    assert!(before.sum("libp2p_swarm_connections_established_total", &[]) >= 1.0);
    let peer_id = a.node.info().peer_id.to_string();
    assert!(before.samples.iter().all(|s| s.labels.values().all(|v| !v.contains(&peer_id))), "a label names a peer");

    // Publishing on A: A holds the offer and gossips it, B accepts it as new.
    let api_a = ApiClient::new(&a);
    let offer = json!({
        "id": "welding-2027", "title": { "en": "Welding placement" }, "isced": "0715", "eqf_min": 3, "eqf_max": 4,
        "places": 2, "start": "2027-03-01", "weeks_min": 4, "weeks_max": 6,
    });
    let (status, answer) = api_a.post("/v1/offers", &offer).await;
    assert_eq!(status, 201, "{answer}");
    let accepted = [("verdict", "accept"), ("reason", "new")];
    let on_b = wait_for_metrics(&b, "B accepts the offer from gossip", |s| {
        s.sum("vetnet_gossip_messages_total", &accepted) > before.sum("vetnet_gossip_messages_total", &accepted)
    })
    .await;
    assert_eq!(on_b.sum("vetnet_records", &[("kind", "offer")]), 1.0);
    assert_eq!(on_b.types.get("vetnet_gossip_messages").map(String::as_str), Some("counter"));
    let (status, _) = api_a.get("/v1/offers/welding-2027").await;
    assert_eq!(status, 200);
    let on_a = scrape(&a).await;
    assert_eq!(on_a.sum("vetnet_records", &[("kind", "offer")]), 1.0);
    assert!(on_a.sum("libp2p_gossipsub_topic_msg_published_total", &[]) >= 1.0);
    // API latency by route template, never the raw path.
    assert_eq!(on_a.types.get("vetnet_api_request_duration_seconds").map(String::as_str), Some("histogram"));
    let created = [("method", "POST"), ("route", "/v1/offers")];
    assert!(on_a.sum("vetnet_api_request_duration_seconds_count", &created) >= 1.0);
    assert!(on_a.has("vetnet_api_request_duration_seconds_count", &[("method", "GET"), ("route", "/v1/offers/{id}")]));
    assert!(on_a.samples.iter().all(|s| s.labels.get("route").is_none_or(|r| !r.contains("welding-2027"))));

    // A node that joins later catches up by sync: its session, its bytes
    // and the records it stored count; A counts the requests it answered.
    let c = spawn("Metrics agency C", "FI", &[a.addr()]).await;
    let on_c = wait_for_metrics(&c, "C syncs with A", |s| {
        s.sum("vetnet_sync_sessions_total", &[("outcome", "ok")]) >= 1.0
            && s.sum("vetnet_sync_records_total", &[("outcome", "stored")]) >= 3.0
    })
    .await;
    assert!(on_c.sum("vetnet_sync_bytes_total", &[("direction", "received")]) > 0.0);
    assert!(on_c.sum("vetnet_sync_bytes_total", &[("direction", "sent")]) > 0.0);
    assert_eq!(on_c.sum("vetnet_records", &[("kind", "offer")]), 1.0);
    let on_a = scrape(&a).await;
    assert!(on_a.sum("vetnet_sync_requests_answered_total", &[("outcome", "answered")]) >= 1.0);

    // Bytes that are no record, gossiped by A: B rejects each, names why,
    // and bans A once its score falls below the graylist threshold.
    for i in 0..4u8 {
        a.node.network().publish(vec![0xa0 + i; 64 + usize::from(i)]).await.expect("A gossips");
    }
    let rejected = [("verdict", "reject"), ("reason", "bad_envelope")];
    let on_b = wait_for_metrics(&b, "B rejects the bad records and bans A", |s| {
        s.sum("vetnet_gossip_messages_total", &rejected) >= 3.0 && s.sum("vetnet_bans_total", &[]) >= 1.0
    })
    .await;
    assert_eq!(on_b.sum("vetnet_peers_banned", &[]), 1.0);
    assert!(on_b.sum("libp2p_gossipsub_rejected_messages_per_topic_total", &[]) >= 3.0);
}
