//! VC-JWT (Open Badges 3.0 §8.2): round trip, claims, and tampering.

mod common;

use base64::Engine;
use base64::engine::general_purpose::URL_SAFE_NO_PAD;
use common::*;
use ed25519_dalek::{Signer, SigningKey};
use serde_json::{Value, json};
use vetnet_credential::jwt::{self, JwtError};

fn parts(token: &str) -> (Value, Value) {
    let mut it = token.split('.');
    let header = URL_SAFE_NO_PAD.decode(it.next().unwrap()).unwrap();
    let payload = URL_SAFE_NO_PAD.decode(it.next().unwrap()).unwrap();
    (serde_json::from_slice(&header).unwrap(), serde_json::from_slice(&payload).unwrap())
}

/// Signs arbitrary header and payload JSON with `key` (to build bad tokens).
fn forge(header: &Value, payload: &Value, key: &SigningKey) -> String {
    let input = format!(
        "{}.{}",
        URL_SAFE_NO_PAD.encode(serde_json::to_vec(header).unwrap()),
        URL_SAFE_NO_PAD.encode(serde_json::to_vec(payload).unwrap())
    );
    let sig = key.sign(input.as_bytes());
    format!("{input}.{}", URL_SAFE_NO_PAD.encode(sig.to_bytes()))
}

#[test]
fn round_trip() {
    let key = issuer_key();
    let kid = verification_method(&key);
    let credential = open_badge(&key);
    let token = jwt::encode(&credential, &key, &kid).unwrap();
    assert_eq!(token.split('.').count(), 3);
    assert!(!token.contains('='), "no padding");

    let (header, payload) = parts(&token);
    assert_eq!(header, json!({"alg": "EdDSA", "kid": kid, "typ": "JWT"}));
    assert_eq!(payload["iss"], issuer_did(&key));
    assert_eq!(payload["jti"], credential["id"]);
    assert_eq!(payload["nbf"], 1_795_161_600); // 2026-11-20T08:00:00Z
    assert_eq!(payload["exp"], 1_952_928_000); // 2031-11-20T08:00:00Z
    assert!(payload.get("sub").is_none(), "the subject has no id, only a hashed identifier");
    assert!(payload.get("iat").is_none());
    assert!(payload.get("vc").is_none(), "VC 2.0: the credential is the payload");
    assert_eq!(payload["credentialSubject"], credential["credentialSubject"]);

    let verified = jwt::decode_verify(&token).unwrap();
    assert_eq!(verified.credential, credential);
    assert_eq!(verified.signer.to_did(), issuer_did(&key));
    assert_eq!(verified.kid, kid);
    assert_eq!(verified.claims.nbf, Some(1_795_161_600));
    assert_eq!(verified.claims.exp, Some(1_952_928_000));
    assert_eq!(verified.claims.sub, None);
}

#[test]
fn subject_id_becomes_sub() {
    let key = issuer_key();
    let mut credential = open_badge(&key);
    credential["credentialSubject"]["id"] = json!("did:example:learner-17");
    let token = jwt::encode(&credential, &key, &verification_method(&key)).unwrap();
    assert_eq!(parts(&token).1["sub"], "did:example:learner-17");
    assert_eq!(jwt::decode_verify(&token).unwrap().claims.sub.as_deref(), Some("did:example:learner-17"));
}

#[test]
fn tampered_token_fails() {
    let key = issuer_key();
    let token = jwt::encode(&open_badge(&key), &key, &verification_method(&key)).unwrap();
    let (header_b64, rest) = token.split_once('.').unwrap();
    let (payload_b64, sig_b64) = rest.split_once('.').unwrap();

    // A changed payload (re-encoded, original signature).
    let mut payload = parts(&token).1;
    payload["credentialSubject"]["achievement"]["creditsAvailable"] = json!(20);
    let changed = URL_SAFE_NO_PAD.encode(serde_json::to_vec(&payload).unwrap());
    assert!(matches!(
        jwt::decode_verify(&format!("{header_b64}.{changed}.{sig_b64}")),
        Err(JwtError::SignatureMismatch)
    ));

    // Every single character of the payload and signature flipped.
    let bytes = token.as_bytes();
    for i in (header_b64.len() + 1)..bytes.len() {
        if bytes[i] == b'.' {
            continue;
        }
        let mut t = bytes.to_vec();
        t[i] = if t[i] == b'A' { b'B' } else { b'A' };
        let t = String::from_utf8(t).unwrap();
        assert!(jwt::decode_verify(&t).is_err(), "flipping character {i} still verified");
    }

    // Truncated, extra part, padding.
    assert!(matches!(jwt::decode_verify(&format!("{header_b64}.{payload_b64}")), Err(JwtError::Malformed(_))));
    assert!(matches!(jwt::decode_verify(&format!("{token}.x")), Err(JwtError::Malformed(_))));
    assert!(matches!(jwt::decode_verify(&format!("{token}==")), Err(JwtError::Malformed(_))));
}

