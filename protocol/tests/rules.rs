//! The record rules, tested through the public API only: each test starts from
//! a valid record, changes one thing, and checks that opening it fails with
//! the right error and, for a rule, names the right field.

use ciborium::Value;
use coset::{CborSerializable, CoseSign1, CoseSign1Builder, Header, HeaderBuilder, TaggedCborSerializable, iana};
use ed25519_dalek::{Signer, SigningKey, Verifier};
use sha2::{Digest, Sha256};
use vetnet_protocol::fixtures;
use vetnet_protocol::limits::{MAX_CLOCK_SKEW_SECS, MAX_RECORD_BYTES, MAX_TITLE_CHARS};
use vetnet_protocol::offer::{OfferBody, Stipend};
use vetnet_protocol::profile::{InstitutionKind, ProfileBody, VetProvision};
use vetnet_protocol::{
    Content, InstitutionKey, LangText, Payload, RecordError, RecordKind, ValidationContext, VerifiedRecord,
};

const SECRET: [u8; 32] = [7; 32];
const NET: &str = "bsr";
const NOW: u64 = 1_795_000_000;
const OFFER_ID: &str = "welding-2027";

fn ctx() -> ValidationContext<'static> {
    ValidationContext { network: NET, now: NOW }
}

fn key() -> InstitutionKey {
    InstitutionKey::from_secret_bytes(&SECRET)
}

/// A valid offer that sets every optional field, so each rule has something
/// to check. Tests change one thing in it.
fn offer_body() -> OfferBody {
    fixtures::full_offer()
}

/// [`offer_body`] with one change.
fn offer_with(change: impl FnOnce(&mut OfferBody)) -> OfferBody {
    let mut body = offer_body();
    change(&mut body);
    body
}

/// A valid profile that sets every optional field.
fn profile_body() -> ProfileBody {
    fixtures::full_profile()
}

/// [`profile_body`] with one change.
fn profile_with(change: impl FnOnce(&mut ProfileBody)) -> ProfileBody {
    let mut body = profile_body();
    change(&mut body);
    body
}

fn offer_payload(body: &OfferBody) -> Payload {
    Payload::with_body(NET, RecordKind::Offer, OFFER_ID, 1, NOW, body).unwrap()
}

fn profile_payload(body: &ProfileBody) -> Payload {
    Payload::with_body(NET, RecordKind::Profile, "profile", 1, NOW, body).unwrap()
}

fn open_offer(body: &OfferBody) -> Result<VerifiedRecord, RecordError> {
    key().sign_checked(&offer_payload(body), &ctx())
}

fn open_profile(body: &ProfileBody) -> Result<VerifiedRecord, RecordError> {
    key().sign_checked(&profile_payload(body), &ctx())
}

/// Asserts that `result` is a rule violation of `field`.
#[track_caller]
fn assert_rule(result: Result<VerifiedRecord, RecordError>, field: &str) {
    match result {
        Err(RecordError::Rule(e)) => {
            assert_eq!(e.field, field, "wrong field; the rule was {:?}", e.rule);
            assert!(!e.rule.is_empty());
        }
        other => panic!("expected a rule violation of {field}, got {}", outcome(&other)),
    }
}

/// A short description of what opening gave, for assertion messages.
fn outcome(result: &Result<VerifiedRecord, RecordError>) -> String {
    match result {
        Ok(record) => format!("an accepted record {}", record.hash),
        Err(e) => format!("{e:?}"),
    }
}

#[track_caller]
fn assert_envelope(result: Result<VerifiedRecord, RecordError>) {
    assert!(matches!(result, Err(RecordError::Envelope(_))), "expected an envelope error, got {}", outcome(&result));
}

#[track_caller]
fn assert_bad_signature(result: Result<VerifiedRecord, RecordError>) {
    assert!(matches!(result, Err(RecordError::BadSignature)), "expected a bad signature, got {}", outcome(&result));
}

/// `value` written in the order it was built, not sorted: for the tests of
/// refused encodings.
fn cbor_as_built(value: &impl serde::Serialize) -> Vec<u8> {
    let mut bytes = Vec::new();
    ciborium::into_writer(value, &mut bytes).unwrap();
    bytes
}

fn cbor(value: &impl serde::Serialize) -> Vec<u8> {
    vetnet_protocol::cbor::to_deterministic_vec(value).unwrap()
}

fn good_protected() -> Header {
    HeaderBuilder::new().algorithm(iana::Algorithm::EdDSA).key_id(key().id().as_bytes().to_vec()).build()
}

/// Builds and signs a COSE_Sign1 by hand with coset, so the envelope tests
/// can change the headers and the payload bytes freely.
fn sign_raw(payload: Option<&[u8]>, protected: Header, unprotected: Header) -> CoseSign1 {
    let signing = SigningKey::from_bytes(&SECRET);
    let mut builder = CoseSign1Builder::new().protected(protected).unprotected(unprotected);
    if let Some(payload) = payload {
        builder = builder.payload(payload.to_vec());
    }
    builder.create_signature(&[], |tbs| signing.sign(tbs).to_bytes().to_vec()).build()
}

fn valid_offer_bytes() -> Vec<u8> {
    key().sign(&offer_payload(&offer_body())).unwrap()
}

