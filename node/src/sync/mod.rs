//! Catch-up sync (`/vetnet/sync/1`): two connected peers reconcile the sets
//! of live record hashes they hold with Negentropy, then the initiator fetches
//! what it lacks by hash. The bytes exchanged grow with the difference, not
//! with the set: peers already in sync exchange one small round trip.
//!
//! A session runs when a peer connects, every `interval` with a random peer,
//! and on demand (`vetnet sync`). Each side pulls; since both sides start a
//! session on connect, both end up with the union of live sets. Records
//! fetched by sync go through exactly the gossip path's checks
//! ([`crate::ingest::ingest`]) and are stored, not re-gossiped.
//!
//! [`SyncService`] schedules sessions and keeps per-peer state and request
//! budgets; `responder` answers peers' requests; `session` is the
//! initiator's state machine, which reaches its peer only through the
//! [`SyncPeer`] trait (libp2p here, a direct call in tests).

use std::collections::HashMap;
use std::sync::{Arc, Mutex};
use std::time::Duration;

use libp2p::PeerId;
use vetnet_protocol::sync::{SyncRequest, SyncResponse};

use crate::clock::Clock;
use crate::ingest::IngestStats;
use crate::metrics::{NodeMetrics, SyncSessionCounts};
use crate::network::{NetworkClient, NetworkError};
use crate::rate_limit::AuthorRecordLimit;
use crate::store::{RecordStore, StoreError};

mod responder;
mod session;

pub use responder::SyncResponder;
pub use session::{SessionProgress, SyncPeer, SyncSession};