#[test]
fn another_key_cannot_speak_for_the_issuer() {
    let issuer = issuer_key();
    let mallory = SigningKey::from_bytes(&[9u8; 32]);
    // Mallory signs the school's credential under her own kid: iss != signer.
    let token = forge(
        &json!({"alg": "EdDSA", "kid": verification_method(&mallory), "typ": "JWT"}),
        &with_claims(&open_badge(&issuer), &issuer_did(&issuer)),
        &mallory,
    );
    assert!(matches!(jwt::decode_verify(&token), Err(JwtError::ClaimMismatch { claim: "iss", .. })));
    // …or under the school's kid: the signature does not match.
    let token = forge(
        &json!({"alg": "EdDSA", "kid": verification_method(&issuer), "typ": "JWT"}),
        &with_claims(&open_badge(&issuer), &issuer_did(&issuer)),
        &mallory,
    );
    assert!(matches!(jwt::decode_verify(&token), Err(JwtError::SignatureMismatch)));
    // encode refuses a credential whose issuer is not the key.
    assert!(matches!(
        jwt::encode(&open_badge(&issuer), &mallory, &verification_method(&mallory)),
        Err(JwtError::ClaimMismatch { claim: "iss", .. })
    ));
}

#[test]
fn claims_must_match_the_credential() {
    let key = issuer_key();
    let kid = verification_method(&key);
    let header = json!({"alg": "EdDSA", "kid": kid, "typ": "JWT"});
    let good = with_claims(&open_badge(&key), &issuer_did(&key));
    jwt::decode_verify(&forge(&header, &good, &key)).unwrap();

    for (claim, value) in [
        ("jti", json!("urn:uuid:00000000-0000-0000-0000-000000000000")),
        ("nbf", json!(1_795_161_601)),
        ("exp", json!(1_952_928_001)),
        ("sub", json!("did:example:someone-else")),
    ] {
        let mut payload = good.clone();
        payload[claim] = value;
        let err = jwt::decode_verify(&forge(&header, &payload, &key)).unwrap_err();
        assert!(matches!(err, JwtError::ClaimMismatch { claim: c, .. } if c == claim), "{claim}: {err:?}");
    }
    let mut payload = good.clone();
    payload["issuer"]["id"] = json!("did:example:other-school");
    assert!(matches!(
        jwt::decode_verify(&forge(&header, &payload, &key)),
        Err(JwtError::ClaimMismatch { claim: "iss", .. })
    ));
    let mut payload = good.clone();
    payload.as_object_mut().unwrap().remove("iss");
    assert!(matches!(jwt::decode_verify(&forge(&header, &payload, &key)), Err(JwtError::Malformed(_))));
}

#[test]
fn header_rules() {
    let key = issuer_key();
    let kid = verification_method(&key);
    let payload = with_claims(&open_badge(&key), &issuer_did(&key));
    let check = |header: Value| jwt::decode_verify(&forge(&header, &payload, &key));

    assert!(matches!(check(json!({"alg": "none", "kid": kid})), Err(JwtError::UnsupportedHeader(_))));
    assert!(matches!(check(json!({"alg": "RS256", "kid": kid})), Err(JwtError::UnsupportedHeader(_))));
    assert!(matches!(check(json!({"alg": "EdDSA", "kid": kid, "typ": "vc+jwt"})), Err(JwtError::UnsupportedHeader(_))));
    assert!(matches!(check(json!({"alg": "EdDSA", "kid": kid, "crit": ["b64"]})), Err(JwtError::UnsupportedHeader(_))));
    assert!(matches!(check(json!({"alg": "EdDSA"})), Err(JwtError::UnsupportedHeader(_))));
    assert!(matches!(
        check(json!({"alg": "EdDSA", "kid": "https://bk-metall.example/keys/1"})),
        Err(JwtError::InvalidKid(_))
    ));
    // typ is optional; a matching public jwk is allowed, a private one is not.
    check(json!({"alg": "EdDSA", "kid": kid})).unwrap();
    let x = URL_SAFE_NO_PAD.encode(key.verifying_key().to_bytes());
    check(json!({"alg": "EdDSA", "kid": kid, "jwk": {"kty": "OKP", "crv": "Ed25519", "x": x}})).unwrap();
    let d = URL_SAFE_NO_PAD.encode(key.to_bytes());
    assert!(matches!(
        check(json!({"alg": "EdDSA", "kid": kid, "jwk": {"kty": "OKP", "crv": "Ed25519", "x": x, "d": d}})),
        Err(JwtError::UnsupportedHeader(_))
    ));
    let other = URL_SAFE_NO_PAD.encode(SigningKey::from_bytes(&[9u8; 32]).verifying_key().to_bytes());
    assert!(matches!(
        check(json!({"alg": "EdDSA", "kid": kid, "jwk": {"kty": "OKP", "crv": "Ed25519", "x": other}})),
        Err(JwtError::UnsupportedHeader(_))
    ));
}

#[test]
fn encode_rejects_bad_inputs() {
    let key = issuer_key();
    let kid = verification_method(&key);
    let mut credential = open_badge(&key);
    credential["iss"] = json!("x");
    assert!(matches!(jwt::encode(&credential, &key, &kid), Err(JwtError::ReservedClaim(c)) if c == "iss"));
    let other_kid = verification_method(&SigningKey::from_bytes(&[9u8; 32]));
    assert!(matches!(jwt::encode(&open_badge(&key), &key, &other_kid), Err(JwtError::InvalidKid(_))));
    let mut credential = open_badge(&key);
    credential["validFrom"] = json!("20 Nov 2026");
    assert!(matches!(jwt::encode(&credential, &key, &kid), Err(JwtError::Malformed(_))));
}

/// The payload `encode` would write for `credential`.
fn with_claims(credential: &Value, iss: &str) -> Value {
    let mut payload = credential.clone();
    payload["iss"] = json!(iss);
    payload["jti"] = credential["id"].clone();
    payload["nbf"] = json!(1_795_161_600);
    payload["exp"] = json!(1_952_928_000);
    payload
}
