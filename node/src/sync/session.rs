//! The initiating side of a sync session, as a state machine over one peer:
//! Negentropy reconcile rounds until both sides know the difference, then
//! fetches of the missing records by hash, each batch checked and stored off
//! the async threads while the next one is being fetched.
//!
//! The session talks to its peer only through [`SyncPeer`]: production
//! sends requests over libp2p, tests hand them straight to the other side's
//! [`super::SyncResponder`].

use std::future::Future;
use std::sync::Arc;

use negentropy::{Id, Negentropy};
use serde_bytes::ByteBuf;
use tokio::task::JoinHandle;
use tokio_util::sync::CancellationToken;
use vetnet_protocol::RecordHash;
use vetnet_protocol::sync::{MAX_FETCH_IDS, MAX_RECONCILE_ROUNDS, NEGENTROPY_FRAME_LIMIT, SyncRequest, SyncResponse};

use super::responder::{SyncIndex, SyncResponder};
use super::{SyncError, SyncReport};
use crate::clock::Clock;
use crate::ingest::{Arrival, IngestStats, IngestVerdict, ingest_batch_at};
use crate::network::Verdict;
use crate::rate_limit::AuthorRecordLimit;
use crate::store::RecordStore;

/// The peer a session syncs with: one request at a time, answered in turn.
pub trait SyncPeer: Sync {
    /// Sends `request` and waits for the peer's answer.
    fn request(&self, request: SyncRequest) -> impl Future<Output = Result<SyncResponse, SyncError>> + Send;
    /// Drops the peer, which broke the protocol or sent an invalid record.
    fn disconnect(&self) -> impl Future<Output = Result<(), SyncError>> + Send;
}

/// How far a running session got, for `vetnet status` and the progress bar.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum SessionProgress {
    /// Reconciliation found this many records to fetch.
    Needed(usize),
    /// This many of them have been fetched and judged so far.
    Fetched(usize),
}

/// Runs sessions against peers for one store. Cheap to clone.
#[derive(Clone)]
pub struct SyncSession {
    store: RecordStore,
    index: Arc<SyncIndex>,
    network_name: String,
    /// The per-author daily limit ingest shares with gossip.
    authors: Arc<AuthorRecordLimit>,
    /// Ends running sessions at their next step when the node stops.
    stop: CancellationToken,
    /// Ids per fetch request: [`MAX_FETCH_IDS`] unless set lower.
    fetch_batch: usize,
    /// The time fetched records are judged at (how far ahead a record may be).
    clock: Clock,
    /// Where ignored records are counted by reason (the node's, in status).
    stats: Arc<IngestStats>,
}

/// A batch of fetched records being checked and stored.
type Storing = JoinHandle<Vec<IngestVerdict>>;

impl SyncSession {
    /// Sessions over the store `responder` answers from, sharing its index.
    pub fn new(responder: &SyncResponder, authors: Arc<AuthorRecordLimit>) -> Self {
        Self {
            store: responder.store.clone(),
            index: responder.index.clone(),
            network_name: responder.network_name.clone(),
            authors,
            stop: CancellationToken::new(),
            fetch_batch: MAX_FETCH_IDS,
            clock: Clock::system(),
            stats: Arc::default(),
        }
    }

    /// Counts ignored records in `stats` (the node's) instead of its own.
    pub fn with_stats(mut self, stats: Arc<IngestStats>) -> Self {
        self.stats = stats;
        self
    }

    /// Judges fetched records at `clock`'s time instead of the system's.
    pub fn with_clock(mut self, clock: Clock) -> Self {
        self.clock = clock;
        self
    }

    /// Ends sessions when `stop` is cancelled.
    pub(super) fn with_stop(mut self, stop: CancellationToken) -> Self {
        self.stop = stop;
        self
    }

    /// Asks for at most `ids` records per fetch (1 to [`MAX_FETCH_IDS`]).
    pub fn with_fetch_batch(mut self, ids: usize) -> Self {
        self.fetch_batch = ids.clamp(1, MAX_FETCH_IDS);
        self
    }

    fn check_stop(&self) -> Result<(), SyncError> {
        if self.stop.is_cancelled() { Err(SyncError::Stopping) } else { Ok(()) }
    }

