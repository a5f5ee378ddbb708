//! Micro-credentials: issuing them to learners, keeping them, revoking them,
//! and verifying any credential against the records this node holds.
//!
//! An issued credential is personal data. It lives in the private tree
//! `private/credentials` of this node's database and nowhere else: it is
//! never gossiped, synced or indexed. What the network sees is the
//! `achievement` it refers to, the `delegation` that allowed a partner to
//! issue it, and, if it is revoked, a `revocation` record naming only the
//! credential's UUID and a reason from a closed list.

use std::collections::BTreeMap;

use serde::{Deserialize, Serialize};
use serde_json::Value;
use vetnet_credential::contexts::ContextSet;
use vetnet_credential::open_badge::{self, Award, CredentialFacts, HashedEmail, Institution};
use vetnet_credential::{data_integrity, jwt};
use vetnet_protocol::achievement::AchievementBody;
use vetnet_protocol::delegation::{DelegationBody, delegation_id};
use vetnet_protocol::profile::{PROFILE_ID, ProfileBody};
use vetnet_protocol::revocation::{RevocationBody, RevocationReason, credential_uuid};
use vetnet_protocol::validate::{self, ValidationError};
use vetnet_protocol::{Content, InstitutionId, RecordKey, RecordKind, VerifiedRecord};

use crate::publish::{PublishError, PublishMode, Published, Publisher, unix_now};
use crate::store::{RecordStore, StoreError};

/// The most credentials one batch may issue.
pub const MAX_BATCH: usize = 1_000;
/// Longest learner name and grade, in characters.
const MAX_LEARNER_NAME_CHARS: usize = 200;
const MAX_GRADE_CHARS: usize = 100;

#[derive(Debug, thiserror::Error)]
pub enum CredentialError {
    /// Rows of an issue request that break a rule; nothing was issued.
    #[error("{} row(s) cannot be issued; nothing was issued", .0.len())]
    Invalid(Vec<RowError>),
    #[error("no credential {0:?} was issued by this node")]
    NotFound(String),
    #[error("the credential {0} is already revoked")]
    AlreadyRevoked(String),
    #[error("cannot sign the credential: {0}")]
    Sign(String),
    /// A VC-JWT is signed at export, and the key that issued this credential
    /// has since been rotated away.
    #[error(
        "the credential {0} was issued under this institution's previous key; export it as JSON \
         (its proof was made at issue and still verifies), not as a JWT"
    )]
    IssuedUnderOldKey(String),
    #[error("the credential database holds a damaged entry: {0}")]
    Corrupt(String),
    #[error(transparent)]
    Store(#[from] StoreError),
    #[error(transparent)]
    Publish(#[from] PublishError),
}

impl From<sled::Error> for CredentialError {
    fn from(e: sled::Error) -> Self {
        CredentialError::Store(StoreError::Sled(e))
    }
}

/// A rule one row of an issue request breaks. `row` counts from 1.
#[derive(Debug, Clone, PartialEq, Eq, Serialize)]
pub struct RowError {
    pub row: usize,
    pub field: String,
    pub rule: String,
}

/// One credential to issue.
#[derive(Debug, Clone, Default, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct IssueRequest {
    /// An achievement id of this institution, or `did:key:…/id` for an
    /// achievement another institution delegated to this one.
    pub achievement: String,
    pub learner_name: String,
    #[serde(default)]
    pub learner_email: Option<String>,
    #[serde(default)]
    pub grade: Option<String>,
    /// The day the learner earned it, `YYYY-MM-DD`; default today.
    #[serde(default)]
    pub date: Option<String>,
    /// Last day it is valid; default: it does not expire.
    #[serde(default)]
    pub valid_until: Option<String>,
}

/// A credential this node issued, as kept in its private tree.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
pub struct IssuedCredential {
    /// `urn:uuid:<uuid>`.
    pub id: String,
    /// The achievement's author and id.
    pub achievement_author: String,
    pub achievement_id: String,
    pub achievement_name: String,
    pub learner_name: String,
    pub learner_email: bool,
    pub awarded: String,
    #[serde(default)]
    pub valid_until: Option<String>,
    #[serde(default)]
    pub grade: Option<String>,
    /// Unix seconds when it was signed.
    pub issued_at: u64,
    /// The signed OpenBadgeCredential, exactly as exported.
    pub document: String,
}

