//! Multi-node gossip over real libp2p on loopback: offers travel a line of
//! nodes A - B - C (A and C never connect directly); updates replace them,
//! withdrawals remove them everywhere; invalid records injected at B stop at
//! B, which penalises the sender and, once its score is below the graylist
//! threshold, disconnects and bans it.

use std::sync::atomic::Ordering;

use vetnet_node::publish::{GossipState, PublishMode};
use vetnet_node::search::OfferQuery;
use vetnet_protocol::{InstitutionKey, LangText, Payload, RecordKey, RecordKind};
use vetnet_tests::{TestNode, offer, spawn, wait_for_topic_peers, wait_until};

/// A - B - C, each knowing only its left neighbour.
async fn line() -> (TestNode, TestNode, TestNode) {
    let [a, b, c]: [TestNode; 3] = vetnet_tests::line(3).await.try_into().unwrap_or_else(|_| panic!("three nodes"));
    let c_peer = c.node.info().peer_id;
    let a_peers = a.node.network().peers().await.unwrap();
    assert!(a_peers.iter().all(|p| p.peer_id != c_peer), "A and C must not be directly connected");
    (a, b, c)
}

fn title_of(record: &vetnet_protocol::VerifiedRecord) -> String {
    match &record.content {
        vetnet_protocol::Content::Offer(o) => o.title.best(&[]).unwrap_or_default().to_owned(),
        other => panic!("not an offer: {other:?}"),
    }
}

#[tokio::test(flavor = "multi_thread", worker_threads = 2)]
async fn offer_published_updated_and_withdrawn_on_a_reaches_c() {
    vetnet_tests::init_logging();
    let (a, b, c) = line().await;
    let publisher = a.node.publisher();
    let welding = offer("Welding in Aalborg", "DK", "0715", 4);
    let published = publisher.publish_offer("welding", &welding, PublishMode::Create).await.unwrap();
    assert_eq!(published.gossip, GossipState::Sent);

    let in_dk_welding =
        OfferQuery { countries: vec!["DK".into()], sector: Some("07".into()), eqf: Some(4), ..Default::default() };
    wait_until("C finds the offer published on A", || async { c.offers(&in_dk_welding).len() == 1 }).await;
    let found = &c.offers(&in_dk_welding)[0];
    assert_eq!(found.author, a.node.info().institution);
    assert_eq!(found.payload.seq, 1);
    assert_eq!(found.bytes, published.record.bytes, "C holds the exact signed bytes");
    assert_eq!(b.offers(&in_dk_welding).len(), 1);

    let mut updated = welding.clone();
    updated.title = LangText::new("en", "Welding and cutting in Aalborg");
    updated.places = 3;
    publisher.publish_offer("welding", &updated, PublishMode::Update).await.unwrap();
    wait_until("C holds version 2", || async { c.offers(&in_dk_welding).first().is_some_and(|r| r.payload.seq == 2) })
        .await;
    let on_c = c.offers(&in_dk_welding);
    assert_eq!(on_c.len(), 1, "the update replaces the offer, it does not add one");
    assert_eq!(title_of(&on_c[0]), "Welding and cutting in Aalborg");
    let text_query = OfferQuery { text: Some("cutting aalborg".into()), ..Default::default() };
    assert_eq!(c.offers(&text_query).len(), 1);

    publisher.withdraw(RecordKind::Offer, "welding").await.unwrap();
    wait_until("the withdrawal removes the offer from search on C", || async {
        c.offers(&OfferQuery::default()).is_empty()
    })
    .await;
    assert!(b.offers(&OfferQuery::default()).is_empty());
    let key = RecordKey { author: a.node.info().institution, kind: "offer".into(), id: "welding".into() };
    let tombstone = c.node.store().get(&key).unwrap().expect("C keeps the withdrawal");
    assert!(tombstone.is_withdrawn());
    assert_eq!(tombstone.payload.seq, 3);
    assert_eq!(c.node.store().counts().unwrap().get("offer"), Some(&0));
    assert_eq!(c.node.stats().rejected.load(Ordering::Relaxed), 0);
}

fn signed(key: &InstitutionKey, payload: &Payload) -> Vec<u8> {
    key.sign(payload).expect("signs")
}

