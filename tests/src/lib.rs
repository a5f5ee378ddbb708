//! Test networks of real vetnet nodes in one process: each node has its own
//! temporary data directory (real sled) and listens on loopback TCP port 0
//! (real libp2p). Waits poll a condition until a deadline, never sleep-and-hope.
//!
//! Used by the integration tests in `tests/tests/` and by `examples/`.

pub mod browser;

use std::future::Future;
use std::time::Duration;

use libp2p::Multiaddr;
use tempfile::TempDir;
use vetnet_node::search::{self, OfferQuery};
use vetnet_node::{Config, DataDir, NetworkTiming, Node, NodeOptions};
use vetnet_protocol::LangText;
use vetnet_protocol::offer::{Conditions, LanguageRequirement, OfferBody};
use vetnet_protocol::profile::{InstitutionKind, ProfileBody, VetProvision};

/// How long a test waits for the network before failing.
pub const DEADLINE: Duration = Duration::from_secs(20);

/// A node and the temporary directory it lives in (removed on drop).
pub struct TestNode {
    pub node: Node,
    pub dir: TempDir,
}

impl TestNode {
    /// The address others use to reach this node (loopback, with `/p2p/`).
    pub fn addr(&self) -> Multiaddr {
        self.node.info().listen_addrs[0].clone()
    }

    pub fn offers(&self, query: &OfferQuery) -> Vec<vetnet_protocol::VerifiedRecord> {
        search::search_offers(self.node.store(), query).expect("search works")
    }
}

/// A profile for a test institution.
pub fn profile(name: &str, country: &str, kind: InstitutionKind) -> ProfileBody {
    ProfileBody {
        name: LangText::new("en", name),
        institution: kind,
        vet: if kind == InstitutionKind::VetProvider { vec![VetProvision::Ivet] } else { Vec::new() },
        country: country.to_owned(),
        region: None,
        city: None,
        isced: Vec::new(),
        nace: Vec::new(),
        languages: vec!["en".to_owned()],
        website: None,
        email: Some(format!("placements@{}.example", country.to_ascii_lowercase())),
        registration: None,
        description: LangText::default(),
        nodes: Vec::new(),
    }
}

/// A valid placement offer.
pub fn offer(title: &str, country: &str, isced: &str, eqf: u8) -> OfferBody {
    OfferBody {
        title: LangText::new("en", title),
        description: LangText::new("en", "Work alongside experienced staff."),
        isced: isced.to_owned(),
        nace: None,
        occupation: None,
        country: country.to_owned(),
        city: None,
        eqf_min: eqf,
        eqf_max: eqf,
        places: 2,
        start: "2027-03-01".to_owned(),
        end: None,
        weeks_min: 4,
        weeks_max: 4,
        deadline: Some("2027-01-15".to_owned()),
        languages: vec![LanguageRequirement { lang: "en".to_owned(), cefr: Some("B1".to_owned()) }],
        outcomes: vec!["Welds steel plates to standard".to_owned()],
        esco_skills: Vec::new(),
        conditions: Conditions { minors: true, mentor: true, ..Conditions::default() },
        contact: None,
    }
}

/// Settings of a test node: loopback only, ports picked by the system.
pub fn test_config(bootstrap: &[Multiaddr]) -> Config {
    Config {
        listen: vec!["/ip4/127.0.0.1/tcp/0".to_owned()],
        api: "127.0.0.1:0".to_owned(),
        bootstrap: bootstrap.iter().map(ToString::to_string).collect(),
        cache_mb: 16,
        ..Config::default()
    }
}

/// Starts a node for a new institution in a fresh directory.
pub async fn spawn(name: &str, country: &str, bootstrap: &[Multiaddr]) -> TestNode {
    spawn_with(name, country, test_config(bootstrap)).await
}

/// Like [`spawn`], with settings of one's own (start from [`test_config`]).
pub async fn spawn_with(name: &str, country: &str, config: Config) -> TestNode {
    let dir = tempfile::tempdir().expect("temp dir");
    let data_dir = DataDir::new(dir.path());
    vetnet_node::initialize(&data_dir, &config, &profile(name, country, InstitutionKind::VetProvider))
        .expect("initialise");
    let node = Node::start(NodeOptions { data_dir, config, timing: NetworkTiming::fast() }).await.expect("node starts");
    TestNode { node, dir }
}

