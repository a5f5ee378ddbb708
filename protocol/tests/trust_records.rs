//! The rules of the trust record kinds: `endorsement`, `key-rotation` and
//! `key-revocation`. Each test starts from a valid record, changes one thing
//! and checks the field the refusal names.

use vetnet_protocol::endorsement::{EndorsementBody, EndorsementRole, endorsement_id};
use vetnet_protocol::key_lifecycle::{
    KEY_ROTATION_ID, KeyRevocationBody, KeyRevocationReason, KeyRotationBody, key_revocation_id,
};
use vetnet_protocol::{Content, InstitutionKey, RecordKind};

mod common;

use common::{NET, NOW, assert_rule, key, open, partner as other, withdrawal};

fn endorsement() -> EndorsementBody {
    EndorsementBody {
        subject: other().id().to_did(),
        role: EndorsementRole::Member,
        network_name: Some("HansaVET".into()),
        until: Some("2027-12-31".into()),
    }
}

fn endorsement_record_id(body: &EndorsementBody) -> String {
    endorsement_id(&body.subject.parse().unwrap(), body.role, body.network_name.as_deref())
}

#[test]
fn an_endorsement_names_another_institution_a_role_and_for_members_a_network() {
    let body = endorsement();
    let record = open(RecordKind::Endorsement, &endorsement_record_id(&body), &body).expect("valid");
    assert!(
        matches!(record.content, Content::Endorsement(ref e) if e.holds_on("2027-12-31") && !e.holds_on("2028-01-01"))
    );
    // One record per subject, role and network: the id is derived from them.
    assert_rule(open(RecordKind::Endorsement, "e-000000000000000000000000", &body), "id");
    let partner = EndorsementBody { role: EndorsementRole::Partner, network_name: None, ..endorsement() };
    assert_ne!(endorsement_record_id(&partner), endorsement_record_id(&body));
    assert!(open(RecordKind::Endorsement, &endorsement_record_id(&partner), &partner).is_ok());
    let member = EndorsementBody { network_name: None, ..endorsement() };
    assert_rule(open(RecordKind::Endorsement, &endorsement_record_id(&member), &member), "body.network_name");
    let itself = EndorsementBody { subject: key().id().to_did(), ..endorsement() };
    assert_rule(open(RecordKind::Endorsement, &endorsement_record_id(&itself), &itself), "body.subject");
    let bad_day = EndorsementBody { until: Some("2027-02-30".into()), ..endorsement() };
    assert_rule(open(RecordKind::Endorsement, &endorsement_record_id(&bad_day), &bad_day), "body.until");
    let stranger = EndorsementBody { subject: "did:key:z6MkNOTAKEY".into(), ..endorsement() };
    assert_rule(open(RecordKind::Endorsement, "e-0", &stranger), "body.subject");
    // Endorsements can be withdrawn.
    assert!(withdrawal(RecordKind::Endorsement, &endorsement_record_id(&body)).is_ok());
}

#[test]
fn a_key_rotation_is_countersigned_by_the_successor_and_final() {
    let successor = other();
    let body = KeyRotationBody::new(NET, &key().id(), successor.signing_key());
    let record = open(RecordKind::KeyRotation, KEY_ROTATION_ID, &body).expect("valid");
    assert!(matches!(record.content, Content::KeyRotation(ref r) if r.next_id() == Some(successor.id())));
    assert_rule(open(RecordKind::KeyRotation, "rotation", &body), "id");
    // A proof for another network, another old key or by another key is refused.
    let wrong_network = KeyRotationBody::new("other", &key().id(), successor.signing_key());
    assert_rule(open(RecordKind::KeyRotation, KEY_ROTATION_ID, &wrong_network), "body.proof");
    let stranger = InstitutionKey::from_secret_bytes(&[11; 32]);
    let not_agreed = KeyRotationBody { next: stranger.id().to_did(), ..body.clone() };
    assert_rule(open(RecordKind::KeyRotation, KEY_ROTATION_ID, &not_agreed), "body.proof");
    let short = KeyRotationBody { proof: vec![0; 10], ..body.clone() };
    assert_rule(open(RecordKind::KeyRotation, KEY_ROTATION_ID, &short), "body.proof");
    let to_itself = KeyRotationBody::new(NET, &key().id(), key().signing_key());
    assert_rule(open(RecordKind::KeyRotation, KEY_ROTATION_ID, &to_itself), "body.next");
    assert_rule(withdrawal(RecordKind::KeyRotation, KEY_ROTATION_ID), "withdrawn");
}

#[test]
fn a_key_revocation_names_the_key_in_its_id_and_cannot_be_taken_back() {
    let own = KeyRevocationBody {
        key: key().id().to_did(),
        since: NOW - 86_400,
        reason: KeyRevocationReason::Compromised,
        successor: Some(other().id().to_did()),
    };
    let id = key_revocation_id(&key().id());
    assert_eq!(id.len(), 48);
    assert!(id.starts_with("z6Mk"));
    assert!(open(RecordKind::KeyRevocation, &id, &own).is_ok());
    assert_rule(open(RecordKind::KeyRevocation, &key_revocation_id(&other().id()), &own), "id");
    let later = KeyRevocationBody { since: NOW + 1, ..own.clone() };
    assert_rule(open(RecordKind::KeyRevocation, &id, &later), "body.since");
    // Revoking another institution's key (as an anchor) names no successor.
    let others = KeyRevocationBody { key: other().id().to_did(), ..own.clone() };
    let other_id = key_revocation_id(&other().id());
    assert_rule(open(RecordKind::KeyRevocation, &other_id, &others), "body.successor");
    assert!(open(RecordKind::KeyRevocation, &other_id, &KeyRevocationBody { successor: None, ..others }).is_ok());
    assert_rule(withdrawal(RecordKind::KeyRevocation, &id), "withdrawn");
}
