//! Records arriving by gossip: decode, verify, validate, store, and tell
//! gossipsub whether to forward them. One function decides the verdict for
//! every outcome, so the forwarding rule and the peer penalty never disagree.
//!
//! Both paths (gossip and sync) count what they store against the author's
//! daily limit ([`AuthorRecordLimit`]); a record over it is ignored (the
//! forwarder is not at fault) and comes again by sync later.

use std::sync::Arc;
use std::sync::atomic::{AtomicU64, AtomicUsize, Ordering};

use vetnet_protocol::{InstitutionId, RecordError, ValidationContext, VerifiedRecord};

use crate::network::Verdict;
use crate::rate_limit::AuthorRecordLimit;
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

/// The labels of a verdict in the node's metrics (`vetnet_gossip_messages`):
/// the verdict, and why, from a fixed set of reasons.
pub fn verdict_labels(verdict: &IngestVerdict) -> (&'static str, &'static str) {
    let name = match verdict.0 {
        Verdict::Accept => "accept",
        Verdict::Ignore => "ignore",
        Verdict::Reject => "reject",
    };
    let reason = match &verdict.1 {
        Ok(InsertOutcome::New) => "new",
        Ok(InsertOutcome::Replaced { .. }) => "replaced",
        Ok(InsertOutcome::Stale { .. }) => "stale",
        Ok(InsertOutcome::Duplicate) => "duplicate",
        Ok(InsertOutcome::Refused(_)) => "key_retired",
        Err(IngestError::Record(e)) => match e {
            RecordError::TooLarge { .. } => "too_large",
            RecordError::Envelope(_) => "bad_envelope",
            RecordError::BadSignature => "bad_signature",
            RecordError::Payload(_) => "bad_payload",
            RecordError::Rule(_) => "broken_rule",
            RecordError::FromTheFuture { .. } => "from_the_future",
        },
        Err(IngestError::AuthorRateLimited { .. }) => "author_daily_limit",
        Err(IngestError::Store(_) | IngestError::BatchStore(_)) => "store_error",
        Err(IngestError::WorkerFailed | IngestError::MissingOutcome) => "internal",
    };
    (name, reason)
}

/// [`ingest_at`] on the system clock, for callers not handed the node's
/// [`Clock`](crate::Clock) yet.
pub fn ingest(store: &RecordStore, network: &str, authors: &AuthorRecordLimit, bytes: &[u8]) -> IngestVerdict {
    ingest_at(store, network, authors, bytes, crate::clock::unix_now())
}

/// Checks and stores one record from a peer, and says what gossip should do;
/// `now` (Unix seconds, from the node's clock) is what "from the future" is
/// judged against. Stored records count against their author's day in
/// `authors`.
pub fn ingest_at(
    store: &RecordStore,
    network: &str,
    authors: &AuthorRecordLimit,
    bytes: &[u8],
    now: u64,
) -> IngestVerdict {
    let ctx = ValidationContext { network, now };
    let record = match VerifiedRecord::open(bytes, &ctx) {
        Ok(record) => record,
        Err(e) => return (verdict_for_error(&e), Err(IngestError::Record(e))),
    };
    let (author, ts) = (record.author, record.payload.ts);
    if !authors.try_reserve(author, ts) {
        return (Verdict::Ignore, Err(IngestError::AuthorRateLimited { author, per_day: authors.per_day() }));
    }
    match store.insert(&record) {
        Ok(outcome) if outcome.is_stored() => (Verdict::Accept, Ok(outcome)),
        Ok(outcome) => {
            authors.release(author, ts);
            (Verdict::Ignore, Ok(outcome))
        }
        // Not the peer's fault: do not forward what we could not keep, but do not penalise.
        Err(e) => {
            authors.release(author, ts);
            (Verdict::Ignore, Err(IngestError::Store(e)))
        }
    }
}