/// Export formats.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum ExportFormat {
    /// JSON-LD with an `eddsa-rdfc-2022` Data Integrity proof.
    DataIntegrity,
    /// A VC-JWT (compact JWS, EdDSA).
    Jwt,
}

/// Issued and revoked credentials of one achievement in one month.
#[derive(Debug, Clone, Default, PartialEq, Eq, Serialize)]
pub struct MonthStats {
    pub issued: u64,
    pub revoked: u64,
}

/// Issues, keeps and revokes this institution's credentials. Cheap to clone.
#[derive(Clone)]
pub struct CredentialIssuer {
    publisher: Publisher,
    store: RecordStore,
    issued: sled::Tree,
}

fn today() -> String {
    chrono::Utc::now().format("%Y-%m-%d").to_string()
}

/// A fresh `urn:uuid:` (version 4) and a hex salt, from the OS generator.
fn fresh_id_and_salt() -> Result<(String, String), CredentialError> {
    let mut bytes = [0u8; 32];
    getrandom::fill(&mut bytes).map_err(|e| CredentialError::Sign(format!("no randomness: {e}")))?;
    bytes[6] = (bytes[6] & 0x0f) | 0x40;
    bytes[8] = (bytes[8] & 0x3f) | 0x80;
    let h = hex::encode(&bytes[..16]);
    let id = format!("urn:uuid:{}-{}-{}-{}-{}", &h[..8], &h[8..12], &h[12..16], &h[16..20], &h[20..32]);
    Ok((id, hex::encode(&bytes[16..])))
}

/// The newest live record of `author`/`kind`/`id`.
pub fn live(
    store: &RecordStore,
    author: InstitutionId,
    kind: &RecordKind,
    id: &str,
) -> Result<Option<VerifiedRecord>, StoreError> {
    let key = RecordKey { author, kind: kind.as_str().to_owned(), id: id.to_owned() };
    Ok(store.get(&key)?.filter(|record| !record.is_withdrawn()))
}

/// The institution `id` as its profile describes it.
pub fn institution(store: &RecordStore, id: InstitutionId) -> Result<Option<(Institution, ProfileBody)>, StoreError> {
    Ok(live(store, id, &RecordKind::Profile, PROFILE_ID)?.and_then(|record| match record.content {
        Content::Profile(profile) => Some((
            Institution {
                id,
                name: profile.name.best(&[]).unwrap_or_default().to_owned(),
                country: profile.country.clone(),
                region: profile.region.clone(),
                city: profile.city.clone(),
                website: profile.website.clone(),
                email: profile.email.clone(),
            },
            *profile,
        )),
        _ => None,
    }))
}

fn achievement_of(record: VerifiedRecord) -> Option<AchievementBody> {
    match record.content {
        Content::Achievement(achievement) => Some(*achievement),
        _ => None,
    }
}

fn delegation_of(record: VerifiedRecord) -> Option<DelegationBody> {
    match record.content {
        Content::Delegation(delegation) => Some(delegation),
        _ => None,
    }
}

/// A row checked and ready to sign.
struct CheckedRow {
    request: IssueRequest,
    author: InstitutionId,
    achievement_id: String,
    achievement: AchievementBody,
    creator: Institution,
    awarded: String,
}

impl CredentialIssuer {
    pub fn open(publisher: Publisher, store: RecordStore) -> Result<Self, StoreError> {
        let issued = store.private_tree("credentials")?;
        Ok(Self { publisher, store, issued })
    }

    fn me(&self) -> InstitutionId {
        self.publisher.institution()
    }

