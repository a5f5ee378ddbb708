//! Test networks of real vetnet nodes in one process: each node has its own
//! temporary data directory (real sled) and listens on loopback TCP port 0
//! (real libp2p). Waits poll a condition until a deadline, never sleep-and-hope.
//!
//! Used by the integration tests in `tests/tests/` and by `examples/`.

pub mod browser;
pub mod dashboard;
pub mod ics;
pub mod mobility;
pub mod openmetrics;
pub mod python;

use std::future::Future;
use std::time::Duration;

use libp2p::Multiaddr;
use tempfile::TempDir;
use vetnet_node::search::{self, OfferQuery};
use vetnet_node::{Clock, Config, DataDir, NetworkTiming, Node, NodeOptions};
use vetnet_protocol::profile::InstitutionKind;

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

/// A profile for a test institution, and a valid placement offer: the shared
/// fixtures of `vetnet-protocol`.
pub use vetnet_protocol::fixtures::{offer, profile};

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

/// Like [`spawn`], for an institution of another kind (a network, a
/// company, …).
pub async fn spawn_kind(name: &str, country: &str, kind: InstitutionKind, bootstrap: &[Multiaddr]) -> TestNode {
    let dir = tempfile::tempdir().expect("temp dir");
    let data_dir = DataDir::new(dir.path());
    let config = test_config(bootstrap);
    vetnet_node::initialize(&data_dir, &config, &profile(name, country, kind)).expect("initialise");
    let options = NodeOptions { data_dir, config, timing: NetworkTiming::fast() };
    let node = Node::start_with_clock(options, Clock::system()).await.expect("node starts");
    TestNode { node, dir }
}

/// Like [`spawn`], with settings of one's own (start from [`test_config`]).
pub async fn spawn_with(name: &str, country: &str, config: Config) -> TestNode {
    spawn_with_clock(name, country, config, Clock::system()).await
}

