//! Property tests of the record rules (proptest): generated bodies and
//! inputs, checked against what `docs/PROTOCOL.md` says. Case counts are kept
//! small so the whole file runs in seconds; `PROPTEST_CASES=N` overrides them.

use ciborium::Value;
use coset::{CoseSign1Builder, HeaderBuilder, TaggedCborSerializable, iana};
use ed25519_dalek::{Signer, SigningKey};
use proptest::prelude::*;
use proptest::sample::select;
use vetnet_protocol::fixtures;
use vetnet_protocol::limits::{MAX_NAME_CHARS, MAX_OFFER_DESCRIPTION_CHARS, MAX_TITLE_CHARS};
use vetnet_protocol::offer::{Conditions, Contact, LanguageRequirement, OfferBody, Stipend};
use vetnet_protocol::profile::{InstitutionKind, ProfileBody, VetProvision};
use vetnet_protocol::validate::{self, Checked};
use vetnet_protocol::{
    Content, InstitutionKey, LangText, Payload, RecordError, RecordKind, ValidationContext, VerifiedRecord,
};

const SECRET: [u8; 32] = [5; 32];
const NET: &str = "bsr";
const NOW: u64 = 1_795_000_000;

fn ctx() -> ValidationContext<'static> {
    ValidationContext { network: NET, now: NOW }
}

fn key() -> InstitutionKey {
    InstitutionKey::from_secret_bytes(&SECRET)
}

fn config(cases: u32) -> ProptestConfig {
    ProptestConfig { cases, failure_persistence: None, ..ProptestConfig::default() }
}

/// Signs payload bytes as given (not re-encoded), like `InstitutionKey::sign`.
fn sign_raw(payload: Vec<u8>) -> Vec<u8> {
    let signing = SigningKey::from_bytes(&SECRET);
    let protected = HeaderBuilder::new()
        .algorithm(iana::Algorithm::EdDSA)
        .key_id(signing.verifying_key().to_bytes().to_vec())
        .build();
    CoseSign1Builder::new()
        .protected(protected)
        .payload(payload)
        .create_signature(&[], |data| signing.sign(data).to_bytes().to_vec())
        .build()
        .to_tagged_vec()
        .unwrap()
}

fn cbor(value: &Value) -> Vec<u8> {
    vetnet_protocol::cbor::to_deterministic_vec(value).unwrap()
}

// ---- Strategies ----

/// Any character except the control characters (Unicode Cc), which become
/// `x` (mapped rather than filtered, so no case is thrown away).
fn visible_char() -> impl Strategy<Value = char> {
    any::<char>().prop_map(|c| if c.is_control() { 'x' } else { c })
}

/// Single-line text of `1..=max` characters that is not all white space:
/// arbitrary Unicode (multi-byte characters included).
fn line(max: usize) -> impl Strategy<Value = String> {
    prop::collection::vec(visible_char(), 1..=max).prop_map(|mut chars| {
        if chars.iter().all(|c| c.is_whitespace()) {
            chars[0] = 'x';
        }
        chars.into_iter().collect::<String>()
    })
}

fn lang() -> impl Strategy<Value = String> {
    select(&["en", "sv", "de", "fi", "et", "lv", "lt", "pl", "da", "nb", "is", "en-GB", "sr-Latn"][..])
        .prop_map(str::to_owned)
}

fn lang_text(max: usize) -> impl Strategy<Value = LangText> {
    prop::collection::btree_map(lang(), line(max), 1..4).prop_map(LangText)
}

fn country() -> impl Strategy<Value = String> {
    select(&["SE", "DE", "FI", "EE", "LV", "LT", "PL", "DK", "NO", "IS", "XK"][..]).prop_map(str::to_owned)
}

fn isced() -> impl Strategy<Value = String> {
    select(&["07", "071", "0715", "0713", "0710", "0719", "9999", "1013", "0211"][..]).prop_map(str::to_owned)
}

fn nace() -> impl Strategy<Value = String> {
    select(&["F", "F41", "F41.2", "F41.20", "C25", "C25.1", "I56.10", "A01"][..]).prop_map(str::to_owned)
}

/// A real calendar day between 2026 and 2030.
fn day() -> impl Strategy<Value = chrono::NaiveDate> {
    (0i64..365 * 4).prop_map(|n| chrono::NaiveDate::from_ymd_opt(2026, 1, 1).unwrap() + chrono::Duration::days(n))
}

fn ymd(d: chrono::NaiveDate) -> String {
    d.format("%Y-%m-%d").to_string()
}

