//! What a record says: the body fields of each record kind, as they appear
//! at the top level of a record view and in the request bodies that publish
//! them. Names, optional fields and words are those of `docs/PROTOCOL.md`.
//!
//! The objects nested in an admin's bodies refuse fields they do not know,
//! so a misspelt `mentr` is an error instead of a silently missing mentor.
//! The record bodies themselves (`Offer`, `Need`, `Profile`,
//! `Achievement`) are flattened into the record views the API answers, so
//! their schemas must allow the record's fields beside theirs: the API
//! checks their top-level fields itself (`api::unknown_field`). Records
//! from the network are decoded by the protocol, which ignores unknown
//! fields as `docs/PROTOCOL.md` says.

use std::collections::BTreeMap;

use serde::{Deserialize, Serialize};
use utoipa::ToSchema;

use crate::word_enum;

/// The same text in several languages, keyed by BCP 47 tag.
#[derive(Debug, Clone, Default, PartialEq, Eq, Serialize, Deserialize, ToSchema)]
#[serde(transparent)]
pub struct LangText(pub BTreeMap<String, String>);

impl LangText {
    /// Text in one language.
    pub fn new(lang: &str, text: &str) -> Self {
        Self(BTreeMap::from([(lang.to_owned(), text.to_owned())]))
    }

    /// Whether no language has a text.
    pub fn is_empty(&self) -> bool {
        self.0.is_empty()
    }

    /// The text in the first of `preferred` languages that is present, or
    /// else in English, or else in any language.
    pub fn best(&self, preferred: &[&str]) -> Option<&str> {
        preferred
            .iter()
            .chain(&["en"])
            .find_map(|lang| self.0.get(*lang))
            .or_else(|| self.0.values().next())
            .map(String::as_str)
    }
}

/// A mobility offer: a placement a host institution can give.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize, ToSchema)]
pub struct Offer {
    pub title: LangText,
    #[serde(default, skip_serializing_if = "LangText::is_empty")]
    pub description: LangText,
    /// ISCED-F field code.
    pub isced: String,
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub nace: Option<String>,
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub occupation: Option<String>,
    pub country: String,
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub city: Option<String>,
    pub eqf_min: u8,
    pub eqf_max: u8,
    pub places: u32,
    pub start: String,
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub end: Option<String>,
    pub weeks_min: u32,
    pub weeks_max: u32,
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub deadline: Option<String>,
    #[serde(default, skip_serializing_if = "Vec::is_empty")]
    pub languages: Vec<LanguageRequirement>,
    #[serde(default, skip_serializing_if = "Vec::is_empty")]
    pub outcomes: Vec<String>,
    #[serde(default, skip_serializing_if = "Vec::is_empty")]
    pub esco_skills: Vec<String>,
    #[serde(default)]
    pub conditions: Conditions,
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub contact: Option<Contact>,
}

/// A language the placement is in, with the level it needs.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize, ToSchema)]
#[serde(deny_unknown_fields)]
pub struct LanguageRequirement {
    pub lang: String,
    /// CEFR level, A1 to C2.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub cefr: Option<String>,
}

/// What the host provides.
#[derive(Debug, Clone, Default, PartialEq, Eq, Serialize, Deserialize, ToSchema)]
#[serde(deny_unknown_fields)]
pub struct Conditions {
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub accommodation: Option<Provision>,
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub meals: Option<Provision>,
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub stipend: Option<Stipend>,
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub insurance: Option<InsuranceCover>,
    #[serde(default)]
    pub minors: bool,
    #[serde(default)]
    pub mentor: bool,
}

word_enum! {
    /// Whether the host provides something (accommodation, meals).
    pub enum Provision {
        Provided = "provided",
        Assisted = "assisted",
        None = "none",
    }
}

word_enum! {
    /// Who insures the learner.
    pub enum InsuranceCover {
        Host = "host",
        SendingSchool = "sending-school",
        Learner = "learner",
        Shared = "shared",
    }
}

/// A stipend per week.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize, ToSchema)]
#[serde(deny_unknown_fields)]
pub struct Stipend {
    pub amount: u32,
    /// ISO 4217 code.
    pub currency: String,
}

/// Who to write to.
#[derive(Debug, Clone, Default, PartialEq, Eq, Serialize, Deserialize, ToSchema)]
#[serde(deny_unknown_fields)]
pub struct Contact {
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub name: Option<String>,
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub email: Option<String>,
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub phone: Option<String>,
}

