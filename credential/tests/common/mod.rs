//! A realistic Open Badges 3.0 credential and its issuer's key, shared by the
//! integration tests.

#![allow(dead_code)]

use ed25519_dalek::SigningKey;
use serde_json::{Value, json};
use sha2::{Digest, Sha256};
use vetnet_credential::{OB_V3P0, VC_V2, data_integrity};
use vetnet_protocol::InstitutionId;

/// `credentialSchema.type` of an OB 3.0 credential. Neither bundled context
/// defines it (OB's `extensions.json` does), so the credential defines it in
/// an embedded context with the IRI `extensions.json` gives it; otherwise
/// JSON-LD would drop the type and it would not be signed.
pub const SCHEMA_VALIDATOR_TERM: &str = "1EdTechJsonSchemaValidator2019";
pub const SCHEMA_VALIDATOR_IRI: &str =
    "https://purl.imsglobal.org/spec/vccs/v1p0/context.json#1EdTechJsonSchemaValidator2019";
pub const OB_SCHEMA_URL: &str =
    "https://purl.imsglobal.org/spec/ob/v3p0/schema/json/ob_v3p0_achievementcredential_schema.json";

pub const CREATED: &str = "2026-11-23T10:00:00Z";

/// The issuing school's key (fixed, so failures reproduce).
pub fn issuer_key() -> SigningKey {
    SigningKey::from_bytes(&[7u8; 32])
}

pub fn issuer_did(key: &SigningKey) -> String {
    InstitutionId::from_bytes(key.verifying_key().to_bytes()).to_did()
}

pub fn verification_method(key: &SigningKey) -> String {
    data_integrity::verification_method_for(&key.verifying_key())
}

/// `sha256$<hex>` of salt + address, as OB 3.0 hashes an identity.
pub fn identity_hash(address: &str, salt: &str) -> String {
    let digest = Sha256::digest(format!("{address}{salt}").as_bytes());
    format!("sha256${}", digest.iter().map(|b| format!("{b:02x}")).collect::<String>())
}

/// An OpenBadgeCredential for a welding micro-credential, without proof.
pub fn open_badge(key: &SigningKey) -> Value {
    let did = issuer_did(key);
    let salt = "Xq7tLmR2vP9s";
    json!({
        "@context": [VC_V2, OB_V3P0, { SCHEMA_VALIDATOR_TERM: SCHEMA_VALIDATOR_IRI }],
        "id": "urn:uuid:2f1c7e52-8b0e-4a8e-9c55-3d2b6f0e7a41",
        "type": ["VerifiableCredential", "OpenBadgeCredential"],
        "issuer": {
            "id": did,
            "type": ["Profile"],
            "name": "Berufskolleg Metalltechnik Musterstadt",
            "url": "https://bk-metall.example",
            "email": "office@bk-metall.example",
            "address": {
                "type": ["Address"],
                "addressCountry": "Deutschland",
                "addressCountryCode": "DE",
                "addressLocality": "Musterstadt",
                "postalCode": "12345"
            }
        },
        "validFrom": "2026-11-20T08:00:00Z",
        "validUntil": "2031-11-20T08:00:00Z",
        "name": "TIG welding of stainless steel: basics",
        "description": "Awarded for completing the 40-hour TIG welding module with a passed practical test.",
        "credentialSubject": {
            "type": ["AchievementSubject"],
            "identifier": [{
                "type": "IdentityObject",
                "identityHash": identity_hash("jana.novak@mail.example", salt),
                "identityType": "emailAddress",
                "hashed": true,
                "salt": salt
            }],
            "activityEndDate": "2026-11-18T15:00:00Z",
            "achievement": {
                "id": "urn:uuid:0b7d4b8e-6f0c-4c1e-a0c5-2f3a1e9d6b22",
                "type": ["Achievement"],
                "achievementType": "MicroCredential",
                "name": "TIG welding of stainless steel: basics",
                "description": "Prepares, tacks and welds butt and fillet joints on stainless steel sheet with TIG (141).",
                "criteria": {
                    "narrative": "Attend the 40-hour module and pass the practical test: two butt welds and one fillet weld inspected visually (ISO 5817 level C)."
                },
                "alignment": [{
                    "type": ["Alignment"],
                    "targetName": "perform tungsten inert gas welding",
                    "targetUrl": "http://data.europa.eu/esco/skill/1d6a9ba0-0c8c-4b2d-9c2c-1b5a0f0a3b67",
                    "targetType": "ext:ESCOSkill",
                    "targetFramework": "ESCO"
                }],
                "creditsAvailable": 2,
                "fieldOfStudy": "Welding and metal fabrication",
                "inLanguage": "de",
                "humanCode": "MT-TIG-01",
                "creator": {
                    "id": did,
                    "type": ["Profile"],
                    "name": "Berufskolleg Metalltechnik Musterstadt"
                }
            },
            "result": [{
                "type": ["Result"],
                "status": "Completed"
            }]
        },
        "credentialSchema": [{
            "id": OB_SCHEMA_URL,
            "type": SCHEMA_VALIDATOR_TERM
        }]
    })
}
