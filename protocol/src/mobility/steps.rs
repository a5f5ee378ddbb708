//! The bodies of the mobility steps and their field rules.

use serde::{Deserialize, Serialize};

use crate::InstitutionId;
use crate::codes;
use crate::keyword::keyword_enum;
use crate::limits::*;
use crate::offer::{InsuranceCover, LanguageRequirement};
use crate::validate::{self, Checked, Rule, fail};

/// Longest free-text message or note in a step (characters).
pub const MAX_MESSAGE_CHARS: usize = 2_000;
/// Most units of learning outcomes in one learning agreement.
pub const MAX_UNITS: usize = 20;
/// Most tasks in one learning agreement.
pub const MAX_TASKS: usize = 30;
/// Longest credential document a completion may carry (bytes of JSON).
pub const MAX_CREDENTIAL_DOCUMENT_BYTES: usize = 32 * 1024;

keyword_enum! {
    /// Who holds the learner's signing key.
    pub enum KeyCustody {
        /// The sending school's node holds it on the learner's behalf.
        School = "school",
        /// The learner holds it (a key file of their own).
        Learner = "learner",
    }
}

keyword_enum! {
    /// Why a host declines an interest or a nomination.
    pub enum RefusalReason {
        /// No place is free.
        NoCapacity = "no-capacity",
        /// The dates do not suit the host.
        Dates = "dates",
        /// The learner's profile does not fit the placement.
        Profile = "profile",
        /// The learner's languages do not fit the placement.
        Language = "language",
        /// The host does not take minors.
        Minors = "minors",
        /// Documents are missing.
        Documents = "documents",
        /// Another reason; the `message` may say which.
        Other = "other",
    }
}

keyword_enum! {
    /// How far the learner reached a unit's outcomes, as the host assessed it.
    pub enum UnitResult {
        /// The unit's outcomes were achieved.
        Achieved = "achieved",
        /// Some of them were achieved.
        PartlyAchieved = "partly-achieved",
        /// They were not achieved.
        NotAchieved = "not-achieved",
    }
}

keyword_enum! {
    /// The sending school's decision on what was achieved abroad.
    pub enum RecognitionDecision {
        /// The school recognises the placement.
        Recognised = "recognised",
        /// The school recognises part of it (the `units` it lists).
        PartlyRecognised = "partly-recognised",
        /// The school does not recognise it.
        NotRecognised = "not-recognised",
    }
}

keyword_enum! {
    /// Whose signature on the learning agreement a `signature` step carries.
    pub enum SignerRole {
        /// The learner's key (the nomination's `learner_key`); the school's
        /// node sends the step.
        Learner = "learner",
        /// The sending school's key.
        School = "school",
        /// The host's key.
        Host = "host",
    }
}

/// School → host: interest in one of the host's offers.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
pub struct InterestBody {
    /// The id of the host's `offer` record.
    pub offer: String,
    /// The id of the school's `need` record this answers, if any.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub need: Option<String>,
    /// How many learners the school plans to send to this offer (each is
    /// nominated in a thread of its own).
    pub learners: u32,
    /// A message for the other institution: multi-line, at most
    /// [`MAX_MESSAGE_CHARS`] characters.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub message: Option<String>,
}

/// School → host: the one learner this thread is about, with the minimum
/// personal data a host needs.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
pub struct NominationBody {
    /// The learner.
    pub learner: Learner,
    /// The learner's signing key for the learning agreement (`did:key`).
    pub learner_key: String,
    /// Who holds that key.
    pub key_custody: KeyCustody,
    /// The proposed first day of the placement, `YYYY-MM-DD`.
    pub start: String,
    /// The proposed last day, `YYYY-MM-DD`; not before `start`.
    pub end: String,
    /// A message for the other institution: multi-line, at most
    /// [`MAX_MESSAGE_CHARS`] characters.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub message: Option<String>,
}

/// The learner's minimum data. Personal: it travels only between the two
/// nodes of a thread, and an erasure removes it.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
pub struct Learner {
    /// Given name: single-line, at most [`MAX_SHORT_TEXT_CHARS`] characters.
    pub given_name: String,
    /// Family name: single-line, at most [`MAX_SHORT_TEXT_CHARS`] characters.
    pub family_name: String,
    /// `YYYY-MM-DD`, so the host knows whether the learner is a minor.
    pub birth_date: String,
    /// The learner's email address.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub email: Option<String>,
    /// Languages and CEFR levels: at most [`MAX_LANGUAGES`].
    #[serde(default, skip_serializing_if = "Vec::is_empty")]
    pub languages: Vec<LanguageRequirement>,
    /// The qualification the learner studies for: single-line, at most
    /// [`MAX_TITLE_CHARS`] characters.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub qualification: Option<String>,
    /// The learner's EQF level, 1-8.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub eqf: Option<u8>,
}

