//! The Open Badges 3.0 `OpenBadgeCredential` vetnet issues, and the facts a
//! verifier reads back from one.
//!
//! Every property is a term of the two bundled contexts (VC 2.0, then OB
//! 3.0.3), so a verifier elsewhere needs nothing else. The elements of the EU
//! Council Recommendation on micro-credentials go where Open Badges has a
//! place for them: title in `achievement.name`, learning outcomes in
//! `criteria.narrative` and as `alignment`s to ESCO skills, EQF level as an
//! `alignment`, ECTS in `creditsAvailable`, field in `fieldOfStudy`, language
//! in `inLanguage`, the awarding body's country in `issuer.address` and in
//! `achievement.creator.address`. What Open Badges has no term for (type of
//! assessment, form of participation, quality assurance, supervision,
//! prerequisites, stackability, hours, NQF level) is written as labelled
//! lines of `achievement.description`.

use serde_json::{Map, Value, json};
use sha2::{Digest, Sha256};
use vetnet_protocol::InstitutionId;
use vetnet_protocol::achievement::AchievementBody;
use vetnet_protocol::codes;

use crate::contexts::{OB_V3P0, VC_V2};

/// ESCO and EQF URIs an alignment points to.
const EQF_URI_PREFIX: &str = "http://data.europa.eu/snb/eqf/";
const ISCED_URI_PREFIX: &str = "http://data.europa.eu/snb/isced-f/";

/// An institution as a credential names it (an OB `Profile`).
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Institution {
    pub id: InstitutionId,
    pub name: String,
    /// ISO 3166-1 alpha-2.
    pub country: String,
    pub region: Option<String>,
    pub city: Option<String>,
    pub website: Option<String>,
    pub email: Option<String>,
}

/// The learner's email, as an OB `IdentityObject`: `sha256$` and the hex
/// SHA-256 of the trimmed, lower-cased address followed by the salt.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct HashedEmail {
    pub hash: String,
    pub salt: String,
}

impl HashedEmail {
    pub fn new(email: &str, salt: &str) -> Self {
        let normalised = email.trim().to_lowercase();
        let digest = Sha256::digest(format!("{normalised}{salt}").as_bytes());
        let hex: String = digest.iter().map(|b| format!("{b:02x}")).collect();
        Self { hash: format!("sha256${hex}"), salt: salt.to_owned() }
    }

    /// Does `email` hash to this identity?
    pub fn matches(&self, email: &str) -> bool {
        Self::new(email, &self.salt).hash == self.hash
    }
}

/// What a credential says about one award, before it is signed.
#[derive(Debug, Clone)]
pub struct Award<'a> {
    /// `urn:uuid:<uuid>`.
    pub id: &'a str,
    pub issuer: &'a Institution,
    /// The author of the achievement (the issuer, or the institution that
    /// delegated issuing to it).
    pub creator: &'a Institution,
    /// From [`achievement_uri`].
    pub achievement_uri: &'a str,
    pub achievement: &'a AchievementBody,
    pub learner_name: &'a str,
    pub learner_email: Option<&'a HashedEmail>,
    /// The day the learner earned it, `YYYY-MM-DD`: `validFrom` and `awardedDate`.
    pub awarded: &'a str,
    /// Last day the credential is valid, if it expires.
    pub valid_until: Option<&'a str>,
    pub grade: Option<&'a str>,
}

/// The IRI naming an achievement record: `urn:vetnet:<network>:achievement:<author did:key id>:<record id>`.
pub fn achievement_uri(network: &str, author: &InstitutionId, id: &str) -> String {
    let did = author.to_did();
    let key = did.strip_prefix("did:key:").unwrap_or(&did);
    format!("urn:vetnet:{network}:achievement:{key}:{id}")
}

/// The inverse of [`achievement_uri`]: network, author and record id.
pub fn parse_achievement_uri(uri: &str) -> Option<(String, InstitutionId, String)> {
    let rest = uri.strip_prefix("urn:vetnet:")?;
    let (network, rest) = rest.split_once(":achievement:")?;
    let (key, id) = rest.split_once(':')?;
    let author = format!("did:key:{key}").parse().ok()?;
    Some((network.to_owned(), author, id.to_owned()))
}

