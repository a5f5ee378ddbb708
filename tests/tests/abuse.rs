//! Abuse limits over real libp2p on loopback. A hostile peer is a raw libp2p
//! swarm speaking gossipsub on the records topic with the network's settings
//! (anonymous messages, SHA-256 message ids, 64 KiB frames), so it reaches
//! the node exactly as any peer would:
//!
//! - 10,000 invalid records: the node keeps answering its API, its memory
//!   stays flat, it disconnects and bans the peer and refuses its redial,
//!   and an honest node's records still arrive.
//! - valid records faster than the per-peer rate: the excess is dropped, the
//!   peer is banned, and the records still arrive later by sync.
//! - the per-author daily limit: records past it are not stored; the
//!   author's older days, fetched by sync, are.

use std::collections::HashSet;
use std::sync::Arc;
use std::sync::atomic::{AtomicBool, AtomicU64, AtomicUsize, Ordering};
use std::time::{Duration, Instant};

use futures::StreamExt;
use libp2p::gossipsub::{self, IdentTopic, MessageId};
use libp2p::swarm::SwarmEvent;
use libp2p::{Multiaddr, PeerId, Swarm, noise, tcp, yamux};
use sha2::{Digest, Sha256};
use vetnet_node::publish::{PublishMode, unix_now};
use vetnet_node::rate_limit::RateLimits;
use vetnet_protocol::limits::{MAX_GOSSIP_MESSAGE_BYTES, MAX_RECORD_BYTES};
use vetnet_protocol::{DEFAULT_NETWORK, InstitutionKey, Payload, RecordHash, RecordKey, RecordKind, records_topic};
use vetnet_tests::{ApiClient, DEADLINE, TestNode, ingest_all, offer, spawn, spawn_with, test_config, wait_until};

/// The tests of this file run one at a time: the flood test measures the
/// memory of the whole process, which the others would disturb.
static ONE_AT_A_TIME: tokio::sync::Mutex<()> = tokio::sync::Mutex::const_new(());

/// A peer that speaks the network's gossip and nothing else.
struct HostilePeer {
    swarm: Swarm<gossipsub::Behaviour>,
    topic: IdentTopic,
}

impl HostilePeer {
    fn new() -> Self {
        let config = gossipsub::ConfigBuilder::default()
            .validation_mode(gossipsub::ValidationMode::Anonymous)
            .message_id_fn(|message: &gossipsub::Message| MessageId::from(RecordHash::of(&message.data).0.to_vec()))
            .max_transmit_size(MAX_GOSSIP_MESSAGE_BYTES)
            .heartbeat_interval(Duration::from_millis(100))
            // Room to queue the whole flood at once.
            .connection_handler_queue_len(20_000)
            .flood_publish(true)
            .build()
            .expect("gossip config");
        let swarm = libp2p::SwarmBuilder::with_new_identity()
            .with_tokio()
            .with_tcp(tcp::Config::default().nodelay(true), noise::Config::new, yamux::Config::default)
            .expect("tcp transport")
            .with_behaviour(|_| {
                gossipsub::Behaviour::new(gossipsub::MessageAuthenticity::Anonymous, config)
                    .map_err(|e| Box::<dyn std::error::Error + Send + Sync>::from(e.to_owned()))
            })
            .expect("gossipsub")
            .with_swarm_config(|c| c.with_idle_connection_timeout(Duration::from_secs(60)))
            .build();
        let mut peer = Self { swarm, topic: IdentTopic::new(records_topic(DEFAULT_NETWORK)) };
        peer.swarm.behaviour_mut().subscribe(&peer.topic).expect("subscribes");
        peer
    }

    fn peer_id(&self) -> PeerId {
        *self.swarm.local_peer_id()
    }

    /// Dials `addr` and waits until `node` is on the topic as this peer sees it.
    async fn join(&mut self, addr: Multiaddr, node: PeerId) {
        self.swarm.dial(addr).expect("dials");
        self.drive_until("the node is subscribed to the records topic", |event| {
            matches!(event, SwarmEvent::Behaviour(gossipsub::Event::Subscribed { peer_id, .. }) if *peer_id == node)
        })
        .await;
    }

    /// Queues every message for sending at once; returns how many were queued.
    fn publish_all(&mut self, messages: Vec<Vec<u8>>) -> usize {
        let topic = self.topic.clone();
        messages
            .into_iter()
            .filter(|bytes| self.swarm.behaviour_mut().publish(topic.clone(), bytes.clone()).is_ok())
            .count()
    }