/// The payload of a valid offer as a CBOR map, to add or change fields the
/// `Payload` struct cannot express.
fn offer_payload_map() -> Vec<(Value, Value)> {
    match Value::serialized(&offer_payload(&offer_body())).unwrap() {
        Value::Map(entries) => entries,
        other => panic!("a payload is a map, got {other:?}"),
    }
}

fn body_of(record: &VerifiedRecord) -> &Vec<(Value, Value)> {
    match record.payload.body.as_ref() {
        Some(Value::Map(entries)) => entries,
        other => panic!("expected a body map, got {other:?}"),
    }
}

// ---------------------------------------------------------------------------
// Valid records.

#[test]
fn valid_offer_is_accepted_with_its_fields() {
    let bytes = valid_offer_bytes();
    let record = VerifiedRecord::open(&bytes, &ctx()).unwrap();
    assert_eq!(record.bytes, bytes);
    assert_eq!(record.hash.0, <[u8; 32]>::from(Sha256::digest(&bytes)));
    assert_eq!(record.author, key().id());
    assert_eq!(record.payload, offer_payload(&offer_body()));
    assert_eq!(record.content, Content::Offer(Box::new(offer_body())));
    let record_key = record.key();
    assert_eq!((record_key.author, record_key.kind.as_str(), record_key.id.as_str()), (key().id(), "offer", OFFER_ID));
}

#[test]
fn minimal_offer_is_accepted() {
    let mut body = fixtures::minimal_offer("Praktikum Elektrotechnik", "DE", "0713", 4);
    body.title = LangText::new("de", "Praktikum Elektrotechnik");
    body.start = "2027-09-01".into();
    (body.weeks_min, body.weeks_max) = (2, 2);
    let record = open_offer(&body).unwrap();
    assert_eq!(record.content, Content::Offer(Box::new(body)));
}

#[test]
fn valid_profile_is_accepted_with_its_fields() {
    let record = open_profile(&profile_body()).unwrap();
    assert_eq!(record.content, Content::Profile(Box::new(profile_body())));
    assert_eq!(record.key().kind, "profile");
    assert_eq!(record.key().id, "profile");
}

#[test]
fn company_profile_without_vet_is_accepted() {
    let body = profile_with(|o| {
        o.institution = InstitutionKind::Company;
        o.vet = vec![];
        o.isced = vec![];
        o.nace = vec!["C25".into(), "F41.20".into()];
    });
    assert_eq!(open_profile(&body).unwrap().content, Content::Profile(Box::new(body)));
}

#[test]
fn withdrawal_is_accepted() {
    let payload = Payload::withdrawal(NET, RecordKind::Offer, OFFER_ID, 2, NOW);
    let record = key().sign_checked(&payload, &ctx()).unwrap();
    assert_eq!(record.content, Content::Withdrawn);
    assert_eq!(record.payload.seq, 2);
    assert!(record.payload.body.is_none());
}

// ---------------------------------------------------------------------------
// Code lists.

#[test]
fn unknown_country_is_refused() {
    assert_rule(open_offer(&offer_with(|o| o.country = "UK".into())), "body.country");
    assert_rule(open_offer(&offer_with(|o| o.country = "se".into())), "body.country");
    assert_rule(open_profile(&profile_with(|o| o.country = "XX".into())), "body.country");
}

#[test]
fn unknown_language_in_a_language_list_is_refused() {
    let mut offer = offer_body();
    offer.languages[1].lang = "xx".into();
    assert_rule(open_offer(&offer), "body.languages[1].lang");

    let mut offer = offer_body();
    offer.languages[0].lang = "EN".into();
    assert_rule(open_offer(&offer), "body.languages[0].lang");

    let profile = profile_with(|o| o.languages = vec!["sv".into(), "english".into()]);
    assert_rule(open_profile(&profile), "body.languages[1]");
}

#[test]
fn unknown_language_as_a_text_key_is_refused() {
    let mut offer = offer_body();
    offer.title.0.insert("xx".into(), "Svetspraktik".into());
    assert_rule(open_offer(&offer), "body.title.xx");

    let offer = offer_with(|o| o.description = LangText::new("en_GB", "Four weeks."));
    assert_rule(open_offer(&offer), "body.description.en_GB");

    let profile = profile_with(|o| o.name = LangText::new("swedish", "Yrkeshögskolan"));
    assert_rule(open_profile(&profile), "body.name.swedish");
}

#[test]
fn bad_cefr_level_is_refused() {
    let mut offer = offer_body();
    offer.languages[0].cefr = Some("b1".into());
    assert_rule(open_offer(&offer), "body.languages[0].cefr");
}

// ---------------------------------------------------------------------------
// Numbers and dates of an offer.

#[test]
fn eqf_outside_1_to_8_is_refused() {
    assert_rule(open_offer(&offer_with(|o| o.eqf_min = 0)), "body.eqf_min");
    assert_rule(open_offer(&offer_with(|o| o.eqf_max = 9)), "body.eqf_max");
    assert_rule(
        open_offer(&offer_with(|o| {
            o.eqf_min = 9;
            o.eqf_max = 9;
        })),
        "body.eqf_min",
    );
    open_offer(&offer_with(|o| {
        o.eqf_min = 1;
        o.eqf_max = 8;
    }))
    .expect("1 and 8 are EQF levels");
}