    /// Checks one row against the rules and the records held: the achievement
    /// must be live, and be this institution's own or delegated to it on the
    /// award day.
    fn check_row(&self, row: usize, request: IssueRequest) -> Result<CheckedRow, Vec<RowError>> {
        let mut errors = Vec::new();
        let mut fail = |field: &str, rule: String| errors.push(RowError { row, field: field.to_owned(), rule });
        let mut checks = vec![validate::text("learner_name", &request.learner_name, MAX_LEARNER_NAME_CHARS, true)];
        checks.extend(request.learner_email.as_deref().map(|email| validate::email("learner_email", email)));
        checks.extend(request.grade.as_deref().map(|grade| validate::text("grade", grade, MAX_GRADE_CHARS, true)));
        let awarded = request.date.clone().unwrap_or_else(today);
        let awarded_day = validate::date("date", &awarded);
        let until_day = request.valid_until.as_deref().map(|until| validate::date("valid_until", until));
        checks.extend(awarded_day.as_ref().err().cloned().map(Err));
        checks.extend(until_day.as_ref().and_then(|until| until.as_ref().err()).cloned().map(Err));
        if let Ok(day) = &awarded_day {
            if awarded > today() {
                checks.push(Err(ValidationError::new("date", format!("must not be in the future (got {day})"))));
            }
            if let Some(Ok(until)) = &until_day
                && until < day
            {
                let rule = format!("must not be before the award date {day} (got {until})");
                checks.push(Err(ValidationError::new("valid_until", rule)));
            }
        }
        for e in checks.into_iter().filter_map(Result::err) {
            fail(&e.field, e.rule);
        }
        let (author, achievement_id) = match request.achievement.rsplit_once('/') {
            Some((did, id)) => match did.parse::<InstitutionId>() {
                Ok(author) => (author, id.to_owned()),
                Err(_) => {
                    fail("achievement", format!("{did:?} is not an institution's did:key"));
                    (self.me(), id.to_owned())
                }
            },
            None => (self.me(), request.achievement.trim().to_owned()),
        };
        let mut found = None;
        match live(&self.store, author, &RecordKind::Achievement, &achievement_id).map(|r| r.and_then(achievement_of)) {
            Err(e) => fail("achievement", format!("cannot be read: {e}")),
            Ok(None) if author == self.me() => fail(
                "achievement",
                format!(
                    "this institution has no published achievement {achievement_id:?} (see `vetnet achievement list`)"
                ),
            ),
            Ok(None) => fail(
                "achievement",
                format!(
                    "no achievement {achievement_id:?} of {author} is held by this node (is it published and synced?)"
                ),
            ),
            Ok(Some(achievement)) => found = Some(achievement),
        }
        if author != self.me() && awarded_day.is_ok() {
            let id = delegation_id(&achievement_id, &self.me());
            match live(&self.store, author, &RecordKind::Delegation, &id).map(|r| r.and_then(delegation_of)) {
                Ok(Some(delegation)) if delegation.covers(&awarded) => {}
                Ok(Some(delegation)) => fail(
                    "date",
                    format!(
                        "{author} delegated issuing {achievement_id:?} from {} until {}, which does not cover {awarded}",
                        delegation.from,
                        delegation.until.as_deref().unwrap_or("further notice")
                    ),
                ),
                Ok(None) => fail(
                    "achievement",
                    format!("{author} has not delegated issuing {achievement_id:?} to this institution"),
                ),
                Err(e) => fail("achievement", format!("cannot read the delegation: {e}")),
            }
        }
        let creator = match institution(&self.store, author) {
            Ok(Some((creator, _))) => Some(creator),
            Ok(None) => {
                fail(
                    "achievement",
                    format!("the profile of {author} is not held, so the awarding body cannot be named"),
                );
                None
            }
            Err(e) => {
                fail("achievement", format!("cannot read the profile: {e}"));
                None
            }
        };
        match (errors.is_empty(), found, creator) {
            (true, Some(achievement), Some(creator)) => {
                Ok(CheckedRow { request, author, achievement_id, achievement, creator, awarded })
            }
            _ => Err(errors),
        }
    }