    /// One full session with `peer`: reconcile, then fetch what is missing.
    pub async fn run<P: SyncPeer>(
        &self,
        peer: &P,
        progress: impl Fn(SessionProgress) + Sync,
    ) -> Result<SyncReport, SyncError> {
        let mut report = SyncReport::default();
        let need = self.reconcile(peer, &mut report).await?;
        progress(SessionProgress::Needed(need.len()));

        // Fetching and storing overlap: while one batch is checked and stored
        // off the async threads, the next is already being fetched. At most one
        // batch is being stored at a time, so memory stays bounded. Whatever
        // happens, the session waits for it: no work of a session outlives it.
        let mut storing = None;
        let fetched = self.fetch_missing(peer, &need, &mut storing, &mut report, &progress).await;
        let judged = match storing.take() {
            Some(last) => self.judge(peer, last, &mut report, &progress).await,
            None => Ok(()),
        };
        fetched.and(judged)?;
        Ok(report)
    }

    /// Sends one request and counts its bytes; a refusal ends the session.
    async fn request<P: SyncPeer>(
        &self,
        peer: &P,
        request: SyncRequest,
        report: &mut SyncReport,
    ) -> Result<SyncResponse, SyncError> {
        report.bytes_sent += request.encode().map(|b| b.len()).unwrap_or(0);
        let response = peer.request(request).await?;
        report.bytes_received += response.encode().map(|b| b.len()).unwrap_or(0);
        if let SyncResponse::Refused { reason } = response {
            return Err(SyncError::Refused(reason));
        }
        Ok(response)
    }

    /// Negentropy rounds until the difference is known. Returns the ids the
    /// peer has and this store lacks; counts both sides in `report`.
    async fn reconcile<P: SyncPeer>(&self, peer: &P, report: &mut SyncReport) -> Result<Vec<Id>, SyncError> {
        let index = self.index.clone();
        let storage = tokio::task::spawn_blocking(move || index.snapshot()).await??;
        let mut negentropy = Negentropy::borrowed(storage.as_ref(), NEGENTROPY_FRAME_LIMIT)?;
        let mut message = negentropy.initiate()?;
        let mut have = Vec::new();
        let mut need = Vec::new();
        loop {
            self.check_stop()?;
            if report.rounds >= MAX_RECONCILE_ROUNDS {
                return Err(SyncError::Protocol(format!("no agreement after {MAX_RECONCILE_ROUNDS} rounds")));
            }
            report.rounds += 1;
            let request = SyncRequest::Reconcile { net: self.network_name.clone(), msg: message };
            let SyncResponse::Reconcile { msg } = self.request(peer, request, report).await? else {
                return Err(SyncError::Protocol("expected a reconcile answer".into()));
            };
            match negentropy.reconcile_with_ids(&msg, &mut have, &mut need)? {
                Some(next) => message = next,
                None => break,
            }
        }
        report.have = have.len();
        report.needed = need.len();
        Ok(need)
    }

    /// Fetches the records of `need` in batches; each batch is handed to
    /// `storing` once the previous one there has been judged.
    async fn fetch_missing<P: SyncPeer>(
        &self,
        peer: &P,
        need: &[Id],
        storing: &mut Option<Storing>,
        report: &mut SyncReport,
        progress: &(impl Fn(SessionProgress) + Sync),
    ) -> Result<(), SyncError> {
        for batch in need.chunks(self.fetch_batch) {
            let mut wanted: Vec<Id> = batch.to_vec();
            while !wanted.is_empty() {
                self.check_stop()?;
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
                        peer.disconnect().await?;
                        return Err(SyncError::Protocol("the peer sent a record that was not asked for".into()));
                    };
                    wanted.swap_remove(position);
                }
                if let Some(previous) = storing.take() {
                    self.judge(peer, previous, report, progress).await?;
                }
                // Check and store the batch off the async threads, through the gossip path.
                let store = self.store.clone();
                let network_name = self.network_name.clone();
                let authors = self.authors.clone();
                let now = self.clock.now_unix();
                *storing = Some(tokio::task::spawn_blocking(move || {
                    ingest_batch_at(&store, &network_name, &authors, &records, now)
                }));
            }
        }
        Ok(())
    }

    /// Waits for a batch being stored and counts its verdicts; a record the
    /// gossip rules reject ends the session and drops the peer.
    async fn judge<P: SyncPeer>(
        &self,
        peer: &P,
        storing: Storing,
        report: &mut SyncReport,
        progress: &(impl Fn(SessionProgress) + Sync),
    ) -> Result<(), SyncError> {
        let verdicts = storing.await?;
        for judged in &verdicts {
            self.stats.note_ignored(judged, Arrival::Sync);
            match judged {
                (Verdict::Reject, _) => {
                    peer.disconnect().await?;
                    return Err(SyncError::InvalidRecord);
                }
                (_, Ok(outcome)) if outcome.is_stored() => report.stored += 1,
                _ => report.stale += 1,
            }
        }
        progress(SessionProgress::Fetched(report.stored + report.stale));
        Ok(())
    }
}
