//! `propagation`: how fast a published offer becomes searchable on every
//! node of a network running the production gossip settings.
//!
//! N nodes run in this process on loopback TCP with the production
//! [`NetworkTiming`], linked in a seeded random connected graph (a random
//! spanning tree plus random links up to a mean degree of about 4). Once every
//! node has its graph neighbours on the records topic and in its gossip mesh,
//! offers are published from random nodes at a steady rate through the
//! node's real publish path ([`vetnet_node::publish::Publisher`]: sign,
//! check, store and flush, gossip). Every node's store tells a watcher the
//! key of each record it stores, once the record is searchable
//! ([`RecordStore::subscribe`]); the watcher records the time from the
//! publish call to that moment, per record and node. Nothing polls, so the
//! measurement takes no CPU from the nodes.

use std::collections::BTreeSet;
use std::time::{Duration, Instant};

use anyhow::Context;
use tokio::sync::{broadcast, mpsc};
use vetnet_node::publish::{GossipState, PublishMode};
use vetnet_node::store::RecordStore;
use vetnet_node::{Config, DataDir, NetworkTiming, Node, NodeOptions};
use vetnet_protocol::profile::InstitutionKind;
use vetnet_protocol::{RecordKey, RecordKind};
use vetnet_tests::TestNode;

use crate::figure::{Figure, Target, quantile};
use crate::rng::Rng;

/// Largest network and run this scenario accepts.
pub const MAX_NODES: usize = 100;
pub const MAX_RECORDS: usize = 100_000;
/// gossipsub's `mesh_n_low` in the node: a node with at least this many
/// neighbours keeps at least this many in its mesh.
const MESH_N_LOW: usize = 4;
/// How long the network may take to connect and form its mesh.
const WARM_UP_DEADLINE: Duration = Duration::from_secs(60);
/// The network is settled once its connections have not changed, and no
/// sync has run, for this long.
const SETTLED: Duration = Duration::from_secs(2);
/// Announcements and deliveries not yet taken by the watcher.
const EVENT_CAPACITY: usize = 4_096;
/// p99 target (issue 6, on 30 nodes).
const P99_TARGET_MS: f64 = 100.0;

const COUNTRIES: &[&str] = &["DK", "EE", "FI", "DE", "IS", "LV", "LT", "NO", "PL", "SE"];

/// The size and pace of a run.
#[derive(Debug, Clone)]
pub struct PropagationParams {
    pub nodes: usize,
    /// Offers published in all.
    pub records: usize,
    /// Offers published per second, network-wide.
    pub rate: f64,
    /// Mean number of links per node.
    pub mean_degree: f64,
    /// Seeds the graph and the choice of publishing nodes.
    pub seed: u64,
    /// A node that has not stored a record this long after its publish has
    /// missed it.
    pub record_deadline: Duration,
}

impl PropagationParams {
    /// The figure: 1,000 offers at 50/s over 30 nodes.
    pub fn full() -> Self {
        Self {
            nodes: 30,
            records: 1_000,
            rate: 50.0,
            mean_degree: 4.0,
            seed: 4,
            record_deadline: Duration::from_secs(30),
        }
    }

    /// A run of a few seconds.
    pub fn quick() -> Self {
        Self { nodes: 5, records: 100, ..Self::full() }
    }

    fn check(&self) -> anyhow::Result<()> {
        anyhow::ensure!((2..=MAX_NODES).contains(&self.nodes), "--nodes must be between 2 and {MAX_NODES}");
        anyhow::ensure!((1..=MAX_RECORDS).contains(&self.records), "--records must be between 1 and {MAX_RECORDS}");
        anyhow::ensure!(self.rate > 0.0 && self.rate <= 10_000.0, "--rate must be between 0 and 10,000 per second");
        anyhow::ensure!(self.mean_degree >= 1.0, "the mean degree must be at least 1");
        Ok(())
    }
}

