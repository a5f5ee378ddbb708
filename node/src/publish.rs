//! Publishing in the institution's name: sign, check exactly as peers will,
//! store and flush, then gossip. A record stored here is never lost to the
//! network: until some peer has taken it, it waits in the outbox, which is
//! sent again whenever a peer joins the topic.

use std::sync::Arc;
use std::time::{SystemTime, UNIX_EPOCH};

use serde::Serialize;
use tokio::sync::Mutex;
use vetnet_protocol::offer::OfferBody;
use vetnet_protocol::profile::{PROFILE_ID, ProfileBody};
use vetnet_protocol::{
    Content, InstitutionId, InstitutionKey, Payload, RecordError, RecordKey, RecordKind, ValidationContext,
    ValidationError, VerifiedRecord,
};

use crate::network::{NetworkClient, PublishOutcome};
use crate::store::{RecordStore, StoreError};

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
    #[error(transparent)]
    Store(#[from] StoreError),
    #[error("the store task failed: {0}")]
    Task(String),
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
    key: InstitutionKey,
    store: RecordStore,
    network: NetworkClient,
    network_name: String,
    /// One publish at a time, so each gets the next seq of its key.
    sequence: Mutex<()>,
}

pub fn unix_now() -> u64 {
    SystemTime::now().duration_since(UNIX_EPOCH).map_or(0, |d| d.as_secs())
}

impl Publisher {
    pub fn new(key: InstitutionKey, store: RecordStore, network: NetworkClient, network_name: String) -> Self {
        Self { inner: Arc::new(Inner { key, store, network, network_name, sequence: Mutex::new(()) }) }
    }

    /// The institution's key, for credentials signed in its name.
    pub fn key(&self) -> &InstitutionKey {
        &self.inner.key
    }

    pub fn network_name(&self) -> &str {
        &self.inner.network_name
    }

    pub fn institution(&self) -> InstitutionId {
        self.inner.key.id()
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
        let payload = Payload::with_body(&self.inner.network_name, kind, id, seq, unix_now(), body)
            .map_err(|e| PublishError::Record(RecordError::Payload(e.to_string())))?;
        self.sign_store_send(&payload).await
    }

    /// Publishes a withdrawal of `kind`/`id`, which must be live.
    pub async fn withdraw(&self, kind: RecordKind, id: &str) -> Result<Published, PublishError> {
        let _turn = self.inner.sequence.lock().await;
        let held = self.own(&kind, id)?;
        let seq = match held {
            Some(record) if !record.is_withdrawn() => record.payload.seq + 1,
            _ => return Err(PublishError::NotFound { kind: kind.to_string(), id: id.to_owned() }),
        };
        let payload = Payload::withdrawal(&self.inner.network_name, kind, id, seq, unix_now());
        self.sign_store_send(&payload).await
    }

    async fn sign_store_send(&self, payload: &Payload) -> Result<Published, PublishError> {
        let ctx = ValidationContext { network: &self.inner.network_name, now: unix_now() };
        let record = self.inner.key.sign_checked(payload, &ctx)?;
        let store = self.inner.store.clone();
        let stored = record.clone();
        tokio::task::spawn_blocking(move || {
            store.insert_with_outbox(&stored, true)?;
            store.flush()
        })
        .await
        .map_err(|e| PublishError::Task(e.to_string()))??;
        let gossip = self.send(&record).await;
        Ok(Published { record, gossip })
    }

    /// Gossips one stored own record; leaves it in the outbox unless a peer took it.
    async fn send(&self, record: &VerifiedRecord) -> GossipState {
        match self.inner.network.publish(record.bytes.clone()).await {
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
