//! Labels for the code lists: countries, languages, ISCED-F fields, NACE
//! sections, CEFR and EQF levels. A code is always shown with its label
//! ("Sweden (SE)"), never alone. Country, language and NACE names are
//! English for now (`node/assets/codes-en.tsv`, from Debian's iso-codes);
//! ISCED-F names come from `vetnet_protocol::codes`; the levels are
//! translated in the message files.

use std::collections::HashMap;
use std::sync::LazyLock;

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

struct Names {
    by_list: HashMap<(&'static str, &'static str), &'static str>,
    countries: Vec<&'static str>,
    languages: Vec<&'static str>,
    nace: Vec<&'static str>,
}

static NAMES: LazyLock<Names> = LazyLock::new(|| {
    let mut names = Names { by_list: HashMap::new(), countries: Vec::new(), languages: Vec::new(), nace: Vec::new() };
    for line in include_str!("../../assets/codes-en.tsv").lines().filter(|l| !l.starts_with('#')) {
        let mut parts = line.splitn(3, '\t');
        let (Some(list), Some(code), Some(name)) = (parts.next(), parts.next(), parts.next()) else { continue };
        names.by_list.insert((list, code), name);
        match list {
            "country" => names.countries.push(code),
            "language" => names.languages.push(code),
            "nace" => names.nace.push(code),
            _ => {}
        }
    }
    names
});

/// The name of a code, without the code; `None` when the list has no name for it.
pub fn name(list: CodeList, code: &str, tr: &Tr) -> Option<String> {
    match list {
        CodeList::Country => NAMES.by_list.get(&("country", code)).map(|n| (*n).to_owned()),
        CodeList::Language => {
            let primary = code.split('-').next().unwrap_or(code);
            NAMES.by_list.get(&("language", primary)).map(|n| (*n).to_owned())
        }
        CodeList::Nace => {
            let section = code.get(..1).unwrap_or(code);
            NAMES.by_list.get(&("nace", section)).map(|n| (*n).to_owned())
        }
        CodeList::Isced => isced_name(code),
        CodeList::Cefr => codes::is_cefr(code).then(|| tr.msg(&format!("cefr-{code}"))),
        CodeList::Eqf => {
            code.parse::<u8>().ok().filter(|l| codes::is_eqf(*l)).map(|l| tr.msg1("eqf-level", "level", l))
        }
    }
}

/// The ISCED-F name of a detailed field, or of the first detailed field a
/// broad or narrow one holds, marked as the group it is.
fn isced_name(code: &str) -> Option<String> {
    if let Some(name) = codes::isced_f_name(code) {
        return Some(name.to_owned());
    }
    match code {
        "99" | "999" | "9999" => Some("Field unknown".to_owned()),
        _ if code.len() == 4 && code.ends_with('0') => {
            codes::isced_f_name(&format!("{}1", &code[..3])).map(|n| format!("{n} (not further defined)"))
        }
        _ if code.len() == 4 && code.ends_with('9') => Some("Not elsewhere classified".to_owned()),
        _ => None,
    }
}

/// "Sweden (SE)": the label a code is shown with.
pub fn label(list: CodeList, code: &str, tr: &Tr) -> String {
    match (list, name(list, code, tr)) {
        (CodeList::Eqf | CodeList::Cefr, Some(name)) => name,
        (_, Some(name)) => format!("{name} ({code})"),
        (_, None) => code.to_owned(),
    }
}

/// The detailed ISCED-F fields, in code order.
fn isced_codes() -> Vec<String> {
    let mut codes_found = Vec::new();
    for broad in 0..=10u32 {
        for narrow in 0..=9u32 {
            for detailed in 1..=8u32 {
                let code = format!("{broad:02}{narrow}{detailed}");
                if codes::isced_f_name(&code).is_some() {
                    codes_found.push(code);
                }
            }
        }
    }
    codes_found
}

static ISCED: LazyLock<Vec<String>> = LazyLock::new(isced_codes);

/// The options of a picker, labelled, with `selected` marked. The lists the
/// network's schools use most (Baltic Sea countries and languages) come first.
pub fn choices(list: CodeList, tr: &Tr, selected: &[&str]) -> Vec<Choice> {
    let codes: Vec<String> = match list {
        CodeList::Country => ordered(BALTIC_SEA, &NAMES.countries),
        CodeList::Language => ordered(BALTIC_SEA_LANGUAGES, &NAMES.languages),
        CodeList::Nace => NAMES.nace.iter().map(|c| (*c).to_owned()).collect(),
        CodeList::Isced => ISCED.clone(),
        CodeList::Cefr => codes::CEFR_LEVELS.iter().map(|c| (*c).to_owned()).collect(),
        CodeList::Eqf => (1..=8).map(|l: u8| l.to_string()).collect(),
    };
    let mut out: Vec<Choice> = codes
        .into_iter()
        .map(|code| Choice { label: label(list, &code, tr), selected: selected.contains(&code.as_str()), value: code })
        .collect();
    // A stored value the list lacks (a NACE division, a regional language
    // tag) is kept as an option, so editing never drops it.
    for value in selected.iter().filter(|v| !v.is_empty()) {
        if !out.iter().any(|c| c.value == *value) {
            out.push(Choice { value: (*value).to_owned(), label: label(list, value, tr), selected: true });
        }
    }
    out
}

/// The `first` codes, then every other code of `all` sorted by label.
fn ordered(first: &[&str], all: &[&'static str]) -> Vec<String> {
    let mut rest: Vec<&str> = all.iter().copied().filter(|c| !first.contains(c)).collect();
    rest.sort_by_key(|c| NAMES.by_list.get(&("country", *c)).or_else(|| NAMES.by_list.get(&("language", *c))).copied());
    first.iter().copied().chain(rest).map(str::to_owned).collect()
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::dashboard::i18n::Locales;
    use std::sync::Arc;

    #[test]
    fn codes_are_shown_with_their_labels() {
        let tr = Tr::new(Arc::new(Locales::load().unwrap()), 0);
        assert_eq!(label(CodeList::Country, "SE", &tr), "Sweden (SE)");
        assert_eq!(label(CodeList::Country, "XK", &tr), "Kosovo (XK)");
        assert_eq!(label(CodeList::Language, "sv", &tr), "Swedish (sv)");
        assert_eq!(label(CodeList::Nace, "F41", &tr), "Construction (F41)");
        assert_eq!(label(CodeList::Isced, "0715", &tr), "Mechanics and metal trades (0715)");
        assert_eq!(label(CodeList::Eqf, "4", &tr), "EQF level 4");
        assert!(NAMES.countries.iter().all(|c| codes::is_country(c)), "every named country is a code");
        assert_eq!(NAMES.countries.len(), 250);
        assert!(ISCED.len() > 70);
    }
}
