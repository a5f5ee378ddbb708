//! Publishing in the institution's name: sign, check exactly as peers will,
//! store and flush, then gossip. A record stored here is never lost to the
//! network: until some peer has taken it, it waits in the outbox, which is
//! sent again whenever a peer joins the topic.

use std::sync::Arc;

use serde::Serialize;
use tokio::sync::Mutex;
use vetnet_protocol::limits::MAX_RECORD_BYTES;
use vetnet_protocol::need::NeedBody;
use vetnet_protocol::offer::OfferBody;
use vetnet_protocol::profile::{PROFILE_ID, ProfileBody};
use vetnet_protocol::{
    Content, InstitutionId, InstitutionKey, Payload, RecordError, RecordKey, RecordKind, ValidationContext,
    ValidationError, VerifiedRecord,
};

use vetnet_protocol::endorsement::{EndorsementBody, EndorsementRole, endorsement_id};
use vetnet_protocol::key_lifecycle::{
    KEY_ROTATION_ID, KeyRevocationBody, KeyRevocationReason, KeyRotationBody, key_revocation_id,
};

use crate::clock::Clock;
use crate::data_dir::DataDir;
use crate::keys;
use crate::network::{NetworkClient, PublishOutcome};
use crate::store::key_ledger::KeyRefusal;
use crate::store::{InsertOutcome, RecordStore, StoreError};

