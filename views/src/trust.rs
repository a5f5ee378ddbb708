//! Trust, endorsements and keys: how far this node trusts an institution
//! and why, who endorses whom, and this institution's key lifecycle.

use serde::{Deserialize, Serialize};
use utoipa::ToSchema;

use crate::content::{EndorsementRole, KeyRevocation, KeyRotation};
use crate::record::PublishedView;
use crate::word_enum;

word_enum! {
    /// How far this node trusts an institution.
    pub enum TrustLevel {
        Anchor = "anchor",
        EndorsedByAnchor = "endorsed-by-anchor",
        EndorsedViaChain = "endorsed-via-chain",
        Unverified = "unverified",
        Revoked = "revoked",
        /// The trust graph could not be built (`error` says why).
        Unknown = "unknown",
    }
}

/// An institution's trust: its level and the endorsement path to an anchor.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize, ToSchema)]
pub struct TrustView {
    pub level: TrustLevel,
    /// The length of `path`; absent only with `error`.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub depth: Option<usize>,
    /// The endorsements from an anchor down to the institution; absent only
    /// with `error`.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub path: Option<Vec<TrustStep>>,
    /// The key the institution signs with now, when it rotated away from
    /// the key asked about.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub current_key: Option<String>,
    /// Why the trust is unknown.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub error: Option<String>,
}

/// One endorsement on a trust path.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize, ToSchema)]
pub struct TrustStep {
    pub endorser: String,
    pub endorser_name: Option<String>,
    pub subject: String,
    pub subject_name: Option<String>,
    pub role: EndorsementRole,
    pub network_name: Option<String>,
    pub until: Option<String>,
}

/// An institution: its key, name and trust.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize, ToSchema)]
pub struct InstitutionView {
    /// Its `did:key`.
    pub institution: String,
    pub name: Option<String>,
    pub trust: TrustView,
}

/// Which way an endorsement goes from the institution asked about.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize, Deserialize, ToSchema)]
#[serde(rename_all = "lowercase")]
pub enum Direction {
    Given,
    Received,
}

/// A live endorsement given or received by the institution asked about.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize, ToSchema)]
pub struct EndorsementRow {
    pub endorser: String,
    pub endorser_name: Option<String>,
    pub subject: String,
    pub subject_name: Option<String>,
    pub role: EndorsementRole,
    pub network_name: Option<String>,
    pub until: Option<String>,
    /// Past its `until` day.
    pub expired: bool,
    pub direction: Direction,
}

/// `GET /v1/endorsements`.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize, ToSchema)]
pub struct EndorsementsView {
    pub institution: String,
    pub given: Vec<EndorsementRow>,
    pub received: Vec<EndorsementRow>,
}

/// `GET /v1/keys`: this institution's keys.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize, ToSchema)]
pub struct KeysView {
    /// The key it signs with now.
    pub current: String,
    /// Set when the current key is revoked.
    pub revoked: Option<KeyRevokedView>,
    /// The keys it rotated from, newest first.
    pub previous: Vec<PreviousKey>,
}

/// Who revoked a key, and from when.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize, ToSchema)]
pub struct KeyRevokedView {
    pub by: String,
    pub since: u64,
}

/// A key the institution rotated away from.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize, ToSchema)]
pub struct PreviousKey {
    pub key: String,
    pub rotated_to: Option<String>,
    pub rotated_at: Option<u64>,
    /// Whether its secret is still kept in this data directory.
    pub held_here: bool,
}

/// `POST /v1/keys/rotate`.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize, ToSchema)]
pub struct RotationView {
    pub old: String,
    pub new: String,
    /// How many live records were re-signed with the new key.
    pub carried: usize,
    pub rotation: PublishedView<KeyRotation>,
}

/// A published key revocation.
pub type KeyRevocationPublished = PublishedView<KeyRevocation>;

/// The body of `POST /v1/trust/anchors`.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize, ToSchema)]
#[serde(deny_unknown_fields)]
pub struct AnchorInput {
    /// The anchor's `did:key`.
    pub institution: String,
}

/// The body of `POST /v1/endorsements`.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize, ToSchema)]
#[serde(deny_unknown_fields)]
pub struct EndorseInput {
    pub subject: String,
    /// `member`, `partner` or `accreditor`.
    pub role: String,
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub network_name: Option<String>,
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub until: Option<String>,
}

/// The body of `POST /v1/endorsements/withdraw`.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize, ToSchema)]
#[serde(deny_unknown_fields)]
pub struct WithdrawEndorsementsInput {
    pub subject: String,
    /// Only the endorsements of this role; all of them if absent.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub role: Option<String>,
}

/// The body of `POST /v1/keys/revoke`.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize, ToSchema)]
#[serde(deny_unknown_fields)]
pub struct RevokeKeyInput {
    /// The key to revoke; this institution's current key if absent.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub key: Option<String>,
    /// Unix seconds from which the key's records are invalid; now if absent.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub since: Option<u64>,
    /// `compromised`, `lost` or `retired`.
    pub reason: String,
}
