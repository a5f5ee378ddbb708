//! Idle TCP connections cannot lock new peers out (issue 16, F1).
//!
//! An attacker opens raw TCP connections to a node's libp2p port, never
//! starts the noise handshake, and reopens each one the node closes. The
//! flood comes from 127.0.0.2 (every 127.x address reaches a loopback
//! listener), so it is counted apart from the honest nodes on 127.0.0.1.
//! A flood from many addresses (127.0.0.2 to 127.0.0.11) fills the total,
//! but not the slots kept for the addresses the node knows.

use std::net::{Ipv4Addr, SocketAddr};
use std::sync::Arc;
use std::sync::atomic::{AtomicUsize, Ordering};
use std::time::Duration;

use libp2p::Multiaddr;
use libp2p::multiaddr::Protocol;
use tokio::io::AsyncReadExt;
use tokio::net::TcpSocket;
use tokio::task::JoinSet;
use tokio::time::Instant;
use vetnet_node::config::PeerConnectionLimits;
use vetnet_tests::{TestNode, spawn, spawn_with, test_config, wait_until};

/// Idle connections the attacker keeps open: twice the old total of 32
/// pending connections, the number that locked every newcomer out.
const FLOOD_CONNECTIONS: usize = 64;
/// A closed flood connection is reopened after this pause: each one at most
/// ten times a second.
const REOPEN_PAUSE: Duration = Duration::from_millis(100);
/// How long a newcomer may take to join a flooded node.
const JOIN_DEADLINE: Duration = Duration::from_secs(5);

/// What the flood has done so far.
#[derive(Default)]
struct FloodCounts {
    /// TCP connections the node's kernel accepted.
    opened: AtomicUsize,
    /// Connections the node closed (refused or timed out).
    closed: AtomicUsize,
}

/// The TCP port of a `/ip4/…/tcp/PORT/p2p/…` address.
fn tcp_port(addr: &Multiaddr) -> u16 {
    addr.iter().find_map(|p| if let Protocol::Tcp(port) = p { Some(port) } else { None }).expect("a TCP listen address")
}

/// One idle TCP connection from `source` to `target`, opened, held until the
/// node closes it, and opened again, until the task is aborted.
async fn hold_idle_connection(source: Ipv4Addr, target: SocketAddr, counts: Arc<FloodCounts>) {
    let mut buf = [0u8; 512];
    loop {
        let socket = TcpSocket::new_v4().expect("a socket");
        // Closed with a reset, so no flood socket lingers in TIME_WAIT: one
        // whose port a honest node then listens on makes that node's dials
        // to the flooded node (from its listen port) fail with "address in
        // use", a loopback artefact of libp2p's port reuse, not the flood.
        socket.set_zero_linger().expect("SO_LINGER 0");
        socket.bind(SocketAddr::from((source, 0))).expect("bind the flood's source address");
        if let Ok(mut stream) = socket.connect(target).await {
            counts.opened.fetch_add(1, Ordering::Relaxed);
            // The node speaks only after the dialer's first message: read
            // until it closes the connection.
            while matches!(stream.read(&mut buf).await, Ok(n) if n > 0) {}
            counts.closed.fetch_add(1, Ordering::Relaxed);
        }
        tokio::time::sleep(REOPEN_PAUSE).await;
    }
}

/// Starts `FLOOD_CONNECTIONS` idle connections from `source` to `target`.
fn flood(source: Ipv4Addr, target: SocketAddr, counts: &Arc<FloodCounts>) -> JoinSet<()> {
    flood_from(&[source], FLOOD_CONNECTIONS, target, counts)
}

/// Starts `per_source` idle connections from each of `sources` to `target`.
fn flood_from(sources: &[Ipv4Addr], per_source: usize, target: SocketAddr, counts: &Arc<FloodCounts>) -> JoinSet<()> {
    let mut tasks = JoinSet::new();
    for source in sources {
        for _ in 0..per_source {
            tasks.spawn(hold_idle_connection(*source, target, counts.clone()));
        }
    }
    tasks
}

/// Waits until the flood has opened `connections` and the node has begun
/// refusing them: its limit for the flood is reached.
async fn wait_for_flood(counts: &FloodCounts, connections: usize) {
    wait_until("the flood holds its connections and the node refuses more", || async {
        counts.opened.load(Ordering::Relaxed) >= connections && counts.closed.load(Ordering::Relaxed) > 0
    })
    .await;
}

/// Whether `node` has a peer on the records topic within `JOIN_DEADLINE`
/// of `started`.
async fn joins_in_time(node: &TestNode, started: Instant) -> bool {
    while started.elapsed() < JOIN_DEADLINE {
        let status = node.node.network().status().await.expect("the newcomer's network runs");
        if status.topic_peers >= 1 {
            return true;
        }
        tokio::time::sleep(Duration::from_millis(20)).await;
    }
    false
}

/// Ten flood addresses, 127.0.0.2 to 127.0.0.11, eight idle connections
/// each (the per-address limit): 80 in all, more than the total of 64.
const FLOOD_SOURCES: u8 = 10;
const PER_SOURCE: usize = 8;