/// A seeded random connected graph on `nodes` nodes: a random spanning tree,
/// then random links until the mean degree reaches `mean_degree` (or the
/// graph is complete). Links are `(a, b)` with `a < b`.
pub fn random_graph(nodes: usize, mean_degree: f64, rng: &mut Rng) -> BTreeSet<(usize, usize)> {
    let link = |a: usize, b: usize| (a.min(b), a.max(b));
    let mut order: Vec<usize> = (0..nodes).collect();
    for i in (1..nodes).rev() {
        order.swap(i, rng.below(i + 1));
    }
    let mut links: BTreeSet<(usize, usize)> = (1..nodes).map(|k| link(order[k], order[rng.below(k)])).collect();
    let complete = nodes * nodes.saturating_sub(1) / 2;
    let wanted = ((nodes as f64 * mean_degree / 2.0).round() as usize).min(complete);
    while links.len() < wanted {
        let (a, b) = (rng.below(nodes), rng.below(nodes));
        if a != b {
            links.insert(link(a, b));
        }
    }
    links
}

/// Starts a node with the production network timing, no mDNS, no bootstrap
/// peers and `target_peers` 0: it connects only to the peers it is told to
/// dial, so the graph stays the one generated (with discovery on, every node
/// would also dial up to 8 peers Kademlia finds).
async fn start_node(index: usize) -> anyhow::Result<TestNode> {
    let dir = tempfile::tempdir()?;
    let data_dir = DataDir::new(dir.path());
    let config = Config { mdns: false, bootstrap: Vec::new(), target_peers: 0, ..vetnet_tests::test_config(&[]) };
    let country = COUNTRIES[index % COUNTRIES.len()];
    let profile = vetnet_tests::profile(&format!("Institution {index}"), country, InstitutionKind::VetProvider);
    vetnet_node::initialize(&data_dir, &config, &profile)?;
    let node = Node::start(NodeOptions { data_dir, config, timing: NetworkTiming::default() })
        .await
        .with_context(|| format!("node {index} does not start"))?;
    Ok(TestNode { node, dir })
}

/// Polls `condition` every 20 ms until it holds, or fails after `deadline`
/// naming what was awaited.
async fn wait_until<F, Fut>(what: &str, deadline: Duration, mut condition: F) -> anyhow::Result<()>
where
    F: FnMut() -> Fut,
    Fut: Future<Output = bool>,
{
    let started = tokio::time::Instant::now();
    while !condition().await {
        anyhow::ensure!(started.elapsed() < deadline, "timed out after {deadline:?} waiting until {what}");
        tokio::time::sleep(Duration::from_millis(20)).await;
    }
    Ok(())
}

/// Starts the network, measures, and shuts every node down, also when the
/// measurement fails.
pub async fn run(params: &PropagationParams) -> anyhow::Result<Vec<Figure>> {
    params.check()?;
    let mut rng = Rng::new(params.seed);
    let links = random_graph(params.nodes, params.mean_degree, &mut rng);
    eprintln!(
        "propagation: starting {} nodes, {} links (mean degree {:.1}), production timing...",
        params.nodes,
        links.len(),
        2.0 * links.len() as f64 / params.nodes as f64
    );
    let mut nodes = Vec::with_capacity(params.nodes);
    for index in 0..params.nodes {
        match start_node(index).await {
            Ok(node) => nodes.push(node),
            Err(e) => {
                shutdown(nodes).await;
                return Err(e);
            }
        }
    }
    let result = measure(&nodes, &links, params, &mut rng).await;
    shutdown(nodes).await;
    result
}

async fn shutdown(nodes: Vec<TestNode>) {
    for node in nodes {
        node.node.shutdown().await;
    }
}

/// Links the nodes as the graph says and waits until the network is ready to gossip.
async fn connect(nodes: &[TestNode], links: &BTreeSet<(usize, usize)>) -> anyhow::Result<()> {
    let mut degree = vec![0usize; nodes.len()];
    for &(a, b) in links {
        nodes[a].node.network().dial(nodes[b].addr()).await.with_context(|| format!("node {a} dials node {b}"))?;
        degree[a] += 1;
        degree[b] += 1;
    }
    let started = Instant::now();
    for (index, (node, &degree)) in nodes.iter().zip(&degree).enumerate() {
        let remaining = WARM_UP_DEADLINE.saturating_sub(started.elapsed());
        let what = format!("node {index} has its {degree} neighbours on the records topic and in its mesh");
        wait_until(&what, remaining, || async {
            node.node
                .network()
                .status()
                .await
                .is_ok_and(|s| s.topic_peers >= degree && s.mesh_peers >= degree.min(MESH_N_LOW))
        })
        .await?;
    }
    // Kademlia's first random walk connects nodes beyond the graph, and each
    // new connection starts a catch-up sync. Measure the network in its
    // steady state: no new connection and no sync running for SETTLED.
    let mut last = (usize::MAX, Instant::now());
    loop {
        let mut connections = 0;
        let mut syncing = false;
        for node in nodes {
            connections += node.node.network().status().await?.connected_peers;
            syncing |= node.node.sync().states().values().any(|s| s.running);
        }
        if connections != last.0 || syncing {
            last = (connections, Instant::now());
        } else if last.1.elapsed() >= SETTLED {
            break;
        }
        anyhow::ensure!(started.elapsed() < WARM_UP_DEADLINE, "the network did not settle within {WARM_UP_DEADLINE:?}");
        tokio::time::sleep(Duration::from_millis(50)).await;
    }
    eprintln!("propagation: the network is ready after {:.1} s", started.elapsed().as_secs_f64());
    Ok(())
}

