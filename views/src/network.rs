//! Networks of institutions: their profiles, members and the applications
//! to join them (`/v1/networks…`, `/v1/applications…`).

use serde::{Deserialize, Serialize};
use utoipa::ToSchema;

/// A network's coordinator.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize, ToSchema)]
pub struct CoordinatorView {
    pub name: String,
    pub email: String,
}

/// A network: an institution of kind `network` with its network profile.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize, ToSchema)]
pub struct NetworkView {
    /// The network's `did:key`.
    pub network: String,
    pub name: String,
    /// Where the network itself is registered (ISO 3166-1).
    pub country: String,
    /// The countries it works in.
    pub countries: Vec<String>,
    /// The NUTS regions it works in; empty when it works in the whole of
    /// its countries.
    pub regions: Vec<String>,
    pub coordinator: CoordinatorView,
    pub topics: Vec<String>,
    /// Working languages (BCP 47).
    pub languages: Vec<String>,
    /// `open` (every application is accepted) or `application`.
    pub joining: String,
    /// Live `member` endorsements the network published.
    pub members: usize,
}

/// A member of a network, from the network's `member` endorsement.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize, ToSchema)]
pub struct MemberView {
    /// The member's `did:key`.
    pub institution: String,
    /// From its profile, when held.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub name: Option<String>,
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub country: Option<String>,
    /// Its kind of institution, when its profile is held.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub kind: Option<String>,
    /// Unix seconds of the endorsement: since when it is a member.
    pub since: u64,
}

/// How far an outgoing letter got.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize, ToSchema)]
pub struct LetterDeliveryView {
    /// The addressee's node answered with a receipt.
    pub delivered: bool,
    pub attempts: u32,
    /// Why the last attempt failed, or why the addressee's node refused it.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub last_error: Option<String>,
}

/// An application to join a network, as the applicant or the network sees it.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize, ToSchema)]
pub struct ApplicationView {
    /// The application letter's id (`l-…`).
    pub id: String,
    /// `sent` (this node applied) or `received` (this node is the network).
    pub direction: String,
    pub applicant: String,
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub applicant_name: Option<String>,
    pub network: String,
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub network_name: Option<String>,
    pub motivation: String,
    /// Unix seconds when it was signed.
    pub ts: u64,
    /// `pending`, `accepted` or `refused`.
    pub status: String,
    /// With `refused`: why.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub reason: Option<String>,
    /// Unix seconds of the answer.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub answered: Option<u64>,
    /// For a sent application: how far the letter got.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub delivery: Option<LetterDeliveryView>,
}

/// The body of `PUT /v1/network-profile`.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize, ToSchema)]
#[serde(deny_unknown_fields)]
pub struct NetworkProfileInput {
    pub countries: Vec<String>,
    #[serde(default)]
    pub regions: Vec<String>,
    pub coordinator_name: String,
    pub coordinator_email: String,
    #[serde(default)]
    pub topics: Vec<String>,
    pub languages: Vec<String>,
    /// `open` or `application`.
    pub joining: String,
}

/// The body of `POST /v1/networks/{did}/applications`.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize, ToSchema)]
#[serde(deny_unknown_fields)]
pub struct ApplyInput {
    /// Why the institution wants to join.
    pub motivation: String,
}

/// The body of a refusal, a leaving or an ending.
#[derive(Debug, Clone, Default, PartialEq, Eq, Serialize, Deserialize, ToSchema)]
#[serde(deny_unknown_fields)]
pub struct ReasonInput {
    /// Why; required to refuse an application.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub reason: Option<String>,
}

/// A membership that ended.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize, ToSchema)]
pub struct MembershipEndedView {
    pub network: String,
    pub member: String,
    /// The letter that tells the other side (`l-…`).
    pub letter: String,
}

/// A registration for a meeting, as the attendee's node or the organiser's
/// node holds it. Only these two nodes ever see it.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize, ToSchema)]
pub struct RegistrationView {
    /// The registration letter's id (`l-…`).
    pub id: String,
    /// `sent` (this node registered someone) or `received` (for an own event).
    pub direction: String,
    /// The event's record id.
    pub event: String,
    pub organiser: String,
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub organiser_name: Option<String>,
    /// The institution whose node sent the registration.
    pub institution: String,
    pub name: String,
    pub email: String,
    /// Unix seconds when it was signed.
    pub ts: u64,
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub delivery: Option<LetterDeliveryView>,
}

/// The body of `POST /v1/events/{organiser}/{id}/registrations`.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize, ToSchema)]
#[serde(deny_unknown_fields)]
pub struct RegisterInput {
    /// The attendee's name.
    pub name: String,
    /// The attendee's email address.
    pub email: String,
}