#[tokio::test(flavor = "multi_thread", worker_threads = 2)]
async fn invalid_records_injected_at_b_are_never_stored_or_forwarded() {
    vetnet_tests::init_logging();
    let (a, b, c) = line().await;
    let rogue = InstitutionKey::from_secret_bytes(&[7; 32]);
    let now = vetnet_node::publish::unix_now();
    let good = offer("Carpentry", "DK", "0732", 3);
    let payload = |id: &str, seq: u64, body: &vetnet_protocol::offer::OfferBody| {
        Payload::with_body("bsr", RecordKind::Offer, id, seq, now, body).unwrap()
    };

    // A valid record at seq 2, gossiped raw from A, reaches C: the baseline.
    let v2 = signed(&rogue, &payload("carpentry", 2, &good));
    a.node.network().publish(v2).await.unwrap();
    let rogue_offers = OfferQuery { author: Some(rogue.id()), ..Default::default() };
    wait_until("C stores the rogue's valid seq 2", || async { c.offers(&rogue_offers).len() == 1 }).await;
    let (_, c_ignored_before, _) = c.node.stats().snapshot();

    // Four bad records, all sent from A to B through real gossipsub.
    let mut broken_signature = signed(&rogue, &payload("broken", 1, &good));
    let last = broken_signature.len() - 1;
    broken_signature[last] ^= 0x01;
    let stale = signed(&rogue, &payload("carpentry", 1, &offer("Stale", "DK", "0732", 3)));
    let mut other_network = payload("elsewhere", 1, &good);
    other_network.net = "other-net".into();
    let other_network = signed(&rogue, &other_network);
    let mut eqf_nine = good.clone();
    eqf_nine.eqf_max = 9;
    let rule_violation = signed(&rogue, &payload("eqf-nine", 1, &eqf_nine));
    for bytes in [broken_signature, stale, other_network, rule_violation] {
        a.node.network().publish(bytes).await.unwrap();
    }

    wait_until("B has judged all four", || async {
        let (_, ignored, rejected) = b.node.stats().snapshot();
        rejected == 3 && ignored >= 1
    })
    .await;
    // B's verdicts are queued before its counters move, so a marker B publishes
    // now leaves after anything B would have forwarded: once C has the marker,
    // C has seen all B ever sent it. (A itself is graylisted at B by now, so
    // the marker must come from B.)
    let marker = offer("Marker", "DE", "0732", 3);
    b.node.publisher().publish_offer("marker", &marker, PublishMode::Create).await.unwrap();
    let from_b = OfferQuery { author: Some(b.node.info().institution), ..Default::default() };
    wait_until("C stores B's marker, sent after the bad records", || async { c.offers(&from_b).len() == 1 }).await;

    let (b_accepted, b_ignored, b_rejected) = b.node.stats().snapshot();
    assert_eq!(b_rejected, 3, "B rejects the broken signature, the wrong network and the rule violation");
    assert!(b_ignored >= 1, "B ignores the stale seq");
    assert!(b_accepted >= 1, "B accepted the rogue's valid record (and the profiles)");
    let (_, c_ignored, c_rejected) = c.node.stats().snapshot();
    assert_eq!(c_rejected, 0, "B forwarded nothing invalid to C");
    assert_eq!(c_ignored, c_ignored_before, "B did not forward the stale record to C");

    for node in [&b, &c] {
        for id in ["broken", "elsewhere", "eqf-nine"] {
            let key = RecordKey { author: rogue.id(), kind: "offer".into(), id: id.into() };
            assert!(node.node.store().get(&key).unwrap().is_none(), "{id} must not be stored");
        }
        let key = RecordKey { author: rogue.id(), kind: "offer".into(), id: "carpentry".into() };
        assert_eq!(
            node.node.store().get(&key).unwrap().unwrap().payload.seq,
            2,
            "the stale seq 1 did not replace seq 2"
        );
    }

    // Three invalid records take A below the graylist threshold at B, and B
    // disconnects and bans it.
    let a_peer = a.node.info().peer_id;
    wait_until("B bans A after three invalid records", || async {
        b.node.network().banned_peers().await.unwrap().iter().any(|banned| banned.peer_id == a_peer)
    })
    .await;
    assert!(b.node.network().peers().await.unwrap().iter().all(|p| p.peer_id != a_peer), "B dropped A");
}