/// A day as an XML Schema dateTime at midnight UTC.
fn day_start(day: &str) -> String {
    format!("{day}T00:00:00Z")
}

fn day_end(day: &str) -> String {
    format!("{day}T23:59:59Z")
}

fn profile(institution: &Institution) -> Value {
    let mut address = Map::new();
    address.insert("type".into(), json!(["Address"]));
    address.insert("addressCountryCode".into(), json!(institution.country));
    if let Some(region) = &institution.region {
        address.insert("addressRegion".into(), json!(region));
    }
    if let Some(city) = &institution.city {
        address.insert("addressLocality".into(), json!(city));
    }
    let mut profile = Map::new();
    profile.insert("id".into(), json!(institution.id.to_did()));
    profile.insert("type".into(), json!(["Profile"]));
    profile.insert("name".into(), json!(institution.name));
    if let Some(url) = &institution.website {
        profile.insert("url".into(), json!(url));
    }
    if let Some(email) = &institution.email {
        profile.insert("email".into(), json!(email));
    }
    profile.insert("address".into(), Value::Object(address));
    Value::Object(profile)
}

/// ECTS as JSON: a whole number when it is one (canonicalisation writes other
/// numbers as doubles, `7.5E0`, which every verifier must then agree on).
fn ects_number(ects: f64) -> Value {
    if ects.fract() == 0.0 && ects <= f64::from(u32::MAX) { json!(ects as u64) } else { json!(ects) }
}

/// The labelled description: the achievement's own text, then each Council
/// Recommendation element Open Badges has no property for.
fn description(a: &AchievementBody) -> String {
    let mut lines = Vec::new();
    if let Some(text) = a.description.best(&[]) {
        lines.push(text.to_owned());
        lines.push(String::new());
    }
    let mut workload = Vec::new();
    if let Some(ects) = a.ects {
        workload.push(format!("{ects} ECTS credits"));
    }
    if let Some(hours) = a.hours {
        workload.push(format!("{hours} hours"));
    }
    lines.push(format!("Notional workload: {}", workload.join(", ")));
    if let Some(eqf) = a.eqf {
        lines.push(format!("EQF level: {eqf}"));
    }
    if let Some(nqf) = &a.nqf {
        lines.push(format!("NQF level: {nqf}"));
    }
    lines.push(format!("Type of assessment: {}", a.assessment));
    lines.push(format!("Form of participation: {}", a.participation.describe()));
    lines.push(format!("Type of quality assurance: {}", a.quality_assurance));
    if let Some(supervision) = a.supervision {
        lines.push(format!("Supervision and identity verification during assessment: {}", supervision.describe()));
    }
    if let Some(prerequisites) = &a.prerequisites {
        lines.push(format!("Prerequisites: {prerequisites}"));
    }
    if let Some(stackability) = a.stackability {
        lines.push(format!("Integration: {stackability}"));
    }
    if let Some(url) = &a.further_information {
        lines.push(format!("Further information: {url}"));
    }
    lines.join("\n")
}

