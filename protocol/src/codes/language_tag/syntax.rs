//! Well-formed language tags: the ABNF of RFC 5646 section 2.1, read
//! case-insensitively. Grandfathered tags are matched whole against the
//! registry before this (see [`super::check`]); everything else is a
//! `langtag` or a private-use tag.

use super::LanguageTagError;

/// The subtags of a well-formed tag, as written (case kept).
#[derive(Debug, Default, PartialEq, Eq)]
pub(super) struct Subtags<'a> {
    /// 2-3 letters (or 4 reserved, or 5-8 registered); empty for a
    /// private-use tag (`x-…`).
    pub language: &'a str,
    /// Up to three extended language subtags of 3 letters.
    pub extlangs: Vec<&'a str>,
    /// 4 letters.
    pub script: Option<&'a str>,
    /// 2 letters or 3 digits.
    pub region: Option<&'a str>,
    /// 5-8 letters and digits, or a digit and 3 letters or digits.
    pub variants: Vec<&'a str>,
    /// Each extension: its singleton and its subtags of 2-8 letters and digits.
    pub extensions: Vec<(&'a str, Vec<&'a str>)>,
    /// The subtags after `x` (1-8 letters and digits each).
    pub private_use: Vec<&'a str>,
}

fn is_alpha(s: &str) -> bool {
    s.bytes().all(|b| b.is_ascii_alphabetic())
}

fn is_digits(s: &str) -> bool {
    s.bytes().all(|b| b.is_ascii_digit())
}

fn is_variant(s: &str) -> bool {
    (5..=8).contains(&s.len()) || (s.len() == 4 && s.as_bytes()[0].is_ascii_digit())
}

/// Reads `tag` per the ABNF, or says what is wrong with it.
pub(super) fn parse(tag: &str) -> Result<Subtags<'_>, LanguageTagError> {
    let not_well_formed = |reason: String| LanguageTagError::NotWellFormed { tag: tag.to_owned(), reason };
    if tag.is_empty() {
        return Err(not_well_formed("it is empty".into()));
    }
    if let Some(c) = tag.chars().find(|c| !c.is_ascii_alphanumeric() && *c != '-') {
        return Err(not_well_formed(format!(
            "{c:?} is not allowed: a tag is subtags of letters A-Z and digits, separated by \"-\""
        )));
    }
    let parts: Vec<&str> = tag.split('-').collect();
    if parts.iter().any(|p| p.is_empty()) {
        return Err(not_well_formed("it has an empty subtag (a \"-\" at the start or end, or two in a row)".into()));
    }
    if let Some(long) = parts.iter().find(|p| p.len() > 8) {
        return Err(not_well_formed(format!("the subtag {long:?} is longer than 8 characters")));
    }
    let mut rest = parts.as_slice();
    let mut subtags = Subtags::default();
    if !rest[0].eq_ignore_ascii_case("x") {
        subtags.language = rest[0];
        if !is_alpha(subtags.language) || subtags.language.len() < 2 {
            return Err(not_well_formed(format!(
                "it must start with a language subtag of 2-8 letters (or x- for private use), not {:?}",
                subtags.language
            )));
        }
        rest = &rest[1..];
        read_langtag(&mut rest, &mut subtags).map_err(|reason| not_well_formed(reason.to_owned()))?;
    }
    if let Some((x, private)) = rest.split_first() {
        if !x.eq_ignore_ascii_case("x") {
            return Err(not_well_formed(format!(
                "the subtag {x:?} is out of place (the order is language, extended languages, script, region, variants, extensions, then x- and private use)"
            )));
        }
        if private.is_empty() {
            return Err(not_well_formed("\"x\" must be followed by at least one private-use subtag".into()));
        }
        subtags.private_use = private.to_vec();
    }
    Ok(subtags)
}

/// The first of `rest` if it `fits`, which is then taken off `rest`.
fn take<'s, 'a>(rest: &mut &'s [&'a str], fits: impl Fn(&str) -> bool) -> Option<&'a str> {
    let slice: &'s [&'a str] = rest;
    let (first, tail) = slice.split_first()?;
    if fits(first) {
        *rest = tail;
        Some(first)
    } else {
        None
    }
}

