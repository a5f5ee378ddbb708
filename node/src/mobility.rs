//! A learner's mobility between this institution and one other: the signed
//! steps of each thread (`vetnet_protocol::mobility`), kept in the private
//! sled tree `private/mobility`, sent to the other institution's node over
//! `/vetnet/<net>/direct/1` from an outbox, and answered with signed
//! receipts.
//!
//! **Invariants:** nothing here is gossiped, synced or indexed: the steps
//! (which hold the learner's personal data) only ever go to the one other
//! node of their thread. A step is stored only if [`Thread::check`] allows
//! it, for the steps this node takes exactly as for the ones it receives.
//! Every step this node takes is flushed to disk, with its outbox entry, in
//! one write before the call returns. One lock serialises every change to
//! threads, so a local step and an arriving one never race.
//!
//! Layout of the tree (all values CBOR):
//! - `t/<thread>`: the [`ThreadLog`]: parties, and every step held or sent,
//!   in order, with its delivery state. After an erasure it is the
//!   anonymised trace.
//! - `s/<hash>`: a step's exact bytes (deleted by an erasure).
//! - `r/<hash>`: the signed receipt of a step this node sent.
//! - `o/<seq>`: the outbox, in order: the steps still to deliver.
//! - `k/<thread>`: the learner's signing key when the school's node holds it.

use std::collections::BTreeMap;
use std::sync::Arc;

use ed25519_dalek::SigningKey;
use futures::StreamExt;
use libp2p::{Multiaddr, PeerId};
use serde::{Deserialize, Serialize};
use tokio::sync::{Mutex, Notify, watch};
use vetnet_protocol::mobility::steps::*;
use vetnet_protocol::mobility::thread::{Party, StepRefusal, Thread, ThreadStatus};
use vetnet_protocol::mobility::{
    ReceiptStatus, StepBody, StepDraft, StepKind, VerifiedReceipt, VerifiedStep, is_thread_id, sign_agreement,
    sign_receipt, sign_step,
};
use vetnet_protocol::{InstitutionId, RecordError, RecordHash, RecordKind, ValidationContext, ValidationError};

use crate::credentials::{self, CredentialError, CredentialIssuer, IssueRequest};
use crate::network::{NetworkClient, NetworkTiming};
use crate::publish::{Publisher, unix_now};
use crate::store::{RecordStore, StoreError};

/// Threads an outbox pass serves at the same time.
const CONCURRENT_THREADS: usize = 16;

/// The last outbox number given out.
const OUTBOX_COUNTER: &[u8] = b"n/outbox";

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
    #[error("the mobility database holds a damaged entry: {0}")]
    Corrupt(String),
    #[error(transparent)]
    Credential(#[from] CredentialError),
}

fn refused(field: &str, rule: impl Into<String>) -> MobilityError {
    MobilityError::Refused(ValidationError::new(field, rule))
}

/// What became of a step, as this node knows it.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
#[serde(tag = "state", rename_all = "kebab-case")]
pub enum Delivery {
    /// Taken here, waiting in the outbox.
    Pending {
        attempts: u32,
        #[serde(default)]
        last_error: Option<String>,
    },
    /// The other node took it; its signed receipt is kept.
    Delivered { at: u64 },
    /// Came from the other node.
    Received { at: u64 },
    /// The other node refused it (the field and rule say why); it is not
    /// part of the thread.
    Refused { field: String, reason: String },
    /// The other party took a step at the same time and theirs won.
    Superseded { at: u64 },
}

impl Delivery {
    /// Whether the step counts in the thread.
    fn is_active(&self) -> bool {
        !matches!(self, Delivery::Refused { .. } | Delivery::Superseded { .. })
    }
}

/// One step in a thread's log.
#[derive(Debug, Clone, Serialize, Deserialize)]
pub struct LogEntry {
    #[serde(with = "serde_bytes")]
    pub hash: Vec<u8>,
    pub kind: StepKind,
    pub from: String,
    pub ts: u64,
    pub delivery: Delivery,
}

/// A thread as kept on disk.
#[derive(Debug, Clone, Serialize, Deserialize)]
pub struct ThreadLog {
    pub thread: String,
    #[serde(with = "serde_bytes")]
    pub school: Vec<u8>,
    #[serde(with = "serde_bytes")]
    pub host: Vec<u8>,
    /// The host's offer the thread is about.
    pub offer: String,
    pub created: u64,
    pub updated: u64,
    /// The last status, kept for the anonymised trace.
    pub status: String,
    pub entries: Vec<LogEntry>,
    /// When the learner's data was erased.
    #[serde(default)]
    pub erased: Option<u64>,
}

impl ThreadLog {
    pub fn school(&self) -> InstitutionId {
        InstitutionId::from_bytes(self.school.as_slice().try_into().unwrap_or([0; 32]))
    }

    pub fn host(&self) -> InstitutionId {
        InstitutionId::from_bytes(self.host.as_slice().try_into().unwrap_or([0; 32]))
    }

    fn entry_mut(&mut self, hash: &RecordHash) -> Option<&mut LogEntry> {
        self.entries.iter_mut().find(|e| e.hash == hash.0)
    }
}

/// A step waiting to be delivered.
#[derive(Debug, Clone, Serialize, Deserialize)]
struct OutboxEntry {
    thread: String,
    #[serde(with = "serde_bytes")]
    hash: Vec<u8>,
    #[serde(with = "serde_bytes")]
    to: Vec<u8>,
    attempts: u32,
    /// Unix milliseconds before which it is not tried again (a new
    /// connection to the other node tries at once).
    next_attempt_ms: u64,
}

/// One thread's outbox entries, in order, with their keys.
type OutboxQueue = Vec<(sled::IVec, OutboxEntry)>;

/// What a caller sees of a thread.
#[derive(Debug, Clone)]
pub struct ThreadView {
    pub log: ThreadLog,
    /// This institution's side.
    pub party: Party,
    /// `None` once erased.
    pub thread: Option<Thread>,
    /// The steps this institution may take now.
    pub next_steps: Vec<StepKind>,
    /// The bodies of the steps still held, by hash.
    pub bodies: BTreeMap<RecordHash, StepBody>,
}

impl ThreadView {
    pub fn status(&self) -> &str {
        &self.log.status
    }
}

/// A learning-agreement signature to add.
pub enum SignAs {
    /// The school's or the host's own signature (this institution's role).
    Institution,
    /// The learner's, with the key the school's node holds.
    LearnerHeldKey,
    /// The learner's, with their own key (given for this signature only).
    LearnerOwnKey(Box<SigningKey>),
}

