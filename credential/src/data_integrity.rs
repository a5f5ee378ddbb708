//! W3C VC Data Integrity EdDSA Cryptosuites v1.0, cryptosuite `eddsa-rdfc-2022`.
//!
//! A proof is an object in the document's `proof`:
//!
//! ```json
//! { "type": "DataIntegrityProof", "cryptosuite": "eddsa-rdfc-2022",
//!   "created": "2026-11-23T10:00:00Z", "proofPurpose": "assertionMethod",
//!   "verificationMethod": "did:key:z6Mk…#z6Mk…", "proofValue": "z…" }
//! ```
//!
//! and `proofValue` is an Ed25519 signature over two SHA-256 hashes:
//!
//! 1. *Proof configuration* (spec §3.3.5): the proof options (everything in
//!    the proof except `proofValue`), with the document's `@context` as their
//!    `@context`, canonicalised with RDFC-1.0 ([`crate::canonicalize`]).
//! 2. *Transformation* (§3.3.3): the document without `proof`, canonicalised
//!    with RDFC-1.0.
//! 3. *Hashing* (§3.3.4): `hashData = SHA-256(canonical proof configuration)
//!    || SHA-256(canonical document)`, 64 bytes.
//! 4. *Serialization* (§3.3.6): `proofValue = "z" + base58btc(Ed25519-sign(hashData))`
//!    (a multibase string).
//!
//! Verification (§3.3.2) recomputes `hashData` from the received document and
//! checks the signature with the key the verification method names. vetnet
//! accepts only `did:key` verification methods of the form
//! `did:key:z6Mk…#z6Mk…` (the same key on both sides of `#`), which carry the
//! Ed25519 public key themselves, so nothing is resolved over the network.
//!
//! Open Badges 3.0's JSON schema wants `proof` as an array, so [`sign`]
//! returns `"proof": [ { … } ]`; [`verify`] takes an object or a one-element
//! array (the signature does not depend on the wrapping).

use std::str::FromStr;

use ed25519_dalek::{Signature, Signer, SigningKey, VerifyingKey};
use serde_json::{Map, Value};
use sha2::{Digest, Sha256};
use vetnet_protocol::InstitutionId;

use crate::canonical::{CanonicalError, canonicalize};
use crate::contexts::ContextSet;
use crate::vc::parse_date_time_stamp;

/// `type` of every proof this module makes and accepts.
pub const PROOF_TYPE: &str = "DataIntegrityProof";
/// `cryptosuite` of every proof this module makes and accepts.
pub const CRYPTOSUITE: &str = "eddsa-rdfc-2022";
/// `proofPurpose` of an issuer's proof on a credential.
pub const ASSERTION_METHOD: &str = "assertionMethod";

/// Why a proof could not be made.
#[derive(Debug, thiserror::Error)]
pub enum SignError {
    /// The document is not something this module signs (names what).
    #[error("cannot sign: {0}")]
    Malformed(String),
    /// `created` is no XML Schema dateTimeStamp.
    #[error("created {0:?} is not an XML Schema dateTimeStamp such as 2026-11-23T10:00:00Z")]
    InvalidCreated(String),
    /// The verification method is not `did:key:<key>#<key>` for the signing key.
    #[error("verification method {found:?} does not name the signing key (expected {expected:?})")]
    VerificationMethodMismatch { expected: String, found: String },
    /// The document or the proof options have no canonical form (unknown
    /// context, undefined term, …).
    #[error(transparent)]
    Canonical(#[from] CanonicalError),
}

/// Why a proof does not verify. The variants separate "this is not a proof we
/// understand" from "the document is not valid JSON-LD for the bundled
/// contexts" from "the signature is wrong".
#[derive(Debug, thiserror::Error)]
pub enum ProofError {
    /// The document or its proof is not shaped as a Data Integrity proof
    /// (names what).
    #[error("malformed proof: {0}")]
    Malformed(String),
    /// A proof of another kind (`type`, `cryptosuite` or `proofPurpose`).
    #[error("unsupported proof: {field} is {found:?}, vetnet accepts only {expected:?}")]
    Unsupported { field: &'static str, found: String, expected: &'static str },
    /// A verification method vetnet cannot resolve offline.
    #[error(
        "unsupported verification method {0:?}: vetnet accepts only did:key:z6Mk…#z6Mk… (the same Ed25519 key twice)"
    )]
    UnsupportedVerificationMethod(String),
    /// The document (or proof options) has no canonical form: an unknown
    /// context, an undefined term, … (see [`CanonicalError`]).
    #[error("the signed data cannot be canonicalised: {0}")]
    Canonical(#[from] CanonicalError),
    /// The signature does not match.
    #[error("signature mismatch: the document was changed after it was signed or the proof is not from this key")]
    SignatureMismatch,
}

