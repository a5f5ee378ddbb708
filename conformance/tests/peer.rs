//! `peer` mode against a real vetnet node (real libp2p on loopback, real
//! sled): every gossip case passes, and passes again on the same node.

use std::time::Duration;

use vetnet_conformance::load_vectors;
use vetnet_conformance::peer::{PeerConfig, check};

#[tokio::test(flavor = "multi_thread", worker_threads = 2)]
async fn a_vetnet_node_passes_peer_mode() {
    let node = vetnet_tests::spawn("Conformance College", "SE", &[]).await;
    let file = load_vectors(None).unwrap();
    let config = PeerConfig { addr: node.addr(), network: "bsr".to_owned(), timeout: Duration::from_secs(20) };
    let report = check(&config, &file.cases).await.unwrap();
    for line in &report.lines {
        println!("{line}");
    }
    println!("{}", report.total());
    assert!(report.passed(), "peer mode failed:\n{}", report.lines.join("\n"));
    assert!(report.passed >= 40, "only {} cases passed", report.passed);

    // Again, against the node that now holds the first run's records: what is
    // held comes back by fetch, so a rerun passes too.
    let again = check(&config, &file.cases).await.unwrap();
    assert!(again.passed(), "the second run failed:\n{}", again.lines.join("\n"));
    assert_eq!(again.passed, report.passed);
}