/// Reads what follows the language subtag, up to a private-use `x` or
/// something out of place, which it leaves in `rest`.
fn read_langtag<'a>(rest: &mut &[&'a str], subtags: &mut Subtags<'a>) -> Result<(), &'static str> {
    if subtags.language.len() <= 3 {
        while subtags.extlangs.len() < 3 {
            let Some(extlang) = take(rest, |s| s.len() == 3 && is_alpha(s)) else { break };
            subtags.extlangs.push(extlang);
        }
    }
    subtags.script = take(rest, |s| s.len() == 4 && is_alpha(s));
    subtags.region = take(rest, |s| (s.len() == 2 && is_alpha(s)) || (s.len() == 3 && is_digits(s)));
    while let Some(variant) = take(rest, is_variant) {
        subtags.variants.push(variant);
    }
    while let Some(singleton) = take(rest, |s| s.len() == 1 && !s.eq_ignore_ascii_case("x")) {
        let mut extension = Vec::new();
        while let Some(subtag) = take(rest, |s| s.len() >= 2) {
            extension.push(subtag);
        }
        if extension.is_empty() {
            return Err("an extension's singleton must be followed by subtags of 2-8 letters and digits");
        }
        subtags.extensions.push((singleton, extension));
    }
    Ok(())
}

/// The tag in the canonical case of RFC 5646 section 2.1.1: lower case,
/// except a script in title case (`Latn`) and a two-letter region in capitals
/// (`GB`); everything after a singleton (extensions, private use) in lower
/// case.
pub(super) fn canonical_case(subtags: &Subtags<'_>) -> String {
    let mut out: Vec<String> = Vec::new();
    if !subtags.language.is_empty() {
        out.push(subtags.language.to_ascii_lowercase());
    }
    out.extend(subtags.extlangs.iter().map(|s| s.to_ascii_lowercase()));
    if let Some(script) = subtags.script {
        let (first, tail) = script.split_at(1);
        out.push(first.to_ascii_uppercase() + &tail.to_ascii_lowercase());
    }
    out.extend(subtags.region.map(str::to_ascii_uppercase));
    out.extend(subtags.variants.iter().map(|s| s.to_ascii_lowercase()));
    for (singleton, extension) in &subtags.extensions {
        out.push(singleton.to_ascii_lowercase());
        out.extend(extension.iter().map(|s| s.to_ascii_lowercase()));
    }
    if !subtags.private_use.is_empty() {
        out.push("x".into());
        out.extend(subtags.private_use.iter().map(|s| s.to_ascii_lowercase()));
    }
    out.join("-")
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn the_parts_of_a_full_tag() {
        let tag = "zh-yue-Hant-HK-1994-u-co-pinyin-t-en-x-a-bcdefgh";
        let subtags = parse(tag).unwrap();
        assert_eq!(subtags.language, "zh");
        assert_eq!(subtags.extlangs, ["yue"]);
        assert_eq!((subtags.script, subtags.region), (Some("Hant"), Some("HK")));
        assert_eq!(subtags.variants, ["1994"]);
        assert_eq!(subtags.extensions, [("u", vec!["co", "pinyin"]), ("t", vec!["en"])]);
        assert_eq!(subtags.private_use, ["a", "bcdefgh"]);
        assert_eq!(canonical_case(&subtags), tag);
    }

    #[test]
    fn well_formed_tags() {
        for ok in ["en", "EN", "english", "es-419", "x-foo", "X-a", "sr-latn-rs", "de-1901", "en-a-bbb-x-a-ccc"] {
            assert!(parse(ok).is_ok(), "{ok}");
        }
        for bad in [
            "",
            "en_GB",
            "en-",
            "-en",
            "en--GB",
            "e",
            "1en",
            "en-GB-oed",
            "x",
            "en-x",
            "en-u",
            "en-u-x-a",
            "abcdefghi",
            "en-GB-GB",
            "en-Latn-Latn",
            "en-a",
            "en-ü",
            "x-abcdefghi",
        ] {
            assert!(parse(bad).is_err(), "{bad}");
        }
    }

    #[test]
    fn canonical_case_follows_section_2_1_1() {
        let canonical = |tag| canonical_case(&parse(tag).unwrap());
        assert_eq!(canonical("EN"), "en");
        assert_eq!(canonical("en-gb"), "en-GB");
        assert_eq!(canonical("SR-LATN"), "sr-Latn");
        assert_eq!(canonical("es-419"), "es-419");
        assert_eq!(canonical("en-A-BbbB-X-Ab-CdeF"), "en-a-bbbb-x-ab-cdef");
        assert_eq!(canonical("X-FOO"), "x-foo");
    }
}
