//! Micro-credentials: issuing them to learners, keeping them, revoking them,
//! and verifying any credential against the records this node holds.
//!
//! An issued credential is personal data. It lives in the private tree
//! `private/credentials` of this node's database and nowhere else: it is
//! never gossiped, synced or indexed. What the network sees is the
//! `achievement` it refers to, the `delegation` that allowed a partner to
//! issue it, and, if it is revoked, a `revocation` record naming only the
//! credential's UUID and a reason from a closed list.
//!
//! This module holds the [`CredentialIssuer`] handle, its errors, the private
//! tree, and the store reads issuing and verifying share. `issue` checks,
//! signs, exports and revokes credentials and publishes delegations;
//! `verify` checks a credential file against the records held.

use serde::{Deserialize, Serialize};
use vetnet_credential::open_badge::Institution;
use vetnet_protocol::achievement::AchievementBody;
use vetnet_protocol::delegation::DelegationBody;
use vetnet_protocol::profile::{PROFILE_ID, ProfileBody};
use vetnet_protocol::revocation::{RevocationBody, credential_uuid};
use vetnet_protocol::{Content, InstitutionId, RecordKey, RecordKind, VerifiedRecord};

use crate::publish::{PublishError, Publisher};
use crate::store::{RecordStore, StoreError};

mod issue;
mod verify;

pub use verify::{Check, Verdict, Verification, verify};

/// The most credentials one batch may issue.
pub const MAX_BATCH: usize = 1_000;

/// The CBOR codec's errors when writing to and reading from memory.
type EncodeError = ciborium::ser::Error<std::io::Error>;
type DecodeError = ciborium::de::Error<std::io::Error>;

#[derive(Debug, thiserror::Error)]
pub enum CredentialError {
    /// Rows of an issue request that break a rule; nothing was issued.
    #[error("{} row(s) cannot be issued; nothing was issued", .0.len())]
    Invalid(Vec<RowError>),
    #[error("no credential {0:?} was issued by this node")]
    NotFound(String),
    #[error("the credential {0} is already revoked")]
    AlreadyRevoked(String),
    /// The operating system's random source failed, so no credential id
    /// or email salt could be drawn.
    #[error("cannot sign the credential: no randomness: {0}")]
    Randomness(#[source] getrandom::Error),
    #[error("cannot sign the credential: {0}")]
    Sign(#[source] vetnet_credential::data_integrity::SignError),
    #[error("cannot sign the credential: {0}")]
    SignJwt(#[source] vetnet_credential::jwt::JwtError),
    #[error("cannot sign the credential: {0}")]
    Serialize(#[source] serde_json::Error),
    /// A VC-JWT is signed at export, and the key that issued this credential
    /// has since been rotated away.
    #[error(
        "the credential {0} was issued under this institution's previous key; export it as JSON \
         (its proof was made at issue and still verifies), not as a JWT"
    )]
    IssuedUnderOldKey(String),
    /// An entry of the private tree whose bytes are not an issued credential.
    #[error("the credential database holds a damaged entry: an issued credential: {0}")]
    Decode(#[source] DecodeError),
    #[error("the credential database holds a damaged entry: {0}")]
    Encode(#[source] EncodeError),
    /// A stored credential whose signed document cannot be read back.
    #[error("the credential database holds a damaged entry: credential {id}: {source}")]
    Document {
        id: String,
        #[source]
        source: DamagedDocument,
    },
    /// A stored credential whose id is not a `urn:uuid:`.
    #[error("the credential database holds a damaged entry: credential id {0:?}")]
    BadId(String),
    #[error(transparent)]
    Store(#[from] StoreError),
    #[error(transparent)]
    Publish(#[from] PublishError),
}

/// Why a stored credential's signed document cannot be read back.
#[derive(Debug, thiserror::Error)]
pub enum DamagedDocument {
    #[error(transparent)]
    Json(#[from] serde_json::Error),
    /// It parses, but is not an OpenBadgeCredential (so its issuer is unknown).
    #[error(transparent)]
    NotACredential(#[from] vetnet_credential::open_badge::MalformedCredential),
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
    /// `private/credentials`: every credential this node issued, by id. Kept
    /// out of `records` so nothing personal is gossiped, synced or indexed.
    issued: sled::Tree,
}

impl CredentialIssuer {
    pub fn open(publisher: Publisher, store: RecordStore) -> Result<Self, StoreError> {
        let issued = store.private_tree("credentials")?;
        Ok(Self { publisher, store, issued })
    }

    fn me(&self) -> InstitutionId {
        self.publisher.institution()
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
    ciborium::into_writer(credential, &mut bytes).map_err(CredentialError::Encode)?;
    Ok(bytes)
}

fn decode(bytes: &[u8]) -> Result<IssuedCredential, CredentialError> {
    ciborium::from_reader(bytes).map_err(CredentialError::Decode)
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
