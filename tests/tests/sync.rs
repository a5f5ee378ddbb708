//! Catch-up sync between real nodes: what gossip missed arrives by set
//! reconciliation on connect and periodically, and everyone converges to the
//! same live set with the newest version of each record.

use std::time::{Duration, Instant};

use vetnet_protocol::{Content, RecordKey};
use vetnet_tests::{TestNode, ingest_all, live_set_digest, signed_offers, spawn, wait_for_topic_peers, wait_until};

async fn wait_for_same_set(nodes: &[&TestNode], what: &str) {
    wait_until(what, || async {
        let first = live_set_digest(nodes[0]);
        nodes.iter().all(|n| live_set_digest(n) == first)
    })
    .await;
}

#[tokio::test(flavor = "multi_thread", worker_threads = 2)]
async fn a_node_offline_while_2000_records_were_published_catches_up() {
    vetnet_tests::init_logging();
    let a = spawn("Aalborg", "DK", &[]).await;
    let b = spawn("Bergen", "NO", &[a.addr()]).await;
    let c = spawn("Cesis", "LV", &[a.addr()]).await;
    wait_for_same_set(&[&a, &b, &c], "the three profiles are everywhere").await;

    let c = vetnet_tests::stop(c).await;
    let records = signed_offers(1, 40, 2_000, 1);
    assert_eq!(ingest_all(&a, &records[..1_000]), 1_000);
    assert_eq!(ingest_all(&b, &records[1_000..]), 1_000);
    // A and B reconcile with each other too (periodic sync), so both hold all 2,000.
    wait_for_same_set(&[&a, &b], "A and B hold the same set").await;

    let started = Instant::now();
    let c = vetnet_tests::start_on(c, None, &[a.addr()]).await;
    wait_for_same_set(&[&a, &c], "C catches up after coming back").await;
    let took = started.elapsed();
    assert_eq!(c.node.store().counts().unwrap().get("offer"), Some(&2_000));
    assert!(took < Duration::from_secs(15), "catching up 2,000 records took {took:?}");
    assert_eq!(c.node.stats().rejected.load(std::sync::atomic::Ordering::Relaxed), 0);
}

#[tokio::test(flavor = "multi_thread", worker_threads = 2)]
async fn a_brand_new_node_gets_the_full_history_from_one_peer() {
    vetnet_tests::init_logging();
    let a = spawn("Aarhus", "DK", &[]).await;
    let b = spawn("Bremen", "DE", &[a.addr()]).await;
    wait_for_topic_peers(&b, 1).await;
    assert_eq!(ingest_all(&a, &signed_offers(2, 10, 300, 1)), 300);
    // An update and a withdrawal in the history.
    let newer = signed_offers(2, 10, 5, 2);
    assert_eq!(ingest_all(&a, &newer), 5);

    let newcomer = spawn("Narva", "EE", &[b.addr()]).await;
    wait_for_same_set(&[&a, &b, &newcomer], "the newcomer holds everything").await;
    let counts = newcomer.node.store().counts().unwrap();
    assert_eq!(counts.get("offer"), Some(&300));
    assert_eq!(counts.get("profile"), Some(&3));
    let first = vetnet_protocol::VerifiedRecord::open(
        &signed_offers(2, 10, 1, 1)[0],
        &vetnet_protocol::ValidationContext { network: "bsr", now: vetnet_node::publish::unix_now() },
    )
    .unwrap();
    let held = newcomer.node.store().get(&first.key()).unwrap().expect("held");
    assert_eq!(held.payload.seq, 2, "the newest version arrives, not the first");
}