#[derive(Debug, thiserror::Error)]
pub enum IngestError {
    #[error(transparent)]
    Record(RecordError),
    #[error(transparent)]
    Store(StoreError),
    /// A batch's one write failed: every record of it has this verdict.
    #[error("the batch could not be stored: {0}")]
    BatchStore(#[source] Arc<StoreError>),
    /// A worker opening records stopped; its records were not judged.
    #[error("an ingest worker failed")]
    WorkerFailed,
    /// The store answered fewer outcomes than it was given records.
    #[error("the store returned no outcome for a record")]
    MissingOutcome,
    /// The author's day is full; the record comes again by sync later.
    #[error("{author} reached its limit of {per_day} new records for the day of this record")]
    AuthorRateLimited { author: InstitutionId, per_day: u32 },
}

/// What ingest says of one record: the gossip verdict, and what the store did.
pub type IngestVerdict = (Verdict, Result<InsertOutcome, IngestError>);

/// Records opened per worker task in [`ingest_batch`]: small enough that
/// storing starts early, large enough that each sled write covers many.
const INGEST_CHUNK: usize = 128;

/// [`ingest_batch_at`] on the system clock, for callers not handed the
/// node's [`Clock`](crate::Clock) yet.
pub fn ingest_batch(
    store: &RecordStore,
    network: &str,
    authors: &AuthorRecordLimit,
    batch: &[impl AsRef<[u8]> + Sync],
) -> Vec<IngestVerdict> {
    ingest_batch_at(store, network, authors, batch, crate::clock::unix_now())
}

/// [`ingest`] for a batch (what sync fetches). Records are opened (decoded,
/// verified, validated) on every core in chunks while this thread stores the
/// chunks already opened, in order, one atomic write per chunk; so signature
/// checks and sled writes overlap. Verdicts come back in the order of `batch`.
/// `now` (Unix seconds) comes from the node's clock.
pub fn ingest_batch_at(
    store: &RecordStore,
    network: &str,
    authors: &AuthorRecordLimit,
    batch: &[impl AsRef<[u8]> + Sync],
    now: u64,
) -> Vec<IngestVerdict> {
    let ctx = ValidationContext { network, now };
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
                verdicts.extend(store_opened(store, authors, opened));
            }
        }
        for handle in handles {
            // A panicked worker's chunks are judged below, not misattributed.
            let _ = handle.join();
        }
    });
    while verdicts.len() < batch.len() {
        verdicts.push((Verdict::Ignore, Err(IngestError::WorkerFailed)));
    }
    verdicts
}

type Opened = Result<VerifiedRecord, RecordError>;

/// Stores the valid records of one opened chunk in one write, and gives
/// each record of the chunk its verdict.
fn store_opened(store: &RecordStore, authors: &AuthorRecordLimit, opened: Vec<Opened>) -> Vec<IngestVerdict> {
    let mut valid = Vec::with_capacity(opened.len());
    let refused: Vec<Option<IngestVerdict>> = opened
        .into_iter()
        .map(|result| match result {
            Ok(record) if authors.try_reserve(record.author, record.payload.ts) => {
                valid.push(record);
                None
            }
            Ok(record) => Some((
                Verdict::Ignore,
                Err(IngestError::AuthorRateLimited { author: record.author, per_day: authors.per_day() }),
            )),
            Err(e) => Some((verdict_for_error(&e), Err(IngestError::Record(e)))),
        })
        .collect();
    let outcomes: Vec<Result<InsertOutcome, IngestError>> = match store.insert_batch(&valid) {
        Ok(outcomes) => outcomes.into_iter().map(Ok).collect(),
        Err(e) => {
            let e = Arc::new(e);
            valid.iter().map(|_| Err(IngestError::BatchStore(e.clone()))).collect()
        }
    };
    // Places reserved for records that were not stored go back.
    for (record, outcome) in valid.iter().zip(&outcomes) {
        if !outcome.as_ref().is_ok_and(|o| o.is_stored()) {
            authors.release(record.author, record.payload.ts);
        }
    }
    let mut stored = outcomes.into_iter();
    refused
        .into_iter()
        .map(|refused| match refused {
            Some(verdict) => verdict,
            None => match stored.next() {
                Some(Ok(outcome)) if outcome.is_stored() => (Verdict::Accept, Ok(outcome)),
                Some(Ok(outcome)) => (Verdict::Ignore, Ok(outcome)),
                Some(Err(e)) => (Verdict::Ignore, Err(e)),
                None => (Verdict::Ignore, Err(IngestError::MissingOutcome)),
            },
        })
        .collect()
}
