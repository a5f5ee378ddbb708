//! The code lists of `protocol/data` and the field rules around them, through
//! signed records: language tags by their stated rule (well-formed, registered,
//! canonical case), every code of each file accepted, dates from year 0001,
//! and "white space" as Unicode White_Space.

mod common;

use vetnet_protocol::offer::OfferBody;
use vetnet_protocol::profile::ProfileBody;
use vetnet_protocol::{LangText, RecordError, RecordKind, VerifiedRecord, fixtures};

fn open_offer(change: impl FnOnce(&mut OfferBody)) -> Result<VerifiedRecord, RecordError> {
    let mut body = fixtures::full_offer();
    change(&mut body);
    common::open(RecordKind::Offer, "welding-2027", &body)
}

fn open_profile(change: impl FnOnce(&mut ProfileBody)) -> Result<VerifiedRecord, RecordError> {
    let mut body = fixtures::full_profile();
    change(&mut body);
    common::open(RecordKind::Profile, "profile", &body)
}

/// The rule `result` breaks, asserting that it names `field`.
#[track_caller]
fn rule_of(result: Result<VerifiedRecord, RecordError>, field: &str) -> String {
    match result {
        Err(RecordError::Rule(e)) => {
            assert_eq!(e.field, field, "wrong field; the rule was {:?}", e.rule);
            e.rule
        }
        Err(other) => panic!("expected a rule violation of {field}, got {other}"),
        Ok(_) => panic!("expected a rule violation of {field}, got Accept"),
    }
}

/// An offer whose title is keyed by `tag`.
fn titled(tag: &str) -> Result<VerifiedRecord, RecordError> {
    open_offer(|o| o.title = LangText::new(tag, "Welding"))
}

/// The data lines of a file of `protocol/data`, first field first.
fn data_lines(text: &str) -> impl Iterator<Item = Vec<&str>> {
    text.lines().skip_while(|l| l.starts_with('#')).skip(1).filter(|l| !l.is_empty()).map(|l| l.split(',').collect())
}

// ---------------------------------------------------------------------------
// Language tags.

#[test]
fn private_use_languages_are_the_three_letter_range_qaa_to_qtz() {
    for ok in ["qaa", "qaz", "qbz", "qtz", "qaa-SE"] {
        titled(ok).unwrap_or_else(|e| panic!("{ok}: {e}"));
    }
    for bad in ["qa", "qq", "qt", "qb", "qza"] {
        let rule = rule_of(titled(bad), &format!("body.title.{bad}"));
        assert!(
            rule.contains(&format!(
                "the language subtag {bad:?} is not in the IANA Language Subtag Registry of 2025-08-25"
            )),
            "{bad}: {rule}"
        );
    }
}

#[test]
fn private_use_scripts_and_regions_are_expanded_from_their_ranges() {
    for ok in ["en-Qaaa", "en-Qabx", "en-QM", "en-QZ", "en-XA", "en-XZ", "sv-Qaab-QN"] {
        titled(ok).unwrap_or_else(|e| panic!("{ok}: {e}"));
    }
    assert!(rule_of(titled("en-Qaby"), "body.title.en-Qaby").contains("the script subtag \"Qaby\""));
    assert!(rule_of(titled("en-QL"), "body.title.en-QL").contains("the region subtag \"QL\""));
}

#[test]
fn a_case_error_is_named_as_such() {
    let rule = rule_of(titled("EN"), "body.title.EN");
    assert_eq!(rule, "must be written `en` (language tags are case-insensitive, but records carry the canonical case)");
    for (given, canonical) in
        [("en-gb", "en-GB"), ("SR-LATN", "sr-Latn"), ("sv-se-X-Foo", "sv-SE-x-foo"), ("I-KLINGON", "i-klingon")]
    {
        let rule = rule_of(titled(given), &format!("body.title.{given}"));
        assert!(rule.starts_with(&format!("must be written `{canonical}`")), "{given}: {rule}");
    }
    // The case rule comes last: a tag in the wrong case that is not
    // registered either is refused as unregistered.
    assert!(rule_of(titled("QQ"), "body.title.QQ").contains("not in the IANA Language Subtag Registry"));
}

