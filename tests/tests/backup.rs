//! Backup and restore over real nodes: a school's node is backed up while it
//! publishes a stream of offers and exchanges mobility steps, its data
//! directory is destroyed, and the archive brings it back on a new port with
//! the same did:key and peer id. Every acknowledged record is there again
//! (own ones from the archive, later ones by sync), the partner delivers the
//! step it queued meanwhile, and the restored node's outbox delivers the step
//! that waited in it. Refusals: a wrong passphrase, a damaged or cut archive,
//! another institution's directory, the same institution without `--force`,
//! and a directory a node runs on.

use std::sync::{Arc, Mutex};

use serde_json::json;
use vetnet_node::DataDir;
use vetnet_node::backup::{self, Archive, BackupError, Passphrase};
use vetnet_node::mobility::{Delivery, ThreadStatus};
use vetnet_node::publish::PublishMode;
use vetnet_protocol::mobility::steps::*;
use vetnet_protocol::offer::LanguageRequirement;
use vetnet_protocol::{RecordKey, RecordKind};
use vetnet_tests::mobility::{wait_delivered, wait_for_status};
use vetnet_tests::{ApiClient, TestNode, offer, spawn, start_on, stop, wait_for_topic_peers, wait_until};

const PASSPHRASE: &str = "correct horse battery staple";

fn nomination(given_name: &str) -> NominationBody {
    NominationBody {
        learner: Learner {
            given_name: given_name.into(),
            family_name: "Lindqvist".into(),
            birth_date: "2009-05-14".into(),
            email: None,
            languages: vec![LanguageRequirement { lang: "en".into(), cefr: Some("B1".into()) }],
            qualification: None,
            eqf: Some(4),
        },
        learner_key: String::new(),
        key_custody: KeyCustody::School,
        start: "2026-10-05".into(),
        end: "2026-10-30".into(),
        message: None,
    }
}

fn interest(offer: &str) -> InterestBody {
    InterestBody { offer: offer.into(), need: None, learners: 1, message: None }
}

/// A host publishes an offer and waits until `school` holds it.
async fn host_offer(host: &TestNode, school: &TestNode, id: &str) {
    host.node
        .publisher()
        .publish(RecordKind::Offer, id, &offer("Welding placement", "DE", "0715", 4), PublishMode::Create)
        .await
        .unwrap();
    let key = RecordKey { author: host.node.info().institution, kind: "offer".into(), id: id.into() };
    wait_until("the host's offer reaches the school", || async {
        school.node.store().get(&key).ok().flatten().is_some()
    })
    .await;
}

/// Takes a backup through the admin API, as `vetnet backup` does.
async fn backup_over_api(node: &TestNode) -> Vec<u8> {
    let (status, bytes) = ApiClient::new(node).post_for_bytes("/v1/backup", &json!({ "passphrase": PASSPHRASE })).await;
    assert_eq!(status, 200, "{}", String::from_utf8_lossy(&bytes));
    assert!(bytes.starts_with(b"age-encryption.org/v1\n"), "the archive is an age file");
    bytes
}

async fn open(sealed: Vec<u8>, passphrase: &str) -> Result<Archive, BackupError> {
    let passphrase = Passphrase::new(passphrase.to_owned()).unwrap();
    tokio::task::spawn_blocking(move || backup::open_archive(&sealed, &passphrase)).await.unwrap()
}

async fn restore_into(
    dir: &std::path::Path,
    archive: Archive,
    force: bool,
) -> Result<vetnet_views::RestoreView, BackupError> {
    let data_dir = DataDir::new(dir);
    tokio::task::spawn_blocking(move || backup::restore(&data_dir, &archive, force, vetnet_node::clock::unix_now()))
        .await
        .unwrap()
}

