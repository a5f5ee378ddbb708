//! Record views: a signed record's envelope facts and its author's trust,
//! then the body fields at the top level.

use serde::{Deserialize, Serialize};
use utoipa::ToSchema;

use crate::content::{
    Achievement, Delegation, Endorsement, KeyRevocation, KeyRotation, Need, Offer, Profile, Revocation,
};
use crate::trust::TrustView;

/// A record as the API shows it. `body` is absent for a withdrawn record
/// (its body was erased) and for a kind this node cannot read.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize, ToSchema)]
pub struct RecordView<B> {
    /// The record id, unique per author and kind.
    pub id: String,
    /// The author's `did:key`.
    pub author: String,
    /// The author's name from its profile; absent when this node has none.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub author_name: Option<String>,
    /// How far this node trusts the author.
    pub trust: TrustView,
    /// The record kind (`offer`, `need`, `profile`, …).
    pub kind: String,
    /// The author's sequence number of this version of the record.
    pub seq: u64,
    /// Unix seconds the author signed it.
    pub ts: u64,
    /// The record hash, hex.
    pub hash: String,
    pub withdrawn: bool,
    #[serde(flatten)]
    pub body: Option<B>,
}

/// An offer record.
pub type OfferView = RecordView<Offer>;
/// A need record.
pub type NeedView = RecordView<Need>;
/// A profile record.
pub type ProfileView = RecordView<Profile>;
/// An achievement record.
pub type AchievementView = RecordView<Achievement>;
/// An endorsement record.
pub type EndorsementView = RecordView<Endorsement>;
/// A delegation record.
pub type DelegationView = RecordView<Delegation>;
/// A credential revocation record.
pub type RevocationView = RecordView<Revocation>;
/// A key rotation record.
pub type KeyRotationView = RecordView<KeyRotation>;
/// A key revocation record.
pub type KeyRevocationView = RecordView<KeyRevocation>;

/// Whether a just-published record went out on gossip now, or waits in the
/// outbox for a peer.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize, Deserialize, ToSchema)]
#[serde(rename_all = "lowercase")]
pub enum GossipState {
    Sent,
    Queued,
}

/// The answer to a publish, update or withdraw: the record as stored, and
/// what became of its gossip.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize, ToSchema)]
pub struct PublishedView<B> {
    #[serde(flatten)]
    pub record: RecordView<B>,
    pub gossip: GossipState,
}