/// Issue a micro-credential at completion.
pub struct CompletionCredential {
    /// One of this institution's achievement ids.
    pub achievement: String,
    pub grade: Option<String>,
}

fn key_of(prefix: &[u8], rest: &[u8]) -> Vec<u8> {
    let mut key = prefix.to_vec();
    key.extend_from_slice(rest);
    key
}

fn encode<T: Serialize>(value: &T) -> Result<Vec<u8>, MobilityError> {
    let mut bytes = Vec::new();
    ciborium::into_writer(value, &mut bytes).map_err(|e| MobilityError::Corrupt(e.to_string()))?;
    Ok(bytes)
}

fn decode<T: serde::de::DeserializeOwned>(bytes: &[u8]) -> Result<T, MobilityError> {
    ciborium::from_reader(bytes).map_err(|e| MobilityError::Corrupt(e.to_string()))
}

fn party_name(party: Party) -> String {
    party.as_str().to_owned()
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
    network: NetworkClient,
    timing: NetworkTiming,
    /// Serialises every change to threads.
    lock: Mutex<()>,
    /// Something new is in the outbox.
    outbox_changed: Notify,
    /// A peer connected: try every entry now, whatever its backoff.
    retry_now: Notify,
}

impl Mobility {
    pub fn open(
        store: RecordStore,
        publisher: Publisher,
        issuer: CredentialIssuer,
        network: NetworkClient,
        timing: NetworkTiming,
    ) -> Result<Self, MobilityError> {
        let tree = store.private_tree("mobility")?;
        Ok(Self {
            inner: Arc::new(Inner {
                tree,
                store,
                publisher,
                issuer,
                network,
                timing,
                lock: Mutex::new(()),
                outbox_changed: Notify::new(),
                retry_now: Notify::new(),
            }),
        })
    }

    fn me(&self) -> InstitutionId {
        self.inner.publisher.key().id()
    }

    fn network_name(&self) -> &str {
        self.inner.publisher.network_name()
    }