#[tokio::test(flavor = "multi_thread", worker_threads = 2)]
async fn a_backup_taken_while_busy_brings_the_institution_back_on_a_new_port() {
    vetnet_tests::init_logging();
    let kiel = spawn("Kiel Metallbau", "DE", &[]).await;
    let tallinn = spawn("Tallinn Hotel School", "EE", &[kiel.addr()]).await;
    let school = spawn("Luleå Yrkesgymnasium", "SE", &[kiel.addr(), tallinn.addr()]).await;
    wait_for_topic_peers(&school, 2).await;
    host_offer(&kiel, &school, "welding").await;
    host_offer(&tallinn, &school, "kitchen").await;
    let (kiel_id, tallinn_id) = (kiel.node.info().institution, tallinn.node.info().institution);
    let school_id = school.node.info().institution;
    let school_peer = school.node.info().peer_id;

    // Two threads, one with each host, both opened.
    let with_kiel = school.node.mobility().express_interest(kiel_id, interest("welding")).await.unwrap().log.thread;
    let with_tallinn =
        school.node.mobility().express_interest(tallinn_id, interest("kitchen")).await.unwrap().log.thread;
    wait_for_status(&kiel, &with_kiel, ThreadStatus::Interested).await;
    wait_for_status(&tallinn, &with_tallinn, ThreadStatus::Interested).await;

    // Tallinn goes offline: the school's nomination for it waits in the outbox.
    let tallinn_addr = tallinn.addr();
    let tallinn_dir = stop(tallinn).await;
    school.node.mobility().nominate(&with_tallinn, nomination("Maja")).await.unwrap();
    wait_until("the school has tried to deliver the nomination to Tallinn and failed", || async {
        let view = school.node.mobility().show(&with_tallinn).unwrap();
        matches!(&view.log.entries[1].delivery, Delivery::Pending { attempts, last_error: Some(_) } if *attempts >= 1)
    })
    .await;

    // A stream of publishes, acknowledged one by one.
    let acknowledged = Arc::new(Mutex::new(Vec::<String>::new()));
    let (stop_stream, mut stopped) = tokio::sync::watch::channel(false);
    let stream = {
        let publisher = school.node.publisher().clone();
        let acknowledged = acknowledged.clone();
        tokio::spawn(async move {
            // Paced, so the stream outlasts the backup (scrypt takes a while in
            // a debug build) without reaching the authors' daily limit.
            for i in 0..600 {
                if *stopped.borrow_and_update() {
                    break;
                }
                let id = format!("busy-{i:03}");
                let body = offer(&format!("Placement {i}"), "SE", "0715", 4);
                publisher.publish(RecordKind::Offer, &id, &body, PublishMode::Create).await.unwrap();
                acknowledged.lock().unwrap().push(id);
                tokio::time::sleep(std::time::Duration::from_millis(10)).await;
            }
        })
    };
    wait_until("the stream has published a few offers", || async { acknowledged.lock().unwrap().len() >= 5 }).await;

    // The backup, while the stream runs and a nomination travels to Kiel.
    let acknowledged_before = acknowledged.lock().unwrap().clone();
    let (sealed, nominated) =
        tokio::join!(backup_over_api(&school), school.node.mobility().nominate(&with_kiel, nomination("Elsa")));
    nominated.unwrap();
    wait_until("the stream goes on after the backup", || async {
        acknowledged.lock().unwrap().len() >= acknowledged_before.len() + 5
    })
    .await;
    // The stream may have ended on its own.
    let _ = stop_stream.send(true);
    stream.await.unwrap();
    let all_acknowledged = acknowledged.lock().unwrap().clone();
    wait_delivered(&school, &with_kiel).await;
    wait_for_status(&kiel, &with_kiel, ThreadStatus::Nominated).await;
    let last = RecordKey { author: school_id, kind: "offer".into(), id: all_acknowledged.last().unwrap().clone() };
    wait_until("Kiel holds the school's last offer", || async {
        kiel.node.store().get(&last).ok().flatten().is_some()
    })
    .await;

    let archive = open(sealed.clone(), PASSPHRASE).await.unwrap();
    let contents = archive.contents();
    assert_eq!(contents.institution, school_id.to_did());
    assert_eq!(contents.peer_id, school_peer.to_string());
    assert_eq!(contents.threads, 2);
    assert!(contents.files.iter().any(|f| f == "institution.key") && contents.files.iter().any(|f| f == "node.key"));
    let offers_in_archive = contents.own_records.get("offer").copied().unwrap_or_default() as usize;
    assert!(offers_in_archive >= acknowledged_before.len(), "every offer acknowledged before the backup is in it");
    assert!(offers_in_archive < all_acknowledged.len(), "the stream went on while the backup was taken");

    // The school's disk is lost. Meanwhile Kiel accepts the nomination: its
    // acceptance waits in Kiel's outbox.
    let school_dir = stop(school).await;
    drop(school_dir);
    kiel.node.mobility().accept(&with_kiel, AcceptanceBody { message: Some("Welcome, Elsa!".into()) }).await.unwrap();

    // Restored on a new machine (a fresh directory) and a new port.
    let new_dir = tempfile::tempdir().unwrap();
    let report = restore_into(new_dir.path(), archive, false).await.unwrap();
    assert_eq!(report.contents.institution, school_id.to_did());
    assert!(report.previous_database.is_none());
    let school = start_on(new_dir, None, &[kiel.addr()]).await;
    assert_eq!(school.node.info().institution, school_id, "the same did:key");
    assert_eq!(school.node.info().peer_id, school_peer, "the same peer id");

    // Every acknowledged record is held again: from the archive, and the
    // ones published after it by sync from Kiel.
    wait_until("every acknowledged offer is held by the restored school", || async {
        all_acknowledged.iter().all(|id| {
            let key = RecordKey { author: school_id, kind: "offer".into(), id: id.clone() };
            school.node.store().get(&key).ok().flatten().is_some()
        })
    })
    .await;
    // Kiel delivers its queued acceptance; the thread goes on.
    wait_for_status(&school, &with_kiel, ThreadStatus::Accepted).await;
    wait_delivered(&kiel, &with_kiel).await;
    // Tallinn comes back: the restored outbox delivers the nomination that waited in it.
    let tallinn = start_on(tallinn_dir, Some(tallinn_addr), &[kiel.addr()]).await;
    wait_for_status(&tallinn, &with_tallinn, ThreadStatus::Nominated).await;
    wait_delivered(&school, &with_tallinn).await;
    assert_eq!(school.node.mobility().outbox_len(), 0);

    for node in [school, kiel, tallinn] {
        node.node.shutdown().await;
    }
}