/// Host → school: the nominated learner is welcome.
#[derive(Debug, Clone, Default, PartialEq, Serialize, Deserialize)]
pub struct AcceptanceBody {
    /// A message for the other institution: multi-line, at most
    /// [`MAX_MESSAGE_CHARS`] characters.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub message: Option<String>,
}

/// Host → school: declined, with a reason.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
pub struct RefusalBody {
    /// Why the host declines.
    pub reason: RefusalReason,
    /// A message for the other institution: multi-line, at most
    /// [`MAX_MESSAGE_CHARS`] characters.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub message: Option<String>,
}

/// Either party: the learning agreement, or an amendment of it (any
/// `agreement` step after the first). Learner, school and host sign each
/// version separately.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
pub struct AgreementBody {
    /// The first day of the placement, `YYYY-MM-DD`.
    pub start: String,
    /// The last day, `YYYY-MM-DD`; not before `start`.
    pub end: String,
    /// Working hours per week: 1-60.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub hours_per_week: Option<u32>,
    /// The units of learning outcomes the learner works on: 1 to
    /// [`MAX_UNITS`].
    pub units: Vec<Unit>,
    /// The learner's tasks at the workplace: 1 to [`MAX_TASKS`], each
    /// multi-line and at most [`MAX_OUTCOME_CHARS`] characters.
    pub tasks: Vec<String>,
    /// The host's workplace mentor.
    pub mentor: Mentor,
    /// How the host assesses the outcomes: multi-line, at most
    /// [`MAX_MESSAGE_CHARS`] characters.
    pub assessment: String,
    /// How the sending school recognises the result at home: multi-line, at
    /// most [`MAX_MESSAGE_CHARS`] characters.
    pub recognition: String,
    /// Who covers liability and accident insurance.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub insurance: Option<InsuranceCover>,
    /// A note: multi-line, at most [`MAX_MESSAGE_CHARS`] characters.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub note: Option<String>,
}

/// A unit of learning outcomes of a learning agreement; completions and
/// recognitions refer to it by its index in `units`.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
pub struct Unit {
    /// The unit's title: single-line, at most [`MAX_TITLE_CHARS`] characters.
    pub title: String,
    /// Its learning outcomes: 1 to [`MAX_OUTCOMES`], each multi-line and at
    /// most [`MAX_OUTCOME_CHARS`] characters.
    pub outcomes: Vec<String>,
    /// The outcomes as ESCO skill URIs: at most [`MAX_SKILLS`].
    #[serde(default, skip_serializing_if = "Vec::is_empty")]
    pub esco_skills: Vec<String>,
    /// The unit's workload in hours: 1 to [`MAX_HOURS`].
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub hours: Option<u32>,
}

/// The host's workplace mentor.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
pub struct Mentor {
    /// The mentor's name: single-line, at most [`MAX_SHORT_TEXT_CHARS`]
    /// characters.
    pub name: String,
    /// The mentor's email address.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub email: Option<String>,
}

/// Host → school: the placement is over; what was achieved per unit.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
pub struct CompletionBody {
    /// The first day actually spent at the host, `YYYY-MM-DD`.
    pub start: String,
    /// The last day actually spent there, `YYYY-MM-DD`; not before `start`.
    pub end: String,
    /// The assessment of each unit of the current agreement: 1 to
    /// [`MAX_UNITS`], no unit twice.
    pub units: Vec<UnitAssessment>,
    /// The host's overall assessment: multi-line, at most
    /// [`MAX_MESSAGE_CHARS`] characters.
    pub assessment: String,
    /// Hours spent: 1 to [`MAX_HOURS`].
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub hours: Option<u32>,
    /// The hashes of the three signatures (learner, school, host) of the
    /// agreement this completes, so the thread pins what was signed.
    pub signatures: Vec<serde_bytes::ByteBuf>,
    /// A micro-credential the host issued for the placement.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub credential: Option<CredentialReference>,
}