#[test]
fn eqf_min_above_eqf_max_is_refused() {
    assert_rule(
        open_offer(&offer_with(|o| {
            o.eqf_min = 5;
            o.eqf_max = 4;
        })),
        "body.eqf_max",
    );
    open_offer(&offer_with(|o| {
        o.eqf_min = 4;
        o.eqf_max = 4;
    }))
    .expect("a single level is a range");
}

#[test]
fn places_must_be_1_to_1000() {
    assert_rule(open_offer(&offer_with(|o| o.places = 0)), "body.places");
    assert_rule(open_offer(&offer_with(|o| o.places = 1001)), "body.places");
    open_offer(&offer_with(|o| o.places = 1000)).expect("1000 places is the limit");
}

#[test]
fn weeks_must_be_1_to_104_and_ordered() {
    assert_rule(open_offer(&offer_with(|o| o.weeks_min = 0)), "body.weeks_min");
    assert_rule(open_offer(&offer_with(|o| o.weeks_max = 105)), "body.weeks_max");
    assert_rule(
        open_offer(&offer_with(|o| {
            o.weeks_min = 9;
            o.weeks_max = 8;
        })),
        "body.weeks_max",
    );
}

#[test]
fn end_before_start_is_refused() {
    let offer = offer_with(|o| {
        o.end = Some("2027-02-28".into());
        o.deadline = None;
    });
    assert_rule(open_offer(&offer), "body.end");
}

#[test]
fn window_shorter_than_weeks_min_is_refused() {
    // 2027-03-01 to 2027-03-27 is 27 days, one short of 4 weeks.
    let offer = offer_with(|o| o.end = Some("2027-03-27".into()));
    assert_rule(open_offer(&offer), "body.end");
    open_offer(&offer_with(|o| o.end = Some("2027-03-28".into()))).expect("28 days is 4 weeks");
}

#[test]
fn deadline_after_start_is_refused() {
    let offer = offer_with(|o| {
        o.end = None;
        o.deadline = Some("2027-03-02".into());
    });
    assert_rule(open_offer(&offer), "body.deadline");
    open_offer(&offer_with(|o| {
        o.end = None;
        o.deadline = Some("2027-03-01".into());
    }))
    .expect("applying until the start day is allowed");
    // With a start window the deadline may run to the window's last day.
    open_offer(&offer_with(|o| o.deadline = Some("2027-06-30".into()))).expect("deadline on the end day");
    assert_rule(open_offer(&offer_with(|o| o.deadline = Some("2027-07-01".into()))), "body.deadline");
}

#[test]
fn dates_must_be_written_yyyy_mm_dd() {
    assert_rule(open_offer(&offer_with(|o| o.start = "2027-3-1".into())), "body.start");
    assert_rule(open_offer(&offer_with(|o| o.start = "2027-02-30".into())), "body.start");
    assert_rule(open_offer(&offer_with(|o| o.end = Some("30.06.2027".into()))), "body.end");
    assert_rule(open_offer(&offer_with(|o| o.deadline = Some("soon".into()))), "body.deadline");
}

/// Found by `properties::accepted_dates_have_the_documented_shape`: chrono's
/// `%Y` reads a signed or five-digit year and writes it back the same way, so
/// the round-trip check alone let `-0001-01-01` through.
#[test]
fn dates_with_a_signed_or_long_year_are_refused() {
    for day in ["-0001-01-01", "+2027-03-01", "12027-03-01", "-2027-03-01"] {
        assert_rule(open_offer(&offer_with(|o| o.deadline = Some(day.into()))), "body.deadline");
        assert!(vetnet_protocol::validate::date("d", day).is_err(), "{day}");
    }
    assert!(vetnet_protocol::validate::date("d", "0001-01-01").is_ok(), "four-digit years from 0001 are dates");
}

// ---------------------------------------------------------------------------
// Text and other field rules.

#[test]
fn oversize_title_is_refused() {
    let limit = "x".repeat(MAX_TITLE_CHARS);
    open_offer(&offer_with(|o| o.title = LangText::new("en", &limit))).expect("at the limit");
    // The limit counts characters, not bytes.
    let umlauts = "ä".repeat(MAX_TITLE_CHARS);
    open_offer(&offer_with(|o| o.title = LangText::new("sv", &umlauts))).expect("200 characters");
    let over = "x".repeat(MAX_TITLE_CHARS + 1);
    assert_rule(open_offer(&offer_with(|o| o.title = LangText::new("en", &over))), "body.title.en");
}

#[test]
fn title_is_required_single_line_and_not_blank() {
    assert_rule(open_offer(&offer_with(|o| o.title = LangText::default())), "body.title");
    assert_rule(open_offer(&offer_with(|o| o.title = LangText::new("en", "Two\nlines"))), "body.title.en");
    assert_rule(open_offer(&offer_with(|o| o.title = LangText::new("en", "  "))), "body.title.en");
}