fn achievement(award: &Award<'_>) -> Value {
    let a = award.achievement;
    let mut achievement = Map::new();
    achievement.insert("id".into(), json!(award.achievement_uri));
    achievement.insert("type".into(), json!(["Achievement"]));
    achievement.insert("achievementType".into(), json!("MicroCredential"));
    achievement.insert("name".into(), json!(a.title.best(&[]).unwrap_or_default()));
    achievement.insert("description".into(), json!(description(a)));
    let outcomes: Vec<String> = a.outcomes.iter().map(|o| format!("- {o}")).collect();
    achievement
        .insert("criteria".into(), json!({ "narrative": format!("Learning outcomes:\n{}", outcomes.join("\n")) }));
    let mut alignment: Vec<Value> = a
        .esco_skills
        .iter()
        .map(|uri| {
            json!({
                "type": ["Alignment"],
                "targetName": format!("ESCO skill {}", uri.rsplit('/').next().unwrap_or(uri)),
                "targetUrl": uri,
                "targetFramework": "ESCO",
                "targetCode": uri.rsplit('/').next().unwrap_or(uri),
            })
        })
        .collect();
    if let Some(eqf) = a.eqf {
        alignment.push(json!({
            "type": ["Alignment"],
            "targetName": format!("EQF level {eqf}"),
            "targetUrl": format!("{EQF_URI_PREFIX}{eqf}"),
            "targetFramework": "European Qualifications Framework",
            "targetCode": eqf.to_string(),
        }));
    }
    if let Some(isced) = &a.isced {
        alignment.push(json!({
            "type": ["Alignment"],
            "targetName": format!("ISCED-F {isced} {}", codes::isced_f_name(isced).unwrap_or_default()).trim_end().to_owned(),
            "targetUrl": format!("{ISCED_URI_PREFIX}{isced}"),
            "targetFramework": "ISCED-F 2013",
            "targetCode": isced,
        }));
        let field = match codes::isced_f_name(isced) {
            Some(name) => format!("{name} (ISCED-F {isced})"),
            None => format!("ISCED-F {isced}"),
        };
        achievement.insert("fieldOfStudy".into(), json!(field));
    }
    if !alignment.is_empty() {
        achievement.insert("alignment".into(), Value::Array(alignment));
    }
    if let Some(ects) = a.ects {
        achievement.insert("creditsAvailable".into(), ects_number(ects));
    }
    if let Some(lang) = a.languages.first() {
        achievement.insert("inLanguage".into(), json!(lang));
    }
    if award.grade.is_some() {
        achievement.insert(
            "resultDescription".into(),
            json!([{
                "id": format!("{}#grade", award.achievement_uri),
                "type": ["ResultDescription"],
                "name": "Grade",
                "resultType": "Result",
            }]),
        );
    }
    achievement.insert("creator".into(), profile(award.creator));
    Value::Object(achievement)
}

/// The unsigned credential for `award`.
pub fn credential(award: &Award<'_>) -> Value {
    let mut identifiers = vec![json!({
        "type": "IdentityObject",
        "identityType": "name",
        "hashed": false,
        "identityHash": award.learner_name,
    })];
    if let Some(email) = award.learner_email {
        identifiers.push(json!({
            "type": "IdentityObject",
            "identityType": "emailAddress",
            "hashed": true,
            "identityHash": email.hash,
            "salt": email.salt,
        }));
    }
    let mut subject = Map::new();
    subject.insert("type".into(), json!(["AchievementSubject"]));
    subject.insert("identifier".into(), Value::Array(identifiers));
    subject.insert("achievement".into(), achievement(award));
    if let Some(grade) = award.grade {
        subject.insert(
            "result".into(),
            json!([{
                "type": ["Result"],
                "resultDescription": format!("{}#grade", award.achievement_uri),
                "value": grade,
            }]),
        );
    }
    let mut credential = Map::new();
    credential.insert("@context".into(), json!([VC_V2, OB_V3P0]));
    credential.insert("id".into(), json!(award.id));
    credential.insert("type".into(), json!(["VerifiableCredential", "OpenBadgeCredential"]));
    credential.insert("issuer".into(), profile(award.issuer));
    credential.insert("validFrom".into(), json!(day_start(award.awarded)));
    if let Some(until) = award.valid_until {
        credential.insert("validUntil".into(), json!(day_end(until)));
    }
    credential.insert("awardedDate".into(), json!(day_start(award.awarded)));
    credential.insert("name".into(), json!(award.achievement.title.best(&[]).unwrap_or_default()));
    credential.insert("credentialSubject".into(), Value::Object(subject));
    Value::Object(credential)
}

/// Why a document is not an OpenBadgeCredential this verifier can read.
#[derive(Debug, Clone, PartialEq, Eq, thiserror::Error)]
#[error("{field}: {rule}")]
pub struct MalformedCredential {
    pub field: String,
    pub rule: String,
}

