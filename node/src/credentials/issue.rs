//! Issuing credentials (one, or a batch: every row checked first, all stored
//! in one atomic write or none), exporting them, revoking them, counting
//! them, and publishing the delegations that let a partner issue this
//! institution's achievements.

use std::collections::BTreeMap;

use serde_json::Value;
use vetnet_credential::contexts::ContextSet;
use vetnet_credential::open_badge::{self, Award, HashedEmail, Institution};
use vetnet_credential::{data_integrity, jwt};
use vetnet_protocol::achievement::AchievementBody;
use vetnet_protocol::delegation::{DelegationBody, delegation_id};
use vetnet_protocol::issuance_stats::Quarter;
use vetnet_protocol::revocation::{RevocationBody, RevocationReason, credential_uuid};
use vetnet_protocol::validate::{self, ValidationError};
use vetnet_protocol::{InstitutionId, RecordKind, VerifiedRecord};

use super::{
    CredentialError, CredentialIssuer, DamagedDocument, ExportFormat, IssueRequest, IssuedCredential, MAX_BATCH,
    MonthStats, RowError, achievement_of, delegation_of, encode, institution, live, revocation_of, verification_method,
};
use crate::publish::{PublishMode, Published};
use crate::store::StoreError;

/// Longest learner name and grade, in characters.
const MAX_LEARNER_NAME_CHARS: usize = 200;
const MAX_GRADE_CHARS: usize = 100;