/// Like [`spawn_with`], with the clock the node's rules read: pass
/// [`Clock::manual`] to set and advance the node's time by hand (its timers
/// stay tokio time). Clones of one manual clock share it, so several nodes
/// can be moved together.
pub async fn spawn_with_clock(name: &str, country: &str, config: Config, clock: Clock) -> TestNode {
    let dir = tempfile::tempdir().expect("temp dir");
    let data_dir = DataDir::new(dir.path());
    vetnet_node::initialize(&data_dir, &config, &profile(name, country, InstitutionKind::VetProvider))
        .expect("initialise");
    let options = NodeOptions { data_dir, config, timing: NetworkTiming::fast() };
    let node = Node::start_with_clock(options, clock).await.expect("node starts");
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
    let now = Clock::system().now_unix();
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

/// Where the nodes of [`line`] and [`random_graph`] are: Baltic Sea Region
/// countries, taken in turn.
const TOPOLOGY_COUNTRIES: [&str; 10] = ["DK", "DE", "LV", "SE", "FI", "EE", "LT", "PL", "NO", "IS"];

/// Starts `n` nodes in a line: node `i` bootstraps from node `i - 1` only.
/// Returns once every node has its line neighbours (one at the ends, two in
/// between) on the records topic, or panics after [`DEADLINE`].
pub async fn line(n: usize) -> Vec<TestNode> {
    let edges: Vec<(usize, usize)> = (1..n).map(|i| (i - 1, i)).collect();
    spawn_topology(n, &edges).await
}

/// Starts `n` nodes connected as the graph [`random_edges`] draws from
/// `seed`: a random spanning tree, so the graph is connected, plus random
/// extra edges until nodes have about `degree` neighbours. Returns once every
/// node has at least its neighbours on the records topic, or panics after
/// [`DEADLINE`]. The same seed gives the same graph.
pub async fn random_graph(n: usize, degree: usize, seed: u64) -> Vec<TestNode> {
    spawn_topology(n, &random_edges(n, degree, seed)).await
}

/// The edges `(lower, higher)` of a connected random graph on `n` nodes: node
/// `i > 0` joins a random earlier node (a spanning tree), then random pairs
/// are added until there are `n * degree / 2` edges or no free pair is found
/// in a bounded number of draws. Deterministic for a seed.
pub fn random_edges(n: usize, degree: usize, seed: u64) -> Vec<(usize, usize)> {
    let mut rng = SplitMix64(seed);
    let mut edges: Vec<(usize, usize)> = (1..n).map(|i| (rng.below(i), i)).collect();
    let wanted = (n * degree / 2).max(edges.len());
    let mut draws = 0;
    while edges.len() < wanted && draws < 20 * wanted {
        draws += 1;
        let (x, y) = (rng.below(n), rng.below(n));
        let edge = (x.min(y), x.max(y));
        if x != y && !edges.contains(&edge) {
            edges.push(edge);
        }
    }
    edges
}

/// Starts node `i` with the addresses of its neighbours below `i` as
/// bootstrap peers (so every edge is dialled once, by its higher end), then
/// waits until each node has its neighbours on the records topic.
async fn spawn_topology(n: usize, edges: &[(usize, usize)]) -> Vec<TestNode> {
    let mut nodes: Vec<TestNode> = Vec::with_capacity(n);
    for i in 0..n {
        let bootstrap: Vec<Multiaddr> =
            edges.iter().filter(|(_, higher)| *higher == i).map(|(lower, _)| nodes[*lower].addr()).collect();
        let country = TOPOLOGY_COUNTRIES[i % TOPOLOGY_COUNTRIES.len()];
        nodes.push(spawn(&format!("Test institution {i}"), country, &bootstrap).await);
    }
    for (i, node) in nodes.iter().enumerate() {
        let neighbours = edges.iter().filter(|(lower, higher)| *lower == i || *higher == i).count();
        wait_for_topic_peers(node, neighbours).await;
    }
    nodes
}

/// SplitMix64: a small seeded generator, so a topology replays from its seed.
struct SplitMix64(u64);

impl SplitMix64 {
    /// A number below `n` (`n > 0`); the slight modulo bias does not matter
    /// for drawing graphs.
    fn below(&mut self, n: usize) -> usize {
        self.0 = self.0.wrapping_add(0x9e37_79b9_7f4a_7c15);
        let mut z = self.0;
        z = (z ^ (z >> 30)).wrapping_mul(0xbf58_476d_1ce4_e5b9);
        z = (z ^ (z >> 27)).wrapping_mul(0x94d0_49bb_1331_11eb);
        ((z ^ (z >> 31)) % n as u64) as usize
    }
}

/// The admin HTTP API of a test node, called as the CLI calls it: JSON over
/// loopback with the bearer token from the node's data directory.
#[derive(Clone)]
pub struct ApiClient {
    client: reqwest::Client,
    /// `http://127.0.0.1:PORT`, the node's API address.
    base: String,
    token: String,
}

impl ApiClient {
    /// A client for `node`'s API, with the token read from its data directory.
    pub fn new(node: &TestNode) -> Self {
        let token = DataDir::new(node.dir.path()).api_token().expect("the node has an API token");
        Self { client: reqwest::Client::new(), base: format!("http://{}", node.node.info().api_addr), token }
    }

    /// `GET path`: the status and the JSON answer. Panics if the API does not
    /// answer.
    pub async fn get(&self, path: &str) -> (u16, serde_json::Value) {
        self.answer(reqwest::Method::GET, path, None).await
    }

    /// `POST path` with a JSON body.
    pub async fn post(&self, path: &str, body: &serde_json::Value) -> (u16, serde_json::Value) {
        self.answer(reqwest::Method::POST, path, Some(body)).await
    }

    /// `PUT path` with a JSON body.
    pub async fn put(&self, path: &str, body: &serde_json::Value) -> (u16, serde_json::Value) {
        self.answer(reqwest::Method::PUT, path, Some(body)).await
    }

    /// `DELETE path`.
    pub async fn delete(&self, path: &str) -> (u16, serde_json::Value) {
        self.answer(reqwest::Method::DELETE, path, None).await
    }

    /// `GET path` of an answer that is text (an iCalendar file): the status,
    /// the `Content-Type` and the text.
    pub async fn get_text(&self, path: &str) -> (u16, String, String) {
        let request = self.client.get(format!("{}{path}", self.base)).bearer_auth(&self.token);
        let response = request.send().await.unwrap_or_else(|e| panic!("the API does not answer GET {path}: {e}"));
        let status = response.status().as_u16();
        let content_type = response
            .headers()
            .get(reqwest::header::CONTENT_TYPE)
            .and_then(|v| v.to_str().ok())
            .unwrap_or_default()
            .to_owned();
        let text = response.text().await.unwrap_or_else(|e| panic!("GET {path}: the answer is not text: {e}"));
        (status, content_type, text)
    }

    /// `POST path` with a JSON body, for an answer that is bytes (a backup
    /// archive): the status and the body.
    pub async fn post_for_bytes(&self, path: &str, body: &serde_json::Value) -> (u16, Vec<u8>) {
        let request = self.client.post(format!("{}{path}", self.base)).bearer_auth(&self.token).json(body);
        let response = request.send().await.unwrap_or_else(|e| panic!("the API does not answer POST {path}: {e}"));
        let status = response.status().as_u16();
        let bytes = response.bytes().await.unwrap_or_else(|e| panic!("POST {path}: the answer cannot be read: {e}"));
        (status, bytes.to_vec())
    }

    /// `GET path` that reports a missing answer instead of panicking, for
    /// probes that run in a task of their own.
    pub async fn try_get(&self, path: &str) -> Result<(u16, serde_json::Value), reqwest::Error> {
        self.send(reqwest::Method::GET, path, None).await
    }

    /// Sends one request and returns the status and the answer: its JSON, or
    /// `null` for an empty body, or the text as a JSON string when it is not
    /// JSON. Fails only when the API does not answer.
    pub async fn send(
        &self,
        method: reqwest::Method,
        path: &str,
        body: Option<&serde_json::Value>,
    ) -> Result<(u16, serde_json::Value), reqwest::Error> {
        let mut request = self.client.request(method, format!("{}{path}", self.base)).bearer_auth(&self.token);
        if let Some(body) = body {
            request = request.json(body);
        }
        let response = request.send().await?;
        let status = response.status().as_u16();
        let bytes = response.bytes().await?;
        let value = if bytes.is_empty() {
            serde_json::Value::Null
        } else {
            serde_json::from_slice(&bytes)
                .unwrap_or_else(|_| serde_json::Value::String(String::from_utf8_lossy(&bytes).into_owned()))
        };
        Ok((status, value))
    }

    async fn answer(
        &self,
        method: reqwest::Method,
        path: &str,
        body: Option<&serde_json::Value>,
    ) -> (u16, serde_json::Value) {
        let what = format!("{method} {path}");
        self.send(method, path, body).await.unwrap_or_else(|e| panic!("the API does not answer {what}: {e}"))
    }
}

/// The JSON body of `POST /v1/offers` for a welding placement in March 2027,
/// as an admin sends it over the API.
pub fn offer_json(id: &str) -> serde_json::Value {
    serde_json::json!({
        "id": id,
        "title": { "en": "Welding placement" },
        "isced": "0715",
        "eqf_min": 3,
        "eqf_max": 4,
        "places": 2,
        "start": "2027-03-01",
        "weeks_min": 4,
        "weeks_max": 6,
    })
}

#[cfg(test)]
mod tests {
    use super::random_edges;

    /// The nodes `edges` reaches from node 0.
    fn reached(n: usize, edges: &[(usize, usize)]) -> Vec<bool> {
        let mut seen = vec![false; n];
        let mut queue = vec![0];
        seen[0] = true;
        while let Some(node) = queue.pop() {
            for &(x, y) in edges {
                for (from, to) in [(x, y), (y, x)] {
                    if from == node && !seen[to] {
                        seen[to] = true;
                        queue.push(to);
                    }
                }
            }
        }
        seen
    }

    #[test]
    fn random_graphs_are_connected_simple_and_replay_from_their_seed() {
        for seed in 0..50 {
            for (n, degree) in [(1, 3), (2, 1), (5, 2), (8, 3), (12, 4)] {
                let edges = random_edges(n, degree, seed);
                assert_eq!(edges, random_edges(n, degree, seed), "seed {seed} replays");
                assert!(reached(n, &edges).iter().all(|r| *r), "seed {seed}, n {n}: connected: {edges:?}");
                assert!(edges.iter().all(|(x, y)| x < y && *y < n), "no loops, in range: {edges:?}");
                let mut unique = edges.clone();
                unique.sort_unstable();
                unique.dedup();
                assert_eq!(unique.len(), edges.len(), "no edge twice: {edges:?}");
                assert!(edges.len() >= n.saturating_sub(1) && edges.len() <= (n * degree / 2).max(n - 1));
            }
        }
        assert_ne!(random_edges(12, 4, 1), random_edges(12, 4, 2), "seeds give different graphs");
    }
}