#[tokio::test(flavor = "multi_thread", worker_threads = 2)]
async fn a_record_published_with_no_peers_reaches_them_when_they_join() {
    vetnet_tests::init_logging();
    let a = spawn("Alone Oy", "FI", &[]).await;
    let published = a
        .node
        .publisher()
        .publish_offer("kitchen", &offer("Kitchen work", "FI", "1013", 3), PublishMode::Create)
        .await
        .unwrap();
    assert_eq!(published.gossip, GossipState::Queued, "nobody listens yet: stored and queued, not an error");
    let b = spawn("Bergen Fagskole", "NO", &[a.addr()]).await;
    wait_until("B receives the queued offer once connected", || async {
        b.offers(&OfferQuery { countries: vec!["FI".into()], ..Default::default() }).len() == 1
    })
    .await;
    assert!(a.node.store().outbox().unwrap().is_empty(), "the outbox is empty once a peer took the record");
}

#[tokio::test(flavor = "multi_thread", worker_threads = 2)]
async fn a_node_reconnects_when_its_bootstrap_peer_comes_back() {
    vetnet_tests::init_logging();
    let a = spawn("Aarhus", "DK", &[]).await;
    let a_addr = a.addr();
    let b = spawn("Bremen", "DE", std::slice::from_ref(&a_addr)).await;
    wait_for_topic_peers(&b, 1).await;

    let listen: libp2p::Multiaddr =
        a_addr.iter().filter(|p| !matches!(p, libp2p::multiaddr::Protocol::P2p(_))).collect();
    let a = vetnet_tests::restart(a, Some(listen), &[]).await;
    assert_eq!(a.addr(), a_addr, "A comes back on the same address and peer id");
    wait_for_topic_peers(&b, 1).await;

    a.node
        .publisher()
        .publish_offer("after", &offer("After restart", "DK", "0715", 4), PublishMode::Create)
        .await
        .unwrap();
    wait_until("B receives an offer published after A's restart", || async {
        b.offers(&OfferQuery { countries: vec!["DK".into()], ..Default::default() }).len() == 1
    })
    .await;
}

/// A record dated ahead of the receiver's clock is ignored, not rejected, by
/// gossip and by sync alike, and the receiver counts it under its reason.
#[tokio::test(flavor = "multi_thread", worker_threads = 2)]
async fn a_record_from_the_future_is_ignored_and_counted_by_reason() {
    vetnet_tests::init_logging();
    let ahead = vetnet_node::Clock::manual(vetnet_node::Clock::system().now_unix() + 3_600);
    let early = vetnet_tests::spawn_with_clock("Ahead of time", "DK", vetnet_tests::test_config(&[]), ahead).await;
    let receiver = vetnet_tests::spawn("On time", "SE", &[early.addr()]).await;
    wait_for_topic_peers(&early, 1).await;
    let welding = offer("Welding an hour early", "DK", "0715", 4);
    early.node.publisher().publish_offer("early", &welding, PublishMode::Create).await.unwrap();

    let count = |via_sync: bool| {
        receiver
            .node
            .stats()
            .ignored_by_reason()
            .iter()
            .find(|(reason, _, _)| reason.as_str() == "from_the_future")
            .map_or(0, |(_, gossip, sync)| if via_sync { *sync } else { *gossip })
    };
    wait_until("the receiver ignores the gossiped record from the future", || async { count(false) >= 1 }).await;
    let early_peer = early.node.info().peer_id;
    // The session the connection started may still run: wait for it with a deadline.
    let deadline = std::time::Instant::now() + std::time::Duration::from_secs(30);
    let report = loop {
        match receiver.node.sync().sync_with(early_peer).await {
            Err(vetnet_node::sync::SyncError::Busy) if std::time::Instant::now() < deadline => {
                tokio::time::sleep(std::time::Duration::from_millis(20)).await;
            }
            other => break other.expect("a sync session runs"),
        }
    };
    assert_eq!(report.stored, 0, "sync does not store it either");
    assert!(count(true) >= 1, "sync counts its own ignore");
    assert_eq!(receiver.node.stats().rejected.load(Ordering::Relaxed), 0, "a clock ahead is not the sender's fault");
    assert!(receiver.offers(&OfferQuery::default()).is_empty());
}
