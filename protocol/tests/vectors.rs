//! Test vectors for other implementations, in `tests/vectors/*.json`.
//!
//! Each vector is rebuilt here from fixed inputs (the RFC 8032 test 1 key, a
//! fixed `ts`, fixed bodies) and compared byte for byte with its file; Ed25519
//! is deterministic, so the bytes never change unless the format does. Each
//! record is then opened with [`VerifiedRecord::open`] and, separately,
//! verified without coset: the COSE_Sign1 array is taken apart with ciborium,
//! the Sig_structure of RFC 9052 section 4.4 is built by hand and the
//! signature checked with ed25519-dalek.
//!
//! `VETNET_WRITE_VECTORS=1 cargo test -p vetnet-protocol --test vectors`
//! rewrites the files instead of comparing.

use std::path::PathBuf;

use ciborium::Value;
use ed25519_dalek::{Signature, VerifyingKey};
use serde::{Deserialize, Serialize};
use sha2::{Digest, Sha256};
use vetnet_protocol::endorsement::{EndorsementBody, EndorsementRole, endorsement_id};
use vetnet_protocol::event::EventBody;
use vetnet_protocol::fixtures;
use vetnet_protocol::key_lifecycle::{
    KEY_ROTATION_ID, KeyRevocationBody, KeyRevocationReason, KeyRotationBody, key_revocation_id,
};
use vetnet_protocol::need::NeedBody;
use vetnet_protocol::network::{Coordinator, Joining, NetworkProfileBody};
use vetnet_protocol::offer::{Contact, InsuranceCover, OfferBody, Provision, Stipend};
use vetnet_protocol::profile::{ProfileBody, VetProvision};
use vetnet_protocol::{
    Content, InstitutionId, InstitutionKey, LangText, Payload, RecordKind, ValidationContext, VerifiedRecord,
};

/// RFC 8032 section 7.1, test 1.
const SECRET_KEY_HEX: &str = "9d61b19deffd5a60ba844af492ec2cc44449c5697b326919703bac031cae7f60";
const PUBLIC_KEY_HEX: &str = "d75a980182b10ab7d54bfed3c964073a0ee172f3daa62325af021a68f707511a";
const NETWORK: &str = "bsr";
const TS: u64 = 1_795_000_000;
/// The clock to validate with: a minute after signing.
const NOW: u64 = TS + 60;

/// One vector file. Field order here is the order in the file.
#[derive(Debug, PartialEq, Serialize, Deserialize)]
struct VectorFile {
    description: String,
    network: String,
    ts: u64,
    now: u64,
    secret_key_hex: String,
    public_key_hex: String,
    did: String,
    /// What a conforming reader makes of the record: `profile`, `offer`, `need`,
    /// `withdrawn`, `endorsement`, `key-rotation`, `key-revocation` or `event`.
    content: String,
    /// The payload in CBOR diagnostic notation (RFC 8949 section 8), map
    /// entries in wire order. For reading; the hex is authoritative.
    payload_diag: String,
    payload_hex: String,
    /// The protected header bstr's content.
    protected_hex: String,
    /// The Sig_structure that was signed (RFC 9052 section 4.4).
    sig_structure_hex: String,
    signature_hex: String,
    /// The whole tagged COSE_Sign1: what travels on the wire.
    record_hex: String,
    /// SHA-256 of `record_hex`: the record hash and gossip message id.
    hash_hex: String,
}

struct Vector {
    name: &'static str,
    description: &'static str,
    content: &'static str,
    payload: Payload,
}

fn secret() -> [u8; 32] {
    hex::decode(SECRET_KEY_HEX).unwrap().try_into().unwrap()
}

// The bodies of the vectors. They start from the full fixtures and keep the
// values the vector files were made with: the files pin the bytes, so a change
// here (or in the fixtures) fails the comparison.

fn profile_body() -> ProfileBody {
    let mut profile = fixtures::full_profile();
    profile.name = fixtures::lang_text(&[("en", "Karlskrona Vocational College"), ("sv", "Karlskrona yrkesgymnasium")]);
    profile.vet = vec![VetProvision::Ivet];
    profile.nace = vec![];
    profile.registration = None;
    profile.description = LangText::new("en", "Upper-secondary VET in welding and electrical installation.");
    profile
}