/// A mobility need: placements a sending school looks for.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize, ToSchema)]
pub struct Need {
    pub title: LangText,
    #[serde(default, skip_serializing_if = "LangText::is_empty")]
    pub description: LangText,
    pub learners: u32,
    pub isced: String,
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub occupation: Option<String>,
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub qualification: Option<String>,
    pub eqf: u8,
    pub start: String,
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub end: Option<String>,
    pub weeks_min: u32,
    pub weeks_max: u32,
    #[serde(default, skip_serializing_if = "Vec::is_empty")]
    pub countries: Vec<String>,
    #[serde(default, skip_serializing_if = "Vec::is_empty")]
    pub nace: Vec<String>,
    #[serde(default, skip_serializing_if = "Vec::is_empty")]
    pub languages: Vec<LanguageRequirement>,
    pub age: AgeBand,
    #[serde(default, skip_serializing_if = "Vec::is_empty")]
    pub support: Vec<SupportNeed>,
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub support_note: Option<String>,
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub funding: Option<Funding>,
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub contact: Option<Contact>,
}

word_enum! {
    /// The learners' ages.
    pub enum AgeBand {
        Under18 = "under-18",
        Adults = "adults",
        Mixed = "mixed",
    }
}

word_enum! {
    /// Support the learners need.
    pub enum SupportNeed {
        Accessibility = "accessibility",
        AccompanyingTeacher = "accompanying-teacher",
        SpecialDiet = "special-diet",
        LearningSupport = "learning-support",
    }
}

word_enum! {
    /// How the mobility is paid for.
    pub enum Funding {
        ErasmusKa1Vet = "erasmus-ka1-vet",
        Nordplus = "nordplus",
        National = "national",
        Own = "own",
        Other = "other",
    }
}

/// An institution's profile.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize, ToSchema)]
pub struct Profile {
    pub name: LangText,
    pub institution: InstitutionKind,
    #[serde(default, skip_serializing_if = "Vec::is_empty")]
    pub vet: Vec<VetProvision>,
    pub country: String,
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub region: Option<String>,
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub city: Option<String>,
    /// The region as a NUTS 2024 code (level 1 to 3) in `country`.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub nuts: Option<String>,
    #[serde(default, skip_serializing_if = "Vec::is_empty")]
    pub isced: Vec<String>,
    #[serde(default, skip_serializing_if = "Vec::is_empty")]
    pub nace: Vec<String>,
    #[serde(default, skip_serializing_if = "Vec::is_empty")]
    pub languages: Vec<String>,
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub website: Option<String>,
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub email: Option<String>,
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub registration: Option<String>,
    #[serde(default, skip_serializing_if = "LangText::is_empty")]
    pub description: LangText,
    #[serde(default, skip_serializing_if = "Vec::is_empty")]
    pub nodes: Vec<NodeAddress>,
}

word_enum! {
    /// What kind of institution a profile describes.
    pub enum InstitutionKind {
        VetProvider = "vet-provider",
        Company = "company",
        Chamber = "chamber",
        PublicAgency = "public-agency",
        Network = "network",
    }
}

word_enum! {
    /// Initial or continuing VET.
    pub enum VetProvision {
        Ivet = "ivet",
        Cvet = "cvet",
    }
}

/// A node an institution runs, so that partners can reach it.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize, ToSchema)]
#[serde(deny_unknown_fields)]
pub struct NodeAddress {
    pub peer_id: String,
    #[serde(default, skip_serializing_if = "Vec::is_empty")]
    pub addrs: Vec<String>,
}

/// A learning achievement an institution awards credentials for.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize, ToSchema)]
pub struct Achievement {
    pub title: LangText,
    #[serde(default, skip_serializing_if = "LangText::is_empty")]
    pub description: LangText,
    pub country: String,
    pub outcomes: Vec<String>,
    #[serde(default, skip_serializing_if = "Vec::is_empty")]
    pub esco_skills: Vec<String>,
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub ects: Option<f64>,
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub hours: Option<u32>,
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub eqf: Option<u8>,
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub nqf: Option<String>,
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub isced: Option<String>,
    #[serde(default, skip_serializing_if = "Vec::is_empty")]
    pub languages: Vec<String>,
    pub assessment: String,
    pub participation: Participation,
    pub quality_assurance: String,
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub prerequisites: Option<String>,
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub supervision: Option<Supervision>,
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub stackability: Option<Stackability>,
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub further_information: Option<String>,
}

