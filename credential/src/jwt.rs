//! VC-JWT: a credential signed as a compact JWS, as Open Badges 3.0 §8.2
//! ("JSON Web Token Proof Format") describes it for VC Data Model 2.0.
//!
//! * **JOSE header** (§8.2.3): `{"alg":"EdDSA","kid":<verification method>,"typ":"JWT"}`.
//!   OB 3.0 lists exactly `alg`, `kid`, `jwk` and `typ` ("Additional JOSE
//!   Headers are NOT allowed"); `kid` or `jwk` is required. vetnet writes
//!   `kid` = `did:key:z6Mk…#z6Mk…` (the key itself, so nothing is resolved)
//!   and no `jwk`; it accepts a `jwk` only if it is the same Ed25519 public
//!   key (OKP, no `d`). `alg` is `EdDSA` (RFC 8037): OB 3.0 requires
//!   verifiers to support RS256 and permits others; vetnet's keys are Ed25519.
//! * **JWT payload** (§8.2.4.1): "the JSON object of the OpenBadgeCredential"
//!   itself (VC 2.0 style, no `vc` claim) plus the registered claims
//!   `iss` = `issuer.id`, `jti` = `id`, `nbf` = `validFrom`, `sub` =
//!   `credentialSubject.id`, and `exp` = `validUntil` when there is one, dates
//!   as NumericDate (whole seconds since the epoch). `sub` is required by the
//!   OB text but a subject identified only by a hashed `identifier` has no id:
//!   then `sub` is left out. No `iat` is written (OB does not ask for it, and
//!   this crate reads no clock). An embedded proof, if the credential has
//!   one, stays in the payload (OB: embedded proofs are added first). VC 1.1
//!   style tokens (the credential in a `vc` claim) are not read.
//! * **Signature** (§8.2.5): Ed25519 over `BASE64URL(header) "." BASE64URL(payload)`,
//!   base64url without padding.
//!
//! Verification (§8.2.6) checks the signature with `verify_strict`, then that
//! each registered claim matches the credential (the one that the OB text
//! says *sets* `validUntil` from `exp` is checked for equality instead, since
//! the credential here carries its own `validUntil`). vetnet issuers are
//! `did:key`s, so the `kid`'s DID must also be `iss`: a key can only speak
//! for itself. Whether the credential is valid *now* (`nbf`/`exp` against a
//! clock) is the caller's check: the times are in [`VerifiedJwt::claims`].

use base64::Engine;
use base64::engine::general_purpose::URL_SAFE_NO_PAD;
use ed25519_dalek::{Signature, Signer, SigningKey};
use serde_json::{Map, Value, json};
use vetnet_protocol::InstitutionId;

use crate::data_integrity::{parse_verification_method, verification_method_for};
use crate::vc::{issuer_id, parse_date_time_stamp, subject_id};

/// The JWS algorithm vetnet signs with and accepts (RFC 8037 Ed25519).
pub const ALG: &str = "EdDSA";

/// The RFC 7519 registered claim names. They are not credential properties:
/// the payload of a credential must not use them, and they are taken out
/// again when the credential is read back.
pub const REGISTERED_CLAIMS: &[&str] = &["iss", "sub", "aud", "exp", "nbf", "iat", "jti"];

