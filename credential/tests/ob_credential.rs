//! An Open Badges 3.0 credential: sign, verify, tamper, and the OB JSON schema.

mod common;

use common::*;
use serde_json::{Value, json};
use vetnet_credential::data_integrity::{self, ProofError, SignError};
use vetnet_credential::{CanonicalError, ContextSet, canonicalize};

fn signed() -> Value {
    let key = issuer_key();
    data_integrity::sign(&open_badge(&key), &key, &verification_method(&key), CREATED, &ContextSet::bundled()).unwrap()
}

#[test]
fn sign_then_verify() {
    let key = issuer_key();
    let credential = signed();
    let proof = &credential["proof"];
    assert!(proof.is_array() && proof.as_array().unwrap().len() == 1, "proof is an array of one: {proof}");
    assert_eq!(proof[0]["type"], "DataIntegrityProof");
    assert_eq!(proof[0]["cryptosuite"], "eddsa-rdfc-2022");
    assert_eq!(proof[0]["proofPurpose"], "assertionMethod");
    assert_eq!(proof[0]["created"], CREATED);
    assert!(proof[0]["proofValue"].as_str().unwrap().starts_with('z'));

    let verified = data_integrity::verify(&credential, &ContextSet::bundled()).unwrap();
    assert_eq!(verified.signer.to_did(), issuer_did(&key));
    assert_eq!(vetnet_credential::vc::issuer_id(&credential), Some(issuer_did(&key).as_str()));
    assert_eq!(verified.created.as_deref(), Some(CREATED));
    assert_eq!(verified.verification_method, verification_method(&key));

    // The proof as an object (not wrapped in an array) verifies too.
    let mut unwrapped = credential.clone();
    unwrapped["proof"] = credential["proof"][0].clone();
    data_integrity::verify(&unwrapped, &ContextSet::bundled()).unwrap();
}

#[test]
fn signing_is_deterministic_and_independent_of_key_order() {
    let key = issuer_key();
    let a = signed();
    // Re-serialise with reversed key order: same meaning, same signature.
    fn reversed(v: &Value) -> Value {
        match v {
            Value::Object(m) => {
                let mut out = serde_json::Map::new();
                for (k, v) in m.iter().rev() {
                    out.insert(k.clone(), reversed(v));
                }
                Value::Object(out)
            }
            Value::Array(items) => Value::Array(items.iter().map(reversed).collect()),
            other => other.clone(),
        }
    }
    let b = data_integrity::sign(
        &reversed(&open_badge(&key)),
        &key,
        &verification_method(&key),
        CREATED,
        &ContextSet::bundled(),
    )
    .unwrap();
    assert_eq!(a["proof"], b["proof"]);
}

#[test]
fn canonical_form_keeps_typed_literals() {
    let canonical = canonicalize(&open_badge(&issuer_key()), &ContextSet::bundled()).unwrap();
    assert!(canonical.ends_with(" .\n"));
    let lines: Vec<&str> = canonical.lines().collect();
    let mut sorted = lines.clone();
    sorted.sort();
    assert_eq!(lines, sorted, "canonical N-Quads are sorted");
    // The OB context types these with `https://www.w3.org/2001/XMLSchema#…`
    // (https, unlike the standard XSD namespace): JSON-LD keeps that as is.
    for expected in [
        r#"<https://purl.imsglobal.org/spec/vc/ob/vocab.html#hashed> "true"^^<https://www.w3.org/2001/XMLSchema#boolean> ."#,
        r#"<https://purl.imsglobal.org/spec/vc/ob/vocab.html#creditsAvailable> "2"^^<https://www.w3.org/2001/XMLSchema#float> ."#,
        r#"<https://www.w3.org/2018/credentials#validFrom> "2026-11-20T08:00:00Z"^^<http://www.w3.org/2001/XMLSchema#dateTime> ."#,
        r#"<http://www.w3.org/1999/02/22-rdf-syntax-ns#type> <https://purl.imsglobal.org/spec/vccs/v1p0/context.json#1EdTechJsonSchemaValidator2019> ."#,
        r#"<https://purl.imsglobal.org/spec/vc/ob/vocab.html#targetType> "ext:ESCOSkill" ."#,
    ] {
        assert!(canonical.contains(expected), "missing {expected} in\n{canonical}");
    }
}