#[test]
fn each_offer_field_rule_names_its_field() {
    type Change = fn(&mut OfferBody);
    let cases: &[(&str, Change)] = &[
        ("body.isced", |o| o.isced = "0717".into()),
        ("body.nace", |o| o.nace = Some("F12".into())),
        ("body.occupation", |o| o.occupation = Some("welder".into())),
        ("body.city", |o| o.city = Some(String::new())),
        ("body.description.en", |o| o.description = LangText::new("en", &"x".repeat(8_001))),
        ("body.outcomes[0]", |o| o.outcomes[0] = "bad\u{7}bell".into()),
        ("body.esco_skills[0]", |o| o.esco_skills[0] = "http://data.europa.eu/esco/skill/welding".into()),
        ("body.languages[1].lang", |o| o.languages[1].lang = "en".into()),
        ("body.conditions.stipend.currency", |o| {
            o.conditions.stipend = Some(Stipend { amount: 300, currency: "eur".into() })
        }),
        ("body.contact.email", |o| o.contact.as_mut().unwrap().email = Some("anna.example.se".into())),
        ("body.contact.phone", |o| o.contact.as_mut().unwrap().phone = Some("x".repeat(101))),
    ];
    for (field, change) in cases {
        let mut offer = offer_body();
        change(&mut offer);
        assert_rule(open_offer(&offer), field);
    }
}

#[test]
fn each_profile_field_rule_names_its_field() {
    type Change = fn(&mut ProfileBody);
    let cases: &[(&str, Change)] = &[
        ("body.vet", |p| p.vet.clear()),
        ("body.vet", |p| p.institution = InstitutionKind::Chamber),
        ("body.vet", |p| p.vet = vec![VetProvision::Cvet, VetProvision::Cvet]),
        ("body.isced[1]", |p| p.isced[1] = "7".into()),
        ("body.isced", |p| p.isced = vec!["0715".into(), "0715".into()]),
        ("body.nace[0]", |p| p.nace = vec!["Z99".into()]),
        ("body.languages", |p| p.languages = vec!["sv".into(), "sv".into()]),
        ("body.website", |p| p.website = Some("college.example.se".into())),
        ("body.email", |p| p.email = Some("international@localhost".into())),
        ("body.nodes[0].peer_id", |p| p.nodes[0].peer_id = "12D3 Koo".into()),
        ("body.nodes[0].addrs[0]", |p| p.nodes[0].addrs[0] = "192.0.2.1:7301".into()),
    ];
    for (field, change) in cases {
        let mut profile = profile_body();
        change(&mut profile);
        assert_rule(open_profile(&profile), field);
    }
}

#[test]
fn a_provision_listed_twice_is_refused_however_long_the_list() {
    let body = profile_with(|o| o.vet = vec![VetProvision::Ivet, VetProvision::Cvet, VetProvision::Ivet]);
    assert_rule(open_profile(&body), "body.vet");
}

#[test]
fn body_with_wrong_field_types_is_refused() {
    let mut body = match Value::serialized(&offer_body()).unwrap() {
        Value::Map(entries) => entries,
        other => panic!("{other:?}"),
    };
    let places = body.iter_mut().find(|(k, _)| k.as_text() == Some("places")).unwrap();
    places.1 = Value::Text("two".into());
    let mut payload = offer_payload(&offer_body());
    payload.body = Some(Value::Map(body));
    let error = key().sign_checked(&payload, &ctx()).unwrap_err();
    assert_eq!(error.to_string(), "body.places: must be a whole number from 0 to 4294967295 (got the text \"two\")");
    assert_rule(Err(error), "body.places");

    let mut payload = offer_payload(&offer_body());
    payload.body = Some(Value::Array(vec![]));
    assert_rule(key().sign_checked(&payload, &ctx()), "body");
}

// ---------------------------------------------------------------------------
// Payload rules shared by all kinds.

#[test]
fn oversize_record_is_refused_before_anything_else() {
    // Eight translations of the longest description: each is valid, the
    // record as a whole is over the limit.
    let mut body = offer_body();
    for lang in ["en", "sv", "de", "fi", "et", "lv", "lt", "pl"] {
        body.description.0.insert(lang.into(), "y".repeat(8_000));
    }
    match open_offer(&body) {
        Err(RecordError::TooLarge { size, max }) => {
            assert_eq!(max, MAX_RECORD_BYTES);
            assert_eq!(max, 49_152);
            assert!(size > max);
        }
        other => panic!("expected TooLarge, got {}", outcome(&other)),
    }
    // The size is checked before decoding: any bytes over the limit fail so.
    let garbage = vec![0xff; MAX_RECORD_BYTES + 1];
    assert!(matches!(VerifiedRecord::open(&garbage, &ctx()), Err(RecordError::TooLarge { size: 49_153, max: 49_152 })));
}

#[test]
fn a_record_of_exactly_the_limit_is_accepted() {
    let padded = |n: usize| {
        let body = Value::Map(vec![(Value::Text("pad".into()), Value::Text("p".repeat(n)))]);
        let payload = Payload {
            v: 1,
            net: NET.into(),
            kind: "padding".into(),
            id: "p".into(),
            seq: 1,
            ts: NOW,
            body: Some(body),
            withdrawn: false,
        };
        key().sign(&payload).unwrap()
    };
    // Record size grows one byte per padding byte in this range.
    let base = padded(40_000).len();
    let exact = padded(40_000 + MAX_RECORD_BYTES - base);
    assert_eq!(exact.len(), MAX_RECORD_BYTES);
    let record = VerifiedRecord::open(&exact, &ctx()).unwrap();
    assert_eq!(record.content, Content::Uninterpreted);
    let over = padded(40_000 + MAX_RECORD_BYTES - base + 1);
    assert!(matches!(VerifiedRecord::open(&over, &ctx()), Err(RecordError::TooLarge { .. })));
}