    fn ctx(&self) -> ValidationContext<'_> {
        ValidationContext { network: self.network_name(), now: unix_now() }
    }

    // ----- reading -----

    fn read_log(&self, thread: &str) -> Result<Option<ThreadLog>, MobilityError> {
        match self.inner.tree.get(key_of(b"t/", thread.as_bytes()))? {
            Some(bytes) => Ok(Some(decode(&bytes)?)),
            None => Ok(None),
        }
    }

    /// The thread rebuilt from the active steps of its log.
    fn rebuild(&self, log: &ThreadLog) -> Result<Option<Thread>, MobilityError> {
        if log.erased.is_some() {
            return Ok(None);
        }
        let mut thread: Option<Thread> = None;
        for entry in log.entries.iter().filter(|e| e.delivery.is_active()) {
            let bytes = self.inner.tree.get(key_of(b"s/", &entry.hash))?.ok_or_else(|| {
                MobilityError::Corrupt(format!("step {} of {} is missing", hex::encode(&entry.hash), log.thread))
            })?;
            let trusted = ValidationContext { network: self.network_name(), now: u64::MAX - 3600 };
            let step = VerifiedStep::open(&bytes, &trusted)?;
            match &mut thread {
                None => {
                    thread = Some(
                        Thread::start(self.network_name(), step).map_err(|e| MobilityError::Corrupt(e.to_string()))?,
                    )
                }
                Some(thread) => thread.push_trusted(step),
            }
        }
        Ok(thread)
    }

    fn view(&self, log: ThreadLog) -> Result<ThreadView, MobilityError> {
        let party = self.my_party(&log);
        let thread = self.rebuild(&log)?;
        let next_steps = thread.as_ref().map(|t| t.next_steps(party)).unwrap_or_default();
        let mut bodies = BTreeMap::new();
        if let Some(thread) = &thread {
            for step in thread.links().iter().chain(thread.signatures()) {
                bodies.insert(step.hash, step.body.clone());
            }
        }
        Ok(ThreadView { log, party, thread, next_steps, bodies })
    }

    /// Every thread, newest change first.
    pub fn list(&self) -> Result<Vec<ThreadLog>, MobilityError> {
        let mut logs = Vec::new();
        for item in self.inner.tree.scan_prefix(b"t/") {
            let (_, bytes) = item?;
            logs.push(decode::<ThreadLog>(&bytes)?);
        }
        logs.sort_by(|a, b| b.updated.cmp(&a.updated).then_with(|| a.thread.cmp(&b.thread)));
        Ok(logs)
    }

    pub fn show(&self, thread: &str) -> Result<ThreadView, MobilityError> {
        let log = self.read_log(thread)?.ok_or_else(|| MobilityError::UnknownThread(thread.to_owned()))?;
        self.view(log)
    }

    /// The thread as a stand-alone document: the exact bytes of its links
    /// and agreement signatures, in order. Anyone can check it with
    /// [`verify_document`], offline, without either node.
    pub fn export(&self, thread_id: &str) -> Result<Vec<Vec<u8>>, MobilityError> {
        let view = self.show(thread_id)?;
        let thread = view.thread.ok_or_else(|| closed_thread(&view.log))?;
        let mut steps: Vec<&VerifiedStep> = thread.links().iter().chain(thread.signatures()).collect();
        steps.sort_by_key(|s| view.log.entries.iter().position(|e| e.hash == s.hash.0));
        Ok(steps.into_iter().map(|s| s.bytes.clone()).collect())
    }

    /// Whether this node holds the learner's key of `thread`.
    pub fn holds_learner_key(&self, thread: &str) -> Result<bool, MobilityError> {
        Ok(self.inner.tree.contains_key(key_of(b"k/", thread.as_bytes()))?)
    }

    /// The receipt the other node signed for `step`, if delivered.
    pub fn receipt(&self, step: &RecordHash) -> Result<Option<Vec<u8>>, MobilityError> {
        Ok(self.inner.tree.get(key_of(b"r/", &step.0))?.map(|v| v.to_vec()))
    }

    // ----- taking steps -----

    /// Opens a thread: interest in `offer` of `host`.
    pub async fn express_interest(&self, host: InstitutionId, body: InterestBody) -> Result<ThreadView, MobilityError> {
        let me = self.me();
        if host == me {
            return Err(refused("host", "must be another institution: this node cannot host its own learners"));
        }
        if credentials::live(&self.inner.store, host, &RecordKind::Offer, &body.offer)?.is_none() {
            return Err(refused(
                "offer",
                format!("this node holds no live offer {:?} by {} (search offers first)", body.offer, host.to_did()),
            ));
        }
        if let Some(need) = &body.need
            && credentials::live(&self.inner.store, me, &RecordKind::Need, need)?.is_none()
        {
            return Err(refused(
                "need",
                format!("this institution has no live need {need:?} (see `vetnet need list`)"),
            ));
        }
        let mut random = [0u8; 12];
        getrandom::fill(&mut random).map_err(|e| MobilityError::Corrupt(format!("no randomness: {e}")))?;
        let thread_id = format!("m-{}", hex::encode(random));
        let _guard = self.inner.lock.lock().await;
        let draft = StepDraft {
            net: self.network_name().to_owned(),
            thread: thread_id.clone(),
            n: Some(0),
            prev: None,
            to: host,
            ts: unix_now(),
            body: StepBody::Interest(body.clone()),
        };
        let step = sign_step(self.inner.publisher.key().signing_key(), draft, &self.ctx())?;
        let now = unix_now();
        let log = ThreadLog {
            thread: thread_id.clone(),
            school: me.as_bytes().to_vec(),
            host: host.as_bytes().to_vec(),
            offer: body.offer,
            created: now,
            updated: now,
            status: ThreadStatus::Interested.as_str().to_owned(),
            entries: Vec::new(),
            erased: None,
        };
        self.commit_own(log, &step, None, Some(ThreadStatus::Interested)).await?;
        drop(_guard);
        self.show(&thread_id)
    }

    /// Takes a link step (or a signature) in `thread` as this institution.
    async fn take(
        &self,
        thread_id: &str,
        body: StepBody,
        learner_key: Option<[u8; 32]>,
    ) -> Result<ThreadView, MobilityError> {
        let _guard = self.inner.lock.lock().await;
        let log = self.read_log(thread_id)?.ok_or_else(|| MobilityError::UnknownThread(thread_id.to_owned()))?;
        if log.erased.is_some() {
            return Err(MobilityError::Erased(thread_id.to_owned()));
        }
        let thread = self.rebuild(&log)?.ok_or_else(|| closed_thread(&log))?;
        let me = self.me();
        let party = thread.party_of(&me).ok_or_else(|| self.not_a_party(&thread))?;
        let kind = body.kind();
        let link = kind.is_link();
        let draft = StepDraft {
            net: self.network_name().to_owned(),
            thread: thread_id.to_owned(),
            n: link.then_some(thread.links().len() as u32),
            prev: link.then_some(thread.head()),
            to: thread.counterpart(party),
            ts: unix_now(),
            body,
        };
        let step = sign_step(self.inner.publisher.key().signing_key(), draft, &self.ctx())?;
        match thread.check(&step) {
            Ok(()) => {}
            Err(StepRefusal::Refused(e)) => return Err(MobilityError::Refused(e)),
            Err(StepRefusal::NotAtHead { .. }) => return Err(MobilityError::Conflict),
            Err(StepRefusal::Missing(m)) => return Err(refused("step", m)),
        }
        let mut after = thread;
        after.push_trusted(step.clone());
        self.commit_own(log, &step, learner_key, Some(after.status())).await?;
        drop(_guard);
        self.show(thread_id)
    }

    /// This institution's side of a thread (also after its key rotated).
    fn my_party(&self, log: &ThreadLog) -> Party {
        let me = self.me();
        let school = log.school();
        if school == me || self.inner.store.key_ledger().current_key(&school) == me {
            Party::School
        } else {
            Party::Host
        }
    }

    /// Whether `key` is `current` or a key that rotated (possibly in several
    /// steps) to it: the same institution.
    fn is_same_institution(&self, key: &InstitutionId, current: &InstitutionId) -> bool {
        key == current || self.inner.store.key_ledger().current_key(key) == *current
    }

    /// Why this institution cannot write to `thread`: usually because its
    /// key was rotated after the thread opened (threads are bound to the
    /// keys of the two institutions when they opened).
    fn not_a_party(&self, thread: &Thread) -> MobilityError {
        let ledger = self.inner.store.key_ledger();
        let me = self.me();
        let rotated = [thread.school, thread.host].into_iter().any(|key| ledger.current_key(&key) == me && key != me);
        if rotated {
            refused(
                "thread",
                "this institution's key was rotated after the thread opened, and a thread stays bound to the keys \
                 that opened it: open a new thread with the other institution for this learner",
            )
        } else {
            refused("thread", "this institution is not a party of it")
        }
    }

    /// Stores a step this node took, its log entry and its outbox entry in
    /// one write, flushes, and wakes the outbox.
    async fn commit_own(
        &self,
        mut log: ThreadLog,
        step: &VerifiedStep,
        learner_key: Option<[u8; 32]>,
        status: Option<ThreadStatus>,
    ) -> Result<(), MobilityError> {
        let from = self.my_party(&log);
        let now = unix_now();
        if let Some(status) = status {
            log.status = status.as_str().to_owned();
        }
        log.entries.push(LogEntry {
            hash: step.hash.0.to_vec(),
            kind: step.kind(),
            from: party_name(from),
            ts: step.payload.ts,
            delivery: Delivery::Pending { attempts: 0, last_error: None },
        });
        log.updated = now;
        let mut batch = sled::Batch::default();
        batch.insert(key_of(b"s/", &step.hash.0), step.bytes.clone());
        batch.insert(key_of(b"t/", log.thread.as_bytes()), encode(&log)?);
        let entry = OutboxEntry {
            thread: log.thread.clone(),
            hash: step.hash.0.to_vec(),
            to: step.to.as_bytes().to_vec(),
            attempts: 0,
            next_attempt_ms: 0,
        };
        // Outbox numbers are never reused (a delivery pass may still hold an
        // old entry's key); callers hold the lock, so the counter is ours.
        let seq = match self.inner.tree.get(OUTBOX_COUNTER)? {
            Some(bytes) => {
                let last: [u8; 8] =
                    bytes.as_ref().try_into().map_err(|_| MobilityError::Corrupt("outbox counter".into()))?;
                u64::from_be_bytes(last) + 1
            }
            None => 0,
        };
        batch.insert(OUTBOX_COUNTER, &seq.to_be_bytes());
        batch.insert(key_of(b"o/", &seq.to_be_bytes()), encode(&entry)?);
        if let Some(secret) = learner_key {
            batch.insert(key_of(b"k/", log.thread.as_bytes()), secret.to_vec());
        }
        self.inner.tree.apply_batch(batch)?;
        self.flush().await?;
        self.inner.outbox_changed.notify_one();
        Ok(())
    }

    /// The thread's status as its log now stands.
    fn status_of(&self, log: &ThreadLog) -> Result<String, MobilityError> {
        Ok(match self.rebuild(log)? {
            Some(thread) => thread.status().as_str().to_owned(),
            None => log.status.clone(),
        })
    }

    async fn flush(&self) -> Result<(), MobilityError> {
        let tree = self.inner.tree.clone();
        tokio::task::spawn_blocking(move || tree.flush())
            .await
            .map_err(|e| MobilityError::Corrupt(format!("flush task failed: {e}")))??;
        Ok(())
    }

    pub async fn nominate(&self, thread: &str, mut body: NominationBody) -> Result<ThreadView, MobilityError> {
        let mut held_key = None;
        if body.key_custody == KeyCustody::School {
            let mut secret = [0u8; 32];
            getrandom::fill(&mut secret).map_err(|e| MobilityError::Corrupt(format!("no randomness: {e}")))?;
            let key = SigningKey::from_bytes(&secret);
            body.learner_key = InstitutionId::from_bytes(key.verifying_key().to_bytes()).to_did();
            held_key = Some(secret);
        } else if body.learner_key.is_empty() {
            return Err(refused("learner_key", "is required when the learner holds their own key (did:key:z6Mk…)"));
        }
        self.take(thread, StepBody::Nomination(Box::new(body)), held_key).await
    }

    pub async fn accept(&self, thread: &str, body: AcceptanceBody) -> Result<ThreadView, MobilityError> {
        self.take(thread, StepBody::Acceptance(body), None).await
    }

    pub async fn refuse(&self, thread: &str, body: RefusalBody) -> Result<ThreadView, MobilityError> {
        self.take(thread, StepBody::Refusal(body), None).await
    }

    pub async fn agree(&self, thread: &str, body: AgreementBody) -> Result<ThreadView, MobilityError> {
        self.take(thread, StepBody::Agreement(Box::new(body)), None).await
    }

    pub async fn cancel(&self, thread: &str, body: CancellationBody) -> Result<ThreadView, MobilityError> {
        self.take(thread, StepBody::Cancellation(body), None).await
    }

    pub async fn recognise(&self, thread: &str, body: RecognitionBody) -> Result<ThreadView, MobilityError> {
        self.take(thread, StepBody::Recognition(body), None).await
    }

    /// Signs the current learning agreement.
    pub async fn sign(&self, thread_id: &str, sign_as: SignAs) -> Result<ThreadView, MobilityError> {
        let view = self.show(thread_id)?;
        let thread = view.thread.as_ref().ok_or_else(|| closed_thread(&view.log))?;
        let agreement = thread
            .current_agreement()
            .ok_or_else(|| refused("step", "there is no learning agreement to sign yet"))?
            .hash;
        let institution = self.inner.publisher.key();
        let (role, key) = match sign_as {
            SignAs::Institution => {
                let role = if view.party == Party::School { SignerRole::School } else { SignerRole::Host };
                (role, institution.signing_key().clone())
            }
            SignAs::LearnerHeldKey => {
                let secret = self.inner.tree.get(key_of(b"k/", thread_id.as_bytes()))?.ok_or_else(|| {
                    refused("as", "this node holds no key for the learner (the learner holds their own: pass it)")
                })?;
                let secret: [u8; 32] =
                    secret.as_ref().try_into().map_err(|_| MobilityError::Corrupt("learner key".into()))?;
                (SignerRole::Learner, SigningKey::from_bytes(&secret))
            }
            SignAs::LearnerOwnKey(key) => (SignerRole::Learner, *key),
        };
        let signature = sign_agreement(&key, self.network_name(), thread_id, &agreement);
        let body = SignatureBody {
            agreement: serde_bytes::ByteBuf::from(agreement.0.to_vec()),
            role,
            signer: InstitutionId::from_bytes(key.verifying_key().to_bytes()).to_did(),
            signature: serde_bytes::ByteBuf::from(signature.to_vec()),
        };
        self.take(thread_id, StepBody::Signature(body), None).await
    }

    /// The host's completion; with `credential`, a micro-credential is issued
    /// to the learner first and the completion carries it.
    pub async fn complete(
        &self,
        thread_id: &str,
        mut body: CompletionBody,
        credential: Option<CompletionCredential>,
    ) -> Result<ThreadView, MobilityError> {
        let view = self.show(thread_id)?;
        let thread = view.thread.as_ref().ok_or_else(|| closed_thread(&view.log))?;
        let agreement = thread.current_agreement().ok_or_else(|| refused("step", "there is no learning agreement"))?;
        let signed = thread.signatures_of(&agreement.hash);
        if !signed.is_complete() {
            let missing: Vec<&str> = signed.missing().iter().map(|r| r.as_str()).collect();
            return Err(refused(
                "step",
                format!("the learning agreement is not signed by all three yet (missing: {})", missing.join(", ")),
            ));
        }
        body.signatures = [signed.learner, signed.school, signed.host]
            .into_iter()
            .flatten()
            .map(|s| serde_bytes::ByteBuf::from(s.hash.0.to_vec()))
            .collect();
        if let Some(credential) = credential {
            if !thread.next_steps(view.party).contains(&StepKind::Completion) {
                return Err(refused(
                    "step",
                    format!("a completion cannot be taken while the thread is {}", view.status()),
                ));
            }
            let learner = match thread.nomination().map(|n| &n.body) {
                Some(StepBody::Nomination(n)) => n.learner.clone(),
                _ => return Err(refused("step", "no learner is nominated")),
            };
            let issued = self.inner.issuer.issue(vec![IssueRequest {
                achievement: credential.achievement.clone(),
                learner_name: format!("{} {}", learner.given_name, learner.family_name),
                learner_email: learner.email.clone(),
                grade: credential.grade,
                date: Some(body.end.clone()),
                valid_until: None,
            }])?;
            let issued =
                issued.into_iter().next().ok_or_else(|| MobilityError::Corrupt("no credential issued".into()))?;
            body.credential = Some(CredentialReference {
                id: issued.id,
                achievement: credential.achievement,
                document: Some(issued.document),
            });
        }
        let issued = body.credential.as_ref().map(|c| c.id.clone());
        let taken = self.take(thread_id, StepBody::Completion(Box::new(body)), None).await;
        if taken.is_err()
            && let Some(id) = issued
        {
            // Nobody received it: it is not kept.
            self.inner.issuer.forget(&id)?;
        }
        taken
    }

    /// Erases the learner's personal data of `thread` here, keeps an
    /// anonymised trace, and tells the other node to do the same.
    pub async fn erase(&self, thread_id: &str, reason: Option<String>) -> Result<ThreadView, MobilityError> {
        let _guard = self.inner.lock.lock().await;
        let log = self.read_log(thread_id)?.ok_or_else(|| MobilityError::UnknownThread(thread_id.to_owned()))?;
        if log.erased.is_some() {
            drop(_guard);
            return self.show(thread_id);
        }
        let party = self.my_party(&log);
        let to = if party == Party::School { log.host() } else { log.school() };
        let draft = StepDraft {
            net: self.network_name().to_owned(),
            thread: thread_id.to_owned(),
            n: None,
            prev: None,
            to,
            ts: unix_now(),
            body: StepBody::Erasure(ErasureBody { reason }),
        };
        let step = sign_step(self.inner.publisher.key().signing_key(), draft, &self.ctx())?;
        let log = self.erase_locally(log)?;
        self.commit_own(log, &step, None, None).await?;
        drop(_guard);
        self.show(thread_id)
    }

    /// Deletes every step's bytes and the learner key, drops the thread's
    /// outbox entries, and marks the log erased. Returns the new log.
    fn erase_locally(&self, mut log: ThreadLog) -> Result<ThreadLog, MobilityError> {
        // A credential this node issued at completion holds the learner's
        // name too: this node's copy goes (the learner keeps theirs).
        if let Some(thread) = self.rebuild(&log)?
            && let Some(StepBody::Completion(completion)) = thread.completion().map(|c| &c.body)
            && let Some(credential) = &completion.credential
            && thread.completion().is_some_and(|c| c.author == self.me())
        {
            self.inner.issuer.forget(&credential.id)?;
        }
        let mut batch = sled::Batch::default();
        for entry in &log.entries {
            if entry.kind != StepKind::Erasure {
                batch.remove(key_of(b"s/", &entry.hash));
            }
            // Receipts and refusal reasons may quote what a step held.
            batch.remove(key_of(b"r/", &entry.hash));
        }
        for entry in &mut log.entries {
            if let Delivery::Refused { reason, .. } = &mut entry.delivery {
                *reason = "(erased)".into();
            }
        }
        batch.remove(key_of(b"k/", log.thread.as_bytes()));
        for item in self.inner.tree.scan_prefix(b"o/") {
            let (key, value) = item?;
            let entry: OutboxEntry = decode(&value)?;
            if entry.thread == log.thread {
                batch.remove(key);
            }
        }
        for entry in &mut log.entries {
            if matches!(entry.delivery, Delivery::Pending { .. }) {
                entry.delivery = Delivery::Superseded { at: unix_now() };
            }
        }
        log.erased = Some(unix_now());
        log.updated = unix_now();
        batch.insert(key_of(b"t/", log.thread.as_bytes()), encode(&log)?);
        self.inner.tree.apply_batch(batch)?;
        Ok(log)
    }

    // ----- receiving -----

    /// Handles a step another node sent; returns the signed receipt, and
    /// whether the sender misbehaved (sent something no honest node sends:
    /// not a step envelope, or a forged signature).
    pub async fn receive(&self, bytes: &[u8]) -> (Vec<u8>, bool) {
        let hash = RecordHash::of(bytes);
        let mut misbehaved = false;
        let (status, head, refusal) = match self.receive_step(bytes).await {
            Ok((status, head)) => (status, head, None),
            Err(Receive::Refused(e)) => (ReceiptStatus::Refused, None, Some(e)),
            Err(Receive::Garbage(e)) => {
                misbehaved = true;
                (ReceiptStatus::Refused, None, Some(e))
            }
            Err(Receive::Conflict(head)) => (ReceiptStatus::Conflict, Some(head), None),
            Err(Receive::Retry(why)) => {
                tracing::debug!(%why, "a mobility step must be sent again later");
                (ReceiptStatus::Retry, None, Some(ValidationError::new("step", why)))
            }
        };
        if let Some(e) = &refusal
            && status == ReceiptStatus::Refused
        {
            // The rule may quote what the step held: only the field is logged.
            tracing::info!(field = %e.field, "refused a mobility step");
        }
        let key = self.inner.publisher.key();
        let receipt =
            sign_receipt(key.signing_key(), self.network_name(), &hash, status, unix_now(), head, refusal.as_ref())
                .unwrap_or_default();
        (receipt, misbehaved)
    }

    async fn receive_step(&self, bytes: &[u8]) -> Result<(ReceiptStatus, Option<RecordHash>), Receive> {
        let step = VerifiedStep::open(bytes, &self.ctx()).map_err(|e| match e {
            RecordError::Rule(rule) => Receive::Refused(rule),
            // A newer version's step: refused, but an honest node may send it.
            RecordError::Payload(_) => Receive::Refused(ValidationError::new("step", e.to_string())),
            // One of the two clocks is off: try again later.
            RecordError::FromTheFuture { .. } => Receive::Retry(e.to_string()),
            RecordError::TooLarge { .. } | RecordError::Envelope(_) | RecordError::BadSignature => {
                Receive::Garbage(ValidationError::new("step", e.to_string()))
            }
        })?;
        let me = self.me();
        if !self.is_same_institution(&step.to, &me) {
            return Err(Receive::Refused(ValidationError::new(
                "to",
                format!("this node speaks for {}, not for the addressee", me.to_did()),
            )));
        }
        let _guard = self.inner.lock.lock().await;
        if self.inner.tree.contains_key(key_of(b"s/", &step.hash.0)).map_err(|e| Receive::internal(e.into()))? {
            return Ok((ReceiptStatus::Duplicate, None));
        }
        let thread_id = step.payload.thread.clone();
        let log = self.read_log(&thread_id).map_err(Receive::internal)?;
        let Some(mut log) = log else {
            return match &step.body {
                StepBody::Interest(interest) => {
                    self.open_thread(step.clone(), interest).await.map(|h| (ReceiptStatus::Accepted, Some(h)))
                }
                // Nothing held about the thread: nothing to erase.
                StepBody::Erasure(_) => Ok((ReceiptStatus::Accepted, None)),
                _ => Err(Receive::Refused(ValidationError::new(
                    "thread",
                    format!("{thread_id} is unknown here; a thread starts with an interest"),
                ))),
            };
        };
        let party_key = |key: InstitutionId| step.author == key;
        let erasure_by_successor = matches!(step.body, StepBody::Erasure(_))
            && (self.is_same_institution(&log.school(), &step.author)
                || self.is_same_institution(&log.host(), &step.author));
        if !party_key(log.school()) && !party_key(log.host()) && !erasure_by_successor {
            return Err(Receive::Refused(ValidationError::new("kid", "the author is not a party of this thread")));
        }
        if let StepBody::Erasure(_) = step.body {
            if log.erased.is_some() {
                // Erased already: nothing more to keep.
                return Ok((ReceiptStatus::Accepted, None));
            }
            let from = if step.author == log.school() { Party::School } else { Party::Host };
            log = self.erase_locally(log).map_err(Receive::internal)?;
            self.commit_received(log, &step, from, None).await.map_err(Receive::internal)?;
            return Ok((ReceiptStatus::Accepted, None));
        }
        if log.erased.is_some() {
            return Err(Receive::Refused(ValidationError::new("thread", "was erased at the learner's request")));
        }
        if log.entries.len() >= MAX_STEPS_PER_THREAD {
            return Err(Receive::Refused(ValidationError::new(
                "thread",
                format!("holds {MAX_STEPS_PER_THREAD} steps, the most one thread may"),
            )));
        }
        let mut thread = self.rebuild(&log).map_err(Receive::internal)?.ok_or(Receive::Retry("erased".into()))?;
        let party = thread.party_of(&step.author).unwrap_or(Party::School);
        match thread.check(&step) {
            Ok(()) => {}
            Err(StepRefusal::Refused(e)) => return Err(Receive::Refused(e)),
            Err(StepRefusal::Missing(why)) => return Err(Receive::Retry(why)),
            Err(StepRefusal::NotAtHead { head }) => {
                // Both parties took a step after the same link. The branch
                // whose first step has the lower hash wins, on both nodes.
                let len = thread.links().len();
                let fork = step.prev().and_then(|prev| thread.position(&prev));
                let Some(fork) = fork.filter(|k| step.payload.n == Some(*k as u32 + 1) && k + 1 < len) else {
                    return if step.payload.n.unwrap_or(0) as usize > len {
                        Err(Receive::Retry("an earlier step of this thread has not arrived yet".into()))
                    } else {
                        Err(Receive::Conflict(head))
                    };
                };
                let branch = &thread.links()[fork + 1..];
                if branch.iter().any(|l| l.author == step.author) {
                    return Err(Receive::Refused(ValidationError::new(
                        "prev",
                        "does not follow the steps its own author took since",
                    )));
                }
                if step.hash > branch[0].hash {
                    return Err(Receive::Conflict(head));
                }
                // Checked on a copy first: a step that is refused anyway must
                // not cost this node its own branch.
                let mut trial = thread.clone();
                let dropped = trial.truncate(fork + 1);
                trial.check(&step).map_err(|e| match e {
                    StepRefusal::Refused(rule) => Receive::Refused(rule),
                    StepRefusal::Missing(why) => Receive::Retry(why),
                    StepRefusal::NotAtHead { head } => Receive::Conflict(head),
                })?;
                self.supersede(&mut log, &dropped).map_err(Receive::internal)?;
                thread = trial;
            }
        }
        thread.push_trusted(step.clone());
        self.commit_received(log, &step, party, Some(thread.status())).await.map_err(Receive::internal)?;
        Ok((ReceiptStatus::Accepted, Some(thread.head())))
    }

    /// An interest opens a thread here when it is about one of this
    /// institution's live offers and its author has room for more threads.
    async fn open_thread(&self, step: VerifiedStep, interest: &InterestBody) -> Result<RecordHash, Receive> {
        let me = self.me();
        let offer = credentials::live(&self.inner.store, me, &RecordKind::Offer, &interest.offer)
            .map_err(|e| Receive::internal(e.into()))?;
        if offer.is_none() {
            return Err(Receive::Refused(ValidationError::new(
                "body.offer",
                format!("this institution has no live offer {:?}", interest.offer),
            )));
        }
        if credentials::institution(&self.inner.store, step.author).map_err(|e| Receive::internal(e.into()))?.is_none()
        {
            // Not refused for good: the profile may still be on its way.
            return Err(Receive::Retry("this node holds no profile of the school yet".into()));
        }
        let mut open = 0;
        for item in self.inner.tree.scan_prefix(b"t/") {
            let (_, bytes) = item.map_err(|e| Receive::internal(e.into()))?;
            let log: ThreadLog = decode(&bytes).map_err(Receive::internal)?;
            let closed = log.erased.is_some() || matches!(log.status.as_str(), "refused" | "recognised" | "cancelled");
            if log.school == step.author.as_bytes() && !closed {
                open += 1;
            }
        }
        if open >= MAX_THREADS_PER_INSTITUTION {
            return Err(Receive::Refused(ValidationError::new(
                "thread",
                format!("the school has {MAX_THREADS_PER_INSTITUTION} threads here, the most one institution may"),
            )));
        }
        let thread = Thread::start(self.network_name(), step.clone())
            .map_err(|e| Receive::Refused(ValidationError::new("step", e.to_string())))?;
        let now = unix_now();
        let log = ThreadLog {
            thread: thread.id.clone(),
            school: step.author.as_bytes().to_vec(),
            host: me.as_bytes().to_vec(),
            offer: interest.offer.clone(),
            created: now,
            updated: now,
            status: ThreadStatus::Interested.as_str().to_owned(),
            entries: Vec::new(),
            erased: None,
        };
        self.commit_received(log, &step, Party::School, Some(ThreadStatus::Interested))
            .await
            .map_err(Receive::internal)?;
        Ok(step.hash)
    }

    /// Stores a step that arrived, with its log entry; `status` is the
    /// thread's status with it (`None` for an erasure, which keeps it).
    async fn commit_received(
        &self,
        mut log: ThreadLog,
        step: &VerifiedStep,
        from: Party,
        status: Option<ThreadStatus>,
    ) -> Result<(), MobilityError> {
        let now = unix_now();
        if let Some(status) = status {
            log.status = status.as_str().to_owned();
        }
        log.entries.push(LogEntry {
            hash: step.hash.0.to_vec(),
            kind: step.kind(),
            from: party_name(from),
            ts: step.payload.ts,
            delivery: Delivery::Received { at: now },
        });
        log.updated = now;
        let mut batch = sled::Batch::default();
        batch.insert(key_of(b"s/", &step.hash.0), step.bytes.clone());
        batch.insert(key_of(b"t/", log.thread.as_bytes()), encode(&log)?);
        self.inner.tree.apply_batch(batch)?;
        self.flush().await
    }

    /// Marks `dropped` steps superseded (or refused) in `log` and removes
    /// their outbox entries, in one write.
    fn supersede(&self, log: &mut ThreadLog, dropped: &[VerifiedStep]) -> Result<(), MobilityError> {
        let mut batch = sled::Batch::default();
        self.supersede_into(&mut batch, log, dropped)?;
        batch.insert(key_of(b"t/", log.thread.as_bytes()), encode(&*log)?);
        self.inner.tree.apply_batch(batch)?;
        Ok(())
    }

    /// [`Mobility::supersede`] into `batch`; the caller writes the log.
    fn supersede_into(
        &self,
        batch: &mut sled::Batch,
        log: &mut ThreadLog,
        dropped: &[VerifiedStep],
    ) -> Result<(), MobilityError> {
        let now = unix_now();
        let me = self.me();
        for step in dropped {
            if let Some(entry) = log.entry_mut(&step.hash) {
                entry.delivery = Delivery::Superseded { at: now };
            }
            // A credential issued with a completion that never reached the
            // school was never received by the learner: it is not kept.
            if let StepBody::Completion(completion) = &step.body
                && let Some(credential) = &completion.credential
                && step.author == me
            {
                self.inner.issuer.forget(&credential.id)?;
            }
        }
        for item in self.inner.tree.scan_prefix(b"o/") {
            let (key, value) = item?;
            let entry: OutboxEntry = decode(&value)?;
            if dropped.iter().any(|s| s.hash.0[..] == entry.hash[..]) {
                batch.remove(key);
            }
        }
        log.status = self.status_of(log)?;
        Ok(())
    }

    // ----- delivering -----

    /// Wakes the outbox now, whatever the backoff (a peer connected).
    pub fn retry_now(&self) {
        self.inner.retry_now.notify_one();
    }

    /// Steps still to deliver.
    pub fn outbox_len(&self) -> usize {
        self.inner.tree.scan_prefix(b"o/").count()
    }

    /// Delivers the outbox until `shutdown`: when a step is taken, when a
    /// peer connects, and on a timer for the rest.
    pub async fn run_outbox(self, mut shutdown: watch::Receiver<bool>) {
        let mut timer = tokio::time::interval(self.inner.timing.outbox_retry_min);
        timer.set_missed_tick_behavior(tokio::time::MissedTickBehavior::Delay);
        loop {
            let force = tokio::select! {
                _ = self.inner.outbox_changed.notified() => false,
                _ = self.inner.retry_now.notified() => true,
                _ = timer.tick() => false,
                _ = shutdown.changed() => break,
            };
            if let Err(e) = self.deliver(force).await {
                tracing::warn!(error = %e, "mobility outbox delivery failed");
            }
        }
    }

    /// One pass over the outbox. Each thread's steps go in the order they
    /// were taken, and a thread whose step was not taken sends nothing after
    /// it in this pass; threads are served concurrently (at most
    /// [`CONCURRENT_THREADS`]), so one unreachable partner, or one thread
    /// waiting for something, does not hold up the others.
    pub async fn deliver(&self, force: bool) -> Result<(), MobilityError> {
        let mut queues: BTreeMap<String, OutboxQueue> = BTreeMap::new();
        for item in self.inner.tree.scan_prefix(b"o/") {
            let (key, value) = item?;
            let entry: OutboxEntry = decode(&value)?;
            queues.entry(entry.thread.clone()).or_default().push((key, entry));
        }
        let results: Vec<Result<(), MobilityError>> = futures::stream::iter(queues)
            .map(|(_, queue)| self.deliver_queue(queue, force))
            .buffer_unordered(CONCURRENT_THREADS)
            .collect()
            .await;
        results.into_iter().collect()
    }

    /// Delivers one thread's steps in order, until one is not taken.
    async fn deliver_queue(&self, queue: OutboxQueue, force: bool) -> Result<(), MobilityError> {
        let now_ms = unix_now().saturating_mul(1000);
        for (key, entry) in queue {
            if !force && entry.next_attempt_ms > now_ms {
                return Ok(());
            }
            if !self.outbox_holds(&key, &entry)? {
                // Superseded or refused earlier in this pass.
                continue;
            }
            let Some(bytes) = self.inner.tree.get(key_of(b"s/", &entry.hash))? else {
                self.inner.tree.remove(&key)?;
                continue;
            };
            let to = InstitutionId::from_bytes(entry.to.as_slice().try_into().unwrap_or([0; 32]));
            let step = hex::encode(&entry.hash[..8]);
            tracing::debug!(thread = %entry.thread, %step, attempts = entry.attempts, "sending a mobility step");
            match self.send(to, bytes.to_vec()).await {
                Ok(receipt) if receipt.payload.status != ReceiptStatus::Retry => {
                    tracing::debug!(thread = %entry.thread, %step, status = %receipt.payload.status, "receipt");
                    self.apply_receipt(&key, &entry, receipt).await?;
                }
                Ok(receipt) => {
                    let why = receipt.payload.reason.clone().unwrap_or_else(|| "the other node asked to retry".into());
                    tracing::debug!(thread = %entry.thread, %step, %why, "the other node asks to retry");
                    self.back_off(&key, &entry, why).await?;
                    return Ok(());
                }
                Err(why) => {
                    tracing::debug!(thread = %entry.thread, %step, error = %why, "not delivered");
                    self.back_off(&key, &entry, why).await?;
                    return Ok(());
                }
            }
        }
        Ok(())
    }

    /// Sends step bytes to one of `to`'s nodes (from its profile) and checks
    /// the receipt.
    async fn send(&self, to: InstitutionId, bytes: Vec<u8>) -> Result<VerifiedReceipt, String> {
        let nodes = self.nodes_of(to).map_err(|e| e.to_string())?;
        if nodes.is_empty() {
            return Err(format!("no node address of {} is known yet (its profile has not arrived)", to.to_did()));
        }
        let hash = RecordHash::of(&bytes);
        let mut last_error = String::new();
        for (peer, addrs) in nodes {
            match self.inner.network.send_direct(peer, addrs, bytes.clone()).await {
                Ok(answer) => match VerifiedReceipt::open(&answer, self.network_name()) {
                    Ok(receipt) if self.is_same_institution(&to, &receipt.signer) && receipt.step == hash => {
                        return Ok(receipt);
                    }
                    Ok(_) => last_error = "the receipt is not signed by the addressee for this step".into(),
                    Err(e) => last_error = format!("the other node sent an invalid receipt: {e}"),
                },
                Err(e) => last_error = e.to_string(),
            }
        }
        Err(last_error)
    }

    /// The nodes an institution's profile lists.
    fn nodes_of(&self, institution: InstitutionId) -> Result<Vec<(PeerId, Vec<Multiaddr>)>, MobilityError> {
        // After a rotation the profile is signed by the current key.
        let current = self.inner.store.key_ledger().current_key(&institution);
        let Some((_, profile)) = credentials::institution(&self.inner.store, current)? else {
            return Ok(Vec::new());
        };
        Ok(profile
            .nodes
            .iter()
            .filter_map(|node| {
                let peer = node.peer_id.parse::<PeerId>().ok()?;
                let addrs = node.addrs.iter().filter_map(|a| a.parse::<Multiaddr>().ok()).collect();
                Some((peer, addrs))
            })
            .collect())
    }

    /// Whether the outbox still holds `entry` under `key`.
    fn outbox_holds(&self, key: &sled::IVec, entry: &OutboxEntry) -> Result<bool, MobilityError> {
        Ok(match self.inner.tree.get(key)? {
            Some(value) => decode::<OutboxEntry>(&value)?.hash == entry.hash,
            None => false,
        })
    }

    async fn back_off(&self, key: &sled::IVec, entry: &OutboxEntry, why: String) -> Result<(), MobilityError> {
        let _guard = self.inner.lock.lock().await;
        if !self.outbox_holds(key, entry)? {
            return Ok(());
        }
        let timing = &self.inner.timing;
        let attempts = entry.attempts.saturating_add(1);
        let wait = timing.outbox_retry_min.saturating_mul(1u32 << attempts.min(16)).min(timing.outbox_retry_max);
        let mut updated = entry.clone();
        updated.attempts = attempts;
        updated.next_attempt_ms = unix_now().saturating_mul(1000).saturating_add(wait.as_millis() as u64);
        let mut batch = sled::Batch::default();
        batch.insert(key.clone(), encode(&updated)?);
        if let Some(mut log) = self.read_log(&entry.thread)? {
            if let Some(e) = log.entries.iter_mut().find(|e| e.hash == entry.hash) {
                e.delivery = Delivery::Pending { attempts, last_error: Some(why) };
            }
            batch.insert(key_of(b"t/", log.thread.as_bytes()), encode(&log)?);
        }
        self.inner.tree.apply_batch(batch)?;
        Ok(())
    }

    /// Records the other node's answer to a delivered step.
    async fn apply_receipt(
        &self,
        key: &sled::IVec,
        entry: &OutboxEntry,
        receipt: VerifiedReceipt,
    ) -> Result<(), MobilityError> {
        let _guard = self.inner.lock.lock().await;
        if !self.outbox_holds(key, entry)? {
            // Superseded or erased meanwhile: keep the receipt only.
            self.inner.tree.insert(key_of(b"r/", &entry.hash), receipt.bytes.clone())?;
            return Ok(());
        }
        let Some(mut log) = self.read_log(&entry.thread)? else {
            self.inner.tree.remove(key)?;
            return Ok(());
        };
        let hash =
            RecordHash(entry.hash.as_slice().try_into().map_err(|_| MobilityError::Corrupt("outbox hash".into()))?);
        let now = unix_now();
        let mut batch = sled::Batch::default();
        batch.remove(key.clone());
        batch.insert(key_of(b"r/", &hash.0), receipt.bytes.clone());
        match receipt.payload.status {
            ReceiptStatus::Accepted | ReceiptStatus::Duplicate | ReceiptStatus::Retry => {
                if let Some(e) = log.entry_mut(&hash) {
                    e.delivery = Delivery::Delivered { at: now };
                }
                log.updated = now;
                batch.insert(key_of(b"t/", log.thread.as_bytes()), encode(&log)?);
                self.inner.tree.apply_batch(batch)?;
            }
            ReceiptStatus::Refused | ReceiptStatus::Conflict => {
                // One write: the outbox entry, the receipt, the dropped
                // steps and the log change together.
                let field = receipt.payload.field.clone().unwrap_or_else(|| "step".into());
                let reason =
                    receipt.payload.reason.clone().unwrap_or_else(|| "the other party took a step first".into());
                tracing::info!(thread = %entry.thread, %field, "the other node did not take a step");
                // The step, and any link of ours after it, leave the thread.
                let mut dropped = Vec::new();
                if log.erased.is_none()
                    && let Some(mut thread) = self.rebuild(&log)?
                {
                    if let Some(position) = thread.position(&hash) {
                        dropped = thread.truncate(position);
                    } else if let Some(signature) = thread.signatures().iter().find(|s| s.hash == hash) {
                        dropped.push(signature.clone());
                    }
                }
                self.supersede_into(&mut batch, &mut log, &dropped)?;
                if receipt.payload.status == ReceiptStatus::Refused
                    && let Some(e) = log.entry_mut(&hash)
                {
                    e.delivery = Delivery::Refused { field, reason };
                }
                log.status = self.status_of(&log)?;
                if !log.entries.iter().any(|e| e.delivery.is_active() && e.kind.is_link()) {
                    // The interest itself was refused: the thread never opened there.
                    log.status = "refused".to_owned();
                }
                log.updated = now;
                batch.insert(key_of(b"t/", log.thread.as_bytes()), encode(&log)?);
                self.inner.tree.apply_batch(batch)?;
            }
        }
        self.flush().await
    }
}

/// Why a received step was not taken.
enum Receive {
    Refused(ValidationError),
    /// Refused, and no honest node sends it.
    Garbage(ValidationError),
    Conflict(RecordHash),
    Retry(String),
}

impl Receive {
    fn internal(e: MobilityError) -> Self {
        tracing::warn!(error = %e, "a mobility step could not be handled");
        Receive::Retry(format!("the node could not store it: {e}"))
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