fn offer_body() -> OfferBody {
    let mut offer = fixtures::full_offer();
    offer.title = LangText::new("en", "Welding placement, 4 to 8 weeks");
    offer.description = LangText::new("en", "MIG/MAG welding in our workshop.\nSafety equipment is provided.");
    offer.end = Some("2027-05-31".into());
    offer.outcomes = vec!["Welds steel plates in positions PA and PB".into()];
    offer.esco_skills = vec![];
    offer.conditions.meals = Some(Provision::None);
    offer.conditions.stipend = Some(Stipend { amount: 250, currency: "EUR".into() });
    offer.conditions.insurance = Some(InsuranceCover::SendingSchool);
    offer.contact =
        Some(Contact { name: Some("Anna Berg".into()), email: Some("anna@yrkes.example.se".into()), phone: None });
    offer
}

fn need_body() -> NeedBody {
    fixtures::full_need()
}

/// The full event, belonging to the network of the RFC 8032 test 2 key.
fn event_body() -> EventBody {
    let mut event = fixtures::full_event();
    event.network = Some(successor().id().to_did());
    event
}

/// RFC 8032 section 7.1, test 2: the successor key of the rotation vector.
const SUCCESSOR_SECRET_KEY_HEX: &str = "4ccd089b28ff96da9db6c346ec114e0f5b8a319f35aba624da8cf6ed4fb8a6fb";

fn successor() -> InstitutionKey {
    InstitutionKey::from_secret_bytes(&hex::decode(SUCCESSOR_SECRET_KEY_HEX).unwrap().try_into().unwrap())
}

fn author() -> InstitutionId {
    InstitutionKey::from_secret_bytes(&secret()).id()
}

fn vectors() -> Vec<Vector> {
    let partner = successor().id();
    let endorsement = EndorsementBody {
        subject: partner.to_did(),
        role: EndorsementRole::Member,
        network_name: Some("HansaVET".into()),
        until: Some("2027-12-31".into()),
    };
    let revocation = KeyRevocationBody {
        key: author().to_did(),
        since: TS - 86_400,
        reason: KeyRevocationReason::Compromised,
        successor: Some(partner.to_did()),
    };
    vec![
        Vector {
            name: "profile",
            description: "The profile of a VET provider (kind profile, id profile, seq 1).",
            content: "profile",
            payload: Payload::with_body(NETWORK, RecordKind::Profile, "profile", 1, TS, &profile_body()).unwrap(),
        },
        Vector {
            name: "offer",
            description: "A placement offer with every common field set (kind offer, id welding-2027, seq 1).",
            content: "offer",
            payload: Payload::with_body(NETWORK, RecordKind::Offer, "welding-2027", 1, TS, &offer_body()).unwrap(),
        },
        Vector {
            name: "withdrawal",
            description: "The withdrawal of offer welding-2027 (seq 2, no body, withdrawn true); it replaces seq 1.",
            content: "withdrawn",
            payload: Payload::withdrawal(NETWORK, RecordKind::Offer, "welding-2027", 2, TS),
        },
        Vector {
            name: "need",
            description: "A mobility need of a sending school with every field set (kind need, id bricklayers-2027, \
                          seq 1).",
            content: "need",
            payload: Payload::with_body(NETWORK, RecordKind::Need, "bricklayers-2027", 1, TS, &need_body()).unwrap(),
        },
        Vector {
            name: "event",
            description: "A network meeting in Luleå and online after it took place, with every field set: the \
                          network of the RFC 8032 test 2 key, local times in Europe/Stockholm, registration, \
                          summary, outcomes and minutes (kind event, id spring-meeting-2027, seq 3).",
            content: "event",
            payload: Payload::with_body(NETWORK, RecordKind::Event, "spring-meeting-2027", 3, TS, &event_body())
                .unwrap(),
        },
        Vector {
            name: "event-withdrawal",
            description: "The withdrawal of event spring-meeting-2027 (seq 4, no body, withdrawn true); it replaces \
                          seq 3.",
            content: "withdrawn",
            payload: Payload::withdrawal(NETWORK, RecordKind::Event, "spring-meeting-2027", 4, TS),
        },
        Vector {
            name: "endorsement",
            description: "An endorsement of the RFC 8032 test 2 key as a member of HansaVET until 2027-12-31 \
                          (kind endorsement, id derived from subject, role and network name).",
            content: "endorsement",
            payload: Payload::with_body(
                NETWORK,
                RecordKind::Endorsement,
                &endorsement_id(&partner, EndorsementRole::Member, Some("HansaVET")),
                1,
                TS,
                &endorsement,
            )
            .unwrap(),
        },
        Vector {
            name: "key-rotation",
            description: "A rotation to the RFC 8032 test 2 key, countersigned by it (kind key-rotation, id key).",
            content: "key-rotation",
            payload: Payload::with_body(
                NETWORK,
                RecordKind::KeyRotation,
                KEY_ROTATION_ID,
                1,
                TS,
                &KeyRotationBody::new(NETWORK, &author(), successor().signing_key()),
            )
            .unwrap(),
        },
        Vector {
            name: "key-revocation",
            description: "The key revoking itself from a day before ts, naming its successor (kind key-revocation, \
                          id the key's z6Mk… part).",
            content: "key-revocation",
            payload: Payload::with_body(
                NETWORK,
                RecordKind::KeyRevocation,
                &key_revocation_id(&author()),
                1,
                TS,
                &revocation,
            )
            .unwrap(),
        },
        Vector {
            name: "network-profile",
            description: "The network profile of a regional VET network in Norrbotten (SE33), joining by application \
                          (kind network-profile, id network, seq 1).",
            content: "network-profile",
            payload: Payload::with_body(NETWORK, RecordKind::NetworkProfile, "network", 1, TS, &network_profile_body())
                .unwrap(),
        },
    ]
    .into_iter()
    .chain(regional_vectors())
    .collect()
}

