//! Gossip over a seeded random graph of real nodes on loopback: most nodes
//! are not connected to the publisher, so an offer reaches them only through
//! other nodes forwarding it.

use vetnet_node::publish::{GossipState, PublishMode};
use vetnet_node::search::OfferQuery;
use vetnet_tests::{offer, random_edges, random_graph, wait_until};

const NODES: usize = 6;
const DEGREE: usize = 2;
const SEED: u64 = 7;

#[tokio::test(flavor = "multi_thread", worker_threads = 2)]
async fn an_offer_reaches_every_node_of_a_random_graph() {
    vetnet_tests::init_logging();
    let edges = random_edges(NODES, DEGREE, SEED);
    let publisher_neighbours = edges.iter().filter(|(x, y)| *x == 0 || *y == 0).count();
    assert!(publisher_neighbours < NODES - 1, "the graph of seed {SEED} must not connect node 0 to every node");
    let nodes = random_graph(NODES, DEGREE, SEED).await;

    let welding = offer("Welding in Aalborg", "DK", "0715", 4);
    let published =
        nodes[0].node.publisher().publish_offer("welding", &welding, PublishMode::Create).await.expect("publishes");
    assert_eq!(published.gossip, GossipState::Sent);

    let in_dk = OfferQuery { countries: vec!["DK".into()], ..Default::default() };
    for (i, node) in nodes.iter().enumerate().skip(1) {
        wait_until(&format!("node {i} holds the offer"), || async { node.offers(&in_dk).len() == 1 }).await;
        assert_eq!(node.offers(&in_dk)[0].bytes, published.record.bytes, "node {i} holds the exact signed bytes");
    }
}
