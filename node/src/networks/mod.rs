//! Networks of institutions: a network's profile, its members (the `member`
//! endorsements it publishes), and joining by letter.
//!
//! An institution applies with a `network-application` letter that goes
//! straight to the network's node (never onto gossip: it may carry a
//! person's words). The network's node keeps the applications; accepting
//! publishes the member endorsement and answers with an
//! `application-answer` letter, refusing answers with the reason. A network
//! whose joining is `open` accepts every application as it arrives. A
//! member leaves with a `membership-end` letter, on which the network's
//! node withdraws its endorsement; a network ends a membership by
//! withdrawing the endorsement and telling the member the same way.
//!
//! - [`letters`]: the letters sent and received, and their delivery.
//! - [`receive`]: a letter from another node, answered with a receipt.
//! - [`registrations`]: registrations for meetings, kept by the organiser,
//!   whose node publishes the count as the event's `registered`.
//! - [`views`]: networks, members and applications as the API shows them.

pub mod letters;
mod receive;
mod registrations;
pub mod views;

use std::sync::Arc;

use tokio::sync::{Mutex, Notify};
use vetnet_protocol::endorsement::{EndorsementBody, EndorsementRole};
use vetnet_protocol::letter::{
    AnswerBody, ApplicationBody, Decision, LetterBody, LetterDraft, MembershipEndBody, VerifiedLetter, sign_letter,
};
use vetnet_protocol::network::{NETWORK_PROFILE_ID, NetworkProfileBody};
use vetnet_protocol::profile::InstitutionKind;
use vetnet_protocol::{Content, InstitutionId, RecordError, RecordKind, ValidationContext, ValidationError};

use crate::clock::Clock;
use crate::mobility::StepCourier;
use crate::network::NetworkTiming;
use crate::publish::{PublishError, PublishMode, Published, Publisher};
use crate::store::{RecordStore, StoreError};
use letters::{Answer, INCOMING, OUTGOING};