/// The vectors of the regional kinds: skills need, resource, issuance statistics.
fn regional_vectors() -> Vec<Vector> {
    vec![
        Vector {
            name: "skills-need",
            description: "A chamber's skills need for Norrbottens län (NUTS 3 SE332): 40 welders within 5 years, \
                          with occupation, ISCO-08, field and two ESCO skills (kind skills-need, id welders-2027).",
            content: "skills-need",
            payload: Payload::with_body(
                NETWORK,
                RecordKind::SkillsNeed,
                "welders-2027",
                1,
                TS,
                &fixtures::full_skills_need(),
            )
            .unwrap(),
        },
        Vector {
            name: "resource",
            description: "A toolbox entry: a manual in English by https link and SHA-256 (kind resource, id \
                          mentor-manual).",
            content: "resource",
            payload: Payload::with_body(
                NETWORK,
                RecordKind::Resource,
                "mentor-manual",
                1,
                TS,
                &fixtures::full_resource(),
            )
            .unwrap(),
        },
        Vector {
            name: "issuance-stats",
            description: "Issuance statistics of 2026-Q3, two achievements each counted 5 or more (kind \
                          issuance-stats, id the quarter).",
            content: "issuance-stats",
            payload: Payload::with_body(
                NETWORK,
                RecordKind::IssuanceStats,
                "2026-Q3",
                1,
                TS,
                &fixtures::issuance_stats(),
            )
            .unwrap(),
        },
    ]
}

fn network_profile_body() -> NetworkProfileBody {
    NetworkProfileBody {
        countries: vec!["SE".into()],
        regions: vec!["SE33".into()],
        coordinator: Coordinator { name: "Network office".into(), email: "office@norrbotten-vet.example".into() },
        topics: vec!["welding".into(), "apprenticeships".into()],
        languages: vec!["sv".into(), "en".into()],
        joining: Joining::Application,
    }
}

fn vectors_dir() -> PathBuf {
    PathBuf::from(env!("CARGO_MANIFEST_DIR")).join("tests").join("vectors")
}

fn build(vector: &Vector) -> VectorFile {
    let key = InstitutionKey::from_secret_bytes(&secret());
    let record = key.sign(&vector.payload).unwrap();
    let parts = take_apart(&record).unwrap();
    let payload = vetnet_protocol::cbor::to_deterministic_vec(&vector.payload).unwrap();
    assert_eq!(parts.payload, payload, "the record carries the payload as encoded");
    let payload_value: Value = ciborium::from_reader(payload.as_slice()).unwrap();
    VectorFile {
        description: vector.description.to_owned(),
        network: NETWORK.to_owned(),
        ts: TS,
        now: NOW,
        secret_key_hex: SECRET_KEY_HEX.to_owned(),
        public_key_hex: hex::encode(key.id().as_bytes()),
        did: key.id().to_did(),
        content: vector.content.to_owned(),
        payload_diag: diagnostic(&payload_value),
        payload_hex: hex::encode(&payload),
        protected_hex: hex::encode(&parts.protected),
        sig_structure_hex: hex::encode(sig_structure(&parts.protected, &parts.payload)),
        signature_hex: hex::encode(&parts.signature),
        record_hex: hex::encode(&record),
        hash_hex: hex::encode(Sha256::digest(&record)),
    }
}