#[tokio::test(flavor = "multi_thread", worker_threads = 2)]
async fn a_restore_refuses_a_wrong_passphrase_a_damaged_archive_and_the_wrong_directory() {
    vetnet_tests::init_logging();
    let school = spawn("Luleå Yrkesgymnasium", "SE", &[]).await;
    let other = spawn("Kiel Metallbau", "DE", &[]).await;
    school
        .node
        .publisher()
        .publish(RecordKind::Offer, "welding", &offer("Welding", "SE", "0715", 4), PublishMode::Create)
        .await
        .unwrap();
    let sealed = backup_over_api(&school).await;

    // The passphrase rule, on the API.
    let (status, body) = ApiClient::new(&school).post_for_bytes("/v1/backup", &json!({ "passphrase": "short" })).await;
    let body: serde_json::Value = serde_json::from_slice(&body).unwrap();
    assert_eq!(status, 400);
    assert_eq!(body["error"]["field"], "body.passphrase");
    assert!(body["error"]["rule"].as_str().unwrap().contains("at least 12 characters"), "{body}");

    let wrong = open(sealed.clone(), "not the passphrase at all").await.unwrap_err();
    assert!(matches!(wrong, BackupError::WrongPassphrase), "{wrong:?}");
    let mut damaged = sealed.clone();
    let middle = damaged.len() / 2;
    damaged[middle] ^= 0x40;
    let e = open(damaged, PASSPHRASE).await.unwrap_err();
    assert!(matches!(e, BackupError::Damaged(_)), "{e:?}");
    assert!(e.to_string().contains("the backup archive is damaged"), "{e}");
    let cut = sealed[..sealed.len() - 100].to_vec();
    assert!(matches!(open(cut, PASSPHRASE).await.unwrap_err(), BackupError::Damaged(_)));
    let e = open(b"this is a letter, not an archive".to_vec(), PASSPHRASE).await.unwrap_err();
    assert!(matches!(e, BackupError::NotAnArchive(_)), "{e:?}");

    // A directory a node runs on.
    let archive = open(sealed.clone(), PASSPHRASE).await.unwrap();
    let e = restore_into(school.dir.path(), archive.clone(), true).await.unwrap_err();
    assert!(matches!(e, BackupError::NodeRunning(_)), "{e:?}");
    // Another institution's directory: both did:keys are named.
    let other_id = other.node.info().institution.to_did();
    let other_dir = stop(other).await;
    let e = restore_into(other_dir.path(), archive.clone(), true).await.unwrap_err();
    let message = e.to_string();
    assert!(matches!(e, BackupError::AnotherInstitution { .. }), "{e:?}");
    assert!(message.contains(&other_id) && message.contains(&archive.institution), "{message}");
    // The same institution: only with force, and the old database is kept.
    let school_dir = stop(school).await;
    let e = restore_into(school_dir.path(), archive.clone(), false).await.unwrap_err();
    assert!(matches!(e, BackupError::SameInstitution { .. }), "{e:?}");
    assert!(e.to_string().contains("--force"), "{e}");
    let report = restore_into(school_dir.path(), archive, true).await.unwrap();
    let previous = report.previous_database.expect("the database that was there is kept");
    assert!(std::path::Path::new(&previous).is_dir());
    let school = start_on(school_dir, None, &[]).await;
    let key = RecordKey { author: school.node.info().institution, kind: "offer".into(), id: "welding".into() };
    assert!(school.node.store().get(&key).unwrap().is_some());
    school.node.shutdown().await;
}