/// Offer bodies that follow every rule: ranges ordered, the window long
/// enough, the deadline before the start.
fn valid_offer() -> impl Strategy<Value = OfferBody> {
    let texts = (lang_text(MAX_TITLE_CHARS), prop::option::of(lang_text(300)), prop::option::of(line(100)));
    let codes = (isced(), prop::option::of(nace()), country(), 1u8..=8, 0u8..8);
    let numbers = (1u32..=1000, 1u32..=104, 0u32..30, day(), prop::option::of(0i64..200), prop::option::of(0i64..90));
    let lists = (
        prop::collection::btree_map(lang(), prop::option::of(select(&["A1", "A2", "B1", "B2", "C1", "C2"][..])), 0..4),
        prop::collection::vec(line(500), 0..4),
        prop::option::of((0u32..100_000, select(&["EUR", "SEK", "NOK", "PLN"][..]))),
        any::<(bool, bool)>(),
        prop::option::of(("[a-z]{1,10}", "[a-z]{1,10}")),
    );
    (texts, codes, numbers, lists).prop_map(|(texts, codes, numbers, lists)| {
        let (title, description, city) = texts;
        let (isced, nace, country, eqf_min, eqf_span) = codes;
        let (places, weeks_min, weeks_span, start, window_extra, deadline_before) = numbers;
        let (languages, outcomes, stipend, (minors, mentor), email) = lists;
        let weeks_max = (weeks_min + weeks_span).min(104);
        let end = window_extra.map(|extra| start + chrono::Duration::days(i64::from(weeks_min) * 7 - 1 + extra));
        let mut body = fixtures::minimal_offer("", &country, &isced, eqf_min);
        body.title = title;
        body.description = description.unwrap_or_default();
        body.nace = nace;
        body.occupation = Some("7212".into());
        body.city = city;
        body.eqf_max = (eqf_min + eqf_span).min(8);
        body.places = places;
        body.start = ymd(start);
        body.end = end.map(ymd);
        (body.weeks_min, body.weeks_max) = (weeks_min, weeks_max);
        body.deadline = deadline_before.map(|before| ymd(start - chrono::Duration::days(before)));
        body.languages = languages
            .into_iter()
            .map(|(lang, cefr)| LanguageRequirement { lang, cefr: cefr.map(str::to_owned) })
            .collect();
        body.outcomes = outcomes;
        body.conditions = Conditions {
            stipend: stipend.map(|(amount, currency)| Stipend { amount, currency: currency.into() }),
            minors,
            mentor,
            ..Conditions::default()
        };
        body.contact = email.map(|(user, host)| Contact {
            name: None,
            email: Some(format!("{user}@{host}.example")),
            phone: None,
        });
        body
    })
}

fn valid_profile() -> impl Strategy<Value = ProfileBody> {
    let kind = select(&InstitutionKind::ALL[..]);
    let vet =
        select(vec![vec![VetProvision::Ivet], vec![VetProvision::Cvet], vec![VetProvision::Ivet, VetProvision::Cvet]]);
    (
        lang_text(MAX_NAME_CHARS),
        kind,
        vet,
        country(),
        prop::option::of(line(100)),
        prop::collection::btree_set(isced(), 0..4),
        prop::collection::btree_set(nace(), 0..4),
        prop::collection::btree_set(lang(), 0..4),
        prop::option::of("[a-z]{1,12}"),
    )
        .prop_map(|(name, institution, vet, country, city, isced, nace, languages, site)| {
            let mut body = fixtures::profile("", &country, institution);
            body.name = name;
            body.vet = if institution == InstitutionKind::VetProvider { vet } else { vec![] };
            body.city = city;
            body.isced = isced.into_iter().collect();
            body.nace = nace.into_iter().collect();
            body.languages = languages.into_iter().collect();
            body.website = site.as_ref().map(|s| format!("https://{s}.example"));
            body.email = site.map(|s| format!("office@{s}.example"));
            body
        })
}

/// Opens `body` signed as `kind`/`id`.
fn open_body<B: serde::Serialize>(kind: RecordKind, id: &str, body: &B) -> Result<VerifiedRecord, RecordError> {
    let payload = Payload::with_body(NET, kind, id, 1, NOW, body).unwrap();
    VerifiedRecord::open(&key().sign(&payload).unwrap(), &ctx())
}

// ---- Properties ----