    /// Polls the swarm until `done` holds for an event, or panics after [`DEADLINE`].
    async fn drive_until(&mut self, what: &str, mut done: impl FnMut(&SwarmEvent<gossipsub::Event>) -> bool) {
        let deadline = tokio::time::sleep(DEADLINE);
        tokio::pin!(deadline);
        loop {
            tokio::select! {
                event = self.swarm.select_next_some() => if done(&event) { return },
                () = &mut deadline => panic!("the hostile peer timed out after {DEADLINE:?} waiting until {what}"),
            }
        }
    }

    /// Polls the swarm in the background (keeps connections serviced).
    async fn drive_for(&mut self, time: Duration) {
        let _ = tokio::time::timeout(time, async {
            loop {
                self.swarm.select_next_some().await;
            }
        })
        .await;
    }
}

/// This process's resident memory, from `/proc/self/status`.
fn rss_bytes() -> u64 {
    let status = std::fs::read_to_string("/proc/self/status").expect("/proc/self/status");
    let kb = status
        .lines()
        .find_map(|line| line.strip_prefix("VmRSS:"))
        .and_then(|rest| rest.trim().trim_end_matches("kB").trim().parse::<u64>().ok())
        .expect("VmRSS line");
    kb * 1024
}

/// Deterministic bytes: SHA-256 in counter mode over `seed`.
fn pseudo_random(seed: u64, len: usize) -> Vec<u8> {
    let mut out = Vec::with_capacity(len + 32);
    let mut block = 0u64;
    while out.len() < len {
        let mut hasher = Sha256::new();
        hasher.update(seed.to_be_bytes());
        hasher.update(block.to_be_bytes());
        out.extend_from_slice(&hasher.finalize());
        block += 1;
    }
    out.truncate(len);
    out
}

/// `n` invalid records of every sort a node must reject: garbage bytes,
/// valid records with a broken signature, signed records that break the
/// offer rules, and records over the size limit (one in a hundred).
fn invalid_records(n: usize) -> Vec<Vec<u8>> {
    let key = InstitutionKey::from_secret_bytes(&[66; 32]);
    let now = unix_now();
    (0..n)
        .map(|i| {
            let seed = i as u64;
            if i % 100 == 99 {
                return pseudo_random(seed, MAX_RECORD_BYTES + 2 * 1024);
            }
            match i % 3 {
                0 => pseudo_random(seed, 64 + i % 512),
                1 => {
                    let body = offer(&format!("Forged {i}"), "SE", "0715", 4);
                    let payload =
                        Payload::with_body(DEFAULT_NETWORK, RecordKind::Offer, &format!("forged-{i}"), 1, now, &body)
                            .expect("payload");
                    let mut bytes = key.sign(&payload).expect("signs");
                    let last = bytes.len() - 1;
                    bytes[last] ^= 0x01;
                    bytes
                }
                _ => {
                    // EQF levels end at 8.
                    let body = offer(&format!("Broken {i}"), "SE", "0715", 9);
                    let payload =
                        Payload::with_body(DEFAULT_NETWORK, RecordKind::Offer, &format!("broken-{i}"), 1, now, &body)
                            .expect("payload");
                    key.sign(&payload).expect("signs")
                }
            }
        })
        .collect()
}

/// Offers of `key` with the same `ts`, ids `{prefix}-0..n`.
fn offers_at(key: &InstitutionKey, prefix: &str, n: usize, ts: u64) -> Vec<Vec<u8>> {
    (0..n)
        .map(|i| {
            let body = offer(&format!("{prefix} {i}"), "FI", "0715", 4);
            let payload =
                Payload::with_body(DEFAULT_NETWORK, RecordKind::Offer, &format!("{prefix}-{i}"), 1, ts, &body)
                    .expect("payload");
            key.sign(&payload).expect("signs")
        })
        .collect()
}

/// Feeds records through the gossip ingest path; returns how many it rejected.
fn rejected_count(node: &TestNode, records: &[Vec<u8>]) -> usize {
    let network = &node.node.info().network;
    records
        .iter()
        .filter(|bytes| {
            let (verdict, _) = vetnet_node::ingest::ingest(node.node.store(), network, node.node.author_limit(), bytes);
            verdict == vetnet_node::network::Verdict::Reject
        })
        .count()
}

fn holds(node: &TestNode, key: &InstitutionKey, id: &str) -> bool {
    let key = RecordKey { author: key.id(), kind: "offer".into(), id: id.into() };
    node.node.store().get(&key).expect("store readable").is_some()
}

