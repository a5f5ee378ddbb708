//! Labels for the code lists: countries, languages, ISCED-F fields, NACE
//! sections and divisions, CEFR and EQF levels. A code is always shown with
//! its label and stays visible ("Sverige (SE)", "Mechanics and metal trades
//! (0715)"), never alone.
//!
//! Country and language names come from `vetnet-labels` in the reader's
//! language; ISCED-F and NACE names exist there in English only, which every
//! reader sees. The CEFR and EQF levels are short phrases the message files
//! translate ("B1 (intermediate)", "EQF-nivå 4"), so they come from there.

use vetnet_labels as labels;
use vetnet_protocol::codes;

use super::form::Choice;
use super::i18n::Tr;

#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum CodeList {
    Country,
    Language,
    Isced,
    Nace,
    Cefr,
    Eqf,
}

/// Countries the network's schools are in, offered first.
const BALTIC_SEA: &[&str] = &["DK", "EE", "FI", "DE", "LV", "LT", "NO", "PL", "SE"];
/// Their languages, offered first.
const BALTIC_SEA_LANGUAGES: &[&str] = &["da", "de", "en", "et", "fi", "lt", "lv", "nb", "pl", "sv"];

/// The list of `vetnet-labels` behind one of ours, for the lists it names.
fn labels_list(list: CodeList) -> Option<labels::CodeList> {
    match list {
        CodeList::Country => Some(labels::CodeList::Country),
        CodeList::Language => Some(labels::CodeList::Language),
        CodeList::Isced => Some(labels::CodeList::IscedF),
        CodeList::Nace => Some(labels::CodeList::Nace),
        CodeList::Cefr | CodeList::Eqf => None,
    }
}

/// The name of a code in the reader's language (or English, where the list
/// has no other), without the code; `None` when the list has no name for it.
pub fn name(list: CodeList, code: &str, tr: &Tr) -> Option<String> {
    match list {
        CodeList::Country | CodeList::Isced => labels::label(labels_list(list)?, code, tr.lang()).map(str::to_owned),
        CodeList::Language => {
            let primary = code.split('-').next().unwrap_or(code);
            labels::label(labels::CodeList::Language, primary, tr.lang()).map(str::to_owned)
        }
        CodeList::Nace => labels::label(labels::CodeList::Nace, code, tr.lang())
            .or_else(|| labels::label(labels::CodeList::Nace, code.get(..1)?, tr.lang()))
            .map(str::to_owned),
        CodeList::Cefr => codes::is_cefr(code).then(|| tr.msg(&format!("cefr-{code}"))),
        CodeList::Eqf => {
            code.parse::<u8>().ok().filter(|l| codes::is_eqf(*l)).map(|l| tr.msg1("eqf-level", "level", l))
        }
    }
}

/// "Sverige (SE)": the label a code is shown with.
pub fn label(list: CodeList, code: &str, tr: &Tr) -> String {
    match (list, name(list, code, tr)) {
        (CodeList::Eqf | CodeList::Cefr, Some(name)) => name,
        (_, Some(name)) => format!("{name} ({code})"),
        (_, None) => code.to_owned(),
    }
}

/// The codes a picker offers, in its order: the Baltic Sea countries and
/// languages first, then the rest by label in the reader's language; ISCED-F
/// detailed fields and NACE sections and divisions in code order, so each
/// group stays together.
fn picker_codes(list: CodeList, tr: &Tr) -> Vec<&'static str> {
    let first_of = |first: &[&str], list| {
        let sorted = labels::entries(list, tr.lang());
        let (baltic, rest): (Vec<_>, Vec<_>) = sorted.into_iter().partition(|(code, _)| first.contains(code));
        baltic.into_iter().chain(rest).map(|(code, _)| code).collect()
    };
    let in_code_order = |list| {
        let mut codes: Vec<&'static str> = labels::entries(list, "en").into_iter().map(|(code, _)| code).collect();
        codes.sort_unstable();
        codes
    };
    match list {
        CodeList::Country => first_of(BALTIC_SEA, labels::CodeList::Country),
        CodeList::Language => first_of(BALTIC_SEA_LANGUAGES, labels::CodeList::Language),
        CodeList::Isced => in_code_order(labels::CodeList::IscedF)
            .into_iter()
            .filter(|code| code.len() == 4 && !code.ends_with('0') && !code.ends_with('9'))
            .collect(),
        CodeList::Nace => in_code_order(labels::CodeList::Nace),
        CodeList::Cefr => codes::CEFR_LEVELS.to_vec(),
        CodeList::Eqf => vec!["1", "2", "3", "4", "5", "6", "7", "8"],
    }
}

