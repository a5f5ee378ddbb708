//! NUTS 2024, the EU's nomenclature of territorial units for statistics, for
//! the Baltic Sea countries this network serves (DE, DK, EE, FI, IS, LT, LV,
//! NO, PL, SE): every code at levels 0 to 3, bundled from
//! `protocol/data/nuts2024.csv` at build time. A Swedish county (län) is a
//! NUTS 3 region (`SE332` Norrbottens län), a group of counties a NUTS 2
//! region (`SE33` Övre Norrland).
//!
//! A code's level is its length minus two, and every code's parents are its
//! prefixes: `SE332` lies in `SE33`, `SE3` and `SE`. The list is closed: a
//! code not in it is refused, whatever its shape.

use std::collections::BTreeMap;
use std::sync::LazyLock;

/// The bundled list: `code,level,name` per line after a header line. The name
/// is the rest of the line (it may hold commas) and may be empty.
const NUTS_2024_CSV: &str = include_str!("../data/nuts2024.csv");

/// One region of the list.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub struct NutsRegion {
    /// The code, such as `SE332`.
    pub code: &'static str,
    /// 0 (country) to 3.
    pub level: u8,
    /// The name in Latin script, such as `Norrbottens län`; empty where the
    /// bundled list has none.
    pub name: &'static str,
}

static REGIONS: LazyLock<BTreeMap<&'static str, NutsRegion>> = LazyLock::new(|| parse(NUTS_2024_CSV));

/// Parses the bundled list. A line that does not fit (wrong level, a code that
/// is not upper-case letters and digits) is left out; the list's own test
/// checks that none is.
fn parse(csv: &'static str) -> BTreeMap<&'static str, NutsRegion> {
    let mut regions = BTreeMap::new();
    for line in csv.lines().skip(1) {
        let mut parts = line.splitn(3, ',');
        let (Some(code), Some(level), name) = (parts.next(), parts.next(), parts.next()) else { continue };
        let Ok(level) = level.parse::<u8>() else { continue };
        let shaped = code.len() == usize::from(level) + 2
            && code.bytes().all(|b| b.is_ascii_uppercase() || b.is_ascii_digit())
            && code.as_bytes()[..2].iter().all(u8::is_ascii_uppercase);
        if level <= 3 && shaped {
            regions.insert(code, NutsRegion { code, level, name: name.unwrap_or("").trim() });
        }
    }
    regions
}

/// The region `code` names, if it is in the list.
pub fn region(code: &str) -> Option<NutsRegion> {
    REGIONS.get(code).copied()
}

/// Is `code` a NUTS 2024 code of the bundled list, at any level?
pub fn is_nuts(code: &str) -> bool {
    REGIONS.contains_key(code)
}

/// Every region of the list, in code order.
pub fn all() -> impl Iterator<Item = NutsRegion> {
    REGIONS.values().copied()
}

/// The country of a NUTS code: its first two letters (ISO 3166-1 for every
/// country of the list).
pub fn country(code: &str) -> &str {
    code.get(..2).unwrap_or(code)
}

/// `code` and every region it lies in, from the country down: `SE332` gives
/// `SE`, `SE3`, `SE33`, `SE332`.
pub fn with_parents(code: &str) -> impl Iterator<Item = &str> {
    (2..=code.len()).filter_map(move |end| code.get(..end))
}

/// Does the region `code` lie in `region` (or is it `region`)?
pub fn lies_in(code: &str, region: &str) -> bool {
    code.starts_with(region)
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn every_line_of_the_bundled_list_is_read() {
        let lines = NUTS_2024_CSV.lines().skip(1).filter(|l| !l.is_empty()).count();
        assert_eq!(REGIONS.len(), lines, "a line of nuts2024.csv was not understood");
    }

    #[test]
    fn every_region_has_its_parents_in_the_list() {
        for region in all() {
            for parent in with_parents(region.code) {
                assert!(is_nuts(parent), "{} lies in {parent}, which is missing", region.code);
            }
        }
    }

    #[test]
    fn swedish_counties_are_nuts_3() {
        let norrbotten = region("SE332").expect("SE332 is in the list");
        assert_eq!((norrbotten.level, norrbotten.name), (3, "Norrbottens län"));
        assert_eq!(region("SE33").map(|r| r.level), Some(2));
        assert_eq!(region("SE110").map(|r| r.name), Some("Stockholms län"));
        let counties = all().filter(|r| r.code.starts_with("SE") && r.level == 3).count();
        assert_eq!(counties, 21, "Sweden has 21 counties");
        assert!(!is_nuts("SE334"));
        assert!(!is_nuts("FR101"), "only the Baltic Sea countries are bundled");
    }

    #[test]
    fn every_country_of_the_network_is_there() {
        for cc in ["DE", "DK", "EE", "FI", "IS", "LT", "LV", "NO", "PL", "SE"] {
            assert_eq!(region(cc).map(|r| r.level), Some(0), "{cc}");
        }
    }

    #[test]
    fn parents_and_containment() {
        assert_eq!(with_parents("SE332").collect::<Vec<_>>(), ["SE", "SE3", "SE33", "SE332"]);
        assert!(lies_in("SE332", "SE33"));
        assert!(!lies_in("SE321", "SE33"));
        assert_eq!(country("PL911"), "PL");
    }
}
