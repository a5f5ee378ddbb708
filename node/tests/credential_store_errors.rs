//! Verifying a credential when the store cannot be read: a damaged record
//! that verification needs (the issuer's profile, a revocation) makes
//! `verify` fail with a store error, which the CLI reports as internal (exit
//! 4). It never becomes a verdict such as "unknown issuer" or "revoked"
//! (exit 5), which would tell a learner something false about their
//! credential.

use std::path::Path;
use std::time::{Duration, Instant};

use vetnet_credential::contexts::ContextSet;
use vetnet_credential::data_integrity;
use vetnet_credential::open_badge::{self, Award, Institution};
use vetnet_node::credentials::{Verdict, verification_method, verify};
use vetnet_node::publish::unix_now;
use vetnet_node::store::{RecordStore, StoreError};
use vetnet_protocol::achievement::{AchievementBody, Participation};
use vetnet_protocol::profile::{InstitutionKind, PROFILE_ID, ProfileBody, VetProvision};
use vetnet_protocol::revocation::{RevocationBody, RevocationReason};
use vetnet_protocol::{InstitutionKey, LangText, Payload, RecordKind, ValidationContext, VerifiedRecord};

const NET: &str = "bsr";
const CREDENTIAL_ID: &str = "urn:uuid:0f0e0d0c-0b0a-4908-8706-050403020100";

fn profile() -> ProfileBody {
    ProfileBody {
        name: LangText::new("en", "Aalborg Tech"),
        institution: InstitutionKind::VetProvider,
        vet: vec![VetProvision::Ivet],
        country: "DK".into(),
        region: None,
        city: None,
        nuts: None,
        isced: Vec::new(),
        nace: Vec::new(),
        languages: vec!["en".into()],
        website: None,
        email: None,
        registration: None,
        description: LangText::default(),
        nodes: Vec::new(),
    }
}

fn achievement() -> AchievementBody {
    AchievementBody {
        title: LangText::new("en", "MIG welding of steel plates"),
        description: LangText::default(),
        country: "DK".into(),
        outcomes: vec!["Welds fillet joints in PA and PB positions".into()],
        esco_skills: Vec::new(),
        ects: None,
        hours: Some(60),
        eqf: Some(4),
        nqf: None,
        isced: Some("0715".into()),
        languages: vec!["en".into()],
        assessment: "Practical test, assessed by the workplace mentor".into(),
        participation: Participation::Workplace,
        quality_assurance: "Internal quality assurance of the school".into(),
        prerequisites: None,
        supervision: None,
        stackability: None,
        further_information: None,
    }
}

fn signed(key: &InstitutionKey, kind: RecordKind, id: &str, body: &impl serde::Serialize) -> VerifiedRecord {
    let now = unix_now();
    let payload = Payload::with_body(NET, kind, id, 1, now - 60, body).unwrap();
    key.sign_checked(&payload, &ValidationContext { network: NET, now }).unwrap()
}

/// A credential `key` signed for its own achievement.
fn credential(key: &InstitutionKey) -> String {
    let school = Institution {
        id: key.id(),
        name: "Aalborg Tech".into(),
        country: "DK".into(),
        region: None,
        city: None,
        website: None,
        email: None,
    };
    let uri = open_badge::achievement_uri(NET, &key.id(), "mig-welding");
    let body = achievement();
    let award = Award {
        id: CREDENTIAL_ID,
        issuer: &school,
        creator: &school,
        achievement_uri: &uri,
        achievement: &body,
        learner_name: "Jonas Berg",
        learner_email: None,
        awarded: "2026-10-01",
        valid_until: None,
        grade: None,
    };
    let document = open_badge::credential(&award);
    let vm = verification_method(&key.id());
    data_integrity::sign(&document, key.signing_key(), &vm, "2026-10-01T10:00:00Z", &ContextSet::bundled())
        .unwrap()
        .to_string()
}

/// Overwrites the stored bytes of `record` in the closed store at `path`
/// with bytes that are no record. sled's file lock may still be held for a
/// moment by the closed store's flusher, so opening waits for it.
fn damage(path: &Path, record: &VerifiedRecord) {
    let deadline = Instant::now() + Duration::from_secs(5);
    let db = loop {
        match sled::Config::new().path(path).open() {
            Ok(db) => break db,
            Err(e) if Instant::now() < deadline => {
                let _ = e;
                std::thread::sleep(Duration::from_millis(10));
            }
            Err(e) => panic!("cannot open the closed store: {e}"),
        }
    };
    let records = db.open_tree("records").unwrap();
    let mut key = vec![b'B'];
    key.extend_from_slice(&record.hash.0);
    assert!(records.get(&key).unwrap().is_some(), "the store layout changed: no blob under B<hash>");
    records.insert(key, b"not a COSE_Sign1 message".to_vec()).unwrap();
    db.flush().unwrap();
}

fn open(path: &Path) -> RecordStore {
    RecordStore::open(path, NET, 8 << 20).unwrap()
}

/// Stores `records` in a new store, checks the credential verifies as
/// `before`, then damages `broken` and verifies again.
fn verify_after_damage(
    records: &[VerifiedRecord],
    broken: &VerifiedRecord,
    before: Verdict,
) -> Result<Verdict, StoreError> {
    let dir = tempfile::tempdir().unwrap();
    let key = InstitutionKey::from_secret_bytes(&[41; 32]);
    let document = credential(&key);
    {
        let store = open(dir.path());
        for record in records {
            assert!(store.insert(record).unwrap().is_stored());
        }
        store.flush().unwrap();
        let verification = verify(&store, &document, chrono::Utc::now()).unwrap();
        assert_eq!(verification.verdict, before, "{:?}", verification.checks);
    }
    damage(dir.path(), broken);
    // The check on open finds the damage first; a store that opened anyway
    // must answer an error, never a verdict.
    let store = RecordStore::open(dir.path(), NET, 8 << 20)?;
    verify(&store, &document, chrono::Utc::now()).map(|v| v.verdict)
}

#[test]
fn a_damaged_issuer_profile_is_an_error_not_an_unknown_issuer() {
    let key = InstitutionKey::from_secret_bytes(&[41; 32]);
    let profile = signed(&key, RecordKind::Profile, PROFILE_ID, &profile());
    let result = verify_after_damage(std::slice::from_ref(&profile), &profile, Verdict::Valid);
    assert!(matches!(result, Err(StoreError::DamagedRecord(_) | StoreError::Damaged { .. })), "{result:?}");
}

#[test]
fn a_damaged_revocation_is_an_error_not_a_revoked_verdict() {
    let key = InstitutionKey::from_secret_bytes(&[41; 32]);
    let profile = signed(&key, RecordKind::Profile, PROFILE_ID, &profile());
    let uuid = CREDENTIAL_ID.trim_start_matches("urn:uuid:");
    let body = RevocationBody { credential: CREDENTIAL_ID.into(), reason: RevocationReason::IssuedInError };
    let revocation = signed(&key, RecordKind::Revocation, uuid, &body);
    let result = verify_after_damage(&[profile, revocation.clone()], &revocation, Verdict::Revoked);
    assert!(matches!(result, Err(StoreError::DamagedRecord(_) | StoreError::Damaged { .. })), "{result:?}");
}