impl ProofError {
    /// Is the file unreadable as a proof vetnet checks (as opposed to a proof
    /// that was readable and did not match)?
    pub fn is_malformed(&self) -> bool {
        matches!(
            self,
            ProofError::Malformed(_)
                | ProofError::Unsupported { .. }
                | ProofError::UnsupportedVerificationMethod(_)
                | ProofError::Canonical(CanonicalError::UnknownContext { .. })
        )
    }
}

/// A proof that verified.
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct VerifiedProof {
    /// The key that signed (the `did:key` of the verification method).
    pub signer: InstitutionId,
    /// The proof's `created` dateTimeStamp, if it has one.
    pub created: Option<String>,
    /// The proof's `verificationMethod`.
    pub verification_method: String,
}

/// The `did:key:z6Mk…#z6Mk…` verification method of `key`, the form [`sign`]
/// and [`verify`] use.
pub fn verification_method_for(key: &VerifyingKey) -> String {
    let did = InstitutionId::from_bytes(key.to_bytes()).to_did();
    match did.strip_prefix("did:key:") {
        Some(multibase) => format!("{did}#{multibase}"),
        None => did,
    }
}

/// The key a `did:key:z6Mk…#z6Mk…` verification method names, or `None` for
/// any other form (another DID method, a URL, no fragment, a fragment naming
/// another key).
pub fn parse_verification_method(method: &str) -> Option<InstitutionId> {
    let (did, fragment) = method.split_once('#')?;
    let multibase = did.strip_prefix("did:key:")?;
    if fragment != multibase || !multibase.starts_with("z6Mk") {
        return None;
    }
    // The protocol parser trims; a verification method must not need it.
    if method.trim() != method {
        return None;
    }
    InstitutionId::from_str(did).ok()
}

/// Adds an `eddsa-rdfc-2022` proof to `document`.
///
/// `document` must be a JSON object with an `@context` and no `proof`;
/// `verification_method` must be [`verification_method_for`] the key;
/// `created` an XML Schema dateTimeStamp (`2026-11-23T10:00:00Z`). Returns the
/// document with `"proof": [ { … } ]` added. Fails, and names the term, if the
/// document uses a property its contexts do not define.
pub fn sign(
    document: &Value,
    key: &SigningKey,
    verification_method: &str,
    created: &str,
    contexts: &ContextSet,
) -> Result<Value, SignError> {
    let Value::Object(fields) = document else {
        return Err(SignError::Malformed("the document is not a JSON object".to_owned()));
    };
    if fields.contains_key("proof") {
        return Err(SignError::Malformed("the document already has a proof".to_owned()));
    }
    let Some(context) = fields.get("@context") else {
        return Err(SignError::Malformed("the document has no @context".to_owned()));
    };
    if parse_date_time_stamp(created).is_none() {
        return Err(SignError::InvalidCreated(created.to_owned()));
    }
    let expected = verification_method_for(&key.verifying_key());
    if verification_method != expected {
        return Err(SignError::VerificationMethodMismatch { expected, found: verification_method.to_owned() });
    }

    // The proof options; with the document's @context they are the proof
    // configuration (§3.3.5).
    let mut proof = Map::new();
    proof.insert("type".to_owned(), PROOF_TYPE.into());
    proof.insert("cryptosuite".to_owned(), CRYPTOSUITE.into());
    proof.insert("created".to_owned(), created.into());
    proof.insert("verificationMethod".to_owned(), verification_method.into());
    proof.insert("proofPurpose".to_owned(), ASSERTION_METHOD.into());

    let hash_data = hash_data(document, &proof, context, contexts)?;
    let signature = key.sign(&hash_data);
    proof.insert("proofValue".to_owned(), format!("z{}", bs58::encode(signature.to_bytes()).into_string()).into());

    let mut secured = fields.clone();
    secured.insert("proof".to_owned(), Value::Array(vec![Value::Object(proof)]));
    Ok(Value::Object(secured))
}