#[test]
fn future_ts_beyond_the_skew_is_refused_within_it_accepted() {
    let mut payload = offer_payload(&offer_body());
    payload.ts = NOW + MAX_CLOCK_SKEW_SECS;
    key().sign_checked(&payload, &ctx()).expect("exactly the allowed skew");
    payload.ts = NOW + MAX_CLOCK_SKEW_SECS + 1;
    match key().sign_checked(&payload, &ctx()) {
        Err(RecordError::FromTheFuture { ahead_secs, max_secs }) => {
            assert_eq!(ahead_secs, 601);
            assert_eq!(max_secs, 600);
        }
        other => panic!("expected FromTheFuture, got {}", outcome(&other)),
    }
    // Old records are fine: there is no lower bound on ts.
    payload.ts = 0;
    key().sign_checked(&payload, &ctx()).expect("an old record");
}

#[test]
fn wrong_network_is_refused() {
    let mut payload = offer_payload(&offer_body());
    payload.net = "test".into();
    assert_rule(key().sign_checked(&payload, &ctx()), "net");
    // The same bytes are valid on the network they were signed for.
    let bytes = key().sign(&payload).unwrap();
    VerifiedRecord::open(&bytes, &ValidationContext { network: "test", now: NOW }).unwrap();
}

#[test]
fn format_version_other_than_1_is_refused() {
    let mut payload = offer_payload(&offer_body());
    payload.v = 2;
    assert_rule(key().sign_checked(&payload, &ctx()), "v");
}

#[test]
fn seq_0_is_refused() {
    let mut payload = offer_payload(&offer_body());
    payload.seq = 0;
    assert_rule(key().sign_checked(&payload, &ctx()), "seq");
    payload.seq = u64::MAX;
    key().sign_checked(&payload, &ctx()).expect("any seq from 1 up");
}

#[test]
fn kind_and_id_must_be_plain_names() {
    for kind in ["", "Offer", "1offer", "offer!", &"k".repeat(33)] {
        let mut payload = offer_payload(&offer_body());
        payload.kind = kind.to_owned();
        assert_rule(key().sign_checked(&payload, &ctx()), "kind");
    }
    for id in ["", "a b", "a/b", "a\0b", &"i".repeat(65)] {
        let mut payload = offer_payload(&offer_body());
        payload.id = id.to_owned();
        assert_rule(key().sign_checked(&payload, &ctx()), "id");
    }
    let mut payload = offer_payload(&offer_body());
    payload.id = "Welding_2027.v-2".into();
    key().sign_checked(&payload, &ctx()).expect("letters, digits, '-', '_' and '.'");
}

#[test]
fn profile_with_another_id_is_refused() {
    let mut payload = profile_payload(&profile_body());
    payload.id = "main".into();
    assert_rule(key().sign_checked(&payload, &ctx()), "id");
}

#[test]
fn withdrawal_with_a_body_is_refused() {
    let mut payload = offer_payload(&offer_body());
    payload.withdrawn = true;
    assert_rule(key().sign_checked(&payload, &ctx()), "body");
}

#[test]
fn missing_body_is_refused() {
    let mut payload = offer_payload(&offer_body());
    payload.body = None;
    assert_rule(key().sign_checked(&payload, &ctx()), "body");
    let mut payload = Payload::withdrawal(NET, RecordKind::Other("nomination".into()), "n1", 1, NOW);
    payload.withdrawn = false;
    assert_rule(key().sign_checked(&payload, &ctx()), "body");
}

#[test]
fn payload_that_is_not_a_payload_map_is_refused() {
    let protected = good_protected;
    for payload in [cbor(&Value::Array(vec![])), cbor(&"offer"), vec![0xff], vec![]] {
        let bytes = sign_raw(Some(&payload), protected(), Header::default()).to_tagged_vec().unwrap();
        let result = VerifiedRecord::open(&bytes, &ctx());
        assert!(matches!(result, Err(RecordError::Payload(_))), "payload {payload:02x?}: {}", outcome(&result));
    }
    // A map missing a required field.
    let mut map = offer_payload_map();
    map.retain(|(k, _)| k.as_text() != Some("seq"));
    let bytes = sign_raw(Some(&cbor(&Value::Map(map))), protected(), Header::default()).to_tagged_vec().unwrap();
    assert!(matches!(VerifiedRecord::open(&bytes, &ctx()), Err(RecordError::Payload(_))));
}

#[test]
fn payload_with_bytes_after_the_map_is_refused() {
    let mut payload = cbor(&offer_payload(&offer_body()));
    payload.push(0x00);
    let bytes = sign_raw(Some(&payload), good_protected(), Header::default()).to_tagged_vec().unwrap();
    let result = VerifiedRecord::open(&bytes, &ctx());
    assert!(matches!(result, Err(RecordError::Payload(_))), "{}", outcome(&result));
}

// ---------------------------------------------------------------------------
// Envelope and signature.

#[test]
fn sign_raw_builds_what_institution_key_signs() {
    // The hand-built envelopes below differ from a real record only in what
    // each test changes.
    let by_hand = sign_raw(Some(&cbor(&offer_payload(&offer_body()))), good_protected(), Header::default());
    assert_eq!(by_hand.to_tagged_vec().unwrap(), valid_offer_bytes());
}