word_enum! {
    /// Where the learning happens.
    pub enum Participation {
        Online = "online",
        OnSite = "on-site",
        Blended = "blended",
        Workplace = "workplace",
    }
}

word_enum! {
    /// How the assessment is supervised.
    pub enum Supervision {
        Unsupervised = "unsupervised",
        SupervisedOnline = "supervised-online",
        OnSiteIdentityCheck = "on-site-identity-check",
    }
}

word_enum! {
    /// Whether the achievement stacks into a larger one.
    pub enum Stackability {
        Standalone = "standalone",
        Stackable = "stackable",
    }
}

/// One institution vouching for another.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize, ToSchema)]
pub struct Endorsement {
    /// The endorsed institution's `did:key`.
    pub subject: String,
    pub role: EndorsementRole,
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub network_name: Option<String>,
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub until: Option<String>,
}

word_enum! {
    /// What an endorsement says of its subject.
    pub enum EndorsementRole {
        Member = "member",
        Partner = "partner",
        Accreditor = "accreditor",
    }
}

/// An achievement's author lets another institution issue it.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize, ToSchema)]
pub struct Delegation {
    pub achievement: String,
    pub delegate: String,
    pub from: String,
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub until: Option<String>,
}

/// A credential's issuer revoked it.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize, ToSchema)]
pub struct Revocation {
    pub credential: String,
    pub reason: RevocationReason,
}

word_enum! {
    /// Why a credential was revoked.
    pub enum RevocationReason {
        IssuedInError = "issued-in-error",
        Superseded = "superseded",
        Misconduct = "misconduct",
        Withdrawn = "withdrawn",
    }
}

/// An institution moved to a new key (the proof is not shown).
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize, ToSchema)]
pub struct KeyRotation {
    /// The new key's `did:key`.
    pub next: String,
}

/// An institution key is no longer to be trusted.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize, ToSchema)]
pub struct KeyRevocation {
    pub key: String,
    /// Unix seconds from which records signed by the key are invalid.
    pub since: u64,
    pub reason: KeyRevocationReason,
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub successor: Option<String>,
}

word_enum! {
    /// Why an institution key was revoked.
    pub enum KeyRevocationReason {
        /// Somebody else may hold the secret key.
        Compromised = "compromised",
        /// The secret key is lost; nothing more will be signed with it.
        Lost = "lost",
        /// The institution stopped using the key (closed, merged).
        Retired = "retired",
    }
}

/// The body of `POST /v1/offers` (and `PUT /v1/offers/{id}` without `id`).
/// Left-out `country`, `city`, `contact` and `languages` are filled from
/// the institution's profile.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize, ToSchema)]
#[serde(deny_unknown_fields)]
pub struct OfferInput {
    /// The new offer's id, unique among this institution's offers.
    pub id: String,
    pub title: LangText,
    #[serde(default, skip_serializing_if = "LangText::is_empty")]
    pub description: LangText,
    pub isced: String,
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub nace: Option<String>,
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub occupation: Option<String>,
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub country: Option<String>,
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub city: Option<String>,
    pub eqf_min: u8,
    pub eqf_max: u8,
    pub places: u32,
    pub start: String,
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub end: Option<String>,
    pub weeks_min: u32,
    pub weeks_max: u32,
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub deadline: Option<String>,
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub languages: Option<Vec<LanguageRequirement>>,
    #[serde(default, skip_serializing_if = "Vec::is_empty")]
    pub outcomes: Vec<String>,
    #[serde(default, skip_serializing_if = "Vec::is_empty")]
    pub esco_skills: Vec<String>,
    #[serde(default)]
    pub conditions: Conditions,
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub contact: Option<Contact>,
}

/// The body of `POST /v1/needs`: a [`Need`] with its `id`; a left-out
/// `contact` is the profile's email.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize, ToSchema)]
pub struct NeedInput {
    pub id: String,
    #[serde(flatten)]
    pub need: Need,
}

/// The body of `POST /v1/achievements`: an [`Achievement`] with its `id`; a
/// left-out `country` and `languages` come from the profile.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize, ToSchema)]
pub struct AchievementInput {
    pub id: String,
    #[serde(flatten)]
    pub achievement: Achievement,
}

/// The body of `PUT /v1/profile`. This node's own address is put first in
/// `nodes` whatever the body says.
pub type ProfileInput = Profile;