/// A record about to be published: what the watcher waits for, and since when.
struct Announcement {
    origin: usize,
    /// [`RecordKey::to_bytes`], as the stores announce it.
    key: Vec<u8>,
    published: Instant,
}

/// What the watcher hears, in order: every announcement is sent before its
/// record is published, so before any node can store it.
enum Event {
    Announced(Announcement),
    /// `node` stored (and indexed) the record with this key at this instant.
    Stored {
        node: usize,
        key: std::sync::Arc<[u8]>,
        at: Instant,
    },
    /// `node`'s notices overflowed: its missing records must be looked up.
    Lagged {
        node: usize,
    },
    AllAnnounced,
}

/// What the watcher saw.
#[derive(Default)]
struct Deliveries {
    /// Publish to searchable, per record and node other than its origin:
    /// (origin, node, milliseconds).
    latencies_ms: Vec<(usize, usize, f64)>,
    /// Publish to searchable on the last node, per record every node found.
    complete_ms: Vec<f64>,
    /// (record, node) pairs not stored within the deadline.
    missed: usize,
    /// The most records in flight at once.
    most_in_flight: usize,
}

async fn measure(
    nodes: &[TestNode],
    links: &BTreeSet<(usize, usize)>,
    params: &PropagationParams,
    rng: &mut Rng,
) -> anyhow::Result<Vec<Figure>> {
    connect(nodes, links).await?;
    let (mut connected, mut mesh) = (0, 0);
    for node in nodes {
        let status = node.node.network().status().await?;
        connected += status.connected_peers;
        mesh += status.mesh_peers;
    }
    let mean_connected = connected as f64 / nodes.len() as f64;
    let mean_mesh = mesh as f64 / nodes.len() as f64;

    let stores: Vec<RecordStore> = nodes.iter().map(|n| n.node.store().clone()).collect();
    let (events, watched) = mpsc::channel(EVENT_CAPACITY);
    let listeners = listen(&stores, &events);
    let watcher = tokio::spawn(watch(stores, watched, params.record_deadline));

    eprintln!("propagation: publishing {} offers at {}/s...", params.records, params.rate);
    let mut ticker = tokio::time::interval(Duration::from_secs_f64(1.0 / params.rate));
    let mut publishes = tokio::task::JoinSet::new();
    for record in 0..params.records {
        ticker.tick().await;
        let origin = rng.below(nodes.len());
        let publisher = nodes[origin].node.publisher().clone();
        let id = format!("propagation-{record}");
        let body = vetnet_tests::offer(&format!("Placement {record}"), COUNTRIES[origin % COUNTRIES.len()], "0715", 4);
        let key = RecordKey { author: publisher.institution(), kind: RecordKind::Offer.as_str().to_owned(), id };
        let id = key.id.clone();
        // Announce first: a fast peer may store the record before the publish call returns.
        let published = Instant::now();
        if events.send(Event::Announced(Announcement { origin, key: key.to_bytes(), published })).await.is_err() {
            break; // The watcher failed; its error is reported below.
        }
        publishes.spawn(async move {
            let started = Instant::now();
            let outcome = publisher.publish_offer(&id, &body, PublishMode::Create).await;
            (started.elapsed(), outcome.map(|p| p.gossip))
        });
    }
    let mut publish_ms = Vec::with_capacity(params.records);
    let mut queued = 0;
    let mut failed = None;
    while let Some(joined) = publishes.join_next().await {
        let (took, outcome) = joined?;
        publish_ms.push(took.as_secs_f64() * 1000.0);
        match outcome {
            Ok(GossipState::Sent) => {}
            Ok(GossipState::Queued) => queued += 1,
            Err(e) => failed = Some(e),
        }
    }
    events.send(Event::AllAnnounced).await.context("the watcher stopped early")?;
    drop(events);
    let mut deliveries = watcher.await??;
    for listener in listeners {
        listener.abort();
    }
    if let Some(e) = failed {
        return Err(e).context("a publish failed");
    }
    eprintln!("propagation: at most {} records in flight", deliveries.most_in_flight);
    if queued > 0 {
        eprintln!("propagation: {queued} records found no peer when published and waited in the outbox");
    }

    let expected = params.records * (nodes.len() - 1);
    let delivered = deliveries.latencies_ms.len();
    anyhow::ensure!(
        delivered + deliveries.missed == expected,
        "watched {delivered} + {} of {expected}",
        deliveries.missed
    );
    let n = nodes.len();
    let figure = |name: &str, value: f64, unit: &'static str| {
        Figure::new("propagation", format!("{n} nodes: {name}"), value, unit)
    };
    let hops = hop_counts(n, links);
    let mut one_hop: Vec<f64> =
        deliveries.latencies_ms.iter().filter(|(from, to, _)| hops[*from][*to] == 1).map(|l| l.2).collect();
    let mut per_hop: Vec<f64> =
        deliveries.latencies_ms.iter().map(|(from, to, ms)| ms / hops[*from][*to] as f64).collect();
    let latencies = &mut deliveries.latencies_ms.iter().map(|l| l.2).collect::<Vec<_>>();
    let complete = &mut deliveries.complete_ms;
    Ok(vec![
        figure(
            &format!("{} offers at {}/s, delivery ratio", params.records, params.rate),
            delivered as f64 / expected as f64,
            "",
        )
        .with_target(Target::at_least(1.0, "every node finds every record")),
        figure("(record, node) pairs missed", deliveries.missed as f64, "")
            .with_target(Target::at_most(0.0, "none missed")),
        figure("publish to searchable, p50", quantile(latencies, 0.5), "ms"),
        figure("publish to searchable, p95", quantile(latencies, 0.95), "ms"),
        figure("publish to searchable, p99", quantile(latencies, 0.99), "ms")
            .with_target(Target::at_most(P99_TARGET_MS, "p99 < 100 ms on 30 nodes")),
        figure("publish to searchable, max", quantile(latencies, 1.0), "ms"),
        figure("publish to searchable one hop away, p50", quantile(&mut one_hop, 0.5), "ms"),
        figure("publish to searchable divided by hops, p50", quantile(&mut per_hop, 0.5), "ms"),
        figure("publish to searchable on every node, p50", quantile(complete, 0.5), "ms"),
        figure("publish to searchable on every node, p99", quantile(complete, 0.99), "ms"),
        figure("publish call (sign, store, flush, send), p50", quantile(&mut publish_ms, 0.5), "ms"),
        figure("publish call (sign, store, flush, send), p99", quantile(&mut publish_ms, 0.99), "ms"),
        figure(&format!("{} graph links; mean connected peers", links.len()), mean_connected, "peers"),
        figure("mean gossip mesh peers", mean_mesh, "peers"),
    ])
}

