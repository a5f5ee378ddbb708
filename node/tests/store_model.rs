//! The record store checked against a model: random sequences of inserts
//! (new records, newer and older versions, duplicates, withdrawals) applied
//! to sled and to a `BTreeMap`, with the store closed and reopened along the
//! way, compared after every step.

use std::collections::BTreeMap;

use vetnet_node::search::{OfferQuery, search_offers};
use vetnet_node::store::{InsertOutcome, RecordStore};
use vetnet_node::trust::TrustGraphs;
use vetnet_protocol::fixtures;
use vetnet_protocol::{InstitutionKey, Payload, RecordHash, RecordKind, ValidationContext, VerifiedRecord};

/// A small deterministic PRNG (xorshift64), so failures replay.
struct Rng(u64);

impl Rng {
    fn below(&mut self, n: u64) -> u64 {
        self.0 ^= self.0 << 13;
        self.0 ^= self.0 >> 7;
        self.0 ^= self.0 << 17;
        self.0 % n
    }
}

fn record(key: &InstitutionKey, id: &str, seq: u64, withdrawn: bool, variant: u64) -> VerifiedRecord {
    let now = 1_800_000_000;
    let payload = if withdrawn {
        Payload::withdrawal("bsr", RecordKind::Offer, id, seq, now)
    } else {
        // A minimal offer that only its title sets apart.
        let body = fixtures::minimal_offer(&format!("{id} v{seq}.{variant}"), "SE", "0715", 3);
        Payload::with_body("bsr", RecordKind::Offer, id, seq, now + variant, &body).unwrap()
    };
    key.sign_checked(&payload, &ValidationContext { network: "bsr", now: now + 100 }).unwrap()
}

/// What the store must hold: per (author, id) the newest (seq, hash, withdrawn).
type Model = BTreeMap<(u8, String), (u64, RecordHash, bool)>;

fn check(store: &RecordStore, model: &Model, step: usize) {
    let mut held: Vec<RecordHash> = store.sync_items().map(|i| i.unwrap().1).collect();
    let mut expected: Vec<RecordHash> = model.values().map(|(_, hash, _)| *hash).collect();
    held.sort();
    expected.sort();
    assert_eq!(held, expected, "step {step}: live set differs from the model");
    let live = model.values().filter(|(_, _, withdrawn)| !withdrawn).count() as u64;
    assert_eq!(store.counts().unwrap().get("offer").copied().unwrap_or(0), live, "step {step}: count");
    // The search index agrees: every live offer, by any filter, and by the
    // words of its id.
    let search = |query: OfferQuery| -> Vec<RecordHash> {
        let mut found: Vec<RecordHash> =
            search_offers(store, &OfferQuery { limit: Some(1_000), ..query }).unwrap().iter().map(|r| r.hash).collect();
        found.sort();
        found
    };
    let mut live_hashes: Vec<RecordHash> =
        model.values().filter(|(_, _, withdrawn)| !withdrawn).map(|(_, hash, _)| *hash).collect();
    live_hashes.sort();
    assert_eq!(search(OfferQuery::default()), live_hashes, "step {step}: index");
    assert_eq!(
        search(OfferQuery { sector: Some("07".into()), ..Default::default() }),
        live_hashes,
        "step {step}: sector"
    );
    let mut offer_3: Vec<RecordHash> = model
        .iter()
        .filter(|((_, id), (_, _, withdrawn))| id == "offer-3" && !withdrawn)
        .map(|(_, (_, hash, _))| *hash)
        .collect();
    offer_3.sort();
    assert_eq!(search(OfferQuery { text: Some("Offer-3".into()), ..Default::default() }), offer_3, "step {step}: text");
}

#[test]
fn random_inserts_match_a_model_across_reopens() {
    let dir = tempfile::tempdir().unwrap();
    let keys: Vec<InstitutionKey> = (1..=3).map(|i| InstitutionKey::from_secret_bytes(&[i; 32])).collect();
    let mut rng = Rng(0x5eed_1234_abcd_0001);
    let mut model = Model::new();
    let mut store = Some(RecordStore::open(dir.path(), "bsr", 8 * 1024 * 1024).unwrap());
    for step in 0..300 {
        if rng.below(40) == 0 {
            // Close and reopen: everything must come back as it was.
            drop(store.take());
            store = Some(RecordStore::open(dir.path(), "bsr", 8 * 1024 * 1024).unwrap());
        }
        let s = store.as_ref().unwrap();
        let author = rng.below(3) as u8;
        let id = format!("offer-{}", rng.below(5));
        let seq = 1 + rng.below(6);
        let withdrawn = rng.below(5) == 0;
        let variant = rng.below(2);
        let rec = record(&keys[author as usize], &id, seq, withdrawn, variant);
        let outcome = if rng.below(2) == 0 {
            s.insert(&rec).unwrap()
        } else {
            s.insert_batch(std::slice::from_ref(&rec)).unwrap()[0]
        };
        let slot = (author, id);
        let expected = match model.get(&slot) {
            None => InsertOutcome::New,
            Some((_, hash, _)) if *hash == rec.hash => InsertOutcome::Duplicate,
            Some((held_seq, _, _)) if seq == *held_seq => InsertOutcome::SameSeq { seq },
            Some((held_seq, _, _)) if seq < *held_seq => InsertOutcome::Stale { held_seq: *held_seq },
            Some((held_seq, _, _)) => InsertOutcome::Replaced { previous_seq: *held_seq },
        };
        assert_eq!(outcome, expected, "step {step}");
        if outcome.is_stored() {
            model.insert(slot, (seq, rec.hash, withdrawn));
        }
        check(s, &model, step);
    }
}