/// The options of a picker, labelled in the reader's language with the code
/// beside the name (so typing either finds it), `selected` marked.
pub fn choices(list: CodeList, tr: &Tr, selected: &[&str]) -> Vec<Choice> {
    let mut out: Vec<Choice> = picker_codes(list, tr)
        .into_iter()
        .map(|code| Choice { label: label(list, code, tr), selected: selected.contains(&code), value: code.to_owned() })
        .collect();
    // A stored value the list lacks (a regional language tag, a broad ISCED
    // field) is kept as an option, so editing never drops it.
    for value in selected.iter().filter(|v| !v.is_empty()) {
        if !out.iter().any(|c| c.value == *value) {
            out.push(Choice { value: (*value).to_owned(), label: label(list, value, tr), selected: true });
        }
    }
    out
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::dashboard::i18n::{Locales, language_index};
    use std::sync::Arc;

    fn reader(lang: &str) -> Tr {
        Tr::new(Arc::new(Locales::load().unwrap()), language_index(lang).unwrap())
    }

    #[test]
    fn codes_are_shown_with_their_labels_in_the_readers_language() {
        let en = reader("en");
        assert_eq!(label(CodeList::Country, "SE", &en), "Sweden (SE)");
        assert_eq!(label(CodeList::Country, "XK", &en), "Kosovo (XK)");
        assert_eq!(label(CodeList::Language, "sv", &en), "Swedish (sv)");
        assert_eq!(label(CodeList::Language, "sv-FI", &en), "Swedish (sv-FI)");
        assert_eq!(label(CodeList::Nace, "F41", &en), "Construction of buildings (F41)");
        assert_eq!(label(CodeList::Isced, "0715", &en), "Mechanics and metal trades (0715)");
        assert_eq!(label(CodeList::Eqf, "4", &en), "EQF level 4");
        let sv = reader("sv");
        assert_eq!(label(CodeList::Country, "SE", &sv), "Sverige (SE)");
        assert_eq!(label(CodeList::Language, "de", &sv), "Tyska (de)");
        assert_eq!(label(CodeList::Isced, "0715", &sv), "Mechanics and metal trades (0715)", "English only");
        assert_eq!(label(CodeList::Eqf, "4", &sv), "EQF-nivå 4");
        assert_eq!(label(CodeList::Country, "ZZ", &sv), "ZZ");
    }

    #[test]
    fn pickers_offer_the_region_first_and_every_code() {
        let sv = reader("sv");
        let countries = choices(CodeList::Country, &sv, &["SE"]);
        assert_eq!(countries.len(), 250);
        assert!(countries[..BALTIC_SEA.len()].iter().all(|c| BALTIC_SEA.contains(&c.value.as_str())));
        assert!(countries.iter().any(|c| c.value == "SE" && c.selected && c.label == "Sverige (SE)"));
        let isced = choices(CodeList::Isced, &sv, &[]);
        assert!(isced.len() > 70 && isced.iter().all(|c| codes::is_isced_f(&c.value)));
        assert!(isced.windows(2).all(|w| w[0].value < w[1].value), "in code order");
        let nace = choices(CodeList::Nace, &sv, &["C25"]);
        assert!(nace.iter().any(|c| c.value == "C") && nace.iter().any(|c| c.value == "C25" && c.selected));
        let kept = choices(CodeList::Isced, &sv, &["07"]);
        assert!(kept.iter().any(|c| c.value == "07" && c.selected), "a stored broad field is kept");
    }
}