    /// Issues every request, or none: each row is checked first, and every
    /// error of every row is reported. All credentials are stored in one
    /// atomic batch, flushed before this returns.
    pub fn issue(&self, requests: Vec<IssueRequest>) -> Result<Vec<IssuedCredential>, CredentialError> {
        if requests.is_empty() {
            return Err(CredentialError::Invalid(vec![RowError {
                row: 0,
                field: "credentials".into(),
                rule: "must hold at least one credential to issue".into(),
            }]));
        }
        if requests.len() > MAX_BATCH {
            return Err(CredentialError::Invalid(vec![RowError {
                row: 0,
                field: "credentials".into(),
                rule: format!("must hold at most {MAX_BATCH} credentials per batch (got {})", requests.len()),
            }]));
        }
        let Some((issuer, _)) = institution(&self.store, self.me())? else {
            return Err(CredentialError::Invalid(vec![RowError {
                row: 0,
                field: "issuer".into(),
                rule: "this institution has no profile; set one with `vetnet profile set` before issuing".into(),
            }]));
        };
        let mut rows = Vec::with_capacity(requests.len());
        let mut errors = Vec::new();
        for (i, request) in requests.into_iter().enumerate() {
            match self.check_row(i + 1, request) {
                Ok(row) => rows.push(row),
                Err(row_errors) => errors.extend(row_errors),
            }
        }
        if !errors.is_empty() {
            return Err(CredentialError::Invalid(errors));
        }
        let contexts = ContextSet::bundled();
        let institution_key = self.publisher.key();
        let key = institution_key.signing_key();
        let verification_method = verification_method(&self.me());
        let created = chrono::Utc::now().format("%Y-%m-%dT%H:%M:%SZ").to_string();
        let network = self.publisher.network_name().to_owned();
        let mut issued = Vec::with_capacity(rows.len());
        let mut batch = sled::Batch::default();
        for row in rows {
            let (id, salt) = fresh_id_and_salt()?;
            let email = row.request.learner_email.as_deref().map(|email| HashedEmail::new(email, &salt));
            let achievement_uri = open_badge::achievement_uri(&network, &row.author, &row.achievement_id);
            let learner_name = row.request.learner_name.trim();
            let award = Award {
                id: &id,
                issuer: &issuer,
                creator: &row.creator,
                achievement_uri: &achievement_uri,
                achievement: &row.achievement,
                learner_name,
                learner_email: email.as_ref(),
                awarded: &row.awarded,
                valid_until: row.request.valid_until.as_deref(),
                grade: row.request.grade.as_deref().map(str::trim),
            };
            let unsigned = open_badge::credential(&award);
            let signed = data_integrity::sign(&unsigned, key, &verification_method, &created, &contexts)
                .map_err(|e| CredentialError::Sign(e.to_string()))?;
            let credential = IssuedCredential {
                id: id.clone(),
                achievement_author: row.author.to_did(),
                achievement_id: row.achievement_id.clone(),
                achievement_name: row.achievement.title.best(&[]).unwrap_or_default().to_owned(),
                learner_name: learner_name.to_owned(),
                learner_email: email.is_some(),
                awarded: row.awarded.clone(),
                valid_until: row.request.valid_until.clone(),
                grade: award.grade.map(str::to_owned),
                issued_at: unix_now(),
                document: serde_json::to_string_pretty(&signed).map_err(|e| CredentialError::Sign(e.to_string()))?,
            };
            batch.insert(id.as_bytes(), encode(&credential)?);
            issued.push(credential);
        }
        self.issued.apply_batch(batch)?;
        self.issued.flush()?;
        Ok(issued)
    }

    /// Every credential this node issued, newest first.
    pub fn list(&self) -> Result<Vec<IssuedCredential>, CredentialError> {
        let mut all = Vec::new();
        for entry in self.issued.iter() {
            let (_, value) = entry?;
            all.push(decode(&value)?);
        }
        all.sort_by(|a: &IssuedCredential, b| b.issued_at.cmp(&a.issued_at).then_with(|| a.id.cmp(&b.id)));
        Ok(all)
    }

    /// One issued credential, by `urn:uuid:…` or its bare UUID.
    pub fn get(&self, id: &str) -> Result<IssuedCredential, CredentialError> {
        let id = normalise_id(id);
        match self.issued.get(id.as_bytes())? {
            Some(value) => decode(&value),
            None => Err(CredentialError::NotFound(id)),
        }
    }

    /// Forgets the issued credential `id` (its learner's name and the signed
    /// document) when the learner asked for their data to be erased. The
    /// credential stays valid for whoever holds it; only this node's copy
    /// goes. Returns whether it was held.
    pub fn forget(&self, id: &str) -> Result<bool, CredentialError> {
        let id = normalise_id(id);
        let held = self.issued.remove(id.as_bytes())?.is_some();
        self.issued.flush()?;
        Ok(held)
    }

    /// The revocation of credential `id` this institution published, if any.
    pub fn revocation(&self, id: &str) -> Result<Option<(RevocationBody, u64)>, StoreError> {
        // From this institution's first key on, so revocations signed before a rotation count too.
        let me = self.me();
        let first = self.store.key_ledger().predecessors(&me).last().copied().unwrap_or(me);
        revocation_of(&self.store, first, id)
    }