fn offer_count(node: &TestNode) -> u64 {
    node.node.store().counts().expect("counts").get("offer").copied().unwrap_or(0)
}

/// An HTTP status of success (2xx), or the status as the error.
fn success(status: u16) -> Result<(), String> {
    if (200..300).contains(&status) { Ok(()) } else { Err(format!("status {status}")) }
}

/// GET /v1/status on the node's admin API, as the CLI does.
async fn api_status(api: &ApiClient) -> Result<(), String> {
    let (status, body) = api.try_get("/v1/status").await.map_err(|e| e.to_string())?;
    success(status)?;
    if body["peer_id"].is_string() { Ok(()) } else { Err(format!("unexpected status body {body}")) }
}

#[tokio::test(flavor = "multi_thread", worker_threads = 2)]
#[expect(clippy::too_many_lines, reason = "one scenario, read top to bottom")]
async fn a_peer_flooding_invalid_records_is_banned_while_the_node_serves_and_honest_records_arrive() {
    vetnet_tests::init_logging();
    let _alone = ONE_AT_A_TIME.lock().await;
    const INVALID: usize = 10_000;
    const HONEST: usize = 20;
    let a = spawn("Aalborg Tech", "DK", &[]).await;
    let b = spawn("Bergen Fagskole", "NO", &[a.addr()]).await;
    vetnet_tests::wait_for_topic_peers(&a, 1).await;
    let a_peer = a.node.info().peer_id;
    let api = ApiClient::new(&a);
    api_status(&api).await.expect("the API answers before the flood");

    let mut hostile = HostilePeer::new();
    let hostile_id = hostile.peer_id();
    hostile.join(a.addr(), a_peer).await;
    let flood = invalid_records(INVALID);
    let rss_before = rss_bytes();

    // The API is asked every 50 ms through the flood; every answer must come.
    let flooding = Arc::new(AtomicBool::new(true));
    let (api_calls, api_slowest_ms) = (Arc::new(AtomicUsize::new(0)), Arc::new(AtomicU64::new(0)));
    let api_probe = {
        let (flooding, api_calls, api_slowest_ms) = (flooding.clone(), api_calls.clone(), api_slowest_ms.clone());
        let api = api.clone();
        tokio::spawn(async move {
            while flooding.load(Ordering::Relaxed) {
                let started = Instant::now();
                let answer = tokio::time::timeout(Duration::from_secs(5), api.try_get("/v1/status"))
                    .await
                    .map_err(|_| "no answer within 5 s".to_owned())
                    .and_then(|r| r.map_err(|e| e.to_string()))
                    .and_then(|(status, _)| success(status));
                answer?;
                api_calls.fetch_add(1, Ordering::Relaxed);
                api_slowest_ms.fetch_max(started.elapsed().as_millis() as u64, Ordering::Relaxed);
                tokio::time::sleep(Duration::from_millis(50)).await;
            }
            Ok::<(), String>(())
        })
    };
    // The honest node publishes meanwhile.
    let honest = {
        let publisher = b.node.publisher().clone();
        tokio::spawn(async move {
            for i in 0..HONEST {
                let body = offer(&format!("Honest offer {i}"), "NO", "0715", 4);
                publisher.publish_offer(&format!("honest-{i}"), &body, PublishMode::Create).await.expect("B publishes");
                tokio::time::sleep(Duration::from_millis(10)).await;
            }
        })
    };

    let flood_started = Instant::now();
    let queued = hostile.publish_all(flood.clone());
    hostile
        .drive_until("the node disconnects the hostile peer", |event| {
            matches!(event, SwarmEvent::ConnectionClosed { peer_id, num_established: 0, .. } if *peer_id == a_peer)
        })
        .await;
    let time_to_disconnect = flood_started.elapsed();
    let rss_at_ban = rss_bytes();
    let banned = a.node.network().banned_peers().await.unwrap();
    assert!(banned.iter().any(|b| b.peer_id == hostile_id), "the hostile peer is banned: {banned:?}");

    // A redial is refused while the ban lasts.
    hostile.swarm.dial(a.addr()).expect("dials");
    hostile
        .drive_until("the redial fails or is closed", |event| match event {
            SwarmEvent::OutgoingConnectionError { .. } => true,
            SwarmEvent::ConnectionClosed { peer_id, .. } => *peer_id == a_peer,
            _ => false,
        })
        .await;
    assert!(!hostile.swarm.is_connected(&a_peer), "the banned peer is not connected");
    let a_peers: HashSet<PeerId> = a.node.network().peers().await.unwrap().iter().map(|p| p.peer_id).collect();
    assert!(!a_peers.contains(&hostile_id), "A does not list the banned peer");

    // Honest records still arrive, and the honest peer stays.
    honest.await.expect("B published");
    let b_key = b.node.publisher().key();
    wait_until("A holds every record B published", || async {
        (0..HONEST).all(|i| holds(&a, &b_key, &format!("honest-{i}")))
    })
    .await;
    let a_peers: HashSet<PeerId> = a.node.network().peers().await.unwrap().iter().map(|p| p.peer_id).collect();
    assert!(a_peers.contains(&b.node.info().peer_id), "the honest peer stays connected");
    assert!(banned.iter().all(|banned| banned.peer_id != b.node.info().peer_id));

    // Gossipsub dropped most of the flood unread once the peer was
    // graylisted, and the ban closed the connection. The same 10,000 through
    // the ingest path itself (as if from 10,000 peers): none is stored.
    let read_by_gossip = a.node.stats().rejected.load(Ordering::Relaxed);
    let rejected_by_ingest = tokio::task::block_in_place(|| rejected_count(&a, &flood));
    assert_eq!(rejected_by_ingest, INVALID, "every invalid record is rejected, never ignored or stored");
    drop(hostile);
    // Twice more: memory must not grow with the number of invalid records.
    let rss_once = rss_bytes();
    for _ in 0..2 {
        assert_eq!(tokio::task::block_in_place(|| rejected_count(&a, &flood)), INVALID);
    }
    let rss_thrice = rss_bytes();
    drop(flood);

    flooding.store(false, Ordering::Relaxed);
    api_probe.await.expect("probe task").expect("the API answered every request during the flood");
    api_status(&api).await.expect("the API answers after the flood");
    let rss_after = rss_bytes();
    let stats = a.node.stats();
    let (accepted, ignored, rejected) = (
        stats.accepted.load(Ordering::Relaxed),
        stats.ignored.load(Ordering::Relaxed),
        stats.rejected.load(Ordering::Relaxed),
    );
    let growth = rss_after.saturating_sub(rss_before);
    let repeat_growth = rss_thrice.saturating_sub(rss_once);
    println!(
        "flood: {queued} invalid records sent by the hostile peer; {read_by_gossip} reached validation before \
         the peer was graylisted, disconnected and banned after {time_to_disconnect:?}; then 3 x {INVALID} \
         through the ingest path, all rejected (RSS +{:.1} MiB from the 2nd and 3rd); RSS at the ban {:.1} MiB, \
         after the 1st pass {:.1} MiB; gossip verdicts: \
         rejected {rejected}, ignored {ignored}, accepted {accepted}; \
         API answered {} requests, slowest {} ms; RSS {:.1} MiB before, {:.1} MiB after (+{:.1} MiB)",
        repeat_growth as f64 / 1048576.0,
        rss_at_ban as f64 / 1048576.0,
        rss_once as f64 / 1048576.0,
        api_calls.load(Ordering::Relaxed),
        api_slowest_ms.load(Ordering::Relaxed),
        rss_before as f64 / 1048576.0,
        rss_after as f64 / 1048576.0,
        growth as f64 / 1048576.0,
    );
    assert_eq!(queued, INVALID, "the whole flood was sent");
    assert!(read_by_gossip >= 3, "A rejected the invalid records it read ({read_by_gossip})");
    assert_eq!(ignored, 0);
    assert!(api_calls.load(Ordering::Relaxed) >= 1);
    assert!(growth < 64 * 1024 * 1024, "memory stays flat: grew {growth} bytes");
    assert!(repeat_growth < 16 * 1024 * 1024, "invalid records leave nothing behind: grew {repeat_growth} bytes");
    assert_eq!(offer_count(&a), HONEST as u64, "no invalid record was stored");
}