#[tokio::test(flavor = "multi_thread", worker_threads = 2)]
async fn a_partition_heals_and_the_newest_version_of_every_key_wins() {
    vetnet_tests::init_logging();
    // Two halves that never met: A - B and C - D.
    let a = spawn("Aabo", "FI", &[]).await;
    let b = spawn("Borgholm", "SE", &[a.addr()]).await;
    let c = spawn("Cuxhaven", "DE", &[]).await;
    let d = spawn("Daugavpils", "LV", &[c.addr()]).await;
    wait_for_topic_peers(&b, 1).await;
    wait_for_topic_peers(&d, 1).await;

    // Each half gets its own records, and the same author's records at
    // different versions: side 1 has offer-0 at seq 3, offer-1 at seq 5;
    // side 2 has offer-0 at seq 4, offer-1 at seq 2.
    assert_eq!(ingest_all(&a, &signed_offers(3, 5, 100, 1)), 100);
    assert_eq!(ingest_all(&d, &signed_offers(4, 5, 100, 1)), 100);
    let side1 = [signed_offers(5, 1, 1, 3), signed_offers(5, 1, 2, 5)[1..].to_vec()].concat();
    let side2 = [signed_offers(5, 1, 1, 4), signed_offers(5, 1, 2, 2)[1..].to_vec()].concat();
    assert_eq!(ingest_all(&b, &side1), 2);
    assert_eq!(ingest_all(&c, &side2), 2);
    wait_for_same_set(&[&a, &b], "side 1 agrees").await;
    wait_for_same_set(&[&c, &d], "side 2 agrees").await;
    assert_ne!(live_set_digest(&a), live_set_digest(&d));

    // Restore the link between B and C.
    b.node.network().dial(c.addr()).await.unwrap();
    wait_for_same_set(&[&a, &b, &c, &d], "all four converge").await;
    assert_eq!(a.node.store().counts().unwrap().get("offer"), Some(&202));
    let author = vetnet_protocol::InstitutionKey::from_secret_bytes(&{
        let mut secret = [5u8; 32];
        secret[..8].copy_from_slice(&0u64.to_be_bytes());
        secret
    })
    .id();
    for node in [&a, &b, &c, &d] {
        for (id, seq) in [("offer-0", 4), ("offer-1", 5)] {
            let key = RecordKey { author, kind: "offer".into(), id: id.into() };
            let held = node.node.store().get(&key).unwrap().expect("held");
            assert_eq!(held.payload.seq, seq, "{id} converges to its newest seq");
            assert!(matches!(held.content, Content::Offer(_)));
        }
    }
}

#[tokio::test(flavor = "multi_thread", worker_threads = 2)]
async fn peers_in_sync_exchange_a_few_bytes() {
    vetnet_tests::init_logging();
    let a = spawn("Aalborg", "DK", &[]).await;
    let b = spawn("Bergen", "NO", &[a.addr()]).await;
    let records = signed_offers(6, 20, 1_000, 1);
    ingest_all(&a, &records);
    ingest_all(&b, &records);
    wait_for_same_set(&[&a, &b], "both hold the same set").await;
    // The session the connection started may still be running: wait for it
    // to end (with a deadline) rather than race it.
    let deadline = std::time::Instant::now() + std::time::Duration::from_secs(30);
    let report = loop {
        match a.node.sync().sync_with(b.node.info().peer_id).await {
            Err(vetnet_node::sync::SyncError::Busy) if std::time::Instant::now() < deadline => {
                tokio::time::sleep(std::time::Duration::from_millis(20)).await;
            }
            other => break other.unwrap(),
        }
    };
    assert_eq!(report.needed, 0);
    assert_eq!(report.rounds, 1, "identical sets agree in one round trip");
    assert!(report.bytes_sent + report.bytes_received < 2_048, "{report:?}");
}

#[tokio::test(flavor = "multi_thread", worker_threads = 2)]
async fn a_peer_over_its_sync_budget_is_refused() {
    vetnet_tests::init_logging();
    let a = spawn("Aalborg", "DK", &[]).await;
    let b = spawn("Bergen", "NO", &[a.addr()]).await;
    wait_for_topic_peers(&b, 1).await;
    let a_peer = a.node.info().peer_id;
    let fetch = || vetnet_protocol::sync::SyncRequest::Fetch { ids: vec![serde_bytes::ByteBuf::from(vec![0u8; 32])] };
    let mut refused = 0;
    let mut answered = 0;
    // B's own sessions with A count too, so send a little over the budget.
    for _ in 0..610 {
        match b.node.network().sync_request(a_peer, fetch()).await.unwrap() {
            vetnet_protocol::sync::SyncResponse::Refused { .. } => refused += 1,
            vetnet_protocol::sync::SyncResponse::Records { records } => {
                assert!(records.is_empty());
                answered += 1;
            }
            other => panic!("unexpected answer {other:?}"),
        }
    }
    assert!(answered <= 600, "at most 600 requests a minute are served ({answered})");
    assert!(refused >= 10, "requests over the budget are refused ({refused})");
}