/// The host's assessment of one unit of the learning agreement.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
pub struct UnitAssessment {
    /// Index of the unit in the current agreement's `units` (below their
    /// number).
    pub unit: u32,
    /// How far the learner reached the unit's outcomes.
    pub result: UnitResult,
    /// A note: multi-line, at most [`MAX_MESSAGE_CHARS`] characters.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub note: Option<String>,
}

/// A credential issued at completion: its id, the host's `achievement`
/// record it awards, and the signed credential itself (Open Badges 3.0 JSON),
/// so the school and the learner hold it.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
pub struct CredentialReference {
    /// The credential's id: `urn:uuid:` and a lower-case UUID.
    pub id: String,
    /// The id of the host's `achievement` record the credential awards.
    pub achievement: String,
    /// The signed credential (Open Badges 3.0 JSON): at most
    /// [`MAX_CREDENTIAL_DOCUMENT_BYTES`] bytes of UTF-8.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub document: Option<String>,
}

/// School → host: the school's recognition of the completed placement.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
pub struct RecognitionBody {
    /// The school's decision.
    pub decision: RecognitionDecision,
    /// Indexes of the agreement's units the school recognises: at most
    /// [`MAX_UNITS`], each below the number of units.
    #[serde(default, skip_serializing_if = "Vec::is_empty")]
    pub units: Vec<u32>,
    /// The completion's credential id this recognition refers to
    /// (`urn:uuid:…`); the completion must carry that credential.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub credential: Option<String>,
    /// A note: multi-line, at most [`MAX_MESSAGE_CHARS`] characters.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub note: Option<String>,
}

/// Either party: the mobility will not happen.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
pub struct CancellationBody {
    /// Why: required, multi-line, at most [`MAX_MESSAGE_CHARS`] characters.
    pub reason: String,
}

/// One signature of one version of the learning agreement: by the learner
/// (sent by the school), the school or the host.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
pub struct SignatureBody {
    /// The hash of the `agreement` step signed.
    pub agreement: serde_bytes::ByteBuf,
    /// Whose signature this is: the school sends `school` and `learner`
    /// signatures, the host only `host`.
    pub role: SignerRole,
    /// The signing key (`did:key`): the learner's key, or the institution's.
    pub signer: String,
    /// Ed25519 over [`super::agreement_signing_input`].
    pub signature: serde_bytes::ByteBuf,
}

/// Either party: the learner asked for their data to be erased. Both nodes
/// delete the thread's personal data and keep an anonymised trace.
#[derive(Debug, Clone, Default, PartialEq, Serialize, Deserialize)]
pub struct ErasureBody {
    /// Why, if given: a message that must not name the learner (the erasure
    /// step itself is kept).
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub reason: Option<String>,
}

fn message(field: String, value: &Option<String>) -> Rule {
    value.as_deref().map_or(Ok(()), |v| validate::text(&field, v, MAX_MESSAGE_CHARS, false))
}

fn record_id(field: String, value: &str) -> Rule {
    let ok = !value.is_empty()
        && value.len() <= MAX_ID_LEN
        && value.bytes().all(|b| b.is_ascii_alphanumeric() || matches!(b, b'-' | b'_' | b'.'));
    if ok {
        Ok(())
    } else {
        fail(field, format!("must be a record id: 1-{MAX_ID_LEN} letters, digits, '-', '_' or '.' (got {value:?})"))
    }
}

/// Two dates, the second not before the first.
fn date_range(
    p: &str,
    start: &str,
    end: &str,
) -> Result<(chrono::NaiveDate, chrono::NaiveDate), validate::ValidationError> {
    let from = validate::date(&format!("{p}.start"), start)?;
    let to = validate::date(&format!("{p}.end"), end)?;
    if to < from {
        return Err(validate::ValidationError::new(
            format!("{p}.end"),
            format!("must not be before start ({to} < {from})"),
        ));
    }
    Ok((from, to))
}

fn hash_bytes(field: String, value: &[u8]) -> Rule {
    if value.len() == 32 {
        Ok(())
    } else {
        fail(field, format!("must be a 32-byte SHA-256 hash (got {} bytes)", value.len()))
    }
}

