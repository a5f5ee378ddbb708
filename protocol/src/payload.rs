//! The signed payload of every record, and the kinds of record this version
//! understands.

use std::fmt;

use serde::{Deserialize, Serialize};

use crate::InstitutionId;
use crate::achievement::AchievementBody;
use crate::delegation::DelegationBody;
use crate::endorsement::EndorsementBody;
use crate::event::EventBody;
use crate::issuance_stats::IssuanceStatsBody;
use crate::key_lifecycle::{KeyRevocationBody, KeyRotationBody};
use crate::need::NeedBody;
use crate::network::NetworkProfileBody;
use crate::offer::OfferBody;
use crate::profile::ProfileBody;
use crate::resource::ResourceBody;
use crate::revocation::RevocationBody;
use crate::skills_need::SkillsNeedBody;

/// The payload format version this crate writes and understands.
pub const FORMAT_VERSION: u32 = 1;

/// The CBOR map inside the COSE_Sign1 envelope. Field order here is the order
/// on the wire when this crate encodes; readers accept any order and ignore
/// top-level fields they do not know.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
pub struct Payload {
    /// Format version, [`FORMAT_VERSION`].
    pub v: u32,
    /// Network name, so a record cannot be replayed into another network.
    pub net: String,
    /// Record kind: `profile`, `offer`, `need`, `achievement`, `revocation`,
    /// `delegation`, `endorsement`, `key-rotation`, `key-revocation`, `event`, or a
    /// kind a later version defines.
    /// `delegation`, `endorsement`, `key-rotation`, `key-revocation`,
    /// `skills-need`, `resource`, `issuance-stats`, or a kind a later version
    /// defines.
    pub kind: String,
    /// The record's name within its author and kind.
    pub id: String,
    /// Version: for the same author, kind and id, the higher `seq` wins.
    pub seq: u64,
    /// Unix seconds when signed.
    pub ts: u64,
    /// The kind's fields. Absent in a withdrawal.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub body: Option<ciborium::Value>,
    /// `true` in a withdrawal (tombstone), which replaces the record and
    /// removes it from search everywhere.
    #[serde(default, skip_serializing_if = "std::ops::Not::not")]
    pub withdrawn: bool,
}

impl Payload {
    /// A payload carrying `body`, encoded to a CBOR value with its maps in
    /// deterministic order (as a reader decodes it).
    pub fn with_body<B: Serialize>(
        net: &str,
        kind: RecordKind,
        id: &str,
        seq: u64,
        ts: u64,
        body: &B,
    ) -> Result<Self, crate::cbor::EncodeError> {
        Ok(Self {
            v: FORMAT_VERSION,
            net: net.to_owned(),
            kind: kind.as_str().to_owned(),
            id: id.to_owned(),
            seq,
            ts,
            body: Some(crate::cbor::to_deterministic_value(body)?),
            withdrawn: false,
        })
    }

    /// A withdrawal of the record `kind`/`id`.
    pub fn withdrawal(net: &str, kind: RecordKind, id: &str, seq: u64, ts: u64) -> Self {
        Self {
            v: FORMAT_VERSION,
            net: net.to_owned(),
            kind: kind.as_str().to_owned(),
            id: id.to_owned(),
            seq,
            ts,
            body: None,
            withdrawn: true,
        }
    }

    /// The payload's `kind` as a [`RecordKind`].
    pub fn record_kind(&self) -> RecordKind {
        RecordKind::from(self.kind.as_str())
    }
}

/// The record kinds this version interprets; any other valid kind is stored
/// and forwarded without being interpreted.
#[derive(Debug, Clone, PartialEq, Eq, Hash)]
pub enum RecordKind {
    /// `profile`: who an institution is; one per author.
    Profile,
    /// `offer`: a placement for foreign VET learners at the author.
    Offer,
    /// `need`: a sending school's mobility need for a group of learners.
    Need,
    /// `achievement`: the public definition of a micro-credential.
    Achievement,
    /// `revocation`: a credential the author issued is no longer valid; final.
    Revocation,
    /// `delegation`: another institution may issue one of the author's achievements.
    Delegation,
    /// `endorsement`: the author vouches for another institution.
    Endorsement,
    /// `key-rotation`: the author's key hands over to a successor; final.
    KeyRotation,
    /// `key-revocation`: a key is invalid from a moment on; final.
    KeyRevocation,
    /// `network-profile`: a network's scope, coordinator, topics and joining.
    NetworkProfile,
    /// `event`: a meeting the author organises.
    Event,
    /// `skills-need`: the competences a region needs.
    SkillsNeed,
    /// `resource`: a document of a shared toolbox, by link and hash.
    Resource,
    /// `issuance-stats`: credentials issued per achievement in a quarter.
    IssuanceStats,
    /// A kind this version does not interpret, by its name.
    Other(String),
}

