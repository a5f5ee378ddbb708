//! An institution's key over time: `key-rotation` (the key hands over to a
//! new key, which countersigns) and `key-revocation` (a key is declared
//! invalid from a moment on, by itself or by an anchor that endorsed it).
//! Both are final: they cannot be withdrawn.
//!
//! What follows from them (records a rotated or revoked key signs later are
//! refused, trust passes to the successor) is the node's business; this
//! module only defines the records and their rules.

use ed25519_dalek::{Signature, Signer, SigningKey};
use serde::{Deserialize, Serialize};

use crate::InstitutionId;
use crate::keyword::keyword_enum;
use crate::validate::{Checked, Rule, fail};

/// The id of every `key-rotation` record: a key rotates once.
pub const KEY_ROTATION_ID: &str = "key";

/// The domain-separation prefix of the successor's countersignature.
const ROTATION_PROOF_CONTEXT: &[u8] = b"vetnet key-rotation 1\0";

/// The body of a `key-rotation` record (id [`KEY_ROTATION_ID`]).
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub struct KeyRotationBody {
    /// The successor key, `did:key:z6Mk…`; not the author.
    pub next: String,
    /// The successor's Ed25519 signature (64 bytes) over
    /// [`rotation_proof_message`]: it shows the successor agreed, so a key
    /// cannot hand its records and trust to somebody else's key.
    #[serde(with = "serde_bytes")]
    pub proof: Vec<u8>,
}

/// What the successor signs: `"vetnet key-rotation 1\0" || net || 0x00 ||
/// old key (32 bytes) || new key (32 bytes)`.
pub fn rotation_proof_message(network: &str, old: &InstitutionId, new: &InstitutionId) -> Vec<u8> {
    let mut message = Vec::with_capacity(ROTATION_PROOF_CONTEXT.len() + network.len() + 65);
    message.extend_from_slice(ROTATION_PROOF_CONTEXT);
    message.extend_from_slice(network.as_bytes());
    message.push(0);
    message.extend_from_slice(old.as_bytes());
    message.extend_from_slice(new.as_bytes());
    message
}

impl KeyRotationBody {
    /// The body of `old`'s rotation to `new`, countersigned by `new`.
    pub fn new(network: &str, old: &InstitutionId, new: &SigningKey) -> Self {
        let new_id = InstitutionId::from_bytes(new.verifying_key().to_bytes());
        let proof = new.sign(&rotation_proof_message(network, old, &new_id)).to_bytes().to_vec();
        Self { next: new_id.to_did(), proof }
    }

    /// The successor as an institution id (valid once the body is checked).
    pub fn next_id(&self) -> Option<InstitutionId> {
        self.next.parse().ok()
    }

    /// Checks the countersignature (the envelope calls this with the author).
    pub fn check_proof(&self, network: &str, old: &InstitutionId) -> Rule {
        let Some(next) = self.next_id() else {
            return fail("body.next", format!("must be a did:key:z6Mk… identifier (got {:?})", self.next));
        };
        if next == *old {
            return fail("body.next", "must be a new key, not the key that signs the rotation");
        }
        let verified =
            Signature::from_slice(&self.proof).ok().zip(next.verifying_key().ok()).is_some_and(|(signature, key)| {
                key.verify_strict(&rotation_proof_message(network, old, &next), &signature).is_ok()
            });
        if !verified {
            return fail("body.proof", "must be the successor key's signature agreeing to the rotation");
        }
        Ok(())
    }
}

impl Checked for KeyRotationBody {
    fn check(&self, p: &str) -> Rule {
        if self.next_id().is_none() {
            return fail(format!("{p}.next"), format!("must be a did:key:z6Mk… identifier (got {:?})", self.next));
        }
        if self.proof.len() != 64 {
            return fail(format!("{p}.proof"), format!("must be a 64-byte signature (got {} bytes)", self.proof.len()));
        }
        Ok(())
    }
}

/// The body of a `key-revocation` record (id [`key_revocation_id`]).
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub struct KeyRevocationBody {
    /// The revoked key, `did:key:z6Mk…`. The record id is its `z6Mk…` part.
    pub key: String,
    /// Unix seconds from which records signed by the key are invalid. At most
    /// the record's `ts`; earlier when the key leaked before it was noticed.
    pub since: u64,
    /// Why the key was revoked.
    pub reason: KeyRevocationReason,
    /// In a revocation by the key itself: the successor of the key's own
    /// `key-rotation`, which stays valid even if signed after `since` (the
    /// owner rotated first, then revoked the old key back to the leak).
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub successor: Option<String>,
}

keyword_enum! {
    /// Why a key was revoked. A closed list, like every reason on the network.
    pub enum KeyRevocationReason {
        /// Somebody else may hold the secret key.
        Compromised = "compromised",
        /// The secret key is lost; nothing more will be signed with it.
        Lost = "lost",
        /// The institution stopped using the key (closed, merged).
        Retired = "retired",
    }
}

impl KeyRevocationBody {
    /// The revoked key as an institution id (valid once the body is checked).
    pub fn key_id(&self) -> Option<InstitutionId> {
        self.key.parse().ok()
    }

    /// The successor that stays valid, as an institution id, if named.
    pub fn successor_id(&self) -> Option<InstitutionId> {
        self.successor.as_deref().and_then(|s| s.parse().ok())
    }
}

/// The record id of a key's revocation: the key's multibase part `z6Mk…`
/// (48 characters).
pub fn key_revocation_id(key: &InstitutionId) -> String {
    key.to_did().trim_start_matches("did:key:").to_owned()
}

impl Checked for KeyRevocationBody {
    fn check(&self, p: &str) -> Rule {
        if self.key_id().is_none() {
            return fail(format!("{p}.key"), format!("must be a did:key:z6Mk… identifier (got {:?})", self.key));
        }
        if let Some(successor) = &self.successor
            && self.successor_id().is_none()
        {
            return fail(format!("{p}.successor"), format!("must be a did:key:z6Mk… identifier (got {successor:?})"));
        }
        Ok(())
    }
}
