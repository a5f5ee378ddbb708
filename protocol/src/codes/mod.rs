//! The code lists of the field, checked strictly: ISO 3166-1 countries,
//! BCP 47 languages (against the IANA registry), CEFR levels, ISCED-F 2013
//! fields of education, NACE Rev. 2 sectors, ESCO and ISCO-08 occupations,
//! ESCO skills and EQF levels.
//!
//! Each closed list is a file of `protocol/data` (see its README), compiled in
//! with `include_str!` and read once, on first use: the files are the one
//! source of the lists, and `docs/PROTOCOL.md` names each. ESCO, ISCO-08 and
//! currencies are checked by their form only.

mod country;
mod data_file;
mod isced;
pub mod language_tag;
mod levels;
mod nace;

pub use country::{Country, countries, is_country};
pub use isced::{is_isced_f, isced_f_name};
pub use language_tag::{LanguageTagError, is_language};
pub use levels::{CEFR_LEVELS, is_cefr, is_eqf};
pub use nace::is_nace;

const ESCO_OCCUPATION_PREFIX: &str = "http://data.europa.eu/esco/occupation/";
const ESCO_SKILL_PREFIX: &str = "http://data.europa.eu/esco/skill/";

/// Is `s` a lower-case hyphenated UUID, as ESCO concept URIs end with?
pub fn is_uuid(s: &str) -> bool {
    let groups: Vec<&str> = s.split('-').collect();
    groups.len() == 5
        && groups
            .iter()
            .zip([8, 4, 4, 4, 12])
            .all(|(g, len)| g.len() == len && g.bytes().all(|b| b.is_ascii_digit() || (b'a'..=b'f').contains(&b)))
}

/// An occupation: an ESCO occupation URI or a 4-digit ISCO-08 unit group.
pub fn is_occupation(s: &str) -> bool {
    if let Some(uuid) = s.strip_prefix(ESCO_OCCUPATION_PREFIX) {
        return is_uuid(uuid);
    }
    s.len() == 4 && s.bytes().all(|b| b.is_ascii_digit())
}

/// An ESCO occupation URI, `http://data.europa.eu/esco/occupation/<uuid>`.
pub fn is_esco_occupation(s: &str) -> bool {
    s.strip_prefix(ESCO_OCCUPATION_PREFIX).is_some_and(is_uuid)
}

/// An ISCO-08 code at any level: a major group (1 digit), sub-major (2),
/// minor (3) or unit group (4 digits). Each level's code is the prefix of the
/// next, so `7` holds `7112`.
pub fn is_isco(s: &str) -> bool {
    (1..=4).contains(&s.len()) && s.bytes().all(|b| b.is_ascii_digit())
}

/// An ESCO skill or competence URI.
pub fn is_esco_skill(s: &str) -> bool {
    s.strip_prefix(ESCO_SKILL_PREFIX).is_some_and(is_uuid)
}

/// An ISO 4217 currency code: three upper-case letters. (The registered list
/// changes; the form is checked, and the Baltic Sea currencies are common.)
pub fn is_currency(code: &str) -> bool {
    code.len() == 3 && code.bytes().all(|b| b.is_ascii_uppercase())
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn esco_and_isco() {
        assert!(is_occupation("7212"));
        assert!(is_occupation("http://data.europa.eu/esco/occupation/f2b15a0e-e65a-438a-affb-29b9d50b77d1"));
        assert!(!is_occupation("welder"));
        assert!(is_esco_skill("http://data.europa.eu/esco/skill/0e2b5a5d-1d4c-4b0e-8e8c-8a0e0f0f0f0f"));
        assert!(!is_esco_skill("http://data.europa.eu/esco/skill/nope"));
    }
}
