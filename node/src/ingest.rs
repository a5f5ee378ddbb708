//! Records arriving by gossip: decode, verify, validate, store, and tell
//! gossipsub whether to forward them. One function decides the verdict for
//! every outcome, so the forwarding rule and the peer penalty never disagree.

use std::sync::atomic::{AtomicU64, AtomicUsize, Ordering};

use vetnet_protocol::{RecordError, ValidationContext, VerifiedRecord};

use crate::network::Verdict;
use crate::publish::unix_now;
use crate::store::{InsertOutcome, RecordStore, StoreError};

/// Counters of what gossip brought, shown by `vetnet status`.
#[derive(Debug, Default)]
pub struct IngestStats {
    pub accepted: AtomicU64,
    pub ignored: AtomicU64,
    pub rejected: AtomicU64,
}

impl IngestStats {
    pub fn count(&self, verdict: Verdict) {
        let counter = match verdict {
            Verdict::Accept => &self.accepted,
            Verdict::Ignore => &self.ignored,
            Verdict::Reject => &self.rejected,
        };
        counter.fetch_add(1, Ordering::Relaxed);
    }

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

/// What ingest says of one record: the gossip verdict, and what the store did.
pub type IngestVerdict = (Verdict, Result<InsertOutcome, IngestError>);

/// Records opened per worker task in [`ingest_batch`]: small enough that
/// storing starts early, large enough that each sled write covers many.
const INGEST_CHUNK: usize = 128;

/// [`ingest`] for a batch (what sync fetches). Records are opened (decoded,
/// verified, validated) on every core in chunks while this thread stores the
/// chunks already opened, in order, one atomic write per chunk; so signature
/// checks and sled writes overlap. Verdicts come back in the order of `batch`.
pub fn ingest_batch(store: &RecordStore, network: &str, batch: &[impl AsRef<[u8]> + Sync]) -> Vec<IngestVerdict> {
    let ctx = ValidationContext { network, now: unix_now() };
    let chunks: Vec<_> = batch.chunks(INGEST_CHUNK).collect();
    let workers = std::thread::available_parallelism().map_or(1, |n| n.get()).clamp(1, 8).min(chunks.len());
    let next_chunk = AtomicUsize::new(0);
    let mut verdicts = Vec::with_capacity(batch.len());
    std::thread::scope(|scope| {
        let (opened_tx, opened_rx) = std::sync::mpsc::sync_channel::<(usize, Vec<Opened>)>(2 * workers);
        let handles: Vec<_> = (0..workers)
            .map(|_| {
                let opened_tx = opened_tx.clone();
                let (chunks, next_chunk, ctx) = (&chunks, &next_chunk, &ctx);
                scope.spawn(move || {
                    loop {
                        let i = next_chunk.fetch_add(1, Ordering::Relaxed);
                        let Some(chunk) = chunks.get(i) else { break };
                        let opened = chunk.iter().map(|bytes| VerifiedRecord::open(bytes.as_ref(), ctx)).collect();
                        if opened_tx.send((i, opened)).is_err() {
                            break;
                        }
                    }
                })
            })
            .collect();
        drop(opened_tx);
        // Chunks arrive in any order; store them in order.
        let mut early = std::collections::BTreeMap::new();
        for (i, opened) in opened_rx {
            early.insert(i, opened);
            while let Some(opened) = early.remove(&(verdicts.len() / INGEST_CHUNK)) {
                verdicts.extend(store_opened(store, opened));
            }
        }
        for handle in handles {
            // A panicked worker's chunks are judged below, not misattributed.
            let _ = handle.join();
        }
    });
    while verdicts.len() < batch.len() {
        verdicts.push((Verdict::Ignore, Err(IngestError::Store(StoreError::Corrupt("ingest worker failed".into())))));
    }
    verdicts
}

type Opened = Result<VerifiedRecord, RecordError>;

/// Stores the valid records of one opened chunk in one write, and gives
/// each record of the chunk its verdict.
fn store_opened(store: &RecordStore, opened: Vec<Opened>) -> Vec<IngestVerdict> {
    let mut valid = Vec::with_capacity(opened.len());
    let errors: Vec<Option<RecordError>> = opened
        .into_iter()
        .map(|result| match result {
            Ok(record) => {
                valid.push(record);
                None
            }
            Err(e) => Some(e),
        })
        .collect();
    let mut stored = match store.insert_batch(&valid) {
        Ok(outcomes) => outcomes.into_iter().map(Ok).collect::<Vec<_>>().into_iter(),
        Err(e) => {
            let message = e.to_string();
            valid.iter().map(|_| Err(StoreError::Corrupt(message.clone()))).collect::<Vec<_>>().into_iter()
        }
    };
    errors
        .into_iter()
        .map(|error| match error {
            Some(e) => (verdict_for_error(&e), Err(IngestError::Record(e))),
            None => match stored.next() {
                Some(Ok(outcome)) if outcome.is_stored() => (Verdict::Accept, Ok(outcome)),
                Some(Ok(outcome)) => (Verdict::Ignore, Ok(outcome)),
                Some(Err(e)) => (Verdict::Ignore, Err(IngestError::Store(e))),
                None => (Verdict::Ignore, Err(IngestError::Store(StoreError::Corrupt("missing outcome".into())))),
            },
        })
        .collect()
}