/// A node whose bootstrap peer is `known` (so 127.0.0.1 is a known
/// address), with `reserved` slots for known peers and a handshake timeout
/// of 30 s, so the flood holds its slots for the whole test. Returns it and
/// the flood's counts once the flood is in place.
async fn flooded_by_many(known: &TestNode, reserved: u32) -> (TestNode, Arc<FloodCounts>, JoinSet<()>) {
    let mut config = test_config(&[known.addr()]);
    config.connections =
        PeerConnectionLimits { reserved_for_known_peers: reserved, handshake_timeout_secs: 30, ..Default::default() };
    let flooded = spawn_with("Flooded Agency", "LT", config).await;
    let target = SocketAddr::from((Ipv4Addr::LOCALHOST, tcp_port(&flooded.addr())));
    let sources: Vec<Ipv4Addr> = (0..FLOOD_SOURCES).map(|i| Ipv4Addr::new(127, 0, 0, 2 + i)).collect();
    let counts = Arc::new(FloodCounts::default());
    let tasks = flood_from(&sources, PER_SOURCE, target, &counts);
    wait_for_flood(&counts, sources.len() * PER_SOURCE).await;
    (flooded, counts, tasks)
}

#[tokio::test(flavor = "multi_thread", worker_threads = 2)]
async fn a_flood_from_many_addresses_leaves_room_for_known_addresses() {
    vetnet_tests::init_logging();
    let known = spawn("Known School", "EE", &[]).await;
    let (flooded, _counts, mut tasks) = flooded_by_many(&known, 16).await;
    // The newcomer shares 127.0.0.1 with the flooded node's bootstrap peer.
    let started = Instant::now();
    let newcomer = spawn("Neighbour College", "EE", &[flooded.addr()]).await;
    assert!(joins_in_time(&newcomer, started).await, "a known address was locked out by a flood from many");
    tasks.abort_all();
    while tasks.join_next().await.is_some() {}
}

/// The control for the test above: without the reserved slots the same
/// flood locks the newcomer out, so the reserve is what lets it in.
#[tokio::test(flavor = "multi_thread", worker_threads = 2)]
async fn without_reserved_slots_a_flood_from_many_addresses_locks_everyone_out() {
    vetnet_tests::init_logging();
    let known = spawn("Known Chamber", "EE", &[]).await;
    let (flooded, _counts, mut tasks) = flooded_by_many(&known, 0).await;
    let started = Instant::now();
    let newcomer = spawn("Locked-out College", "EE", &[flooded.addr()]).await;
    assert!(!joins_in_time(&newcomer, started).await, "the newcomer joined although every slot was taken");
    tasks.abort_all();
    while tasks.join_next().await.is_some() {}
}

#[tokio::test(flavor = "multi_thread", worker_threads = 2)]
async fn a_newcomer_joins_while_idle_connections_flood_the_node() {
    vetnet_tests::init_logging();
    let flooded = spawn("Flooded School", "EE", &[]).await;
    let target = SocketAddr::from((Ipv4Addr::LOCALHOST, tcp_port(&flooded.addr())));
    let counts = Arc::new(FloodCounts::default());
    let mut tasks = flood(Ipv4Addr::new(127, 0, 0, 2), target, &counts);
    wait_for_flood(&counts, FLOOD_CONNECTIONS).await;
    let closed_before = counts.closed.load(Ordering::Relaxed);

    let started = Instant::now();
    let newcomer = spawn("Newcomer College", "LV", &[flooded.addr()]).await;
    loop {
        let status = newcomer.node.network().status().await.expect("the newcomer's network runs");
        if status.topic_peers >= 1 {
            break;
        }
        assert!(
            started.elapsed() < JOIN_DEADLINE,
            "the newcomer did not join the flooded node within {JOIN_DEADLINE:?} (flood: {} opened, {} closed)",
            counts.opened.load(Ordering::Relaxed),
            counts.closed.load(Ordering::Relaxed),
        );
        tokio::time::sleep(Duration::from_millis(20)).await;
    }
    println!("the newcomer joined the flooded node {:?} after it started", started.elapsed());
    let flooded_peers = flooded.node.network().status().await.expect("the flooded node runs").topic_peers;
    assert_eq!(flooded_peers, 1, "the flooded node has the newcomer on its topic");
    // The flood kept going: the node keeps refusing its reconnections.
    wait_until("the node refuses more of the flood", || async {
        counts.closed.load(Ordering::Relaxed) > closed_before
    })
    .await;
    tasks.abort_all();
    while tasks.join_next().await.is_some() {}
}

#[tokio::test(flavor = "multi_thread", worker_threads = 2)]
async fn an_idle_connection_is_closed_after_the_handshake_timeout() {
    vetnet_tests::init_logging();
    let node = spawn("Patient School", "FI", &[]).await;
    let target = SocketAddr::from((Ipv4Addr::LOCALHOST, tcp_port(&node.addr())));
    let socket = TcpSocket::new_v4().expect("a socket");
    socket.bind(SocketAddr::from((Ipv4Addr::new(127, 0, 0, 3), 0))).expect("bind 127.0.0.3");
    let mut stream = socket.connect(target).await.expect("the node accepts TCP");
    let opened = Instant::now();
    let mut buf = [0u8; 512];
    // The default handshake timeout is 5 s; allow a second for the timer.
    let read = tokio::time::timeout(Duration::from_secs(6), async {
        while matches!(stream.read(&mut buf).await, Ok(n) if n > 0) {}
    })
    .await;
    assert!(read.is_ok(), "an idle connection was still open after 6 s");
    assert!(opened.elapsed() >= Duration::from_secs(4), "closed after {:?}, before the timeout", opened.elapsed());
}