proptest! {
    #![proptest_config(config(64))]

    /// A body that passes `check` is accepted by `open`, and what `open`
    /// returns is that body, unchanged.
    #[test]
    fn valid_offers_survive_sign_and_open(body in valid_offer()) {
        prop_assert_eq!(body.check("body"), Ok(()));
        let record = open_body(RecordKind::Offer, "an-offer", &body).unwrap();
        prop_assert_eq!(record.content, Content::Offer(Box::new(body)));
    }

    #[test]
    fn valid_profiles_survive_sign_and_open(body in valid_profile()) {
        prop_assert_eq!(body.check("body"), Ok(()));
        let record = open_body(RecordKind::Profile, "profile", &body).unwrap();
        prop_assert_eq!(record.content, Content::Profile(Box::new(body)));
    }

    /// `open` refuses a body exactly when `check` does, with the same error:
    /// one change that may break a rule, applied to a valid offer.
    #[test]
    fn open_agrees_with_check(
        mut body in valid_offer(),
        eqf_max in 0u8..12,
        places in 0u32..1200,
        start in "[0-9]{4}-[0-9]{2}-[0-9]{2}",
    ) {
        body.eqf_max = eqf_max;
        body.places = places;
        body.start = start;
        match (body.check("body"), open_body(RecordKind::Offer, "an-offer", &body)) {
            (Ok(()), Ok(record)) => prop_assert_eq!(record.content, Content::Offer(Box::new(body))),
            (Err(rule), Err(RecordError::Rule(refused))) => prop_assert_eq!(rule, refused),
            (checked, opened) => prop_assert!(false, "check says {checked:?}, open says {:?}", opened.map(|r| r.hash)),
        }
    }
}

proptest! {
    #![proptest_config(config(32))]

    /// Changing any one byte of a signed record makes it unacceptable: every
    /// byte is either signed, the signature, or fixed framing.
    #[test]
    fn any_single_byte_change_is_refused(body in valid_offer(), at in any::<prop::sample::Index>(), xor in 1u8..=255) {
        let payload = Payload::with_body(NET, RecordKind::Offer, "an-offer", 1, NOW, &body).unwrap();
        let bytes = key().sign(&payload).unwrap();
        let original = VerifiedRecord::open(&bytes, &ctx()).unwrap();
        let mut changed = bytes.clone();
        changed[at.index(bytes.len())] ^= xor;
        match VerifiedRecord::open(&changed, &ctx()) {
            Err(_) => {}
            Ok(record) => prop_assert!(
                false,
                "a changed record opened: same hash {}, same payload {}",
                record.hash == original.hash,
                record.payload == original.payload
            ),
        }
    }

    /// Text limits count characters (Unicode scalar values), not bytes: a
    /// title of exactly the limit in any script is accepted, one more
    /// character is refused and the refusal names the translation.
    #[test]
    fn text_limits_count_characters(c in visible_char(), lang in lang()) {
        let c = if c.is_whitespace() { 'x' } else { c };
        let mut body = valid_offer_example();
        body.title = LangText::new(&lang, &c.to_string().repeat(MAX_TITLE_CHARS));
        prop_assert!(open_body(RecordKind::Offer, "an-offer", &body).is_ok());
        body.title = LangText::new(&lang, &c.to_string().repeat(MAX_TITLE_CHARS + 1));
        match open_body(RecordKind::Offer, "an-offer", &body) {
            Err(RecordError::Rule(rule)) => prop_assert_eq!(rule.field, format!("body.title.{lang}")),
            other => prop_assert!(false, "expected a rule on the title, got {:?}", other.map(|r| r.hash)),
        }
    }

    /// Text of arbitrary characters against the text rule itself: length in
    /// characters, control characters, white space only.
    #[test]
    fn text_rule_matches_its_definition(s in any::<String>(), max in 1usize..40, single_line in any::<bool>()) {
        let chars = s.chars().count();
        let allowed_control = |c: char| !single_line && matches!(c, '\n' | '\r' | '\t');
        let expected = !s.trim().is_empty()
            && chars <= max
            && s.chars().all(|c| !c.is_control() || allowed_control(c));
        prop_assert_eq!(validate::text("f", &s, max, single_line).is_ok(), expected);
    }

    #[test]
    fn multi_line_descriptions_allow_line_breaks_up_to_the_limit(parts in prop::collection::vec(line(50), 1..5)) {
        let mut body = valid_offer_example();
        let text = parts.join("\n");
        body.description = LangText::new("en", &text);
        let fits = text.chars().count() <= MAX_OFFER_DESCRIPTION_CHARS;
        prop_assert_eq!(open_body(RecordKind::Offer, "an-offer", &body).is_ok(), fits);
    }
}