/// Hops between every two nodes of the graph (breadth-first from each).
fn hop_counts(nodes: usize, links: &BTreeSet<(usize, usize)>) -> Vec<Vec<usize>> {
    let mut neighbours = vec![Vec::new(); nodes];
    for &(a, b) in links {
        neighbours[a].push(b);
        neighbours[b].push(a);
    }
    (0..nodes)
        .map(|from| {
            let mut hops = vec![usize::MAX; nodes];
            hops[from] = 0;
            let mut queue = std::collections::VecDeque::from([from]);
            while let Some(node) = queue.pop_front() {
                for &next in &neighbours[node] {
                    if hops[next] == usize::MAX {
                        hops[next] = hops[node] + 1;
                        queue.push_back(next);
                    }
                }
            }
            hops
        })
        .collect()
}

/// A record some nodes have not stored yet.
struct InFlight {
    announcement: Announcement,
    /// Per node: still to store it.
    waiting: Vec<bool>,
    left: usize,
    last_found_ms: f64,
}

/// One task per node forwards its store's notices to the watcher.
fn listen(stores: &[RecordStore], events: &mpsc::Sender<Event>) -> Vec<tokio::task::JoinHandle<()>> {
    stores
        .iter()
        .enumerate()
        .map(|(node, store)| {
            let mut notices = store.subscribe();
            let events = events.clone();
            tokio::spawn(async move {
                loop {
                    let event = match notices.recv().await {
                        Ok(key) => Event::Stored { node, key, at: Instant::now() },
                        Err(broadcast::error::RecvError::Lagged(_)) => Event::Lagged { node },
                        Err(broadcast::error::RecvError::Closed) => return,
                    };
                    if events.send(event).await.is_err() {
                        return;
                    }
                }
            })
        })
        .collect()
}