/// Every leaf of the signed credential (outside `proof`), changed on its
/// own, breaks the signature.
#[test]
fn changing_any_leaf_breaks_the_signature() {
    let credential = signed();
    let mut paths = Vec::new();
    leaves(&credential, &mut Vec::new(), &mut paths);
    let paths: Vec<_> = paths.into_iter().filter(|p| p.first().map(String::as_str) != Some("proof")).collect();
    assert!(paths.len() > 40, "only {} leaves", paths.len());
    let contexts = ContextSet::bundled();
    for path in paths {
        let mut tampered = credential.clone();
        let leaf = pointer_mut(&mut tampered, &path);
        *leaf = mutate(leaf);
        match data_integrity::verify(&tampered, &contexts) {
            Err(ProofError::SignatureMismatch | ProofError::Canonical(_)) => {}
            other => panic!("changing /{} gave {other:?}", path.join("/")),
        }
    }
}

#[test]
fn changing_structure_breaks_the_signature() {
    let contexts = ContextSet::bundled();
    let credential = signed();
    let tampered: [fn(&mut Value); 6] = [
        |c| c["credentialSubject"]["achievement"]["alignment"].as_array_mut().unwrap().clear(),
        |c| {
            c["credentialSubject"]["result"]
                .as_array_mut()
                .unwrap()
                .push(json!({"type": ["Result"], "status": "Failed"}))
        },
        |c| {
            c["credentialSubject"].as_object_mut().unwrap().remove("identifier");
        },
        |c| {
            c.as_object_mut().unwrap().remove("validUntil");
        },
        |c| c["issuer"]["address"]["streetAddress"] = json!("Hauptstraße 1"),
        |c| c["type"] = json!(["VerifiableCredential"]),
    ];
    for (i, change) in tampered.iter().enumerate() {
        let mut c = credential.clone();
        change(&mut c);
        assert!(
            matches!(data_integrity::verify(&c, &contexts), Err(ProofError::SignatureMismatch)),
            "structural change {i} still verified"
        );
    }
}

#[test]
fn undefined_property_fails_to_sign_and_to_verify() {
    let key = issuer_key();
    let contexts = ContextSet::bundled();
    let mut credential = open_badge(&key);
    credential["credentialSubject"]["achievement"]["grade"] = json!("A");
    let err = data_integrity::sign(&credential, &key, &verification_method(&key), CREATED, &contexts).unwrap_err();
    let SignError::Canonical(CanonicalError::UndefinedTerm { term }) = &err else { panic!("{err:?}") };
    assert_eq!(term, "grade");
    assert!(err.to_string().contains("\"grade\""), "{err}");

    // Added to a signed credential: fails to verify, naming the term.
    let mut tampered = signed();
    tampered["credentialSubject"]["grade"] = json!("A");
    let err = data_integrity::verify(&tampered, &contexts).unwrap_err();
    let ProofError::Canonical(CanonicalError::UndefinedTerm { term }) = &err else { panic!("{err:?}") };
    assert_eq!(term, "grade");

    // Keyword-like keys are dropped by JSON-LD, so they are refused too.
    let mut tampered = signed();
    tampered["@comment"] = json!("unsigned");
    let err = data_integrity::verify(&tampered, &contexts).unwrap_err();
    assert!(
        matches!(&err, ProofError::Canonical(CanonicalError::UndefinedTerm { term }) if term == "@comment"),
        "{err:?}"
    );
}

