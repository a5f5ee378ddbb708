//! Every code vetnet-protocol accepts has a label, and every labelled code is
//! one protocol accepts, for each list (within the levels this crate labels:
//! NACE sections and divisions, two-letter language codes).

use std::collections::BTreeSet;

use vetnet_labels::{CodeList, entries};
use vetnet_protocol::codes;

fn labelled(list: CodeList) -> BTreeSet<String> {
    entries(list, "en").into_iter().map(|(code, _)| code.to_owned()).collect()
}

/// Every string of `len` characters from `alphabet`.
fn all_strings(alphabet: &[char], len: usize) -> Vec<String> {
    (0..len).fold(vec![String::new()], |prefixes, _| {
        prefixes.iter().flat_map(|prefix| alphabet.iter().map(move |c| format!("{prefix}{c}"))).collect()
    })
}

fn assert_same(list: CodeList, accepted: BTreeSet<String>) {
    let labelled = labelled(list);
    let unlabelled: Vec<_> = accepted.difference(&labelled).collect();
    let refused: Vec<_> = labelled.difference(&accepted).collect();
    assert!(unlabelled.is_empty(), "{list:?}: protocol accepts these codes without a label: {unlabelled:?}");
    assert!(refused.is_empty(), "{list:?}: labelled codes that protocol refuses: {refused:?}");
}

const UPPER: [char; 26] = [
    'A', 'B', 'C', 'D', 'E', 'F', 'G', 'H', 'I', 'J', 'K', 'L', 'M', 'N', 'O', 'P', 'Q', 'R', 'S', 'T', 'U', 'V', 'W',
    'X', 'Y', 'Z',
];
const DIGITS: [char; 10] = ['0', '1', '2', '3', '4', '5', '6', '7', '8', '9'];

#[test]
fn every_country_protocol_accepts_has_a_label_and_vice_versa() {
    let accepted: BTreeSet<String> = all_strings(&UPPER, 2).into_iter().filter(|c| codes::is_country(c)).collect();
    assert_eq!(accepted.len(), 250);
    assert_same(CodeList::Country, accepted);
}

#[test]
fn every_two_letter_language_protocol_accepts_has_a_label_and_vice_versa() {
    let lower: Vec<char> = UPPER.iter().map(char::to_ascii_lowercase).collect();
    let accepted: BTreeSet<String> = all_strings(&lower, 2)
        .into_iter()
        .filter(|c| codes::is_language(c))
        .filter(|c| !DEPRECATED_LANGUAGES.contains(&c.as_str()))
        .collect();
    assert_same(CodeList::Language, accepted);
}

/// Two-letter subtags the IANA registry keeps but deprecates in favour of
/// another code (`iw` for `he`; `bh`, a collection, for its languages): a
/// picker offers the current code only. iso-codes lists none of them.
const DEPRECATED_LANGUAGES: &[&str] = &["bh", "in", "iw", "ji", "jw", "mo"];

#[test]
fn no_two_letter_code_is_private_use() {
    // The private-use range `qaa`…`qtz` is of three letters: protocol refuses
    // `qa`…`qt`, and no ISO 639-1 code is there.
    for code in ["qa", "qb", "qq", "qt"] {
        assert!(!codes::is_language(code), "{code}");
    }
    assert!(codes::is_language("qaa") && codes::is_language("qtz"));
    assert!(entries(CodeList::Language, "en").contains(&("qu", "Quechua")));
}

#[test]
fn every_isced_f_field_protocol_accepts_has_a_label_and_vice_versa() {
    let accepted: BTreeSet<String> =
        (2..=4).flat_map(|len| all_strings(&DIGITS, len)).filter(|c| codes::is_isced_f(c)).collect();
    assert_same(CodeList::IscedF, accepted);
    for (code, label) in entries(CodeList::IscedF, "en") {
        if let Some(name) = codes::isced_f_name(code) {
            assert_eq!(label, name, "{code}: the detailed field's name is protocol's");
        }
    }
}

#[test]
fn every_nace_section_and_division_protocol_accepts_has_a_label_and_vice_versa() {
    let divisions = UPPER.iter().flat_map(|s| all_strings(&DIGITS, 2).into_iter().map(move |d| format!("{s}{d}")));
    let accepted: BTreeSet<String> =
        UPPER.iter().map(char::to_string).chain(divisions).filter(|c| codes::is_nace(c)).collect();
    assert_eq!(accepted.len(), 21 + 88, "21 sections and 88 divisions");
    assert_same(CodeList::Nace, accepted);
}

#[test]
fn cefr_and_eqf_levels_match_protocol() {
    assert_same(CodeList::Cefr, codes::CEFR_LEVELS.iter().map(|l| l.to_string()).collect());
    assert_same(CodeList::Eqf, (0..=u8::MAX).filter(|l| codes::is_eqf(*l)).map(|l| l.to_string()).collect());
    let order: Vec<_> = entries(CodeList::Cefr, "en").into_iter().map(|(code, _)| code).collect();
    assert_eq!(order, *codes::CEFR_LEVELS, "sorted by label, the CEFR levels keep their order");
    let order: Vec<_> = entries(CodeList::Eqf, "de").into_iter().map(|(code, _)| code).collect();
    assert_eq!(order, ["1", "2", "3", "4", "5", "6", "7", "8"], "and so do the EQF levels");
}