#[test]
fn tags_that_are_not_well_formed_say_why() {
    let cases = [
        ("en_GB", "'_' is not allowed"),
        ("en-", "an empty subtag"),
        ("en-GB-GB", "out of place"),
        ("abcdefghi", "longer than 8 characters"),
        ("x", "must be followed by at least one private-use subtag"),
        ("1a", "must start with a language subtag"),
    ];
    for (tag, reason) in cases {
        let rule = rule_of(titled(tag), &format!("body.title.{tag}"));
        assert!(rule.starts_with("must be a well-formed BCP 47 language tag (RFC 5646)"), "{tag}: {rule}");
        assert!(rule.contains(reason), "{tag}: {rule}");
    }
}

#[test]
fn a_well_formed_tag_with_an_unregistered_subtag_is_refused() {
    // Seven letters are a well-formed (5-8 letter) language subtag.
    assert!(rule_of(titled("english"), "body.title.english").contains("the language subtag \"english\" is not in"));
    assert!(rule_of(titled("en-YY"), "body.title.en-YY").contains("the region subtag \"YY\""));
    assert!(rule_of(titled("de-1902"), "body.title.de-1902").contains("the variant subtag \"1902\""));
    assert!(rule_of(titled("abcd"), "body.title.abcd").contains("the language subtag \"abcd\""));
}

#[test]
fn variants_and_extensions_appear_once() {
    titled("de-1901").expect("a registered variant");
    titled("sl-rozaj-biske").expect("two variants");
    assert!(
        rule_of(titled("de-1901-1901"), "body.title.de-1901-1901").contains("must not repeat the variant \"1901\"")
    );
    titled("en-u-ca-gregory").expect("an extension");
    assert!(rule_of(titled("en-u-ca-u-nu"), "body.title.en-u-ca-u-nu").contains("must not repeat the extension \"u\""));
}

#[test]
fn variant_prefixes_are_not_checked() {
    // `1901` is registered with the prefix `de`; RFC 5646 section 2.2.5 makes
    // the prefix a SHOULD, and the spec leaves it unchecked.
    titled("en-1901").expect("a variant after another language");
}

#[test]
fn an_extended_language_follows_its_prefix() {
    titled("zh-yue").expect("yue is registered with the prefix zh");
    let rule = rule_of(titled("ar-yue"), "body.title.ar-yue");
    assert!(rule.contains("the extended language subtag \"yue\" goes only after \"zh\""), "{rule}");
    assert!(rule_of(titled("zh-yue-yue"), "body.title.zh-yue-yue").contains("goes only after"));
}

#[test]
fn private_use_and_grandfathered_tags_are_allowed() {
    for ok in
        ["x-foo", "x-a-b12345", "en-x-internal", "i-klingon", "en-GB-oed", "zh-min-nan", "sgn-BE-FR", "art-lojban"]
    {
        titled(ok).unwrap_or_else(|e| panic!("{ok}: {e}"));
    }
    // Deprecated subtags stay valid and are not replaced.
    titled("iw").expect("iw is deprecated for he, and still registered");
}

#[test]
fn language_lists_use_the_same_rule() {
    let rule = rule_of(open_profile(|p| p.languages = vec!["sv".into(), "EN".into()]), "body.languages[1]");
    assert!(rule.starts_with("must be written `en`"), "{rule}");
    let rule = rule_of(open_offer(|o| o.languages[0].lang = "qq".into()), "body.languages[0].lang");
    assert!(rule.contains("not in the IANA Language Subtag Registry"), "{rule}");
}

// ---------------------------------------------------------------------------
// Countries, ISCED-F, NACE: every code of each file is accepted.