#[derive(Debug, thiserror::Error)]
pub enum NetworksError {
    /// The request breaks a rule: the field and the rule.
    #[error("{0}")]
    Refused(ValidationError),
    #[error("there is no application {0:?} on this node")]
    UnknownApplication(String),
    #[error(transparent)]
    Record(#[from] RecordError),
    #[error(transparent)]
    Store(#[from] StoreError),
    #[error(transparent)]
    Publish(#[from] PublishError),
    #[error("the letters database failed: {0}")]
    Sled(#[from] sled::Error),
    #[error("the letters database holds a damaged entry: {0}")]
    Damaged(String),
    #[error("this node holds {} letters, its limit; no more can be written or taken", letters::MAX_LETTERS)]
    Full,
    #[error("no randomness for a letter id: {0}")]
    Randomness(#[source] getrandom::Error),
}

fn refused(field: &str, rule: impl Into<String>) -> NetworksError {
    NetworksError::Refused(ValidationError::new(field, rule))
}

/// This institution's networks and memberships. Cheap to clone.
#[derive(Clone)]
pub struct Networks {
    inner: Arc<Inner>,
}

struct Inner {
    tree: sled::Tree,
    store: RecordStore,
    publisher: Publisher,
    /// Carries letters to their addressees (the mobility steps' courier).
    courier: Arc<dyn StepCourier>,
    timing: NetworkTiming,
    clock: Clock,
    /// Serialises answers, so one application is never answered twice.
    lock: Mutex<()>,
    outbox_changed: Notify,
    retry_now: Notify,
}

impl Networks {
    /// Opens the letters tree of `store`; letters leave through `courier`.
    pub fn open(
        store: RecordStore,
        publisher: Publisher,
        courier: Arc<dyn StepCourier>,
        timing: NetworkTiming,
        clock: Clock,
    ) -> Result<Self, NetworksError> {
        let tree = store.private_tree("letters")?;
        Ok(Self {
            inner: Arc::new(Inner {
                tree,
                store,
                publisher,
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

    /// Holds the lock that serialises answers to letters until the
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

    fn store(&self) -> &RecordStore {
        &self.inner.store
    }

    /// The kind of `institution`'s held profile.
    fn kind_of(&self, institution: InstitutionId) -> Result<Option<InstitutionKind>, NetworksError> {
        Ok(crate::credentials::institution(self.store(), institution)?.map(|(_, profile)| profile.institution))
    }

    /// The network profile of `network`, when it is a network and has one.
    fn network_profile(&self, network: InstitutionId) -> Result<Option<NetworkProfileBody>, NetworksError> {
        if self.kind_of(network)? != Some(InstitutionKind::Network) {
            return Ok(None);
        }
        let live = crate::credentials::live(self.store(), network, &RecordKind::NetworkProfile, NETWORK_PROFILE_ID)?;
        Ok(live.and_then(|record| match record.content {
            Content::NetworkProfile(body) => Some(*body),
            _ => None,
        }))
    }

    /// Publishes (or replaces) this institution's network profile; only an
    /// institution of kind `network` has one.
    pub async fn publish_profile(&self, body: &NetworkProfileBody) -> Result<Published, NetworksError> {
        match self.kind_of(self.me())? {
            Some(InstitutionKind::Network) => {}
            Some(kind) => {
                return Err(refused(
                    "institution",
                    format!(
                        "only an institution of kind network has a network profile; this one is a {}",
                        kind.as_str()
                    ),
                ));
            }
            None => return Err(refused("institution", "publish the institution's profile first (vetnet init)")),
        }
        let published = self
            .inner
            .publisher
            .publish(RecordKind::NetworkProfile, NETWORK_PROFILE_ID, body, PublishMode::Upsert)
            .await?;
        Ok(published)
    }

    /// The live `member` endorsement `network` holds of `member`, if any.
    fn member_endorsement(&self, network: InstitutionId, member: InstitutionId) -> Result<bool, NetworksError> {
        let today = self.inner.clock.today();
        Ok(self.store().by_author(&network, &RecordKind::Endorsement)?.iter().any(|record| {
            matches!(&record.content, Content::Endorsement(e)
                if e.role == EndorsementRole::Member
                    && e.subject_id() == Some(member)
                    && e.until.as_deref().is_none_or(|until| until >= today.as_str()))
        }))
    }

    fn letter_id() -> Result<String, NetworksError> {
        let mut bytes = [0u8; 12];
        getrandom::fill(&mut bytes).map_err(NetworksError::Randomness)?;
        Ok(format!("l-{}", hex::encode(bytes)))
    }

    fn sign(&self, to: InstitutionId, body: LetterBody) -> Result<VerifiedLetter, NetworksError> {
        let draft =
            LetterDraft { net: self.network_name().to_owned(), id: Self::letter_id()?, to, ts: self.now(), body };
        let ctx = ValidationContext { network: self.network_name(), now: self.now() };
        Ok(sign_letter(self.inner.publisher.key().signing_key(), draft, &ctx)?)
    }

    /// Applies to join `network` with a motivation; the letter goes to the
    /// network's node (now, or when it can be reached).
    pub async fn apply(&self, network: InstitutionId, motivation: &str) -> Result<String, NetworksError> {
        if network == self.me() {
            return Err(refused("network", "is this institution; an institution cannot join itself"));
        }
        if self.network_profile(network)?.is_none() {
            return Err(refused(
                "network",
                format!("{} is not a network this node knows: it holds no network profile of it", network.to_did()),
            ));
        }
        if self.member_endorsement(network, self.me())? {
            return Err(refused("network", "this institution is already a member"));
        }
        let pending = self.letters(OUTGOING)?.into_iter().any(|(entry, letter)| {
            letter.to == network && matches!(letter.body, LetterBody::Application(_)) && entry.answer.is_none()
        });
        if pending {
            return Err(refused("network", "an application to this network is waiting for its answer"));
        }
        let letter =
            self.sign(network, LetterBody::Application(ApplicationBody { motivation: motivation.to_owned() }))?;
        self.send(&letter, None).await?;
        Ok(letter.payload.id)
    }

    /// Accepts or refuses the application `id` this network received.
    pub async fn answer(&self, id: &str, decision: Decision, reason: Option<String>) -> Result<(), NetworksError> {
        let _guard = self.inner.lock.lock().await;
        let mut entry = self.entry(INCOMING, id)?.ok_or_else(|| NetworksError::UnknownApplication(id.to_owned()))?;
        let letter = self.reopen(&entry.bytes)?;
        if !matches!(letter.body, LetterBody::Application(_)) {
            return Err(NetworksError::UnknownApplication(id.to_owned()));
        }
        if let Some(answer) = &entry.answer {
            return Err(refused("application", format!("was already answered: {}", answer.decision)));
        }
        let body = AnswerBody { application: id.to_owned(), decision, reason: reason.clone() };
        // Signed before anything is published, so a bad reason changes nothing.
        let answer_letter = self.sign(letter.author, LetterBody::Answer(body))?;
        if decision == Decision::Accepted {
            let name = crate::credentials::institution(self.store(), self.me())?.map(|(i, _)| i.name);
            let endorsement = EndorsementBody {
                subject: letter.author.to_did(),
                role: EndorsementRole::Member,
                network_name: Some(name.unwrap_or_else(|| "network".to_owned())),
                until: None,
            };
            self.inner.publisher.endorse(&endorsement).await?;
        }
        let answer = Answer { decision: decision.as_str().to_owned(), reason, ts: self.now() };
        entry.answer = Some(answer.clone());
        self.put(INCOMING, id, &entry)?;
        self.send(&answer_letter, Some(answer)).await?;
        Ok(())
    }

    /// The id of the newest unanswered application from `applicant`.
    pub fn pending_application_from(&self, applicant: InstitutionId) -> Result<Option<String>, NetworksError> {
        Ok(self
            .letters(INCOMING)?
            .into_iter()
            .rev()
            .find(|(entry, letter)| {
                letter.author == applicant
                    && matches!(letter.body, LetterBody::Application(_))
                    && entry.answer.is_none()
            })
            .map(|(_, letter)| letter.payload.id))
    }

    /// This member leaves `network`: the network's node withdraws its
    /// endorsement when the letter arrives.
    pub async fn leave(&self, network: InstitutionId, reason: Option<String>) -> Result<String, NetworksError> {
        if !self.member_endorsement(network, self.me())? {
            return Err(refused("network", "this institution is not a member of it"));
        }
        let letter = self.sign(network, LetterBody::MembershipEnd(MembershipEndBody { reason }))?;
        self.send(&letter, None).await?;
        Ok(letter.payload.id)
    }

    /// This network ends `member`'s membership: withdraws the endorsement
    /// and tells the member.
    pub async fn end(&self, member: InstitutionId, reason: Option<String>) -> Result<String, NetworksError> {
        if !self.member_endorsement(self.me(), member)? {
            return Err(refused("member", "is not a member of this network"));
        }
        let letter = self.sign(member, LetterBody::MembershipEnd(MembershipEndBody { reason }))?;
        self.inner.publisher.withdraw_endorsements(&member, Some(EndorsementRole::Member)).await?;
        self.send(&letter, None).await?;
        Ok(letter.payload.id)
    }
}