/// Verifies the `eddsa-rdfc-2022` proof of `document`.
///
/// `proof` may be an object or an array of exactly one object. Checks the
/// proof's `type`, `cryptosuite`, `proofPurpose` (`assertionMethod`), that the
/// verification method is a `did:key:z6Mk…#z6Mk…`, then recomputes both
/// hashes and checks the signature with `verify_strict`.
///
/// This proves who signed and that nothing changed since. Whether the signer
/// is the credential's issuer (compare `signer` with [`crate::vc::issuer_id`]),
/// and whether the credential is valid now, are the caller's questions.
pub fn verify(document: &Value, contexts: &ContextSet) -> Result<VerifiedProof, ProofError> {
    let Value::Object(fields) = document else {
        return Err(ProofError::Malformed("the document is not a JSON object".to_owned()));
    };
    let proof = match fields.get("proof") {
        None => return Err(ProofError::Malformed("the document has no proof".to_owned())),
        Some(Value::Object(proof)) => proof,
        Some(Value::Array(proofs)) => match proofs.as_slice() {
            [Value::Object(proof)] => proof,
            [_] => return Err(ProofError::Malformed("proof[0] is not an object".to_owned())),
            _ => {
                return Err(ProofError::Malformed(format!(
                    "proof has {} entries, vetnet verifies exactly one",
                    proofs.len()
                )));
            }
        },
        Some(_) => return Err(ProofError::Malformed("proof is neither an object nor an array".to_owned())),
    };

    check_field(proof, "type", PROOF_TYPE)?;
    check_field(proof, "cryptosuite", CRYPTOSUITE)?;
    check_field(proof, "proofPurpose", ASSERTION_METHOD)?;
    let verification_method = string_field(proof, "verificationMethod")?;
    let signer = parse_verification_method(verification_method)
        .ok_or_else(|| ProofError::UnsupportedVerificationMethod(verification_method.to_owned()))?;
    let created = match proof.get("created") {
        None => None,
        Some(Value::String(created)) if parse_date_time_stamp(created).is_some() => Some(created.clone()),
        Some(other) => {
            return Err(ProofError::Malformed(format!("proof.created {other} is not an XML Schema dateTimeStamp")));
        }
    };
    let proof_value = string_field(proof, "proofValue")?;
    let signature = decode_proof_value(proof_value)?;

    // §3.3.2: the document without its proof; the proof options without the
    // proof value.
    let mut unsecured = fields.clone();
    unsecured.remove("proof");
    let mut options = proof.clone();
    options.remove("proofValue");

    // §3.3.2 step 4: a proof that carries its own @context must carry a prefix
    // of the document's, and the document is then read with the proof's.
    let document_context = unsecured
        .get("@context")
        .cloned()
        .ok_or_else(|| ProofError::Malformed("the document has no @context".to_owned()))?;
    let context = match options.remove("@context") {
        None => document_context,
        Some(proof_context) => {
            if !context_starts_with(&document_context, &proof_context) {
                return Err(ProofError::Malformed(
                    "proof.@context is not a prefix of the document's @context".to_owned(),
                ));
            }
            unsecured.insert("@context".to_owned(), proof_context.clone());
            proof_context
        }
    };

    let hash_data = hash_data(&Value::Object(unsecured), &options, &context, contexts)?;
    let key = signer
        .verifying_key()
        .map_err(|_| ProofError::UnsupportedVerificationMethod(verification_method.to_owned()))?;
    key.verify_strict(&hash_data, &signature).map_err(|_| ProofError::SignatureMismatch)?;

    Ok(VerifiedProof { signer, created, verification_method: verification_method.to_owned() })
}

/// `SHA-256(canonical proof configuration) || SHA-256(canonical document)`.
fn hash_data(
    unsecured: &Value,
    options: &Map<String, Value>,
    context: &Value,
    contexts: &ContextSet,
) -> Result<[u8; 64], CanonicalError> {
    let mut config = options.clone();
    config.insert("@context".to_owned(), context.clone());
    let canonical_config = canonicalize(&Value::Object(config), contexts)?;
    let canonical_document = canonicalize(unsecured, contexts)?;
    let mut hash_data = [0u8; 64];
    hash_data[..32].copy_from_slice(&Sha256::digest(canonical_config.as_bytes()));
    hash_data[32..].copy_from_slice(&Sha256::digest(canonical_document.as_bytes()));
    Ok(hash_data)
}

fn string_field<'a>(proof: &'a Map<String, Value>, field: &'static str) -> Result<&'a str, ProofError> {
    match proof.get(field) {
        Some(Value::String(value)) => Ok(value),
        Some(_) => Err(ProofError::Malformed(format!("proof.{field} is not a string"))),
        None => Err(ProofError::Malformed(format!("proof.{field} is missing"))),
    }
}

fn check_field(proof: &Map<String, Value>, field: &'static str, expected: &'static str) -> Result<(), ProofError> {
    let found = string_field(proof, field)?;
    if found == expected { Ok(()) } else { Err(ProofError::Unsupported { field, found: found.to_owned(), expected }) }
}

/// A multibase base58btc (`z…`) Ed25519 signature.
fn decode_proof_value(proof_value: &str) -> Result<Signature, ProofError> {
    let encoded = proof_value.strip_prefix('z').ok_or_else(|| {
        ProofError::Malformed("proof.proofValue is not multibase base58btc (no leading z)".to_owned())
    })?;
    let bytes = bs58::decode(encoded)
        .into_vec()
        .map_err(|_| ProofError::Malformed("proof.proofValue is not valid base58btc".to_owned()))?;
    let bytes: [u8; 64] = bytes.try_into().map_err(|bytes: Vec<u8>| {
        ProofError::Malformed(format!("proof.proofValue has {} bytes, an Ed25519 signature has 64", bytes.len()))
    })?;
    Ok(Signature::from_bytes(&bytes))
}

/// Whether `context` (a string or array) begins with all of `prefix` (a
/// string or array), in order.
fn context_starts_with(context: &Value, prefix: &Value) -> bool {
    fn as_slice(v: &Value) -> &[Value] {
        match v {
            Value::Array(items) => items,
            single => std::slice::from_ref(single),
        }
    }
    as_slice(context).starts_with(as_slice(prefix))
}
