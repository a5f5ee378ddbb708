//! Search over a real store: filters, free text (word prefixes, case and
//! diacritics folded), ordering and limits, for offers and institutions.

use vetnet_node::search::{InstitutionQuery, OfferQuery, search_institutions, search_offers};
use vetnet_node::store::RecordStore;
use vetnet_protocol::profile::{InstitutionKind, PROFILE_ID};
use vetnet_protocol::{Content, InstitutionKey, LangText, Payload, RecordKind, ValidationContext, VerifiedRecord};
use vetnet_tests::{offer, profile};

const NOW: u64 = 1_800_000_000;

fn signed(key: &InstitutionKey, payload: &Payload) -> VerifiedRecord {
    key.sign_checked(payload, &ValidationContext { network: "bsr", now: NOW + 1_000 }).expect("valid record")
}

fn key(n: u8) -> InstitutionKey {
    InstitutionKey::from_secret_bytes(&[n; 32])
}

fn institution(n: u8, name: &str, country: &str, kind: InstitutionKind) -> VerifiedRecord {
    let mut body = profile(name, country, kind);
    body.city = Some(format!("City of {name}"));
    let payload = Payload::with_body("bsr", RecordKind::Profile, PROFILE_ID, 1, NOW, &body).unwrap();
    signed(&key(n), &payload)
}

fn names(records: &[VerifiedRecord]) -> Vec<String> {
    records
        .iter()
        .map(|r| match &r.content {
            Content::Profile(p) => p.name.best(&[]).unwrap_or_default().to_owned(),
            Content::Offer(o) => o.title.best(&[]).unwrap_or_default().to_owned(),
            _ => String::new(),
        })
        .collect()
}

#[test]
fn institutions_are_found_by_folded_word_prefixes_and_ordered_by_country_then_name() {
    let dir = tempfile::tempdir().unwrap();
    let store = RecordStore::open(dir.path(), "bsr", 8 << 20).unwrap();
    let records = [
        institution(1, "Luleå Tekniska Gymnasium", "SE", InstitutionKind::VetProvider),
        institution(2, "Tallinna Tööstushariduskeskus", "EE", InstitutionKind::VetProvider),
        institution(3, "Aalborg Værft", "DK", InstitutionKind::Company),
        institution(4, "Gdańsk Shipyard Academy", "PL", InstitutionKind::VetProvider),
        institution(5, "Øresund Logistics", "DK", InstitutionKind::Company),
        institution(6, "Kiel Werft", "DE", InstitutionKind::Company),
    ];
    store.insert_batch(&records).unwrap();
    let search = |query: InstitutionQuery| names(&search_institutions(&store, &query).unwrap());

    assert_eq!(
        search(InstitutionQuery::default()),
        [
            "Kiel Werft",
            "Aalborg Værft",
            "Øresund Logistics",
            "Tallinna Tööstushariduskeskus",
            "Gdańsk Shipyard Academy",
            "Luleå Tekniska Gymnasium"
        ]
    );
    assert_eq!(
        search(InstitutionQuery { limit: Some(2), ..Default::default() }),
        ["Kiel Werft", "Aalborg Værft"],
        "the limit keeps the first results in order"
    );
    assert_eq!(
        search(InstitutionQuery { text: Some("lulea".into()), ..Default::default() }),
        ["Luleå Tekniska Gymnasium"]
    );
    assert_eq!(
        search(InstitutionQuery { text: Some("LULEÅ tekn".into()), ..Default::default() }),
        ["Luleå Tekniska Gymnasium"]
    );
    assert_eq!(
        search(InstitutionQuery { text: Some("gdansk".into()), ..Default::default() }),
        ["Gdańsk Shipyard Academy"]
    );
    assert_eq!(search(InstitutionQuery { text: Some("oresund".into()), ..Default::default() }), ["Øresund Logistics"]);
    assert_eq!(
        search(InstitutionQuery { text: Some("toostus".into()), ..Default::default() }),
        ["Tallinna Tööstushariduskeskus"]
    );
    assert_eq!(search(InstitutionQuery { text: Some("city kiel".into()), ..Default::default() }), ["Kiel Werft"]);
    assert!(
        search(InstitutionQuery { text: Some("ekniska".into()), ..Default::default() }).is_empty(),
        "prefixes only"
    );
    assert_eq!(
        search(InstitutionQuery {
            kind: Some(InstitutionKind::Company),
            countries: vec!["DK".into()],
            ..Default::default()
        }),
        ["Aalborg Værft", "Øresund Logistics"]
    );
}

