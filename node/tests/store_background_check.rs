//! The full check a node runs in the background after it started: damage it
//! finds (here, a record's stored bytes that no longer hash to its id, which
//! the quick check on open cannot see) stops every record write with an
//! error that names `vetnet repair`, and the next open refuses the database.

use vetnet_node::store::{CheckState, DAMAGE_MARK_FILE, RecordStore, StoreError};
use vetnet_protocol::{InstitutionKey, Payload, RecordKind, ValidationContext, VerifiedRecord, fixtures};

const NET: &str = "bsr";
const CACHE: u64 = 8 * 1024 * 1024;

fn offer(key: &InstitutionKey, id: &str) -> VerifiedRecord {
    let now = 1_800_000_000;
    let body = fixtures::minimal_offer(&format!("Welding {id}"), "SE", "0715", 3);
    let payload = Payload::with_body(NET, RecordKind::Offer, id, 1, now, &body).unwrap();
    key.sign_checked(&payload, &ValidationContext { network: NET, now: now + 100 }).unwrap()
}

#[test]
fn damage_found_after_the_start_stops_writes_and_refuses_the_next_open() {
    let dir = tempfile::tempdir().unwrap();
    let path = dir.path().join("db");
    let key = InstitutionKey::from_secret_bytes(&[7; 32]);
    let damaged = offer(&key, "damaged");
    {
        let store = RecordStore::open(&path, NET, CACHE).unwrap();
        assert!(matches!(store.check_state(), CheckState::Passed { .. }), "a full open checks everything");
        store.insert_batch(&[offer(&key, "a"), damaged.clone(), offer(&key, "b")]).unwrap();
        store.flush().unwrap();
    }
    {
        // The bytes of one record change on disk (sled's checksum is over
        // what was written, so only the store's own check can tell).
        let db = sled::Config::new().path(&path).open().unwrap();
        let mut blob_key = vec![b'B'];
        blob_key.extend_from_slice(&damaged.hash.0);
        let mut bytes = db.open_tree("records").unwrap().get(&blob_key).unwrap().unwrap().to_vec();
        let last = bytes.len() - 1;
        bytes[last] ^= 0x55;
        db.open_tree("records").unwrap().insert(&blob_key, bytes).unwrap();
        db.flush().unwrap();
    }

    let store = RecordStore::open_checking_later(&path, NET, CACHE).expect("the quick check cannot see it");
    assert_eq!(store.check_state(), CheckState::Running);
    let state = store.run_check(&|| false);
    let CheckState::Damaged { what } = &state else { panic!("the check missed the damage: {state:?}") };
    assert!(what.contains(&damaged.hash.to_string()), "the damage names the record: {what}");
    assert_eq!(store.check_state(), state, "the outcome stays");
    match store.insert(&offer(&key, "after")) {
        Err(e @ StoreError::WritesStopped { .. }) => {
            assert!(e.to_string().contains("vetnet repair"), "{e}");
        }
        other => panic!("a write after the damage was found: {other:?}"),
    }
    assert!(store.save_search_index().is_err(), "nothing is written, not even the index snapshot");
    assert!(path.join(DAMAGE_MARK_FILE).exists(), "the damage is noted on disk");
    drop(store);

    let refused = RecordStore::open_checking_later(&path, NET, CACHE).err().expect("the next open refuses");
    assert!(matches!(refused, StoreError::Damaged { .. }), "{refused}");
    assert!(refused.to_string().contains("while the node ran"), "{refused}");
}

#[test]
fn a_check_told_to_stop_gives_up() {
    let dir = tempfile::tempdir().unwrap();
    let key = InstitutionKey::from_secret_bytes(&[8; 32]);
    let store = RecordStore::open_checking_later(&dir.path().join("db"), NET, CACHE).unwrap();
    store.insert_batch(&[offer(&key, "a")]).unwrap();
    assert_eq!(store.run_check(&|| true), CheckState::Stopped);
    assert!(store.insert(&offer(&key, "b")).unwrap().is_stored(), "a stopped check stops no write");
}

/// Records stored while the check reads (sync fetching on a fresh start)
/// are never taken for damage.
#[test]
fn records_stored_during_the_check_are_not_damage() {
    let dir = tempfile::tempdir().unwrap();
    let key = InstitutionKey::from_secret_bytes(&[9; 32]);
    let store = RecordStore::open_checking_later(&dir.path().join("db"), NET, CACHE).unwrap();
    let first: Vec<VerifiedRecord> = (0..2_000).map(|i| offer(&key, &format!("before-{i}"))).collect();
    store.insert_batch(&first).unwrap();
    let later: Vec<VerifiedRecord> = (0..2_000).map(|i| offer(&key, &format!("during-{i}"))).collect();
    let writer = {
        let store = store.clone();
        std::thread::spawn(move || {
            for batch in later.chunks(16) {
                store.insert_batch(batch).unwrap();
            }
        })
    };
    let mut checks = 0;
    while !writer.is_finished() || checks == 0 {
        let state = store.run_check(&|| false);
        assert!(matches!(state, CheckState::Passed { .. }), "check {checks} during writes: {state:?}");
        checks += 1;
    }
    writer.join().unwrap();
    eprintln!("{checks} checks passed while 2,000 records were stored");
}