#[test]
fn every_country_of_the_file_is_accepted_and_uk_is_not() {
    let countries: Vec<String> =
        data_lines(include_str!("../data/iso-3166-1.csv")).map(|fields| fields[0].to_owned()).collect();
    assert_eq!(countries.len(), 250, "249 officially assigned codes and XK");
    for cc in &countries {
        open_profile(|p| {
            p.country = cc.clone();
            p.nuts = None;
        })
        .unwrap_or_else(|e| panic!("{cc}: {e}"));
    }
    for bad in ["UK", "se", "EU", "XX", "SWE"] {
        let rule = rule_of(
            open_profile(|p| {
                p.country = bad.into();
                p.nuts = None;
            }),
            "body.country",
        );
        assert!(rule.contains("ISO 3166-1"), "{rule}");
    }
}

#[test]
fn every_isced_field_and_nace_code_of_the_files_is_accepted() {
    for fields in data_lines(include_str!("../data/isced-f-2013.csv")) {
        let code = fields[0];
        open_offer(|o| o.isced = code.into()).unwrap_or_else(|e| panic!("{code}: {e}"));
    }
    for fields in data_lines(include_str!("../data/nace-rev2.csv")) {
        let code = fields[0];
        open_offer(|o| o.nace = Some(code.into())).unwrap_or_else(|e| panic!("{code}: {e}"));
    }
    // Groups and classes are checked too: F41.3 and F41.21 do not exist.
    for bad in ["F41.3", "F41.21", "F12", "f41"] {
        rule_of(open_offer(|o| o.nace = Some(bad.into())), "body.nace");
    }
}

// ---------------------------------------------------------------------------
// Dates and white space.

#[test]
fn the_year_0000_is_refused_with_the_year_rule() {
    let rule = rule_of(open_offer(|o| o.start = "0000-01-01".into()), "body.start");
    assert!(rule.starts_with("must be a date with a year from 0001 to 9999"), "{rule}");
    assert!(vetnet_protocol::validate::date("d", "0001-01-01").is_ok());
    assert!(vetnet_protocol::validate::date("d", "9999-12-31").is_ok());
}

/// The 25 code points of Unicode's White_Space property, as PROTOCOL.md lists
/// them.
const WHITE_SPACE: [char; 25] = [
    '\u{9}', '\u{a}', '\u{b}', '\u{c}', '\u{d}', '\u{20}', '\u{85}', '\u{a0}', '\u{1680}', '\u{2000}', '\u{2001}',
    '\u{2002}', '\u{2003}', '\u{2004}', '\u{2005}', '\u{2006}', '\u{2007}', '\u{2008}', '\u{2009}', '\u{200a}',
    '\u{2028}', '\u{2029}', '\u{202f}', '\u{205f}', '\u{3000}',
];

#[test]
fn white_space_is_unicode_white_space() {
    let listed: Vec<char> = (char::MIN..=char::MAX).filter(|c| c.is_whitespace()).collect();
    assert_eq!(listed, WHITE_SPACE, "Rust's char::is_whitespace is the list of the spec");
    for c in WHITE_SPACE {
        let title = c.to_string().repeat(3);
        let rule = rule_of(open_offer(|o| o.title = LangText::new("en", &title)), "body.title.en");
        assert_eq!(rule, "must not be only white space", "U+{:04X}", u32::from(c));
    }
}

#[test]
fn a_title_of_non_breaking_spaces_is_refused_and_of_zero_width_spaces_is_not() {
    let rule = rule_of(open_offer(|o| o.title = LangText::new("en", "\u{a0}\u{a0}")), "body.title.en");
    assert_eq!(rule, "must not be only white space");
    // U+200B ZERO WIDTH SPACE is a format character (Cf), not White_Space and
    // not a control character (Cc): the text rule accepts it, as it does any
    // other invisible character.
    open_offer(|o| o.title = LangText::new("en", "\u{200b}")).expect("U+200B is text");
    let rule = rule_of(open_offer(|o| o.title = LangText::new("en", "")), "body.title.en");
    assert_eq!(rule, "must not be empty");
}

#[test]
fn email_and_web_addresses_refuse_every_white_space() {
    for c in WHITE_SPACE.into_iter().filter(|c| !c.is_control()) {
        let email = format!("anna{c}berg@example.se");
        rule_of(open_offer(|o| o.contact.as_mut().unwrap().email = Some(email)), "body.contact.email");
    }
}