#[derive(Debug, thiserror::Error)]
pub enum PublishError {
    /// The admin's input breaks a rule; the message names the field.
    #[error("{0}")]
    Invalid(#[from] ValidationError),
    #[error("no {kind} with id {id:?} is published by this institution")]
    NotFound { kind: String, id: String },
    #[error("the {kind} {id:?} was withdrawn; publish it again to reopen it")]
    Withdrawn { kind: String, id: String },
    #[error("an {kind} with id {id:?} already exists; use update to change it")]
    AlreadyExists { kind: String, id: String },
    #[error("cannot sign the record: {0}")]
    Record(RecordError),
    /// The body does not encode as CBOR (a bug, not the admin's input).
    #[error("cannot sign the record: its body cannot be encoded: {0}")]
    Body(#[source] vetnet_protocol::cbor::EncodeError),
    #[error(transparent)]
    Store(#[from] StoreError),
    #[error("the store task failed: {0}")]
    Task(#[from] tokio::task::JoinError),
    /// The store refused an own record: the key rotated or was revoked.
    #[error("{0}")]
    KeyRetired(String),
    #[error("{0}")]
    Keys(#[from] crate::data_dir::DataDirError),
    /// A key action that does not apply (revoking a key one does not endorse).
    #[error("{0}")]
    NotAllowed(String),
}

impl From<RecordError> for PublishError {
    fn from(e: RecordError) -> Self {
        match e {
            RecordError::Rule(rule) => PublishError::Invalid(rule),
            other => PublishError::Record(other),
        }
    }
}

/// How far a published record got.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum GossipState {
    /// Handed to at least one peer.
    Sent,
    /// Stored and queued; it goes out when a peer joins.
    Queued,
}

/// What a key rotation did.
#[derive(Debug, Clone)]
pub struct KeyRotated {
    pub old: InstitutionId,
    pub new: InstitutionId,
    /// Live records signed again by the new key.
    pub carried: usize,
    pub rotation: Published,
}

#[derive(Debug, Clone)]
pub struct Published {
    pub record: VerifiedRecord,
    pub gossip: GossipState,
}

/// Whether a publish creates, replaces, or either.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum PublishMode {
    Create,
    Update,
    Upsert,
}

/// Publishes this institution's records. Cheap to clone.
#[derive(Clone)]
pub struct Publisher {
    inner: Arc<Inner>,
}

struct Inner {
    /// Replaced by a key rotation; everything else reads it through `key()`.
    key: std::sync::RwLock<Arc<InstitutionKey>>,
    store: RecordStore,
    /// Gossips what is stored; `None` for a publisher without a network,
    /// whose records wait in the outbox.
    network: Option<NetworkClient>,
    network_name: String,
    /// Record timestamps and the "from the future" check read this.
    clock: Clock,
    /// One publish at a time, so each gets the next seq of its key.
    sequence: Mutex<()>,
}

/// Deprecated: read the node's [`crate::Clock`] instead. This re-export of
/// [`crate::clock::unix_now`] stays until every caller is handed a clock (it
/// is not marked `#[deprecated]`, which would fail their `-D warnings`).
pub use crate::clock::unix_now;

impl Publisher {
    pub fn new(
        key: InstitutionKey,
        store: RecordStore,
        network: NetworkClient,
        network_name: String,
        clock: Clock,
    ) -> Self {
        Self::with_network(key, store, Some(network), network_name, clock)
    }

    /// A publisher without a network (tests, offline tools): records are
    /// signed and stored, and wait in the outbox for a node to send them.
    pub fn offline(key: InstitutionKey, store: RecordStore, network_name: String, clock: Clock) -> Self {
        Self::with_network(key, store, None, network_name, clock)
    }

    fn with_network(
        key: InstitutionKey,
        store: RecordStore,
        network: Option<NetworkClient>,
        network_name: String,
        clock: Clock,
    ) -> Self {
        let key = std::sync::RwLock::new(Arc::new(key));
        Self { inner: Arc::new(Inner { key, store, network, network_name, clock, sequence: Mutex::new(()) }) }
    }

    /// The node's clock, which every record this publisher signs is dated by.
    pub fn clock(&self) -> &Clock {
        &self.inner.clock
    }

    /// The institution's current key, for credentials signed in its name.
    pub fn key(&self) -> Arc<InstitutionKey> {
        self.inner.key.read().unwrap_or_else(std::sync::PoisonError::into_inner).clone()
    }

    pub fn network_name(&self) -> &str {
        &self.inner.network_name
    }

    pub fn institution(&self) -> InstitutionId {
        self.key().id()
    }

    fn key_of(&self, kind: &RecordKind, id: &str) -> RecordKey {
        RecordKey { author: self.institution(), kind: kind.as_str().to_owned(), id: id.to_owned() }
    }

    /// This institution's newest version of `kind`/`id`, withdrawn or not.
    pub fn own(&self, kind: &RecordKind, id: &str) -> Result<Option<VerifiedRecord>, StoreError> {
        self.inner.store.get(&self.key_of(kind, id))
    }

    pub fn profile(&self) -> Result<Option<ProfileBody>, StoreError> {
        Ok(self.own(&RecordKind::Profile, PROFILE_ID)?.and_then(|r| match r.content {
            Content::Profile(profile) => Some(*profile),
            _ => None,
        }))
    }

    pub async fn publish_profile(&self, profile: &ProfileBody) -> Result<Published, PublishError> {
        self.publish(RecordKind::Profile, PROFILE_ID, profile, PublishMode::Upsert).await
    }

    pub async fn publish_offer(
        &self,
        id: &str,
        offer: &OfferBody,
        mode: PublishMode,
    ) -> Result<Published, PublishError> {
        self.publish(RecordKind::Offer, id, offer, mode).await
    }

    pub async fn publish_need(&self, id: &str, need: &NeedBody, mode: PublishMode) -> Result<Published, PublishError> {
        self.publish(RecordKind::Need, id, need, mode).await
    }

    /// Signs `body` as the next version of `kind`/`id` and publishes it.
    pub async fn publish<B: Serialize>(
        &self,
        kind: RecordKind,
        id: &str,
        body: &B,
        mode: PublishMode,
    ) -> Result<Published, PublishError> {
        let _turn = self.inner.sequence.lock().await;
        let held = self.own(&kind, id)?;
        let not_found = || PublishError::NotFound { kind: kind.to_string(), id: id.to_owned() };
        match (mode, &held) {
            (PublishMode::Create, Some(record)) if !record.is_withdrawn() => {
                return Err(PublishError::AlreadyExists { kind: kind.to_string(), id: id.to_owned() });
            }
            (PublishMode::Update, None) => return Err(not_found()),
            (PublishMode::Update, Some(record)) if record.is_withdrawn() => {
                return Err(PublishError::Withdrawn { kind: kind.to_string(), id: id.to_owned() });
            }
            _ => {}
        }
        let seq = held.map_or(1, |r| r.payload.seq + 1);
        let payload = Payload::with_body(&self.inner.network_name, kind, id, seq, self.inner.clock.now_unix(), body)
            .map_err(PublishError::Body)?;
        self.sign_store_send(&payload).await
    }

    /// Signs again, as their next versions with the same content, the own
    /// live records (withdrawals included) whose bytes this version no
    /// longer accepts: records signed before payloads had to be
    /// deterministic CBOR (docs/OPERATIONS.md, "Upgrades"). Peers refuse the
    /// old bytes, so without this an upgraded node's records would stop
    /// travelling. Key rotations and key revocations keep their bytes: a new
    /// version of them is refused once they took effect. A record whose
    /// content breaks a rule tightened since is left as it is, with a
    /// warning. Returns how many were signed again.
    pub async fn renew_older_encodings(&self) -> Result<usize, PublishError> {
        let _turn = self.inner.sequence.lock().await;
        let store = self.inner.store.clone();
        let me = self.institution();
        let own = tokio::task::spawn_blocking(move || store.all_by_author(&me)).await??;
        let mut renewed = 0;
        for record in own {
            let kind = record.payload.record_kind();
            if matches!(kind, RecordKind::KeyRotation | RecordKind::KeyRevocation) || record.has_strict_encoding() {
                continue;
            }
            let payload =
                Payload { seq: record.payload.seq + 1, ts: self.inner.clock.now_unix(), ..record.payload.clone() };
            match self.sign_store_send(&payload).await {
                Ok(_) => renewed += 1,
                Err(e) => tracing::warn!(
                    %kind, id = %record.payload.id, error = %e,
                    "an own record in an older encoding cannot be signed again; peers refuse it as it is"
                ),
            }
        }
        Ok(renewed)
    }

    /// Publishes a withdrawal of `kind`/`id`, which must be live.
    pub async fn withdraw(&self, kind: RecordKind, id: &str) -> Result<Published, PublishError> {
        let _turn = self.inner.sequence.lock().await;
        let held = self.own(&kind, id)?;
        let seq = match held {
            Some(record) if !record.is_withdrawn() => record.payload.seq + 1,
            _ => return Err(PublishError::NotFound { kind: kind.to_string(), id: id.to_owned() }),
        };
        let payload = Payload::withdrawal(&self.inner.network_name, kind, id, seq, self.inner.clock.now_unix());
        self.sign_store_send(&payload).await
    }

    async fn sign_store_send(&self, payload: &Payload) -> Result<Published, PublishError> {
        self.sign_store_send_with(&self.key(), payload).await
    }

    async fn sign_store_send_with(&self, key: &InstitutionKey, payload: &Payload) -> Result<Published, PublishError> {
        check_size(payload)?;
        let ctx = ValidationContext { network: &self.inner.network_name, now: self.inner.clock.now_unix() };
        let record = key.sign_checked(payload, &ctx)?;
        let mut published = self.store_and_send(vec![record]).await?;
        Ok(published.remove(0))
    }

    /// Stores own records in one write with their outbox entries, flushes,
    /// then gossips them in order.
    async fn store_and_send(&self, records: Vec<VerifiedRecord>) -> Result<Vec<Published>, PublishError> {
        let store = self.inner.store.clone();
        let stored = records.clone();
        let outcomes = tokio::task::spawn_blocking(move || {
            let outcomes = store.insert_own_batch(&stored)?;
            store.flush()?;
            Ok::<_, StoreError>(outcomes)
        })
        .await??;
        if let Some(refusal) = outcomes.iter().find_map(|o| match o {
            InsertOutcome::Refused(refusal) => Some(*refusal),
            _ => None,
        }) {
            return Err(PublishError::KeyRetired(describe_refusal(&refusal)));
        }
        let mut published = Vec::with_capacity(records.len());
        for record in records {
            let gossip = self.send(&record).await;
            published.push(Published { record, gossip });
        }
        Ok(published)
    }

    /// Gossips one stored own record; leaves it in the outbox unless a peer took it.
    async fn send(&self, record: &VerifiedRecord) -> GossipState {
        let Some(network) = &self.inner.network else { return GossipState::Queued };
        match network.publish(record.bytes.clone()).await {
            Ok(PublishOutcome::Sent | PublishOutcome::AlreadySent) => {
                if let Err(e) = self.inner.store.outbox_remove(&record.hash) {
                    tracing::warn!(error = %e, "cannot clear the outbox entry");
                }
                GossipState::Sent
            }
            Ok(PublishOutcome::NoPeers) => {
                tracing::info!(hash = %record.hash, "no peer on the topic yet; the record waits in the outbox");
                GossipState::Queued
            }
            Err(e) => {
                tracing::warn!(error = %e, "gossip failed; the record waits in the outbox");
                GossipState::Queued
            }
        }
    }

    /// Publishes (or renews) this institution's endorsement of `subject`.
    pub async fn endorse(&self, endorsement: &EndorsementBody) -> Result<Published, PublishError> {
        let subject = endorsement.subject_id().ok_or_else(|| {
            ValidationError::new(
                "subject",
                format!("must be an institution's did:key:z6Mk… (got {:?})", endorsement.subject),
            )
        })?;
        let id = endorsement_id(&subject, endorsement.role, endorsement.network_name.as_deref());
        self.publish(RecordKind::Endorsement, &id, endorsement, PublishMode::Upsert).await
    }

    /// Withdraws this institution's live endorsements of `subject` (of one
    /// role, or all). Fails if there is none.
    pub async fn withdraw_endorsements(
        &self,
        subject: &InstitutionId,
        role: Option<EndorsementRole>,
    ) -> Result<Vec<Published>, PublishError> {
        let ids: Vec<String> = self
            .inner
            .store
            .by_author(&self.institution(), &RecordKind::Endorsement)?
            .into_iter()
            .filter_map(|record| match &record.content {
                Content::Endorsement(e)
                    if e.subject_id() == Some(*subject) && role.is_none_or(|role| role == e.role) =>
                {
                    Some(record.payload.id.clone())
                }
                _ => None,
            })
            .collect();
        if ids.is_empty() {
            return Err(PublishError::NotFound { kind: "endorsement".into(), id: subject.to_did() });
        }
        let mut withdrawn = Vec::with_capacity(ids.len());
        for id in ids {
            withdrawn.push(self.withdraw(RecordKind::Endorsement, &id).await?);
        }
        Ok(withdrawn)
    }

    /// Rotates the institution key: a new key is created, the old key signs
    /// a `key-rotation` to it (countersigned by the new key), and every live
    /// record of the old key is signed again by the new one, all stored in
    /// one write. Then the new key replaces the old in the data directory
    /// (the old is kept in `retired-keys/`, so it can still revoke itself),
    /// and everything is gossiped. Records the old key signs afterwards are
    /// refused everywhere.
    pub async fn rotate_key(&self, dir: &DataDir) -> Result<KeyRotated, PublishError> {
        let _turn = self.inner.sequence.lock().await;
        let old = self.key();
        let network = self.inner.network_name.as_str();
        let new = Arc::new(keys::stage_next_institution_key(dir)?);
        let now = self.inner.clock.now_unix();
        let ctx = ValidationContext { network, now };
        let rotation = KeyRotationBody::new(network, &old.id(), new.signing_key());
        let rotation = Payload::with_body(network, RecordKind::KeyRotation, KEY_ROTATION_ID, 1, now, &rotation)
            .map_err(PublishError::Body)?;
        let mut records = vec![old.sign_checked(&rotation, &ctx)?];
        for record in self.inner.store.all_by_author(&old.id())? {
            let kind = record.payload.record_kind();
            if record.is_withdrawn() || kind.is_final() || kind == RecordKind::Revocation {
                continue;
            }
            let payload = Payload { seq: 1, ts: now, ..record.payload.clone() };
            records.push(new.sign_checked(&payload, &ctx)?);
        }
        let carried = records.len() - 1;
        let published = self.store_and_send(records).await?;
        keys::commit_next_institution_key(dir, &old.id())?;
        *self.inner.key.write().unwrap_or_else(std::sync::PoisonError::into_inner) = new.clone();
        tracing::warn!(old = %old.id(), new = %new.id(), carried, "institution key rotated");
        Ok(KeyRotated { old: old.id(), new: new.id(), carried, rotation: published[0].clone() })
    }

    /// Publishes a `key-revocation` of `key`: this institution's current key
    /// (then nothing more can be published with it), one of its retired keys
    /// (signed by that key, naming its successor), or another institution's
    /// key this institution endorses (counted by nodes that have it as an
    /// anchor).
    pub async fn revoke_key(
        &self,
        dir: &DataDir,
        key: &InstitutionId,
        since: u64,
        reason: KeyRevocationReason,
    ) -> Result<Published, PublishError> {
        let _turn = self.inner.sequence.lock().await;
        let current = self.key();
        let (signer, successor) = if *key == current.id() {
            (current, None)
        } else if let Some(retired) = keys::retired_institution_key(dir, key)? {
            let successor = self.inner.store.key_ledger().rotation(key).map(|r| r.next.to_did());
            (Arc::new(retired), successor)
        } else {
            let endorsed = self
                .inner
                .store
                .by_author(&current.id(), &RecordKind::Endorsement)?
                .iter()
                .any(|r| matches!(&r.content, Content::Endorsement(e) if e.subject_id() == Some(*key)));
            if !endorsed {
                return Err(PublishError::NotAllowed(format!(
                    "{key} is neither this institution's key nor one it endorses; a revocation by \
                     another institution counts only where it is a trust anchor that endorses the key"
                )));
            }
            (current, None)
        };
        let now = self.inner.clock.now_unix();
        let body = KeyRevocationBody { key: key.to_did(), since: since.min(now), reason, successor };
        let id = key_revocation_id(key);
        let held = self.inner.store.get(&RecordKey {
            author: signer.id(),
            kind: RecordKind::KeyRevocation.as_str().to_owned(),
            id: id.clone(),
        })?;
        let seq = held.map_or(1, |r| r.payload.seq + 1);
        let payload = Payload::with_body(&self.inner.network_name, RecordKind::KeyRevocation, &id, seq, now, &body)
            .map_err(PublishError::Body)?;
        self.sign_store_send_with(&signer, &payload).await
    }

    /// Sends every record still in the outbox. Returns how many went out.
    pub async fn flush_outbox(&self) -> Result<usize, StoreError> {
        let mut sent = 0;
        for record in self.inner.store.outbox()? {
            if self.send(&record).await == GossipState::Sent {
                sent += 1;
            }
        }
        Ok(sent)
    }
}

/// Bytes a tagged COSE_Sign1 envelope adds around a payload of
/// `payload_len` bytes, besides the payload's own byte-string header: the
/// tag and the array (2), the protected header `{1: -8, 4: h'<32 bytes>'}`
/// in its byte string (40), the empty unprotected header (1) and the
/// 64-byte signature in its byte string (66).
const ENVELOPE_BYTES: usize = 109;

/// The size of the CBOR head of a byte string or map value of `len`.
fn cbor_head_len(len: usize) -> usize {
    match len {
        0..24 => 1,
        24..256 => 2,
        256..65_536 => 3,
        65_536..=0xffff_ffff => 5,
        _ => 9,
    }
}

/// The size of the signed record `payload` makes, known before signing.
fn record_size(payload_len: usize) -> usize {
    ENVELOPE_BYTES + cbor_head_len(payload_len) + payload_len
}

fn encoded_len<T: Serialize + ?Sized>(value: &T) -> usize {
    let mut bytes = Vec::new();
    match ciborium::into_writer(value, &mut bytes) {
        Ok(()) => bytes.len(),
        // Not encodable: signing reports it.
        Err(_) => 0,
    }
}

/// Refuses, before signing, a payload whose record would be over
/// [`MAX_RECORD_BYTES`], naming the body field that weighs most: an
/// admin's input error, not the node's.
fn check_size(payload: &Payload) -> Result<(), ValidationError> {
    let size = record_size(encoded_len(payload));
    if size <= MAX_RECORD_BYTES {
        return Ok(());
    }
    let heaviest = match &payload.body {
        Some(ciborium::Value::Map(entries)) => entries
            .iter()
            .filter_map(|(key, value)| key.as_text().map(|key| (key, encoded_len(value))))
            .max_by_key(|(_, len)| *len),
        _ => None,
    };
    Err(match heaviest {
        Some((key, len)) => ValidationError::new(
            format!("body.{key}"),
            format!(
                "is too large: it is {len} bytes encoded, which makes the record {size} bytes; \
                 a record is at most {MAX_RECORD_BYTES} bytes"
            ),
        ),
        None => ValidationError::new(
            "body",
            format!("is too large: the record would be {size} bytes; a record is at most {MAX_RECORD_BYTES} bytes"),
        ),
    })
}

fn utc(seconds: u64) -> String {
    i64::try_from(seconds)
        .ok()
        .and_then(|s| chrono::DateTime::from_timestamp(s, 0))
        .map_or_else(|| seconds.to_string(), |t| t.format("%Y-%m-%d %H:%M UTC").to_string())
}

/// A refusal in words an admin can act on.
pub fn describe_refusal(refusal: &KeyRefusal) -> String {
    match refusal {
        KeyRefusal::Rotated { next, at } => {
            format!("the key was replaced by {next} at {}; what it signs later is refused", utc(*at))
        }
        KeyRefusal::Revoked { by, since } => format!(
            "the key was revoked by {by} from {} on; nothing it signs after that is accepted \
             (its owner needs a new institution key, endorsed again)",
            utc(*since)
        ),
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    fn payload_with_title(chars: usize) -> Payload {
        let body = serde_json::json!({ "title": { "en": "x".repeat(chars) }, "isced": "0715" });
        Payload::with_body("vetnet-test", RecordKind::Offer, "o1", 1, 1_700_000_000, &body).unwrap()
    }

    #[test]
    fn the_size_known_before_signing_is_the_signed_size() {
        let key = InstitutionKey::from_secret_bytes(&[7; 32]);
        for chars in [0, 10, 100, 300, 70_000] {
            let payload = payload_with_title(chars);
            let signed = key.sign(&payload).unwrap();
            assert_eq!(record_size(encoded_len(&payload)), signed.len(), "title of {chars} characters");
        }
    }

    #[test]
    fn an_oversize_payload_names_its_heaviest_field() {
        assert_eq!(check_size(&payload_with_title(100)), Ok(()));
        let refused = check_size(&payload_with_title(200_000)).unwrap_err();
        assert_eq!(refused.field, "body.title");
        assert!(refused.rule.contains("at most 49152 bytes"), "{}", refused.rule);
    }
}
