//! Records arriving by gossip: decode, verify, validate, store, and tell
//! gossipsub whether to forward them. One function decides the verdict for
//! every outcome, so the forwarding rule and the peer penalty never disagree.

use std::sync::Arc;
use std::sync::atomic::{AtomicU64, Ordering};

use tokio::sync::mpsc;
use vetnet_protocol::{RecordError, ValidationContext, VerifiedRecord};

use crate::network::{NetworkClient, NetworkEvent, Verdict};
use crate::publish::{Publisher, unix_now};
use crate::store::{InsertOutcome, RecordStore, StoreError};
use crate::sync::SyncService;

/// Counters of what gossip brought, shown by `vetnet status`.
#[derive(Debug, Default)]
pub struct IngestStats {
    pub accepted: AtomicU64,
    pub ignored: AtomicU64,
    pub rejected: AtomicU64,
}

impl IngestStats {
    pub fn snapshot(&self) -> (u64, u64, u64) {
        (
            self.accepted.load(Ordering::Relaxed),
            self.ignored.load(Ordering::Relaxed),
            self.rejected.load(Ordering::Relaxed),
        )
    }
}

/// The gossip verdict for a record that failed to open.
pub fn verdict_for_error(error: &RecordError) -> Verdict {
    match error {
        // The sender's clock, not the sender, may be at fault.
        RecordError::FromTheFuture { .. } => Verdict::Ignore,
        RecordError::TooLarge { .. }
        | RecordError::Envelope(_)
        | RecordError::BadSignature
        | RecordError::Payload(_)
        | RecordError::Rule(_) => Verdict::Reject,
    }
}

/// Checks and stores one record from a peer, and says what gossip should do.
pub fn ingest(store: &RecordStore, network: &str, bytes: &[u8]) -> (Verdict, Result<InsertOutcome, IngestError>) {
    let ctx = ValidationContext { network, now: unix_now() };
    let record = match VerifiedRecord::open(bytes, &ctx) {
        Ok(record) => record,
        Err(e) => return (verdict_for_error(&e), Err(IngestError::Record(e))),
    };
    match store.insert(&record) {
        Ok(outcome) if outcome.is_stored() => (Verdict::Accept, Ok(outcome)),
        Ok(outcome) => (Verdict::Ignore, Ok(outcome)),
        // Not the peer's fault: do not forward what we could not keep, but do not penalise.
        Err(e) => (Verdict::Ignore, Err(IngestError::Store(e))),
    }
}

#[derive(Debug, thiserror::Error)]
pub enum IngestError {
    #[error(transparent)]
    Record(RecordError),
    #[error(transparent)]
    Store(StoreError),
}

/// Handles network events until the network stops: gossip records are
/// judged here; sync requests and new peers go to the [`SyncService`]; a peer
/// joining the topic gets the outbox.
pub async fn run(
    mut events: mpsc::Receiver<NetworkEvent>,
    store: RecordStore,
    network: NetworkClient,
    publisher: Publisher,
    sync: SyncService,
    network_name: String,
    stats: Arc<IngestStats>,
) {
    while let Some(event) = events.recv().await {
        match event {
            NetworkEvent::Record { message_id, source, bytes } => {
                let (verdict, outcome) = ingest(&store, &network_name, &bytes);
                // Report first, count second: whoever sees the count knows the
                // verdict is already queued for the swarm.
                if network.report_validation(message_id, source, verdict).await.is_err() {
                    break;
                }
                let counter = match verdict {
                    Verdict::Accept => &stats.accepted,
                    Verdict::Ignore => &stats.ignored,
                    Verdict::Reject => &stats.rejected,
                };
                counter.fetch_add(1, Ordering::Relaxed);
                match outcome {
                    Err(IngestError::Store(e)) => tracing::error!(error = %e, "cannot store a record from gossip"),
                    Err(IngestError::Record(e)) if verdict == Verdict::Reject => {
                        tracing::info!(peer = %source, error = %e, "rejected a record from gossip");
                    }
                    Err(IngestError::Record(e)) => {
                        tracing::debug!(peer = %source, error = %e, "ignored a record from gossip")
                    }
                    Ok(_) => {}
                }
            }
            NetworkEvent::PeerConnected { peer } => sync.start(peer),
            NetworkEvent::SyncRequest { peer, request, channel } => sync.answer(peer, request, channel),
            NetworkEvent::PeerSubscribed { peer } => match publisher.flush_outbox().await {
                Ok(0) => {}
                Ok(sent) => tracing::info!(%peer, sent, "sent queued records to a new peer"),
                Err(e) => tracing::warn!(error = %e, "cannot read the outbox"),
            },
        }
    }
}
