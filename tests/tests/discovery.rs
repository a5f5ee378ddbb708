//! Finding peers: Kademlia from a single bootstrap address, the persisted
//! address book after a restart, and reaching a node through a circuit relay.

use libp2p::Multiaddr;
use libp2p::multiaddr::Protocol;
use vetnet_node::publish::PublishMode;
use vetnet_node::search::OfferQuery;
use vetnet_tests::{offer, spawn, spawn_with, start_on, stop, test_config, wait_for_topic_peers, wait_until};

#[tokio::test(flavor = "multi_thread", worker_threads = 2)]
async fn nodes_knowing_one_bootstrap_address_find_several_peers() {
    vetnet_tests::init_logging();
    let first = spawn("Hub Agency", "SE", &[]).await;
    let mut nodes = vec![];
    for i in 0..9 {
        nodes.push(spawn(&format!("School {i}"), "FI", &[first.addr()]).await);
    }
    for node in &nodes {
        let me = node.node.info().peer_id;
        wait_until(&format!("{me} is connected to at least 4 peers"), || async {
            node.node.network().status().await.is_ok_and(|s| s.connected_peers >= 4)
        })
        .await;
    }
    let last = nodes.last().unwrap();
    wait_until("the last node is in a gossip mesh of at least 2", || async {
        last.node.network().status().await.is_ok_and(|s| s.mesh_peers >= 2)
    })
    .await;
    let first_peer = first.node.info().peer_id;
    let others = last.node.network().peers().await.unwrap().into_iter().filter(|p| p.peer_id != first_peer).count();
    assert!(others >= 3, "the last node found peers beyond its bootstrap node ({others})");
}

#[tokio::test(flavor = "multi_thread", worker_threads = 2)]
async fn a_restarted_node_rejoins_from_its_address_book() {
    vetnet_tests::init_logging();
    let a = spawn("Aarhus", "DK", &[]).await;
    let b = spawn("Bremen", "DE", &[a.addr()]).await;
    wait_for_topic_peers(&b, 1).await;
    let a_peer = a.node.info().peer_id;
    wait_until("B's address book holds A", || async {
        b.node.store().known_peers().unwrap().iter().any(|(peer, _)| peer == &a_peer.to_bytes())
    })
    .await;
    let b_dir = stop(b).await;
    let b = start_on(b_dir, None, &[]).await; // no bootstrap this time
    wait_until("B reconnects to A from its address book", || async {
        b.node.network().peers().await.unwrap().iter().any(|p| p.peer_id == a_peer)
    })
    .await;
}

#[tokio::test(flavor = "multi_thread", worker_threads = 2)]
async fn a_node_can_be_reached_through_a_relay() {
    vetnet_tests::init_logging();
    let mut relay_config = test_config(&[]);
    relay_config.relay_server = true;
    let relay = spawn_with("Relay Agency", "SE", relay_config).await;
    let hidden = spawn("Hidden School", "LT", &[relay.addr()]).await;
    wait_for_topic_peers(&hidden, 1).await;
    // The hidden node asks the relay for a reservation and listens through it.
    let circuit: Multiaddr = relay.addr().with(Protocol::P2pCircuit);
    hidden.node.network().listen_on(circuit.clone()).await.unwrap();
    let hidden_peer = hidden.node.info().peer_id;
    wait_until("the relayed address is listed", || async {
        hidden
            .node
            .network()
            .status()
            .await
            .is_ok_and(|s| s.listen_addrs.iter().any(|a| a.iter().any(|p| matches!(p, Protocol::P2pCircuit))))
    })
    .await;

    // A third node that knows only the relayed address dials it.
    let outsider = spawn("Outside Firm", "PL", &[]).await;
    let via_relay = circuit.with(Protocol::P2p(hidden_peer));
    outsider.node.network().dial(via_relay).await.unwrap();
    wait_until("the outsider is connected to the hidden node", || async {
        outsider.node.network().peers().await.unwrap().iter().any(|p| p.peer_id == hidden_peer)
    })
    .await;
    let status = relay.node.network().status().await.unwrap();
    assert!(status.relay_server);

    // Records flow over it (directly after hole punching, else via sync/gossip through the relay node).
    hidden
        .node
        .publisher()
        .publish_offer("relayed", &offer("Reached through a relay", "LT", "0715", 4), PublishMode::Create)
        .await
        .unwrap();
    wait_until("the outsider receives the hidden node's offer", || async {
        outsider.offers(&OfferQuery { countries: vec!["LT".into()], ..Default::default() }).len() == 1
    })
    .await;
}