#[test]
fn broken_signature_is_refused() {
    let mut bytes = valid_offer_bytes();
    let last = bytes.len() - 1;
    // The signature is the last 64 bytes; flip a bit in R and one in S.
    let mut in_r = bytes.clone();
    in_r[last - 40] ^= 0x01;
    assert_bad_signature(VerifiedRecord::open(&in_r, &ctx()));
    bytes[last] ^= 0x01;
    assert_bad_signature(VerifiedRecord::open(&bytes, &ctx()));
}

#[test]
fn flipped_payload_byte_is_refused() {
    let bytes = valid_offer_bytes();
    let payload = cbor(&offer_payload(&offer_body()));
    let at = bytes.windows(payload.len()).position(|w| w == payload).expect("the payload is in the record");
    for offset in [0, payload.len() / 2, payload.len() - 1] {
        let mut flipped = bytes.clone();
        flipped[at + offset] ^= 0x20;
        assert_bad_signature(VerifiedRecord::open(&flipped, &ctx()));
    }
}

#[test]
fn signature_with_s_not_reduced_is_refused() {
    // The group order L, little-endian. S + L verifies the same equation as S
    // but is a second encoding; strict verification refuses it.
    const L: [u8; 32] = [
        0xed, 0xd3, 0xf5, 0x5c, 0x1a, 0x63, 0x12, 0x58, 0xd6, 0x9c, 0xf7, 0xa2, 0xde, 0xf9, 0xde, 0x14, 0, 0, 0, 0, 0,
        0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0x10,
    ];
    let mut sign1 = CoseSign1::from_tagged_slice(&valid_offer_bytes()).unwrap();
    let s = &mut sign1.signature[32..];
    let mut carry = 0u16;
    for (byte, l) in s.iter_mut().zip(L) {
        let sum = u16::from(*byte) + u16::from(l) + carry;
        *byte = sum as u8;
        carry = sum >> 8;
    }
    assert_eq!(carry, 0);
    assert_bad_signature(VerifiedRecord::open(&sign1.to_tagged_vec().unwrap(), &ctx()));
}

#[test]
fn small_order_key_is_refused() {
    // With the identity point as key, R = identity and S = 0 satisfy the
    // verification equation for every message. Plain verification accepts
    // that; strict verification must not.
    let mut identity = [0u8; 32];
    identity[0] = 1;
    let payload = cbor(&offer_payload(&offer_body()));
    let protected = HeaderBuilder::new().algorithm(iana::Algorithm::EdDSA).key_id(identity.to_vec()).build();
    let mut sign1 = CoseSign1Builder::new().protected(protected).payload(payload).build();
    let mut signature = [0u8; 64];
    signature[..32].copy_from_slice(&identity);
    sign1.signature = signature.to_vec();

    let weak = ed25519_dalek::VerifyingKey::from_bytes(&identity).unwrap();
    let tbs = sign1.tbs_data(&[]);
    assert!(weak.verify(&tbs, &ed25519_dalek::Signature::from_bytes(&signature)).is_ok(), "the forgery works");
    assert_bad_signature(VerifiedRecord::open(&sign1.to_tagged_vec().unwrap(), &ctx()));
}

#[test]
fn another_key_as_kid_is_refused() {
    let other = InstitutionKey::from_secret_bytes(&[8; 32]).id();
    let protected = HeaderBuilder::new().algorithm(iana::Algorithm::EdDSA).key_id(other.as_bytes().to_vec()).build();
    let sign1 = sign_raw(Some(&cbor(&offer_payload(&offer_body()))), protected, Header::default());
    assert_bad_signature(VerifiedRecord::open(&sign1.to_tagged_vec().unwrap(), &ctx()));
}

#[test]
fn untagged_cose_is_refused() {
    let sign1 = CoseSign1::from_tagged_slice(&valid_offer_bytes()).unwrap();
    let untagged = sign1.to_vec().unwrap();
    assert_eq!(untagged[0], 0x84, "an array of four");
    assert_envelope(VerifiedRecord::open(&untagged, &ctx()));
    // Another tag is no better: tag 98 is COSE_Sign.
    let mut other_tag = untagged.clone();
    other_tag.splice(0..0, [0xd8, 0x62]);
    assert_envelope(VerifiedRecord::open(&other_tag, &ctx()));
}

#[test]
fn bytes_that_are_no_cose_sign1_are_refused() {
    assert_envelope(VerifiedRecord::open(&[], &ctx()));
    assert_envelope(VerifiedRecord::open(b"hello", &ctx()));
    assert_envelope(VerifiedRecord::open(&cbor(&offer_payload(&offer_body())), &ctx()));
    let mut trailing = valid_offer_bytes();
    trailing.push(0x00);
    assert_envelope(VerifiedRecord::open(&trailing, &ctx()));
}

#[test]
fn extra_unprotected_header_is_refused() {
    let payload = cbor(&offer_payload(&offer_body()));
    let unprotected = HeaderBuilder::new().key_id(key().id().as_bytes().to_vec()).build();
    let sign1 = sign_raw(Some(&payload), good_protected(), unprotected);
    assert_envelope(VerifiedRecord::open(&sign1.to_tagged_vec().unwrap(), &ctx()));
    let unprotected = HeaderBuilder::new().text_value("note".into(), Value::Text("hi".into())).build();
    let sign1 = sign_raw(Some(&payload), good_protected(), unprotected);
    assert_envelope(VerifiedRecord::open(&sign1.to_tagged_vec().unwrap(), &ctx()));
}