#[test]
fn offers_combine_filters_come_newest_first_and_leave_search_when_withdrawn() {
    let dir = tempfile::tempdir().unwrap();
    let store = RecordStore::open(dir.path(), "bsr", 8 << 20).unwrap();
    let publish = |n: u8, id: &str, seq: u64, ts: u64, body: &vetnet_protocol::offer::OfferBody| {
        let payload = Payload::with_body("bsr", RecordKind::Offer, id, seq, ts, body).unwrap();
        store.insert(&signed(&key(n), &payload)).unwrap()
    };
    let mut welding = offer("Welding apprentice", "DK", "0715", 3);
    welding.eqf_max = 5;
    welding.languages[0].lang = "en-GB".into();
    publish(1, "welding", 1, NOW - 30, &welding);
    publish(1, "cook", 1, NOW - 20, &offer("Cook in a harbour restaurant", "DK", "1013", 4));
    publish(2, "electrician", 1, NOW - 10, &offer("Electrician, ship systems", "SE", "0713", 4));
    let mut german = offer("Schweißer Ausbildung", "DE", "0715", 4);
    german.title = LangText::new("de", "Schweißer Ausbildung");
    publish(3, "schweisser", 1, NOW, &german);
    let search = |query: OfferQuery| names(&search_offers(&store, &query).unwrap());

    assert_eq!(
        search(OfferQuery::default()),
        ["Schweißer Ausbildung", "Electrician, ship systems", "Cook in a harbour restaurant", "Welding apprentice"],
        "newest first"
    );
    assert_eq!(
        search(OfferQuery { sector: Some("07".into()), countries: vec!["DK".into()], ..Default::default() }),
        ["Welding apprentice"]
    );
    assert_eq!(
        search(OfferQuery { eqf: Some(5), ..Default::default() }),
        ["Welding apprentice"],
        "inside the EQF range"
    );
    assert_eq!(
        search(OfferQuery { lang: Some("en".into()), eqf: Some(3), ..Default::default() }),
        ["Welding apprentice"]
    );
    assert_eq!(search(OfferQuery { text: Some("schweisser".into()), ..Default::default() }), ["Schweißer Ausbildung"]);
    assert_eq!(search(OfferQuery { text: Some("weld apprent".into()), ..Default::default() }), ["Welding apprentice"]);
    assert_eq!(
        search(OfferQuery { author: Some(key(1).id()), limit: Some(1), ..Default::default() }),
        ["Cook in a harbour restaurant"]
    );
    assert!(
        search(OfferQuery { text: Some("welding".into()), countries: vec!["SE".into()], ..Default::default() })
            .is_empty()
    );

    let withdrawal = signed(&key(1), &Payload::withdrawal("bsr", RecordKind::Offer, "welding", 2, NOW));
    store.insert(&withdrawal).unwrap();
    assert!(search(OfferQuery { text: Some("welding".into()), ..Default::default() }).is_empty());
    assert_eq!(store.counts().unwrap().get("offer"), Some(&3));
}

#[test]
fn many_results_are_read_in_parallel_and_keep_their_order() {
    let dir = tempfile::tempdir().unwrap();
    let store = RecordStore::open(dir.path(), "bsr", 8 << 20).unwrap();
    let records: Vec<VerifiedRecord> = (0..150u64)
        .map(|i| {
            let body = offer(&format!("Offer {i}"), "FI", "0715", 4);
            let payload = Payload::with_body("bsr", RecordKind::Offer, &format!("o{i}"), 1, NOW - 1_000 + i, &body);
            signed(&key((i % 5) as u8 + 1), &payload.unwrap())
        })
        .collect();
    store.insert_batch(&records).unwrap();
    let found = search_offers(&store, &OfferQuery { limit: Some(120), ..Default::default() }).unwrap();
    let expected: Vec<String> = (30..150u64).rev().map(|i| format!("Offer {i}")).collect();
    assert_eq!(names(&found), expected);
}
