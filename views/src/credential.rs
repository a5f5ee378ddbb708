//! Credentials: issuing, listing, exporting, revoking, statistics and
//! verification.

use serde::{Deserialize, Serialize};
use utoipa::ToSchema;

use crate::content::{InstitutionKind, RevocationReason};
use crate::trust::TrustView;
use crate::word_enum;

/// An issued credential (its signed document is in [`CredentialDetail`]).
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize, ToSchema)]
pub struct CredentialSummary {
    /// `urn:uuid:<uuid>`.
    pub id: String,
    /// The achievement's id.
    pub achievement: String,
    /// The achievement's author's `did:key`.
    pub achievement_author: String,
    pub achievement_name: String,
    pub learner_name: String,
    /// Whether the credential carries the learner's (hashed) email.
    pub learner_email: bool,
    /// The day the learner earned it.
    pub awarded: String,
    pub valid_until: Option<String>,
    pub grade: Option<String>,
    /// Unix seconds.
    pub issued_at: u64,
    pub revoked: Option<RevokedView>,
}

/// A credential's revocation.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize, ToSchema)]
pub struct RevokedView {
    pub reason: RevocationReason,
    /// Unix seconds of the revocation record.
    pub ts: u64,
}

/// `GET /v1/credentials/{id}`: the summary and the signed document.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize, ToSchema)]
pub struct CredentialDetail {
    #[serde(flatten)]
    pub summary: CredentialSummary,
    /// The signed Open Badges 3.0 credential, as issued.
    #[schema(value_type = Object)]
    pub document: serde_json::Value,
}

/// `GET /v1/credentials/{id}/export`.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize, ToSchema)]
pub struct ExportView {
    /// `json` (Data Integrity proof) or `jwt`.
    pub format: String,
    pub content: String,
}

/// Credentials issued and revoked per achievement and month.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize, ToSchema)]
pub struct CredentialStatsRow {
    pub achievement: String,
    /// `YYYY-MM`.
    pub month: String,
    pub issued: u64,
    pub revoked: u64,
}

word_enum! {
    /// The outcome of verifying a credential, from best to worst reason.
    pub enum Verdict {
        Valid = "valid",
        Malformed = "malformed",
        Tampered = "tampered",
        UnknownIssuer = "unknown-issuer",
        NotDelegated = "not-delegated",
        KeyRetired = "key-retired",
        Revoked = "revoked",
        Expired = "expired",
        NotYetValid = "not-yet-valid",
    }
}

word_enum! {
    /// How one verification check went.
    pub enum CheckStatus {
        Pass = "pass",
        Skip = "skip",
        Fail = "fail",
    }
}

/// One check of a verification.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize, ToSchema)]
pub struct CheckView {
    pub name: String,
    pub status: CheckStatus,
    /// What the check found, in English.
    pub detail: String,
    /// The finding as a stable code (`proof-signed`, `revocation-revoked`,
    /// …) for a reader that words it in another language.
    pub code: String,
    /// The values the finding names (`issuer`, `day`, `reason`, …).
    #[serde(default)]
    pub args: std::collections::BTreeMap<String, String>,
}

/// `POST /v1/credentials/verify`: the verdict, each check, and what the
/// credential says. An invalid credential is an answer, not an error.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize, ToSchema)]
pub struct VerificationView {
    pub verdict: Verdict,
    pub valid: bool,
    /// The verdict in words.
    pub summary: String,
    /// The credential's format, when it could be read.
    pub format: Option<String>,
    pub checks: Vec<CheckView>,
    pub credential: Option<CredentialFactsView>,
    pub issuer: Option<IssuerView>,
    pub delegated_by: Option<DelegatorView>,
    pub revocation: Option<RevokedView>,
    /// The issuer's trust, when the credential names one.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub trust: Option<TrustView>,
}

/// What a verified credential says.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize, ToSchema)]
pub struct CredentialFactsView {
    pub id: String,
    pub name: String,
    pub issuer: String,
    pub issuer_name: Option<String>,
    pub learner_name: Option<String>,
    pub achievement: String,
    pub achievement_name: String,
    pub awarded: String,
    pub valid_from: String,
    pub valid_until: Option<String>,
}

/// The issuer of a verified credential, from its profile.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize, ToSchema)]
pub struct IssuerView {
    pub id: String,
    pub name: String,
    pub institution: InstitutionKind,
    pub country: String,
    pub city: Option<String>,
    pub website: Option<String>,
}

/// The achievement's author that delegated issuing to the issuer.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize, ToSchema)]
pub struct DelegatorView {
    pub id: String,
    pub name: String,
}

/// The body of `POST /v1/credentials`: every row is issued, or none.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize, ToSchema)]
#[serde(deny_unknown_fields)]
pub struct IssueInput {
    pub credentials: Vec<IssueRow>,
}

/// One credential to issue.
#[derive(Debug, Clone, Default, PartialEq, Eq, Serialize, Deserialize, ToSchema)]
#[serde(deny_unknown_fields)]
pub struct IssueRow {
    /// An achievement id of this institution, or `did:key:…/id` for one
    /// another institution delegated to this one.
    pub achievement: String,
    pub learner_name: String,
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub learner_email: Option<String>,
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub grade: Option<String>,
    /// The day the learner earned it, `YYYY-MM-DD`; default today.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub date: Option<String>,
    /// Last day it is valid; default: it does not expire.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub valid_until: Option<String>,
}

/// The body of `POST /v1/credentials/{id}/revoke`.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize, ToSchema)]
#[serde(deny_unknown_fields)]
pub struct RevokeCredentialInput {
    pub reason: RevocationReason,
}

/// The body of `POST /v1/delegations`.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize, ToSchema)]
#[serde(deny_unknown_fields)]
pub struct DelegateInput {
    pub achievement: String,
    pub delegate: String,
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub from: Option<String>,
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub until: Option<String>,
}

/// The body of `POST /v1/delegations/end`.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize, ToSchema)]
#[serde(deny_unknown_fields)]
pub struct EndDelegationInput {
    pub achievement: String,
    pub delegate: String,
}
