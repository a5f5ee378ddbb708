//! Mobility threads: a learner's placement with another institution, step
//! by step, as summaries, full threads with their steps, exports and
//! offline verifications; and the request bodies of each step.

use serde::{Deserialize, Serialize};
use utoipa::ToSchema;

use crate::content::{InsuranceCover, LanguageRequirement};
use crate::trust::InstitutionView;
use crate::word_enum;

word_enum! {
    /// Where a thread stands.
    pub enum ThreadStatus {
        Interested = "interested",
        Nominated = "nominated",
        Accepted = "accepted",
        Refused = "refused",
        /// An agreement waits for signatures.
        Agreeing = "agreeing",
        /// Every party signed the current agreement.
        Agreed = "agreed",
        Completed = "completed",
        Recognised = "recognised",
        Cancelled = "cancelled",
    }
}

word_enum! {
    /// The kind of a thread step.
    pub enum StepKind {
        Interest = "interest",
        Nomination = "nomination",
        Acceptance = "acceptance",
        Refusal = "refusal",
        Agreement = "agreement",
        Completion = "completion",
        Recognition = "recognition",
        Cancellation = "cancellation",
        Signature = "signature",
        Erasure = "erasure",
    }
}

word_enum! {
    /// This institution's side of a thread.
    pub enum Party {
        School = "school",
        Host = "host",
    }
}

word_enum! {
    /// Who holds the learner's signing key.
    pub enum KeyCustody {
        School = "school",
        Learner = "learner",
    }
}

word_enum! {
    /// Who signs a learning agreement.
    pub enum SignerRole {
        Learner = "learner",
        School = "school",
        Host = "host",
    }
}

word_enum! {
    /// Why a host refused a nomination.
    pub enum RefusalReason {
        NoCapacity = "no-capacity",
        Dates = "dates",
        Profile = "profile",
        Language = "language",
        Minors = "minors",
        Documents = "documents",
        Other = "other",
    }
}

word_enum! {
    /// How far a learner achieved a unit.
    pub enum UnitResult {
        Achieved = "achieved",
        PartlyAchieved = "partly-achieved",
        NotAchieved = "not-achieved",
    }
}

word_enum! {
    /// The sending school's recognition decision.
    pub enum RecognitionDecision {
        Recognised = "recognised",
        PartlyRecognised = "partly-recognised",
        NotRecognised = "not-recognised",
    }
}

/// A thread in a list (`GET /v1/mobility`).
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize, ToSchema)]
pub struct ThreadSummary {
    pub thread: String,
    pub role: Party,
    pub status: ThreadStatus,
    pub school: InstitutionView,
    pub host: InstitutionView,
    /// The offer id the thread is about.
    pub offer: String,
    pub created: u64,
    pub updated: u64,
    pub erased: bool,
    pub erased_at: Option<u64>,
    /// How many steps it has.
    pub steps: usize,
    /// Steps waiting in the outbox.
    pub pending: usize,
}

/// A whole thread (`GET /v1/mobility/{thread}` and every step call).
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize, ToSchema)]
pub struct ThreadDetail {
    pub thread: String,
    pub role: Party,
    pub status: ThreadStatus,
    pub school: InstitutionView,
    pub host: InstitutionView,
    pub offer: String,
    pub created: u64,
    pub updated: u64,
    pub erased: bool,
    pub erased_at: Option<u64>,
    pub pending: usize,
    pub steps: Vec<StepView>,
    /// The steps this institution may take now.
    pub next_steps: Vec<StepKind>,
    #[serde(flatten)]
    pub facts: ThreadFacts,
}

/// What a thread's steps say; each part is absent until its step is taken
/// (and all are absent after erasure).
#[derive(Debug, Clone, Default, PartialEq, Serialize, Deserialize, ToSchema)]
pub struct ThreadFacts {
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub learner: Option<LearnerFacts>,
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub agreement: Option<AgreementFacts>,
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub credential: Option<ThreadCredential>,
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub recognition: Option<RecognitionStep>,
}

/// The nominated learner.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize, ToSchema)]
pub struct LearnerFacts {
    pub name: String,
    pub birth_date: String,
    /// The learner's `did:key`.
    pub key: String,
    pub key_custody: KeyCustody,
    /// Whether this node holds the learner's key (in a full thread only).
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub key_held_here: Option<bool>,
}

/// The current learning agreement and who signed it.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize, ToSchema)]
pub struct AgreementFacts {
    /// The agreement step's hash, hex.
    pub hash: String,
    /// 1 for the first agreement, 2 for its first amendment, …
    pub version: usize,
    pub signatures: AgreementSignatures,
    pub missing: Vec<SignerRole>,
    pub complete: bool,
}

/// Each signer's signature of the current agreement.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize, ToSchema)]
pub struct AgreementSignatures {
    pub learner: SignatureState,
    pub school: SignatureState,
    pub host: SignatureState,
}

/// One signer's signature, if given.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize, ToSchema)]
pub struct SignatureState {
    pub signed: bool,
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub signer: Option<String>,
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub ts: Option<u64>,
    /// The signature step's hash, hex.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub step: Option<String>,
}

