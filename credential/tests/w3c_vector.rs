//! The W3C `eddsa-rdfc-2022` test vector (VC Data Integrity EdDSA
//! Cryptosuites v1.0, "Representation: eddsa-rdfc-2022"), byte for byte.

use ed25519_dalek::SigningKey;
use serde_json::Value;
use sha2::{Digest, Sha256};
use vetnet_credential::data_integrity::{self, ProofError};
use vetnet_credential::{ContextSet, canonicalize};

const DIR: &str = concat!(env!("CARGO_MANIFEST_DIR"), "/tests/data/w3c-eddsa-rdfc-2022");
const EXAMPLES_V2: &str = "https://www.w3.org/ns/credentials/examples/v2";

/// The vector's keys, from the spec's test vector section.
const SECRET_KEY_MULTIBASE: &str = "z3u2en7t5LR2WtQH5PfFqMqwVHBeXouLzo6haApm8XHqvjxq";
const PUBLIC_KEY_MULTIBASE: &str = "z6MkrJVnaZkeFzdQyMZu1cgjg7k1pZZ6pvBQ7XJPt4swbTQ2";

fn read(name: &str) -> String {
    std::fs::read_to_string(format!("{DIR}/{name}")).unwrap()
}

fn contexts() -> ContextSet {
    let examples =
        std::fs::read_to_string(concat!(env!("CARGO_MANIFEST_DIR"), "/tests/data/credentials-examples-v2.jsonld"))
            .unwrap();
    ContextSet::bundled().with(EXAMPLES_V2, &examples).unwrap()
}

fn signed() -> Value {
    serde_json::from_str(&read("signedDataInt.json")).unwrap()
}

/// Multibase base58btc, multicodec `ed25519-priv` (0x1300, varint `0x80 0x26`).
fn secret_key() -> SigningKey {
    let raw = bs58::decode(SECRET_KEY_MULTIBASE.strip_prefix('z').unwrap()).into_vec().unwrap();
    let secret: [u8; 32] = raw.strip_prefix(&[0x80, 0x26]).unwrap().try_into().unwrap();
    SigningKey::from_bytes(&secret)
}

fn unsecured_and_proof_options() -> (Value, Value) {
    let mut document = signed();
    let mut proof = document.as_object_mut().unwrap().remove("proof").unwrap();
    proof.as_object_mut().unwrap().remove("proofValue");
    proof.as_object_mut().unwrap().insert("@context".into(), document["@context"].clone());
    (document, proof)
}

#[test]
fn canonical_document_matches_vector() {
    let (document, _) = unsecured_and_proof_options();
    let canonical = canonicalize(&document, &contexts()).unwrap();
    assert_eq!(canonical, read("canonDocDataInt.txt"));
    assert_eq!(hex(&Sha256::digest(canonical.as_bytes())), read("docHashDataInt.txt").trim());
}

#[test]
fn canonical_proof_options_match_vector() {
    let (_, options) = unsecured_and_proof_options();
    let canonical = canonicalize(&options, &contexts()).unwrap();
    assert_eq!(canonical, read("proofCanonDataInt.txt"));
    assert_eq!(hex(&Sha256::digest(canonical.as_bytes())), read("proofHashDataInt.txt").trim());
    let combined = format!("{}{}", read("proofHashDataInt.txt").trim(), read("docHashDataInt.txt").trim());
    assert_eq!(combined, read("combinedHashDataInt.txt").trim());
}

#[test]
fn signing_reproduces_vector_signature() {
    let key = secret_key();
    let public = bs58::decode(PUBLIC_KEY_MULTIBASE.strip_prefix('z').unwrap()).into_vec().unwrap();
    assert_eq!(public[..2], [0xed, 0x01]);
    assert_eq!(public[2..], key.verifying_key().to_bytes());

    let (document, options) = unsecured_and_proof_options();
    let vm = options["verificationMethod"].as_str().unwrap();
    assert_eq!(vm, data_integrity::verification_method_for(&key.verifying_key()));
    let created = options["created"].as_str().unwrap();
    let secured = data_integrity::sign(&document, &key, vm, created, &contexts()).unwrap();
    let proof = &secured["proof"][0];
    assert_eq!(proof["proofValue"].as_str().unwrap(), read("sigBTC58DataInt.txt").trim());
    // The same proof as the vector's, wrapped in an array.
    assert_eq!(proof, &signed()["proof"]);
}

#[test]
fn verify_accepts_vector() {
    let verified = data_integrity::verify(&signed(), &contexts()).unwrap();
    assert_eq!(verified.signer.to_did(), format!("did:key:{PUBLIC_KEY_MULTIBASE}"));
    assert_eq!(verified.created.as_deref(), Some("2023-02-24T23:36:38Z"));
    assert_eq!(verified.verification_method, format!("did:key:{PUBLIC_KEY_MULTIBASE}#{PUBLIC_KEY_MULTIBASE}"));
}

#[test]
fn vector_needs_examples_context() {
    let err = data_integrity::verify(&signed(), &ContextSet::bundled()).unwrap_err();
    let ProofError::Canonical(vetnet_credential::CanonicalError::UnknownContext { url }) = &err else {
        panic!("{err:?}")
    };
    assert_eq!(url, EXAMPLES_V2);
}

#[test]
fn vector_tampered_fails() {
    let mut document = signed();
    document["credentialSubject"]["alumniOf"] = "The School of Counterexamples".into();
    assert!(matches!(data_integrity::verify(&document, &contexts()), Err(ProofError::SignatureMismatch)));
}

fn hex(bytes: &[u8]) -> String {
    bytes.iter().map(|b| format!("{b:02x}")).collect()
}