#[test]
fn wrong_or_missing_alg_is_refused() {
    let payload = cbor(&offer_payload(&offer_body()));
    let kid = key().id().as_bytes().to_vec();
    let headers = [
        HeaderBuilder::new().algorithm(iana::Algorithm::ES256).key_id(kid.clone()).build(),
        HeaderBuilder::new().key_id(kid.clone()).build(),
    ];
    for protected in headers {
        let sign1 = sign_raw(Some(&payload), protected, Header::default());
        assert_envelope(VerifiedRecord::open(&sign1.to_tagged_vec().unwrap(), &ctx()));
    }
    // alg in the unprotected header does not count.
    let protected = HeaderBuilder::new().key_id(kid).build();
    let unprotected = HeaderBuilder::new().algorithm(iana::Algorithm::EdDSA).build();
    let sign1 = sign_raw(Some(&payload), protected, unprotected);
    assert_envelope(VerifiedRecord::open(&sign1.to_tagged_vec().unwrap(), &ctx()));
}

#[test]
fn kid_must_be_32_bytes_in_the_protected_header() {
    let payload = cbor(&offer_payload(&offer_body()));
    let kid = key().id().as_bytes().to_vec();
    let headers = [
        HeaderBuilder::new().algorithm(iana::Algorithm::EdDSA).build(),
        HeaderBuilder::new().algorithm(iana::Algorithm::EdDSA).key_id(kid[..31].to_vec()).build(),
        HeaderBuilder::new().algorithm(iana::Algorithm::EdDSA).key_id([kid.as_slice(), &[0]].concat()).build(),
    ];
    for protected in headers {
        let sign1 = sign_raw(Some(&payload), protected, Header::default());
        assert_envelope(VerifiedRecord::open(&sign1.to_tagged_vec().unwrap(), &ctx()));
    }
}

#[test]
fn extra_protected_header_is_refused() {
    let payload = cbor(&offer_payload(&offer_body()));
    let extras = [
        good_protected().tap(|h| h.content_type = Some(coset::ContentType::Assigned(iana::CoapContentFormat::Cbor))),
        good_protected().tap(|h| h.rest.push((coset::Label::Int(99), Value::Integer(1.into())))),
        good_protected().tap(|h| h.crit.push(coset::RegisteredLabelWithPrivate::Assigned(iana::HeaderParameter::Kid))),
    ];
    for protected in extras {
        let sign1 = sign_raw(Some(&payload), protected, Header::default());
        assert_envelope(VerifiedRecord::open(&sign1.to_tagged_vec().unwrap(), &ctx()));
    }
}

#[test]
fn detached_payload_is_refused() {
    let sign1 = sign_raw(None, good_protected(), Header::default());
    assert_envelope(VerifiedRecord::open(&sign1.to_tagged_vec().unwrap(), &ctx()));
}

#[test]
fn envelope_in_a_non_preferred_encoding_is_refused() {
    // The same signed content with the signature's length written in two
    // bytes instead of one: a different record hash for the same record.
    let bytes = valid_offer_bytes();
    let at = bytes.len() - 66;
    assert_eq!(&bytes[at..at + 2], &[0x58, 0x40], "a 64-byte bstr head");
    let mut longer = bytes[..at].to_vec();
    longer.extend_from_slice(&[0x59, 0x00, 0x40]);
    longer.extend_from_slice(&bytes[at + 2..]);
    assert_envelope(VerifiedRecord::open(&longer, &ctx()));
    // An indefinite-length outer array.
    assert_eq!(&bytes[..2], &[0xd2, 0x84]);
    let mut indefinite = vec![0xd2, 0x9f];
    indefinite.extend_from_slice(&bytes[2..]);
    indefinite.push(0xff);
    assert_envelope(VerifiedRecord::open(&indefinite, &ctx()));
}

// ---------------------------------------------------------------------------
// Forward compatibility.

#[test]
fn unknown_kind_is_accepted_uninterpreted() {
    let body = Value::Map(vec![
        (Value::Text("isced".into()), Value::Text("0715".into())),
        (Value::Text("learners".into()), Value::Integer(3.into())),
    ]);
    let payload = Payload {
        v: 1,
        net: NET.into(),
        kind: "nomination".into(),
        id: "nom-2027-1".into(),
        seq: 1,
        ts: NOW,
        body: Some(body.clone()),
        withdrawn: false,
    };
    let bytes = key().sign(&payload).unwrap();
    let record = VerifiedRecord::open(&bytes, &ctx()).unwrap();
    assert_eq!(record.content, Content::Uninterpreted);
    assert_eq!(record.bytes, bytes);
    assert_eq!(record.payload.body, Some(body));
    assert_eq!(record.key().kind, "nomination");

    // The envelope and the payload rules still apply to an unknown kind.
    let mut not_a_map = payload.clone();
    not_a_map.body = Some(Value::Text("nomination".into()));
    assert_rule(key().sign_checked(&not_a_map, &ctx()), "body");
    let mut wrong_net = payload.clone();
    wrong_net.net = "other".into();
    assert_rule(key().sign_checked(&wrong_net, &ctx()), "net");
    let withdrawal = Payload::withdrawal(NET, RecordKind::Other("nomination".into()), "nom-2027-1", 2, NOW);
    assert_eq!(key().sign_checked(&withdrawal, &ctx()).unwrap().content, Content::Withdrawn);
}