    /// The credential as the learner keeps it.
    pub fn export(&self, id: &str, format: ExportFormat) -> Result<String, CredentialError> {
        let credential = self.get(id)?;
        match format {
            ExportFormat::DataIntegrity => Ok(credential.document),
            ExportFormat::Jwt => {
                let mut document: Value = serde_json::from_str(&credential.document)
                    .map_err(|e| CredentialError::Corrupt(format!("credential {}: {e}", credential.id)))?;
                if let Some(object) = document.as_object_mut() {
                    object.remove("proof");
                }
                let issuer = open_badge::facts(&document).map(|facts| facts.issuer).ok();
                if issuer != Some(self.me()) {
                    return Err(CredentialError::IssuedUnderOldKey(credential.id));
                }
                jwt::encode(&document, self.publisher.key().signing_key(), &verification_method(&self.me()))
                    .map_err(|e| CredentialError::Sign(e.to_string()))
            }
        }
    }

    /// Publishes a revocation of credential `id`, which this node issued.
    pub async fn revoke(&self, id: &str, reason: RevocationReason) -> Result<Published, CredentialError> {
        let credential = self.get(id)?;
        let Some(uuid) = credential_uuid(&credential.id) else {
            return Err(CredentialError::Corrupt(format!("credential id {:?}", credential.id)));
        };
        if self.revocation(&credential.id)?.is_some() {
            return Err(CredentialError::AlreadyRevoked(credential.id));
        }
        let body = RevocationBody { credential: credential.id.clone(), reason };
        Ok(self.publisher.publish(RecordKind::Revocation, uuid, &body, PublishMode::Create).await?)
    }

    /// Issued and revoked credentials per achievement and month (`YYYY-MM`
    /// of the award day), with no personal data.
    pub fn stats(&self) -> Result<BTreeMap<(String, String), MonthStats>, CredentialError> {
        let mut stats: BTreeMap<(String, String), MonthStats> = BTreeMap::new();
        for credential in self.list()? {
            let achievement = if credential.achievement_author == self.me().to_did() {
                credential.achievement_id.clone()
            } else {
                format!("{}/{}", credential.achievement_author, credential.achievement_id)
            };
            let month = credential.awarded.get(..7).unwrap_or_default().to_owned();
            let entry = stats.entry((achievement, month)).or_default();
            entry.issued += 1;
            if self.revocation(&credential.id)?.is_some() {
                entry.revoked += 1;
            }
        }
        Ok(stats)
    }

    /// Publishes (or replaces) the delegation of this institution's
    /// achievement `achievement` to `delegate`.
    pub async fn delegate(
        &self,
        achievement: &str,
        delegate: InstitutionId,
        from: Option<String>,
        until: Option<String>,
    ) -> Result<Published, CredentialError> {
        if delegate == self.me() {
            return Err(invalid("delegate", "must be another institution: this one issues its own achievements"));
        }
        if live(&self.store, self.me(), &RecordKind::Achievement, achievement)?.is_none() {
            return Err(invalid(
                "achievement",
                &format!("this institution has no published achievement {achievement:?}"),
            ));
        }
        let body = DelegationBody {
            achievement: achievement.to_owned(),
            delegate: delegate.to_did(),
            from: from.unwrap_or_else(today),
            until,
        };
        let id = delegation_id(achievement, &delegate);
        Ok(self.publisher.publish(RecordKind::Delegation, &id, &body, PublishMode::Upsert).await?)
    }

    /// Ends a delegation today: credentials issued under it so far stay
    /// valid, later ones are refused.
    pub async fn end_delegation(
        &self,
        achievement: &str,
        delegate: InstitutionId,
    ) -> Result<Published, CredentialError> {
        let id = delegation_id(achievement, &delegate);
        let Some(mut body) = live(&self.store, self.me(), &RecordKind::Delegation, &id)?.and_then(delegation_of) else {
            return Err(invalid(
                "delegate",
                &format!("this institution has not delegated {achievement:?} to {delegate}"),
            ));
        };
        let today = today();
        body.until = Some(match body.until {
            Some(until) if until < today => until,
            _ if body.from > today => body.from.clone(),
            _ => today,
        });
        Ok(self.publisher.publish(RecordKind::Delegation, &id, &body, PublishMode::Update).await?)
    }

    /// Delegations this institution published.
    pub fn delegations(&self) -> Result<Vec<VerifiedRecord>, StoreError> {
        let mut records = self.store.by_author(&self.me(), &RecordKind::Delegation)?;
        records.retain(|r| !r.is_withdrawn());
        Ok(records)
    }
}

fn invalid(field: &str, rule: &str) -> CredentialError {
    CredentialError::Invalid(vec![RowError { row: 0, field: field.to_owned(), rule: rule.to_owned() }])
}

