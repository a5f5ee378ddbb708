//! Upgrades: a data directory written by this release, committed under
//! `tests/fixtures/data-format-1/`, must open with every later version of the
//! code: its records, its mobility thread and its issued credential are
//! there, and the node starts on it. A directory from a newer version is
//! refused naming both versions; one from before versions existed is
//! migrated.
//!
//! `VETNET_WRITE_FIXTURE=1 cargo test -p vetnet-tests --test upgrade` writes
//! the fixture again (only when the data format changes: then commit it
//! beside the old one under a new name, and keep the old one's test).

use std::path::{Path, PathBuf};

use vetnet_node::credentials::IssueRequest;
use vetnet_node::mobility::ThreadStatus;
use vetnet_node::publish::PublishMode;
use vetnet_node::upgrade::{DATA_FORMAT, FORMAT_FILE};
use vetnet_node::{DataDir, NetworkTiming, Node, NodeError, NodeOptions};
use vetnet_protocol::fixtures;
use vetnet_protocol::mobility::steps::InterestBody;
use vetnet_protocol::{RecordKey, RecordKind};
use vetnet_tests::{TestNode, offer, spawn, start_on, stop, test_config, wait_for_topic_peers, wait_until};

/// The fixture of data format 1.
fn fixture() -> PathBuf {
    Path::new(env!("CARGO_MANIFEST_DIR")).join("fixtures").join("data-format-1")
}

/// Files of a running node that a fixture leaves out.
const NOT_IN_FIXTURE: [&str; 3] = ["api.token", "node.lock", "node.toml"];

fn copy_dir(from: &Path, to: &Path) {
    std::fs::create_dir_all(to).unwrap();
    for entry in std::fs::read_dir(from).unwrap() {
        let entry = entry.unwrap();
        let name = entry.file_name();
        if NOT_IN_FIXTURE.iter().any(|n| name == *n) {
            continue;
        }
        let target = to.join(&name);
        if entry.file_type().unwrap().is_dir() {
            copy_dir(&entry.path(), &target);
        } else {
            std::fs::copy(entry.path(), &target).unwrap();
        }
    }
}

/// A copy of the fixture in a fresh directory (the committed one is never written).
fn fixture_copy() -> tempfile::TempDir {
    let dir = tempfile::tempdir().unwrap();
    copy_dir(&fixture(), dir.path());
    dir
}

const THREAD_FILE: &str = "thread.txt";

/// Writes the fixture: a school with an offer, a need, an achievement and an
/// event, the host's offer it holds, a thread with the host that reached
/// nomination, and a credential it issued.
async fn write_fixture() {
    let host = spawn("Kiel Metallbau", "DE", &[]).await;
    let school = spawn("Luleå Yrkesgymnasium", "SE", &[host.addr()]).await;
    wait_for_topic_peers(&school, 1).await;
    let host_offer = offer("Welding placement in Kiel", "DE", "0715", 4);
    host.node.publisher().publish(RecordKind::Offer, "welding", &host_offer, PublishMode::Create).await.unwrap();
    let key = RecordKey { author: host.node.info().institution, kind: "offer".into(), id: "welding".into() };
    wait_until("the host's offer reaches the school", || async {
        school.node.store().get(&key).ok().flatten().is_some()
    })
    .await;
    let publisher = school.node.publisher();
    let own_offer = offer("Forestry placement in Luleå", "SE", "0821", 3);
    publisher.publish(RecordKind::Offer, "forestry", &own_offer, PublishMode::Create).await.unwrap();
    let need = fixtures::need("Two welders for spring", "DE", "0715", 4);
    publisher.publish(RecordKind::Need, "welders", &need, PublishMode::Create).await.unwrap();
    let achievement = fixtures::achievement("MIG welding", "SE", "0715", 4);
    publisher.publish(RecordKind::Achievement, "mig-welding", &achievement, PublishMode::Create).await.unwrap();
    let event = fixtures::event("Partner meeting", "Luleå", "SE", "Europe/Stockholm");
    publisher.publish(RecordKind::Event, "meeting-2027", &event, PublishMode::Create).await.unwrap();
    let issued = school
        .node
        .credentials()
        .issue(vec![IssueRequest {
            achievement: "mig-welding".into(),
            learner_name: "Anna Svensson".into(),
            learner_email: None,
            grade: Some("Pass".into()),
            date: Some("2026-10-15".into()),
            valid_until: None,
        }])
        .unwrap();
    assert_eq!(issued.len(), 1);
    let interest = InterestBody { offer: "welding".into(), need: Some("welders".into()), learners: 1, message: None };
    let thread = school.node.mobility().express_interest(host.node.info().institution, interest).await.unwrap();
    let thread = thread.log.thread;
    wait_until("the host holds the thread", || async {
        host.node.mobility().show(&thread).is_ok_and(|v| v.status() == ThreadStatus::Interested)
    })
    .await;
    let dir = stop(school).await;
    let target = fixture();
    let _ = std::fs::remove_dir_all(&target);
    copy_dir(dir.path(), &target);
    std::fs::write(target.join(THREAD_FILE), format!("{thread}\n")).unwrap();
    host.node.shutdown().await;
}