impl Checked for InterestBody {
    fn check(&self, p: &str) -> Rule {
        record_id(format!("{p}.offer"), &self.offer)?;
        if let Some(need) = &self.need {
            record_id(format!("{p}.need"), need)?;
        }
        if self.learners == 0 || self.learners > MAX_PLACES {
            return fail(
                format!("{p}.learners"),
                format!("must be between 1 and {MAX_PLACES} (got {})", self.learners),
            );
        }
        message(format!("{p}.message"), &self.message)
    }
}

impl Checked for NominationBody {
    fn check(&self, p: &str) -> Rule {
        let l = format!("{p}.learner");
        validate::text(&format!("{l}.given_name"), &self.learner.given_name, MAX_SHORT_TEXT_CHARS, true)?;
        validate::text(&format!("{l}.family_name"), &self.learner.family_name, MAX_SHORT_TEXT_CHARS, true)?;
        validate::date(&format!("{l}.birth_date"), &self.learner.birth_date)?;
        if let Some(email) = &self.learner.email {
            validate::email(&format!("{l}.email"), email)?;
        }
        validate::max_items(&format!("{l}.languages"), &self.learner.languages, MAX_LANGUAGES)?;
        for (i, lang) in self.learner.languages.iter().enumerate() {
            validate::language(&format!("{l}.languages[{i}].lang"), &lang.lang)?;
            if let Some(level) = &lang.cefr
                && !codes::is_cefr(level)
            {
                return fail(
                    format!("{l}.languages[{i}].cefr"),
                    format!("must be a CEFR level A1..C2 (got {level:?})"),
                );
            }
        }
        validate::opt_text(&format!("{l}.qualification"), &self.learner.qualification, MAX_TITLE_CHARS)?;
        if let Some(eqf) = self.learner.eqf
            && !codes::is_eqf(eqf)
        {
            return fail(format!("{l}.eqf"), format!("must be an EQF level between 1 and 8 (got {eqf})"));
        }
        if self.learner_key.parse::<InstitutionId>().is_err() {
            return fail(
                format!("{p}.learner_key"),
                format!("must be the learner's Ed25519 key as a did:key:z6Mk… (got {:?})", self.learner_key),
            );
        }
        date_range(p, &self.start, &self.end)?;
        message(format!("{p}.message"), &self.message)
    }
}

impl Checked for AcceptanceBody {
    fn check(&self, p: &str) -> Rule {
        message(format!("{p}.message"), &self.message)
    }
}

impl Checked for RefusalBody {
    fn check(&self, p: &str) -> Rule {
        message(format!("{p}.message"), &self.message)
    }
}

impl Checked for AgreementBody {
    fn check(&self, p: &str) -> Rule {
        date_range(p, &self.start, &self.end)?;
        if let Some(hours) = self.hours_per_week
            && (hours == 0 || hours > 60)
        {
            return fail(format!("{p}.hours_per_week"), format!("must be between 1 and 60 (got {hours})"));
        }
        if self.units.is_empty() {
            return fail(format!("{p}.units"), "must list at least one unit of learning outcomes");
        }
        validate::max_items(&format!("{p}.units"), &self.units, MAX_UNITS)?;
        for (i, unit) in self.units.iter().enumerate() {
            let u = format!("{p}.units[{i}]");
            validate::text(&format!("{u}.title"), &unit.title, MAX_TITLE_CHARS, true)?;
            if unit.outcomes.is_empty() {
                return fail(format!("{u}.outcomes"), "must list at least one learning outcome");
            }
            validate::max_items(&format!("{u}.outcomes"), &unit.outcomes, MAX_OUTCOMES)?;
            for (j, outcome) in unit.outcomes.iter().enumerate() {
                validate::text(&format!("{u}.outcomes[{j}]"), outcome, MAX_OUTCOME_CHARS, false)?;
            }
            validate::max_items(&format!("{u}.esco_skills"), &unit.esco_skills, MAX_SKILLS)?;
            for (j, skill) in unit.esco_skills.iter().enumerate() {
                if !codes::is_esco_skill(skill) {
                    return fail(
                        format!("{u}.esco_skills[{j}]"),
                        format!("must be an ESCO skill URI http://data.europa.eu/esco/skill/<uuid> (got {skill:?})"),
                    );
                }
            }
            if let Some(hours) = unit.hours
                && (hours == 0 || hours > MAX_HOURS)
            {
                return fail(format!("{u}.hours"), format!("must be between 1 and {MAX_HOURS} (got {hours})"));
            }
        }
        if self.tasks.is_empty() {
            return fail(format!("{p}.tasks"), "must list at least one task");
        }
        validate::max_items(&format!("{p}.tasks"), &self.tasks, MAX_TASKS)?;
        for (i, task) in self.tasks.iter().enumerate() {
            validate::text(&format!("{p}.tasks[{i}]"), task, MAX_OUTCOME_CHARS, false)?;
        }
        validate::text(&format!("{p}.mentor.name"), &self.mentor.name, MAX_SHORT_TEXT_CHARS, true)?;
        if let Some(email) = &self.mentor.email {
            validate::email(&format!("{p}.mentor.email"), email)?;
        }
        validate::text(&format!("{p}.assessment"), &self.assessment, MAX_MESSAGE_CHARS, false)?;
        validate::text(&format!("{p}.recognition"), &self.recognition, MAX_MESSAGE_CHARS, false)?;
        message(format!("{p}.note"), &self.note)
    }
}