/// The credential issued with the completion.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize, ToSchema)]
pub struct ThreadCredential {
    pub id: String,
    pub achievement: String,
    /// The signed credential, as issued.
    pub document: Option<String>,
}

/// One step of a thread.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize, ToSchema)]
pub struct StepView {
    /// The party whose node took the step: `school` or `host`.
    pub from: String,
    pub ts: u64,
    /// The step's hash, hex.
    pub hash: String,
    pub delivery: Delivery,
    /// `kind`, and the step's `body` (null when erased).
    #[serde(flatten)]
    pub content: StepContent,
}

/// A step's kind and body: hashes and signatures in hex.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize, ToSchema)]
#[serde(tag = "kind", content = "body", rename_all = "lowercase")]
pub enum StepContent {
    Interest(Option<InterestStep>),
    Nomination(Option<NominationStep>),
    Acceptance(Option<MessageStep>),
    Refusal(Option<RefusalStep>),
    Agreement(Option<AgreementStep>),
    Completion(Option<CompletionStep>),
    Recognition(Option<RecognitionStep>),
    Cancellation(Option<CancellationStep>),
    Signature(Option<SignatureStep>),
    Erasure(Option<ErasureStep>),
}

impl StepContent {
    /// The step's kind.
    pub fn kind(&self) -> StepKind {
        match self {
            StepContent::Interest(_) => StepKind::Interest,
            StepContent::Nomination(_) => StepKind::Nomination,
            StepContent::Acceptance(_) => StepKind::Acceptance,
            StepContent::Refusal(_) => StepKind::Refusal,
            StepContent::Agreement(_) => StepKind::Agreement,
            StepContent::Completion(_) => StepKind::Completion,
            StepContent::Recognition(_) => StepKind::Recognition,
            StepContent::Cancellation(_) => StepKind::Cancellation,
            StepContent::Signature(_) => StepKind::Signature,
            StepContent::Erasure(_) => StepKind::Erasure,
        }
    }
}

/// What became of a step, as this node knows it.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize, ToSchema)]
#[serde(tag = "state", rename_all = "kebab-case")]
pub enum Delivery {
    /// Taken here, waiting in the outbox.
    Pending { attempts: u32, last_error: Option<String> },
    /// The other node took it.
    Delivered { at: u64 },
    /// Came from the other node.
    Received { at: u64 },
    /// The other node refused it; it is not part of the thread.
    Refused { field: String, reason: String },
    /// The other party took a step at the same time and theirs won.
    Superseded { at: u64 },
}

/// The school's interest in an offer.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize, ToSchema)]
pub struct InterestStep {
    pub offer: String,
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub need: Option<String>,
    pub learners: u32,
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub message: Option<String>,
}

/// The school names the learner.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize, ToSchema)]
pub struct NominationStep {
    pub learner: Learner,
    pub learner_key: String,
    pub key_custody: KeyCustody,
    pub start: String,
    pub end: String,
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub message: Option<String>,
}

/// A nominated learner.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize, ToSchema)]
pub struct Learner {
    pub given_name: String,
    pub family_name: String,
    pub birth_date: String,
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub email: Option<String>,
    #[serde(default, skip_serializing_if = "Vec::is_empty")]
    pub languages: Vec<LanguageRequirement>,
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub qualification: Option<String>,
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub eqf: Option<u8>,
}

/// A step that says only an optional message (acceptance), and the body of
/// `POST .../accept`.
#[derive(Debug, Clone, Default, PartialEq, Eq, Serialize, Deserialize, ToSchema)]
pub struct MessageStep {
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub message: Option<String>,
}

/// The host refuses the nomination.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize, ToSchema)]
pub struct RefusalStep {
    pub reason: RefusalReason,
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub message: Option<String>,
}

/// A learning agreement (or an amendment of the last one).
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize, ToSchema)]
pub struct AgreementStep {
    pub start: String,
    pub end: String,
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub hours_per_week: Option<u32>,
    pub units: Vec<Unit>,
    pub tasks: Vec<String>,
    pub mentor: Mentor,
    pub assessment: String,
    pub recognition: String,
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub insurance: Option<InsuranceCover>,
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub note: Option<String>,
}

/// A unit of learning outcomes in an agreement.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize, ToSchema)]
pub struct Unit {
    pub title: String,
    pub outcomes: Vec<String>,
    #[serde(default, skip_serializing_if = "Vec::is_empty")]
    pub esco_skills: Vec<String>,
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub hours: Option<u32>,
}

/// The learner's mentor at the host.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize, ToSchema)]
pub struct Mentor {
    pub name: String,
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub email: Option<String>,
}

/// The host reports the placement done.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize, ToSchema)]
pub struct CompletionStep {
    pub start: String,
    pub end: String,
    pub units: Vec<UnitAssessment>,
    pub assessment: String,
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub hours: Option<u32>,
    /// The hashes (hex) of the agreement signatures it completes.
    pub signatures: Vec<String>,
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub credential: Option<CredentialReference>,
}

/// How a learner did in one unit of the agreement.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize, ToSchema)]
pub struct UnitAssessment {
    /// The unit's index in the agreement, from 0.
    pub unit: u32,
    pub result: UnitResult,
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub note: Option<String>,
}