#[derive(Debug, thiserror::Error)]
pub enum SyncError {
    #[error(transparent)]
    Network(#[from] NetworkError),
    #[error(transparent)]
    Store(#[from] StoreError),
    #[error("set reconciliation failed: {0}")]
    Negentropy(#[from] negentropy::Error),
    #[error("the peer refused to sync: {0}")]
    Refused(String),
    #[error("the peer answered out of turn: {0}")]
    Protocol(String),
    #[error("the peer sent an invalid record; it was disconnected")]
    InvalidRecord,
    #[error("a sync with this peer is already running")]
    Busy,
    /// A blocking step of the session (snapshot, storing a batch) panicked
    /// or was cancelled.
    #[error("the sync task failed: {0}")]
    Task(#[from] tokio::task::JoinError),
    #[error("the sync task failed: the node is stopping")]
    Stopping,
}

/// What one session did, for logs, `vetnet sync` and the cost measurement.
#[derive(Debug, Clone, Default, PartialEq, Eq)]
pub struct SyncReport {
    /// Reconcile round trips.
    pub rounds: usize,
    /// Fetch round trips.
    pub fetches: usize,
    /// Encoded request and response bytes, both ways.
    pub bytes_sent: usize,
    pub bytes_received: usize,
    /// Hashes the peer has and this node lacked.
    pub needed: usize,
    /// Hashes this node has and the peer lacks (the peer pulls them itself).
    pub have: usize,
    /// Records fetched and stored as new or newer.
    pub stored: usize,
    /// Records fetched but older than what is held, or already held.
    pub stale: usize,
}

/// Sync state per peer, for `vetnet status` and the progress bar.
#[derive(Debug, Clone, Default)]
pub struct PeerSyncState {
    pub running: bool,
    /// Records fetched so far in the running session, and how many it needs.
    pub fetched: usize,
    pub needed: usize,
    /// Unix seconds of the last finished session, and what it did.
    pub last_finished: Option<u64>,
    pub last_report: Option<SyncReport>,
    pub last_error: Option<String>,
}

/// Timings of the sync scheduler.
#[derive(Debug, Clone, Copy)]
pub struct SyncTiming {
    /// A session with a random connected peer this often.
    pub interval: Duration,
}

impl Default for SyncTiming {
    fn default() -> Self {
        Self { interval: Duration::from_secs(300) }
    }
}

/// Runs sync sessions and answers peers' sync requests. Cheap to clone.
#[derive(Clone)]
pub struct SyncService {
    inner: Arc<Inner>,
}

struct Inner {
    /// Every session and answer task, so shutdown can wait for them (they
    /// hold the store, whose file lock must be free when the node stops).
    tasks: tokio_util::task::TaskTracker,
    /// Cancels running sessions at shutdown.
    stop: tokio_util::sync::CancellationToken,
    /// Answers peers' requests; its index is shared with `session`.
    responder: SyncResponder,
    /// Runs this node's own sessions; stops with `stop`.
    session: SyncSession,
    network: NetworkClient,
    peers: Mutex<HashMap<PeerId, PeerSyncState>>,
    /// Requests answered per peer in the current window: (window start, count).
    budgets: Mutex<HashMap<PeerId, (std::time::Instant, u32)>>,
    /// When sessions finish, as the status shows it.
    clock: Clock,
    /// Counts sessions, their bytes and records, and refused requests.
    metrics: NodeMetrics,
}

/// A connected peer reached through the network loop.
struct NetworkPeer<'a> {
    network: &'a NetworkClient,
    peer: PeerId,
}

impl SyncPeer for NetworkPeer<'_> {
    async fn request(&self, request: SyncRequest) -> Result<SyncResponse, SyncError> {
        Ok(self.network.sync_request(self.peer, request).await?)
    }

    async fn disconnect(&self) -> Result<(), SyncError> {
        Ok(self.network.disconnect(self.peer).await?)
    }
}

/// How many sync requests a peer may make per window. A full catch-up of
/// 100,000 records takes about 120 requests (a few reconcile rounds and
/// fetches of 1,024 ids), so honest peers stay far below it.
const MAX_REQUESTS_PER_WINDOW: u32 = 600;
const REQUEST_WINDOW: Duration = Duration::from_secs(60);
/// Peers whose sync state and request budget are kept.
const MAX_TRACKED_PEERS: usize = 1_024;

impl SyncService {
    pub fn new(
        store: RecordStore,
        network: NetworkClient,
        network_name: String,
        authors: Arc<AuthorRecordLimit>,
        clock: Clock,
        metrics: NodeMetrics,
        stats: Arc<IngestStats>,
    ) -> Self {
        let stop = tokio_util::sync::CancellationToken::new();
        let responder = SyncResponder::new(store, network_name);
        let session =
            SyncSession::new(&responder, authors).with_stop(stop.clone()).with_clock(clock.clone()).with_stats(stats);
        Self {
            inner: Arc::new(Inner {
                tasks: tokio_util::task::TaskTracker::new(),
                stop,
                responder,
                session,
                network,
                clock,
                metrics,
                peers: Mutex::new(HashMap::new()),
                budgets: Mutex::new(HashMap::new()),
            }),
        }
    }

    /// Starts no more tasks, and tells running sessions and the periodic
    /// loop to end at their next step.
    pub fn stop(&self) {
        self.inner.stop.cancel();
        self.inner.tasks.close();
    }

    /// Waits until every sync task has ended (after [`SyncService::stop`]).
    pub async fn wait(&self) {
        self.inner.tasks.wait().await;
    }

    /// Runs `task` on the tracker, unless shutdown has begun. Tasks are not
    /// cut off mid-way (a blocking store write cannot be), but sessions check
    /// the stop token between steps and the tracker waits for them.
    fn spawn(&self, task: impl std::future::Future<Output = ()> + Send + 'static) {
        if self.inner.tasks.is_closed() {
            return;
        }
        self.inner.tasks.spawn(task);
    }

    /// Sync state of every peer synced with since start.
    pub fn states(&self) -> HashMap<PeerId, PeerSyncState> {
        self.inner.peers.lock().map(|p| p.clone()).unwrap_or_default()
    }

    fn update(&self, peer: PeerId, change: impl FnOnce(&mut PeerSyncState)) {
        if let Ok(mut peers) = self.inner.peers.lock() {
            if !peers.contains_key(&peer) && peers.len() >= MAX_TRACKED_PEERS {
                // Forget the peer synced with longest ago (peer ids cost nothing to make).
                let oldest =
                    peers.iter().filter(|(_, s)| !s.running).min_by_key(|(_, s)| s.last_finished).map(|(p, _)| *p);
                if let Some(oldest) = oldest {
                    peers.remove(&oldest);
                }
            }
            change(peers.entry(peer).or_default());
        }
    }

    /// Answers one request from a peer. Blocking (reads the store, computes
    /// fingerprints): run it in `spawn_blocking`.
    pub fn respond(&self, request: SyncRequest) -> SyncResponse {
        self.inner.responder.respond(request)
    }

    /// Answers a peer's request in the background and sends the response.
    /// A peer over its request budget is refused without any work done.
    pub fn answer(&self, peer: PeerId, request: SyncRequest, channel: crate::network::SyncChannel) {
        let service = self.clone();
        let answered = self.within_budget(peer);
        self.inner.metrics.count_sync_request(answered);
        if !answered {
            tracing::debug!(%peer, "sync request over the per-peer budget; refused");
            let refusal = SyncResponse::Refused {
                reason: format!("more than {MAX_REQUESTS_PER_WINDOW} sync requests in {} s", REQUEST_WINDOW.as_secs()),
            };
            self.spawn(async move {
                let _ = service.inner.network.respond_sync(channel, refusal).await;
            });
            return;
        }
        self.spawn(async move {
            let responder = service.clone();
            match tokio::task::spawn_blocking(move || responder.respond(request)).await {
                Ok(response) => {
                    let _ = service.inner.network.respond_sync(channel, response).await;
                }
                Err(e) => tracing::error!(%peer, error = %e, "sync responder failed"),
            }
        });
    }

    /// Counts one request against `peer`'s budget for the current window.
    fn within_budget(&self, peer: PeerId) -> bool {
        let Ok(mut budgets) = self.inner.budgets.lock() else { return false };
        let now = std::time::Instant::now();
        if budgets.len() > MAX_TRACKED_PEERS {
            budgets.retain(|_, (start, _)| now.duration_since(*start) < REQUEST_WINDOW);
        }
        let (start, count) = budgets.entry(peer).or_insert((now, 0));
        if now.duration_since(*start) >= REQUEST_WINDOW {
            *start = now;
            *count = 0;
        }
        *count += 1;
        *count <= MAX_REQUESTS_PER_WINDOW
    }

    /// Starts a session with `peer` in the background, unless one is running.
    pub fn start(&self, peer: PeerId) {
        let service = self.clone();
        self.spawn(async move {
            match service.sync_with(peer).await {
                Ok(report) if report.needed > 0 => {
                    tracing::info!(%peer, stored = report.stored, rounds = report.rounds, "caught up with peer");
                }
                Ok(_) | Err(SyncError::Busy) => {}
                Err(SyncError::Network(NetworkError::UnsupportedProtocol)) => {
                    tracing::debug!(%peer, "peer does not speak the sync protocol");
                }
                Err(e) => tracing::warn!(%peer, error = %e, "sync failed"),
            }
        });
    }

    /// One full session with `peer`: reconcile, then fetch what is missing.
    pub async fn sync_with(&self, peer: PeerId) -> Result<SyncReport, SyncError> {
        let mut already_running = false;
        self.update(peer, |state| {
            already_running = state.running;
            if !state.running {
                *state = PeerSyncState { running: true, ..state.clone() };
                state.fetched = 0;
                state.needed = 0;
            }
        });
        if already_running {
            return Err(SyncError::Busy);
        }
        let result = self.session(peer).await;
        match &result {
            Ok(report) => self.inner.metrics.count_sync_session(SyncSessionCounts {
                sent: report.bytes_sent as u64,
                received: report.bytes_received as u64,
                stored: report.stored as u64,
                stale: report.stale as u64,
            }),
            Err(_) => self.inner.metrics.count_sync_failure(),
        }
        self.update(peer, |state| {
            state.running = false;
            state.last_finished = Some(self.inner.clock.now_unix());
            match &result {
                Ok(report) => {
                    state.last_report = Some(report.clone());
                    state.last_error = None;
                }
                Err(e) => state.last_error = Some(e.to_string()),
            }
        });
        result
    }

    /// Runs the session state machine against `peer` over the network,
    /// keeping its progress in the peer's state.
    async fn session(&self, peer: PeerId) -> Result<SyncReport, SyncError> {
        let remote = NetworkPeer { network: &self.inner.network, peer };
        let progress = |step| {
            self.update(peer, |state| match step {
                SessionProgress::Needed(needed) => state.needed = needed,
                SessionProgress::Fetched(fetched) => state.fetched = fetched,
            })
        };
        self.inner.session.run(&remote, progress).await
    }

    /// Runs a session with a random connected peer every `timing.interval`,
    /// until [`SyncService::shutdown`].
    pub async fn run_periodic(self, timing: SyncTiming) {
        let mut tick = tokio::time::interval(timing.interval);
        tick.tick().await;
        let stop = self.inner.stop.clone();
        let mut next: usize = 0;
        loop {
            tokio::select! {
                _ = tick.tick() => {
                    let Ok(peers) = self.inner.network.peers().await else { break };
                    if peers.is_empty() {
                        continue;
                    }
                    // Rotate through the peers, so every one is synced with in turn.
                    next = next.wrapping_add(1);
                    self.start(peers[next % peers.len()].peer_id);
                }
                () = stop.cancelled() => break,
            }
        }
    }
}
