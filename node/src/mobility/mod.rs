//! A learner's mobility between this institution and one other: the signed
//! steps of each thread (`vetnet_protocol::mobility`), kept in the private
//! sled tree `private/mobility`, sent to the other institution's node over
//! `/vetnet/<net>/direct/1` from an outbox, and answered with signed
//! receipts.
//!
//! - [`log`]: the thread logs on disk, and reading them back as views.
//! - [`take`]: the steps this institution takes (interest, nomination,
//!   acceptance, refusal, agreement, signatures, completion, recognition,
//!   cancellation, erasure).
//! - [`receive`]: checking the steps that arrive, forks, and receipts.
//! - [`outbox`]: delivering taken steps in order, with backoff, and applying
//!   the receipts that come back.
//! - [`courier`]: the one call that carries a step to the other institution
//!   and brings its receipt back ([`StepCourier`]); in a node it is the
//!   network's direct protocol, in tests another node's [`Mobility`].
//!
//! **Invariants:** nothing here is gossiped, synced or indexed: the steps
//! (which hold the learner's personal data) only ever go to the one other
//! node of their thread. A step is stored only if [`Thread::check`] allows
//! it, for the steps this node takes exactly as for the ones it receives.
//! Every step this node takes is flushed to disk, with its outbox entry, in
//! one write before the call returns. One lock serialises every change to
//! threads, so a local step and an arriving one never race. Every time this
//! module compares or stores is read from the node's [`Clock`].
//!
//! Layout of the tree (all values CBOR):
//! - `t/<thread>`: the [`ThreadLog`]: parties, and every step held or sent,
//!   in order, with its delivery state. After an erasure it is the
//!   anonymised trace.
//! - `s/<hash>`: a step's exact bytes (deleted by an erasure).
//! - `r/<hash>`: the signed receipt of a step this node sent.
//! - `o/<seq>`: the outbox, in order: the steps still to deliver.
//! - `k/<thread>`: the learner's signing key when the school's node holds it.

pub mod courier;
pub mod log;
pub mod outbox;
pub mod receive;
pub mod take;

use std::sync::Arc;

use tokio::sync::{Mutex, Notify};
use vetnet_protocol::mobility::thread::{StepRefusal, Thread};
use vetnet_protocol::mobility::{VerifiedStep, is_thread_id};
use vetnet_protocol::{InstitutionId, RecordError, ValidationContext, ValidationError};

use crate::clock::Clock;
use crate::credentials::{CredentialError, CredentialIssuer};
use crate::network::NetworkTiming;
use crate::publish::Publisher;
use crate::store::{RecordStore, StoreError};

pub use courier::{DeliveryError, DirectCourier, OutgoingStep, StepCourier};
pub use log::{Delivery, LogEntry, LoggedStatus, ThreadLog, ThreadView};
pub use take::{CompletionCredential, SignAs};
pub use vetnet_protocol::mobility::thread::ThreadStatus;

/// Threads one other institution may open here; more interests are refused.
pub const MAX_THREADS_PER_INSTITUTION: usize = 1_000;
/// Steps one thread may hold (links, signatures and refused ones together).
pub const MAX_STEPS_PER_THREAD: usize = 200;