/// A fresh `urn:uuid:` (version 4) and a hex salt, from the OS generator.
fn fresh_id_and_salt() -> Result<(String, String), CredentialError> {
    let mut bytes = [0u8; 32];
    getrandom::fill(&mut bytes).map_err(CredentialError::Randomness)?;
    bytes[6] = (bytes[6] & 0x0f) | 0x40;
    bytes[8] = (bytes[8] & 0x3f) | 0x80;
    let h = hex::encode(&bytes[..16]);
    let id = format!("urn:uuid:{}-{}-{}-{}-{}", &h[..8], &h[8..12], &h[12..16], &h[16..20], &h[20..32]);
    Ok((id, hex::encode(&bytes[16..])))
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

/// The rules one row breaks, as they are found.
struct RowErrors {
    row: usize,
    errors: Vec<RowError>,
}

impl RowErrors {
    fn fail(&mut self, field: &str, rule: String) {
        self.errors.push(RowError { row: self.row, field: field.to_owned(), rule });
    }
}

/// Checks the row's own fields, with no store read. Returns the award day
/// (`YYYY-MM-DD`, default `today`) and whether it is a valid date.
fn check_fields(request: &IssueRequest, today: &str, errors: &mut RowErrors) -> (String, bool) {
    let mut checks = vec![validate::text("learner_name", &request.learner_name, MAX_LEARNER_NAME_CHARS, true)];
    checks.extend(request.learner_email.as_deref().map(|email| validate::email("learner_email", email)));
    checks.extend(request.grade.as_deref().map(|grade| validate::text("grade", grade, MAX_GRADE_CHARS, true)));
    let awarded = request.date.clone().unwrap_or_else(|| today.to_owned());
    let awarded_day = validate::date("date", &awarded);
    let until_day = request.valid_until.as_deref().map(|until| validate::date("valid_until", until));
    checks.extend(awarded_day.as_ref().err().cloned().map(Err));
    checks.extend(until_day.as_ref().and_then(|until| until.as_ref().err()).cloned().map(Err));
    if let Ok(day) = &awarded_day {
        if awarded.as_str() > today {
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
        errors.fail(&e.field, e.rule);
    }
    (awarded, awarded_day.is_ok())
}

impl CredentialIssuer {
    /// Checks one row against the rules and the records held: the achievement
    /// must be live, and be this institution's own or delegated to it on the
    /// award day. The outer error is a store read that failed (nothing can be
    /// said of the row); the inner one lists the rules the row breaks.
    fn check_row(&self, row: usize, request: IssueRequest) -> Result<Result<CheckedRow, Vec<RowError>>, StoreError> {
        let mut errors = RowErrors { row, errors: Vec::new() };
        let (awarded, awarded_ok) = check_fields(&request, &self.publisher.clock().today(), &mut errors);
        let (author, achievement_id) = match request.achievement.rsplit_once('/') {
            Some((did, id)) => match did.parse::<InstitutionId>() {
                Ok(author) => (author, id.to_owned()),
                Err(_) => {
                    errors.fail("achievement", format!("{did:?} is not an institution's did:key"));
                    (self.me(), id.to_owned())
                }
            },
            None => (self.me(), request.achievement.trim().to_owned()),
        };
        let found = live(&self.store, author, &RecordKind::Achievement, &achievement_id)?.and_then(achievement_of);
        if found.is_none() {
            let rule = if author == self.me() {
                format!(
                    "this institution has no published achievement {achievement_id:?} (see `vetnet achievement list`)"
                )
            } else {
                format!(
                    "no achievement {achievement_id:?} of {author} is held by this node (is it published and synced?)"
                )
            };
            errors.fail("achievement", rule);
        }
        if author != self.me() && awarded_ok {
            self.check_delegation(author, &achievement_id, &awarded, &mut errors)?;
        }
        let creator = institution(&self.store, author)?.map(|(creator, _)| creator);
        if creator.is_none() {
            errors.fail(
                "achievement",
                format!("the profile of {author} is not held, so the awarding body cannot be named"),
            );
        }
        Ok(match (errors.errors.is_empty(), found, creator) {
            (true, Some(achievement), Some(creator)) => {
                Ok(CheckedRow { request, author, achievement_id, achievement, creator, awarded })
            }
            _ => Err(errors.errors),
        })
    }

    /// Checks that `author` delegated issuing `achievement_id` to this
    /// institution on the day `awarded`.
    fn check_delegation(
        &self,
        author: InstitutionId,
        achievement_id: &str,
        awarded: &str,
        errors: &mut RowErrors,
    ) -> Result<(), StoreError> {
        let id = delegation_id(achievement_id, &self.me());
        match live(&self.store, author, &RecordKind::Delegation, &id)?.and_then(delegation_of) {
            Some(delegation) if delegation.covers(awarded) => {}
            Some(delegation) => errors.fail(
                "date",
                format!(
                    "{author} delegated issuing {achievement_id:?} from {} until {}, which does not cover {awarded}",
                    delegation.from,
                    delegation.until.as_deref().unwrap_or("further notice")
                ),
            ),
            None => errors.fail(
                "achievement",
                format!("{author} has not delegated issuing {achievement_id:?} to this institution"),
            ),
        }
        Ok(())
    }

    /// Issues every request, or none: each row is checked first, and every
    /// error of every row is reported. All credentials are stored in one
    /// atomic batch, flushed before this returns.
    pub fn issue(&self, requests: Vec<IssueRequest>) -> Result<Vec<IssuedCredential>, CredentialError> {
        if requests.is_empty() {
            return Err(invalid("credentials", "must hold at least one credential to issue"));
        }
        if requests.len() > MAX_BATCH {
            let rule = format!("must hold at most {MAX_BATCH} credentials per batch (got {})", requests.len());
            return Err(invalid("credentials", &rule));
        }
        let Some((issuer, _)) = institution(&self.store, self.me())? else {
            return Err(invalid(
                "issuer",
                "this institution has no profile; set one with `vetnet profile set` before issuing",
            ));
        };
        let mut rows = Vec::with_capacity(requests.len());
        let mut errors = Vec::new();
        for (i, request) in requests.into_iter().enumerate() {
            match self.check_row(i + 1, request)? {
                Ok(row) => rows.push(row),
                Err(row_errors) => errors.extend(row_errors),
            }
        }
        if !errors.is_empty() {
            return Err(CredentialError::Invalid(errors));
        }
        let now = self.publisher.clock().now_utc();
        let signer = RowSigner {
            contexts: ContextSet::bundled(),
            issuer,
            verification_method: verification_method(&self.me()),
            created: now.format("%Y-%m-%dT%H:%M:%SZ").to_string(),
            issued_at: u64::try_from(now.timestamp()).unwrap_or_default(),
            network: self.publisher.network_name().to_owned(),
        };
        self.store.refuse_writes_if_disk_full()?;
        let institution_key = self.publisher.key();
        let mut issued = Vec::with_capacity(rows.len());
        let mut batch = sled::Batch::default();
        for row in rows {
            let credential = signer.sign(row, institution_key.signing_key())?;
            batch.insert(credential.id.as_bytes(), encode(&credential)?);
            issued.push(credential);
        }
        self.issued.apply_batch(batch)?;
        self.issued.flush()?;
        Ok(issued)
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
                let document = unsigned_document(&credential, self.me())?;
                jwt::encode(&document, self.publisher.key().signing_key(), &verification_method(&self.me()))
                    .map_err(CredentialError::SignJwt)
            }
        }
    }

    /// Publishes a revocation of credential `id`, which this node issued.
    pub async fn revoke(&self, id: &str, reason: RevocationReason) -> Result<Published, CredentialError> {
        let credential = self.get(id)?;
        let Some(uuid) = credential_uuid(&credential.id) else {
            return Err(CredentialError::BadId(credential.id));
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

    /// Credentials awarded for each of this institution's own achievements
    /// in `quarter` (by the award day), with no personal data. Credentials
    /// issued for another institution's achievement (a delegation) are that
    /// institution's to count, and are left out.
    pub fn quarter_counts(&self, quarter: Quarter) -> Result<BTreeMap<String, u32>, CredentialError> {
        let me = self.me().to_did();
        let (first, end) = (quarter.first_day().to_string(), quarter.end().to_string());
        let mut counts: BTreeMap<String, u32> = BTreeMap::new();
        for credential in self.list()? {
            let awarded = credential.awarded.as_str();
            if credential.achievement_author == me && awarded >= first.as_str() && awarded < end.as_str() {
                *counts.entry(credential.achievement_id).or_default() += 1;
            }
        }
        Ok(counts)
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
            from: from.unwrap_or_else(|| self.publisher.clock().today()),
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
        let today = self.publisher.clock().today();
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

/// What every credential of one batch shares when it is signed.
struct RowSigner {
    contexts: ContextSet,
    issuer: Institution,
    verification_method: String,
    /// The proof's `created` time, the same for the whole batch.
    created: String,
    /// The same moment in Unix seconds, kept as the credential's issue time.
    issued_at: u64,
    network: String,
}

impl RowSigner {
    /// Builds and signs the credential of one checked row.
    fn sign(&self, row: CheckedRow, key: &ed25519_dalek::SigningKey) -> Result<IssuedCredential, CredentialError> {
        let (id, salt) = fresh_id_and_salt()?;
        let email = row.request.learner_email.as_deref().map(|email| HashedEmail::new(email, &salt));
        let achievement_uri = open_badge::achievement_uri(&self.network, &row.author, &row.achievement_id);
        let learner_name = row.request.learner_name.trim();
        let award = Award {
            id: &id,
            issuer: &self.issuer,
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
        let signed = data_integrity::sign(&unsigned, key, &self.verification_method, &self.created, &self.contexts)
            .map_err(CredentialError::Sign)?;
        Ok(IssuedCredential {
            id: id.clone(),
            achievement_author: row.author.to_did(),
            achievement_id: row.achievement_id.clone(),
            achievement_name: row.achievement.title.best(&[]).unwrap_or_default().to_owned(),
            learner_name: learner_name.to_owned(),
            learner_email: email.is_some(),
            awarded: row.awarded.clone(),
            valid_until: row.request.valid_until.clone(),
            grade: award.grade.map(str::to_owned),
            issued_at: self.issued_at,
            document: serde_json::to_string_pretty(&signed).map_err(CredentialError::Serialize)?,
        })
    }
}

/// The stored credential's document without its proof, to be signed as a
/// VC-JWT by `me`, the institution's current key. A document whose issuer
/// cannot be read is damaged; one issued by another key was issued before
/// a rotation.
fn unsigned_document(credential: &IssuedCredential, me: InstitutionId) -> Result<Value, CredentialError> {
    let damaged = |source: DamagedDocument| CredentialError::Document { id: credential.id.clone(), source };
    let mut document: Value = serde_json::from_str(&credential.document).map_err(|e| damaged(e.into()))?;
    if let Some(object) = document.as_object_mut() {
        object.remove("proof");
    }
    let issuer = open_badge::facts(&document).map_err(|e| damaged(e.into()))?.issuer;
    if issuer != me {
        return Err(CredentialError::IssuedUnderOldKey(credential.id.clone()));
    }
    Ok(document)
}

fn invalid(field: &str, rule: &str) -> CredentialError {
    CredentialError::Invalid(vec![RowError { row: 0, field: field.to_owned(), rule: rule.to_owned() }])
}

#[cfg(test)]
mod tests {
    use super::*;

    fn stored(document: &str) -> IssuedCredential {
        IssuedCredential {
            id: "urn:uuid:0f0e0d0c-0b0a-4908-8706-050403020100".into(),
            achievement_author: String::new(),
            achievement_id: "mig-welding".into(),
            achievement_name: "MIG welding".into(),
            learner_name: "Jonas Berg".into(),
            learner_email: false,
            awarded: "2026-10-01".into(),
            valid_until: None,
            grade: None,
            issued_at: 1_790_000_000,
            document: document.into(),
        }
    }

    #[test]
    fn a_stored_document_without_a_readable_issuer_is_damaged_not_issued_under_an_old_key() {
        let me = vetnet_protocol::InstitutionKey::from_secret_bytes(&[5; 32]).id();
        for document in ["{\"issuer\": \"did:key:zGarbage\"}", "{}", "not json"] {
            match unsigned_document(&stored(document), me) {
                Err(CredentialError::Document { id, .. }) => assert!(id.ends_with("050403020100")),
                other => panic!("{document}: a damaged document must be an error of its own, got {other:?}"),
            }
        }
    }
}