impl RecordKind {
    /// Kinds whose records are final: a withdrawal of them is refused.
    pub fn is_final(&self) -> bool {
        matches!(self, RecordKind::Revocation | RecordKind::KeyRotation | RecordKind::KeyRevocation)
    }

    /// The kind's name as it appears in the payload's `kind`.
    pub fn as_str(&self) -> &str {
        match self {
            RecordKind::Profile => "profile",
            RecordKind::Offer => "offer",
            RecordKind::Need => "need",
            RecordKind::Achievement => "achievement",
            RecordKind::Revocation => "revocation",
            RecordKind::Delegation => "delegation",
            RecordKind::Endorsement => "endorsement",
            RecordKind::KeyRotation => "key-rotation",
            RecordKind::KeyRevocation => "key-revocation",
            RecordKind::NetworkProfile => "network-profile",
            RecordKind::Event => "event",
            RecordKind::SkillsNeed => "skills-need",
            RecordKind::Resource => "resource",
            RecordKind::IssuanceStats => "issuance-stats",
            RecordKind::Other(kind) => kind,
        }
    }
}

impl From<&str> for RecordKind {
    fn from(kind: &str) -> Self {
        match kind {
            "profile" => RecordKind::Profile,
            "offer" => RecordKind::Offer,
            "need" => RecordKind::Need,
            "achievement" => RecordKind::Achievement,
            "revocation" => RecordKind::Revocation,
            "delegation" => RecordKind::Delegation,
            "endorsement" => RecordKind::Endorsement,
            "key-rotation" => RecordKind::KeyRotation,
            "key-revocation" => RecordKind::KeyRevocation,
            "network-profile" => RecordKind::NetworkProfile,
            "event" => RecordKind::Event,
            "skills-need" => RecordKind::SkillsNeed,
            "resource" => RecordKind::Resource,
            "issuance-stats" => RecordKind::IssuanceStats,
            other => RecordKind::Other(other.to_owned()),
        }
    }
}

impl fmt::Display for RecordKind {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.write_str(self.as_str())
    }
}

/// What identifies a record across its versions: author, kind and id.
#[derive(Debug, Clone, PartialEq, Eq, Hash, PartialOrd, Ord)]
pub struct RecordKey {
    /// The institution whose key signed the record (the envelope's `kid`).
    pub author: InstitutionId,
    /// The payload's `kind`.
    pub kind: String,
    /// The payload's `id`: the record's name within its author and kind.
    pub id: String,
}

impl RecordKey {
    /// A byte key that sorts by author, then kind, then id:
    /// `author (32 bytes) || kind || 0x00 || id`. Kind and id never contain
    /// a zero byte (see the rules), so the key is unambiguous.
    pub fn to_bytes(&self) -> Vec<u8> {
        let mut key = Vec::with_capacity(32 + self.kind.len() + 1 + self.id.len());
        key.extend_from_slice(self.author.as_bytes());
        key.extend_from_slice(self.kind.as_bytes());
        key.push(0);
        key.extend_from_slice(self.id.as_bytes());
        key
    }

    /// The inverse of [`RecordKey::to_bytes`].
    pub fn from_bytes(bytes: &[u8]) -> Option<Self> {
        let (author, rest) = bytes.split_at_checked(32)?;
        let zero = rest.iter().position(|b| *b == 0)?;
        Some(Self {
            author: InstitutionId::from_bytes(author.try_into().ok()?),
            kind: String::from_utf8(rest[..zero].to_vec()).ok()?,
            id: String::from_utf8(rest[zero + 1..].to_vec()).ok()?,
        })
    }
}

/// What a verified record holds, interpreted as far as this version can.
#[derive(Debug, Clone, PartialEq)]
pub enum Content {
    /// A `profile` body.
    Profile(Box<ProfileBody>),
    /// An `offer` body.
    Offer(Box<OfferBody>),
    /// A `need` body.
    Need(Box<NeedBody>),
    /// An `achievement` body.
    Achievement(Box<AchievementBody>),
    /// A `revocation` body.
    Revocation(RevocationBody),
    /// A `delegation` body.
    Delegation(DelegationBody),
    /// An `endorsement` body.
    Endorsement(EndorsementBody),
    /// A `key-rotation` body.
    KeyRotation(KeyRotationBody),
    /// A `key-revocation` body.
    KeyRevocation(KeyRevocationBody),
    /// A `network-profile` body.
    NetworkProfile(Box<NetworkProfileBody>),
    /// An `event` body.
    Event(Box<EventBody>),
    /// A `skills-need` body.
    SkillsNeed(Box<SkillsNeedBody>),
    /// A `resource` body.
    Resource(Box<ResourceBody>),
    /// An `issuance-stats` body.
    IssuanceStats(IssuanceStatsBody),
    /// A withdrawal of the record with the same key.
    Withdrawn,
    /// A kind this version does not know: stored and forwarded as is.
    Uninterpreted,
}