#[test]
fn undefined_type_and_relative_ids_fail() {
    let key = issuer_key();
    let contexts = ContextSet::bundled();
    let vm = verification_method(&key);

    // Without the embedded context, OB's schema validator type is undefined.
    let mut credential = open_badge(&key);
    credential["@context"].as_array_mut().unwrap().pop();
    let err = data_integrity::sign(&credential, &key, &vm, CREATED, &contexts).unwrap_err();
    assert!(
        matches!(&err, SignError::Canonical(CanonicalError::NotAnIri { value }) if value == SCHEMA_VALIDATOR_TERM),
        "{err:?}"
    );

    let mut credential = open_badge(&key);
    credential["credentialSubject"]["achievement"]["id"] = json!("achievements/42");
    let err = data_integrity::sign(&credential, &key, &vm, CREATED, &contexts).unwrap_err();
    assert!(
        matches!(&err, SignError::Canonical(CanonicalError::NotAnIri { value }) if value == "achievements/42"),
        "{err:?}"
    );
}

#[test]
fn unknown_context_fails_naming_it() {
    let key = issuer_key();
    let mut credential = open_badge(&key);
    credential["@context"][2] = json!("https://purl.imsglobal.org/spec/ob/v3p0/extensions.json");
    let err = data_integrity::sign(&credential, &key, &verification_method(&key), CREATED, &ContextSet::bundled())
        .unwrap_err();
    assert!(err.to_string().contains("https://purl.imsglobal.org/spec/ob/v3p0/extensions.json"), "{err}");
    assert!(matches!(err, SignError::Canonical(CanonicalError::UnknownContext { .. })));
}

#[test]
fn proof_checks_are_distinguishable() {
    let contexts = ContextSet::bundled();
    let credential = signed();
    let with_proof = |field: &str, value: Value| {
        let mut c = credential.clone();
        c["proof"][0][field] = value;
        data_integrity::verify(&c, &contexts).unwrap_err()
    };
    assert!(matches!(
        with_proof("cryptosuite", json!("ecdsa-rdfc-2019")),
        ProofError::Unsupported { field: "cryptosuite", .. }
    ));
    assert!(matches!(with_proof("type", json!("Ed25519Signature2020")), ProofError::Unsupported { field: "type", .. }));
    assert!(matches!(
        with_proof("proofPurpose", json!("authentication")),
        ProofError::Unsupported { field: "proofPurpose", .. }
    ));
    assert!(matches!(with_proof("proofValue", json!("uAAAA")), ProofError::Malformed(_)));
    assert!(matches!(with_proof("proofValue", json!("z3yq")), ProofError::Malformed(_)));
    assert!(matches!(with_proof("created", json!("yesterday")), ProofError::Malformed(_)));
    assert!(matches!(
        with_proof("verificationMethod", json!("https://bk-metall.example/keys/1")),
        ProofError::UnsupportedVerificationMethod(_)
    ));
    // Another key's did:key: a valid form, but not the key that signed.
    let other = verification_method(&ed25519_dalek::SigningKey::from_bytes(&[9u8; 32]));
    assert!(matches!(with_proof("verificationMethod", json!(other)), ProofError::SignatureMismatch));
    // did:key with a fragment naming another key.
    let vm = verification_method(&issuer_key());
    let (did, _) = vm.split_once('#').unwrap();
    let mixed = format!("{did}#{}", other.split_once('#').unwrap().1);
    assert!(matches!(with_proof("verificationMethod", json!(mixed)), ProofError::UnsupportedVerificationMethod(_)));

    let mut two = credential.clone();
    let proof = two["proof"][0].clone();
    two["proof"].as_array_mut().unwrap().push(proof);
    assert!(matches!(data_integrity::verify(&two, &contexts), Err(ProofError::Malformed(_))));
    let mut none = credential.clone();
    none.as_object_mut().unwrap().remove("proof");
    let err = data_integrity::verify(&none, &contexts).unwrap_err();
    assert!(err.to_string().contains("no proof"), "{err}");
    assert!(ProofError::SignatureMismatch.to_string().contains("changed after it was signed"));
}