impl Checked for CompletionBody {
    fn check(&self, p: &str) -> Rule {
        date_range(p, &self.start, &self.end)?;
        if self.units.is_empty() {
            return fail(format!("{p}.units"), "must assess at least one unit");
        }
        validate::max_items(&format!("{p}.units"), &self.units, MAX_UNITS)?;
        for (i, unit) in self.units.iter().enumerate() {
            if self.units[..i].iter().any(|other| other.unit == unit.unit) {
                return fail(format!("{p}.units[{i}].unit"), format!("assesses unit {} twice", unit.unit));
            }
            message(format!("{p}.units[{i}].note"), &unit.note)?;
        }
        validate::text(&format!("{p}.assessment"), &self.assessment, MAX_MESSAGE_CHARS, false)?;
        if let Some(hours) = self.hours
            && (hours == 0 || hours > MAX_HOURS)
        {
            return fail(format!("{p}.hours"), format!("must be between 1 and {MAX_HOURS} (got {hours})"));
        }
        if self.signatures.len() != 3 {
            return fail(
                format!("{p}.signatures"),
                format!("must list the hashes of the 3 agreement signatures (got {})", self.signatures.len()),
            );
        }
        for (i, hash) in self.signatures.iter().enumerate() {
            hash_bytes(format!("{p}.signatures[{i}]"), hash)?;
        }
        if let Some(credential) = &self.credential {
            check_credential_id(format!("{p}.credential.id"), &credential.id)?;
            record_id(format!("{p}.credential.achievement"), &credential.achievement)?;
            if let Some(document) = &credential.document
                && document.len() > MAX_CREDENTIAL_DOCUMENT_BYTES
            {
                return fail(
                    format!("{p}.credential.document"),
                    format!("must be at most {MAX_CREDENTIAL_DOCUMENT_BYTES} bytes (got {})", document.len()),
                );
            }
        }
        Ok(())
    }
}

fn check_credential_id(field: String, id: &str) -> Rule {
    match id.strip_prefix("urn:uuid:") {
        Some(uuid) if codes::is_uuid(uuid) => Ok(()),
        _ => fail(field, format!("must be a credential id urn:uuid:<uuid> (got {id:?})")),
    }
}

impl Checked for RecognitionBody {
    fn check(&self, p: &str) -> Rule {
        validate::max_items(&format!("{p}.units"), &self.units, MAX_UNITS)?;
        if let Some(credential) = &self.credential {
            check_credential_id(format!("{p}.credential"), credential)?;
        }
        message(format!("{p}.note"), &self.note)
    }
}

impl Checked for CancellationBody {
    fn check(&self, p: &str) -> Rule {
        validate::text(&format!("{p}.reason"), &self.reason, MAX_MESSAGE_CHARS, false)
    }
}

impl Checked for SignatureBody {
    fn check(&self, p: &str) -> Rule {
        hash_bytes(format!("{p}.agreement"), &self.agreement)?;
        if self.signer.parse::<InstitutionId>().is_err() {
            return fail(format!("{p}.signer"), format!("must be a did:key:z6Mk… (got {:?})", self.signer));
        }
        if self.signature.len() != 64 {
            return fail(
                format!("{p}.signature"),
                format!("must be a 64-byte Ed25519 signature (got {} bytes)", self.signature.len()),
            );
        }
        Ok(())
    }
}

impl Checked for ErasureBody {
    fn check(&self, p: &str) -> Rule {
        message(format!("{p}.reason"), &self.reason)
    }
}