#[tokio::test(flavor = "multi_thread", worker_threads = 2)]
async fn the_data_directory_of_format_1_opens_with_its_records_thread_and_credential() {
    vetnet_tests::init_logging();
    if std::env::var_os("VETNET_WRITE_FIXTURE").is_some() {
        write_fixture().await;
    }
    let thread = std::fs::read_to_string(fixture().join(THREAD_FILE)).unwrap().trim().to_owned();
    let dir = fixture_copy();
    assert_eq!(std::fs::read_to_string(dir.path().join(FORMAT_FILE)).unwrap().trim(), "1");
    let school = start_on(dir, None, &[]).await;
    let me = school.node.info().institution;
    let own = |kind: &str, id: &str| RecordKey { author: me, kind: kind.into(), id: id.into() };
    for (kind, id) in
        [("offer", "forestry"), ("need", "welders"), ("achievement", "mig-welding"), ("event", "meeting-2027")]
    {
        assert!(school.node.store().get(&own(kind, id)).unwrap().is_some(), "the own {kind} {id} is there");
    }
    let counts = school.node.store().counts().unwrap();
    assert_eq!(counts.get("offer"), Some(&2), "the own offer and the host's: {counts:?}");
    let view = school.node.mobility().show(&thread).unwrap();
    assert_eq!(view.status(), ThreadStatus::Interested);
    let credentials = school.node.credentials().list().unwrap();
    assert_eq!(credentials.len(), 1);
    assert_eq!(credentials[0].learner_name, "Anna Svensson");
    let hits = vetnet_node::search::search_offers(
        school.node.store(),
        &vetnet_node::search::OfferQuery { countries: vec!["SE".into()], ..Default::default() },
    )
    .unwrap();
    assert_eq!(hits.len(), 1, "the index answers searches");
    // The fixture's own records were signed before payloads had to be
    // deterministic CBOR: the node signed them again, so peers accept them.
    let ctx = vetnet_protocol::ValidationContext { network: "bsr", now: vetnet_node::publish::unix_now() };
    let own_records = school.node.store().all_by_author(&me).unwrap();
    assert!(own_records.len() >= 5, "the profile, offer, need, achievement and event: {}", own_records.len());
    for record in own_records {
        let (kind, id) = (&record.payload.kind, &record.payload.id);
        assert!(record.payload.seq >= 2, "the own {kind} {id} is a new version");
        vetnet_protocol::VerifiedRecord::open(&record.bytes, &ctx)
            .unwrap_or_else(|e| panic!("the own {kind} {id} passes the strict checks: {e}"));
    }
    school.node.shutdown().await;
}

#[tokio::test(flavor = "multi_thread", worker_threads = 2)]
async fn a_directory_of_a_newer_format_is_refused_naming_both_versions() {
    let dir = fixture_copy();
    std::fs::write(dir.path().join(FORMAT_FILE), format!("{}\n", DATA_FORMAT + 1)).unwrap();
    let options =
        NodeOptions { data_dir: DataDir::new(dir.path()), config: test_config(&[]), timing: NetworkTiming::fast() };
    let Err(e) = Node::start(options).await else { panic!("a node started on a directory of a newer format") };
    assert!(matches!(e, NodeError::Upgrade(_)), "{e:?}");
    let message = e.to_string();
    assert!(message.contains(&format!("data format is {}", DATA_FORMAT + 1)), "{message}");
    assert!(message.contains(&format!("runs data format {DATA_FORMAT} and older")), "{message}");
    assert_eq!(std::fs::read_to_string(dir.path().join(FORMAT_FILE)).unwrap().trim(), "2", "left as it was");
}

#[tokio::test(flavor = "multi_thread", worker_threads = 2)]
async fn a_directory_from_before_versions_is_migrated_and_gets_the_version() {
    let dir = fixture_copy();
    std::fs::remove_file(dir.path().join(FORMAT_FILE)).unwrap();
    let school: TestNode = start_on(dir, None, &[]).await;
    let version = std::fs::read_to_string(school.dir.path().join(FORMAT_FILE)).unwrap();
    assert_eq!(version.trim(), DATA_FORMAT.to_string());
    assert_eq!(school.node.store().counts().unwrap().get("offer"), Some(&2));
    school.node.shutdown().await;
}