#[test]
fn a_batch_is_judged_in_order() {
    let dir = tempfile::tempdir().unwrap();
    let store = RecordStore::open(dir.path(), "bsr", 8 * 1024 * 1024).unwrap();
    let key = InstitutionKey::from_secret_bytes(&[9; 32]);
    let (v1, v2) = (record(&key, "x", 1, false, 0), record(&key, "x", 2, false, 0));
    let outcomes = store.insert_batch(&[v1.clone(), v2.clone(), v1.clone(), v2.clone()]).unwrap();
    assert_eq!(
        outcomes,
        [
            InsertOutcome::New,
            InsertOutcome::Replaced { previous_seq: 1 },
            InsertOutcome::Stale { held_seq: 2 },
            InsertOutcome::Duplicate
        ]
    );
    assert_eq!(store.get(&v2.key()).unwrap().unwrap().hash, v2.hash);
}

/// sled releases its file lock from a background thread after the last handle
/// is dropped; a restart in the same process must wait for it, not fail.
#[test]
fn a_store_closed_and_reopened_at_once_opens() {
    let dir = tempfile::tempdir().unwrap();
    let key = InstitutionKey::from_secret_bytes(&[9; 32]);
    for round in 0..40u64 {
        let store = RecordStore::open(dir.path(), "bsr", 8 * 1024 * 1024)
            .unwrap_or_else(|e| panic!("reopen {round} failed: {e}"));
        assert_eq!(store.live_len(), round as usize, "every earlier record is still held");
        assert!(store.insert(&record(&key, &format!("offer-{round}"), 1, false, 0)).unwrap().is_stored());
        store.flush().unwrap();
    }
}

/// A database written before the one-tree layout (trees `live`, `blobs`,
/// `outbox`, ...) is converted when opened, losing nothing.
#[test]
fn a_database_in_the_first_layout_is_converted() {
    let dir = tempfile::tempdir().unwrap();
    let key = InstitutionKey::from_secret_bytes(&[7; 32]);
    let records = [
        record(&key, "offer-0", 1, false, 0),
        record(&key, "offer-1", 2, false, 1),
        record(&key, "offer-2", 3, true, 0),
    ];
    {
        let db = sled::open(dir.path()).unwrap();
        let (live, blobs, outbox) =
            (db.open_tree("live").unwrap(), db.open_tree("blobs").unwrap(), db.open_tree("outbox").unwrap());
        for record in &records {
            let mut value = record.payload.seq.to_be_bytes().to_vec();
            value.extend_from_slice(&record.hash.0);
            live.insert(record.key().to_bytes(), value).unwrap();
            blobs.insert(record.hash.0, record.bytes.as_slice()).unwrap();
        }
        outbox.insert(records[1].hash.0, &[][..]).unwrap();
        db.flush().unwrap();
    }
    for _ in 0..2 {
        let store = RecordStore::open(dir.path(), "bsr", 8 * 1024 * 1024).unwrap();
        assert_eq!(store.counts().unwrap().get("offer"), Some(&2));
        assert_eq!(store.live_len(), 3, "the withdrawal is kept too");
        for record in &records {
            assert_eq!(store.get(&record.key()).unwrap().map(|r| r.hash), Some(record.hash));
        }
        assert_eq!(store.outbox().unwrap().iter().map(|r| r.hash).collect::<Vec<_>>(), [records[1].hash]);
        assert_eq!(store.sync_items().count(), 3);
        let found = search_offers(&store, &OfferQuery { text: Some("offer-1".into()), ..Default::default() }).unwrap();
        assert_eq!(found.len(), 1);
    }
}

