//! The IANA Language Subtag Registry, from
//! `protocol/data/language-subtag-registry.csv`: every record's type, subtag
//! (or tag, or range), prefixes, preferred value and deprecation date. The
//! registry is matched case-insensitively, so everything here is kept in
//! lower case, except each grandfathered tag's canonical form.

use std::collections::BTreeMap;
use std::sync::LazyLock;

use crate::codes::data_file;

/// `type,subtag,prefix,preferred_value,deprecated` after a comment line
/// `# File-Date: YYYY-MM-DD`.
const REGISTRY_CSV: &str = include_str!("../../../data/language-subtag-registry.csv");

/// The kinds of subtag a tag is checked against.
#[derive(Debug, Clone, Copy, PartialEq, Eq, PartialOrd, Ord)]
pub(super) enum SubtagType {
    Language,
    Extlang,
    Script,
    Region,
    Variant,
}

impl SubtagType {
    fn from_registry(name: &str) -> Option<Self> {
        Some(match name {
            "language" => Self::Language,
            "extlang" => Self::Extlang,
            "script" => Self::Script,
            "region" => Self::Region,
            "variant" => Self::Variant,
            _ => return None,
        })
    }

    /// The name RFC 5646 gives it, for error messages.
    pub(super) fn name(self) -> &'static str {
        match self {
            Self::Language => "language",
            Self::Extlang => "extended language",
            Self::Script => "script",
            Self::Region => "region",
            Self::Variant => "variant",
        }
    }
}

/// The registry as read from the bundled file.
pub(super) struct Registry {
    /// The registry's File-Date, such as `2025-08-25`.
    pub file_date: &'static str,
    /// Every registered subtag, ranges expanded, in lower case, with its
    /// `Prefix` fields in lower case (extended languages have exactly one).
    subtags: BTreeMap<(SubtagType, String), Vec<String>>,
    /// Grandfathered tags: lower case to the registry's form.
    grandfathered: BTreeMap<String, &'static str>,
}

pub(super) static REGISTRY: LazyLock<Registry> = LazyLock::new(|| read(REGISTRY_CSV));

fn read(text: &'static str) -> Registry {
    let file_date = text
        .lines()
        .take_while(|line| line.starts_with('#'))
        .find_map(|line| line.strip_prefix("# File-Date: "))
        .unwrap_or_default()
        .trim();
    let mut registry = Registry { file_date, subtags: BTreeMap::new(), grandfathered: BTreeMap::new() };
    for [kind, subtag, prefix, _preferred, _deprecated] in data_file::records(text) {
        match kind {
            "grandfathered" => {
                registry.grandfathered.insert(subtag.to_ascii_lowercase(), subtag);
            }
            // A redundant tag is made of registered subtags, so it is valid
            // anyway; its record is informative.
            "redundant" => {}
            _ => {
                let Some(kind) = SubtagType::from_registry(kind) else { continue };
                let prefixes: Vec<String> = prefix.split_whitespace().map(str::to_ascii_lowercase).collect();
                for subtag in expand(subtag) {
                    registry.subtags.insert((kind, subtag), prefixes.clone());
                }
            }
        }
    }
    registry
}

/// A subtag, or every subtag of a range such as `qaa..qtz`, in lower case.
/// A range holds the strings of its bounds' length between them in
/// alphabetical order, letter by letter: `qaa..qtz` holds `qaa`, `qab`, …,
/// `qaz`, `qba`, …, `qtz` (520 subtags), and neither `qa` nor `qq`.
fn expand(subtag: &str) -> Vec<String> {
    let Some((low, high)) = subtag.split_once("..") else { return vec![subtag.to_ascii_lowercase()] };
    let (low, high) = (low.to_ascii_lowercase().into_bytes(), high.to_ascii_lowercase().into_bytes());
    let fits = low.len() == high.len() && low <= high && low.iter().chain(&high).all(u8::is_ascii_lowercase);
    if !fits {
        return Vec::new();
    }
    let mut all = Vec::new();
    let mut current = low;
    loop {
        all.push(String::from_utf8_lossy(&current).into_owned());
        if current == high {
            return all;
        }
        // The next string: the last letter that is not `z` goes up by one,
        // the letters after it go back to `a`.
        let Some(last) = current.iter().rposition(|b| *b != b'z') else { return all };
        current[last] += 1;
        current[last + 1..].fill(b'a');
    }
}

impl Registry {
    /// The `Prefix` fields of `subtag` (any case) if it is registered as `kind`.
    pub(super) fn prefixes(&self, kind: SubtagType, subtag: &str) -> Option<&[String]> {
        self.subtags.get(&(kind, subtag.to_ascii_lowercase())).map(Vec::as_slice)
    }

    /// The registry's form of `tag` (any case) if it is a grandfathered tag.
    pub(super) fn grandfathered(&self, tag: &str) -> Option<&'static str> {
        self.grandfathered.get(&tag.to_ascii_lowercase()).copied()
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn every_record_is_read() {
        let records = data_file::lines(REGISTRY_CSV).count();
        let ranges = data_file::records::<2>(REGISTRY_CSV).filter(|[_, s]| s.contains("..")).count();
        let redundant = data_file::records::<2>(REGISTRY_CSV).filter(|[kind, _]| *kind == "redundant").count();
        let read = REGISTRY.subtags.len() + REGISTRY.grandfathered.len() + redundant;
        // Each range is one record that expands to many subtags: 520 + 50 + 14 + 26.
        assert_eq!(ranges, 4);
        assert_eq!(read, records - ranges + 520 + 50 + 14 + 26);
        assert_eq!(REGISTRY.file_date, "2025-08-25");
        assert_eq!(REGISTRY.grandfathered.len(), 26);
    }

    #[test]
    fn ranges_hold_the_strings_of_their_length_between_their_bounds() {
        let private = expand("qaa..qtz");
        assert_eq!(private.len(), 20 * 26);
        assert_eq!(
            (private.first().map(String::as_str), private.last().map(String::as_str)),
            (Some("qaa"), Some("qtz"))
        );
        assert!(private.iter().any(|s| s == "qbz") && !private.iter().any(|s| s == "qq" || s == "qua"));
        assert_eq!(expand("Qaaa..Qabx").len(), 26 + 24);
        assert_eq!(
            expand("QM..QZ"),
            ["qm", "qn", "qo", "qp", "qq", "qr", "qs", "qt", "qu", "qv", "qw", "qx", "qy", "qz"]
        );
        assert!(expand("b..aa").is_empty());
    }

    #[test]
    fn lookups_ignore_case() {
        assert!(REGISTRY.prefixes(SubtagType::Language, "SV").is_some());
        assert!(REGISTRY.prefixes(SubtagType::Script, "LATN").is_some());
        assert_eq!(REGISTRY.prefixes(SubtagType::Extlang, "YUE").map(<[String]>::to_vec), Some(vec!["zh".to_owned()]));
        assert_eq!(REGISTRY.grandfathered("I-KLINGON"), Some("i-klingon"));
        assert_eq!(REGISTRY.grandfathered("sgn-be-fr"), Some("sgn-BE-FR"));
    }
}