proptest! {
    #![proptest_config(config(256))]

    /// Dates are `YYYY-MM-DD` (four-digit year, two-digit month and day)
    /// naming a day that exists; nothing else.
    #[test]
    fn dates_are_real_days_written_yyyy_mm_dd(y in 0i32..10_000, m in 0u32..14, d in 0u32..33) {
        let written = format!("{y:04}-{m:02}-{d:02}");
        let exists = chrono::NaiveDate::from_ymd_opt(y, m, d).is_some();
        prop_assert_eq!(validate::date("f", &written).is_ok(), exists, "{}", written);
    }

    /// Whatever the date rule accepts has the shape `DDDD-DD-DD`, whatever
    /// the input: signs, wider years, single digits, spaces.
    #[test]
    fn accepted_dates_have_the_documented_shape(s in "[+ -]?[0-9]{1,6}-[0-9]{1,3}-[0-9]{1,3}|.{0,12}") {
        if validate::date("f", &s).is_ok() {
            let b = s.as_bytes();
            let shape = b.len() == 10
                && b.iter().enumerate().all(|(i, c)| if i == 4 || i == 7 { *c == b'-' } else { c.is_ascii_digit() });
            prop_assert!(shape, "{:?} accepted", s);
        }
    }

    /// Email: exactly one `@` with something before it; after it a `.`, not
    /// first or last; no white space; single-line text of at most 254.
    #[test]
    fn email_rule_matches_its_definition(s in "[a-z.@ ]{0,12}|[^@]{1,8}@[^@]{1,8}|.{0,20}") {
        let documented = match s.split_once('@') {
            Some((local, domain)) => {
                !local.is_empty()
                    && !domain.contains('@')
                    && domain.contains('.')
                    && !domain.starts_with('.')
                    && !domain.ends_with('.')
                    && !s.contains(char::is_whitespace)
                    && validate::text("f", &s, 254, true).is_ok()
            }
            None => false,
        };
        prop_assert_eq!(validate::email("f", &s).is_ok(), documented, "{:?}", s);
    }

    #[test]
    fn generated_addresses_are_emails(local in "[a-z0-9._%+-]{1,20}", host in "[a-z0-9-]{1,20}", tld in "[a-z]{2,6}") {
        let address = format!("{local}@{host}.{tld}");
        prop_assert!(validate::email("f", &address).is_ok(), "{}", address);
    }

    /// Code lists: countries are two capitals from the list, currencies three
    /// capitals, CEFR exactly A1..C2, EQF 1..8.
    #[test]
    fn code_lists_accept_only_their_form(s in "[A-Za-z0-9]{0,4}", level in any::<u8>()) {
        use vetnet_protocol::codes;
        if codes::is_country(&s) {
            prop_assert!(s.len() == 2 && s.bytes().all(|b| b.is_ascii_uppercase()));
        }
        prop_assert_eq!(codes::is_currency(&s), s.len() == 3 && s.bytes().all(|b| b.is_ascii_uppercase()));
        prop_assert_eq!(codes::is_cefr(&s), ["A1", "A2", "B1", "B2", "C1", "C2"].contains(&s.as_str()));
        prop_assert_eq!(codes::is_eqf(level), (1..=8).contains(&level));
        if codes::is_language(&s) {
            prop_assert!(!s.is_empty() && s.bytes().all(|b| b.is_ascii_alphanumeric() || b == b'-'));
        }
    }
}

proptest! {
    #![proptest_config(config(32))]

    /// Forward compatibility: unknown top-level fields are ignored, and the
    /// record is what it would be without them.
    #[test]
    fn unknown_top_level_fields_are_accepted(
        body in valid_offer(),
        extra in prop::collection::btree_map("[a-z_]{1,8}", any::<i64>(), 1..4),
    ) {
        let payload = Payload::with_body(NET, RecordKind::Offer, "an-offer", 1, NOW, &body).unwrap();
        let Value::Map(mut fields) = Value::serialized(&payload).unwrap() else { panic!("a payload is a map") };
        let known = ["v", "net", "kind", "id", "seq", "ts", "body", "withdrawn"];
        for (name, value) in extra.into_iter().filter(|(name, _)| !known.contains(&name.as_str())) {
            fields.push((Value::Text(name), Value::Integer(value.into())));
        }
        let record = VerifiedRecord::open(&sign_raw(cbor(&Value::Map(fields))), &ctx()).unwrap();
        prop_assert_eq!(record.payload, payload);
        prop_assert_eq!(record.content, Content::Offer(Box::new(body)));
    }

    /// A kind this version does not know is stored uninterpreted, whatever its
    /// body map holds; a known kind with the same body is checked.
    #[test]
    fn unknown_kinds_are_uninterpreted(
        kind in "[a-z][a-z0-9-]{0,31}",
        body in prop::collection::btree_map("[a-z]{1,6}", any::<i64>(), 0..5),
    ) {
        prop_assume!(!["profile", "offer", "achievement", "revocation", "delegation"].contains(&kind.as_str()));
        let record = open_body(RecordKind::from(kind.as_str()), "x", &body).unwrap();
        prop_assert_eq!(record.content, Content::Uninterpreted);
        prop_assert_eq!(record.payload.kind, kind);
        prop_assert!(matches!(open_body(RecordKind::Offer, "x", &body), Err(RecordError::Rule(_))));
    }
}

/// One fixed valid offer, for the properties that vary a single field.
fn valid_offer_example() -> OfferBody {
    let mut body = fixtures::minimal_offer("Welding placement", "SE", "0715", 3);
    (body.eqf_max, body.places, body.weeks_max) = (4, 2, 8);
    body
}