/// Matches notices to announcements until every announced record is stored
/// on every node but its origin, or is past `deadline`.
async fn watch(
    stores: Vec<RecordStore>,
    mut events: mpsc::Receiver<Event>,
    deadline: Duration,
) -> anyhow::Result<Deliveries> {
    let mut deliveries = Deliveries::default();
    let mut in_flight: std::collections::HashMap<Vec<u8>, InFlight> = std::collections::HashMap::new();
    let mut announcing = true;
    let found = |record: &mut InFlight, node: usize, at: Instant, deliveries: &mut Deliveries| {
        if std::mem::replace(&mut record.waiting[node], false) {
            let ms = at.duration_since(record.announcement.published).as_secs_f64() * 1000.0;
            deliveries.latencies_ms.push((record.announcement.origin, node, ms));
            record.last_found_ms = record.last_found_ms.max(ms);
            record.left -= 1;
        }
    };
    while announcing || !in_flight.is_empty() {
        match tokio::time::timeout(Duration::from_millis(100), events.recv()).await {
            Ok(Some(Event::Announced(announcement))) => {
                let mut waiting = vec![true; stores.len()];
                waiting[announcement.origin] = false;
                let record = InFlight { waiting, left: stores.len() - 1, last_found_ms: 0.0, announcement };
                in_flight.insert(record.announcement.key.clone(), record);
                deliveries.most_in_flight = deliveries.most_in_flight.max(in_flight.len());
            }
            Ok(Some(Event::Stored { node, key, at })) => {
                if let Some(record) = in_flight.get_mut(&key[..]) {
                    found(record, node, at, &mut deliveries);
                }
            }
            Ok(Some(Event::Lagged { node })) => {
                let now = Instant::now();
                for (key, record) in in_flight.iter_mut() {
                    if record.waiting[node] && stores[node].get_by_key_bytes(key)?.is_some() {
                        found(record, node, now, &mut deliveries);
                    }
                }
            }
            Ok(Some(Event::AllAnnounced)) | Ok(None) => announcing = false,
            Err(_) => {} // A quiet moment: check the deadlines.
        }
        in_flight.retain(|_, record| {
            if record.left == 0 {
                deliveries.complete_ms.push(record.last_found_ms);
                false
            } else if record.announcement.published.elapsed() > deadline {
                deliveries.missed += record.left;
                false
            } else {
                true
            }
        });
    }
    Ok(deliveries)
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn graphs_are_connected_with_the_wanted_degree() {
        for (nodes, degree) in [(2, 4.0), (5, 4.0), (30, 4.0), (100, 4.0)] {
            let links = random_graph(nodes, degree, &mut Rng::new(nodes as u64));
            let wanted = ((nodes as f64 * degree / 2.0) as usize).min(nodes * (nodes - 1) / 2);
            assert_eq!(links.len(), wanted);
            // Connected: a walk from node 0 reaches every node.
            let mut reached = vec![false; nodes];
            let mut stack = vec![0];
            while let Some(node) = stack.pop() {
                if !std::mem::replace(&mut reached[node], true) {
                    stack.extend(links.iter().filter_map(|&(a, b)| match node {
                        n if n == a => Some(b),
                        n if n == b => Some(a),
                        _ => None,
                    }));
                }
            }
            assert!(reached.iter().all(|r| *r), "{nodes} nodes: not connected");
        }
    }

    #[test]
    fn the_same_seed_gives_the_same_graph() {
        assert_eq!(random_graph(30, 4.0, &mut Rng::new(4)), random_graph(30, 4.0, &mut Rng::new(4)));
    }
}
