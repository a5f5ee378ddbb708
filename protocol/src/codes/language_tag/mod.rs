//! Language tags, checked by the rule `docs/PROTOCOL.md` states in full:
//!
//! 1. well-formed per RFC 5646 section 2.1 (its ABNF, read case-insensitively,
//!    grandfathered and private-use `x-…` tags included);
//! 2. valid per section 2.2.9 against the IANA Language Subtag Registry of
//!    `protocol/data/language-subtag-registry.csv`: every language, extended
//!    language, script, region and variant subtag registered (private-use
//!    ranges such as `qaa..qtz` included, deprecated subtags too), each
//!    extended language after its one `Prefix`, no variant and no singleton
//!    twice. Variant prefixes are not checked (section 2.2.5 makes them a
//!    SHOULD), nor the contents of extensions;
//! 3. written in the canonical case of section 2.1.1 (`sv`, `en-GB`,
//!    `sr-Latn`), a rule of vetnet's: tags are case-insensitive, but records
//!    carry one spelling so that they compare as bytes.

mod registry;
mod syntax;

use registry::{REGISTRY, SubtagType};

/// Why a language tag is refused. Each message is the rule the tag breaks, in
/// words an admin can act on.
#[derive(Debug, Clone, PartialEq, Eq, thiserror::Error)]
pub enum LanguageTagError {
    /// Not a BCP 47 tag at all (RFC 5646 section 2.1).
    #[error("must be a well-formed BCP 47 language tag (RFC 5646), like sv, en or en-GB: {reason} (got {tag:?})")]
    NotWellFormed {
        /// The tag as given.
        tag: String,
        /// What is wrong, in words.
        reason: String,
    },
    /// A subtag that the registry does not hold.
    #[error(
        "must be a registered language tag: the {kind} subtag {subtag:?} is not in the IANA Language Subtag Registry of {file_date} (got {tag:?})"
    )]
    Unregistered {
        /// The tag as given.
        tag: String,
        /// `language`, `extended language`, `script`, `region` or `variant`.
        kind: &'static str,
        /// The subtag as given.
        subtag: String,
        /// The registry's File-Date.
        file_date: &'static str,
    },
    /// An extended language subtag after the wrong language.
    #[error(
        "must be a registered language tag: the extended language subtag {extlang:?} goes only after {prefix:?} (got {tag:?})"
    )]
    ExtlangPrefix {
        /// The tag as given.
        tag: String,
        /// The extended language subtag.
        extlang: String,
        /// The language it must follow.
        prefix: String,
    },
    /// The same variant twice (`de-1901-1901`).
    #[error("must not repeat the variant {variant:?} (got {tag:?})")]
    DuplicateVariant {
        /// The tag as given.
        tag: String,
        /// The variant.
        variant: String,
    },
    /// The same extension singleton twice (`en-u-ca-u-nu`).
    #[error("must not repeat the extension {singleton:?} (got {tag:?})")]
    DuplicateExtension {
        /// The tag as given.
        tag: String,
        /// The singleton.
        singleton: String,
    },
    /// A valid tag in another case than the canonical one.
    #[error("must be written `{canonical}` (language tags are case-insensitive, but records carry the canonical case)")]
    NotCanonicalCase {
        /// The tag in canonical case.
        canonical: String,
    },
}

/// The File-Date of the bundled IANA Language Subtag Registry, such as
/// `2025-08-25`.
pub fn registry_file_date() -> &'static str {
    REGISTRY.file_date
}

/// Checks `tag` by the three rules above, in that order: the first rule it
/// breaks is the error.
pub fn check(tag: &str) -> Result<(), LanguageTagError> {
    let canonical = match REGISTRY.grandfathered(tag) {
        Some(registered) => registered.to_owned(),
        None => {
            let subtags = syntax::parse(tag)?;
            check_registered(tag, &subtags)?;
            syntax::canonical_case(&subtags)
        }
    };
    if canonical == tag { Ok(()) } else { Err(LanguageTagError::NotCanonicalCase { canonical }) }
}

/// Is `tag` a valid language tag in canonical case?
pub fn is_language(tag: &str) -> bool {
    check(tag).is_ok()
}

/// The validity rules of RFC 5646 section 2.2.9 for a well-formed tag.
fn check_registered(tag: &str, subtags: &syntax::Subtags<'_>) -> Result<(), LanguageTagError> {
    let unregistered = |kind: SubtagType, subtag: &str| LanguageTagError::Unregistered {
        tag: tag.to_owned(),
        kind: kind.name(),
        subtag: subtag.to_owned(),
        file_date: REGISTRY.file_date,
    };
    let registered =
        |kind: SubtagType, subtag: &str| REGISTRY.prefixes(kind, subtag).ok_or_else(|| unregistered(kind, subtag));
    if !subtags.language.is_empty() {
        registered(SubtagType::Language, subtags.language)?;
    }
    let mut before = subtags.language.to_ascii_lowercase();
    for extlang in &subtags.extlangs {
        let prefixes = registered(SubtagType::Extlang, extlang)?;
        if !prefixes.contains(&before) {
            return Err(LanguageTagError::ExtlangPrefix {
                tag: tag.to_owned(),
                extlang: (*extlang).to_owned(),
                prefix: prefixes.join(" or "),
            });
        }
        before = format!("{before}-{}", extlang.to_ascii_lowercase());
    }
    if let Some(script) = subtags.script {
        registered(SubtagType::Script, script)?;
    }
    if let Some(region) = subtags.region {
        registered(SubtagType::Region, region)?;
    }
    let mut seen = Vec::new();
    for variant in &subtags.variants {
        registered(SubtagType::Variant, variant)?;
        let lower = variant.to_ascii_lowercase();
        if seen.contains(&lower) {
            return Err(LanguageTagError::DuplicateVariant { tag: tag.to_owned(), variant: (*variant).to_owned() });
        }
        seen.push(lower);
    }
    let mut seen = Vec::new();
    for (singleton, _) in &subtags.extensions {
        let lower = singleton.to_ascii_lowercase();
        if seen.contains(&lower) {
            return Err(LanguageTagError::DuplicateExtension {
                tag: tag.to_owned(),
                singleton: (*singleton).to_owned(),
            });
        }
        seen.push(lower);
    }
    Ok(())
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn the_languages_of_the_region_and_their_forms() {
        for ok in ["sv", "en", "en-GB", "de", "fi", "et", "lv", "lt", "pl", "da", "nb", "nn", "is", "se", "sr-Latn"] {
            assert_eq!(check(ok), Ok(()), "{ok}");
        }
        for bad in ["xx", "english", "", "en_GB", "zz-ZZ", "EN"] {
            assert!(check(bad).is_err(), "{bad}");
        }
    }
}
