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

use std::collections::HashMap;
use std::sync::{Arc, Mutex};
use std::time::Duration;

use libp2p::PeerId;
use negentropy::{Id, Negentropy, NegentropyStorageVector};
use serde_bytes::ByteBuf;
use vetnet_protocol::RecordHash;
use vetnet_protocol::sync::{
    MAX_FETCH_IDS, MAX_RECONCILE_ROUNDS, MAX_RECORDS_RESPONSE_BYTES, NEGENTROPY_FRAME_LIMIT, SyncRequest, SyncResponse,
};

use crate::ingest::{IngestVerdict, ingest_batch};
use crate::network::{NetworkClient, NetworkError, Verdict};
use crate::publish::unix_now;
use crate::rate_limit::AuthorRecordLimit;
use crate::store::{RecordStore, StoreError};

#[derive(Debug, thiserror::Error)]
pub enum SyncError {
    #[error(transparent)]
    Network(#[from] NetworkError),
    #[error(transparent)]
    Store(#[from] StoreError),
    #[error("set reconciliation failed: {0}")]
    Negentropy(String),
    #[error("the peer refused to sync: {0}")]
    Refused(String),
    #[error("the peer answered out of turn: {0}")]
    Protocol(String),
    #[error("the peer sent an invalid record; it was disconnected")]
    InvalidRecord,
    #[error("a sync with this peer is already running")]
    Busy,
    #[error("the sync task failed: {0}")]
    Task(String),
}

fn negentropy_error(e: negentropy::Error) -> SyncError {
    SyncError::Negentropy(e.to_string())
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

/// A cached Negentropy storage of the live set, rebuilt when the store changed.
struct SyncIndex {
    store: RecordStore,
    cache: Mutex<Option<(u64, Arc<NegentropyStorageVector>)>>,
}

impl SyncIndex {
    /// The current live set, sealed for Negentropy. Blocking: call from
    /// `spawn_blocking`.
    fn snapshot(&self) -> Result<Arc<NegentropyStorageVector>, SyncError> {
        let generation = self.store.generation();
        if let Ok(cache) = self.cache.lock()
            && let Some((cached, storage)) = cache.as_ref()
            && *cached == generation
        {
            return Ok(storage.clone());
        }
        let mut storage = NegentropyStorageVector::with_capacity(self.store.live_len());
        for item in self.store.sync_items() {
            let (ts, hash) = item?;
            storage.insert(ts, Id::from_byte_array(hash.0)).map_err(negentropy_error)?;
        }
        storage.seal().map_err(negentropy_error)?;
        let storage = Arc::new(storage);
        if let Ok(mut cache) = self.cache.lock() {
            *cache = Some((generation, storage.clone()));
        }
        Ok(storage)
    }
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
    index: SyncIndex,
    store: RecordStore,
    network: NetworkClient,
    network_name: String,
    /// The per-author daily limit ingest shares with gossip.
    authors: Arc<AuthorRecordLimit>,
    peers: Mutex<HashMap<PeerId, PeerSyncState>>,
    /// Requests answered per peer in the current window: (window start, count).
    budgets: Mutex<HashMap<PeerId, (std::time::Instant, u32)>>,
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
    ) -> Self {
        Self {
            inner: Arc::new(Inner {
                tasks: tokio_util::task::TaskTracker::new(),
                stop: tokio_util::sync::CancellationToken::new(),
                index: SyncIndex { store: store.clone(), cache: Mutex::new(None) },
                store,
                network,
                network_name,
                authors,
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
    /// [`SyncService::stopping`] between steps and the tracker waits for them.
    fn spawn(&self, task: impl std::future::Future<Output = ()> + Send + 'static) {
        if self.inner.tasks.is_closed() {
            return;
        }
        self.inner.tasks.spawn(task);
    }

    fn stopping(&self) -> bool {
        self.inner.stop.is_cancelled()
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
        match request {
            SyncRequest::Reconcile { net, msg } => {
                if net != self.inner.network_name {
                    return SyncResponse::Refused {
                        reason: format!("this node is on network {:?}, not {net:?}", self.inner.network_name),
                    };
                }
                let answer = self.inner.index.snapshot().and_then(|storage| {
                    let mut negentropy =
                        Negentropy::borrowed(storage.as_ref(), NEGENTROPY_FRAME_LIMIT).map_err(negentropy_error)?;
                    negentropy.reconcile(&msg).map_err(negentropy_error)
                });
                match answer {
                    Ok(msg) => SyncResponse::Reconcile { msg },
                    Err(e) => SyncResponse::Refused { reason: e.to_string() },
                }
            }
            SyncRequest::Fetch { ids } => {
                let mut records = Vec::new();
                let mut size = 0;
                for id in ids {
                    let Ok(hash) = <[u8; 32]>::try_from(id.as_ref()) else { continue };
                    match self.inner.store.bytes_by_hash(&RecordHash(hash)) {
                        Ok(Some(bytes)) if size + bytes.len() <= MAX_RECORDS_RESPONSE_BYTES => {
                            size += bytes.len();
                            records.push(ByteBuf::from(bytes.to_vec()));
                        }
                        Ok(Some(_)) => break,
                        Ok(None) => {}
                        Err(e) => return SyncResponse::Refused { reason: e.to_string() },
                    }
                }
                SyncResponse::Records { records }
            }
        }
    }

    /// Answers a peer's request in the background and sends the response.
    /// A peer over its request budget is refused without any work done.
    pub fn answer(&self, peer: PeerId, request: SyncRequest, channel: crate::network::SyncChannel) {
        let service = self.clone();
        if !self.within_budget(peer) {
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
        self.update(peer, |state| {
            state.running = false;
            state.last_finished = Some(unix_now());
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

    async fn request(
        &self,
        peer: PeerId,
        request: SyncRequest,
        report: &mut SyncReport,
    ) -> Result<SyncResponse, SyncError> {
        report.bytes_sent += request.encode().map(|b| b.len()).unwrap_or(0);
        let response = self.inner.network.sync_request(peer, request).await?;
        report.bytes_received += response.encode().map(|b| b.len()).unwrap_or(0);
        if let SyncResponse::Refused { reason } = response {
            return Err(SyncError::Refused(reason));
        }
        Ok(response)
    }

    async fn session(&self, peer: PeerId) -> Result<SyncReport, SyncError> {
        let mut report = SyncReport::default();
        let index_owner = self.clone();
        let storage = tokio::task::spawn_blocking(move || index_owner.inner.index.snapshot())
            .await
            .map_err(|e| SyncError::Task(e.to_string()))??;
        let mut negentropy =
            Negentropy::borrowed(storage.as_ref(), NEGENTROPY_FRAME_LIMIT).map_err(negentropy_error)?;
        let mut message = negentropy.initiate().map_err(negentropy_error)?;
        let mut have = Vec::new();
        let mut need = Vec::new();
        loop {
            if self.stopping() {
                return Err(SyncError::Task("the node is stopping".into()));
            }
            if report.rounds >= MAX_RECONCILE_ROUNDS {
                return Err(SyncError::Protocol(format!("no agreement after {MAX_RECONCILE_ROUNDS} rounds")));
            }
            report.rounds += 1;
            let request = SyncRequest::Reconcile { net: self.inner.network_name.clone(), msg: message };
            let SyncResponse::Reconcile { msg } = self.request(peer, request, &mut report).await? else {
                return Err(SyncError::Protocol("expected a reconcile answer".into()));
            };
            match negentropy.reconcile_with_ids(&msg, &mut have, &mut need).map_err(negentropy_error)? {
                Some(next) => message = next,
                None => break,
            }
        }
        report.have = have.len();
        report.needed = need.len();
        self.update(peer, |state| state.needed = need.len());

        // Fetching and storing overlap: while one batch is checked and stored
        // off the async threads, the next is already being fetched. At most one
        // batch is being stored at a time, so memory stays bounded. Whatever
        // happens, the session waits for it: no work of a session outlives it.
        let mut storing = None;
        let fetched = self.fetch_missing(peer, &need, &mut storing, &mut report).await;
        let judged = match storing.take() {
            Some(last) => self.judge(peer, last, &mut report).await,
            None => Ok(()),
        };
        fetched.and(judged)?;
        Ok(report)
    }

    /// Fetches the records of `need` in batches; each batch is handed to
    /// `storing` once the previous one there has been judged.
    async fn fetch_missing(
        &self,
        peer: PeerId,
        need: &[Id],
        storing: &mut Option<tokio::task::JoinHandle<Vec<IngestVerdict>>>,
        report: &mut SyncReport,
    ) -> Result<(), SyncError> {
        for batch in need.chunks(MAX_FETCH_IDS) {
            let mut wanted: Vec<Id> = batch.to_vec();
            while !wanted.is_empty() {
                if self.stopping() {
                    return Err(SyncError::Task("the node is stopping".into()));
                }
                let ids = wanted.iter().map(|id| ByteBuf::from(id.as_bytes().to_vec())).collect();
                report.fetches += 1;
                let SyncResponse::Records { records } = self.request(peer, SyncRequest::Fetch { ids }, report).await?
                else {
                    return Err(SyncError::Protocol("expected records".into()));
                };
                if records.is_empty() {
                    break; // The peer no longer holds them (replaced meanwhile); the next session settles it.
                }
                // Only records that were asked for; anything else ends the session.
                for bytes in &records {
                    let hash = RecordHash::of(bytes);
                    let Some(position) = wanted.iter().position(|id| id.as_bytes() == &hash.0) else {
                        self.inner.network.disconnect(peer).await?;
                        return Err(SyncError::Protocol("the peer sent a record that was not asked for".into()));
                    };
                    wanted.swap_remove(position);
                }
                if let Some(previous) = storing.take() {
                    self.judge(peer, previous, report).await?;
                }
                // Check and store the batch off the async threads, through the gossip path.
                let store = self.inner.store.clone();
                let network_name = self.inner.network_name.clone();
                let authors = self.inner.authors.clone();
                *storing =
                    Some(tokio::task::spawn_blocking(move || ingest_batch(&store, &network_name, &authors, &records)));
            }
        }
        Ok(())
    }

    /// Waits for a batch being stored and counts its verdicts; a record the
    /// gossip rules reject ends the session and drops the peer.
    async fn judge(
        &self,
        peer: PeerId,
        storing: tokio::task::JoinHandle<Vec<IngestVerdict>>,
        report: &mut SyncReport,
    ) -> Result<(), SyncError> {
        let verdicts = storing.await.map_err(|e| SyncError::Task(e.to_string()))?;
        for (verdict, outcome) in verdicts {
            match (verdict, outcome) {
                (Verdict::Reject, _) => {
                    self.inner.network.disconnect(peer).await?;
                    return Err(SyncError::InvalidRecord);
                }
                (_, Ok(outcome)) if outcome.is_stored() => report.stored += 1,
                _ => report.stale += 1,
            }
        }
        let fetched = report.stored + report.stale;
        self.update(peer, |state| state.fetched = fetched);
        Ok(())
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
