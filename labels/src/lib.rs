//! Labels of vetnet's code lists in the ten languages of the Baltic Sea
//! region (en, sv, de, fi, et, lv, lt, pl, da, nb), so a user interface shows
//! "Sverige" or "Deutschland", never a raw `SE` or `DE`.
//!
//! The labels are data, compiled in: `data/countries.tsv` and
//! `data/languages.tsv` are written by `generate.sh` from Debian's iso-codes
//! (ISO 3166-1 and ISO 639 names and their translations), `data/isced_f.tsv`
//! from protocol's ISCED-F list, and the NACE Rev. 2, CEFR and EQF files by
//! hand, in English only: a list has labels in a language only where a real
//! source for them exists, and [`languages_of`] says which. Anything else
//! falls back to English.
//!
//! Each file is parsed once, on first use. The crate has no dependencies and
//! does no I/O.
//!
//! ```
//! use vetnet_labels::{CodeList, entries, label, languages_of};
//!
//! assert_eq!(label(CodeList::Country, "SE", "sv-FI"), Some("Sverige"));
//! assert_eq!(label(CodeList::Country, "SE", "fr"), Some("Sweden"));
//! let picker = entries(CodeList::Country, "sv");
//! assert_eq!(picker.last(), Some(&("TL", "Östtimor"))); // Å, Ä, Ö come after Z
//! assert_eq!(languages_of(CodeList::Nace), ["en"]);
//! ```

mod collation;
mod table;

use table::Table;

/// The code lists vetnet labels.
#[derive(Clone, Copy, Debug, PartialEq, Eq, Hash)]
pub enum CodeList {
    /// ISO 3166-1 alpha-2 country codes (`SE`), plus `XK` for Kosovo.
    Country,
    /// ISO 639-1 two-letter language codes, the primary subtags of BCP 47 (`sv`).
    Language,
    /// ISCED-F 2013 fields of education: broad (`07`), narrow (`071`) and detailed (`0715`).
    IscedF,
    /// NACE Rev. 2 sections (`C`) and divisions (`C25`).
    Nace,
    /// CEFR language levels, `A1` to `C2`.
    Cefr,
    /// EQF levels, `1` to `8`.
    Eqf,
}

impl CodeList {
    /// Every list, for code that walks them all.
    pub const ALL: [CodeList; 6] =
        [CodeList::Country, CodeList::Language, CodeList::IscedF, CodeList::Nace, CodeList::Cefr, CodeList::Eqf];
}

/// The ten languages of the region, English (the fallback) first.
const REGION: &[&str] = &["en", "sv", "de", "fi", "et", "lv", "lt", "pl", "da", "nb"];

/// The lists whose labels exist only in English: there is no source for
/// their translations offline, and none is invented.
const ENGLISH_ONLY: &[&str] = &["en"];

/// The label of `code` in `lang` (a BCP 47 tag; falls back to its primary subtag, then to English).
///
/// Codes are matched exactly as vetnet writes them (`SE`, `sv`, `C25`, `7`);
/// the language tag is matched without regard to case. `None` means the code
/// is not in the list.
pub fn label(list: CodeList, code: &str, lang: &str) -> Option<&'static str> {
    let table = Table::of(list);
    table.label(table.row(code)?, table.column(lang))
}

/// Every code of the list with its label in `lang`, sorted by label in that language's order
/// (a simple locale-aware key: fold å/ä/ö per language where it matters is enough), as (code, label).
///
/// Labels that fall back to English are sorted among the others by the
/// reader's language. Equal keys are ordered by label, then by code, so the
/// order is always the same.
pub fn entries(list: CodeList, lang: &str) -> Vec<(&'static str, &'static str)> {
    let table = Table::of(list);
    let column = table.column(lang);
    let order = collation::Order::of(lang);
    let mut entries: Vec<_> = table
        .rows()
        .iter()
        .filter_map(|row| table.label(row, column).map(|label| (row.code, label)))
        .map(|(code, label)| (order.key(label), label, code))
        .collect();
    entries.sort_unstable();
    entries.into_iter().map(|(_, label, code)| (code, label)).collect()
}

/// The languages that have labels of their own for `list` (so the UI can say where English is shown).
///
/// For countries and languages that is all ten, though a few codes lack a
/// translation in some of them (a country renamed recently, a rare language
/// in Norwegian Bokmål) and show English; the other lists are English only.
pub fn languages_of(list: CodeList) -> &'static [&'static str] {
    match list {
        CodeList::Country | CodeList::Language => REGION,
        CodeList::IscedF | CodeList::Nace | CodeList::Cefr | CodeList::Eqf => ENGLISH_ONLY,
    }
}

/// The primary language subtag of a BCP 47 tag (`sv` of `sv-FI`), also
/// accepting the POSIX locale form `sv_FI`.
fn primary_subtag(lang: &str) -> &str {
    lang.split(['-', '_']).next().unwrap_or(lang)
}

#[cfg(test)]
mod tests;
