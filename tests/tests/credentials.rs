//! Micro-credentials over real nodes: an achievement published on A is
//! issued to a learner, exported, and verified on C (which never talks to A
//! directly); any change to the file is caught; a revocation published on A
//! makes verification fail on C; a partner issues under a delegation, and not
//! outside it; a class list is issued all or nothing.

use serde_json::Value;
use vetnet_credential::contexts::ContextSet;
use vetnet_credential::data_integrity;
use vetnet_credential::open_badge::{self, Award, Institution};
use vetnet_node::credentials::{CredentialError, ExportFormat, IssueRequest, Verdict, verify};
use vetnet_node::publish::PublishMode;
use vetnet_protocol::achievement::{AchievementBody, Participation};
use vetnet_protocol::revocation::RevocationReason;
use vetnet_protocol::{InstitutionKey, LangText, RecordKind};
use vetnet_tests::{TestNode, spawn, wait_for_topic_peers, wait_until};

fn achievement() -> AchievementBody {
    AchievementBody {
        title: LangText::new("en", "MIG welding of steel plates"),
        description: LangText::new("en", "A two-week course at the workplace."),
        country: "DK".into(),
        outcomes: vec!["Welds fillet joints in PA and PB positions".into(), "Works safely in a workshop".into()],
        esco_skills: vec!["http://data.europa.eu/esco/skill/5b9e0f7d-8f4c-4bd2-9a0e-3c1e0b7a2f11".into()],
        ects: Some(2.0),
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

/// Publishes `achievement()` as `mig-welding` on `node`.
async fn publish_achievement(node: &TestNode) {
    let publisher = node.node.publisher();
    publisher.publish(RecordKind::Achievement, "mig-welding", &achievement(), PublishMode::Create).await.unwrap();
}

fn request(achievement: &str, learner: &str) -> IssueRequest {
    IssueRequest {
        achievement: achievement.into(),
        learner_name: learner.into(),
        learner_email: Some(format!("{}@learners.example", learner.to_lowercase().replace(' ', "."))),
        grade: Some("Pass with distinction".into()),
        date: Some("2026-10-15".into()),
        valid_until: None,
    }
}

/// A - B - C, each knowing only its left neighbour.
async fn line() -> (TestNode, TestNode, TestNode) {
    let a = spawn("Aalborg Tech", "DK", &[]).await;
    let b = spawn("Berlin Werkstatt", "DE", &[a.addr()]).await;
    let c = spawn("Cesis VET", "LV", &[b.addr()]).await;
    wait_for_topic_peers(&b, 2).await;
    (a, b, c)
}

fn check_verdict(node: &TestNode, text: &str) -> Verdict {
    verify(node.node.store(), text, chrono::Utc::now()).unwrap().verdict
}

async fn wait_for_record(node: &TestNode, from: &TestNode, kind: RecordKind, id: &str) {
    let key =
        vetnet_protocol::RecordKey { author: from.node.info().institution, kind: kind.to_string(), id: id.into() };
    wait_until(&format!("the {kind} {id} reaches the node"), || async {
        node.node.store().get(&key).ok().flatten().is_some()
    })
    .await;
}

/// Every leaf value of a JSON document outside `proof`, as JSON pointers.
fn leaves(value: &Value, path: String, out: &mut Vec<String>) {
    match value {
        Value::Object(map) => {
            for (k, v) in map {
                if path.is_empty() && k == "proof" {
                    continue;
                }
                leaves(v, format!("{path}/{}", k.replace('~', "~0").replace('/', "~1")), out);
            }
        }
        Value::Array(items) => {
            for (i, v) in items.iter().enumerate() {
                leaves(v, format!("{path}/{i}"), out);
            }
        }
        _ => out.push(path),
    }
}

fn tampered(value: &Value) -> Value {
    match value {
        Value::String(s) if s.starts_with("urn:") || s.starts_with("did:") || s.starts_with("http") => {
            Value::String(format!("{s}x"))
        }
        Value::String(s) if s.len() >= 20 && s.as_bytes()[4] == b'-' => Value::String(s.replacen("20", "19", 1)),
        Value::String(s) => Value::String(format!("{s}.")),
        Value::Number(n) => serde_json::json!(n.as_u64().unwrap_or(1) + 1),
        Value::Bool(b) => Value::Bool(!b),
        other => other.clone(),
    }
}

#[tokio::test(flavor = "multi_thread", worker_threads = 2)]
async fn issued_on_a_verified_on_c_tamper_caught_revocation_reaches_c() {
    vetnet_tests::init_logging();
    let (a, _b, c) = line().await;
    publish_achievement(&a).await;
    let issuer = a.node.credentials();
    let issued = issuer.issue(vec![request("mig-welding", "Anna Svensson")]).unwrap();
    assert_eq!(issued.len(), 1);
    let id = issued[0].id.clone();
    let json = issuer.export(&id, ExportFormat::DataIntegrity).unwrap();
    let jwt = issuer.export(&id, ExportFormat::Jwt).unwrap();
    assert!(!json.contains("anna.svensson@"), "the email must only be in the credential as a salted hash");

    // C holds A's profile once sync or gossip has brought it.
    wait_for_record(&c, &a, RecordKind::Profile, "profile").await;
    let on_c = verify(c.node.store(), &json, chrono::Utc::now()).unwrap();
    assert_eq!(on_c.verdict, Verdict::Valid, "{:?}", on_c.checks);
    assert_eq!(on_c.issuer.as_ref().map(|(i, _)| i.name.as_str()), Some("Aalborg Tech"));
    assert_eq!(on_c.facts.as_ref().and_then(|f| f.learner_name.clone()).as_deref(), Some("Anna Svensson"));
    assert_eq!(check_verdict(&c, &jwt), Verdict::Valid);

    // Every single change to a signed value is caught.
    let document: Value = serde_json::from_str(&json).unwrap();
    let mut paths = Vec::new();
    leaves(&document, String::new(), &mut paths);
    assert!(paths.len() > 40, "the credential has {} leaves", paths.len());
    for path in &paths {
        let mut changed = document.clone();
        let leaf = changed.pointer_mut(path).unwrap();
        *leaf = tampered(leaf);
        let verdict = check_verdict(&c, &changed.to_string());
        assert!(
            matches!(verdict, Verdict::Tampered | Verdict::Malformed),
            "changing {path} was not caught: {verdict:?}"
        );
    }
    let mut parts: Vec<String> = jwt.split('.').map(str::to_owned).collect();
    parts[1] = parts[1].replacen('e', "f", 1);
    assert_eq!(check_verdict(&c, &parts.join(".")), Verdict::Tampered);
    assert_eq!(check_verdict(&c, "not a credential"), Verdict::Malformed);

    // A revocation published on A reaches C, and C then refuses the credential.
    issuer.revoke(&id, RevocationReason::IssuedInError).await.unwrap();
    let uuid = id.trim_start_matches("urn:uuid:").to_owned();
    wait_for_record(&c, &a, RecordKind::Revocation, &uuid).await;
    let revoked = verify(c.node.store(), &json, chrono::Utc::now()).unwrap();
    assert_eq!(revoked.verdict, Verdict::Revoked);
    assert_eq!(check_verdict(&c, &jwt), Verdict::Revoked);
    assert!(matches!(issuer.revoke(&id, RevocationReason::Withdrawn).await, Err(CredentialError::AlreadyRevoked(_))));
    let stats = issuer.stats().unwrap();
    let month = stats.get(&("mig-welding".to_owned(), "2026-10".to_owned())).unwrap();
    assert_eq!((month.issued, month.revoked), (1, 1));
}

#[tokio::test(flavor = "multi_thread", worker_threads = 2)]
async fn a_partner_issues_under_a_delegation_and_not_outside_it() {
    let (a, b, c) = line().await;
    publish_achievement(&a).await;
    let b_id = b.node.info().institution;
    let delegation = a
        .node
        .credentials()
        .delegate("mig-welding", b_id, Some("2026-01-01".into()), Some("2026-06-30".into()))
        .await
        .unwrap();
    wait_for_record(&b, &a, RecordKind::Delegation, &delegation.record.payload.id).await;
    wait_for_record(&b, &a, RecordKind::Achievement, "mig-welding").await;
    wait_for_record(&c, &a, RecordKind::Delegation, &delegation.record.payload.id).await;
    wait_for_record(&c, &b, RecordKind::Profile, "profile").await;
    wait_for_record(&c, &a, RecordKind::Profile, "profile").await;

    let reference = format!("{}/mig-welding", a.node.info().institution.to_did());
    let mut inside = request(&reference, "Jonas Berg");
    inside.date = Some("2026-03-02".into());
    let issued = b.node.credentials().issue(vec![inside]).unwrap();
    let json = b.node.credentials().export(&issued[0].id, ExportFormat::DataIntegrity).unwrap();
    let on_c = verify(c.node.store(), &json, chrono::Utc::now()).unwrap();
    assert_eq!(on_c.verdict, Verdict::Valid, "{:?}", on_c.checks);
    assert_eq!(on_c.delegated_by.as_ref().map(|i| i.name.as_str()), Some("Aalborg Tech"));

    let mut outside = request(&reference, "Jonas Berg");
    outside.date = Some("2026-08-03".into());
    match b.node.credentials().issue(vec![outside]) {
        Err(CredentialError::Invalid(rows)) => {
            assert_eq!(rows.len(), 1);
            assert_eq!((rows[0].row, rows[0].field.as_str()), (1, "date"));
        }
        other => panic!("issuing outside the delegation must be refused, got {other:?}"),
    }

    // A credential B signs anyway, outside the window, is refused on C.
    let (a_inst, b_inst) = (
        vetnet_node::credentials::institution(c.node.store(), a.node.info().institution).unwrap().unwrap().0,
        vetnet_node::credentials::institution(c.node.store(), b_id).unwrap().unwrap().0,
    );
    let b_key = b_key(&b);
    let forged = signed_award(&b_key, &b_inst, &a_inst, "2026-08-03", None);
    assert_eq!(check_verdict(&c, &forged), Verdict::NotDelegated);
}

/// B's institution key, read from its data directory.
fn b_key(b: &TestNode) -> InstitutionKey {
    vetnet_node::keys::institution_key(&vetnet_node::DataDir::new(b.dir.path())).unwrap()
}

fn signed_award(
    key: &InstitutionKey,
    issuer: &Institution,
    creator: &Institution,
    awarded: &str,
    valid_until: Option<&str>,
) -> String {
    let uri = open_badge::achievement_uri("bsr", &creator.id, "mig-welding");
    let body = achievement();
    let award = Award {
        id: "urn:uuid:0f0e0d0c-0b0a-4908-8706-050403020100",
        issuer,
        creator,
        achievement_uri: &uri,
        achievement: &body,
        learner_name: "Jonas Berg",
        learner_email: None,
        awarded,
        valid_until,
        grade: None,
    };
    let vm = vetnet_node::credentials::verification_method(&key.id());
    data_integrity::sign(
        &open_badge::credential(&award),
        key.signing_key(),
        &vm,
        "2026-11-01T10:00:00Z",
        &ContextSet::bundled(),
    )
    .unwrap()
    .to_string()
}

#[tokio::test(flavor = "multi_thread", worker_threads = 2)]
async fn unknown_issuers_and_expired_credentials_get_their_own_verdicts() {
    let a = spawn("Aalborg Tech", "DK", &[]).await;
    publish_achievement(&a).await;
    let mut old = request("mig-welding", "Eva Lind");
    old.date = Some("2024-05-01".into());
    old.valid_until = Some("2025-04-30".into());
    let issued = a.node.credentials().issue(vec![old]).unwrap();
    let json = a.node.credentials().export(&issued[0].id, ExportFormat::DataIntegrity).unwrap();
    assert_eq!(check_verdict(&a, &json), Verdict::Expired);

    let stranger = InstitutionKey::from_secret_bytes(&[77; 32]);
    let stranger_inst = Institution {
        id: stranger.id(),
        name: "Aalborg Tech".into(),
        country: "DK".into(),
        region: None,
        city: None,
        website: None,
        email: None,
    };
    let forged = signed_award(&stranger, &stranger_inst, &stranger_inst, "2026-10-01", None);
    let result = verify(a.node.store(), &forged, chrono::Utc::now()).unwrap();
    assert_eq!(result.verdict, Verdict::UnknownIssuer, "{:?}", result.checks);
}

#[tokio::test(flavor = "multi_thread", worker_threads = 2)]
async fn a_class_of_30_with_one_bad_row_issues_nothing_and_then_everything() {
    let a = spawn("Aalborg Tech", "DK", &[]).await;
    publish_achievement(&a).await;
    let mut class: Vec<IssueRequest> = (1..=30).map(|n| request("mig-welding", &format!("Learner {n}"))).collect();
    class[16].learner_email = Some("not-an-email".into());
    match a.node.credentials().issue(class.clone()) {
        Err(CredentialError::Invalid(rows)) => {
            assert_eq!(rows.len(), 1, "{rows:?}");
            assert_eq!((rows[0].row, rows[0].field.as_str()), (17, "learner_email"));
        }
        other => panic!("the batch must be refused, got {other:?}"),
    }
    assert!(a.node.credentials().list().unwrap().is_empty(), "nothing is issued when a row is bad");

    class[16].learner_email = None;
    let issued = a.node.credentials().issue(class).unwrap();
    assert_eq!(issued.len(), 30);
    assert_eq!(a.node.credentials().list().unwrap().len(), 30);
    let schema: Value =
        serde_json::from_str(include_str!("../../credential/tests/data/ob_v3p0_achievementcredential_schema.json"))
            .unwrap();
    let validator = jsonschema::validator_for(&schema).unwrap();
    let exported: Value =
        serde_json::from_str(&a.node.credentials().export(&issued[0].id, ExportFormat::DataIntegrity).unwrap())
            .unwrap();
    let errors: Vec<String> =
        validator.iter_errors(&exported).map(|e| format!("{} at {}", e, e.instance_path())).collect();
    assert!(errors.is_empty(), "the exported credential breaks the OB 3.0 schema: {errors:#?}");
}

/// A credential issued before the issuer rotated its key stays valid (its
/// proof was made at issue), can still be revoked (the revocation is signed
/// by the new key), and is not re-signed as a JWT by a key that did not issue it.
#[tokio::test(flavor = "multi_thread", worker_threads = 2)]
async fn a_credential_issued_before_a_key_rotation_stays_valid_and_can_still_be_revoked() {
    let a = spawn("Aalborg Tech", "DK", &[]).await;
    let b = spawn("Berlin Werkstatt", "DE", &[a.addr()]).await;
    wait_for_topic_peers(&b, 1).await;
    publish_achievement(&a).await;
    let issued = a.node.credentials().issue(vec![request("mig-welding", "Ada Lovelace")]).unwrap();
    let id = issued[0].id.clone();
    let json = a.node.credentials().export(&id, ExportFormat::DataIntegrity).unwrap();
    wait_until("B can verify the credential", || async { check_verdict(&b, &json) == Verdict::Valid }).await;

    let rotated = a.node.publisher().rotate_key(a.node.data_dir()).await.unwrap();
    wait_until("B holds the rotation", || async {
        b.node.store().key_ledger().current_key(&rotated.old) == rotated.new
    })
    .await;
    assert_eq!(check_verdict(&b, &json), Verdict::Valid, "issued before the rotation");
    assert!(matches!(a.node.credentials().export(&id, ExportFormat::Jwt), Err(CredentialError::IssuedUnderOldKey(_))));
    a.node.credentials().revoke(&id, RevocationReason::Superseded).await.unwrap();
    wait_until("B sees the revocation signed by the new key", || async {
        check_verdict(&b, &json) == Verdict::Revoked
    })
    .await;
    assert!(a.node.credentials().revocation(&id).unwrap().is_some());
}
