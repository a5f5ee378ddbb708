//! The rules of the credential record kinds: `achievement`, `revocation`
//! and `delegation`. Each test starts from a valid record, changes one thing
//! and checks the field the refusal names.

use vetnet_protocol::achievement::AchievementBody;
use vetnet_protocol::delegation::{DelegationBody, delegation_id};
use vetnet_protocol::fixtures;
use vetnet_protocol::revocation::{RevocationBody, RevocationReason};
use vetnet_protocol::{Content, LangText, RecordKind};

mod common;

use common::{assert_rule, open, partner, withdrawal};

const UUID: &str = "6f2e33e5-7a29-4155-840a-59483ba10164";

/// A valid achievement that sets every optional field.
fn achievement() -> AchievementBody {
    fixtures::full_achievement()
}

#[test]
fn a_full_achievement_is_accepted_and_its_ects_is_a_half_precision_float() {
    let record = open(RecordKind::Achievement, "mig-welding", &achievement()).expect("valid");
    assert!(matches!(record.content, Content::Achievement(ref a) if a.ects == Some(7.5)));
    // 7.5 in the shortest exact CBOR float: f9 47 80.
    let needle = [b"ects".as_slice(), &[0xf9, 0x47, 0x80]].concat();
    assert!(record.bytes.windows(needle.len()).any(|w| w == needle), "ects must be encoded as f16 7.5");
}

/// One change to a valid achievement.
type Change = Box<dyn Fn(&mut AchievementBody)>;

#[test]
fn achievement_rules_name_their_fields() {
    let cases: Vec<(&str, Change)> = vec![
        ("body.outcomes", Box::new(|a| a.outcomes.clear())),
        ("body.ects", Box::new(|a| (a.ects, a.hours) = (None, None))),
        ("body.ects", Box::new(|a| a.ects = Some(7.25))),
        ("body.ects", Box::new(|a| a.ects = Some(0.0))),
        ("body.ects", Box::new(|a| a.ects = Some(f64::NAN))),
        ("body.hours", Box::new(|a| a.hours = Some(0))),
        ("body.eqf", Box::new(|a| a.eqf = Some(9))),
        ("body.country", Box::new(|a| a.country = "XX".into())),
        ("body.esco_skills[0]", Box::new(|a| a.esco_skills = vec!["welding".into()])),
        ("body.isced", Box::new(|a| a.isced = Some("12345".into()))),
        ("body.languages[1]", Box::new(|a| a.languages = vec!["sv".into(), "english".into()])),
        ("body.assessment", Box::new(|a| a.assessment = "  ".into())),
        ("body.quality_assurance", Box::new(|a| a.quality_assurance = "x".repeat(501))),
        ("body.further_information", Box::new(|a| a.further_information = Some("example.org".into()))),
        ("body.title", Box::new(|a| a.title = LangText::default())),
    ];
    for (field, change) in cases {
        let mut body = achievement();
        change(&mut body);
        assert_rule(open(RecordKind::Achievement, "mig-welding", &body), field);
    }
    // Hours alone are a workload too.
    let mut hours_only = achievement();
    hours_only.ects = None;
    open(RecordKind::Achievement, "mig-welding", &hours_only).expect("hours alone are enough");
}

#[test]
fn an_unknown_participation_form_is_refused_as_a_body_mismatch() {
    let mut value = ciborium::Value::serialized(&achievement()).expect("encodes");
    if let ciborium::Value::Map(entries) = &mut value {
        for (k, v) in entries.iter_mut() {
            if k.as_text() == Some("participation") {
                *v = ciborium::Value::Text("by-post".into());
            }
        }
    }
    assert_rule(open(RecordKind::Achievement, "mig-welding", &value), "body.participation");
}

#[test]
fn a_revocation_names_its_credential_by_the_record_id_and_is_final() {
    let body = RevocationBody { credential: format!("urn:uuid:{UUID}"), reason: RevocationReason::IssuedInError };
    let record = open(RecordKind::Revocation, UUID, &body).expect("valid");
    assert!(matches!(record.content, Content::Revocation(_)));
    assert_rule(open(RecordKind::Revocation, "another-id", &body), "id");
    let bad = RevocationBody { credential: "urn:uuid:NOT-A-UUID".into(), reason: RevocationReason::Misconduct };
    assert_rule(open(RecordKind::Revocation, UUID, &bad), "body.credential");

    assert_rule(withdrawal(RecordKind::Revocation, UUID), "withdrawn");
}

#[test]
fn a_delegation_id_is_derived_from_the_achievement_and_the_delegate() {
    let delegate = partner().id();
    let body = DelegationBody {
        achievement: "mig-welding".into(),
        delegate: delegate.to_did(),
        from: "2026-09-01".into(),
        until: Some("2027-06-30".into()),
    };
    let id = delegation_id("mig-welding", &delegate);
    assert!(id.starts_with("d-") && id.len() == 26, "{id}");
    let record = open(RecordKind::Delegation, &id, &body).expect("valid");
    let Content::Delegation(held) = record.content else { panic!("not a delegation") };
    assert!(held.covers("2026-09-01") && held.covers("2027-06-30"));
    assert!(!held.covers("2026-08-31") && !held.covers("2027-07-01"));

    assert_rule(open(RecordKind::Delegation, "my-own-name", &body), "id");
    let backwards = DelegationBody { until: Some("2026-08-01".into()), ..body.clone() };
    assert_rule(open(RecordKind::Delegation, &id, &backwards), "body.until");
    let not_a_did = DelegationBody { delegate: "Kiel Welding GmbH".into(), ..body };
    assert_rule(open(RecordKind::Delegation, &id, &not_a_did), "body.delegate");
}