#[tokio::test(flavor = "multi_thread", worker_threads = 2)]
async fn valid_records_over_a_peers_rate_are_dropped_the_peer_banned_and_the_records_synced_later() {
    vetnet_tests::init_logging();
    let _alone = ONE_AT_A_TIME.lock().await;
    const RECORDS: usize = 200;
    let limits = RateLimits { messages_per_peer_per_minute: 60, message_burst_per_peer: 10, ..RateLimits::default() };
    let a = spawn_with("Aalborg Tech", "DK", vetnet_node::Config { limits, ..test_config(&[]) }).await;
    let a_peer = a.node.info().peer_id;
    let mut hostile = HostilePeer::new();
    let hostile_id = hostile.peer_id();
    hostile.join(a.addr(), a_peer).await;

    // Valid records from many authors, all at once from one peer.
    let records = vetnet_tests::signed_offers(7, 20, RECORDS, 1);
    let started = Instant::now();
    assert_eq!(hostile.publish_all(records.clone()), RECORDS);
    hostile
        .drive_until("the node disconnects the flooding peer", |event| {
            matches!(event, SwarmEvent::ConnectionClosed { peer_id, num_established: 0, .. } if *peer_id == a_peer)
        })
        .await;
    let elapsed = started.elapsed();
    // The burst got through to validation; wait until it is judged.
    let stats = a.node.stats();
    wait_until("A has judged the burst", || async {
        stats.accepted.load(Ordering::Relaxed) + stats.ignored.load(Ordering::Relaxed) >= 10
    })
    .await;
    let stored_from_flood = offer_count(&a);
    println!(
        "rate: {stored_from_flood} of {RECORDS} valid records stored before the peer was banned after {elapsed:?}"
    );
    // The burst, plus one a second since.
    assert!(
        stored_from_flood <= 10 + elapsed.as_secs() + 1,
        "the excess over the peer's rate is not stored ({stored_from_flood})"
    );
    assert!(stored_from_flood >= 1);
    let banned = a.node.network().banned_peers().await.unwrap();
    assert!(banned.iter().any(|b| b.peer_id == hostile_id), "the flooding peer is banned");
    hostile.drive_for(Duration::from_millis(100)).await;

    // The records were not lost: an honest peer that holds them syncs them to A.
    let b = spawn("Bergen Fagskole", "NO", &[]).await;
    assert_eq!(ingest_all(&b, &records), RECORDS);
    b.node.network().dial(a.addr()).await.unwrap();
    wait_until("A holds every record by sync", || async { offer_count(&a) == RECORDS as u64 }).await;
}