/// Why a VC-JWT could not be made or does not verify.
#[derive(Debug, thiserror::Error)]
pub enum JwtError {
    /// The token or credential is not shaped as required (names what).
    #[error("malformed VC-JWT: {0}")]
    Malformed(String),
    /// The credential already uses a registered JWT claim name.
    #[error("the credential has a property {0:?}, which is a registered JWT claim name")]
    ReservedClaim(String),
    /// A JOSE header vetnet does not accept (algorithm, `typ`, extra headers, key form).
    #[error("unsupported JOSE header: {0}")]
    UnsupportedHeader(String),
    /// The `kid` is not `did:key:<key>#<key>` (for encoding: of the signing key).
    #[error("kid {0:?} is not a did:key:z6Mk…#z6Mk… verification method of the signing key")]
    InvalidKid(String),
    /// The signature does not match.
    #[error("signature mismatch: the token was changed after it was signed or is not from this key")]
    SignatureMismatch,
    /// A registered claim does not match the credential.
    #[error("claim {claim} does not match the credential: {detail}")]
    ClaimMismatch { claim: &'static str, detail: String },
}

impl JwtError {
    /// Is the token unreadable (as opposed to readable with a signature or
    /// claims that do not match)?
    pub fn is_malformed(&self) -> bool {
        matches!(
            self,
            JwtError::Malformed(_)
                | JwtError::UnsupportedHeader(_)
                | JwtError::InvalidKid(_)
                | JwtError::ReservedClaim(_)
        )
    }
}

/// The registered claims of a verified token (dates as seconds since the epoch).
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct JwtClaims {
    pub iss: String,
    pub jti: Option<String>,
    pub sub: Option<String>,
    pub nbf: Option<i64>,
    pub exp: Option<i64>,
    pub iat: Option<i64>,
    pub aud: Option<Value>,
}

/// A VC-JWT whose signature and claims checked out.
#[derive(Clone, Debug, PartialEq)]
pub struct VerifiedJwt {
    /// The credential: the payload without the registered claims.
    pub credential: Value,
    /// The key that signed (from `kid`); equal to the issuer.
    pub signer: InstitutionId,
    /// The header's `kid`.
    pub kid: String,
    pub claims: JwtClaims,
}

/// Signs `credential` as a compact JWS (`header.payload.signature`).
///
/// `kid` must be [`verification_method_for`] the key, and the credential's
/// issuer must be that key's `did:key`.
pub fn encode(credential: &Value, key: &SigningKey, kid: &str) -> Result<String, JwtError> {
    let Value::Object(fields) = credential else {
        return Err(JwtError::Malformed("the credential is not a JSON object".to_owned()));
    };
    if kid != verification_method_for(&key.verifying_key()) {
        return Err(JwtError::InvalidKid(kid.to_owned()));
    }
    if let Some(claim) = REGISTERED_CLAIMS.iter().find(|c| fields.contains_key(**c)) {
        return Err(JwtError::ReservedClaim((*claim).to_owned()));
    }
    let iss = issuer_id(credential).ok_or_else(|| JwtError::Malformed("the credential has no issuer id".to_owned()))?;
    let signer = InstitutionId::from_bytes(key.verifying_key().to_bytes());
    if iss != signer.to_did() {
        return Err(JwtError::ClaimMismatch {
            claim: "iss",
            detail: format!("the issuer {iss} is not the signing key {signer}"),
        });
    }

    let mut payload = fields.clone();
    payload.insert("iss".to_owned(), iss.into());
    if let Some(id) = credential.get("id") {
        let id = id.as_str().ok_or_else(|| JwtError::Malformed("the credential id is not a string".to_owned()))?;
        payload.insert("jti".to_owned(), id.into());
    }
    if let Some(sub) = subject_id(credential) {
        payload.insert("sub".to_owned(), sub.into());
    }
    if let Some(nbf) = date_claim(credential, "validFrom")? {
        payload.insert("nbf".to_owned(), nbf.into());
    }
    if let Some(exp) = date_claim(credential, "validUntil")? {
        payload.insert("exp".to_owned(), exp.into());
    }

    let header = json!({ "alg": ALG, "kid": kid, "typ": "JWT" });
    let signing_input = format!("{}.{}", b64_json(&header)?, b64_json(&Value::Object(payload))?);
    let signature = key.sign(signing_input.as_bytes());
    Ok(format!("{signing_input}.{}", URL_SAFE_NO_PAD.encode(signature.to_bytes())))
}

/// Verifies a compact JWS made by [`encode`] (or an equivalent issuer) and
/// returns the credential it carries.
pub fn decode_verify(token: &str) -> Result<VerifiedJwt, JwtError> {
    let mut parts = token.split('.');
    let (Some(header_b64), Some(payload_b64), Some(signature_b64), None) =
        (parts.next(), parts.next(), parts.next(), parts.next())
    else {
        return Err(JwtError::Malformed("a compact JWS has exactly three dot-separated parts".to_owned()));
    };

    // 1. The JOSE header.
    let header = decode_json_object(header_b64, "header")?;
    for name in header.keys() {
        if !["alg", "kid", "jwk", "typ"].contains(&name.as_str()) {
            return Err(JwtError::UnsupportedHeader(format!("{name:?} (OB 3.0 allows only alg, kid, jwk, typ)")));
        }
    }
    match header.get("alg") {
        Some(Value::String(alg)) if alg == ALG => {}
        Some(alg) => return Err(JwtError::UnsupportedHeader(format!("alg {alg} (vetnet accepts only \"EdDSA\")"))),
        None => return Err(JwtError::Malformed("the header has no alg".to_owned())),
    }
    match header.get("typ") {
        None => {}
        Some(Value::String(typ)) if typ == "JWT" => {}
        Some(typ) => return Err(JwtError::UnsupportedHeader(format!("typ {typ} (must be \"JWT\" if present)"))),
    }
    let kid = match header.get("kid") {
        Some(Value::String(kid)) => kid.clone(),
        Some(_) => return Err(JwtError::Malformed("the header's kid is not a string".to_owned())),
        None => return Err(JwtError::UnsupportedHeader("no kid (vetnet needs a did:key kid)".to_owned())),
    };
    let signer = parse_verification_method(&kid).ok_or_else(|| JwtError::InvalidKid(kid.clone()))?;
    if let Some(jwk) = header.get("jwk") {
        check_jwk(jwk, &signer)?;
    }

    // 2. The signature, over the encoded header and payload as received.
    let signature = URL_SAFE_NO_PAD
        .decode(signature_b64)
        .map_err(|_| JwtError::Malformed("the signature is not base64url without padding".to_owned()))?;
    let signature: [u8; 64] =
        signature.try_into().map_err(|_| JwtError::Malformed("the signature is not 64 bytes (Ed25519)".to_owned()))?;
    let key = signer.verifying_key().map_err(|_| JwtError::InvalidKid(kid.clone()))?;
    let signing_input_len = header_b64.len() + 1 + payload_b64.len();
    let signing_input = token.get(..signing_input_len).unwrap_or_default();
    key.verify_strict(signing_input.as_bytes(), &Signature::from_bytes(&signature))
        .map_err(|_| JwtError::SignatureMismatch)?;

    // 3. The payload: the credential plus the registered claims. (VC 1.1
    //    tokens, with the credential in a `vc` claim, are not accepted.)
    let mut payload = decode_json_object(payload_b64, "payload")?;
    let claims = take_claims(&mut payload)?;
    let credential = Value::Object(payload);

    // 4. The claims against the credential (OB 3.0 §8.2.6.1).
    let issuer =
        issuer_id(&credential).ok_or_else(|| JwtError::Malformed("the credential has no issuer id".to_owned()))?;
    if claims.iss != issuer {
        return Err(mismatch("iss", &claims.iss, issuer));
    }
    if claims.iss != signer.to_did() {
        return Err(JwtError::ClaimMismatch {
            claim: "iss",
            detail: format!("the issuer {} is not the signing key {signer}", claims.iss),
        });
    }
    let id = credential.get("id").and_then(Value::as_str);
    if claims.jti.as_deref() != id {
        return Err(mismatch_opt("jti", claims.jti.as_deref(), id));
    }
    let subject = subject_id(&credential);
    if claims.sub.as_deref() != subject {
        return Err(mismatch_opt("sub", claims.sub.as_deref(), subject));
    }
    let valid_from = date_claim(&credential, "validFrom")?;
    if claims.nbf != valid_from {
        return Err(JwtError::ClaimMismatch {
            claim: "nbf",
            detail: format!("nbf {:?} but validFrom is {valid_from:?} seconds", claims.nbf),
        });
    }
    let valid_until = date_claim(&credential, "validUntil")?;
    if claims.exp != valid_until {
        return Err(JwtError::ClaimMismatch {
            claim: "exp",
            detail: format!("exp {:?} but validUntil is {valid_until:?} seconds", claims.exp),
        });
    }

    Ok(VerifiedJwt { credential, signer, kid, claims })
}

fn b64_json(value: &Value) -> Result<String, JwtError> {
    let bytes = serde_json::to_vec(value).map_err(|e| JwtError::Malformed(e.to_string()))?;
    Ok(URL_SAFE_NO_PAD.encode(bytes))
}

fn decode_json_object(part: &str, what: &str) -> Result<Map<String, Value>, JwtError> {
    let bytes = URL_SAFE_NO_PAD
        .decode(part)
        .map_err(|_| JwtError::Malformed(format!("the {what} is not base64url without padding")))?;
    match serde_json::from_slice(&bytes) {
        Ok(Value::Object(map)) => Ok(map),
        Ok(_) => Err(JwtError::Malformed(format!("the {what} is not a JSON object"))),
        Err(e) => Err(JwtError::Malformed(format!("the {what} is not JSON: {e}"))),
    }
}

/// A `jwk` header must be the `kid`'s Ed25519 public key, and public only.
fn check_jwk(jwk: &Value, signer: &InstitutionId) -> Result<(), JwtError> {
    let field = |name: &str| jwk.get(name).and_then(Value::as_str);
    if jwk.get("d").is_some() {
        return Err(JwtError::UnsupportedHeader("the jwk contains a private key (d)".to_owned()));
    }
    if field("kty") != Some("OKP") || field("crv") != Some("Ed25519") {
        return Err(JwtError::UnsupportedHeader("the jwk is not an OKP Ed25519 key".to_owned()));
    }
    let x = field("x").and_then(|x| URL_SAFE_NO_PAD.decode(x).ok());
    if x.as_deref() != Some(signer.as_bytes().as_slice()) {
        return Err(JwtError::UnsupportedHeader("the jwk is not the kid's key".to_owned()));
    }
    Ok(())
}

/// Removes the registered claims from the payload.
fn take_claims(payload: &mut Map<String, Value>) -> Result<JwtClaims, JwtError> {
    let mut string_claim = |name: &'static str| match payload.remove(name) {
        None => Ok(None),
        Some(Value::String(s)) => Ok(Some(s)),
        Some(_) => Err(JwtError::Malformed(format!("the {name} claim is not a string"))),
    };
    let iss = string_claim("iss")?.ok_or_else(|| JwtError::Malformed("the payload has no iss claim".to_owned()))?;
    let jti = string_claim("jti")?;
    let sub = string_claim("sub")?;
    let mut date = |name: &'static str| match payload.remove(name) {
        None => Ok(None),
        // NumericDate may have a fraction; OB dates are whole seconds.
        Some(Value::Number(n)) => n
            .as_i64()
            .or_else(|| n.as_f64().filter(|f| f.is_finite() && f.abs() < 1e15).map(|f| f.floor() as i64))
            .map(Some)
            .ok_or_else(|| JwtError::Malformed(format!("the {name} claim is not a NumericDate"))),
        Some(_) => Err(JwtError::Malformed(format!("the {name} claim is not a NumericDate"))),
    };
    let nbf = date("nbf")?;
    let exp = date("exp")?;
    let iat = date("iat")?;
    let aud = payload.remove("aud");
    Ok(JwtClaims { iss, jti, sub, nbf, exp, iat, aud })
}

/// A credential date property as NumericDate (whole seconds, rounded down).
fn date_claim(credential: &Value, property: &str) -> Result<Option<i64>, JwtError> {
    match credential.get(property) {
        None => Ok(None),
        Some(Value::String(s)) => parse_date_time_stamp(s)
            .map(|t| Some(t.timestamp()))
            .ok_or_else(|| JwtError::Malformed(format!("{property} {s:?} is not an XML Schema dateTimeStamp"))),
        Some(_) => Err(JwtError::Malformed(format!("{property} is not a string"))),
    }
}

fn mismatch(claim: &'static str, found: &str, expected: &str) -> JwtError {
    JwtError::ClaimMismatch { claim, detail: format!("{found:?} but the credential says {expected:?}") }
}

fn mismatch_opt(claim: &'static str, found: Option<&str>, expected: Option<&str>) -> JwtError {
    JwtError::ClaimMismatch { claim, detail: format!("{found:?} but the credential says {expected:?}") }
}