/// Stops a node cleanly and keeps its directory.
pub async fn stop(test_node: TestNode) -> TempDir {
    test_node.node.shutdown().await;
    test_node.dir
}

/// Restarts a node on its directory, keeping keys and records.
pub async fn restart(test_node: TestNode, listen: Option<Multiaddr>, bootstrap: &[Multiaddr]) -> TestNode {
    start_on(stop(test_node).await, listen, bootstrap).await
}

/// Starts a node on the directory of a stopped one.
pub async fn start_on(dir: TempDir, listen: Option<Multiaddr>, bootstrap: &[Multiaddr]) -> TestNode {
    let mut config = test_config(bootstrap);
    if let Some(addr) = listen {
        config.listen = vec![addr.to_string()];
    }
    let node = Node::start(NodeOptions { data_dir: DataDir::new(dir.path()), config, timing: NetworkTiming::fast() })
        .await
        .expect("node restarts");
    TestNode { node, dir }
}

/// Polls `condition` every 20 ms until it holds, or panics after [`DEADLINE`]
/// naming what was awaited.
pub async fn wait_until<F, Fut>(what: &str, mut condition: F)
where
    F: FnMut() -> Fut,
    Fut: Future<Output = bool>,
{
    let start = tokio::time::Instant::now();
    loop {
        if condition().await {
            return;
        }
        assert!(start.elapsed() < DEADLINE, "timed out after {DEADLINE:?} waiting until {what}");
        tokio::time::sleep(Duration::from_millis(20)).await;
    }
}

/// Waits until `node` has `n` peers subscribed to the records topic.
pub async fn wait_for_topic_peers(node: &TestNode, n: usize) {
    let name = node.node.info().peer_id;
    wait_until(&format!("{name} has {n} peers on the records topic"), || async {
        node.node.network().status().await.is_ok_and(|s| s.topic_peers >= n)
    })
    .await;
}

/// Logs to the test output when `RUST_LOG` is set.
pub fn init_logging() {
    let _ = tracing_subscriber::fmt()
        .with_env_filter(tracing_subscriber::EnvFilter::from_default_env())
        .with_test_writer()
        .try_init();
}

/// SHA-256 over a node's live set in sync order: equal digests mean equal sets.
pub fn live_set_digest(node: &TestNode) -> [u8; 32] {
    use sha2::{Digest, Sha256};
    let mut hasher = Sha256::new();
    for item in node.node.store().sync_items() {
        let (ts, hash) = item.expect("store readable");
        hasher.update(ts.to_be_bytes());
        hasher.update(hash.0);
    }
    hasher.finalize().into()
}

/// `count` signed offers spread over `authors` test institutions (keys derived
/// from `seed`), as another node would have published them.
pub fn signed_offers(seed: u8, authors: usize, count: usize, seq: u64) -> Vec<Vec<u8>> {
    let keys: Vec<vetnet_protocol::InstitutionKey> = (0..authors)
        .map(|i| {
            let mut secret = [seed; 32];
            secret[..8].copy_from_slice(&(i as u64).to_be_bytes());
            vetnet_protocol::InstitutionKey::from_secret_bytes(&secret)
        })
        .collect();
    let now = vetnet_node::publish::unix_now();
    (0..count)
        .map(|i| {
            let key = &keys[i % authors];
            let body = offer(&format!("Offer {i} from {seed}"), "SE", "0715", 4);
            let payload = vetnet_protocol::Payload::with_body(
                vetnet_protocol::DEFAULT_NETWORK,
                vetnet_protocol::RecordKind::Offer,
                &format!("offer-{i}"),
                seq,
                now - (count - i) as u64,
                &body,
            )
            .expect("payload");
            key.sign(&payload).expect("signs")
        })
        .collect()
}

/// Feeds records to a node through the gossip ingest path (verify, validate,
/// store), as if they had arrived from peers. Returns how many were stored.
pub fn ingest_all(node: &TestNode, records: &[Vec<u8>]) -> usize {
    let network = node.node.info().network.clone();
    records
        .iter()
        .filter(|bytes| {
            let (_, outcome) =
                vetnet_node::ingest::ingest(node.node.store(), &network, node.node.author_limit(), bytes);
            outcome.is_ok_and(|o| o.is_stored())
        })
        .count()
}