#[test]
fn sign_rejects_bad_inputs() {
    let key = issuer_key();
    let contexts = ContextSet::bundled();
    let vm = verification_method(&key);
    let credential = open_badge(&key);
    assert!(matches!(
        data_integrity::sign(&credential, &key, &vm, "2026-11-23 10:00:00", &contexts),
        Err(SignError::InvalidCreated(_))
    ));
    let other = verification_method(&ed25519_dalek::SigningKey::from_bytes(&[9u8; 32]));
    assert!(matches!(
        data_integrity::sign(&credential, &key, &other, CREATED, &contexts),
        Err(SignError::VerificationMethodMismatch { .. })
    ));
    assert!(matches!(data_integrity::sign(&signed(), &key, &vm, CREATED, &contexts), Err(SignError::Malformed(_))));
    assert!(matches!(data_integrity::sign(&json!([1]), &key, &vm, CREATED, &contexts), Err(SignError::Malformed(_))));
}

#[test]
fn signed_credential_validates_against_ob_schema() {
    let schema: Value = serde_json::from_str(
        &std::fs::read_to_string(concat!(
            env!("CARGO_MANIFEST_DIR"),
            "/tests/data/ob_v3p0_achievementcredential_schema.json"
        ))
        .unwrap(),
    )
    .unwrap();
    // The schema only refers to itself (`#/$defs/…`): nothing to resolve.
    let validator = jsonschema::draft201909::new(&schema).unwrap();
    let credential = signed();
    let errors: Vec<String> =
        validator.iter_errors(&credential).map(|e| format!("{} at {}", e, e.instance_path())).collect();
    assert!(errors.is_empty(), "{errors:#?}");

    // The schema does check: a proof object (not an array) is refused.
    let mut unwrapped = credential.clone();
    unwrapped["proof"] = credential["proof"][0].clone();
    assert!(!validator.is_valid(&unwrapped));
}

#[tokio::test(flavor = "multi_thread", worker_threads = 2)]
async fn works_inside_a_tokio_runtime() {
    // As the node calls it: on a blocking thread of the runtime.
    let signer = tokio::task::spawn_blocking(|| data_integrity::verify(&signed(), &ContextSet::bundled()))
        .await
        .unwrap()
        .unwrap()
        .signer;
    assert_eq!(signer.to_did(), issuer_did(&issuer_key()));
    // Even directly on a runtime worker (which it blocks for a moment): it
    // drives its own futures and never starts a nested runtime.
    data_integrity::verify(&signed(), &ContextSet::bundled()).unwrap();
}

// --- helpers ---------------------------------------------------------------

fn leaves(value: &Value, path: &mut Vec<String>, out: &mut Vec<Vec<String>>) {
    match value {
        Value::Object(map) => {
            for (k, v) in map {
                path.push(k.clone());
                leaves(v, path, out);
                path.pop();
            }
        }
        Value::Array(items) => {
            for (i, v) in items.iter().enumerate() {
                path.push(i.to_string());
                leaves(v, path, out);
                path.pop();
            }
        }
        _ => out.push(path.clone()),
    }
}

fn pointer_mut<'a>(value: &'a mut Value, path: &[String]) -> &'a mut Value {
    path.iter().fold(value, |v, segment| match v {
        Value::Array(items) => &mut items[segment.parse::<usize>().unwrap()],
        other => &mut other[segment.as_str()],
    })
}

/// A different value of the same JSON type.
fn mutate(leaf: &Value) -> Value {
    match leaf {
        Value::String(s) => {
            // Keep IRIs IRIs and dates dates, so the change is a change of
            // meaning rather than just an invalid document.
            if s.len() >= 20 && s.as_bytes().get(10) == Some(&b'T') {
                Value::String(s.replacen("20", "19", 1))
            } else {
                Value::String(format!("{s}x"))
            }
        }
        Value::Bool(b) => Value::Bool(!b),
        Value::Number(n) => json!(n.as_i64().map_or(1, |i| i + 1)),
        Value::Null => json!("not null"),
        other => panic!("not a leaf: {other}"),
    }
}