#[test]
fn vectors_are_reproduced_and_verify() {
    let write = std::env::var("VETNET_WRITE_VECTORS").as_deref() == Ok("1");
    for vector in vectors() {
        let path = vectors_dir().join(format!("{}.json", vector.name));
        let built = build(&vector);
        if write {
            std::fs::create_dir_all(vectors_dir()).unwrap();
            std::fs::write(&path, serde_json::to_string_pretty(&built).unwrap() + "\n").unwrap();
        }
        let text = std::fs::read_to_string(&path)
            .unwrap_or_else(|e| panic!("{}: {e}; run with VETNET_WRITE_VECTORS=1 to write it", path.display()));
        let file: VectorFile = serde_json::from_str(&text).unwrap();
        assert_eq!(file.record_hex, built.record_hex, "{}: the record bytes changed", vector.name);
        assert_eq!(file, built, "{}: the file differs from the rebuilt vector", vector.name);
        check_file(vector.name, &file);
    }
}

/// Checks a vector file on its own terms, as another implementation would.
fn check_file(name: &str, file: &VectorFile) {
    let record = hex::decode(&file.record_hex).unwrap();
    let public_key: [u8; 32] = hex::decode(&file.public_key_hex).unwrap().try_into().unwrap();

    // Key and identity.
    assert_eq!(file.secret_key_hex, SECRET_KEY_HEX);
    assert_eq!(file.public_key_hex, PUBLIC_KEY_HEX, "RFC 8032 test 1 public key");
    let from_secret =
        InstitutionKey::from_secret_bytes(&hex::decode(&file.secret_key_hex).unwrap().try_into().unwrap());
    assert_eq!(from_secret.id().as_bytes(), &public_key);
    assert_eq!(file.did.parse::<InstitutionId>().unwrap(), InstitutionId::from_bytes(public_key));
    assert!(file.did.starts_with("did:key:z6Mk"));

    // Hash.
    assert_eq!(hex::decode(&file.hash_hex).unwrap(), Sha256::digest(&record).to_vec(), "{name}: hash");

    // Independent verification, without coset.
    let parts = take_apart(&record).unwrap_or_else(|e| panic!("{name}: {e}"));
    assert_eq!(hex::encode(&parts.protected), file.protected_hex);
    assert_eq!(hex::encode(&parts.payload), file.payload_hex);
    assert_eq!(hex::encode(&parts.signature), file.signature_hex);
    assert_eq!(hex::encode(sig_structure(&parts.protected, &parts.payload)), file.sig_structure_hex);
    assert_eq!(verify_independently(&record).unwrap_or_else(|e| panic!("{name}: {e}")), public_key);
    let payload_value: Value = ciborium::from_reader(parts.payload.as_slice()).unwrap();
    assert_eq!(diagnostic(&payload_value), file.payload_diag);

    // The protected header is exactly {1: -8, 4: h'<public key>'}, encoded so.
    let mut expected_protected = vec![0xa2, 0x01, 0x27, 0x04, 0x58, 0x20];
    expected_protected.extend_from_slice(&public_key);
    assert_eq!(parts.protected, expected_protected, "{name}: protected header bytes");

    // And through the crate's own reader.
    let ctx = ValidationContext { network: &file.network, now: file.now };
    let opened = VerifiedRecord::open(&record, &ctx).unwrap_or_else(|e| panic!("{name}: {e}"));
    assert_eq!(opened.author.as_bytes(), &public_key);
    assert_eq!(opened.hash.to_hex(), file.hash_hex);
    assert_eq!(opened.payload.ts, file.ts);
    assert_eq!(opened.payload.net, file.network);
    let content = match opened.content {
        Content::Profile(_) => "profile",
        Content::Offer(_) => "offer",
        Content::Need(_) => "need",
        Content::Achievement(_) => "achievement",
        Content::Revocation(_) => "revocation",
        Content::Delegation(_) => "delegation",
        Content::Endorsement(_) => "endorsement",
        Content::KeyRotation(_) => "key-rotation",
        Content::KeyRevocation(_) => "key-revocation",
        Content::NetworkProfile(_) => "network-profile",
        Content::Event(_) => "event",
        Content::SkillsNeed(_) => "skills-need",
        Content::Resource(_) => "resource",
        Content::IssuanceStats(_) => "issuance-stats",
        Content::Withdrawn => "withdrawn",
        Content::Uninterpreted => "uninterpreted",
    };
    assert_eq!(content, file.content, "{name}: content");
}