fn malformed(field: &str, rule: &str) -> MalformedCredential {
    MalformedCredential { field: field.to_owned(), rule: rule.to_owned() }
}

/// What a verifier reads from a credential (its proof is checked apart).
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct CredentialFacts {
    pub id: String,
    pub name: String,
    pub issuer: InstitutionId,
    pub issuer_name: Option<String>,
    /// `validFrom`, as written.
    pub valid_from: String,
    pub valid_until: Option<String>,
    /// The award day (`awardedDate`, else `validFrom`), `YYYY-MM-DD`.
    pub awarded_day: String,
    pub achievement_uri: String,
    pub achievement_name: String,
    /// `achievement.creator.id`, when it names a did:key.
    pub creator: Option<InstitutionId>,
    pub learner_name: Option<String>,
}

fn str_at<'v>(value: &'v Value, pointer: &str) -> Option<&'v str> {
    value.pointer(pointer).and_then(Value::as_str)
}

/// The id of an `issuer` or `creator`: a string or an object with `id`.
fn party_id(value: &Value) -> Option<&str> {
    value.as_str().or_else(|| value.get("id").and_then(Value::as_str))
}

fn has_type(value: &Value, wanted: &str) -> bool {
    match value.get("type") {
        Some(Value::String(t)) => t == wanted,
        Some(Value::Array(types)) => types.iter().any(|t| t == wanted),
        _ => false,
    }
}

/// Reads the facts of an OpenBadgeCredential.
pub fn facts(document: &Value) -> Result<CredentialFacts, MalformedCredential> {
    if !document.is_object() {
        return Err(malformed("credential", "must be a JSON object"));
    }
    if !has_type(document, "VerifiableCredential")
        || !(has_type(document, "OpenBadgeCredential") || has_type(document, "AchievementCredential"))
    {
        return Err(malformed("type", "must include VerifiableCredential and OpenBadgeCredential"));
    }
    let id = str_at(document, "/id").ok_or_else(|| malformed("id", "is required"))?.to_owned();
    let issuer_value = document.get("issuer").ok_or_else(|| malformed("issuer", "is required"))?;
    let issuer_id = party_id(issuer_value).ok_or_else(|| malformed("issuer.id", "is required"))?;
    let issuer: InstitutionId =
        issuer_id.parse().map_err(|_| malformed("issuer.id", "must be a did:key of an Ed25519 key"))?;
    let valid_from = str_at(document, "/validFrom").ok_or_else(|| malformed("validFrom", "is required"))?.to_owned();
    let awarded = str_at(document, "/awardedDate").unwrap_or(&valid_from);
    let awarded_day = awarded
        .get(..10)
        .map(str::to_owned)
        .ok_or_else(|| malformed("awardedDate", "must be a date-time like 2026-11-23T00:00:00Z"))?;
    let achievement = document
        .pointer("/credentialSubject/achievement")
        .ok_or_else(|| malformed("credentialSubject.achievement", "is required"))?;
    let achievement_uri =
        str_at(achievement, "/id").ok_or_else(|| malformed("credentialSubject.achievement.id", "is required"))?;
    let learner_name = document
        .pointer("/credentialSubject/identifier")
        .and_then(Value::as_array)
        .and_then(|ids| ids.iter().find(|i| i.get("identityType").and_then(Value::as_str) == Some("name")))
        .and_then(|i| i.get("identityHash").and_then(Value::as_str))
        .map(str::to_owned);
    Ok(CredentialFacts {
        id,
        name: str_at(document, "/name").unwrap_or_default().to_owned(),
        issuer,
        issuer_name: issuer_value.get("name").and_then(Value::as_str).map(str::to_owned),
        valid_from,
        valid_until: str_at(document, "/validUntil").map(str::to_owned),
        awarded_day,
        achievement_uri: achievement_uri.to_owned(),
        achievement_name: str_at(achievement, "/name").unwrap_or_default().to_owned(),
        creator: achievement.get("creator").and_then(party_id).and_then(|id| id.parse().ok()),
        learner_name,
    })
}