/// The credential a completion carries.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize, ToSchema)]
pub struct CredentialReference {
    pub id: String,
    pub achievement: String,
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub document: Option<String>,
}

/// The school recognises the learning (the body of `POST .../recognise`).
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize, ToSchema)]
pub struct RecognitionStep {
    pub decision: RecognitionDecision,
    #[serde(default, skip_serializing_if = "Vec::is_empty")]
    pub units: Vec<u32>,
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub credential: Option<String>,
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub note: Option<String>,
}

/// Either party ends the thread (the body of `POST .../cancel`).
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize, ToSchema)]
pub struct CancellationStep {
    pub reason: String,
}

/// A signature of an agreement.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize, ToSchema)]
pub struct SignatureStep {
    /// The signed agreement step's hash, hex.
    pub agreement: String,
    pub role: SignerRole,
    /// The signing key's `did:key`.
    pub signer: String,
    /// Ed25519 signature, hex.
    pub signature: String,
}

/// The learner asked for their data to be erased.
#[derive(Debug, Clone, Default, PartialEq, Eq, Serialize, Deserialize, ToSchema)]
pub struct ErasureStep {
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub reason: Option<String>,
}

/// `GET /v1/mobility/{thread}/export`: every signed step, for offline
/// verification; also the body of `POST /v1/mobility/verify`.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize, ToSchema)]
pub struct ExportedThread {
    /// `vetnet-mobility-thread/1`.
    pub format: String,
    pub network: String,
    #[serde(default)]
    pub thread: String,
    /// Each signed step's bytes, hex.
    pub steps: Vec<String>,
}

/// `POST /v1/mobility/verify`: whether an exported thread holds, and if so
/// what it says; if not, the field and rule that fail.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize, ToSchema)]
pub struct ThreadVerification {
    pub valid: bool,
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub thread: Option<String>,
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub status: Option<ThreadStatus>,
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub school: Option<InstitutionView>,
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub host: Option<InstitutionView>,
    /// How many steps and signatures hold.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub steps: Option<usize>,
    #[serde(flatten)]
    pub facts: ThreadFacts,
    /// For an invalid thread: the step field that fails.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub field: Option<String>,
    /// For an invalid thread: the rule it breaks.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub reason: Option<String>,
}

/// The body of `POST /v1/mobility`: interest in another institution's offer.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize, ToSchema)]
#[serde(deny_unknown_fields)]
pub struct InterestInput {
    /// The host's `did:key`.
    pub host: String,
    pub offer: String,
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub need: Option<String>,
    #[serde(default = "one")]
    pub learners: u32,
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub message: Option<String>,
}

fn one() -> u32 {
    1
}

/// The body of `POST /v1/mobility/{thread}/nominate`.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize, ToSchema)]
#[serde(deny_unknown_fields)]
pub struct NominationInput {
    pub learner: LearnerInput,
    /// `school` (default) or `learner`.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub key_custody: Option<String>,
    /// The learner's `did:key`, when the learner holds their own key.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub learner_key: Option<String>,
    pub start: String,
    pub end: String,
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub message: Option<String>,
}

/// The learner of a nomination.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize, ToSchema)]
#[serde(deny_unknown_fields)]
pub struct LearnerInput {
    pub given_name: String,
    pub family_name: String,
    pub birth_date: String,
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub email: Option<String>,
    /// `lang` or `lang:CEFR`, like `de:B1`.
    #[serde(default, skip_serializing_if = "Vec::is_empty")]
    pub languages: Vec<String>,
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub qualification: Option<String>,
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub eqf: Option<u8>,
}

/// The body of `POST .../accept`.
#[derive(Debug, Clone, Default, PartialEq, Eq, Serialize, Deserialize, ToSchema)]
#[serde(deny_unknown_fields)]
pub struct MessageInput {
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub message: Option<String>,
}

/// The body of `POST .../sign`.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize, ToSchema)]
#[serde(deny_unknown_fields)]
pub struct SignInput {
    /// `institution` (this institution's own signature) or `learner`.
    #[serde(rename = "as")]
    pub signer: String,
    /// The learner's own secret key (64 hex digits), when the learner holds it.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub learner_key: Option<String>,
}

/// The body of `POST .../complete`.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize, ToSchema)]
#[serde(deny_unknown_fields)]
pub struct CompletionInput {
    pub start: String,
    pub end: String,
    pub units: Vec<UnitAssessment>,
    pub assessment: String,
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub hours: Option<u32>,
    /// Issue a credential with the completion.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub credential: Option<CompletionCredentialInput>,
}

/// The credential to issue with a completion.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize, ToSchema)]
#[serde(deny_unknown_fields)]
pub struct CompletionCredentialInput {
    pub achievement: String,
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub grade: Option<String>,
}

/// The body of `POST .../erase`.
#[derive(Debug, Clone, Default, PartialEq, Eq, Serialize, Deserialize, ToSchema)]
#[serde(deny_unknown_fields)]
pub struct EraseInput {
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub reason: Option<String>,
}