/// `did:key:z6Mk…#z6Mk…`: the key's verification method in its DID document.
pub fn verification_method(id: &InstitutionId) -> String {
    let did = id.to_did();
    let fragment = did.strip_prefix("did:key:").unwrap_or(&did).to_owned();
    format!("{did}#{fragment}")
}

fn normalise_id(id: &str) -> String {
    let id = id.trim();
    if id.starts_with("urn:uuid:") { id.to_owned() } else { format!("urn:uuid:{id}") }
}

fn encode(credential: &IssuedCredential) -> Result<Vec<u8>, CredentialError> {
    let mut bytes = Vec::new();
    ciborium::into_writer(credential, &mut bytes).map_err(|e| CredentialError::Corrupt(e.to_string()))?;
    Ok(bytes)
}

fn decode(bytes: &[u8]) -> Result<IssuedCredential, CredentialError> {
    ciborium::from_reader(bytes).map_err(|e| CredentialError::Corrupt(format!("an issued credential: {e}")))
}

/// The revocation `issuer` published for credential `id`, with its `ts`:
/// signed by the issuer's key or, once it rotated, by one of its successors.
pub fn revocation_of(
    store: &RecordStore,
    issuer: InstitutionId,
    id: &str,
) -> Result<Option<(RevocationBody, u64)>, StoreError> {
    let id = normalise_id(id);
    let Some(uuid) = credential_uuid(&id) else { return Ok(None) };
    let keys = store.key_ledger().chain(&issuer);
    for key in keys {
        let found = live(store, key, &RecordKind::Revocation, uuid)?.and_then(|record| match record.content {
            Content::Revocation(revocation) if revocation.credential == id => Some((revocation, record.payload.ts)),
            _ => None,
        });
        if found.is_some() {
            return Ok(found);
        }
    }
    Ok(None)
}

// ---------------------------------------------------------------------------
// Verification
// ---------------------------------------------------------------------------

/// The outcome of verifying a credential, from best to worst reason. Each
/// invalid verdict names the first check that failed.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize)]
#[serde(rename_all = "kebab-case")]
pub enum Verdict {
    Valid,
    /// Not a credential this verifier can read (not JSON, not a VC, …).
    Malformed,
    /// The proof does not match: the file was changed after signing, or the
    /// proof is not the issuer's.
    Tampered,
    /// No institution profile of the issuer's key is held in the network.
    UnknownIssuer,
    /// Issued for another institution's achievement without a delegation
    /// covering the award day.
    NotDelegated,
    /// Signed by the issuer's key after the key was revoked or rotated.
    KeyRetired,
    Revoked,
    Expired,
    NotYetValid,
}

impl Verdict {
    pub fn describe(self) -> &'static str {
        match self {
            Verdict::Valid => "valid",
            Verdict::Malformed => "not a readable credential",
            Verdict::Tampered => "tampered: the content does not match its signature",
            Verdict::UnknownIssuer => "unknown issuer: no institution in the network has this key",
            Verdict::NotDelegated => "not valid: issued without a delegation from the achievement's owner",
            Verdict::KeyRetired => "not valid: signed after the issuer's key was revoked or replaced",
            Verdict::Revoked => "revoked by the issuer",
            Verdict::Expired => "expired",
            Verdict::NotYetValid => "not yet valid",
        }
    }
}

/// One check of a verification, in the order they run.
#[derive(Debug, Clone, PartialEq, Eq, Serialize)]
pub struct Check {
    /// `format`, `proof`, `issuer`, `key`, `delegation`, `revocation`, `validity`.
    pub name: &'static str,
    /// `pass`, `fail` or `skip` (not applicable, or not reached).
    pub status: &'static str,
    pub detail: String,
}

/// Everything a verification found.
#[derive(Debug, Clone)]
pub struct Verification {
    pub verdict: Verdict,
    pub checks: Vec<Check>,
    /// `data-integrity` or `jwt`, once recognised.
    pub format: Option<&'static str>,
    pub facts: Option<CredentialFacts>,
    /// The issuer's profile, when held.
    pub issuer: Option<(Institution, ProfileBody)>,
    /// The delegating institution, when issued under a delegation.
    pub delegated_by: Option<Institution>,
    pub revocation: Option<(RevocationBody, u64)>,
}

impl Verification {
    fn new() -> Self {
        Self {
            verdict: Verdict::Valid,
            checks: Vec::new(),
            format: None,
            facts: None,
            issuer: None,
            delegated_by: None,
            revocation: None,
        }
    }