#[test]
fn offer_with_an_unknown_body_field_is_accepted_and_kept() {
    let mut body = match Value::serialized(&offer_body()).unwrap() {
        Value::Map(entries) => entries,
        other => panic!("{other:?}"),
    };
    let extra = (Value::Text("wheelchair_access".into()), Value::Bool(true));
    body.push(extra.clone());
    let mut payload = offer_payload(&offer_body());
    payload.body = Some(Value::Map(body));
    let bytes = key().sign(&payload).unwrap();

    let record = VerifiedRecord::open(&bytes, &ctx()).unwrap();
    assert_eq!(record.content, Content::Offer(Box::new(offer_body())));
    assert_eq!(record.bytes, bytes, "stored and forwarded as received");
    assert_eq!(record.hash.0, <[u8; 32]>::from(Sha256::digest(&bytes)));
    assert!(body_of(&record).contains(&extra), "the unknown field is still in the payload");
    let wheelchair = cbor(&"wheelchair_access");
    assert!(bytes.windows(wheelchair.len()).any(|w| w == wheelchair));
}

#[test]
fn unknown_top_level_field_is_ignored() {
    let mut map = offer_payload_map();
    map.push((Value::Text("expires".into()), Value::Integer(1_900_000_000.into())));
    let sign1 = sign_raw(Some(&cbor(&Value::Map(map))), good_protected(), Header::default());
    let bytes = sign1.to_tagged_vec().unwrap();
    let record = VerifiedRecord::open(&bytes, &ctx()).unwrap();
    assert_eq!(record.content, Content::Offer(Box::new(offer_body())));
    assert_eq!(record.bytes, bytes);
}

#[test]
fn payload_fields_in_another_order_are_refused() {
    let mut map = offer_payload_map();
    map.reverse();
    let sign1 = sign_raw(Some(&cbor_as_built(&Value::Map(map))), good_protected(), Header::default());
    let result = VerifiedRecord::open(&sign1.to_tagged_vec().unwrap(), &ctx());
    match result {
        Err(RecordError::Payload(error)) => {
            assert_eq!(error.field, "payload");
            assert!(error.rule.starts_with("map keys must be in deterministic order"), "{error}");
        }
        other => panic!("expected an encoding refusal, got {}", outcome(&other)),
    }
}

#[test]
fn payload_with_a_duplicate_field_is_refused() {
    let mut map = offer_payload_map();
    map.push((Value::Text("seq".into()), Value::Integer(9.into())));
    let sign1 = sign_raw(Some(&cbor(&Value::Map(map))), good_protected(), Header::default());
    let result = VerifiedRecord::open(&sign1.to_tagged_vec().unwrap(), &ctx());
    assert!(matches!(result, Err(RecordError::Payload(_))), "{}", outcome(&result));
}

/// `tap` for building a header from a valid one with one change.
trait Tap: Sized {
    fn tap(self, change: impl FnOnce(&mut Self)) -> Self;
}

impl Tap for Header {
    fn tap(mut self, change: impl FnOnce(&mut Self)) -> Self {
        change(&mut self);
        self
    }
}

#[test]
fn a_null_body_is_refused() {
    let mut map: Vec<(Value, Value)> =
        match Value::serialized(&Payload::withdrawal(NET, RecordKind::Offer, OFFER_ID, 2, NOW)).unwrap() {
            Value::Map(entries) => entries,
            other => panic!("{other:?}"),
        };
    map.push((Value::Text("body".into()), Value::Null));
    // `null` is never a value: an absent field is left out (docs/PROTOCOL.md, "Encoding").
    let sign1 = sign_raw(Some(&cbor(&Value::Map(map))), good_protected(), Header::default());
    match VerifiedRecord::open(&sign1.to_tagged_vec().unwrap(), &ctx()) {
        Err(error @ RecordError::Payload(_)) => {
            assert_eq!(
                (error.field().as_str(), error.rule().as_str()),
                ("body", "must not be null: leave an absent field out")
            );
        }
        other => panic!("expected an encoding refusal, got {}", outcome(&other)),
    }
}

#[test]
fn protected_header_with_a_duplicate_label_is_refused() {
    // {1: -8, 4: kid, 1: -8}, written by hand: coset would not write it.
    let mut protected = vec![0xa3, 0x01, 0x27, 0x04, 0x58, 0x20];
    protected.extend_from_slice(key().id().as_bytes());
    protected.extend_from_slice(&[0x01, 0x27]);
    let payload = cbor(&offer_payload(&offer_body()));
    let mut sign1 = sign_raw(Some(&payload), good_protected(), Header::default());
    sign1.protected.original_data = Some(protected);
    let tbs = sign1.tbs_data(&[]);
    sign1.signature = SigningKey::from_bytes(&SECRET).sign(&tbs).to_bytes().to_vec();
    assert_envelope(VerifiedRecord::open(&sign1.to_tagged_vec().unwrap(), &ctx()));
}