#[test]
fn the_independent_verifier_refuses_tampered_records() {
    let vector = vectors().into_iter().find(|v| v.name == "offer").unwrap();
    let record = hex::decode(build(&vector).record_hex).unwrap();
    assert!(verify_independently(&record).is_ok());
    let parts = take_apart(&record).unwrap();
    let payload_at = record.windows(parts.payload.len()).position(|w| w == parts.payload).unwrap();
    // A byte in the kid, in the payload, in R and in S of the signature.
    for at in [10, payload_at + 20, record.len() - 60, record.len() - 1] {
        let mut tampered = record.clone();
        tampered[at] ^= 0x04;
        assert!(verify_independently(&tampered).is_err(), "flipped byte {at}");
    }
    let mut trailing = record.clone();
    trailing.push(0);
    assert!(verify_independently(&trailing).is_err());
}

/// The four items of a COSE_Sign1, taken apart with plain ciborium.
struct Sign1Parts {
    protected: Vec<u8>,
    payload: Vec<u8>,
    signature: Vec<u8>,
}

/// `18([protected: bstr, unprotected: {}, payload: bstr, signature: bstr])`.
fn take_apart(mut record: &[u8]) -> Result<Sign1Parts, String> {
    let value: Value = ciborium::from_reader(&mut record).map_err(|e| e.to_string())?;
    if !record.is_empty() {
        return Err("bytes after the COSE_Sign1".into());
    }
    let Value::Tag(18, inner) = value else { return Err("not tag 18 (COSE_Sign1)".into()) };
    let Value::Array(items) = *inner else { return Err("tag 18 must hold an array".into()) };
    let [protected, unprotected, payload, signature]: [Value; 4] =
        items.try_into().map_err(|_| "the array must have four items")?;
    let (Value::Bytes(protected), Value::Map(unprotected), Value::Bytes(payload), Value::Bytes(signature)) =
        (protected, unprotected, payload, signature)
    else {
        return Err("items must be bstr, map, bstr, bstr".into());
    };
    if !unprotected.is_empty() {
        return Err("the unprotected header must be empty".into());
    }
    Ok(Sign1Parts { protected, payload, signature })
}

/// `["Signature1", protected, h'' (external_aad), payload]`, CBOR-encoded.
fn sig_structure(protected: &[u8], payload: &[u8]) -> Vec<u8> {
    let structure = Value::Array(vec![
        Value::Text("Signature1".into()),
        Value::Bytes(protected.to_vec()),
        Value::Bytes(vec![]),
        Value::Bytes(payload.to_vec()),
    ]);
    vetnet_protocol::cbor::to_deterministic_vec(&structure).unwrap()
}

/// Verifies a record's signature without coset; returns the author key.
fn verify_independently(record: &[u8]) -> Result<[u8; 32], String> {
    let parts = take_apart(record)?;
    let header: Value = ciborium::from_reader(parts.protected.as_slice()).map_err(|e| e.to_string())?;
    let Value::Map(header) = header else { return Err("the protected header must be a map".into()) };
    if header.len() != 2 {
        return Err(format!("the protected header must hold alg and kid only, has {} entries", header.len()));
    }
    let label = |n: i64| header.iter().find(|(k, _)| k.as_integer() == Some(n.into())).map(|(_, v)| v);
    if label(1) != Some(&Value::Integer((-8).into())) {
        return Err("alg must be -8 (EdDSA)".into());
    }
    let kid: [u8; 32] = label(4)
        .and_then(Value::as_bytes)
        .and_then(|kid| kid.as_slice().try_into().ok())
        .ok_or("kid must be a 32-byte bstr")?;
    let signature: [u8; 64] = parts.signature.as_slice().try_into().map_err(|_| "the signature must be 64 bytes")?;
    let key = VerifyingKey::from_bytes(&kid).map_err(|e| e.to_string())?;
    key.verify_strict(&sig_structure(&parts.protected, &parts.payload), &Signature::from_bytes(&signature))
        .map_err(|e| e.to_string())?;
    Ok(kid)
}

/// CBOR diagnostic notation, for the kinds of value a payload holds.
fn diagnostic(value: &Value) -> String {
    match value {
        Value::Integer(i) => i128::from(*i).to_string(),
        Value::Text(s) => serde_json::to_string(s).unwrap(),
        Value::Bytes(b) => format!("h'{}'", hex::encode(b)),
        Value::Bool(b) => b.to_string(),
        Value::Null => "null".into(),
        Value::Array(items) => format!("[{}]", items.iter().map(diagnostic).collect::<Vec<_>>().join(", ")),
        Value::Map(entries) => format!(
            "{{{}}}",
            entries.iter().map(|(k, v)| format!("{}: {}", diagnostic(k), diagnostic(v))).collect::<Vec<_>>().join(", ")
        ),
        Value::Tag(tag, inner) => format!("{tag}({})", diagnostic(inner)),
        other => panic!("no diagnostic notation for {other:?} here"),
    }
}