    fn pass(&mut self, name: &'static str, detail: impl Into<String>) {
        self.checks.push(Check { name, status: "pass", detail: detail.into() });
    }

    fn skip(&mut self, name: &'static str, detail: impl Into<String>) {
        self.checks.push(Check { name, status: "skip", detail: detail.into() });
    }

    /// Records a failed check; the first failure decides the verdict.
    fn fail(&mut self, name: &'static str, verdict: Verdict, detail: impl Into<String>) {
        self.checks.push(Check { name, status: "fail", detail: detail.into() });
        if self.verdict == Verdict::Valid {
            self.verdict = verdict;
        }
    }

    /// Fails `name` and marks every later check as not reached.
    fn stop(mut self, name: &'static str, verdict: Verdict, detail: impl Into<String>) -> Self {
        self.fail(name, verdict, detail);
        let done: Vec<&str> = self.checks.iter().map(|c| c.name).collect();
        for later in ["format", "proof", "issuer", "delegation", "revocation", "validity"] {
            if !done.contains(&later) {
                self.skip(later, "not checked: an earlier check failed");
            }
        }
        self
    }
}

/// A point in time from a credential's `validFrom`/`validUntil`.
fn parse_time(value: &str) -> Option<chrono::DateTime<chrono::Utc>> {
    chrono::DateTime::parse_from_rfc3339(value).ok().map(|t| t.with_timezone(&chrono::Utc))
}