#[derive(Debug, thiserror::Error)]
pub enum MobilityError {
    #[error("there is no mobility thread {0:?} on this node")]
    UnknownThread(String),
    /// The step is not allowed now, or a field breaks a rule.
    #[error("{0}")]
    Refused(ValidationError),
    #[error("the thread moved on: the other party took a step first; look at it again and retry")]
    Conflict,
    #[error("the learner's data in thread {0:?} was erased; the thread cannot continue")]
    Erased(String),
    #[error(transparent)]
    Record(#[from] RecordError),
    #[error(transparent)]
    Store(#[from] StoreError),
    #[error("the mobility database failed: {0}")]
    Sled(#[from] sled::Error),
    /// An entry could not be written as CBOR.
    #[error("cannot encode a mobility entry: {0}")]
    Encode(#[source] ciborium::ser::Error<std::io::Error>),
    /// A stored entry is not the CBOR this node writes.
    #[error("the mobility database holds a damaged entry: {0}")]
    Decode(#[source] ciborium::de::Error<std::io::Error>),
    /// A stored thread no longer starts as a thread must.
    #[error("the mobility database holds a damaged thread {thread}: {source}")]
    DamagedThread {
        thread: String,
        #[source]
        source: StepRefusal,
    },
    /// Something the database must hold is missing or has the wrong shape.
    #[error("the mobility database holds a damaged entry: {0}")]
    Corrupt(String),
    #[error("no randomness for a thread id or a learner key: {0}")]
    Randomness(#[source] getrandom::Error),
    #[error("writing the mobility database to disk failed: {0}")]
    Task(#[from] tokio::task::JoinError),
    #[error(transparent)]
    Credential(#[from] CredentialError),
}

fn refused(field: &str, rule: impl Into<String>) -> MobilityError {
    MobilityError::Refused(ValidationError::new(field, rule))
}

/// Mobility threads of this institution. Cheap to clone.
#[derive(Clone)]
pub struct Mobility {
    inner: Arc<Inner>,
}

struct Inner {
    tree: sled::Tree,
    store: RecordStore,
    publisher: Publisher,
    issuer: CredentialIssuer,
    /// Carries outbox steps to the other institution.
    courier: Arc<dyn StepCourier>,
    /// The pace of outbox retries (tokio time) and their backoff bounds.
    timing: NetworkTiming,
    /// What step, receipt and log times and backoff due times are read from.
    clock: Clock,
    /// Serialises every change to threads.
    lock: Mutex<()>,
    /// Something new is in the outbox.
    outbox_changed: Notify,
    /// A peer connected: try every entry now, whatever its backoff.
    retry_now: Notify,
}

impl Mobility {
    /// Opens the mobility tree of `store`. Steps leave through `courier`;
    /// `clock` is the time the rules and the outbox's backoff read.
    pub fn open(
        store: RecordStore,
        publisher: Publisher,
        issuer: CredentialIssuer,
        courier: Arc<dyn StepCourier>,
        timing: NetworkTiming,
        clock: Clock,
    ) -> Result<Self, MobilityError> {
        let tree = store.private_tree("mobility")?;
        Ok(Self {
            inner: Arc::new(Inner {
                tree,
                store,
                publisher,
                issuer,
                courier,
                timing,
                clock,
                lock: Mutex::new(()),
                outbox_changed: Notify::new(),
                retry_now: Notify::new(),
            }),
        })
    }

    fn me(&self) -> InstitutionId {
        self.inner.publisher.key().id()
    }

    /// Holds the lock that serialises every change to threads until the
    /// guard is dropped (a backup reads the tree under it).
    pub(crate) async fn hold_changes(&self) -> tokio::sync::MutexGuard<'_, ()> {
        self.inner.lock.lock().await
    }

    fn network_name(&self) -> &str {
        self.inner.publisher.network_name()
    }

    fn now(&self) -> u64 {
        self.inner.clock.now_unix()
    }

    fn ctx(&self) -> ValidationContext<'_> {
        ValidationContext { network: self.network_name(), now: self.now() }
    }

    /// Whether `key` is `current` or a key that rotated (possibly in several
    /// steps) to it: the same institution.
    fn is_same_institution(&self, key: &InstitutionId, current: &InstitutionId) -> bool {
        key == current || self.inner.store.key_ledger().current_key(key) == *current
    }
}

/// Why a thread that holds no steps can take none: erased, or its interest
/// was refused by the host's node, so it never opened there.
fn closed_thread(log: &ThreadLog) -> MobilityError {
    if log.erased.is_some() {
        MobilityError::Erased(log.thread.clone())
    } else {
        refused("thread", "the host's node refused the interest that opened this thread, so it never opened there")
    }
}

/// Checks that `thread` looks like a thread id, for API input.
pub fn check_thread_id(thread: &str) -> Result<(), MobilityError> {
    if is_thread_id(thread) {
        Ok(())
    } else {
        Err(refused("thread", format!("must be a thread id like m-0123456789abcdef01234567 (got {thread:?})")))
    }
}

/// Checks a thread exported with [`Mobility::export`]: every step's
/// signature, and every step against the rules of the thread, in order, as
/// the two nodes did. Returns the rebuilt thread.
pub fn verify_document(network: &str, steps: &[Vec<u8>], now: u64) -> Result<Thread, MobilityError> {
    let ctx = ValidationContext { network, now };
    let mut thread: Option<Thread> = None;
    for (i, bytes) in steps.iter().enumerate() {
        let at = |e: String| refused(&format!("steps[{i}]"), e);
        let step = VerifiedStep::open(bytes, &ctx).map_err(|e| at(e.to_string()))?;
        match &mut thread {
            None => thread = Some(Thread::start(network, step).map_err(|e| at(e.to_string()))?),
            Some(thread) => thread.push(step).map_err(|e| at(e.to_string()))?,
        }
    }
    thread.ok_or_else(|| refused("steps", "must hold at least the interest that opens the thread"))
}