#[tokio::test(flavor = "multi_thread", worker_threads = 2)]
async fn records_past_an_authors_daily_limit_are_not_stored_but_its_older_days_are() {
    vetnet_tests::init_logging();
    let _alone = ONE_AT_A_TIME.lock().await;
    let limits = RateLimits { records_per_author_per_day: 5, ..RateLimits::default() };
    let a = spawn_with("Aalborg Tech", "DK", vetnet_node::Config { limits, ..test_config(&[]) }).await;
    let key = InstitutionKey::from_secret_bytes(&[42; 32]);
    let now = unix_now();
    // All of one day each: today's (a few seconds ago) and two days ago.
    let today = offers_at(&key, "today", 8, now - 5);
    let older = offers_at(&key, "older", 3, now - 2 * 24 * 60 * 60);

    // The gossip path stores five of today's and ignores the rest.
    assert_eq!(ingest_all(&a, &today), 5);
    assert_eq!(a.node.author_limit().count(key.id(), now - 5), 5);
    let (verdict, outcome) =
        vetnet_node::ingest::ingest(a.node.store(), DEFAULT_NETWORK, a.node.author_limit(), &today[7]);
    assert_eq!(verdict, vetnet_node::network::Verdict::Ignore, "the forwarder is not at fault");
    assert!(matches!(outcome, Err(vetnet_node::ingest::IngestError::AuthorRateLimited { per_day: 5, .. })));

    // A peer holding all of it: sync brings the older days, not today's excess.
    let b = spawn("Bergen Fagskole", "NO", &[]).await;
    assert_eq!(ingest_all(&b, &[today.clone(), older].concat()), 11);
    a.node.network().dial(b.addr()).await.unwrap();
    wait_until("A holds the author's older records by sync", || async {
        (0..3).all(|i| holds(&a, &key, &format!("older-{i}")))
    })
    .await;
    // A session of A's own may be running: wait for a turn.
    let b_peer = b.node.info().peer_id;
    let started = Instant::now();
    let report = loop {
        match a.node.sync().sync_with(b_peer).await {
            Err(vetnet_node::sync::SyncError::Busy) if started.elapsed() < DEADLINE => {
                tokio::time::sleep(Duration::from_millis(20)).await;
            }
            other => break other.expect("sync"),
        }
    };
    assert_eq!(report.stored, 0, "today's excess is refused again: {report:?}");
    assert_eq!(offer_count(&a), 5 + 3);
    assert_eq!((0..8).filter(|i| holds(&a, &key, &format!("today-{i}"))).count(), 5);
}