/// Verifies a credential file (JSON-LD with a Data Integrity proof, or a
/// VC-JWT) against the records this node holds, at `now`. Runs offline: it
/// needs neither the issuer nor any network access.
pub fn verify(store: &RecordStore, text: &str, now: chrono::DateTime<chrono::Utc>) -> Verification {
    let mut v = Verification::new();
    let text = text.trim();
    let contexts = ContextSet::bundled();
    // 1. Format and proof.
    let signer = if text.starts_with('{') {
        v.format = Some("data-integrity");
        let document: Value = match serde_json::from_str(text) {
            Ok(document) => document,
            Err(e) => return v.stop("format", Verdict::Malformed, format!("not valid JSON: {e}")),
        };
        let facts = match open_badge::facts(&document) {
            Ok(facts) => facts,
            Err(e) => return v.stop("format", Verdict::Malformed, e.to_string()),
        };
        v.pass("format", "an Open Badges 3.0 credential (W3C VC 2.0, JSON-LD)");
        v.facts = Some(facts);
        match data_integrity::verify(&document, &contexts) {
            Ok(proof) => proof.signer,
            Err(e) if e.is_malformed() => return v.stop("proof", Verdict::Malformed, e.to_string()),
            Err(e) => return v.stop("proof", Verdict::Tampered, e.to_string()),
        }
    } else {
        v.format = Some("jwt");
        match jwt::decode_verify(text) {
            Ok(verified) => {
                let facts = match open_badge::facts(&verified.credential) {
                    Ok(facts) => facts,
                    Err(e) => return v.stop("format", Verdict::Malformed, e.to_string()),
                };
                v.pass("format", "an Open Badges 3.0 credential (W3C VC 2.0) as a VC-JWT");
                v.facts = Some(facts);
                verified.signer
            }
            Err(e) if e.is_malformed() => {
                return v.stop("format", Verdict::Malformed, format!("neither a JSON credential nor a VC-JWT: {e}"));
            }
            Err(e) => {
                v.pass("format", "a VC-JWT");
                return v.stop("proof", Verdict::Tampered, e.to_string());
            }
        }
    };
    let Some(facts) = v.facts.clone() else { return v };
    if signer != facts.issuer {
        return v.stop(
            "proof",
            Verdict::Tampered,
            format!("the proof is signed by {signer}, not by the issuer {}", facts.issuer),
        );
    }
    v.pass("proof", format!("signed by the issuer's key {}", facts.issuer));

    // 2. Issuer known in the network.
    match institution(store, facts.issuer) {
        Ok(Some(found)) => {
            let (issuer, profile) = &found;
            v.pass(
                "issuer",
                format!(
                    "{} ({}, {}), a profile held in the network",
                    issuer.name,
                    profile.institution.as_str(),
                    issuer.country
                ),
            );
            v.issuer = Some(found);
        }
        Ok(None) => v.fail(
            "issuer",
            Verdict::UnknownIssuer,
            format!("no institution profile with the key {} is held by this node", facts.issuer),
        ),
        Err(e) => v.fail("issuer", Verdict::UnknownIssuer, format!("cannot read the store: {e}")),
    }

    // The issuer's key was not retired when the credential was issued.
    let issued_at = chrono::DateTime::parse_from_rfc3339(&facts.valid_from).map(|t| t.timestamp().max(0) as u64);
    match issued_at.ok().and_then(|ts| store.key_refusal(&facts.issuer, ts)) {
        Some(refusal) => v.fail("key", Verdict::KeyRetired, crate::publish::describe_refusal(&refusal)),
        None => v.pass("key", "the issuer's key was neither revoked nor rotated when the credential was issued"),
    }

    // 3. Delegation, when the achievement is another institution's.
    let owner = open_badge::parse_achievement_uri(&facts.achievement_uri).map(|(_, author, id)| (author, id));
    match (&owner, facts.creator) {
        (Some((author, _)), _) if *author == facts.issuer => {
            v.skip("delegation", "the issuer awards its own achievement")
        }
        (None, Some(creator)) if creator == facts.issuer => {
            v.skip("delegation", "the issuer awards its own achievement")
        }
        (None, None) => v.skip("delegation", "the achievement is not a vetnet record; no delegation applies"),
        (None, Some(creator)) => v.fail(
            "delegation",
            Verdict::NotDelegated,
            format!("the achievement belongs to {creator}, and is not a vetnet record a delegation could cover"),
        ),
        (Some((author, achievement)), _) => {
            let id = delegation_id(achievement, &facts.issuer);
            let owner_name = institution(store, *author).ok().flatten().map(|(i, _)| i);
            let label = owner_name.as_ref().map_or_else(|| author.to_string(), |i| i.name.clone());
            match live(store, *author, &RecordKind::Delegation, &id).map(|r| r.and_then(delegation_of)) {
                Ok(Some(delegation)) if delegation.covers(&facts.awarded_day) => {
                    v.pass(
                        "delegation",
                        format!(
                            "issued under delegation from {label} (from {} until {})",
                            delegation.from,
                            delegation.until.as_deref().unwrap_or("further notice")
                        ),
                    );
                    v.delegated_by = owner_name;
                }
                Ok(Some(delegation)) => v.fail(
                    "delegation",
                    Verdict::NotDelegated,
                    format!(
                        "awarded on {}, outside the delegation from {label} (from {} until {})",
                        facts.awarded_day,
                        delegation.from,
                        delegation.until.as_deref().unwrap_or("further notice")
                    ),
                ),
                Ok(None) => v.fail(
                    "delegation",
                    Verdict::NotDelegated,
                    format!("{label} owns the achievement and has not delegated issuing it to the issuer"),
                ),
                Err(e) => v.fail("delegation", Verdict::NotDelegated, format!("cannot read the store: {e}")),
            }
        }
    }

    // 4. Revocation.
    match revocation_of(store, facts.issuer, &facts.id) {
        Ok(Some((revocation, ts))) => {
            let day = chrono::DateTime::from_timestamp(ts as i64, 0).map(|t| t.format("%Y-%m-%d").to_string());
            v.fail(
                "revocation",
                Verdict::Revoked,
                format!("revoked on {}: {}", day.unwrap_or_default(), revocation.reason.describe()),
            );
            v.revocation = Some((revocation, ts));
        }
        Ok(None) => v.pass("revocation", "no revocation of it is held"),
        Err(e) => v.fail("revocation", Verdict::Revoked, format!("cannot read the store: {e}")),
    }

    // 5. Validity period.
    match parse_time(&facts.valid_from) {
        None => v.fail("validity", Verdict::Malformed, format!("validFrom {:?} is not a date-time", facts.valid_from)),
        Some(from) if from > now => {
            v.fail("validity", Verdict::NotYetValid, format!("valid only from {}", facts.valid_from));
        }
        Some(_) => match facts.valid_until.as_deref().map(|until| (until, parse_time(until))) {
            Some((until, None)) => {
                v.fail("validity", Verdict::Malformed, format!("validUntil {until:?} is not a date-time"));
            }
            Some((until, Some(end))) if end < now => {
                v.fail("validity", Verdict::Expired, format!("expired at {until}"));
            }
            Some((until, Some(_))) => v.pass("validity", format!("valid from {} until {until}", facts.valid_from)),
            None => v.pass("validity", format!("valid from {}, no expiry", facts.valid_from)),
        },
    }
    v
}