/// A clean close saves the search index; the next open loads it instead of
/// rebuilding, and a record stored after the save makes the next open
/// rebuild (the snapshot never describes other records than those held).
#[test]
fn the_search_index_snapshot_is_used_only_when_current() {
    let dir = tempfile::tempdir().unwrap();
    let key = InstitutionKey::from_secret_bytes(&[8; 32]);
    let text = |store: &RecordStore, word: &str| {
        search_offers(store, &OfferQuery { text: Some(word.into()), ..Default::default() }).unwrap().len()
    };
    {
        let store = RecordStore::open(dir.path(), "bsr", 8 * 1024 * 1024).unwrap();
        store.insert(&record(&key, "offer-1", 1, false, 0)).unwrap();
        store.save_search_index().unwrap();
        // Stored after the save: the snapshot must not be trusted any more.
        store.insert(&record(&key, "offer-2", 1, false, 0)).unwrap();
        store.flush().unwrap();
    }
    {
        let store = RecordStore::open(dir.path(), "bsr", 8 * 1024 * 1024).unwrap();
        assert_eq!((text(&store, "offer-1"), text(&store, "offer-2")), (1, 1), "rebuilt, both found");
        store.save_search_index().unwrap();
    }
    for round in 0..2 {
        let store = RecordStore::open(dir.path(), "bsr", 8 * 1024 * 1024).unwrap();
        assert_eq!(store.counts().unwrap().get("offer"), Some(&2), "round {round}");
        assert_eq!((text(&store, "offer-1"), text(&store, "offer-2")), (1, 1), "round {round}");
        // A replacement after loading the snapshot is indexed as usual.
        store.insert(&record(&key, "offer-1", 2 + round, false, 0)).unwrap();
        assert_eq!(text(&store, "offer-1"), 1);
        store.save_search_index().unwrap();
    }
}

/// The store counts changes per kind, and the trust cache keys on those
/// counts: an offer leaves the cached trust graph alone, new anchors or
/// another day build a new one.
#[test]
fn kind_generations_move_only_for_their_kind_and_drive_the_trust_cache() {
    let dir = tempfile::tempdir().unwrap();
    let store = RecordStore::open(dir.path(), "bsr", 8 * 1024 * 1024).unwrap();
    let key = InstitutionKey::from_secret_bytes(&[9; 32]);
    let (offers, endorsements) =
        (store.kind_generation(&RecordKind::Offer), store.kind_generation(&RecordKind::Endorsement));
    let graph = store.trust_graph("2027-01-01").unwrap();
    assert!(std::sync::Arc::ptr_eq(&graph, &store.trust_graph("2027-01-01").unwrap()), "asked twice, built once");

    assert!(store.insert(&record(&key, "x", 1, false, 0)).unwrap().is_stored());
    assert_eq!(store.kind_generation(&RecordKind::Offer), offers + 1);
    assert_eq!(store.kind_generation(&RecordKind::Endorsement), endorsements);
    assert!(std::sync::Arc::ptr_eq(&graph, &store.trust_graph("2027-01-01").unwrap()), "an offer changes no trust");
    // A duplicate changes nothing.
    store.insert(&record(&key, "x", 1, false, 0)).unwrap();
    assert_eq!(store.kind_generation(&RecordKind::Offer), offers + 1);

    assert!(!std::sync::Arc::ptr_eq(&graph, &store.trust_graph("2027-01-02").unwrap()), "a new day, a new graph");
    let next_day = store.trust_graph("2027-01-02").unwrap();
    let anchors = store.anchors_generation();
    store.set_anchors([key.id()].into()).unwrap();
    assert_eq!(store.anchors_generation(), anchors + 1);
    let anchored = store.trust_graph("2027-01-02").unwrap();
    assert!(!std::sync::Arc::ptr_eq(&next_day, &anchored), "new anchors, a new graph");
    assert_eq!(anchored.trusted_keys(), vec![key.id()]);
}

/// `get_many` returns the held records in the order asked, skipping hashes
/// no longer held, on one thread or several.
#[test]
fn get_many_reads_in_order_and_skips_what_is_gone() {
    let dir = tempfile::tempdir().unwrap();
    let store = RecordStore::open(dir.path(), "bsr", 8 * 1024 * 1024).unwrap();
    let key = InstitutionKey::from_secret_bytes(&[9; 32]);
    let records: Vec<VerifiedRecord> = (0..100).map(|i| record(&key, &format!("offer-{i}"), 1, false, 0)).collect();
    store.insert_batch(&records).unwrap();
    let replaced = record(&key, "offer-7", 2, false, 0);
    store.insert(&replaced).unwrap();
    let mut hashes: Vec<RecordHash> = records.iter().rev().map(|r| r.hash).collect();
    hashes.push(RecordHash([0; 32]));
    let got: Vec<RecordHash> = store.get_many(&hashes).unwrap().iter().map(|r| r.hash).collect();
    let expected: Vec<RecordHash> =
        records.iter().rev().filter(|r| r.payload.id != "offer-7").map(|r| r.hash).collect();
    assert_eq!(got, expected);
    assert_eq!(store.get_many(&hashes[..3]).unwrap().len(), 3);
}
